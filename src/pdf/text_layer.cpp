#include "pdf/text_layer.h"

#include "base/utf8.h"

namespace nashr {

void text_on_spacing_glyphs(const std::vector<PlacedGlyph>& glyphs, std::vector<GlyphText>& texts) {
  const std::size_t count = glyphs.size();
  texts.resize(count);
  if (count == 0) return;
  // One pass: each glyph's text is copied just before the glyph on its left is looked at.
  texts[0] = glyphs[0].text;
  for (std::size_t i = 0; i < count; ++i) {
    if (i + 1 < count) texts[i + 1] = glyphs[i + 1].text;
    if (texts[i].empty() || glyphs[i].x_advance != 0) continue;
    for (std::size_t j : {i + 1, i - 1}) {
      if (j < count && texts[j].empty() && glyphs[j].x_advance > 0) {
        texts[j] = texts[i];
        texts[i] = GlyphText{};
        break;
      }
    }
  }
}

namespace {

// One UTF-16BE code unit: four hex digits, or two raw bytes of a literal string with the string's
// delimiters, its escape character and CR escaped.
void append_unit(std::string& out, unsigned value, bool literal) {
  static const char digits[] = "0123456789ABCDEF";
  if (!literal) {
    for (int shift = 12; shift >= 0; shift -= 4) out += digits[(value >> shift) & 15];
    return;
  }
  for (const unsigned byte : {(value >> 8) & 0xFF, value & 0xFF}) {
    if (byte == '(' || byte == ')' || byte == '\\') {
      out += '\\';
      out += static_cast<char>(byte);
    } else if (byte == '\r') {
      out += "\\r";
    } else {
      out += static_cast<char>(byte);
    }
  }
}

void append_utf16be(std::string& out, char32_t c, bool literal) {
  if (c < 0x10000) {
    append_unit(out, static_cast<unsigned>(c), literal);
  } else {
    const unsigned offset = static_cast<unsigned>(c) - 0x10000;
    append_unit(out, 0xD800 + (offset >> 10), literal);
    append_unit(out, 0xDC00 + (offset & 0x3FF), literal);
  }
}

}  // namespace

void append_rtl_actual_text(const std::vector<PlacedGlyph>& glyphs, bool literal, std::string& out) {
  out += literal ? '(' : '<';
  append_unit(out, 0xFEFF, literal);
  for (const PlacedGlyph& glyph : glyphs) {
    // A glyph's text (a cluster) is written last code point first: from its end, back to each
    // code point's lead byte.
    const std::string_view text = glyph.text.view();
    for (std::size_t end = text.size(); end > 0;) {
      std::size_t start = end - 1;
      while (start > 0 && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) --start;
      std::size_t at = start;
      append_utf16be(out, next_code_point(text.substr(0, end), at), literal);
      end = start;
    }
  }
  out += literal ? ')' : '>';
}

}  // namespace nashr
