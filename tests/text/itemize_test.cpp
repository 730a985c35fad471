#include "text/itemize.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "shape/shape.h"
#include "text_test_support.h"

namespace nashr {
namespace {

using testing::book_fonts;
using testing::mark;
using testing::paragraph;
using testing::utf8;

// The paragraph's characters in display order (inserted isolate controls left out), as UTF-8.
std::string visual_text(const ItemizedParagraph& itemized, std::uint32_t begin, std::uint32_t end) {
  std::u16string out;
  for (const VisualRun& run : itemized.visual_runs(begin, end)) {
    if (run.rtl()) {
      for (std::uint32_t i = run.end; i > run.begin; --i) {
        if (!itemized.inserted[i - 1]) out += itemized.text()[i - 1];
      }
    } else {
      for (std::uint32_t i = run.begin; i < run.end; ++i) {
        if (!itemized.inserted[i]) out += itemized.text()[i];
      }
    }
  }
  return utf8(out);
}

std::string digits_and_hyphens(const std::string& text) {
  std::string out;
  for (char c : text) {
    if ((c >= '0' && c <= '9') || c == '-') out += c;
  }
  return out;
}

const TextRun& run_at(const ItemizedParagraph& itemized, std::uint32_t position) {
  for (const TextRun& run : itemized.runs) {
    if (run.begin <= position && position < run.end) return run;
  }
  static const TextRun none;
  ADD_FAILURE() << "no run at " << position;
  return none;
}

std::uint32_t position_of(const ItemizedParagraph& itemized, char16_t c) {
  return static_cast<std::uint32_t>(itemized.text().find(c));
}

TEST(Itemize, IssnInsidePersianKeepsItsOrderWhenIsolated) {
  FontDb fonts(FontDb::default_fonts_dir());
  DiagnosticSink sink;
  // Plain UBA: the hyphen between two numbers after Arabic letters resolves to R, so the two halves
  // swap. That is the bug the isolate exists for; check the premise, then the fix.
  StyledParagraph plain = paragraph("شمارهٔ شاپا 2975-0598 در این نشریه", Direction::rtl, "fa");
  const ItemizedParagraph unisolated = itemize(plain, fonts, sink);
  EXPECT_EQ(
      digits_and_hyphens(visual_text(unisolated, 0, static_cast<std::uint32_t>(unisolated.text().size()))),
      "0598-2975");

  StyledParagraph marked = plain;
  mark(marked, "2975-0598", "fa", SpanIsolation::first_strong);
  const ItemizedParagraph isolated = itemize(marked, fonts, sink);
  EXPECT_EQ(sink.diagnostics().size(), 0u);
  const auto length = static_cast<std::uint32_t>(isolated.text().size());
  EXPECT_EQ(digits_and_hyphens(visual_text(isolated, 0, length)), "2975-0598");
  // The isolate is FSI … PDI around the span, marked as inserted, mapped to the span's bounds.
  const std::uint32_t fsi = position_of(isolated, u'\u2068');
  const std::uint32_t pdi = position_of(isolated, u'\u2069');
  ASSERT_LT(fsi, length);
  ASSERT_LT(pdi, length);
  EXPECT_TRUE(isolated.inserted[fsi]);
  EXPECT_TRUE(isolated.inserted[pdi]);
  EXPECT_EQ(isolated.source_offsets[fsi], marked.text.find("2975"));
  EXPECT_EQ(isolated.source_offsets[pdi], marked.text.find(" در"));
  EXPECT_EQ(std::count(isolated.inserted.begin(), isolated.inserted.end(), true), 2);
  // Also on a line that holds only part of the paragraph.
  const std::uint32_t line_end = position_of(isolated, u'د');
  EXPECT_EQ(digits_and_hyphens(visual_text(isolated, 0, line_end)), "2975-0598");
}

TEST(Itemize, SpanWithItsOwnDirectionIsAnIsolateNotAnEmbedding) {
  FontDb fonts(FontDb::default_fonts_dir());
  DiagnosticSink sink;
  StyledParagraph p = paragraph("نشانی info@example.com برای مکاتبه", Direction::rtl, "fa");
  mark(p, "info@example.com", "en", SpanIsolation::ltr);
  const ItemizedParagraph itemized = itemize(p, fonts, sink);
  const std::u16string& text = itemized.text();
  EXPECT_EQ(text.find(u'\u202A'), std::u16string::npos);  // no LRE
  EXPECT_EQ(text.find(u'\u202B'), std::u16string::npos);  // no RLE
  EXPECT_NE(text.find(u'\u2066'), std::u16string::npos);  // LRI
  const std::string visual = visual_text(itemized, 0, static_cast<std::uint32_t>(text.size()));
  EXPECT_NE(visual.find("info@example.com"), std::string::npos) << visual;
  const TextRun& address = run_at(itemized, static_cast<std::uint32_t>(text.find(u'@')));
  EXPECT_EQ(address.level, 2);
  EXPECT_EQ(address.language, "en");
  EXPECT_EQ(address.script, "Latn");
  EXPECT_EQ(address.font->postscript_name(), "NotoSerif-Regular");
}

// Two spans of one isolating inline (an English source and its address in a Persian note) are one
// isolate: the address stays right of the title. As two isolates, the RTL line put it on the left.
TEST(Itemize, AdjacentSpansOfOneIsolateGroupAreOneIsolate) {
  FontDb fonts(FontDb::default_fonts_dir());
  DiagnosticSink sink;
  for (const int second_group : {7, 8}) {
    StyledParagraph p = paragraph("نگاه کنید به Relations, https://mfa.gov.by/ برای", Direction::rtl, "fa");
    mark(p, "Relations, https://mfa.gov.by/", "en", SpanIsolation::ltr);
    StyledSpan address = p.spans[1];
    const std::size_t split = p.text.find("https");
    address.begin = split;
    p.spans[1].end = split;
    p.spans[1].isolate_group = 7;
    address.isolate_group = second_group;
    p.spans.insert(p.spans.begin() + 2, address);
    const ItemizedParagraph itemized = itemize(p, fonts, sink);
    const std::u16string& text = itemized.text();
    const auto count = [&](char16_t c) { return std::count(text.begin(), text.end(), c); };
    const std::string visual = visual_text(itemized, 0, static_cast<std::uint32_t>(text.size()));
    if (second_group == 7) {
      EXPECT_EQ(count(u'\u2066'), 1);  // one LRI
      EXPECT_EQ(count(u'\u2069'), 1);  // one PDI
      EXPECT_NE(visual.find("Relations, https://mfa.gov.by/"), std::string::npos) << visual;
    } else {
      EXPECT_EQ(count(u'\u2066'), 2);  // an isolate each: the RTL line orders them right to left
      EXPECT_NE(visual.find("https://mfa.gov.by/Relations,"), std::string::npos) << visual;
    }
  }
}

TEST(Itemize, ParagraphDirectionFromDirOrFirstStrongCharacter) {
  FontDb fonts(FontDb::default_fonts_dir());
  DiagnosticSink sink;
  EXPECT_EQ(
      itemize(paragraph("2024 سلام world", Direction::auto_detect, "fa"), fonts, sink).bidi.paragraph_level(),
      1);
  EXPECT_EQ(
      itemize(paragraph("2024 world سلام", Direction::auto_detect, "en"), fonts, sink).bidi.paragraph_level(),
      0);
  EXPECT_EQ(itemize(paragraph("2975-0598", Direction::auto_detect, "fa"), fonts, sink).bidi.paragraph_level(),
            0);
  EXPECT_EQ(itemize(paragraph("world سلام", Direction::rtl, "fa"), fonts, sink).bidi.paragraph_level(),
            1);
  EXPECT_EQ(itemize(paragraph("سلام world", Direction::ltr, "fa"), fonts, sink).bidi.paragraph_level(),
            0);
}

TEST(Itemize, RunsOfOneLevelScriptLanguageAndFont) {
  FontDb fonts(FontDb::default_fonts_dir());
  DiagnosticSink sink;
  StyledParagraph p = paragraph("کتاب (جلد NATO) خوب است.", Direction::rtl, "fa");
  const ItemizedParagraph itemized = itemize(p, fonts, sink);
  EXPECT_TRUE(sink.diagnostics().empty());
  // Runs cover the text in order without gaps, each uniform.
  std::uint32_t expected_begin = 0;
  for (const TextRun& run : itemized.runs) {
    EXPECT_EQ(run.begin, expected_begin);
    EXPECT_LT(run.begin, run.end);
    for (std::uint32_t i = run.begin; i < run.end; ++i) EXPECT_EQ(itemized.levels[i], run.level);
    expected_begin = run.end;
  }
  EXPECT_EQ(expected_begin, itemized.text().size());
  // Paired brackets take one script (the opening bracket's), although the text inside is Latin at
  // the end; Noto Naskh Arabic lacks ASCII parentheses, so they come from Vazirmatn.
  const TextRun& open = run_at(itemized, position_of(itemized, u'('));
  const TextRun& close = run_at(itemized, position_of(itemized, u')'));
  EXPECT_EQ(open.script, "Arab");
  EXPECT_EQ(close.script, "Arab");
  EXPECT_EQ(open.font->postscript_name(), "Vazirmatn-Regular");
  EXPECT_EQ(close.font->postscript_name(), "Vazirmatn-Regular");
  EXPECT_TRUE(open.rtl());
  const TextRun& latin = run_at(itemized, position_of(itemized, u'N'));
  EXPECT_EQ(latin.script, "Latn");
  EXPECT_EQ(latin.level, 2);
  EXPECT_EQ(latin.font->postscript_name(), "NotoSerif-Regular");
  const TextRun& persian = run_at(itemized, 0);
  EXPECT_EQ(persian.script, "Arab");
  EXPECT_EQ(persian.language, "fa");
  EXPECT_EQ(persian.font->postscript_name(), "NotoNaskhArabic-Regular");
  // The final full stop follows the Persian text, in Naskh (which has it).
  EXPECT_EQ(run_at(itemized, position_of(itemized, u'.')).script, "Arab");
}

TEST(Itemize, LeadingNeutralsTakeTheFirstScriptAfterThem) {
  FontDb fonts(FontDb::default_fonts_dir());
  DiagnosticSink sink;
  const ItemizedParagraph itemized = itemize(paragraph("«(سلام)»", Direction::rtl, "fa"), fonts, sink);
  for (const TextRun& run : itemized.runs) EXPECT_EQ(run.script, "Arab");
  EXPECT_TRUE(sink.diagnostics().empty());
}

TEST(Itemize, NeutralsAtASpanStartBelongToTheirOwnSpan) {
  FontDb fonts(FontDb::default_fonts_dir());
  DiagnosticSink sink;
  StyledParagraph p = paragraph("The poet حافظ wrote", Direction::ltr, "en");
  mark(p, "حافظ", "fa", SpanIsolation::none);
  const ItemizedParagraph itemized = itemize(p, fonts, sink);
  // The space after the Persian name is English text: Latin script, Noto Serif, one run with "wrote".
  const TextRun& space = run_at(itemized, 13);
  EXPECT_EQ(space.script, "Latn");
  EXPECT_EQ(space.font->postscript_name(), "NotoSerif-Regular");
  EXPECT_EQ(space.end, itemized.text().size());
}

TEST(Itemize, SpacesInPersianComeFromTheMainFontAfterAFallbackCharacter) {
  FontDb fonts(FontDb::default_fonts_dir());
  DiagnosticSink sink;
  const ItemizedParagraph itemized =
      itemize(paragraph("کتاب (جلد) خوب", Direction::rtl, "fa"), fonts, sink);
  const TextRun& space = run_at(itemized, position_of(itemized, u')') + 1);
  EXPECT_EQ(space.font->postscript_name(), "NotoNaskhArabic-Regular");
}

TEST(Itemize, MissingGlyphIsAWarningWithLocationAndCodePoint) {
  FontDb fonts(FontDb::default_fonts_dir());
  DiagnosticSink sink;
  itemize(paragraph("سلام ☃ و ☃", Direction::rtl, "fa"), fonts, sink);
  ASSERT_EQ(sink.diagnostics().size(), 1u);
  const Diagnostic& warning = sink.diagnostics().front();
  EXPECT_EQ(warning.severity, Severity::warning);
  EXPECT_EQ(to_string(warning.location), "issue.xml:12:7");
  EXPECT_NE(warning.message.find("U+2603 SNOWMAN"), std::string::npos) << warning.message;
  EXPECT_NE(warning.message.find("2 times"), std::string::npos) << warning.message;
  EXPECT_NE(warning.hint.find("NotoNaskhArabic"), std::string::npos) << warning.hint;

  DiagnosticSink strict;
  strict.set_warnings_as_errors(true);
  itemize(paragraph("سلام ☃", Direction::rtl, "fa"), fonts, strict);
  EXPECT_EQ(strict.error_count(), 1u);
}

TEST(Itemize, UnloadableFontIsAnErrorAtTheSpan) {
  FontDb fonts(FontDb::default_fonts_dir());
  DiagnosticSink sink;
  const ItemizedParagraph itemized = itemize(
      paragraph("abc", Direction::ltr, "en", {{"latin", {"nope/Missing.ttf", testing::kNotoSerif}}}),
      fonts, sink);
  ASSERT_EQ(sink.error_count(), 1u);
  EXPECT_EQ(to_string(sink.diagnostics().front().location), "issue.xml:12:7");
  ASSERT_EQ(itemized.runs.size(), 1u);
  EXPECT_EQ(itemized.runs[0].font->postscript_name(), "NotoSerif-Regular");
}

TEST(Itemize, BreaksNeverAtZwnjOrInsideAJoinedWord) {
  FontDb fonts(FontDb::default_fonts_dir());
  DiagnosticSink sink;
  const std::string text = "می‌شود کتاب‌ها همکاری‌های ما";
  const ItemizedParagraph itemized = itemize(paragraph(text, Direction::rtl, "fa"), fonts, sink);
  const std::u16string& u16 = itemized.text();
  std::vector<std::uint32_t> positions;
  for (const BreakOpportunity& b : itemized.breaks) {
    EXPECT_FALSE(b.hard);
    positions.push_back(b.position);
  }
  // After each space, and at the end.
  std::vector<std::uint32_t> expected;
  for (std::uint32_t i = 0; i < u16.size(); ++i) {
    if (u16[i] == u' ') expected.push_back(i + 1);
  }
  expected.push_back(static_cast<std::uint32_t>(u16.size()));
  EXPECT_EQ(positions, expected);
  std::vector<std::uint32_t> spaces;
  for (std::uint32_t i = 0; i < u16.size(); ++i) {
    if (u16[i] == u' ') spaces.push_back(i);
  }
  EXPECT_EQ(itemized.spaces, spaces);
  EXPECT_EQ(std::count(u16.begin(), u16.end(), u'\u200C'), 3);  // ZWNJ kept
}

TEST(Itemize, HardLineBreaksAndNoBreakSpace) {
  FontDb fonts(FontDb::default_fonts_dir());
  DiagnosticSink sink;
  const ItemizedParagraph itemized = itemize(paragraph("one two\r\nthree\xC2\xA0"
                                                       "four",
                                                       Direction::ltr, "en"),
                                             fonts, sink);
  EXPECT_EQ(itemized.text(), u"one two\u2028three\u00A0four");
  EXPECT_EQ(itemized.source_offsets[8], 9u);  // after the dropped \r
  std::vector<BreakOpportunity> expected{{4, false}, {8, true}, {18, false}};
  EXPECT_EQ(itemized.breaks, expected);
  EXPECT_EQ(itemized.spaces, (std::vector<std::uint32_t>{3, 13}));  // NBSP is glue, not a break
  // One bidi paragraph: a line across the hard break still works.
  EXPECT_EQ(itemized.visual_runs(0, 18).size(), 1u);
}

TEST(Itemize, BreakRulesFollowEachSpansLanguage) {
  FontDb fonts(FontDb::default_fonts_dir());
  DiagnosticSink sink;
  StyledParagraph p = paragraph("متن فارسی with English words و باز فارسی", Direction::rtl, "fa");
  mark(p, "with English words", "en", SpanIsolation::none);
  const ItemizedParagraph itemized = itemize(p, fonts, sink);
  std::vector<std::uint32_t> positions;
  for (const BreakOpportunity& b : itemized.breaks) positions.push_back(b.position);
  std::vector<std::uint32_t> expected;
  for (std::uint32_t i = 0; i < itemized.text().size(); ++i) {
    if (itemized.text()[i] == u' ') expected.push_back(i + 1);
  }
  expected.push_back(static_cast<std::uint32_t>(itemized.text().size()));
  EXPECT_EQ(positions, expected);
  EXPECT_EQ(run_at(itemized, position_of(itemized, u'E')).language, "en");
  EXPECT_EQ(run_at(itemized, 0).language, "fa");
}

TEST(Itemize, VisualRunsOfALine) {
  FontDb fonts(FontDb::default_fonts_dir());
  DiagnosticSink sink;
  const ItemizedParagraph itemized =
      itemize(paragraph("سلام big world خوب", Direction::rtl, "fa"), fonts, sink);
  const auto length = static_cast<std::uint32_t>(itemized.text().size());
  const std::vector<VisualRun> runs = itemized.visual_runs(0, length);
  // Leftmost first: " خوب", then "big world" (LTR), then "سلام " (the logical first word, at the
  // right). Spaces between Latin words stay at level 2; those next to Persian take level 1.
  ASSERT_EQ(runs.size(), 3u);
  EXPECT_EQ(runs[0], (VisualRun{14, length, 1}));
  EXPECT_EQ(runs[1], (VisualRun{5, 14, 2}));
  EXPECT_EQ(runs[2], (VisualRun{0, 5, 1}));
  // The first line "سلام big " only: its trailing space takes the paragraph level (rule L1).
  const std::vector<VisualRun> line = itemized.visual_runs(0, 9);
  ASSERT_EQ(line.size(), 3u);
  EXPECT_EQ(line[0], (VisualRun{8, 9, 1}));
  EXPECT_EQ(line[1], (VisualRun{5, 8, 2}));
  EXPECT_EQ(line[2], (VisualRun{0, 5, 1}));
  EXPECT_EQ(itemized.bidi.line_levels(0, 9).back(), 1);
  EXPECT_TRUE(itemized.visual_runs(3, 3).empty());
}

TEST(Itemize, InvalidUtf8BecomesReplacementWithAWarning) {
  FontDb fonts(FontDb::default_fonts_dir());
  DiagnosticSink sink;
  const ItemizedParagraph itemized = itemize(paragraph("ab\xFF"
                                                       "c",
                                                       Direction::ltr, "en"),
                                             fonts, sink);
  EXPECT_EQ(itemized.text(), u"ab\uFFFDc");
  ASSERT_GE(sink.warning_count(), 1u);
  EXPECT_NE(sink.diagnostics().front().message.find("UTF-8"), std::string::npos);
}

TEST(Itemize, EachMalformedByteIsOneReplacementCharacter) {
  // A truncated three-byte sequence (the first two bytes of U+20AC) and a stray continuation byte:
  // base/utf8.h's next_code_point gives one U+FFFD per byte it cannot read.
  FontDb fonts(FontDb::default_fonts_dir());
  DiagnosticSink sink;
  const ItemizedParagraph itemized = itemize(paragraph("a\xE2\x82"
                                                       "b\x80",
                                                       Direction::ltr, "en"),
                                             fonts, sink);
  EXPECT_EQ(itemized.text(), u"a\uFFFD\uFFFDb\uFFFD");
  EXPECT_EQ(itemized.source_offsets, (std::vector<std::uint32_t>{0, 1, 2, 3, 4}));
  ASSERT_GE(sink.warning_count(), 1u);
  EXPECT_NE(sink.diagnostics().front().message.find("3 bad sequence(s)"), std::string::npos);
}

TEST(Itemize, ScriptCodes) {
  EXPECT_EQ(script_code("arabic"), "Arab");
  EXPECT_EQ(script_code("Latn"), "Latn");
  EXPECT_EQ(script_code("klingon-ish"), "");
}

}  // namespace
}  // namespace nashr

namespace nashr {
namespace {

TEST(ItemizeEdges, EmptyParagraph) {
  FontDb fonts(FontDb::default_fonts_dir());
  DiagnosticSink sink;
  const ItemizedParagraph itemized = itemize(testing::paragraph("", Direction::rtl, "fa"), fonts, sink);
  EXPECT_TRUE(itemized.text().empty());
  EXPECT_TRUE(itemized.runs.empty());
  EXPECT_TRUE(itemized.breaks.empty());
  EXPECT_TRUE(itemized.visual_runs(0, 0).empty());
  EXPECT_EQ(itemized.bidi.paragraph_level(), 1);
  EXPECT_TRUE(sink.diagnostics().empty());
}

TEST(ItemizeEdges, CharacterOutsideTheBmpStaysWhole) {
  FontDb fonts(FontDb::default_fonts_dir());
  DiagnosticSink sink;
  const ItemizedParagraph itemized =
      itemize(testing::paragraph("a😀b", Direction::ltr, "en"), fonts, sink);
  EXPECT_EQ(itemized.text().size(), 4u);
  for (const TextRun& run : itemized.runs) {
    EXPECT_FALSE(run.begin == 2 || run.end == 2) << "run cut inside a surrogate pair";
  }
  EXPECT_EQ(itemized.source_offsets[1], 1u);
  EXPECT_EQ(itemized.source_offsets[2], 1u);
  EXPECT_EQ(itemized.source_offsets[3], 5u);
  ASSERT_EQ(sink.diagnostics().size(), 1u);
  EXPECT_NE(sink.diagnostics().front().message.find("U+1F600"), std::string::npos);
}

TEST(ItemizeEdges, ParagraphWithoutSpansReportsItsCharacters) {
  FontDb fonts(FontDb::default_fonts_dir());
  DiagnosticSink sink;
  StyledParagraph p;
  p.text = "ab";
  p.location = {"issue.xml", 3, 4};
  const ItemizedParagraph itemized = itemize(p, fonts, sink);
  ASSERT_EQ(itemized.runs.size(), 1u);
  EXPECT_EQ(itemized.runs[0].font, nullptr);
  EXPECT_EQ(sink.warning_count(), 2u);
  EXPECT_EQ(to_string(sink.diagnostics().front().location), "issue.xml:3:4");
}

}  // namespace
}  // namespace nashr

namespace nashr {
namespace {

TEST(ItemizeEdges, SpansInAnyOrderAndOverlapsClipped) {
  FontDb fonts(FontDb::default_fonts_dir());
  DiagnosticSink sink;
  StyledParagraph p = testing::paragraph("abc def", Direction::ltr, "en");
  p.spans = {testing::span(4, 7, "de"), testing::span(0, 5, "en")};  // out of order, overlapping
  const ItemizedParagraph itemized = itemize(p, fonts, sink);
  ASSERT_EQ(itemized.runs.size(), 2u);
  EXPECT_EQ(itemized.runs[0].language, "en");
  EXPECT_EQ(itemized.runs[0].end, 5u);  // the first span (by position) keeps its extent
  EXPECT_EQ(itemized.runs[1].language, "de");
  EXPECT_EQ(itemized.runs[1].begin, 5u);
}

}  // namespace
}  // namespace nashr

namespace nashr {
namespace {

using testing::kNaskh;
using testing::kNotoSerif;
using testing::kVazirmatn;
using testing::paragraph;

// Issue 17, item 9: Vazirmatn draws ٫ as a slash (below the baseline, nearly a digit tall) and ٬ as
// a Latin comma; Noto Naskh Arabic draws the traditional small marks. With Vazirmatn first, the
// separators come from Naskh and the digits around them stay in Vazirmatn.
TEST(Itemize, ArabicSeparatorsComeFromAFontThatDrawsThemRight) {
  FontDb fonts(FontDb::default_fonts_dir());
  const Font* vazirmatn = fonts.load(kVazirmatn).value();
  const Font* naskh = fonts.load(kNaskh).value();
  EXPECT_TRUE(vazirmatn->misdraws_arabic_separator(0x066B));
  EXPECT_TRUE(vazirmatn->misdraws_arabic_separator(0x066C));
  EXPECT_FALSE(naskh->misdraws_arabic_separator(0x066B));
  EXPECT_FALSE(naskh->misdraws_arabic_separator(0x066C));
  EXPECT_FALSE(vazirmatn->misdraws_arabic_separator(U'۴'));

  DiagnosticSink sink;
  const std::vector<FontChain> vazirmatn_first{{"arabic", {kVazirmatn, kNaskh}}, {"latin", {kNotoSerif}}};
  StyledParagraph p = paragraph("رشد ۴۲٫۵٪ و ۱٬۲۰۰ نفر", Direction::rtl, "fa", vazirmatn_first);
  const ItemizedParagraph itemized = itemize(p, fonts, sink);
  EXPECT_TRUE(sink.diagnostics().empty());
  EXPECT_EQ(run_at(itemized, position_of(itemized, u'٫')).font, naskh);
  EXPECT_EQ(run_at(itemized, position_of(itemized, u'٬')).font, naskh);
  EXPECT_EQ(run_at(itemized, position_of(itemized, u'۲')).font, vazirmatn);
  EXPECT_EQ(run_at(itemized, position_of(itemized, u'۵')).font, vazirmatn);
  EXPECT_EQ(run_at(itemized, 0).font, vazirmatn);

  // A chain with no better font keeps Vazirmatn's (a form, not a missing glyph).
  StyledParagraph alone = paragraph("۴۲٫۵", Direction::rtl, "fa", {{"arabic", {kVazirmatn}}});
  const ItemizedParagraph only = itemize(alone, fonts, sink);
  EXPECT_EQ(run_at(only, position_of(only, u'٫')).font, vazirmatn);
}

// Issue 17, item 7: Noto Naskh Arabic's `locl` gives the Urdu digits (۶ as ٦, ۷ with a flat foot)
// for every language, Persian included; Persian runs in it are shaped with locl off and keep the
// Persian forms, which are the font's own glyphs for U+06F4–U+06F7 (as in Vazirmatn).
TEST(Itemize, PersianDigitsKeepTheirPersianFormsInNaskh) {
  FontDb fonts(FontDb::default_fonts_dir());
  const Font* naskh = fonts.load(kNaskh).value();
  EXPECT_TRUE(naskh->persian_locl_changes_digits());
  EXPECT_FALSE(fonts.load(kVazirmatn).value()->persian_locl_changes_digits());
  EXPECT_FALSE(fonts.load(kNotoSerif).value()->persian_locl_changes_digits());  // no Persian digits at all
  DiagnosticSink sink;
  StyledParagraph p = paragraph("سال ۱۴۰۳ و ۴۵۶۷", Direction::rtl, "fa");
  const ItemizedParagraph itemized = itemize(p, fonts, sink);
  const TextRun& digits = run_at(itemized, position_of(itemized, u'۶'));
  ASSERT_EQ(digits.font, naskh);
  bool locl_off = false;
  for (const FontFeature& feature : digits.features) locl_off = locl_off || (feature.tag == "locl" && feature.value == 0);
  EXPECT_TRUE(locl_off);
  const ShapedParagraph shaped = shape(itemized);
  std::string names;
  for (const ShapedRun& run : shaped.runs) {
    for (const ShapedGlyph& glyph : run.glyphs) names += run.run.font->glyph_name(glyph.glyph) + " ";
  }
  EXPECT_NE(names.find("uni06F6 "), std::string::npos) << names;
  EXPECT_NE(names.find("uni06F4 "), std::string::npos) << names;
  EXPECT_EQ(names.find("uni0666"), std::string::npos) << names;
  EXPECT_EQ(names.find(".locl"), std::string::npos) << names;
  // An English span keeps the font's defaults.
  StyledParagraph english = paragraph("page ۶", Direction::ltr, "en");
  const ItemizedParagraph latin = itemize(english, fonts, sink);
  for (const FontFeature& feature : run_at(latin, position_of(latin, u'۶')).features) EXPECT_NE(feature.tag, "locl");
}

}  // namespace
}  // namespace nashr
