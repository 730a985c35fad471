// The text layer's rules for a glyph run: a cluster's text moves off a mark onto a spacing glyph,
// a kashida is a joining glyph, which right-to-left runs need an /ActualText, and each CID's share of it.
#include "pdf/text_layer.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

namespace nashr {
namespace {

using namespace std::string_literals;

PlacedGlyph glyph(std::int32_t advance, std::string_view text, std::int16_t x_offset = 0) {
  return PlacedGlyph{7, advance, x_offset, 0, GlyphText(text)};
}

std::vector<std::string> texts_of(const std::vector<PlacedGlyph>& glyphs) {
  std::vector<GlyphText> texts;
  text_on_spacing_glyphs(glyphs, texts);
  std::vector<std::string> out;
  for (const GlyphText& text : texts) out.emplace_back(text.view());
  return out;
}

using Texts = std::vector<std::string>;

TEST(TextLayer, MarksSplitOffTheLettersOfAText) {
  const std::optional<SplitMarks> heh = split_marks("\u0647\u0654");  // «هٔ»
  ASSERT_TRUE(heh.has_value());
  EXPECT_EQ(heh->letters, "\u0647");
  EXPECT_EQ(heh->marks, "\u0654");
  const std::optional<SplitMarks> shadda = split_marks("\u0628\u0651\u064E");  // ب with shadda and fatha
  ASSERT_TRUE(shadda.has_value());
  EXPECT_EQ(shadda->letters, "\u0628");
  EXPECT_EQ(shadda->marks, "\u0651\u064E");
  EXPECT_FALSE(split_marks("\u0644\u0627").has_value());  // lam-alef: letters only
  EXPECT_FALSE(split_marks("\u0654").has_value());         // a mark alone stays a mark
  EXPECT_FALSE(split_marks("").has_value());
}

TEST(TextLayer, AMarksTextMovesToTheNextTextlessSpacingGlyphFirst) {
  // Visual order: a base without text, then the mark carrying the cluster "بِ".
  EXPECT_EQ(texts_of({glyph(500, ""), glyph(0, "بِ", -300)}), (Texts{"بِ", ""}));
  // Text-less spacing glyphs on both sides: the next one takes it.
  EXPECT_EQ(texts_of({glyph(500, ""), glyph(0, "x", -300), glyph(400, "")}), (Texts{"", "", "x"}));
}

TEST(TextLayer, TextStaysWhereNoNeighbourCanTakeIt) {
  // Both neighbours have text of their own.
  EXPECT_EQ(texts_of({glyph(500, "a"), glyph(0, "b"), glyph(500, "c")}), (Texts{"a", "b", "c"}));
  // A neighbour without text but without advance either (another mark).
  EXPECT_EQ(texts_of({glyph(0, ""), glyph(0, "b")}), (Texts{"", "b"}));
  // A spacing glyph keeps its text.
  EXPECT_EQ(texts_of({glyph(500, "a"), glyph(500, "")}), (Texts{"a", ""}));
  EXPECT_EQ(texts_of({}), Texts{});
}

std::string share_of(std::string_view visual, bool literal = false) {
  std::string out = "stale ";  // appended to
  append_actual_text_share(visual, literal, out);
  return out;
}

TEST(TextLayer, AnActualTextShareIsTheCidsTextAsUtf16) {
  EXPECT_EQ(share_of("اب"), "stale 06270628");
  EXPECT_EQ(share_of("\U0001D400"), "stale D835DC00");  // astral: a surrogate pair
  EXPECT_EQ(share_of(""), "stale ");                    // a joining glyph adds nothing
  // In a literal string: raw bytes, with (, ), \ and CR escaped. The text gives the bytes
  // 0D 5C, 5C 0D, 00 29, 06 28.
  EXPECT_EQ(share_of("\u0D5C\u5C0D)ب", true), "stale \\r\\\\\\\\\\r\0\\)\x06\\("s);
}

TEST(TextLayer, ARightToLeftRunNeedsActualTextOnlyWhereTheGlyphsAloneReadWrong) {
  const auto needs = [](const std::vector<PlacedGlyph>& glyphs) {
    std::vector<GlyphText> texts;
    text_on_spacing_glyphs(glyphs, texts);
    return needs_actual_text(glyphs, texts);
  };
  // One word of single characters: the readers reverse it right.
  EXPECT_FALSE(needs({glyph(500, "ا"), glyph(500, "ب")}));
  EXPECT_FALSE(needs({glyph(500, " "), glyph(500, "ب")}));  // a space at the run's edge
  EXPECT_FALSE(needs({}));
  // Two words (pdftotext -raw keeps words in drawing order), a kashida, a text moved off a mark,
  // a glyph of two characters.
  EXPECT_TRUE(needs({glyph(500, "ا"), glyph(500, " "), glyph(500, "ب")}));
  EXPECT_TRUE(needs({glyph(500, "ا"), glyph(300, ""), glyph(500, "ب")}));
  EXPECT_TRUE(needs({glyph(500, ""), glyph(0, "بِ", -300)}));
  EXPECT_TRUE(needs({glyph(500, "لا")}));
  EXPECT_TRUE(needs({glyph(500, "ا"), glyph(300, "\u200C"), glyph(500, "ب")}));  // ZWNJ
}

TEST(TextLayer, ActualTextSharesOfAnyLengthStayPut) {
  CidActualTexts shares;
  shares.set(3, "ab");
  const CidActualTexts::Share& short_share = shares[3];
  const std::string long_text(40, 'x');
  shares.set(300, long_text);  // another chunk, spilled
  EXPECT_EQ(&shares[3], &short_share);
  EXPECT_EQ(std::string_view(short_share.bytes, short_share.size), "ab");
  ASSERT_NE(shares[300].spilled, nullptr);
  EXPECT_EQ(*shares[300].spilled, long_text);
}

TEST(TextLayer, OnlyTextlessGlyphsThatAdvanceAreJoining) {
  EXPECT_TRUE(is_joining_glyph(glyph(200, ""), GlyphText{}));
  EXPECT_FALSE(is_joining_glyph(glyph(0, ""), GlyphText{}));      // a mark
  EXPECT_FALSE(is_joining_glyph(glyph(200, "ب"), GlyphText("ب")));  // a letter
}

}  // namespace
}  // namespace nashr
