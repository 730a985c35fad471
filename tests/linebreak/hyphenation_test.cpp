// English hyphenation (issue 17, item 10): libhyphen's points for hyph_en_US.dic with at least two
// letters before and three after, and the line setter's rules: hyphens only in English words of
// letters (no addresses, codes, capitals), never in a paragraph's last word, at most two hyphenated
// lines in a row, a hyphen glyph at the line's end whose text readers drop when they join lines.
#include "linebreak/hyphenation.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "golden.h"
#include "linebreak/line_breaker.h"
#include "lines_test_support.h"

namespace nashr {
namespace {

using testing::BreakLines;

std::string hyphenated(std::u16string_view word) {
  std::string out;
  const std::vector<std::uint8_t>& points = english_hyphen_points(word);
  std::size_t next = 0;
  for (std::size_t i = 0; i < word.size(); ++i) {
    if (next < points.size() && points[next] == i) {
      out += '-';
      ++next;
    }
    out += static_cast<char>(word[i]);
  }
  return out;
}

TEST(Hyphenation, PatternsAreFoundAtRunTime) {
  ASSERT_TRUE(english_hyphenation_available())
      << "hyph_en_US.dic not found in " << english_hyphenation_searched()
      << " (Debian's hyphen-en-us, scripts/setup.sh)";
  EXPECT_NE(english_hyphenation_searched().find("/usr/share/hyphen/hyph_en_US.dic"), std::string::npos);
}

TEST(Hyphenation, LiangPointsWithTwoLettersBeforeAndThreeAfter) {
  EXPECT_EQ(hyphenated(u"hyphenation"), "hy-phen-ation");
  EXPECT_EQ(hyphenated(u"typesetting"), "type-set-ting");
  EXPECT_EQ(hyphenated(u"Parliament"), "Par-lia-ment");  // capitals are lowered for the patterns
  // Never one letter before nor fewer than three after.
  for (const std::u16string word : {u"about", u"enough", u"every", u"policy", u"relation", u"actually"}) {
    const std::vector<std::uint8_t>& points = english_hyphen_points(word);
    for (const std::uint8_t point : points) {
      EXPECT_GE(point, kHyphenMinBefore) << hyphenated(word);
      EXPECT_GE(word.size() - point, static_cast<std::size_t>(kHyphenMinAfter)) << hyphenated(word);
    }
  }
  EXPECT_TRUE(english_hyphen_points(u"sky").empty());
}

TEST(Hyphenation, TheBreakerEndsAtMostTwoLinesInARowWithAHyphen) {
  // Ten words of 30 pt, each with a hyphenation point in its middle, in a 45 pt measure: every
  // line would end in a hyphen without the limit.
  std::vector<BreakItem> items;
  for (int w = 0; w < 10; ++w) {
    if (w > 0) items.push_back(BreakItem::glue(4, 2, 1));
    items.push_back(BreakItem::box(15));
    items.push_back(BreakItem::penalty(3, 50, true));
    items.push_back(BreakItem::box(15));
  }
  LineBreakParams params;
  params.line_widths = {45};
  params.tolerance = kInfiniteBadness;
  const auto longest_run = [&](const LineBreaks& breaks) {
    int run = 0, longest = 0;
    for (const BrokenLine& line : breaks.lines) {
      run = line.flagged ? run + 1 : 0;
      longest = std::max(longest, run);
    }
    return longest;
  };
  EXPECT_GT(longest_run(compute_line_breaks(items, params)), 2);  // plain Knuth–Plass
  params.max_flagged_lines_in_row = 2;
  const LineBreaks limited = compute_line_breaks(items, params);
  EXPECT_NE(limited.method, BreakMethod::first_fit);
  EXPECT_EQ(limited.lines.back().break_at, items.size());
  EXPECT_LE(longest_run(limited), 2);
}

// An English paragraph set narrow with hyphenation on.
constexpr const char* kEnglish =
    "International cooperation between neighbouring administrations continues, strengthening "
    "institutional relationships, infrastructure investment and technological collaboration across "
    "manufacturing, pharmaceutical research and agricultural development. Representatives "
    "emphasised complementary responsibilities, transparency and accountability throughout "
    "implementation. Contact editorial@persian-files.example or see www.example.org/archive about "
    "ORGANISATIONAL documentation and its consequences; reference <code>.";

LineSettings hyphenating(double width) {
  LineSettings settings = testing::justified(width, false);
  settings.hyphenate = true;
  return settings;
}

// The lines' texts, with a line ending in a hyphen the setter added marked by '|'. That hyphen
// carries the rest of its word as its text (docs/pdf.md, "Hyphenated words"), and the rest's
// glyphs on the next line carry none: the texts joined give the paragraph back.
std::vector<std::string> line_texts(const Lines& lines) {
  std::vector<std::string> texts;
  for (const Line& line : lines.lines) {
    std::string text;
    for (const LineRun& run : line.runs) {
      for (const PlacedGlyph& glyph : run.glyphs) text += glyph.text;
    }
    const LineRun* last = line.runs.empty() ? nullptr : &line.runs.back();
    if (last != nullptr && !last->glyphs.empty() && last->font != nullptr &&
        last->glyphs.back().glyph_id == last->font->glyph_for(U'-') && last->glyphs.back().text.view() != "-") {
      text += '|';
    }
    texts.push_back(text);
  }
  return texts;
}

TEST_F(BreakLines, EnglishWordsTakeHyphensByTheRules) {
  const LineSettings settings = hyphenating(345);
  auto p = set(testing::paragraph(kEnglish, Direction::ltr, "en"), settings);
  const std::vector<std::string> texts = line_texts(p->lines);
  ASSERT_GT(texts.size(), 6u);
  int hyphenated_lines = 0, in_row = 0;
  const std::string source = testing::normalised(kEnglish);
  std::string joined;  // what a reader joining lines gives: a hyphen the setter added is dropped
  for (std::size_t k = 0; k < texts.size(); ++k) {
    std::string text = texts[k];
    while (!text.empty() && text.back() == ' ') text.pop_back();
    SCOPED_TRACE("line " + std::to_string(k + 1) + ": " + text);
    // A hyphen the source has there (after "persian-") is the author's and keeps "-".
    const bool added = !text.empty() && text.back() == '|';
    if (added) {
      EXPECT_NE(text[text.size() - 2], '-');
      ++hyphenated_lines;
      text.pop_back();
      // Not in an address, a code or a word in capitals; at least two letters before.
      const std::string last_word = text.substr(text.rfind(' ') + 1);
      EXPECT_EQ(last_word.find_first_of("@/:.<-"), std::string::npos);
      EXPECT_NE(last_word, "ORGANISATIONAL");
      EXPECT_GE(last_word.size(), 2u);
      EXPECT_LT(k + 1, texts.size());
    }
    in_row = added ? in_row + 1 : 0;
    EXPECT_LE(in_row, 2);
    joined += text;
    if (!added && k + 1 < texts.size() && source.compare(joined.size(), 1, " ") == 0) joined += ' ';
  }
  EXPECT_GT(hyphenated_lines, 0);
  EXPECT_EQ(joined, source);
  // The paragraph's last word («<code>.») is never hyphenated: the last line ends the text.
  EXPECT_NE(texts.back().find("<code>."), std::string::npos);
  for (std::size_t k = 0; k < p->lines.lines.size(); ++k) {
    const Line& line = p->lines.lines[k];
    if (line.justified) {
      EXPECT_NEAR(line.width, settings.width, 1e-6);
    }
  }
  testing::expect_matches_golden(NASHR_TEST_DIR "/golden", "lines_english_hyphenated", dump_lines(p->lines));
}

// The sample issue's first paragraph in a 345 pt column: without hyphenation the long names leave
// no layout within tolerance (realistic_paragraph_test.cpp, EnglishSampleWithoutHyphenationNeedsThe
// SecondPass); with it the first pass finds one, and no space is as wide as before.
TEST_F(BreakLines, HyphenationSetsTheSampleParagraphWithinTolerance) {
  const char* sample =
      "Belarus and Iran continue to solidify their bilateral relations, aiming for a durable and "
      "multifaceted partnership. Recent high-level engagements, including discussions in Minsk "
      "between Belarusian Prime Minister Roman Golovchenko and Iranian Minister of Industry, "
      "Mines, and Trade Seyed Mohammad Atabak, underscore the shared commitment to enhancing "
      "cooperation.";
  const auto widest_space = [](const Lines& lines) {
    double widest = 0;
    for (const Line& line : lines.lines) {
      for (const LineRun& run : line.runs) {
        const std::uint32_t space = run.font->glyph_for(U' ');
        for (const PlacedGlyph& glyph : run.glyphs) {
          if (glyph.glyph_id == space) widest = std::max(widest, glyph.x_advance * run.size / run.font->units_per_em());
        }
      }
    }
    return widest;
  };
  LineSettings off = hyphenating(345);
  off.hyphenate = false;
  auto plain = set(testing::paragraph(sample, Direction::ltr, "en"), off);
  auto hyphenated = set(testing::paragraph(sample, Direction::ltr, "en"), hyphenating(345));
  EXPECT_EQ(plain->lines.method, BreakMethod::total_fit_retry);
  EXPECT_EQ(hyphenated->lines.method, BreakMethod::total_fit);
  EXPECT_LT(widest_space(hyphenated->lines), widest_space(plain->lines));
  testing::expect_matches_golden(NASHR_TEST_DIR "/golden", "lines_english_sample_hyphenated",
                                 dump_lines(hyphenated->lines));
}

}  // namespace
}  // namespace nashr
