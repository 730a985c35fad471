#include "locale/unicode_props.h"

#include <gtest/gtest.h>

namespace nashr {
namespace {

TEST(CombiningMark, HarakatAccentsAndEnclosingMarksAreMarksLettersAreNot) {
  EXPECT_TRUE(is_combining_mark(0x064E));   // fatha
  EXPECT_TRUE(is_combining_mark(0x0654));   // hamza above (the «هٔ» of ezafe)
  EXPECT_TRUE(is_combining_mark(0x0301));   // combining acute
  EXPECT_TRUE(is_combining_mark(0x0903));   // Devanagari visarga: Mc
  EXPECT_TRUE(is_combining_mark(0x20DD));   // combining enclosing circle: Me
  EXPECT_FALSE(is_combining_mark(0x0628));  // beh
  EXPECT_FALSE(is_combining_mark(0x06F4));  // Persian four
  EXPECT_FALSE(is_combining_mark('a'));
  EXPECT_FALSE(is_combining_mark(0x200C));  // ZWNJ: a format character, not a mark
}

TEST(CombiningMarkTable, AgreesWithIcuForEveryCodePointItHoldsAndBeyond) {
  const CombiningMarkTable table;
  std::size_t marks = 0;
  for (char32_t c = 0; c < 0x3000; ++c) {
    ASSERT_EQ(table.contains(c), is_combining_mark(c)) << "U+" << std::hex << static_cast<unsigned>(c);
    marks += table.contains(c) ? 1 : 0;
  }
  EXPECT_GT(marks, 300u);  // the table is not empty: Latin, Arabic, Indic marks are all in range
  EXPECT_TRUE(table.contains(0x1E94A));  // Adlam nukta, past the table: asked of ICU
  EXPECT_FALSE(table.contains(0x10FFFF));
}

}  // namespace
}  // namespace nashr
