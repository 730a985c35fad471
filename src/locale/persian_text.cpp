#include "locale/persian_text.h"

#include <cstdint>

#include <unicode/uchar.h>

#include "base/byte_scan.h"
#include "base/utf8.h"

namespace nashr {

namespace {

// The code point at `i` and its length in bytes (the reader has validated the text).
char32_t decode_at(std::string_view s, std::size_t i, std::size_t& length) {
  std::size_t next = i;
  const char32_t c = next_code_point(s, next);
  length = next - i;
  return c;
}

std::string encode(char32_t c) {
  std::string out;
  append_utf8(out, c);
  return out;
}

constexpr char32_t kZwnj = 0x200C;

// A letter that joins only to the letter before it (ا د ر ز ژ و and their kin): Unicode's joining
// type R, from ICU.
bool is_non_joining_letter(char32_t c) {
  return u_getIntPropertyValue(static_cast<UChar32>(c), UCHAR_JOINING_TYPE) == U_JT_RIGHT_JOINING;
}

bool is_white_space(char32_t c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0xA0;
}

const char* const kPersianDigits[] = {"\u06F0", "\u06F1", "\u06F2", "\u06F3", "\u06F4",
                                      "\u06F5", "\u06F6", "\u06F7", "\u06F8", "\u06F9"};

// The offset of the first byte from `from` on that is below 0x3A (digits, and also white space and
// punctuation) or is 0xE2 (the lead byte of ZWNJ), or text.size().
std::size_t next_lint_candidate(std::string_view text, std::size_t from) {
  return find_byte(
      text, from, [](std::uint64_t word) { return bytes_below(word, 0x3A) | bytes_equal(word, 0xE2); },
      [](unsigned char byte) { return byte < 0x3A || byte == 0xE2; });
}

}  // namespace

bool is_persian_language(std::string_view language) {
  return language.size() >= 2 && (language[0] == 'f' || language[0] == 'F') &&
         (language[1] == 'a' || language[1] == 'A') && (language.size() == 2 || language[2] == '-');
}

NormalisedPersian normalise_persian(std::string_view text) {
  NormalisedPersian result;
  result.text.reserve(text.size());
  // Every character replaced is U+0643…U+0669 (lead byte 0xD9) or U+06C0 (0xDB), so only those lead
  // bytes are looked at, and the second byte alone tells the character (as decoding it would: a
  // lead byte with one byte after it is read as a two-byte sequence). The text between is copied
  // as it is.
  std::size_t copied = 0;
  const std::size_t size = text.size();
  for (std::size_t i = 0; i + 1 < size;) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte != 0xD9 && byte != 0xDB) {
      ++i;
      continue;
    }
    const unsigned low = static_cast<unsigned char>(text[i + 1]) & 0x3F;  // the code point's low six bits
    const char* replacement = nullptr;
    PersianFix fix{};
    if (byte == 0xD9) {
      if (low == 0x0A || low == 0x09) {  // U+064A ي, U+0649 ى
        fix = PersianFix::arabic_yeh, replacement = "\u06CC";
      } else if (low == 0x03) {  // U+0643 ك
        fix = PersianFix::arabic_kaf, replacement = "\u06A9";
      } else if (low >= 0x20 && low <= 0x29) {  // U+0660…U+0669
        fix = PersianFix::arabic_indic_digit, replacement = kPersianDigits[low - 0x20];
      }
    } else if (low == 0x00) {  // U+06C0 ۀ
      fix = PersianFix::heh_with_yeh_above, replacement = "\u0647\u0654";
    }
    if (replacement != nullptr) {
      result.text.append(text.substr(copied, i - copied));
      result.text += replacement;
      result.changes.push_back({i, fix, std::string(text.substr(i, 2)), replacement});
      copied = i + 2;
    }
    i += 2;
  }
  result.text.append(text.substr(copied));
  return result;
}

std::vector<PersianLintFinding> lint_persian(std::string_view text) {
  std::vector<PersianLintFinding> findings;
  // Only ZWNJs (lead byte 0xE2) and ASCII digits can be findings: the bytes between are skipped,
  // eight at a time, and the character before a ZWNJ is decoded only when one is found.
  for (std::size_t i = 0; i < text.size();) {
    i = next_lint_candidate(text, i);
    if (i == text.size()) break;
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte >= '0' && byte <= '9') {
      std::size_t end = i;
      while (end < text.size() && text[end] >= '0' && text[end] <= '9') ++end;
      const std::string digits(text.substr(i, end - i));
      findings.push_back({i, PersianIssue::latin_digits, "Latin digits '" + digits + "' in Persian text",
                          "write Persian digits (" + to_persian_digits(digits) +
                              "), or mark a number or code that must stay Latin with <isolate>"});
      i = end;
      continue;
    }
    if (byte != 0xE2) {
      ++i;
      continue;
    }
    std::size_t length = 1;
    if (decode_at(text, i, length) != kZwnj) {
      i += length;
      continue;
    }
    const bool at_start = i == 0;
    char32_t previous = 0;
    if (!at_start) {
      std::size_t lead = i - 1;
      while (lead > 0 && (static_cast<unsigned char>(text[lead]) & 0xC0) == 0x80) --lead;
      std::size_t previous_length = 1;
      previous = decode_at(text, lead, previous_length);
    }
    std::size_t next_length = 1;
    const bool at_end = i + length >= text.size();
    const char32_t next = at_end ? 0 : decode_at(text, i + length, next_length);
    if (!at_start && is_non_joining_letter(previous)) {
      findings.push_back({i, PersianIssue::redundant_zwnj,
                          "redundant ZWNJ (U+200C) after the non-joining letter '" + encode(previous) + "'",
                          "this letter never joins to the next one; remove the ZWNJ"});
    } else if (at_start || at_end || is_white_space(previous) || is_white_space(next) || next == kZwnj) {
      findings.push_back({i, PersianIssue::redundant_zwnj, "redundant ZWNJ (U+200C) next to white space",
                          "a ZWNJ belongs between two letters of one word; remove it"});
    }
    i += length;
  }
  return findings;
}

std::string to_persian_digits(std::string_view text) {
  std::string out;
  out.reserve(text.size() * 2);
  for (char c : text) {
    if (c >= '0' && c <= '9') {
      out += encode(0x06F0 + static_cast<char32_t>(c - '0'));
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace nashr
