// BidiParagraph beyond the conformance files: the left-to-right shortcut (no ubidi_setPara for
// text that resolves to level 0 throughout) must agree with ICU wherever it is taken.
#include "text/bidi.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace nashr {
namespace {

std::vector<std::uint8_t> levels_of(const std::u16string& text, Direction direction) {
  Result<BidiParagraph> analysed = BidiParagraph::analyse(text, direction);
  EXPECT_TRUE(analysed);
  if (!analysed) return {};
  const auto levels = analysed->levels();
  return {levels.begin(), levels.end()};
}

TEST(Bidi, LeftToRightTextIsOneRunAtLevelZero) {
  const std::u16string text = u"On 15 January 2025, 3.5% (about $12) — “quoted” text\tand café. ";
  for (Direction direction : {Direction::ltr, Direction::auto_detect}) {
    Result<BidiParagraph> analysed = BidiParagraph::analyse(text, direction);
    ASSERT_TRUE(analysed);
    EXPECT_EQ(analysed->paragraph_level(), 0);
    EXPECT_EQ(levels_of(text, direction), std::vector<std::uint8_t>(text.size(), 0));
    const auto length = static_cast<std::uint32_t>(text.size());
    EXPECT_EQ(analysed->visual_runs(3, 20), (std::vector<VisualRun>{{3, 20, 0}}));
    EXPECT_EQ(analysed->visual_runs(0, length), (std::vector<VisualRun>{{0, length, 0}}));
    EXPECT_EQ(analysed->line_levels(5, 9), std::vector<std::uint8_t>(4, 0));
  }
}

// What takes ICU's way: right-to-left letters, Arabic numbers, isolates, an RTL paragraph.
TEST(Bidi, WhatIsNotLeftToRightStillGetsIcuLevels) {
  EXPECT_EQ(levels_of(u"ab \u05D0\u05D1", Direction::ltr), (std::vector<std::uint8_t>{0, 0, 0, 1, 1}));
  EXPECT_EQ(levels_of(u"a \u0661\u0662", Direction::ltr), (std::vector<std::uint8_t>{0, 0, 2, 2}));
  EXPECT_EQ(levels_of(u"a \u2067b\u2069", Direction::ltr), (std::vector<std::uint8_t>{0, 0, 0, 2, 0}));
  EXPECT_EQ(levels_of(u"abc", Direction::rtl), (std::vector<std::uint8_t>{2, 2, 2}));
  Result<BidiParagraph> rtl = BidiParagraph::analyse(u"abc", Direction::rtl);
  ASSERT_TRUE(rtl);
  EXPECT_EQ(rtl->paragraph_level(), 1);
}

}  // namespace
}  // namespace nashr
