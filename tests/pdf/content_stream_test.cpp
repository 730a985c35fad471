// Content streams byte by byte: numbers, graphics, and a glyph run's TJ array from its plan.
#include "pdf/content_stream.h"
#include "pdf/text_layer.h"

#include <gtest/gtest.h>

// g++ 12 warns falsely on the strings of PageItem's alternatives at -O2 (GCC bug 105329).
#pragma GCC diagnostic ignored "-Wrestrict"

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "test_support.h"

namespace nashr {
namespace {

using namespace std::string_literals;

std::string number(double value) {
  std::string out;
  append_number(out, value);
  return out;
}

TEST(ContentStream, NumbersHaveAtMostFourDecimalsAndNoNegativeZero) {
  EXPECT_EQ(number(0), "0");
  EXPECT_EQ(number(-0.00001), "0");
  EXPECT_EQ(number(1.5), "1.5");
  EXPECT_EQ(number(-3.14159), "-3.1416");
  EXPECT_EQ(number(0.0001), "0.0001");
  EXPECT_EQ(number(841.89), "841.89");
  EXPECT_EQ(number(2.00005), "2.0001");  // half away from zero
  EXPECT_EQ(number(1e12), "1000000000000.0000");  // past the fast path
}

TEST(ContentStream, RulesAndBoxesAreFlippedToPdfCoordinates) {
  Page page;
  page.height = 800;
  page.items.push_back(Rule{{36, 90}, {384, 90}, 0.5, {1, 0, 0}});
  Box box;
  box.rect = {10, 20, 100, 50};
  box.filled = true;
  box.fill = {0.5, 0.5, 0.5};
  page.items.push_back(box);
  EXPECT_EQ(page_content(page, {}, true),
            "q\n1 0 0 RG\n0.5 w\n36 710 m 384 710 l S\nQ\n"
            "q\n0.5 0.5 0.5 rg\n10 730 100 50 re f\nQ\n");
}

// The print edition's colours: k/K with the style's inks, else the converted RGB.
TEST(ContentStream, PrintColoursAreDeviceCmyk) {
  Page page;
  page.height = 800;
  page.items.push_back(Rule{{36, 90}, {384, 90}, 0.5, {0.5, 0.5, 0.5}});
  Box box;
  box.rect = {10, 20, 100, 50};
  box.filled = true;
  box.fill = {1, 0, 0, Cmyk{0, 0.2F, 1, 0}};
  page.items.push_back(box);
  EXPECT_EQ(page_content(page, {}, true, ColourOperators::cmyk),
            "q\n0 0 0 0.5 K\n0.5 w\n36 710 m 384 710 l S\nQ\n"
            "q\n0 0.2 1 0 k\n10 730 100 50 re f\nQ\n");
  EXPECT_EQ(page_content(page, {}, true).find(" k\n"), std::string::npos);
}

TEST(ContentStream, AGlyphRunIsOneTextObjectWithItsCodesAndCorrections) {
  testing::Fonts fonts;
  const Font& font = *fonts.serif;
  ASSERT_EQ(font.units_per_em(), 1000);
  GlyphRun run;
  run.font = &font;
  run.size = 10;
  run.origin = {72, 100};
  // The second glyph's HarfBuzz advance puts the third 0.1 em further than the CID's width does.
  run.glyphs = {PlacedGlyph{1, 500, 0, 0, {}}, PlacedGlyph{2, 600, 0, 0, {}}, PlacedGlyph{3, 500, 0, 0, {}}};
  Page page;
  page.height = 800;
  page.items.push_back(run);
  PagePlan plan;
  plan.names = {"F1"};
  plan.codes = {GlyphCode{1, 500000}, GlyphCode{0x28, 500000}, GlyphCode{3, 500000}};
  EXPECT_EQ(page_content(page, plan, true),
            "BT\n0 0 0 rg\n/F1 10 Tf\n72 700 Td\n[(\0\1\0\\()-100(\0\3)]TJ\nET\n"s);
  EXPECT_EQ(page_content(page, plan, false), "BT\n0 0 0 rg\n/F1 10 Tf\n72 700 Td\n[<00010028>-100<0003>]TJ\nET\n");
}

// A page holding one right-to-left run of two glyphs, 10 pt, at (72, 100).
Page page_of_two_rtl_glyphs(const Font& font) {
  GlyphRun run;
  run.font = &font;
  run.size = 10;
  run.origin = {72, 100};
  run.rtl = true;
  run.glyphs = {PlacedGlyph{1, 1000, 0, 0, {}}, PlacedGlyph{2, 1000, 0, 0, {}}};
  Page page;
  page.height = 800;
  page.items.push_back(run);
  return page;
}

// The /ActualText shares of CIDs 1, 2, ... for these texts, in order.
void set_shares(CidActualTexts& shares, std::initializer_list<std::string_view> texts) {
  std::uint16_t cid = 1;
  for (const std::string_view text : texts) {
    std::string share;
    append_actual_text_share(text, true, share);
    shares.set(cid++, std::move(share));
  }
}

// The plan of a page of one run in font F1: its glyphs' codes, and its span's shares.
PagePlan plan_of(std::vector<GlyphCode> codes, const CidActualTexts* shares) {
  PagePlan plan;
  plan.names = {"F1"};
  plan.codes = std::move(codes);
  plan.actual_texts = {shares};
  return plan;
}

TEST(ContentStream, ARunWithActualTextIsASpanOfItsCidsShares) {
  testing::Fonts fonts;
  Page page = page_of_two_rtl_glyphs(*fonts.serif);
  CidActualTexts shares;
  set_shares(shares, {"ا", "ب"});
  PagePlan plan = plan_of({GlyphCode{1, 1000000}, GlyphCode{2, 1000000}}, &shares);
  EXPECT_EQ(page_content(page, plan, true),
            "BT\n0 0 0 rg\n/F1 10 Tf\n72 700 Td\n/Span<</ActualText(\xFE\xFF\x06\x27\x06\\()>>BDC\n"
            "[(\0\1\0\2)]TJ\nEMC\nET\n"s);
  EXPECT_EQ(page_content(page, plan, false), "BT\n0 0 0 rg\n/F1 10 Tf\n72 700 Td\n/Span<</ActualText<FEFF06270628>>>BDC\n"
                                             "[<00010002>]TJ\nEMC\nET\n");
}

TEST(ContentStream, ASpansEndMarkIsDrawnAfterItsLastGlyphAndLeftOutOfItsText) {
  testing::Fonts fonts;
  Page page = page_of_two_rtl_glyphs(*fonts.serif);
  CidActualTexts shares;
  set_shares(shares, {"ا", "ب", "\u200D"});
  PagePlan plan = plan_of({GlyphCode{1, 1000000}, GlyphCode{2, 1000000, 0, 3}}, &shares);
  // No width: nothing moves after it, and the span's text is the two letters'.
  EXPECT_EQ(page_content(page, plan, false), "BT\n0 0 0 rg\n/F1 10 Tf\n72 700 Td\n/Span<</ActualText<FEFF06270628>>>BDC\n"
                                             "[<000100020003>]TJ\nEMC\nET\n");
}

TEST(ContentStream, AMarkCarrierIsDrawnBeforeItsGlyphRightToLeftAndAfterItLeftToRight) {
  testing::Fonts fonts;
  Page page = page_of_two_rtl_glyphs(*fonts.serif);
  CidActualTexts shares;
  set_shares(shares, {"\u0647", "\u0628", "\u0654"});
  // The carrier (CID 3) has no width: nothing moves, and the span's text is the glyphs' left to right.
  PagePlan plan = plan_of({GlyphCode{1, 1000000, 3}, GlyphCode{2, 1000000}}, &shares);
  EXPECT_EQ(page_content(page, plan, false),
            "BT\n0 0 0 rg\n/F1 10 Tf\n72 700 Td\n/Span<</ActualText<FEFF065406470628>>>BDC\n"
            "[<000300010002>]TJ\nEMC\nET\n");
  std::get<GlyphRun>(page.items[0]).rtl = false;
  plan.actual_texts = {nullptr};
  EXPECT_EQ(page_content(page, plan, false), "BT\n0 0 0 rg\n/F1 10 Tf\n72 700 Td\n[<000100030002>]TJ\nET\n");
}

}  // namespace
}  // namespace nashr
