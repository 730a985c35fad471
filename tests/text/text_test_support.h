#pragma once
// Building styled paragraphs for the text and shape tests.
#include <string>
#include <string_view>
#include <vector>

#include "base/utf8.h"
#include "document/styled_paragraph.h"

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
inline StyledParagraph paragraph(std::string text, Direction dir, std::string language,
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
  return utf16_to_utf8(text);
}

}  // namespace nashr::testing
