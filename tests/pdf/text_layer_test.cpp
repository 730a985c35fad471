// The text layer's rules for a glyph run: a cluster's text moves off a mark onto a spacing glyph,
// a kashida is a joining glyph, and a right-to-left run's /ActualText is in visual order.
#include "pdf/text_layer.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace nashr {
namespace {

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

std::string actual_text_of(const std::vector<PlacedGlyph>& glyphs) {
  std::string out = "stale ";  // appended to
  append_rtl_actual_text(glyphs, false, out);
  return out;
}

TEST(TextLayer, RtlActualTextIsTheRunsTextInVisualOrder) {
  // "با" drawn left to right as ا, ب: the text comes right to left, so readers that reverse the
  // span's text with its glyphs give back "با".
  EXPECT_EQ(actual_text_of({glyph(500, "ا"), glyph(500, "ب")}), "stale <FEFF06270628>");
  // A cluster's code points are reversed too (lam-alef "لا" on one glyph), a kashida (no text)
  // adds nothing, a mark's text stays where it is.
  EXPECT_EQ(actual_text_of({glyph(500, "لا"), glyph(200, ""), glyph(0, "ِ", -100), glyph(500, "ب")}),
            "stale <FEFF06270644" "0650" "0628>");
  // Astral code points as surrogate pairs.
  EXPECT_EQ(actual_text_of({glyph(500, "\U0001D400")}), "stale <FEFFD835DC00>");
  EXPECT_EQ(actual_text_of({}), "stale <FEFF>");
  // In a literal string: raw bytes, with (, ), \ and CR escaped. The texts give the bytes
  // FE FF, 0D 5C, 5C 0D, 00 29, 06 28.
  std::string literal;
  append_rtl_actual_text({glyph(500, "\u5C0D\u0D5C"), glyph(500, ")"), glyph(500, "ب")}, true, literal);
  EXPECT_EQ(literal, std::string("(\xFE\xFF\\r\\\\\\\\\\r\0\\)\x06\\()", 18));
}

TEST(TextLayer, OnlyTextlessGlyphsThatAdvanceAreJoining) {
  EXPECT_TRUE(is_joining_glyph(glyph(200, ""), GlyphText{}));
  EXPECT_FALSE(is_joining_glyph(glyph(0, ""), GlyphText{}));      // a mark
  EXPECT_FALSE(is_joining_glyph(glyph(200, "ب"), GlyphText("ب")));  // a letter
}

}  // namespace
}  // namespace nashr
