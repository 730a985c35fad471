#include "text/letter_properties.h"

#include <unicode/uchar.h>

namespace nashr::letter_properties_detail {

LetterProperties from_icu(char32_t c) {
  const auto code_point = static_cast<UChar32>(c);
  std::uint8_t bits = 0;
  switch (u_getIntPropertyValue(code_point, UCHAR_JOINING_TYPE)) {
    case U_JT_DUAL_JOINING: bits |= LetterProperties::kDualJoining; break;
    case U_JT_RIGHT_JOINING: bits |= LetterProperties::kRightJoining; break;
    default: break;
  }
  using Group = LetterProperties::Group;
  Group group = Group::other;
  switch (u_getIntPropertyValue(code_point, UCHAR_JOINING_GROUP)) {
    case U_JG_ALEF: bits |= LetterProperties::kAlef; break;
    case U_JG_LAM: bits |= LetterProperties::kLam; break;
    case U_JG_SEEN:
    case U_JG_SAD: bits |= LetterProperties::kSeenOrSad; break;
    case U_JG_HEH:
    case U_JG_HEH_GOAL:
    case U_JG_KNOTTED_HEH:
    case U_JG_TEH_MARBUTA:
    case U_JG_TEH_MARBUTA_GOAL: group = Group::heh; break;
    case U_JG_TAH: group = Group::tah; break;
    case U_JG_KAF:
    case U_JG_GAF:
    case U_JG_SWASH_KAF: group = Group::kaf; break;
    case U_JG_REH: group = Group::reh; break;
    case U_JG_BEH:
    case U_JG_NOON:
    case U_JG_YEH:
    case U_JG_FARSI_YEH: group = Group::beh_like; break;
    default: break;
  }
  if ((U_GET_GC_MASK(code_point) & (U_GC_MN_MASK | U_GC_ME_MASK)) != 0) bits |= LetterProperties::kCombiningMark;
  return LetterProperties(bits, group);
}

// Nothing asks for letter properties before main() (no static initializer of ours uses them).
const std::array<LetterProperties, kCachedLimit> kCached = [] {
  std::array<LetterProperties, kCachedLimit> table{};
  for (char32_t c = 0; c < kCachedLimit; ++c) table[c] = from_icu(c);
  return table;
}();

}  // namespace nashr::letter_properties_detail
