#pragma once
// How many bytes a text takes as a PDF text string, as the PDF writer makes it
// (pdf/hpdf_document.cpp, HpdfDocument::text_string), so that the readers can refuse, at its place in
// the input, a text that libharu would refuse when the PDF is written (issue 12: "strings over
// 64 KB" failed in `build` with libharu's "internal error" and no location).
#include <algorithm>
#include <cstddef>
#include <string_view>

#include "base/utf8.h"

namespace nashr {

// libharu's longest string, literal or hexadecimal (HPDF_LIMIT_MAX_STRING_LEN; also the PDF
// format's implementation limit). hpdf_document.cpp asserts that the two agree.
inline constexpr std::size_t kLongestPdfString = 65535;

// Printable ASCII only (U+0020 to U+007E): written as a literal string of its own bytes.
inline bool is_printable_ascii(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte >= 0x20 && byte < 0x7F;
  });
}

// The bytes of `utf8` in UTF-16: 2 a code point below U+10000, 4 one above (a malformed byte is one
// U+FFFD).
inline std::size_t utf16_size(std::string_view utf8) {
  std::size_t size = 0;
  for (std::size_t i = 0; i < utf8.size();) size += next_code_point(utf8, i) < 0x10000 ? 2 : 4;
  return size;
}

// The text's length when it is printable ASCII; else its size in UTF-16BE after a byte order mark
// (2 bytes). So ASCII letters in a text with one other character take two bytes each.
inline std::size_t pdf_text_string_size(std::string_view utf8) {
  return is_printable_ascii(utf8) ? utf8.size() : 2 + utf16_size(utf8);
}

}  // namespace nashr
