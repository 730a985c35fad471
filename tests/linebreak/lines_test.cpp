// break_lines on real shaped paragraphs: items from glyph runs and ICU's break opportunities,
// justification with spaces and kashida, per-line bidi, the text layer. Goldens in golden/lines_*.txt
// (re-record: NASHR_UPDATE_GOLDENS=1 ctest --preset release -R 'linebreak\.'; docs/layout.md).
// Kashida's rules are tested in lines_kashida_test.cpp.
#include "linebreak/lines.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "base/thread_pool.h"
#include "golden.h"
#include "lines_test_support.h"

namespace nashr {
namespace {

using testing::BreakLines;
using testing::copied_text;
using testing::count_tatweels;
using testing::expect_well_set;
using testing::justified;
using testing::kPersian;
using testing::left_edge;
using testing::naskh_fonts;
using testing::right_edge;
using testing::SetParagraph;
using testing::tatweel_glyph;
using testing::vazirmatn_fonts;

TEST_F(BreakLines, PersianJustifiedWithoutKashidaVazirmatn) {
  const LineSettings settings = justified(200, false);
  auto p = set(testing::paragraph(kPersian, Direction::rtl, "fa", vazirmatn_fonts()), settings);
  expect_well_set(*p, settings);
  EXPECT_EQ(count_tatweels(p->lines), 0);
  EXPECT_TRUE(p->sink.diagnostics().empty());
  testing::expect_matches_golden(NASHR_TEST_DIR "/golden", "lines_persian_vazirmatn", dump_lines(p->lines));
}

TEST_F(BreakLines, PersianJustifiedWithKashidaVazirmatn) {
  const LineSettings settings = justified(200, true);
  auto p = set(testing::paragraph(kPersian, Direction::rtl, "fa", vazirmatn_fonts()), settings);
  expect_well_set(*p, settings);
  EXPECT_GT(count_tatweels(p->lines), 0);
  testing::expect_matches_golden(NASHR_TEST_DIR "/golden", "lines_persian_vazirmatn_kashida",
                                 dump_lines(p->lines));
}

TEST_F(BreakLines, PersianJustifiedWithoutKashidaNaskh) {
  const LineSettings settings = justified(200, false);
  auto p = set(testing::paragraph(kPersian, Direction::rtl, "fa", naskh_fonts()), settings);
  expect_well_set(*p, settings);
  EXPECT_EQ(count_tatweels(p->lines), 0);
  // Naskh draws the hamza of «هٔ» as a glyph of its own; the text stays on the heh: «هٔ».
  int ezafe = 0;
  for (const Line& line : p->lines.lines) {
    for (const LineRun& run : line.runs) {
      for (const PlacedGlyph& glyph : run.glyphs) {
        EXPECT_NE(glyph.text, "\u0654");
        if (glyph.text == "\u0647\u0654") {
          ++ezafe;
          EXPECT_GT(glyph.x_advance, 0);
        }
      }
    }
  }
  EXPECT_EQ(ezafe, 1);
  testing::expect_matches_golden(NASHR_TEST_DIR "/golden", "lines_persian_naskh", dump_lines(p->lines));
}

TEST_F(BreakLines, PersianJustifiedWithKashidaNaskh) {
  const LineSettings settings = justified(200, true);
  auto p = set(testing::paragraph(kPersian, Direction::rtl, "fa", naskh_fonts()), settings);
  expect_well_set(*p, settings);
  EXPECT_GT(count_tatweels(p->lines), 0);
  testing::expect_matches_golden(NASHR_TEST_DIR "/golden", "lines_persian_naskh_kashida",
                                 dump_lines(p->lines));
}

TEST_F(BreakLines, MixedPersianAndLatinKeepEachOrder) {
  // clang-format off
  StyledParagraph styled = testing::paragraph(
      "نشریهٔ پرونده‌های پارسی با شماره ISSN\u00A02975-0598 منتشر می‌شود و نسخهٔ Online آن نیز در دسترس است.",
      Direction::rtl, "fa", vazirmatn_fonts());
  // clang-format on
  // The ISSN is one isolate (bidi by construction) with a no-break space: it never splits.
  testing::mark(styled, "ISSN\u00A02975-0598", "en", SpanIsolation::first_strong);
  const LineSettings settings = justified(150, false);
  auto p = set(std::move(styled), settings);
  expect_well_set(*p, settings);
  // Reading the glyphs left to right (visual order) gives each Latin word and the ISSN in its own
  // order, inside right-to-left lines.
  bool saw_issn = false, saw_online = false;
  for (const Line& line : p->lines.lines) {
    EXPECT_TRUE(line.rtl);
    std::vector<const LineRun*> visual;
    for (const LineRun& run : line.runs) visual.push_back(&run);
    std::sort(visual.begin(), visual.end(), [](const LineRun* a, const LineRun* b) { return a->x < b->x; });
    std::string left_to_right;
    for (const LineRun* run : visual) {
      if (run->rtl) {
        left_to_right += "|";
        continue;
      }
      for (const PlacedGlyph& glyph : run->glyphs) left_to_right += glyph.text;
    }
    saw_issn = saw_issn || left_to_right.find("ISSN\u00A02975-0598") != std::string::npos;
    saw_online = saw_online || left_to_right.find("Online") != std::string::npos;
  }
  EXPECT_TRUE(saw_issn);
  EXPECT_TRUE(saw_online);
  testing::expect_matches_golden(NASHR_TEST_DIR "/golden", "lines_mixed_persian_latin", dump_lines(p->lines));
}

TEST_F(BreakLines, RaggedRtlLinesAlignRightAndLtrLinesLeft) {
  LineSettings settings;
  settings.width = 160;
  settings.alignment = Alignment::start;
  settings.first_line_indent = 12;
  auto rtl = set(testing::paragraph(kPersian, Direction::rtl, "fa", vazirmatn_fonts()), settings);
  expect_well_set(*rtl, settings);
  ASSERT_GT(rtl->lines.lines.size(), 2u);
  for (const Line& line : rtl->lines.lines) {
    EXPECT_FALSE(line.justified);
    EXPECT_LE(left_edge(line), 160);
    EXPECT_GE(left_edge(line), -0.01);
  }
  // The indent is on the right: the first line ends 12 pt before the right edge.
  EXPECT_NEAR(right_edge(rtl->lines.lines[0]), 148, 0.01);
  EXPECT_NEAR(right_edge(rtl->lines.lines[1]), 160, 0.01);
  auto ltr =
      set(testing::paragraph("Belarus and Iran continue to solidify their bilateral relations, aiming for a "
                             "durable and multifaceted partnership.",
                             Direction::ltr, "en"),
          settings);
  expect_well_set(*ltr, settings);
  EXPECT_NEAR(left_edge(ltr->lines.lines[0]), 12, 0.01);
  EXPECT_NEAR(left_edge(ltr->lines.lines[1]), 0, 0.01);
  testing::expect_matches_golden(NASHR_TEST_DIR "/golden", "lines_persian_ragged", dump_lines(rtl->lines));
}

TEST_F(BreakLines, CenteredAndEndAlignedLines) {
  for (const Alignment alignment : {Alignment::center, Alignment::end}) {
    LineSettings settings;
    settings.width = 160;
    settings.alignment = alignment;
    auto p = set(testing::paragraph(kPersian, Direction::rtl, "fa", vazirmatn_fonts()), settings);
    expect_well_set(*p, settings);
    for (const Line& line : p->lines.lines) {
      const double free = 160 - line.width;
      if (alignment == Alignment::center) {
        EXPECT_NEAR(left_edge(line), free / 2, 0.01);
      } else {
        EXPECT_NEAR(left_edge(line), 0, 0.01);  // the end side of an RTL line is its left
      }
    }
  }
}

TEST_F(BreakLines, OverlongWordIsBrokenWithAWarningAtItsSource) {
  const std::string text = "See Pneumonoultramicroscopicsilicovolcanoconiosis for details.";
  const LineSettings settings = justified(100, false);
  auto p = set(testing::paragraph(text, Direction::ltr, "en"), settings);
  expect_well_set(*p, settings, true);
  ASSERT_EQ(p->sink.diagnostics().size(), 1u);
  const std::string message = format_diagnostic(p->sink.diagnostics().front());
  EXPECT_NE(
      message.find(
          "issue.xml:12:7: warning: the word \u201CPneumonoultramicroscopicsilicovolcanoconiosis\u201D"),
      std::string::npos)
      << message;
  EXPECT_NE(message.find("does not fit the measure (100.0 pt)"), std::string::npos) << message;
  EXPECT_NE(message.find("  hint: "), std::string::npos) << message;
  // Every glyph of the paragraph is on some line, once (the spaces at line ends are dropped).
  std::multiset<std::uint32_t> shaped, placed;
  const Font* font = p->shaped.runs.front().run.font;
  for (const ShapedRun& run : p->shaped.runs) {
    for (const ShapedGlyph& glyph : run.glyphs) {
      if (glyph.glyph != font->glyph_for(U' ')) shaped.insert(glyph.glyph);
    }
  }
  for (const Line& line : p->lines.lines) {
    for (const LineRun& run : line.runs) {
      for (const PlacedGlyph& glyph : run.glyphs) {
        if (glyph.glyph_id != font->glyph_for(U' ')) placed.insert(glyph.glyph_id);
      }
    }
  }
  EXPECT_EQ(placed, shaped);
  EXPECT_GE(p->lines.lines.size(), 3u);
  testing::expect_matches_golden(NASHR_TEST_DIR "/golden", "lines_overlong_word", dump_lines(p->lines));
}

TEST_F(BreakLines, OverlongPersianWordKeepsItsText) {
  const std::string text = "واژهٔ دانشگاه‌هایشان‌اند طولانی است";
  const LineSettings settings = justified(40, false);
  auto p = set(testing::paragraph(text, Direction::rtl, "fa", naskh_fonts()), settings);
  expect_well_set(*p, settings, true);
  EXPECT_GE(p->sink.warning_count(), 1u);
  // Where the word is cut, its pieces are shaped again as line edges (final and initial forms).
  testing::expect_matches_golden(NASHR_TEST_DIR "/golden", "lines_overlong_persian_word",
                                 dump_lines(p->lines));
}

TEST_F(BreakLines, HardLineBreakEndsTheLineAndDrawsNothing) {
  const std::string text =
      "First line\u2028then the second line of the same paragraph, which is long enough to wrap "
      "once more and then again.";
  const LineSettings settings = justified(150, false);
  auto p = set(testing::paragraph(text, Direction::ltr, "en"), settings);
  expect_well_set(*p, settings);
  ASSERT_GE(p->lines.lines.size(), 3u);
  EXPECT_FALSE(p->lines.lines[0].justified);  // ended by the hard break: flush left, not stretched
  EXPECT_LT(p->lines.lines[0].width, 100);
  EXPECT_TRUE(std::any_of(p->lines.lines.begin() + 1, p->lines.lines.end() - 1, [](const Line& line) {
    return line.justified;
  })) << dump_lines(p->lines);
}

TEST_F(BreakLines, IsolatesAndTrailingSpacesProduceNoGlyphs) {
  StyledParagraph styled = testing::paragraph("شماره ISSN 2975-0598 است و شمارهٔ دوم 1403 نیز هست.",
                                              Direction::rtl, "fa", vazirmatn_fonts());
  testing::mark(styled, "ISSN 2975-0598", "en", SpanIsolation::first_strong);
  const LineSettings settings = justified(90, false);
  auto p = set(std::move(styled), settings);
  expect_well_set(*p, settings);
  std::size_t glyphs = 0;
  for (const Line& line : p->lines.lines) {
    for (const LineRun& run : line.runs) {
      glyphs += run.glyphs.size();
      ASSERT_FALSE(run.glyphs.empty());
    }
    // The line's first and last characters in reading order are not spaces.
    const LineRun& first = line.runs.front();
    const LineRun& last = line.runs.back();
    EXPECT_NE((first.rtl ? first.glyphs.back() : first.glyphs.front()).text, " ");
    EXPECT_NE((last.rtl ? last.glyphs.front() : last.glyphs.back()).text, " ");
  }
  std::size_t shaped = 0;
  for (const ShapedRun& run : p->shaped.runs) shaped += run.glyphs.size();
  EXPECT_EQ(glyphs + (p->lines.lines.size() - 1), shaped);  // one space dropped per line break
}

TEST_F(BreakLines, SpanColoursAndRunsInReadingOrder) {
  StyledParagraph styled = testing::paragraph("گزارش سالانه Annual Report و پیوست‌ها",
                                              Direction::rtl, "fa", vazirmatn_fonts());
  testing::mark(styled, "Annual Report", "en", SpanIsolation::ltr);
  LineSettings settings = justified(300, false);
  settings.span_colors = {Color{}, Color{0.8, 0.1, 0.1}};  // span 2 has no entry: black
  auto p = set(std::move(styled), settings);
  expect_well_set(*p, settings);
  ASSERT_EQ(p->lines.lines.size(), 1u);
  const Line& line = p->lines.lines.front();
  ASSERT_EQ(line.runs.size(), 3u);
  // Reading order: Persian, the English span, Persian again; visually the English sits between.
  EXPECT_TRUE(line.runs[0].rtl);
  EXPECT_FALSE(line.runs[1].rtl);
  EXPECT_TRUE(line.runs[2].rtl);
  EXPECT_GT(line.runs[0].x, line.runs[1].x);
  EXPECT_GT(line.runs[1].x, line.runs[2].x);
  EXPECT_EQ(line.runs[1].color, (Color{0.8, 0.1, 0.1}));
  EXPECT_EQ(line.runs[0].color, Color{});
  EXPECT_EQ(line.runs[2].color, Color{});
  EXPECT_EQ(line.runs[1].span, 1u);
}

TEST_F(BreakLines, ShapeSubstituteInsertsTatweelsAndKeepsTheJoins) {
  auto p =
      set(testing::paragraph("کتاب", Direction::rtl, "fa", vazirmatn_fonts()), justified(100, false));
  const ShapedRun& run = p->shaped.runs.front();
  // The unchanged text shapes as shape() did.
  const std::vector<ShapedGlyph> same = shape_substitute(*p->itemized, run.run, 0, 4, u"کتاب", {});
  EXPECT_EQ(same, run.glyphs);
  // Two tatweels after teh: teh keeps its medial form, the tatweels carry clusters 2 and 3.
  const std::vector<ShapedGlyph> longer = shape_substitute(*p->itemized, run.run, 0, 4, u"کتــاب", {});
  ASSERT_EQ(longer.size(), run.glyphs.size() + 2);
  const std::uint32_t tatweel = tatweel_glyph(run.run.font);
  int tatweels = 0;
  for (const ShapedGlyph& glyph : longer) {
    if (glyph.glyph == tatweel) {
      ++tatweels;
      EXPECT_TRUE(glyph.cluster == 2 || glyph.cluster == 3);
    }
  }
  EXPECT_EQ(tatweels, 2);
  // Teh is medial in both, but Vazirmatn draws a longer teh before alef: reshaping (not inserting
  // tatweel glyphs into the old glyphs) is what gets this right (as `hb-shape` shows).
  const auto teh = [&](const std::vector<ShapedGlyph>& glyphs) {
    const auto found =
        std::find_if(glyphs.begin(), glyphs.end(), [](const ShapedGlyph& g) { return g.cluster == 1; });
    return found == glyphs.end() ? std::string() : run.run.font->glyph_name(found->glyph);
  };
  EXPECT_EQ(teh(run.glyphs), "uniFE98.long");
  EXPECT_EQ(teh(longer), "uniFE98");
}

TEST_F(BreakLines, MirroredBracketsKeepTheirLogicalText) {
  // Noto Naskh Arabic has no parentheses: they come from Vazirmatn, mirrored in the RTL run.
  const std::string text = "همکاری دو کشور (بلاروس و ایران) ادامه دارد.";
  const LineSettings settings = justified(120, false);
  auto p = set(testing::paragraph(text, Direction::rtl, "fa", naskh_fonts()), settings);
  expect_well_set(*p, settings);
  int brackets = 0;
  for (const Line& line : p->lines.lines) {
    for (const LineRun& run : line.runs) {
      for (const PlacedGlyph& glyph : run.glyphs) {
        if (glyph.text == "(") {
          ++brackets;
          EXPECT_TRUE(run.rtl);
          EXPECT_EQ(glyph.glyph_id, run.font->glyph_for(U')'));  // drawn with the ")" glyph
        }
        if (glyph.text == ")") {
          ++brackets;
          EXPECT_EQ(glyph.glyph_id, run.font->glyph_for(U'('));
        }
      }
    }
  }
  EXPECT_EQ(brackets, 2);
}

TEST_F(BreakLines, EmptyParagraphHasNoLines) {
  auto p = set(testing::paragraph("", Direction::rtl, "fa", vazirmatn_fonts()), justified(100, true));
  EXPECT_TRUE(p->lines.lines.empty());
  EXPECT_EQ(p->lines.method, BreakMethod::empty);
}

// break_lines keeps its working memory per thread: paragraphs set on two threads at once (as the
// pipeline will) come out exactly as when set one after another, whatever was set before them.
// A smoke test of the outcome (reshaping, kashida, bidi, glyph texts on both threads); a data race
// that happens to give the right bytes needs a thread sanitizer to be seen.
TEST_F(BreakLines, TwoThreadsSetParagraphsAsOneThreadDoes) {
  std::vector<std::unique_ptr<SetParagraph>> paragraphs;
  paragraphs.push_back(
      set(testing::paragraph(kPersian, Direction::rtl, "fa", naskh_fonts()), justified(180, true)));
  paragraphs.push_back(
      set(testing::paragraph(kPersian, Direction::rtl, "fa", vazirmatn_fonts()), justified(120, false)));
  // clang-format off
  StyledParagraph mixed = testing::paragraph(
      "نشریهٔ پرونده‌های پارسی با شماره ISSN\u00A02975-0598 منتشر می‌شود و نسخهٔ Online آن نیز در دسترس است.",
      Direction::rtl, "fa", vazirmatn_fonts());
  // clang-format on
  testing::mark(mixed, "ISSN\u00A02975-0598", "en", SpanIsolation::first_strong);
  paragraphs.push_back(set(std::move(mixed), justified(150, false)));
  paragraphs.push_back(
      set(testing::paragraph("Belarus and Iran continue to solidify their bilateral relations, "
                             "aiming for a durable and multifaceted partnership.",
                             Direction::ltr, "en", vazirmatn_fonts()),
          justified(140, false)));
  std::vector<LineSettings> settings = {justified(180, true), justified(120, false), justified(150, false),
                                        justified(140, false)};
  std::vector<std::string> expected;
  for (const auto& p : paragraphs) expected.push_back(dump_lines(p->lines));

  // Each thread sets every paragraph many times, the two in opposite orders.
  const auto work = [&](bool reverse, std::vector<std::string>& mismatches) {
    for (int round = 0; round < 20; ++round) {
      for (std::size_t k = 0; k < paragraphs.size(); ++k) {
        const std::size_t i = reverse ? paragraphs.size() - 1 - k : k;
        const SetParagraph& p = *paragraphs[i];
        DiagnosticSink sink;
        const Lines lines = break_lines(p.styled, *p.itemized, p.shaped, settings[i], sink);
        if (dump_lines(lines) != expected[i]) mismatches.push_back("paragraph " + std::to_string(i));
      }
    }
  };
  std::vector<std::string> first, second;
  run_tasks(2, 2, [&](std::size_t task, unsigned) { work(task == 1, task == 0 ? first : second); });
  EXPECT_TRUE(first.empty()) << first.front();
  EXPECT_TRUE(second.empty()) << second.front();
}

}  // namespace
}  // namespace nashr
