#pragma once
// The first step of itemize: a paragraph's UTF-8 as UTF-16, with the isolate controls of isolated
// spans inserted and every line ending made U+2028. Not part of the stage's interface (itemize.h).
#include <unicode/utf16.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "document/styled_paragraph.h"

namespace nashr::itemizing {

// The paragraph as UTF-16 with the isolate controls for isolated spans, and where each unit came from.
struct DecodedText {
  std::u16string text;
  std::vector<std::uint32_t> source_offsets;
  std::vector<std::uint32_t> span_of;
  std::vector<std::uint8_t> inserted;
  std::size_t size = 0;  // units written; the arrays are sized for the worst case, then trimmed
  std::size_t invalid_sequences = 0;

  void push_unit(char16_t unit, std::uint32_t source, std::uint32_t span) {
    text[size] = unit;
    source_offsets[size] = source;
    span_of[size] = span;
    ++size;
  }
  void push(char32_t c, std::uint32_t source, std::uint32_t span, bool is_inserted) {
    if (is_inserted) inserted[size] = 1;
    if (c > 0xFFFF) {
      push_unit(static_cast<char16_t>(U16_LEAD(c)), source, span);
      push_unit(static_cast<char16_t>(U16_TRAIL(c)), source, span);
    } else {
      push_unit(static_cast<char16_t>(c), source, span);
    }
  }
};

// Decodes `utf8` (a malformed byte becomes U+FFFD and counts in invalid_sequences), wrapping each
// span whose isolation asks for it in LRI/RLI/FSI … PDI.
DecodedText decode(const std::string& utf8, const std::vector<StyledSpan>& spans);

}  // namespace nashr::itemizing
