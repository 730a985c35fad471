#pragma once
// What the line breaker asks of single characters: the Arabic joining type and joining group that
// decide where a kashida may go, and whether a character is a combining mark (the text layer gives
// a mark's text to the letter it sits on). The answers are ICU's Unicode properties; ICU stays in
// src/text/, so the line breaker asks here.
#include <array>
#include <cstdint>

namespace nashr {

class LetterProperties {
 public:
  enum Bit : std::uint8_t {
    kDualJoining = 1 << 0,    // Joining_Type D: joins on both sides (beh, seen, heh, yeh, ...)
    kRightJoining = 1 << 1,   // Joining_Type R: joins to the letter before it only (alef, dal, reh, waw, ...)
    kAlef = 1 << 2,           // Joining_Group Alef (alef, alef with madda or hamza, alef wasla, ...)
    kLam = 1 << 3,            // Joining_Group Lam
    kSeenOrSad = 1 << 4,      // Joining_Group Seen or Sad (seen, sheen, sad, dad and their variants)
    kCombiningMark = 1 << 5,  // General_Category Mn or Me: drawn on the character before it
  };

  // The joining groups the kashida priorities (docs/layout.md, ../shared/design/PERSIAN.md) ask for.
  enum class Group : std::uint8_t {
    other,
    heh,       // heh, teh marbuta (and their variants: heh goal, knotted heh)
    tah,       // tah, zah
    kaf,       // kaf, keheh, gaf, swash kaf
    reh,       // reh, zain, jeh
    beh_like,  // beh, teh, theh, peh, noon, yeh, Farsi yeh
  };

  constexpr LetterProperties() = default;
  constexpr explicit LetterProperties(std::uint8_t bits, Group group = Group::other) : bits_(bits), group_(group) {}

  bool dual_joining() const { return (bits_ & kDualJoining) != 0; }
  bool right_joining() const { return (bits_ & kRightJoining) != 0; }
  // Joins to the letter before it: Joining_Type D or R.
  bool joins_back() const { return (bits_ & (kDualJoining | kRightJoining)) != 0; }
  bool alef() const { return (bits_ & kAlef) != 0; }
  bool lam() const { return (bits_ & kLam) != 0; }
  bool seen_or_sad() const { return (bits_ & kSeenOrSad) != 0; }
  bool combining_mark() const { return (bits_ & kCombiningMark) != 0; }
  Group group() const { return group_; }

  std::uint8_t bits() const { return bits_; }

 private:
  std::uint8_t bits_ = 0;
  Group group_ = Group::other;
};

namespace letter_properties_detail {

// ICU's answers for U+0000–U+08FF (Latin and the Arabic blocks up to Arabic Extended-A), filled
// from ICU when the program starts: the kashida rules ask for every letter of every word, and
// three ICU lookups a letter made break_lines 14 % slower (bench/README.md).
inline constexpr char32_t kCachedLimit = 0x900;
extern const std::array<LetterProperties, kCachedLimit> kCached;

LetterProperties from_icu(char32_t c);

}  // namespace letter_properties_detail

// The properties of code point `c` (a lone surrogate has none of them).
inline LetterProperties letter_properties(char32_t c) {
  using namespace letter_properties_detail;
  return c < kCachedLimit ? kCached[c] : from_icu(c);
}

}  // namespace nashr
