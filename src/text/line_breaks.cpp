#include "text/line_breaks.h"

#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf16.h>

#include <algorithm>
#include <cassert>
#include <map>
#include <memory>

namespace nashr {

namespace {

struct BreakIteratorCloser {
  void operator()(UBreakIterator* iterator) const { ubrk_close(iterator); }
};
using BreakIteratorHandle = std::unique_ptr<UBreakIterator, BreakIteratorCloser>;

// Building a line BreakIterator loads and compiles rule data (tens of microseconds), so each thread
// keeps one per language and only resets its text.
UBreakIterator* line_iterator(const std::string& language) {
  thread_local std::map<std::string, BreakIteratorHandle> iterators;
  auto found = iterators.find(language);
  if (found != iterators.end()) return found->second.get();
  UErrorCode status = U_ZERO_ERROR;
  const std::string locale = language.empty() || language == "und" ? std::string() : language;
  BreakIteratorHandle iterator(ubrk_open(UBRK_LINE, locale.c_str(), nullptr, 0, &status));
  if (U_FAILURE(status)) {
    status = U_ZERO_ERROR;
    iterator.reset(ubrk_open(UBRK_LINE, "", nullptr, 0, &status));
  }
  assert(U_SUCCESS(status) && "ICU has no line break rules: ICU data missing");
  return iterators.emplace(language, std::move(iterator)).first->second.get();
}

char32_t code_point_before(std::u16string_view text, std::uint32_t position) {
  UChar32 c = 0;
  int32_t i = static_cast<int32_t>(position);
  U16_PREV(text.data(), 0, i, c);
  return static_cast<char32_t>(c);
}

char32_t code_point_at(std::u16string_view text, std::uint32_t position) {
  UChar32 c = 0;
  int32_t i = static_cast<int32_t>(position);
  U16_NEXT(text.data(), i, static_cast<int32_t>(text.size()), c);
  return static_cast<char32_t>(c);
}

bool is_joiner(char32_t c) {
  return c == 0x200C || c == 0x200D;
}

// A letter or mark of the Arabic script: two of them side by side belong to one word.
bool is_arabic_word_character(char32_t c) {
  UErrorCode status = U_ZERO_ERROR;
  if (uscript_getScript(static_cast<UChar32>(c), &status) != USCRIPT_ARABIC) return false;
  const auto mask = U_GET_GC_MASK(static_cast<UChar32>(c));
  return (mask & (U_GC_L_MASK | U_GC_M_MASK)) != 0;
}

}  // namespace

std::vector<BreakOpportunity> find_break_opportunities(std::u16string_view text,
                                                       const std::vector<LanguageSpan>& languages) {
  std::vector<BreakOpportunity> result;
  if (text.empty()) return result;
  const auto length = static_cast<std::uint32_t>(text.size());

  // Which language decides at each position: the language of the character before it.
  std::vector<std::string> distinct;
  for (const LanguageSpan& span : languages) {
    if (std::find(distinct.begin(), distinct.end(), span.language) == distinct.end())
      distinct.push_back(span.language);
  }
  if (distinct.empty()) distinct.push_back("und");
  auto language_before = [&](std::uint32_t position) -> const std::string& {
    for (const LanguageSpan& span : languages) {
      if (span.begin < position && position <= span.end) return span.language;
    }
    return distinct.front();
  };

  // The usual paragraph has one language: one pass. With several, each iterator runs over the whole
  // text (so rules see context across language boundaries) and keeps only positions in its language.
  for (const std::string& language : distinct) {
    UBreakIterator* iterator = line_iterator(language);
    UErrorCode status = U_ZERO_ERROR;
    ubrk_setText(iterator, text.data(), static_cast<int32_t>(length), &status);
    assert(U_SUCCESS(status));
    for (int32_t boundary = ubrk_following(iterator, 0); boundary != UBRK_DONE;
         boundary = ubrk_next(iterator)) {
      const auto position = static_cast<std::uint32_t>(boundary);
      if (distinct.size() > 1 && language_before(position) != language) continue;
      const bool hard = ubrk_getRuleStatus(iterator) >= UBRK_LINE_HARD;
      result.push_back({position, hard});
    }
    ubrk_setText(iterator, nullptr, 0, &status);  // drop the pointer into our text
  }
  if (distinct.size() > 1) {
    std::sort(result.begin(), result.end(),
              [](const BreakOpportunity& a, const BreakOpportunity& b) { return a.position < b.position; });
  }

  // Persian: ZWNJ is part of the word's spelling, and a joined word is never split. ICU's rules
  // already agree (ZWNJ is CM, Arabic letters are AL × AL); this keeps it so under any tailoring.
  std::erase_if(result, [&](const BreakOpportunity& opportunity) {
    if (opportunity.hard || opportunity.position >= length) return false;
    const char32_t before = code_point_before(text, opportunity.position);
    const char32_t after = code_point_at(text, opportunity.position);
    if (is_joiner(before) || is_joiner(after)) return true;
    return is_arabic_word_character(before) && is_arabic_word_character(after);
  });
  return result;
}

}  // namespace nashr
