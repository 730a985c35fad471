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

void append_utf16be_hex(std::string& out, char32_t c) {
  static const char digits[] = "0123456789ABCDEF";
  auto unit = [&](unsigned value) {
    for (int shift = 12; shift >= 0; shift -= 4) out += digits[(value >> shift) & 15];
  };
  if (c < 0x10000) {
    unit(static_cast<unsigned>(c));
  } else {
    const unsigned offset = static_cast<unsigned>(c) - 0x10000;
    unit(0xD800 + (offset >> 10));
    unit(0xDC00 + (offset & 0x3FF));
  }
}

}  // namespace

void append_rtl_actual_text(const std::vector<PlacedGlyph>& glyphs, std::string& out) {
  out += "FEFF";
  for (const PlacedGlyph& glyph : glyphs) {
    // A glyph's text (a cluster) is written last code point first: from its end, back to each
    // code point's lead byte.
    const std::string_view text = glyph.text.view();
    for (std::size_t end = text.size(); end > 0;) {
      std::size_t start = end - 1;
      while (start > 0 && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) --start;
      std::size_t at = start;
      append_utf16be_hex(out, next_code_point(text.substr(0, end), at));
      end = start;
    }
  }
}

}  // namespace nashr
