#include "model/persian_text.h"

#include "base/utf8.h"

namespace nashr {

namespace {

// Decodes one UTF-8 character at `i` (input already validated by the XML reader; invalid bytes
// decode as themselves so nothing is lost).
char32_t decode_at(std::string_view s, std::size_t i, std::size_t& length) {
  const auto b = static_cast<unsigned char>(s[i]);
  length = b < 0x80 ? 1 : (b & 0xE0) == 0xC0 ? 2 : (b & 0xF0) == 0xE0 ? 3 : (b & 0xF8) == 0xF0 ? 4 : 1;
  if (i + length > s.size()) length = 1;
  if (length == 1) return b;
  char32_t c = b & (0xFF >> (length + 1));
  for (std::size_t k = 1; k < length; ++k) c = (c << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  return c;
}

std::string encode(char32_t c) {
  std::string out;
  append_utf8(out, c);
  return out;
}

constexpr char32_t kZwnj = 0x200C;

bool is_non_joining_letter(char32_t c) {
  switch (c) {
    case 0x0627:  // ا
    case 0x0622:  // آ
    case 0x0623:  // أ
    case 0x0625:  // إ
    case 0x062F:  // د
    case 0x0630:  // ذ
    case 0x0631:  // ر
    case 0x0632:  // ز
    case 0x0698:  // ژ
    case 0x0648:  // و
    case 0x0624:  // ؤ
      return true;
    default: return false;
  }
}

bool is_white_space(char32_t c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0xA0;
}

}  // namespace

bool is_persian_language(std::string_view language) {
  return language.size() >= 2 && (language[0] == 'f' || language[0] == 'F') &&
         (language[1] == 'a' || language[1] == 'A') && (language.size() == 2 || language[2] == '-');
}

NormalisedPersian normalise_persian(std::string_view text) {
  NormalisedPersian result;
  result.text.reserve(text.size());
  // Every character replaced is U+0643…U+0669 (lead byte 0xD9) or U+06C0 (0xDB): the text between
  // such lead bytes is copied as it is.
  std::size_t copied = 0;
  for (std::size_t i = 0; i < text.size();) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte != 0xD9 && byte != 0xDB) {
      ++i;
      continue;
    }
    std::size_t length = 1;
    const char32_t c = decode_at(text, i, length);
    std::string replacement;
    PersianFix fix{};
    if (c == 0x064A || c == 0x0649) {
      fix = PersianFix::arabic_yeh, replacement = encode(0x06CC);
    } else if (c == 0x0643) {
      fix = PersianFix::arabic_kaf, replacement = encode(0x06A9);
    } else if (c >= 0x0660 && c <= 0x0669) {
      fix = PersianFix::arabic_indic_digit, replacement = encode(0x06F0 + (c - 0x0660));
    } else if (c == 0x06C0) {
      fix = PersianFix::heh_with_yeh_above, replacement = encode(0x0647) + encode(0x0654);
    }
    if (!replacement.empty()) {
      result.text.append(text.substr(copied, i - copied));
      result.text += replacement;
      result.changes.push_back({i, fix, std::string(text.substr(i, length)), replacement});
      copied = i + length;
    }
    i += length;
  }
  result.text.append(text.substr(copied));
  return result;
}

std::vector<PersianLintFinding> lint_persian(std::string_view text) {
  std::vector<PersianLintFinding> findings;
  // Only ZWNJs (lead byte 0xE2) and ASCII digits can be findings: the bytes between are skipped,
  // and the character before a ZWNJ is decoded only when one is found.
  for (std::size_t i = 0; i < text.size();) {
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
