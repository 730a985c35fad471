#pragma once
// Building styled paragraphs for the text and shape tests.
#include <string>
#include <string_view>
#include <vector>

#include "text/styled_paragraph.h"

namespace nashr::testing {

inline constexpr const char* kNaskh = "noto-naskh-arabic/NotoNaskhArabic-Regular.ttf";
inline constexpr const char* kVazirmatn = "vazirmatn/Vazirmatn-Regular.ttf";
inline constexpr const char* kNotoSerif = "noto-serif/NotoSerif-Regular.ttf";

// Arabic script: Noto Naskh Arabic, then Vazirmatn; Latin: Noto Serif.
inline std::vector<FontChain> book_fonts() {
  return {{"arabic", {kNaskh, kVazirmatn}}, {"latin", {kNotoSerif}}};
}

inline StyledSpan span(std::size_t begin, std::size_t end, std::string language,
                       std::vector<FontChain> fonts = book_fonts(),
                       SpanIsolation isolation = SpanIsolation::none) {
  StyledSpan result;
  result.begin = begin;
  result.end = end;
  result.language = std::move(language);
  result.fonts = std::move(fonts);
  result.isolation = isolation;
  result.font_size = 10;
  result.location = {"issue.xml", 12, 7};
  return result;
}

// One span over the whole text.
inline StyledParagraph paragraph(std::string text, TextDirection dir, std::string language,
                                 std::vector<FontChain> fonts = book_fonts()) {
  StyledParagraph result;
  result.dir = dir;
  result.spans.push_back(span(0, text.size(), std::move(language), std::move(fonts)));
  result.text = std::move(text);
  result.location = {"issue.xml", 12, 1};
  return result;
}

// Splits the paragraph's spans so that the first occurrence of `part` becomes a span of its own
// with the given language and isolation (the rest keeps the first span's style).
inline void mark(StyledParagraph& p, std::string_view part, std::string language, SpanIsolation isolation) {
  const std::size_t at = p.text.find(part);
  const StyledSpan base = p.spans.front();
  std::vector<StyledSpan> spans;
  if (at > 0) spans.push_back(span(0, at, base.language, base.fonts));
  spans.push_back(span(at, at + part.size(), std::move(language), base.fonts, isolation));
  if (at + part.size() < p.text.size())
    spans.push_back(span(at + part.size(), p.text.size(), base.language, base.fonts));
  p.spans = std::move(spans);
}

inline std::string utf8(std::u16string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char32_t c = text[i];
    if (c >= 0xD800 && c < 0xDC00 && i + 1 < text.size()) {
      c = 0x10000 + ((c - 0xD800) << 10) + (text[i + 1] - 0xDC00);
      ++i;
    }
    if (c < 0x80) {
      out += static_cast<char>(c);
    } else if (c < 0x800) {
      out += static_cast<char>(0xC0 | (c >> 6));
      out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
      out += static_cast<char>(0xE0 | (c >> 12));
      out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (c >> 18));
      out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (c & 0x3F));
    }
  }
  return out;
}

}  // namespace nashr::testing
