#include "text/line_breaks.h"

#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/uloc.h>
#include <unicode/uscript.h>
#include <unicode/utf16.h>

#include <algorithm>
#include <cassert>
#include <map>
#include <memory>
#include <vector>

namespace nashr {

namespace {

struct BreakIteratorCloser {
  void operator()(UBreakIterator* iterator) const { ubrk_close(iterator); }
};
using BreakIteratorHandle = std::unique_ptr<UBreakIterator, BreakIteratorCloser>;

// Building a line BreakIterator loads and compiles rule data (tens of microseconds), so each thread
// keeps one per distinct rule set and only resets its text. Languages whose rules are the same
// (fa, en and most others use the root rules) share one iterator, so a paragraph mixing them
// still takes a single pass.
UBreakIterator* line_iterator(const std::string& language) {
  struct Cache {
    std::map<std::string, UBreakIterator*> by_language;
    std::vector<std::pair<std::vector<std::uint8_t>, BreakIteratorHandle>> by_rules;
  };
  thread_local Cache cache;
  if (auto found = cache.by_language.find(language); found != cache.by_language.end()) return found->second;
  UErrorCode status = U_ZERO_ERROR;
  // BCP 47 ("fa-IR", "ja-u-lb-strict") to an ICU locale ID ("fa_IR", "ja@lb=strict").
  char locale[ULOC_FULLNAME_CAPACITY] = "";
  if (!language.empty() && language != "und") {
    uloc_forLanguageTag(language.c_str(), locale, sizeof locale, nullptr, &status);
    if (U_FAILURE(status)) locale[0] = '\0';
    status = U_ZERO_ERROR;
  }
  BreakIteratorHandle iterator(ubrk_open(UBRK_LINE, locale, nullptr, 0, &status));
  if (U_FAILURE(status)) {
    status = U_ZERO_ERROR;
    iterator.reset(ubrk_open(UBRK_LINE, "", nullptr, 0, &status));
  }
  assert(U_SUCCESS(status) && "ICU has no line break rules: ICU data missing");
  std::vector<std::uint8_t> rules;
  status = U_ZERO_ERROR;
  const int32_t size = ubrk_getBinaryRules(iterator.get(), nullptr, 0, &status);
  if (size > 0) {
    rules.resize(static_cast<std::size_t>(size));
    status = U_ZERO_ERROR;
    ubrk_getBinaryRules(iterator.get(), rules.data(), size, &status);
    if (U_FAILURE(status)) rules.clear();
  }
  UBreakIterator* shared = nullptr;
  for (const auto& [known_rules, known] : cache.by_rules) {
    if (!rules.empty() && known_rules == rules) shared = known.get();
  }
  if (shared == nullptr) {
    shared = iterator.get();
    cache.by_rules.emplace_back(std::move(rules), std::move(iterator));
  }
  cache.by_language.emplace(language, shared);
  return shared;
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

  // Each stretch of one language takes the positions after its start up to its end from that
  // language's iterator; every iterator sees the whole text, so rules see context across stretches.
  // Text outside the given stretches uses the root rules.
  std::vector<LanguageSpan> stretches;
  std::uint32_t covered = 0;
  for (const LanguageSpan& span : languages) {
    const std::uint32_t begin = std::max(span.begin, covered);
    const std::uint32_t end = std::min(span.end, length);
    if (begin >= end) continue;
    if (begin > covered) stretches.push_back({covered, begin, "und"});
    stretches.push_back({begin, end, span.language});
    covered = end;
  }
  if (covered < length) stretches.push_back({covered, length, "und"});

  // Consecutive stretches whose languages share rules are one stretch.
  struct Pass {
    std::uint32_t begin, end;
    UBreakIterator* iterator;
  };
  std::vector<Pass> passes;
  for (const LanguageSpan& stretch : stretches) {
    UBreakIterator* iterator = line_iterator(stretch.language);
    if (!passes.empty() && passes.back().iterator == iterator) {
      passes.back().end = stretch.end;
    } else {
      passes.push_back({stretch.begin, stretch.end, iterator});
    }
  }
  std::vector<UBreakIterator*> with_text;
  for (const Pass& pass : passes) {
    if (std::find(with_text.begin(), with_text.end(), pass.iterator) == with_text.end()) {
      UErrorCode status = U_ZERO_ERROR;
      ubrk_setText(pass.iterator, text.data(), static_cast<int32_t>(length), &status);
      assert(U_SUCCESS(status));
      with_text.push_back(pass.iterator);
    }
    for (int32_t boundary = ubrk_following(pass.iterator, static_cast<int32_t>(pass.begin));
         boundary != UBRK_DONE && static_cast<std::uint32_t>(boundary) <= pass.end;
         boundary = ubrk_next(pass.iterator)) {
      result.push_back(
          {static_cast<std::uint32_t>(boundary), ubrk_getRuleStatus(pass.iterator) >= UBRK_LINE_HARD});
    }
  }
  for (UBreakIterator* iterator : with_text) {
    UErrorCode status = U_ZERO_ERROR;
    ubrk_setText(iterator, nullptr, 0, &status);  // drop the pointer into our text
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

void apply_url_breaks(std::vector<BreakOpportunity>& breaks, std::u16string_view text, std::uint32_t begin,
                      std::uint32_t end) {
  static constexpr std::u16string_view kBreakBefore = u".,?&#=%~_-";
  end = std::min<std::uint32_t>(end, static_cast<std::uint32_t>(text.size()));
  std::erase_if(breaks, [&](const BreakOpportunity& opportunity) {
    return !opportunity.hard && opportunity.position > begin && opportunity.position < end;
  });
  std::vector<BreakOpportunity> inside;
  // Not right after the scheme's "//" or inside it: "https://" stays whole.
  std::uint32_t first = begin;
  if (const std::size_t scheme = text.substr(begin, end - begin).find(u"//"); scheme != std::u16string_view::npos)
    first = begin + static_cast<std::uint32_t>(scheme) + 2;
  for (std::uint32_t position = first + 1; position < end; ++position) {
    const char16_t before = text[position - 1];
    const char16_t after = text[position];
    const bool after_slash = before == u'/' && after != u'/';
    const bool before_mark = kBreakBefore.find(after) != std::u16string_view::npos &&
                             kBreakBefore.find(before) == std::u16string_view::npos && before != u'/';
    if (after_slash || before_mark) inside.push_back({position, false});
  }
  const auto at = std::lower_bound(breaks.begin(), breaks.end(), inside.empty() ? end : inside.front().position,
                                   [](const BreakOpportunity& a, std::uint32_t p) { return a.position < p; });
  breaks.insert(at, inside.begin(), inside.end());
}

}  // namespace nashr
