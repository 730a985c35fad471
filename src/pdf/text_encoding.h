#pragma once
// Text in the PDF's own encodings: UTF-16BE text strings, the ToUnicode CMap that gives copy and
// search their text back, and the subset tag. Pure functions, so tests can pin every byte.
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace nashr {

// UTF-8 → code points (base/utf8.h's next_code_point); malformed bytes become U+FFFD.
std::u32string decode_utf8(std::string_view utf8);
std::string encode_utf8(std::u32string_view text);

// Bytes as upper-case hex digits, two a byte (a PDF hex string's contents).
std::string hex(std::string_view bytes);

// A PDF text string in UTF-16BE with its byte order mark (FE FF).
std::string utf16be_with_bom(std::string_view utf8);

// The text a glyph carries in the ToUnicode map. Readers (poppler, pdf.js) reverse the characters
// of a multi-character entry met in right-to-left text along with the glyphs around it, so such
// an entry (lam-alef: ل + ا) is written in visual order and comes back in logical order.
std::string text_layer_text(std::string_view logical_utf8, bool rtl);

// The ToUnicode CMap for CIDs 0..n-1 (index = CID): the second member of each pair is the UTF-8
// text. CIDs with empty text (kashida, marks whose cluster text sits on the base glyph) get no
// entry (docs/pdf.md, "The text layer", says what each reader makes of that).
std::string to_unicode_cmap(const std::vector<std::pair<std::uint32_t, std::string>>& by_cid);

// Six capital letters derived from the font and its glyph set: the same subset gets the same tag.
std::string subset_tag(std::string_view postscript_name, const std::vector<std::uint32_t>& glyphs);

}  // namespace nashr
