#include "text/letter_properties.h"

#include <unicode/uchar.h>

#include <array>

namespace nashr {

namespace {

LetterProperties letter_properties_from_icu(UChar32 c) {
  std::uint8_t bits = 0;
  switch (u_getIntPropertyValue(c, UCHAR_JOINING_TYPE)) {
    case U_JT_DUAL_JOINING: bits |= LetterProperties::kDualJoining; break;
    case U_JT_RIGHT_JOINING: bits |= LetterProperties::kRightJoining; break;
    default: break;
  }
  switch (u_getIntPropertyValue(c, UCHAR_JOINING_GROUP)) {
    case U_JG_ALEF: bits |= LetterProperties::kAlef; break;
    case U_JG_LAM: bits |= LetterProperties::kLam; break;
    case U_JG_SEEN:
    case U_JG_SAD: bits |= LetterProperties::kSeenOrSad; break;
    default: break;
  }
  if ((U_GET_GC_MASK(c) & (U_GC_MN_MASK | U_GC_ME_MASK)) != 0) bits |= LetterProperties::kCombiningMark;
  return LetterProperties(bits);
}

// ICU's answers for U+0000–U+08FF (Latin and the Arabic blocks up to Arabic Extended-A), asked
// once: the kashida rules ask for every letter of every word, and three ICU lookups a letter made
// break_lines 10–15 % slower (bench/README.md).
constexpr char32_t kCachedLimit = 0x900;

const std::array<LetterProperties, kCachedLimit>& cached_letter_properties() {
  static const std::array<LetterProperties, kCachedLimit> table = [] {
    std::array<LetterProperties, kCachedLimit> filled{};
    for (char32_t c = 0; c < kCachedLimit; ++c) filled[c] = letter_properties_from_icu(static_cast<UChar32>(c));
    return filled;
  }();
  return table;
}

}  // namespace

LetterProperties letter_properties(char32_t c) {
  return c < kCachedLimit ? cached_letter_properties()[c] : letter_properties_from_icu(static_cast<UChar32>(c));
}

}  // namespace nashr
