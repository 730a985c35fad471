// Shaping: every run of each golden paragraph is compared with what HarfBuzz's own hb-shape
// (Debian libharfbuzz-bin) prints for the same font file, text, context and options, so the
// goldens are not only our own output. The dumps themselves are goldens too (tests/shape/goldens),
// re-recorded with NASHR_UPDATE_GOLDENS=1 (docs/testing.md).
#include "shape/shape.h"

#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <set>

#include "../text/text_test_support.h"
#include "base/file_io.h"

namespace nashr {
namespace {

using testing::mark;
using testing::paragraph;
using testing::utf8;

std::string shell_quote(const std::string& text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

std::string run_command(const std::string& command) {
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
  if (!pipe) return "(popen failed)";
  std::string out;
  std::array<char, 4096> buffer{};
  std::size_t n = 0;
  while ((n = fread(buffer.data(), 1, buffer.size(), pipe.get())) > 0) out.append(buffer.data(), n);
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
  return out;
}

// What hb-shape prints for one of our runs: same font file, direction, script, language, features,
// cluster level, context and beginning/end-of-text flags as shape() uses.
std::string hb_shape_output(const ItemizedParagraph& itemized, const TextRun& run) {
  const std::u16string& text = itemized.text();
  std::string features;
  for (const FontFeature& feature : run.features) {
    if (!features.empty()) features.append(",");
    features.append(feature.tag);
    if (feature.value != 1) features.append("=").append(std::to_string(feature.value));
  }
  std::string command = "hb-shape --font-funcs=ot --no-glyph-names --show-flags --cluster-level=1";
  command += " --direction=" + std::string(run.rtl() ? "rtl" : "ltr");
  command += " --script=" + run.script + " --language=" + run.language;
  command += " --features=" + shell_quote(features);
  if (run.begin == 0) command += " --bot";
  if (run.end == text.size()) command += " --eot";
  if (run.begin > 0)
    command += " --text-before=" + shell_quote(utf8(std::u16string_view(text).substr(0, run.begin)));
  if (run.end < text.size())
    command += " --text-after=" + shell_quote(utf8(std::u16string_view(text).substr(run.end)));
  command += " --text=" + shell_quote(utf8(std::u16string_view(text).substr(run.begin, run.end - run.begin)));
  command.append(" ").append(shell_quote(run.font->path().string())).append(" 2>/dev/null");
  // stderr is dropped: hb-shape 6.0 echoes --text-before there. A failure shows as empty output.
  return run_command(command);
}

// Our glyphs in hb-shape's notation, clusters relative to the run (hb-shape counts characters of
// its item; all golden text is in the BMP, so characters and UTF-16 units agree).
std::string our_output(const ShapedRun& shaped) {
  std::string out = "[";
  for (std::size_t g = 0; g < shaped.glyphs.size(); ++g) {
    const ShapedGlyph& glyph = shaped.glyphs[g];
    if (g > 0) out.append("|");
    out.append(std::to_string(glyph.glyph))
        .append("=")
        .append(std::to_string(glyph.cluster - shaped.run.begin));
    if (glyph.x_offset != 0 || glyph.y_offset != 0) {
      out.append("@")
          .append(std::to_string(glyph.x_offset))
          .append(",")
          .append(std::to_string(glyph.y_offset));
    }
    out.append("+").append(std::to_string(glyph.x_advance));
    if (glyph.unsafe_to_break) out.append("#1");
  }
  return out.append("]");
}

void expect_golden(const std::string& name, const std::string& dump) {
  const std::filesystem::path path = std::filesystem::path(NASHR_TEST_DIR) / "goldens" / (name + ".txt");
  if (const char* update = std::getenv("NASHR_UPDATE_GOLDENS");
      update != nullptr && std::string(update) == "1") {
    ASSERT_TRUE(write_file_atomically(path, dump).ok()) << path;
    return;
  }
  Result<std::string> golden = read_file(path);
  ASSERT_TRUE(golden.ok()) << path << " missing: run the test with NASHR_UPDATE_GOLDENS=1";
  EXPECT_EQ(dump, golden.value()) << "golden " << path
                                  << " differs; if the change is intended, re-record with "
                                  << "NASHR_UPDATE_GOLDENS=1 ctest --preset release -R shape.";
}

struct GoldenCase {
  std::string name;
  StyledParagraph paragraph;
};

std::vector<GoldenCase> golden_cases() {
  using testing::kNaskh;
  using testing::kNotoSerif;
  using testing::kVazirmatn;
  const std::vector<FontChain> vazirmatn{{"arabic", {kVazirmatn}}, {"latin", {kVazirmatn}}};
  std::vector<GoldenCase> cases;
  cases.push_back({"zwnj_naskh", paragraph("می‌شود، کتاب‌ها، همکاری‌های",
                                           Direction::rtl, "fa")});
  cases.push_back({"zwnj_vazirmatn", paragraph("می‌شود، کتاب‌ها، همکاری‌های",
                                               Direction::rtl, "fa", vazirmatn)});
  cases.push_back({"lam_alef_naskh", paragraph("کلاس، سلام", Direction::rtl, "fa")});
  cases.push_back({"lam_alef_vazirmatn", paragraph("کلاس، سلام", Direction::rtl, "fa", vazirmatn)});
  cases.push_back({"persian_digits_naskh", paragraph("سال ۱۴۰۳، شمارهٔ ۴۵۶", Direction::rtl, "fa")});
  cases.push_back(
      {"persian_digits_vazirmatn", paragraph("سال ۱۴۰۳، شمارهٔ ۴۵۶", Direction::rtl, "fa", vazirmatn)});
  cases.push_back({"mirrored_parentheses", paragraph("کتاب (جلد دوم) خوب است", Direction::rtl, "fa")});
  cases.push_back(
      {"latin_acronym_in_persian", paragraph("سازمان ناتو (NATO) در سال ۱۴۰۳", Direction::rtl, "fa")});
  StyledParagraph name_in_english = paragraph("The poet حافظ wrote in Shiraz.", Direction::ltr, "en");
  mark(name_in_english, "حافظ", "fa", SpanIsolation::none);
  cases.push_back({"persian_name_in_english", std::move(name_in_english)});
  // Features from the style reach HarfBuzz: with liga off, no "fi" ligature (nine features, more
  // than shape() keeps on the stack).
  StyledParagraph no_ligatures = paragraph("office fifty", Direction::ltr, "en");
  no_ligatures.spans[0].features = {{"kern", 1}, {"liga", 0}, {"clig", 1}, {"calt", 1}, {"ccmp", 1},
                                    {"mark", 1}, {"mkmk", 1}, {"locl", 1}, {"rlig", 1}};
  cases.push_back({"latin_ligatures_off", std::move(no_ligatures)});
  cases.push_back({"latin_ligatures_on", paragraph("office fifty", Direction::ltr, "en")});
  return cases;
}

TEST(Shape, GoldensMatchHbShapeRunByRun) {
  ASSERT_EQ(std::system("hb-shape --version > /dev/null 2>&1"), 0)
      << "hb-shape missing: install Debian's libharfbuzz-bin (scripts/setup.sh)";
  FontDb fonts(FontDb::default_fonts_dir());
  for (const GoldenCase& golden : golden_cases()) {
    SCOPED_TRACE(golden.name);
    DiagnosticSink sink;
    const ItemizedParagraph itemized = itemize(golden.paragraph, fonts, sink);
    EXPECT_TRUE(sink.diagnostics().empty());
    const ShapedParagraph shaped = shape(itemized);
    ASSERT_EQ(shaped.runs.size(), itemized.runs.size());
    for (const ShapedRun& run : shaped.runs) {
      ASSERT_NE(run.run.font, nullptr);
      EXPECT_EQ(our_output(run), hb_shape_output(itemized, run.run))
          << "run [" << run.run.begin << "," << run.run.end << ")";
    }
    expect_golden(golden.name, dump_shaped(shaped));
  }
}

// Every character of every run belongs to exactly one glyph: clusters are monotone in visual order
// (decreasing for RTL), start at the run's first character, and none is past the run.
TEST(Shape, EveryCharacterIsReachableFromAGlyph) {
  FontDb fonts(FontDb::default_fonts_dir());
  for (const GoldenCase& golden : golden_cases()) {
    SCOPED_TRACE(golden.name);
    DiagnosticSink sink;
    const ShapedParagraph shaped = shape(itemize(golden.paragraph, fonts, sink));
    for (const ShapedRun& run : shaped.runs) {
      ASSERT_FALSE(run.glyphs.empty());
      std::vector<std::uint32_t> clusters;
      for (const ShapedGlyph& glyph : run.glyphs) clusters.push_back(glyph.cluster);
      if (run.run.rtl()) std::reverse(clusters.begin(), clusters.end());
      EXPECT_TRUE(std::is_sorted(clusters.begin(), clusters.end()));
      EXPECT_EQ(clusters.front(), run.run.begin);
      EXPECT_LT(clusters.back(), run.run.end);
    }
  }
}

TEST(Shape, ZwnjSurvivesAsAGlyphThatBreaksTheJoin) {
  FontDb fonts(FontDb::default_fonts_dir());
  DiagnosticSink sink;
  const ItemizedParagraph itemized =
      itemize(paragraph("می‌شود", Direction::rtl, "fa"), fonts, sink);
  const ShapedParagraph shaped = shape(itemized);
  ASSERT_EQ(shaped.runs.size(), 1u);
  const ShapedRun& run = shaped.runs[0];
  const auto zwnj = static_cast<std::uint32_t>(itemized.text().find(u'\u200C'));
  const auto found = std::find_if(run.glyphs.begin(), run.glyphs.end(),
                                  [&](const ShapedGlyph& glyph) { return glyph.cluster == zwnj; });
  ASSERT_NE(found, run.glyphs.end());
  EXPECT_EQ(found->x_advance, 0);
  // ی before the ZWNJ takes its final form (not medial), ش after it its initial form. Noto Naskh
  // maps the presentation-form code points to its contextual glyphs, so those name the forms.
  const Font& font = *run.run.font;
  for (const ShapedGlyph& glyph : run.glyphs) {
    if (glyph.cluster == 1) {
      EXPECT_EQ(glyph.glyph, font.glyph_for(0xFBFD));  // FARSI YEH FINAL FORM
    }
    if (glyph.cluster == 3) {
      EXPECT_EQ(glyph.glyph, font.glyph_for(0xFEB7));  // SHEEN INITIAL FORM
    }
  }
}

TEST(Shape, NaskhWithAsciiPunctuationHasNoNotdef) {
  FontDb fonts(FontDb::default_fonts_dir());
  DiagnosticSink sink;
  // Noto Naskh Arabic lacks ( ) - / " ' % + – —: they come from the next fonts of the chain.
  const std::vector<FontChain> chains{{"arabic", {testing::kNaskh}}, {"latin", {testing::kNotoSerif}}};
  const ItemizedParagraph itemized =
      itemize(paragraph("«سلام» (آزمایش) - ۱۴۰۳/۰۵/۱۲ \"نقل\" 'قول' ۵۰% + ۲ – ۳ — پایان!", Direction::rtl,
                        "fa", chains),
              fonts, sink);
  EXPECT_TRUE(sink.diagnostics().empty()) << sink.diagnostics().front().message;
  const ShapedParagraph shaped = shape(itemized);
  std::set<std::string> fonts_used;
  for (const ShapedRun& run : shaped.runs) {
    fonts_used.insert(run.run.font->postscript_name());
    for (const ShapedGlyph& glyph : run.glyphs) {
      EXPECT_NE(glyph.glyph, 0u) << "notdef at " << glyph.cluster << " in "
                                 << run.run.font->postscript_name();
    }
  }
  EXPECT_EQ(fonts_used, (std::set<std::string>{"NotoNaskhArabic-Regular", "NotoSerif-Regular"}));
  // The fallback parentheses are still mirrored: "(" in this RTL text is drawn with ")"'s glyph.
  const auto open = static_cast<std::uint32_t>(itemized.text().find(u'('));
  for (const ShapedRun& run : shaped.runs) {
    for (const ShapedGlyph& glyph : run.glyphs) {
      if (glyph.cluster == open) {
        EXPECT_EQ(glyph.glyph, run.run.font->glyph_for(U')'));
      }
    }
  }
}

TEST(Shape, MirroredParenthesesInRtl) {
  FontDb fonts(FontDb::default_fonts_dir());
  DiagnosticSink sink;
  const ItemizedParagraph itemized =
      itemize(paragraph("کتاب (جلد دوم) خوب", Direction::rtl, "fa"), fonts, sink);
  const ShapedParagraph shaped = shape(itemized);
  const auto open = static_cast<std::uint32_t>(itemized.text().find(u'('));
  const auto close = static_cast<std::uint32_t>(itemized.text().find(u')'));
  int seen = 0;
  for (const ShapedRun& run : shaped.runs) {
    for (const ShapedGlyph& glyph : run.glyphs) {
      if (glyph.cluster == open) {
        EXPECT_EQ(run.run.font->glyph_name(glyph.glyph),
                  run.run.font->glyph_name(run.run.font->glyph_for(U')')));
        ++seen;
      }
      if (glyph.cluster == close) {
        EXPECT_EQ(glyph.glyph, run.run.font->glyph_for(U'('));
        ++seen;
      }
    }
  }
  EXPECT_EQ(seen, 2);
}

TEST(Shape, IsolateControlsLeaveNoGlyphs) {
  FontDb fonts(FontDb::default_fonts_dir());
  DiagnosticSink sink;
  StyledParagraph p = paragraph("شاپا 2975-0598 است", Direction::rtl, "fa");
  mark(p, "2975-0598", "fa", SpanIsolation::first_strong);
  const ItemizedParagraph itemized = itemize(p, fonts, sink);
  const ShapedParagraph shaped = shape(itemized);
  std::size_t glyphs = 0;
  for (const ShapedRun& run : shaped.runs) {
    for (const ShapedGlyph& glyph : run.glyphs) {
      EXPECT_FALSE(itemized.inserted[glyph.cluster]);
      ++glyphs;
    }
  }
  EXPECT_EQ(glyphs, itemized.text().size() - 2);  // no ligatures here: one glyph per character
  const std::string dump = dump_shaped(shaped);
  EXPECT_NE(dump.find("<U+2068>"), std::string::npos) << dump;
}

TEST(Shape, HardBreakDrawsNothing) {
  FontDb fonts(FontDb::default_fonts_dir());
  DiagnosticSink sink;
  const ItemizedParagraph itemized = itemize(paragraph("one\ntwo", Direction::ltr, "en"), fonts, sink);
  EXPECT_TRUE(sink.diagnostics().empty());
  const ShapedParagraph shaped = shape(itemized);
  for (const ShapedRun& run : shaped.runs) {
    for (const ShapedGlyph& glyph : run.glyphs) {
      EXPECT_NE(glyph.glyph, 0u);
      if (glyph.cluster == 3) {
        EXPECT_EQ(glyph.x_advance, 0);
      }
    }
  }
}

TEST(Shape, ReshapeWithParagraphContextEqualsTheRun) {
  FontDb fonts(FontDb::default_fonts_dir());
  DiagnosticSink sink;
  const ItemizedParagraph itemized = itemize(
      paragraph("کتاب‌ها و همکاری‌های ما", Direction::rtl, "fa"), fonts, sink);
  const ShapedParagraph shaped = shape(itemized);
  ASSERT_EQ(shaped.runs.size(), 1u);
  const TextRun& run = itemized.runs[0];
  EXPECT_EQ(reshape(itemized, run, run.begin, run.end, {}), shaped.runs[0].glyphs);
}

// At a line edge the reshaped piece sees no text beyond the edge. Cutting "همکاری" after its
// third letter: with paragraph context ک keeps the medial form it has in the word; as a line edge
// it is the last letter of the line and takes its final form.
TEST(Shape, ReshapeAtALineEdgeDropsTheContext) {
  FontDb fonts(FontDb::default_fonts_dir());
  DiagnosticSink sink;
  const ItemizedParagraph itemized = itemize(paragraph("همکاری", Direction::rtl, "fa"), fonts, sink);
  const TextRun& run = itemized.runs.at(0);
  const Font& font = *run.font;
  auto glyph_at = [&](const std::vector<ShapedGlyph>& glyphs, std::uint32_t cluster) -> std::uint32_t {
    for (const ShapedGlyph& glyph : glyphs) {
      if (glyph.cluster == cluster) return glyph.glyph;
    }
    return 0;
  };
  const std::vector<ShapedGlyph> in_word = reshape(itemized, run, 0, 3, {});
  const std::vector<ShapedGlyph> at_edge =
      reshape(itemized, run, 0, 3, {.line_start = false, .line_end = true});
  EXPECT_EQ(glyph_at(in_word, 2), font.glyph_for(0xFB91));  // KEHEH MEDIAL FORM
  EXPECT_EQ(glyph_at(at_edge, 2), font.glyph_for(0xFB8F));  // KEHEH FINAL FORM
  // The full run marks the glyphs where a cut changes shaping as unsafe to break.
  const ShapedParagraph shaped = shape(itemized);
  EXPECT_TRUE(std::any_of(shaped.runs[0].glyphs.begin(), shaped.runs[0].glyphs.end(),
                          [](const ShapedGlyph& glyph) { return glyph.unsafe_to_break; }));
}

TEST(Shape, GlyphsInARangeAndSafeBreaks) {
  FontDb fonts(FontDb::default_fonts_dir());
  DiagnosticSink sink;
  // Vazirmatn draws lam-alef as one glyph: "کلاس" is ک + لا ligature + س.
  const std::vector<FontChain> vazirmatn{{"arabic", {testing::kVazirmatn}}};
  const ItemizedParagraph itemized =
      itemize(paragraph("کلاس سلام", Direction::rtl, "fa", vazirmatn), fonts, sink);
  const ShapedParagraph shaped = shape(itemized);
  ASSERT_EQ(shaped.runs.size(), 1u);
  const ShapedRun& run = shaped.runs[0];
  // The second word: its glyphs are the leftmost ones (RTL), contiguous, all clusters >= 5.
  const std::span<const ShapedGlyph> second = glyphs_in(run, 5, 9);
  ASSERT_FALSE(second.empty());
  EXPECT_EQ(second.data(), run.glyphs.data());
  for (const ShapedGlyph& glyph : second) EXPECT_GE(glyph.cluster, 5u);
  EXPECT_EQ(glyphs_in(run, 0, 9).size(), run.glyphs.size());
  EXPECT_TRUE(glyphs_in(run, 9, 9).empty());
  // After the space: safe. Inside the lam-alef ligature (before ا at 2): not. Between joined
  // letters (ک|ل, HarfBuzz flags it): not.
  EXPECT_TRUE(safe_to_break_at(run, 5));
  EXPECT_FALSE(safe_to_break_at(run, 2));
  EXPECT_FALSE(safe_to_break_at(run, 1));
  EXPECT_TRUE(safe_to_break_at(run, 0));
  EXPECT_TRUE(safe_to_break_at(run, 9));
}

TEST(Shape, WidthInPoints) {
  FontDb fonts(FontDb::default_fonts_dir());
  DiagnosticSink sink;
  const ShapedParagraph shaped = shape(itemize(paragraph("ab", Direction::ltr, "en"), fonts, sink));
  const ShapedRun& run = shaped.runs.at(0);
  const Font& font = *run.run.font;
  const double expected =
      (font.advance(font.glyph_for(U'a')) + font.advance(font.glyph_for(U'b'))) * 10.0 / font.units_per_em();
  EXPECT_DOUBLE_EQ(width_in_points(run), expected);
}

}  // namespace
}  // namespace nashr

namespace nashr {
namespace {

// Noto Naskh Arabic's `locl` (for every language, Persian's FAR included) swaps ۴ ۶ ۷ for their
// Urdu forms (uni06F4.locl, ۶ as the Arabic ٦, ۷ with a flat foot); its default glyphs are the
// Persian forms, the ones Vazirmatn draws. Persian runs in it are shaped with locl off (issue 17,
// item 7), whatever the style asks.
TEST(ShapeLanguage, PersianDigitsKeepTheirPersianFormsInNaskh) {
  FontDb fonts(FontDb::default_fonts_dir());
  DiagnosticSink sink;
  auto digits = [&](std::vector<FontFeature> features, const char* language) {
    StyledParagraph p = testing::paragraph("۴۶۷", Direction::rtl, language);
    p.spans[0].features = std::move(features);
    const ShapedParagraph shaped = shape(itemize(p, fonts, sink));
    const ShapedRun& run = shaped.runs.at(0);
    std::string names;
    for (const ShapedGlyph& glyph : run.glyphs) names += run.run.font->glyph_name(glyph.glyph) + " ";
    return names;
  };
  // Visual order (the digits run left to right).
  EXPECT_EQ(digits({}, "fa"), "uni06F4 uni06F6 uni06F7 ");
  EXPECT_EQ(digits({{"kern", 1}, {"liga", 1}, {"locl", 1}}, "fa"), "uni06F4 uni06F6 uni06F7 ");
  // Other languages keep the font's own choice.
  EXPECT_EQ(digits({}, "ur"), "uni06F4.locl uni0666 uni06F7.locl ");
}

}  // namespace
}  // namespace nashr
