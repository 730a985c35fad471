#include "text/line_breaks.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace nashr {
namespace {

std::vector<std::uint32_t> positions(const std::vector<BreakOpportunity>& breaks) {
  std::vector<std::uint32_t> result;
  for (const BreakOpportunity& b : breaks) result.push_back(b.position);
  return result;
}

// Languages whose ICU rules differ keep their own: with lb=strict no line may start with a small
// kana (ぁ), with the default rules it may. Both stretches in one paragraph, each by its language.
TEST(LineBreaks, EachStretchUsesItsLanguagesRules) {
  const std::u16string text = u"あぁあぁ";
  EXPECT_EQ(positions(find_break_opportunities(text, {{0, 4, "ja"}})),
            (std::vector<std::uint32_t>{1, 2, 3, 4}));
  EXPECT_EQ(positions(find_break_opportunities(text, {{0, 4, "ja-u-lb-strict"}})),
            (std::vector<std::uint32_t>{2, 4}));
  EXPECT_EQ(positions(find_break_opportunities(text, {{0, 2, "ja-u-lb-strict"}, {2, 4, "ja"}})),
            (std::vector<std::uint32_t>{2, 3, 4}));
  EXPECT_EQ(positions(find_break_opportunities(text, {{0, 2, "ja"}, {2, 4, "ja-u-lb-strict"}})),
            (std::vector<std::uint32_t>{1, 2, 4}));
}

TEST(LineBreaks, PersianAndEnglishShareOnePass) {
  const std::u16string text = u"کتاب book دفتر";
  const std::vector<std::uint32_t> expected{5, 10, 14};
  EXPECT_EQ(positions(find_break_opportunities(text, {{0, 5, "fa"}, {5, 10, "en"}, {10, 14, "fa"}})),
            expected);
  EXPECT_EQ(positions(find_break_opportunities(text, {})), expected);
}

TEST(LineBreaks, HardBreakAfterLineSeparator) {
  const std::vector<BreakOpportunity> breaks = find_break_opportunities(u"ab\u2028cd", {});
  ASSERT_EQ(breaks.size(), 2u);
  EXPECT_EQ(breaks[0], (BreakOpportunity{3, true}));
  EXPECT_EQ(breaks[1].position, 5u);
}

// Issue 15: a web address breaks after '/' and before '.', '?', '&' … (never after "https://"'s
// slashes, never between two slashes), and nowhere else in it; the text around keeps ICU's breaks.
TEST(LineBreaks, WebAddressesBreakOnlyWhereUrlRulesAllow) {
  const std::u16string address = u"https://en.irna.ir/news/85283113/Iran-Belarus?utm_source=pf&ref=29";
  const std::u16string text = u"see " + address + u" now";
  std::vector<BreakOpportunity> breaks = find_break_opportunities(text, {{0, 0, "en"}});
  const auto begin = static_cast<std::uint32_t>(4);
  const auto end = static_cast<std::uint32_t>(4 + address.size());
  apply_url_breaks(breaks, text, begin, end);
  std::vector<std::u16string> pieces;
  std::uint32_t from = begin;
  for (const BreakOpportunity& b : breaks) {
    if (b.position <= begin || b.position >= end) continue;
    pieces.push_back(text.substr(from, b.position - from));
    from = b.position;
  }
  pieces.push_back(text.substr(from, end - from));
  const std::vector<std::u16string> expected = {u"https://en", u".irna", u".ir/", u"news/", u"85283113/",
                                                u"Iran", u"-Belarus", u"?utm", u"_source", u"=pf",
                                                u"&ref", u"=29"};
  EXPECT_EQ(pieces, expected);
  // The words around keep their opportunities: after "see " and at the end.
  EXPECT_EQ(breaks.front().position, 4u);
  EXPECT_EQ(breaks.back().position, text.size());
  EXPECT_TRUE(std::is_sorted(breaks.begin(), breaks.end(),
                             [](const BreakOpportunity& a, const BreakOpportunity& b) { return a.position < b.position; }));
}

}  // namespace
}  // namespace nashr
