#include "pdf/font_subset.h"

#include <gtest/gtest.h>
#include <hb.h>

#include "test_support.h"

namespace nashr {
namespace {

bool has_table(hb_face_t* face, const char* tag) {
  hb_blob_t* table = hb_face_reference_table(face, hb_tag_from_string(tag, -1));
  const bool present = hb_blob_get_length(table) > 0;
  hb_blob_destroy(table);
  return present;
}

TEST(FontSubset, KeepsTheGlyphsDrawnAndDropsLayoutTables) {
  testing::Fonts fonts;
  const GlyphRun run = testing::shape_run(*fonts.naskh, "کتاب‌ها سلام ۱۴۰۳", true, 10, {});
  std::vector<std::uint32_t> glyphs;
  for (const PlacedGlyph& glyph : run.glyphs) glyphs.push_back(glyph.glyph_id);

  Result<FontSubset> subset = subset_font(*fonts.naskh, glyphs);
  ASSERT_TRUE(subset.ok()) << subset.error().message;
  EXPECT_LT(subset->bytes.size(), fonts.naskh->bytes().size() / 10);

  hb_blob_t* blob = hb_blob_create(subset->bytes.data(), static_cast<unsigned>(subset->bytes.size()),
                                   HB_MEMORY_MODE_READONLY, nullptr, nullptr);
  hb_face_t* face = hb_face_create(blob, 0);
  EXPECT_TRUE(has_table(face, "glyf"));
  EXPECT_TRUE(has_table(face, "hmtx"));
  EXPECT_FALSE(has_table(face, "GSUB"));
  EXPECT_FALSE(has_table(face, "GPOS"));
  EXPECT_FALSE(has_table(face, "GDEF"));
  EXPECT_FALSE(has_table(face, "fpgm"));  // no hinting
  const unsigned subset_glyphs = hb_face_get_glyph_count(face);
  hb_font_t* font = hb_font_create(face);
  for (std::uint32_t glyph : glyphs) {
    ASSERT_TRUE(subset->new_glyph.count(glyph)) << glyph;
    const std::uint32_t mapped = subset->new_glyph.at(glyph);
    EXPECT_LT(mapped, subset_glyphs);
    // The same outline advance in both fonts: the map points at the right glyph.
    EXPECT_EQ(hb_font_get_glyph_h_advance(font, mapped), fonts.naskh->advance(glyph)) << glyph;
  }
  EXPECT_EQ(subset->new_glyph.at(0), 0u);
  hb_font_destroy(font);
  hb_face_destroy(face);
  hb_blob_destroy(blob);
}

TEST(FontSubset, SameGlyphsGiveTheSameBytes) {
  testing::Fonts fonts;
  Result<FontSubset> first = subset_font(*fonts.vazirmatn, {10, 20, 30});
  Result<FontSubset> second = subset_font(*fonts.vazirmatn, {30, 20, 10});
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_EQ(first->bytes, second->bytes);
}

TEST(FontSubset, AGlyphOutsideTheFontFails) {
  testing::Fonts fonts;
  Result<FontSubset> subset = subset_font(*fonts.serif, {fonts.serif->glyph_count() + 5});
  ASSERT_FALSE(subset.ok());
  EXPECT_NE(subset.error().message.find("not in the font"), std::string::npos);
}

}  // namespace
}  // namespace nashr
