#pragma once
// What itemize asks ICU of every character: its script, its paired-bracket type, whether it is
// drawn without a glyph of its own, and whether it is inter-word glue. For U+0000–U+07FF (ASCII,
// Latin-1, Arabic: nearly every character of our text) the answers come from a table filled from
// ICU at start-up, since asking ICU each time was a large part of itemize's cost. Not part of the
// stage's interface (itemize.h).
#include <unicode/uchar.h>
#include <unicode/uscript.h>

#include <array>
#include <cstdint>

namespace nashr::itemizing {

struct CharacterInfo {
  std::int16_t script = 0;   // UScriptCode
  std::uint8_t bracket = 0;  // UBidiPairedBracketType
  bool no_glyph = false;
  bool inter_word_space = false;
};

inline constexpr UChar32 kCharacterTableLimit = 0x800;
extern const std::array<CharacterInfo, kCharacterTableLimit> kCharacterTable;

UScriptCode script_from_icu(UChar32 c);
bool no_glyph_from_icu(UChar32 c);
bool inter_word_space_from_icu(UChar32 c);

inline UScriptCode script_of(UChar32 c) {
  return c < kCharacterTableLimit ? static_cast<UScriptCode>(kCharacterTable[static_cast<std::size_t>(c)].script)
                                  : script_from_icu(c);
}

inline UBidiPairedBracketType bracket_type_of(UChar32 c) {
  return c < kCharacterTableLimit
             ? static_cast<UBidiPairedBracketType>(kCharacterTable[static_cast<std::size_t>(c)].bracket)
             : static_cast<UBidiPairedBracketType>(u_getIntPropertyValue(c, UCHAR_BIDI_PAIRED_BRACKET_TYPE));
}

// Characters HarfBuzz handles without a glyph of their own (default ignorables are hidden, controls
// and separators are not drawn): they never make a font "missing".
inline bool needs_no_glyph(UChar32 c) {
  return c < kCharacterTableLimit ? kCharacterTable[static_cast<std::size_t>(c)].no_glyph : no_glyph_from_icu(c);
}

// Inter-word glue: General_Category Zs except the fixed-width U+2007 and U+202F.
inline bool is_inter_word_space(UChar32 c) {
  return c < kCharacterTableLimit ? kCharacterTable[static_cast<std::size_t>(c)].inter_word_space
                                  : inter_word_space_from_icu(c);
}

}  // namespace nashr::itemizing
