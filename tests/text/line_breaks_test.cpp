#include "text/line_breaks.h"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace nashr
