#pragma once
// UTF-8 and UTF-16 conversions shared by the stages (ICU stays in src/text/; these are the small
// conversions every stage needs without it).
#include <cstddef>
#include <string>
#include <string_view>

namespace nashr {

// The one UTF-8 encoder of nashr: code point `c` as 1 to 4 bytes at the start of `out`; returns
// how many.
inline std::size_t encode_utf8(char32_t c, char (&out)[4]) {
  if (c < 0x80) {
    out[0] = static_cast<char>(c);
    return 1;
  }
  if (c < 0x800) {
    out[0] = static_cast<char>(0xC0 | (c >> 6));
    out[1] = static_cast<char>(0x80 | (c & 0x3F));
    return 2;
  }
  if (c < 0x10000) {
    out[0] = static_cast<char>(0xE0 | (c >> 12));
    out[1] = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out[2] = static_cast<char>(0x80 | (c & 0x3F));
    return 3;
  }
  out[0] = static_cast<char>(0xF0 | (c >> 18));
  out[1] = static_cast<char>(0x80 | ((c >> 12) & 0x3F));
  out[2] = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
  out[3] = static_cast<char>(0x80 | (c & 0x3F));
  return 4;
}

// Appends code point `c` as UTF-8.
inline void append_utf8(std::string& out, char32_t c) {
  char bytes[4];
  const std::size_t size = encode_utf8(c, bytes);
  for (std::size_t i = 0; i < size; ++i) out += bytes[i];
}

// The replacement character: what the decoder gives for a malformed sequence.
inline constexpr char32_t kReplacementCharacter = 0xFFFD;

// The one UTF-8 decoder of nashr: the code point that starts at text[i], moving `i` past it. A
// malformed sequence (a stray or missing continuation byte, an overlong form, a surrogate, a value
// past U+10FFFF, a truncated end) gives kReplacementCharacter and moves `i` one byte on, and sets
// `valid` false when given.
inline char32_t next_code_point(std::string_view text, std::size_t& i, bool* valid = nullptr) {
  const auto lead = static_cast<unsigned char>(text[i]);
  if (lead < 0x80) {
    ++i;
    return lead;
  }
  // Two bytes (U+0080..U+07FF: Arabic, Persian, accented Latin) are most of a Persian text's
  // letters; decoded here without the general case's loop and range checks.
  if (lead >= 0xC2 && lead <= 0xDF && i + 1 < text.size()) {
    const auto next = static_cast<unsigned char>(text[i + 1]);
    if ((next & 0xC0) == 0x80) {
      if (valid != nullptr) *valid = true;
      i += 2;
      return (static_cast<char32_t>(lead & 0x1F) << 6) | (next & 0x3F);
    }
  }
  const std::size_t length = (lead & 0xE0) == 0xC0 ? 2 : (lead & 0xF0) == 0xE0 ? 3 : (lead & 0xF8) == 0xF0 ? 4 : 0;
  char32_t c = lead & (0xFF >> (length + 1));
  bool ok = length != 0 && i + length <= text.size();
  for (std::size_t k = 1; ok && k < length; ++k) {
    const auto next = static_cast<unsigned char>(text[i + k]);
    ok = (next & 0xC0) == 0x80;
    c = (c << 6) | (next & 0x3F);
  }
  static constexpr char32_t kSmallest[] = {0, 0, 0x80, 0x800, 0x10000};
  if (ok && (c < kSmallest[length] || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))) ok = false;
  if (valid != nullptr) *valid = ok;
  if (!ok) {
    ++i;
    return kReplacementCharacter;
  }
  i += length;
  return c;
}

// The code point at text[i], joining a surrogate pair (then `i` moves to its second half). A lone
// surrogate comes back as itself.
inline char32_t code_point_at(std::u16string_view text, std::size_t& i, std::size_t end) {
  char32_t c = text[i];
  if (c >= 0xD800 && c < 0xDC00 && i + 1 < end && text[i + 1] >= 0xDC00 && text[i + 1] < 0xE000) {
    c = 0x10000 + ((c - 0xD800) << 10) + (text[i + 1] - 0xDC00);
    ++i;
  }
  return c;
}

inline std::string utf16_to_utf8(std::u16string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) append_utf8(out, code_point_at(text, i, text.size()));
  return out;
}

}  // namespace nashr
