// The text layer's rules for a glyph run: a cluster's text moves off a mark onto a spacing glyph,
// and a kashida's advance widens the glyph with text on its left.
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

std::vector<std::int32_t> extra_of(const std::vector<PlacedGlyph>& glyphs) {
  std::vector<GlyphText> texts;
  text_on_spacing_glyphs(glyphs, texts);
  std::vector<std::int32_t> extra = {99};  // stale scratch: the function starts afresh
  kashida_widths(glyphs, texts, extra);
  return extra;
}

TEST(TextLayer, KashidasWidenTheNearestGlyphWithTextOnTheLeft) {
  // ب, two kashidas (no text, advances), ز: ب reaches ز.
  EXPECT_EQ(extra_of({glyph(300, "ب"), glyph(200, ""), glyph(100, ""), glyph(300, "ز")}),
            (std::vector<std::int32_t>{300, 0, 0, 0}));
  // Between them a mark without text: it has no advance, so it widens nothing, and the kashida
  // still reaches back past it.
  EXPECT_EQ(extra_of({glyph(300, "ب"), glyph(0, "", 50), glyph(200, ""), glyph(300, "ز")}),
            (std::vector<std::int32_t>{200, 0, 0, 0}));
  // A kashida with nothing on its left: no glyph to widen.
  EXPECT_EQ(extra_of({glyph(200, ""), glyph(300, "ز")}), (std::vector<std::int32_t>{0, 0}));
  EXPECT_TRUE(extra_of({}).empty());
}

}  // namespace
}  // namespace nashr
