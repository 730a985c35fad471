// letter_properties: ICU's joining types, joining groups and marks, through the cached table for
// U+0000–U+08FF and straight from ICU above it.
#include "text/letter_properties.h"

#include <gtest/gtest.h>
#include <unicode/uchar.h>

namespace nashr {
namespace {

using Bit = LetterProperties::Bit;

std::uint8_t bits_of(char32_t c) {
  return letter_properties(c).bits();
}

TEST(LetterProperties, ArabicLettersJoinAsUnicodeSays) {
  EXPECT_EQ(bits_of(U'\u0628'), Bit::kDualJoining);                 // beh
  EXPECT_EQ(bits_of(U'\u0627'), Bit::kRightJoining | Bit::kAlef);   // alef
  EXPECT_EQ(bits_of(U'\u0622'), Bit::kRightJoining | Bit::kAlef);   // alef with madda above
  EXPECT_EQ(bits_of(U'\u0644'), Bit::kDualJoining | Bit::kLam);     // lam
  EXPECT_EQ(bits_of(U'\u0634'), Bit::kDualJoining | Bit::kSeenOrSad);  // sheen
  EXPECT_EQ(bits_of(U'\u0636'), Bit::kDualJoining | Bit::kSeenOrSad);  // dad
  EXPECT_EQ(bits_of(U'\u0648'), Bit::kRightJoining);                // waw
  EXPECT_EQ(bits_of(U'\u06CC'), Bit::kDualJoining);                 // Farsi yeh
  EXPECT_EQ(bits_of(U'\u0621'), 0);                                 // hamza joins neither way
  EXPECT_EQ(bits_of(U'\u0640'), 0);                                 // tatweel: join causing, not D
}

TEST(LetterProperties, ArabicExtendedLettersAreKnown) {
  // The blocks beyond U+06FF that a table of the Arabic block alone missed.
  EXPECT_TRUE(letter_properties(U'\u08A0').dual_joining());   // beh with small v below
  EXPECT_TRUE(letter_properties(U'\u08AA').right_joining());  // reh with loop
  EXPECT_TRUE(letter_properties(U'\u08AF').seen_or_sad());    // sad with three dots below
  EXPECT_TRUE(letter_properties(U'\u08A6').lam());            // lam with double bar
  EXPECT_TRUE(letter_properties(U'\u0773').alef());           // alef with extended Arabic-Indic digit two above
  EXPECT_TRUE(letter_properties(U'\u0750').dual_joining());   // beh with three dots horizontally below
}

TEST(LetterProperties, CombiningMarks) {
  for (const char32_t mark : {U'\u064E', U'\u0650', U'\u0654', U'\u0670', U'\u06ED', U'\u08E4', U'\u0301',
                              U'\u20DD', U'\uFE20', U'\u1DC0'}) {
    EXPECT_TRUE(letter_properties(mark).combining_mark()) << std::hex << static_cast<unsigned>(mark);
  }
  for (const char32_t other : {U'a', U' ', U'\u0628', U'\u200C', U'\u06DD', U'\u0903'}) {
    EXPECT_FALSE(letter_properties(other).combining_mark()) << std::hex << static_cast<unsigned>(other);
  }
}

TEST(LetterProperties, LoneSurrogatesAndOtherScriptsHaveNone) {
  EXPECT_EQ(bits_of(U'a'), 0);
  EXPECT_EQ(bits_of(0xD800), 0);
  EXPECT_EQ(bits_of(0xDC00), 0);
  EXPECT_TRUE(letter_properties(U'\U0001E900').dual_joining());  // Adlam, above the cached range
}

// The cached table and the uncached path give ICU's answers at every code point of the table and
// past its end.
TEST(LetterProperties, EveryCodePointAgreesWithIcu) {
  for (char32_t c = 0; c < 0x1000; ++c) {
    const auto code_point = static_cast<UChar32>(c);
    const int joining = u_getIntPropertyValue(code_point, UCHAR_JOINING_TYPE);
    const int group = u_getIntPropertyValue(code_point, UCHAR_JOINING_GROUP);
    const LetterProperties letter = letter_properties(c);
    EXPECT_EQ(letter.dual_joining(), joining == U_JT_DUAL_JOINING) << std::hex << static_cast<unsigned>(c);
    EXPECT_EQ(letter.right_joining(), joining == U_JT_RIGHT_JOINING) << std::hex << static_cast<unsigned>(c);
    EXPECT_EQ(letter.alef(), group == U_JG_ALEF) << std::hex << static_cast<unsigned>(c);
    EXPECT_EQ(letter.lam(), group == U_JG_LAM) << std::hex << static_cast<unsigned>(c);
    EXPECT_EQ(letter.seen_or_sad(), group == U_JG_SEEN || group == U_JG_SAD) << std::hex << static_cast<unsigned>(c);
    const std::int8_t category = u_charType(code_point);
    EXPECT_EQ(letter.combining_mark(), category == U_NON_SPACING_MARK || category == U_ENCLOSING_MARK)
        << std::hex << static_cast<unsigned>(c);
  }
}

}  // namespace
}  // namespace nashr
