// shape() shapes runs piece by piece (a word and its spaces) through a cache; these tests hold it
// to the glyphs HarfBuzz gives for the whole run, on every paragraph of the sample issues and of
// synthetic ones (bench/gen-issue.py) in both styles, and on texts made to reach across a space.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "../text/text_test_support.h"
#include "model/report.h"
#include "resolve/resolved_document.h"
#include "shape/shape.h"
#include "style/style_sheet.h"
#include "text/itemize.h"

namespace nashr {
namespace {

namespace fs = std::filesystem;
using testing::paragraph;

std::string describe(const ShapedGlyph& glyph) {
  return "glyph " + std::to_string(glyph.glyph) + " cluster " + std::to_string(glyph.cluster) + " advance " +
         std::to_string(glyph.x_advance) + " offset " + std::to_string(glyph.x_offset) + "," +
         std::to_string(glyph.y_offset) + (glyph.unsafe_to_break ? " unsafe" : "");
}

// The first difference between the two shapings of `itemized`, or "" when they agree.
std::string difference(const ItemizedParagraph& itemized) {
  const ShapedParagraph by_piece = shape(itemized, ShapeStrategy::by_piece);
  const ShapedParagraph whole = shape(itemized, ShapeStrategy::whole_runs);
  if (by_piece.runs.size() != whole.runs.size()) return "run count differs";
  for (std::size_t r = 0; r < whole.runs.size(); ++r) {
    const std::vector<ShapedGlyph>& a = by_piece.runs[r].glyphs;
    const std::vector<ShapedGlyph>& b = whole.runs[r].glyphs;
    const std::string where =
        "run " + std::to_string(r) + " \"" +
        testing::utf8(std::u16string_view(itemized.text())
                          .substr(whole.runs[r].run.begin, whole.runs[r].run.end - whole.runs[r].run.begin)) +
        "\": ";
    for (std::size_t g = 0; g < std::min(a.size(), b.size()); ++g) {
      if (!(a[g] == b[g])) {
        return where + "at glyph " + std::to_string(g) + " by piece " + describe(a[g]) + ", whole run " +
               describe(b[g]);
      }
    }
    if (a.size() != b.size()) {
      return where + std::to_string(a.size()) + " glyphs by piece, " + std::to_string(b.size()) + " whole";
    }
  }
  return "";
}

// Every paragraph (and list marker) of a report, itemized as typesetting would, compared.
void expect_same_glyphs_for_report(const fs::path& report_path) {
  SCOPED_TRACE(report_path.string());
  DiagnosticSink sink;
  Result<Report> report = read_report(report_path.string(), sink);
  ASSERT_TRUE(report) << report.error().message;
  Result<StyleSheet> style = read_style(report->style_path.string(), sink);
  ASSERT_TRUE(style) << style.error().message;
  ResolvedDocument resolved = resolve(*report, *style, sink);
  FontDb fonts(FontDb::default_fonts_dir());
  std::size_t paragraphs = 0;
  for (const ResolvedBlock& block : resolved.blocks) {
    for (const std::optional<TextBlock>* text : {&block.text, &block.marker}) {
      if (!*text) continue;
      const ItemizedParagraph itemized = itemize((*text)->paragraph, fonts, sink);
      const std::string different = difference(itemized);
      EXPECT_EQ(different, "") << "paragraph at line " << block.location.line;
      ++paragraphs;
    }
  }
  EXPECT_GT(paragraphs, 10u);
}

TEST(ShapeByPiece, SameGlyphsAsWholeRunsInTheSampleIssues) {
  for (const char* report : {"reports/persian-files-29-2.xml", "reports/persian-files-29-2-fa.xml"}) {
    expect_same_glyphs_for_report(fs::path(NASHR_SOURCE_DIR) / report);
  }
}

TEST(ShapeByPiece, SameGlyphsAsWholeRunsInSyntheticIssues) {
  const fs::path dir = fs::path(NASHR_BINARY_DIR) / "shape-by-piece";
  fs::create_directories(dir);
  for (const char* variant : {"ltr", "rtl"}) {
    for (const char* seed : {"1", "7"}) {
      const fs::path report = dir / (std::string(variant) + "-" + seed + ".xml");
      const std::string command =
          "python3 " + (fs::path(NASHR_SOURCE_DIR) / "bench" / "gen-issue.py").string() +
          " --pages 12 --variant " + variant + " --seed " + seed + " -o " + report.string();
      ASSERT_EQ(std::system(command.c_str()), 0) << command;
      expect_same_glyphs_for_report(report);
    }
  }
}

// Vazirmatn kerns a space before "T" and makes a spacing mark of a space and a following haraka:
// HarfBuzz gives different glyphs together than apart, so the pieces must not split there.
TEST(ShapeByPiece, KeepsTogetherWhatTheFontJoinsAcrossASpace) {
  FontDb fonts(FontDb::default_fonts_dir());
  DiagnosticSink sink;
  const std::vector<FontChain> vazirmatn = {{"arabic", {testing::kVazirmatn}},
                                            {"latin", {testing::kVazirmatn}}};
  const ItemizedParagraph latin =
      itemize(paragraph("a Tale of Two Tables, To Tarry", Direction::ltr, "en", vazirmatn), fonts, sink);
  const ItemizedParagraph harakat =
      itemize(paragraph("کتاب \u064E و \u0650 دیگر ً", Direction::rtl, "fa", vazirmatn), fonts, sink);
  for (const ItemizedParagraph* itemized : {&latin, &harakat}) {
    EXPECT_EQ(difference(*itemized), "");
    // The case is real: the space before "T" is narrower than a space before "a".
    const ShapedParagraph whole = shape(*itemized, ShapeStrategy::whole_runs);
    ASSERT_FALSE(whole.runs.empty());
  }
  const ShapedParagraph shaped = shape(latin, ShapeStrategy::whole_runs);
  const std::u16string& text = latin.text();
  int space_before_t = 0, space_before_other = 0;
  for (const ShapedRun& run : shaped.runs) {
    for (const ShapedGlyph& glyph : run.glyphs) {
      if (text[glyph.cluster] != u' ' || glyph.cluster + 1 >= text.size()) continue;
      (text[glyph.cluster + 1] == u'T' ? space_before_t : space_before_other) = glyph.x_advance;
    }
  }
  EXPECT_NE(space_before_t, 0);
  EXPECT_NE(space_before_t, space_before_other) << "Vazirmatn no longer kerns a space before T";
  EXPECT_FALSE(sink.has_errors());
}

// Words repeated with different neighbours: joining context, digits, ZWNJ, isolates and a hard
// line break, in both Arabic-script fonts.
TEST(ShapeByPiece, SameGlyphsWhereContextDiffers) {
  FontDb fonts(FontDb::default_fonts_dir());
  DiagnosticSink sink;
  const std::vector<std::vector<FontChain>> chains = {
      testing::book_fonts(), {{"arabic", {testing::kVazirmatn}}, {"latin", {testing::kNotoSerif}}}};
  const std::string text =
      "کتاب کتاب‌ها «کتاب» (کتاب) کتاب، کتاب‌ها ۱۴۰۳ ۱۴۰۳، 2025 SCO کتاب\u2028کتاب  کتاب   ها "
      "ی "
      "ـکتاب";
  for (const std::vector<FontChain>& chain : chains) {
    StyledParagraph styled = paragraph(text, Direction::rtl, "fa", chain);
    testing::mark(styled, "SCO", "en", SpanIsolation::ltr);
    EXPECT_EQ(difference(itemize(styled, fonts, sink)), "");
    // A span boundary inside a word ("کت|بها", a larger size on its end) makes a run that starts
    // joined to the letter before it; the same letters in a span after a space start unjoined.
    const std::string word = "کت", ending = "بها";
    StyledParagraph joined =
        paragraph(word + ending + " " + ending + " " + word, Direction::rtl, "fa", chain);
    const std::size_t first = word.size(), second = first + ending.size() + 1;
    joined.spans = {testing::span(0, first, "fa", chain),
                    testing::span(first, first + ending.size(), "fa", chain),
                    testing::span(first + ending.size(), second, "fa", chain),
                    testing::span(second, second + ending.size(), "fa", chain),
                    testing::span(second + ending.size(), joined.text.size(), "fa", chain)};
    joined.spans[1].font_size = joined.spans[3].font_size = 12;
    const ItemizedParagraph itemized = itemize(joined, fonts, sink);
    ASSERT_GE(itemized.runs.size(), 3u);
    EXPECT_EQ(difference(itemized), "");
  }
}

// shape_substitute() keeps the words it shapes with tatweels per thread, keyed on the context
// reduced as for pieces. Each word, in every context and at every line edge, must get the glyphs
// of shaping the paragraph with the tatweel really in it (through reshape(), uncached), whether it
// is shaped first or found in the cache.
TEST(ShapeByPiece, SubstitutesSameAsShapingTheTatweelInPlace) {
  FontDb fonts(FontDb::default_fonts_dir());
  DiagnosticSink sink;
  const std::vector<std::vector<FontChain>> chains = {
      testing::book_fonts(), {{"arabic", {testing::kVazirmatn}}, {"latin", {testing::kNotoSerif}}}};
  const std::u16string word = u"کتاب", with_tatweel = u"کتـاب";
  const std::string text =
      "کتاب کتاب‌ها «کتاب» بکتاب کتاب، سکتاب کتابکتاب دیگر کتاب ۱۴۰۳کتاب "
      "کتاب";
  const LineEdges all_edges[] = {{}, {.line_start = true}, {.line_end = true}, {true, true}};
  for (const std::vector<FontChain>& chain : chains) {
    const ItemizedParagraph itemized = itemize(paragraph(text, Direction::rtl, "fa", chain), fonts, sink);
    const std::u16string& units = itemized.text();
    int compared = 0;
    for (int pass = 0; pass < 2; ++pass) {  // the second pass finds every word in the cache
      for (std::size_t at = units.find(word); at != std::u16string::npos; at = units.find(word, at + 1)) {
        const auto begin = static_cast<std::uint32_t>(at), end = static_cast<std::uint32_t>(at + word.size());
        const auto run = std::find_if(itemized.runs.begin(), itemized.runs.end(),
                                      [&](const TextRun& r) { return r.begin <= begin && end <= r.end; });
        ASSERT_NE(run, itemized.runs.end());
        std::u16string inserted = units;
        inserted.replace(at, word.size(), with_tatweel);
        const ItemizedParagraph reference_paragraph =
            itemize(paragraph(testing::utf8(inserted), Direction::rtl, "fa", chain), fonts, sink);
        const auto reference_run =
            std::find_if(reference_paragraph.runs.begin(), reference_paragraph.runs.end(),
                         [&](const TextRun& r) { return r.begin <= begin && end + 1 <= r.end; });
        ASSERT_NE(reference_run, reference_paragraph.runs.end());
        for (const LineEdges edges : all_edges) {
          SCOPED_TRACE("word at " + std::to_string(at) + ", line start " + std::to_string(edges.line_start) +
                       ", line end " + std::to_string(edges.line_end) + ", pass " + std::to_string(pass));
          const std::vector<ShapedGlyph> substituted =
              shape_substitute(itemized, *run, begin, end, with_tatweel, edges);
          std::vector<ShapedGlyph> expected =
              reshape(reference_paragraph, *reference_run, begin, end + 1, edges);
          for (ShapedGlyph& glyph : expected) glyph.cluster -= begin;
          ASSERT_EQ(substituted.size(), expected.size());
          for (std::size_t g = 0; g < expected.size(); ++g) {
            EXPECT_EQ(describe(substituted[g]), describe(expected[g])) << "glyph " << g;
          }
          ++compared;
        }
      }
    }
    EXPECT_GE(compared, 2 * 4 * 10);
  }
  EXPECT_FALSE(sink.has_errors());
}

}  // namespace
}  // namespace nashr
