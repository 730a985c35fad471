#pragma once
// Line-break opportunities from ICU's line BreakIterator (UAX #14 with ICU's tailorings), by the
// language of the text before each opportunity, with Persian rules on top: never at a ZWNJ or ZWJ,
// never inside a joined word.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace nashr {

// A place the line breaker may end a line: between text[position - 1] and text[position].
// `hard`: the line must end here (after U+2028 LINE SEPARATOR and other mandatory breaks).
struct BreakOpportunity {
  std::uint32_t position = 0;
  bool hard = false;

  friend bool operator==(const BreakOpportunity&, const BreakOpportunity&) = default;
};

// The language (BCP 47) of text[begin, end).
struct LanguageSpan {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
  std::string language;
};

// Opportunities in ascending order. The end of a non-empty text is always one (ICU's rule status
// says whether it is hard). `languages` may be empty (root rules) and need not cover the text.
std::vector<BreakOpportunity> find_break_opportunities(std::u16string_view text,
                                                       const std::vector<LanguageSpan>& languages);

// Replaces the opportunities strictly inside text[begin, end), a web address, by those of URL rules
// (in the spirit of Chicago's 6.17): after '/' (not between two), and before '.', ',', '?', '&',
// '#', '=', '%', '~', '_' and '-', so that a line never ends with what looks like the end of a
// sentence or an added hyphen; none elsewhere in it.
void apply_url_breaks(std::vector<BreakOpportunity>& breaks, std::u16string_view text, std::uint32_t begin,
                      std::uint32_t end);

}  // namespace nashr
