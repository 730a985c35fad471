// Where break_lines puts kashida: only after the spaces reach their limit, never in «الله» or in
// words with marks, never across ZWNJ, one join a word, and at joins of any Arabic letter Unicode
// gives a joining type (the Arabic Extended-A letters included).
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "lines_test_support.h"

namespace nashr {
namespace {

using testing::BreakLines;
using testing::count_tatweels;
using testing::expect_well_set;
using testing::justified;
using testing::kPersian;
using testing::naskh_fonts;
using testing::tatweel_glyph;
using testing::vazirmatn_fonts;

TEST_F(BreakLines, KashidaOnlyAfterSpacesReachTheirLimit) {
  // With kashida a line's spaces never stretch beyond their limit (half a space) unless the words
  // offer too few joins; without it they stretch further.
  for (const bool kashida : {false, true}) {
    const LineSettings settings = justified(180, kashida);
    auto p = set(testing::paragraph(kPersian, Direction::rtl, "fa", naskh_fonts()), settings);
    expect_well_set(*p, settings);
    const Font* font = p->shaped.runs.front().run.font;
    const std::int32_t space = font->advance(font->glyph_for(U' '));
    std::int32_t widest = 0;
    for (const Line& line : p->lines.lines) {
      if (!line.justified) continue;
      for (const LineRun& run : line.runs) {
        for (const PlacedGlyph& glyph : run.glyphs) {
          if (glyph.text == " ") widest = std::max(widest, glyph.x_advance);
        }
      }
    }
    if (kashida) {
      EXPECT_LE(widest, space * 1.5 + 2) << "spaces beyond their stretch while kashida was available";
    } else {
      EXPECT_GT(widest, space * 1.5) << "this measure needs more than the spaces' stretch";
    }
  }
}

// Issue 17: kashida spread over several words of a line, never in a word of two letters («به»), one
// join a word, no word with two tatweels while another word of the line with kashida has none more
// than one fewer.
TEST_F(BreakLines, KashidaSpreadOverWordsNeverInTwoLetterWords) {
  int lines_with_kashida = 0, spread_lines = 0;
  for (double width = 150; width <= 260; width += 10) {
    const LineSettings settings = justified(width, true);
    auto p = set(testing::paragraph(kPersian, Direction::rtl, "fa", vazirmatn_fonts()), settings);
    expect_well_set(*p, settings);
    for (const Line& line : p->lines.lines) {
      std::vector<std::pair<int, int>> words(1);  // (letters, tatweels) per word of the line
      for (const LineRun& run : line.runs) {
        const std::uint32_t tatweel = tatweel_glyph(run.font);
        for (const PlacedGlyph& glyph : run.glyphs) {
          if (glyph.text == " ") {
            words.emplace_back();
          } else if (glyph.glyph_id == tatweel) {
            ++words.back().second;
          } else {
            const std::string_view text = glyph.text.view();
            for (std::size_t i = 0; i < text.size(); ++i) {
              const auto byte = static_cast<unsigned char>(text[i]);
              words.back().first += (byte & 0xC0) != 0x80 && text.substr(i, 3) != "\u200C";
            }
          }
        }
      }
      int with = 0, most = 0, fewest = 99, total = 0;
      for (const auto& [letters, tatweels] : words) {
        if (tatweels == 0) continue;
        EXPECT_GE(letters, 3) << "kashida in a word of " << letters << " letters at width " << width;
        ++with;
        total += tatweels;
        most = std::max(most, tatweels);
        fewest = std::min(fewest, tatweels);
      }
      if (with == 0) continue;
      ++lines_with_kashida;
      EXPECT_LE(most - fewest, 1) << "uneven kashida on a line at width " << width;
      if (total >= 2) {
        EXPECT_GE(with, 2) << "two tatweels on one word while others have none, width " << width;
        ++spread_lines;
      }
    }
  }
  EXPECT_GT(spread_lines, 5) << "too few lines needed kashida: the test proves little";
  EXPECT_GT(lines_with_kashida, spread_lines);
}

TEST_F(BreakLines, KashidaNeverInAllahNorInWordsWithHarakat) {
  // Words that may take kashida in a narrow measure get tatweels; «الله» and words with harakat
  // (here kasra U+0650, fatha U+064E, superscript alef U+0670) never do, however loose the line.
  std::string forbidden, allowed;
  for (int i = 0; i < 4; ++i) {
    forbidden += "الله بِسمِ کَتَب رحمٰن لله ";
    allowed += "اسلام بسم کتب رحمن سلام ";  // the same letters without harakat, and no «الله»
  }
  forbidden.pop_back();
  allowed.pop_back();
  int allowed_tatweels = 0;
  for (double width = 60; width <= 120; width += 10) {
    for (const auto& fonts : {naskh_fonts(), vazirmatn_fonts()}) {
      const LineSettings settings = justified(width, true);
      auto control = set(testing::paragraph(allowed, Direction::rtl, "fa", fonts), settings);
      allowed_tatweels += count_tatweels(control->lines);
      auto p = set(testing::paragraph(forbidden, Direction::rtl, "fa", fonts), settings);
      EXPECT_EQ(count_tatweels(p->lines), 0) << dump_lines(p->lines);
      expect_well_set(*p, settings);
    }
  }
  EXPECT_GT(allowed_tatweels, 0) << "the control paragraph never needed kashida: the test proves nothing";
}

TEST_F(BreakLines, KashidaNeverAcrossZwnjAndOnePerWord) {
  // می‌شود: the joins are م-ی and ش-و (ZWNJ between ی and ش is no join); the one after sheen
  // wins.
  std::string text;
  for (int i = 0; i < 12; ++i) text += "می‌شود ";
  text.pop_back();
  const LineSettings settings = justified(70, true);
  auto p = set(testing::paragraph(text, Direction::rtl, "fa", vazirmatn_fonts()), settings);
  expect_well_set(*p, settings);
  ASSERT_GT(count_tatweels(p->lines), 0);
  for (const Line& line : p->lines.lines) {
    for (const LineRun& run : line.runs) {
      const std::uint32_t tatweel = tatweel_glyph(run.font);
      // Visual order of an RTL run: the tatweel sits left of the sheen it extends, right of waw.
      for (std::size_t g = 0; g < run.glyphs.size(); ++g) {
        if (run.glyphs[g].glyph_id != tatweel || (g > 0 && run.glyphs[g - 1].glyph_id == tatweel)) continue;
        std::size_t after = g + 1;
        while (after < run.glyphs.size() && run.glyphs[after].glyph_id == tatweel) ++after;
        ASSERT_LT(after, run.glyphs.size());
        EXPECT_EQ(run.glyphs[after].text, "ش");
        ASSERT_GT(g, 0u);
        EXPECT_EQ(run.glyphs[g - 1].text, "و");
      }
    }
  }
}

// The joins (logical order: the letter before, the letter after) where a line's tatweels went.
std::set<std::pair<std::string, std::string>> tatweel_joins(const Lines& lines) {
  std::set<std::pair<std::string, std::string>> joins;
  for (const Line& line : lines.lines) {
    for (const LineRun& run : line.runs) {
      const std::uint32_t tatweel = tatweel_glyph(run.font);
      // Visual order of an RTL run: the letter before the join is right of the tatweels.
      for (std::size_t g = 1; g < run.glyphs.size(); ++g) {
        if (run.glyphs[g].glyph_id != tatweel || run.glyphs[g - 1].glyph_id == tatweel) continue;
        std::size_t after = g;
        while (after < run.glyphs.size() && run.glyphs[after].glyph_id == tatweel) ++after;
        if (after < run.glyphs.size()) joins.emplace(run.glyphs[after].text, run.glyphs[g - 1].text);
      }
    }
  }
  return joins;
}

TEST_F(BreakLines, KashidaAtJoinsOfArabicExtendedLetters) {
  // «ببࢪ»: beh, beh, then reh with loop (U+08AA, joins back): the beh–reh join comes before the
  // beh–beh one; «ࢠدا»: beh with small v below (U+08A0, dual-joining), dal, alef: one join. Each
  // word's chosen join involves an Arabic Extended-A letter, which Noto Naskh Arabic draws;
  // Unicode's joining types allow a kashida at both. (Words of three letters: two-letter words
  // take no kashida.)
  std::string text;
  for (int i = 0; i < 8; ++i) text += "ببࢪ ࢠدا ";
  text.pop_back();
  std::set<std::pair<std::string, std::string>> joins;
  for (double width = 20; width <= 100; width += 2) {
    const LineSettings settings = justified(width, true);
    auto p = set(testing::paragraph(text, Direction::rtl, "fa", naskh_fonts()), settings);
    expect_well_set(*p, settings);
    EXPECT_TRUE(p->sink.diagnostics().empty()) << "Noto Naskh Arabic lacks a letter: the test proves nothing";
    const auto found = tatweel_joins(p->lines);
    joins.insert(found.begin(), found.end());
  }
  using Join = std::pair<std::string, std::string>;
  EXPECT_EQ(joins, (std::set<Join>{{"ب", "ࢪ"}, {"ࢠ", "د"}}));
}

}  // namespace
}  // namespace nashr
