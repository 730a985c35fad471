// The ISSN barcode's number (worked out by hand below) and libzint's drawing of it.
#include "cover/issn_barcode.h"

#include <gtest/gtest.h>

namespace nashr {
namespace {

// 977 + 2975059 + 00 → weights 1,3,1,…: 9+21+7+6+9+21+5+0+5+27+0+0 = 110 → check digit 0.
TEST(IssnBarcodeNumber, SampleIssn) {
  const auto number = issn_barcode_number("2975-0598", "00", 2);
  ASSERT_TRUE(number) << number.error();
  EXPECT_EQ(number->ean13, "9772975059000");
  EXPECT_EQ(number->addon, "02");
}

// The ISSN's own check digit (X here) is dropped; the EAN-13's is computed afresh.
TEST(IssnBarcodeNumber, CheckDigitX) {
  const auto number = issn_barcode_number("1050-124X", "07", 12);
  ASSERT_TRUE(number) << number.error();
  EXPECT_EQ(number->ean13, "9771050124077");
  EXPECT_EQ(number->addon, "12");
  const auto lower = issn_barcode_number("1050-124x", "00", 1);
  ASSERT_TRUE(lower) << lower.error();
  EXPECT_EQ(lower->ean13, "9771050124008");
  EXPECT_EQ(lower->addon, "01");
}

TEST(IssnBarcodeNumber, RefusesWhatDoesNotFit) {
  EXPECT_EQ(issn_barcode_number("2975-0597", "00", 2).error(), "ISSN 2975-0597 has a wrong check digit");
  EXPECT_EQ(issn_barcode_number("2975-059", "00", 2).error(), "'2975-059' is not an ISSN");
  EXPECT_EQ(issn_barcode_number("2975-0598", "5", 2).error(), "price code '5' is not two digits");
  EXPECT_EQ(issn_barcode_number("2975-0598", "0a", 2).error(), "price code '0a' is not two digits");
  EXPECT_EQ(issn_barcode_number("2975-0598", "000", 2).error(), "price code '000' is not two digits");
  EXPECT_FALSE(issn_barcode_number("2975-0598", "00", 100));
  EXPECT_FALSE(issn_barcode_number("2975-0598", "00", 0));
}

// GS1 at 100 %: X = 0.33 mm, bars 22.85 mm high, 11 modules of quiet zone on the left. EAN-13 has
// 30 dark bars (2 per digit for 12 digits, 2 in each of the 3 guard patterns); the EAN-2 add-on
// 7: its start pattern's 2 (zint draws the "1011" start as 2 rectangles), 2 per character and the
// separator's 1.
TEST(IssnBarcodeDrawing, SizesAndQuietZones) {
  const auto number = issn_barcode_number("2975-0598", "00", 2);
  ASSERT_TRUE(number);
  const auto drawing = encode_issn_barcode(*number);
  ASSERT_TRUE(drawing) << drawing.error();
  const double module = 0.33 * 72 / 25.4;
  double left = 1e9, tallest = 0;
  for (const Rect& bar : drawing->bars) {
    left = std::min(left, bar.x);
    tallest = std::max(tallest, bar.height);
  }
  EXPECT_NEAR(left, 11 * module, 1e-3);
  EXPECT_GE(tallest, 22.85 * 72 / 25.4 - 1e-3);  // the guard bars descend further
  EXPECT_EQ(drawing->bars.size(), 30u + 7u);
  EXPECT_GT(drawing->width, (11 + 95 + 7) * module);
  // The digits: the leading 9 outside the bars, two groups of six, and the add-on's two.
  std::string digits;
  for (const BarcodeText& text : drawing->texts) digits += text.text + "|";
  EXPECT_EQ(digits, "9|772975|059000|02|");
  const auto twice = encode_issn_barcode(*number, 2.0);
  ASSERT_TRUE(twice);
  EXPECT_NEAR(twice->width, drawing->width * 2, 1e-3);
}

}  // namespace
}  // namespace nashr
