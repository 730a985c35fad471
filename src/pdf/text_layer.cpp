#include "pdf/text_layer.h"

#include <cstring>
#include <utility>

#include "base/utf8.h"
#include "text/letter_properties.h"

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

std::optional<SplitMarks> split_marks(std::string_view text) {
  SplitMarks split;
  for (std::size_t at = 0; at < text.size();) {
    const std::size_t start = at;
    const char32_t c = next_code_point(text, at);
    (letter_properties(c).combining_mark() ? split.marks : split.letters).append(text.substr(start, at - start));
  }
  if (split.marks.empty() || split.letters.empty()) return std::nullopt;
  return split;
}

bool needs_actual_text(const std::vector<PlacedGlyph>& glyphs, const std::vector<GlyphText>& texts) {
  for (std::size_t i = 0; i < glyphs.size(); ++i) {
    const GlyphText& text = texts[i];
    if (text.key() != glyphs[i].text.key() || is_joining_glyph(glyphs[i], text) || !text.single_code_point()) {
      return true;
    }
    if (text.view() == " " && i > 0 && i + 1 < glyphs.size()) return true;  // a space between two words
    if (text.view() == "\u200C") return true;  // ZWNJ: drawn as a space, poppler splits the word there
  }
  return false;
}

void append_actual_text_share(std::string_view visual_utf8, bool literal, std::string& out) {
  for (std::size_t at = 0; at < visual_utf8.size();) append_utf16be(out, next_code_point(visual_utf8, at), literal);
}

void CidActualTexts::set(std::uint16_t cid, std::string bytes) {
  std::unique_ptr<std::array<Share, 256>>& chunk = chunks_[cid >> 8];
  if (!chunk) chunk = std::make_unique<std::array<Share, 256>>();
  Share& share = (*chunk)[cid & 0xFF];
  share.size = static_cast<std::uint16_t>(bytes.size());
  if (bytes.size() <= kInline) {
    std::memcpy(share.bytes, bytes.data(), bytes.size());
  } else {
    spilled_.push_back(std::make_unique<std::string>(std::move(bytes)));
    share.spilled = spilled_.back().get();
  }
}

}  // namespace nashr
