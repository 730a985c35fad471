#include "text/character_table.h"

namespace nashr::itemizing {

UScriptCode script_from_icu(UChar32 c) {
  UErrorCode status = U_ZERO_ERROR;
  return uscript_getScript(c, &status);
}

bool no_glyph_from_icu(UChar32 c) {
  if (u_hasBinaryProperty(c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT)) return true;
  const std::int8_t type = u_charType(c);
  return type == U_CONTROL_CHAR || type == U_LINE_SEPARATOR || type == U_PARAGRAPH_SEPARATOR;
}

bool inter_word_space_from_icu(UChar32 c) {
  return c != 0x2007 && c != 0x202F && u_charType(c) == U_SPACE_SEPARATOR;
}

// Nothing asks for these before main() (no static initializer of ours uses them).
const std::array<CharacterInfo, kCharacterTableLimit> kCharacterTable = [] {
  std::array<CharacterInfo, kCharacterTableLimit> table{};
  for (UChar32 c = 0; c < kCharacterTableLimit; ++c) {
    table[static_cast<std::size_t>(c)] = {
        static_cast<std::int16_t>(script_from_icu(c)),
        static_cast<std::uint8_t>(u_getIntPropertyValue(c, UCHAR_BIDI_PAIRED_BRACKET_TYPE)),
        no_glyph_from_icu(c), inter_word_space_from_icu(c)};
  }
  return table;
}();

}  // namespace nashr::itemizing
