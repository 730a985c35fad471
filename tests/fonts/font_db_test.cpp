#include "fonts/font_db.h"

#include <gtest/gtest.h>

namespace nashr {
namespace {

TEST(FontDb, LoadsShippedFontOnceAndShares) {
  FontDb db(FontDb::default_fonts_dir());
  auto first = db.load("vazirmatn/Vazirmatn-Regular.ttf");
  ASSERT_TRUE(first.ok()) << first.error().message;
  auto again = db.load(db.fonts_dir() / "vazirmatn" / ".." / "vazirmatn" / "Vazirmatn-Regular.ttf");
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(first.value(), again.value());
  const Font& font = *first.value();
  EXPECT_EQ(font.family(), "Vazirmatn");
  EXPECT_EQ(font.postscript_name(), "Vazirmatn-Regular");
  EXPECT_GT(font.units_per_em(), 0);
  EXPECT_GT(font.metrics().ascender, 0);
  EXPECT_LT(font.metrics().descender, 0);
  EXPECT_LT(font.metrics().bbox_y_min, 0);
  EXPECT_NE(font.ft_face(), nullptr);
}

TEST(FontDb, CoverageFollowsTheCmap) {
  FontDb db(FontDb::default_fonts_dir());
  const Font* naskh = db.load("noto-naskh-arabic/NotoNaskhArabic-Regular.ttf").value();
  const Font* vazir = db.load("vazirmatn/Vazirmatn-Regular.ttf").value();
  EXPECT_TRUE(naskh->covers(U'ی'));
  EXPECT_TRUE(naskh->covers(U'۴'));
  // PERSIAN.md: Noto Naskh Arabic lacks ASCII parentheses; Vazirmatn has them.
  EXPECT_FALSE(naskh->covers(U'('));
  EXPECT_TRUE(vazir->covers(U'('));
  EXPECT_TRUE(vazir->covers(U'\u0640'));  // tatweel
  EXPECT_GT(vazir->advance(vazir->glyph_for(U'a')), 0);
  EXPECT_FALSE(vazir->glyph_name(vazir->glyph_for(U'a')).empty());
}

TEST(FontDb, MissingFileAndNotAFontFail) {
  FontDb db(FontDb::default_fonts_dir());
  auto missing = db.load("nope/Nope-Regular.ttf");
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.error().message.find("Nope-Regular.ttf"), std::string::npos);
  auto not_font = db.load("vazirmatn/OFL.txt");
  ASSERT_FALSE(not_font.ok());
  EXPECT_NE(not_font.error().message.find("not a TrueType"), std::string::npos);
}

}  // namespace
}  // namespace nashr

namespace nashr {
namespace {

// covers() answers from a bitmap made at load time: it must agree with the cmap everywhere.
TEST(FontDb, CoverageBitmapAgreesWithTheCmap) {
  FontDb db(FontDb::default_fonts_dir());
  for (const char* path : {"noto-naskh-arabic/NotoNaskhArabic-Regular.ttf", "vazirmatn/Vazirmatn-Regular.ttf",
                           "noto-serif/NotoSerif-Regular.ttf"}) {
    const Font* font = db.load(path).value();
    for (char32_t c = 0; c < 0x10000; ++c) {
      ASSERT_EQ(font->covers(c), font->glyph_for(c) != 0)
          << path << " U+" << std::hex << static_cast<unsigned>(c);
    }
  }
}

}  // namespace
}  // namespace nashr
