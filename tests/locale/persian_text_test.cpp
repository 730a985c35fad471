#include "locale/persian_text.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include <unicode/uchar.h>

#include "base/utf8.h"

namespace nashr {
namespace {

TEST(PersianText, ZwnjAfterEveryLetterThatJoinsOnlyBackwardsIsRedundant) {
  // Joining type R from Unicode: the hand-typed list had ا د ر ز ژ و and missed ة and ۆ.
  for (const char* word : {"دا\u200Cنش", "کد\u200Cها", "ة\u200Cب", "ۆ\u200Cب"}) {
    const std::vector<PersianLintFinding> findings = lint_persian(word);
    ASSERT_EQ(findings.size(), 1u) << word;
    EXPECT_EQ(findings[0].issue, PersianIssue::redundant_zwnj) << word;
  }
  for (const char* word : {"می\u200Cشود", "کتاب\u200Cها", "ۺ\u200Cب"}) EXPECT_TRUE(lint_persian(word).empty()) << word;
}

TEST(PersianText, NormalisesArabicFormsAndKeepsZwnj) {
  const NormalisedPersian result = normalise_persian("كتابي علی ى ٠١٢٣٤٥٦٧٨٩ خانۀ می\u200Cشود");
  EXPECT_EQ(result.text, "کتابی علی ی ۰۱۲۳۴۵۶۷۸۹ خانهٔ می\u200Cشود");
  ASSERT_EQ(result.changes.size(), 14u);
  EXPECT_EQ(result.changes[0].fix, PersianFix::arabic_kaf);
  EXPECT_EQ(result.changes[0].offset, 0u);
  EXPECT_EQ(result.changes[1].fix, PersianFix::arabic_yeh);
  EXPECT_EQ(result.changes[1].found, "\u064A");
  EXPECT_EQ(result.changes[1].offset, 8u);       // bytes: ك ت ا ب are two bytes each
  EXPECT_EQ(result.changes[2].found, "\u0649");  // alef maksura
  EXPECT_EQ(result.changes[3].fix, PersianFix::arabic_indic_digit);
  EXPECT_EQ(result.changes[13].fix, PersianFix::heh_with_yeh_above);
  EXPECT_EQ(result.changes[13].replacement, "\u0647\u0654");
}

TEST(PersianText, LeavesPersianAndLatinTextAlone) {
  const std::string text = "پرونده\u200Cهای پارسی SCO و EAEU ۱۴۰۳ «نقل» ٫ ٬ ٪";
  const NormalisedPersian result = normalise_persian(text);
  EXPECT_EQ(result.text, text);
  EXPECT_TRUE(result.changes.empty());
  EXPECT_TRUE(lint_persian(text).empty());
}

TEST(PersianText, RedundantZwnjAfterNonJoiningLetters) {
  for (const char* letter : {"ا", "آ", "د", "ذ", "ر", "ز", "ژ", "و"}) {
    const std::string text = std::string("ب") + letter + "\u200Cها";
    const auto findings = lint_persian(text);
    ASSERT_EQ(findings.size(), 1u) << letter;
    EXPECT_EQ(findings[0].issue, PersianIssue::redundant_zwnj);
    EXPECT_EQ(findings[0].offset, 4u);
    EXPECT_NE(findings[0].message.find(letter), std::string::npos);
  }
  // After a joining letter the ZWNJ is the spelling.
  EXPECT_TRUE(lint_persian("می\u200Cشود کتاب\u200Cها").empty());
}

TEST(PersianText, ZwnjNextToSpaceIsRedundant) {
  EXPECT_EQ(lint_persian("می\u200C شود").size(), 1u);
  EXPECT_EQ(lint_persian("\u200Cشود").size(), 1u);
  EXPECT_EQ(lint_persian("شود\u200C").size(), 1u);
}

TEST(PersianText, LatinDigitsAreOneFindingPerNumber) {
  const auto findings = lint_persian("سال 1993 و 2023");
  ASSERT_EQ(findings.size(), 2u);
  EXPECT_EQ(findings[0].issue, PersianIssue::latin_digits);
  EXPECT_EQ(findings[0].message, "Latin digits '1993' in Persian text");
  EXPECT_NE(findings[0].hint.find("۱۹۹۳"), std::string::npos);
  EXPECT_EQ(findings[1].offset, std::string("سال 1993 و ").size());
}

TEST(PersianText, Helpers) {
  EXPECT_EQ(to_persian_digits("ISSN 2975-0598"), "ISSN ۲۹۷۵-۰۵۹۸");
  EXPECT_TRUE(is_persian_language("fa"));
  EXPECT_TRUE(is_persian_language("fa-IR"));
  EXPECT_FALSE(is_persian_language("fr"));
  EXPECT_FALSE(is_persian_language("fax"));
  EXPECT_FALSE(is_persian_language("en"));
}

}  // namespace
}  // namespace nashr

namespace nashr {
namespace {

// The first, byte-at-a-time normaliser and linter, kept as references for the faster ones (they
// share the decoder and the joining property, which are not what the faster ones change).
char32_t decode_at(std::string_view s, std::size_t i, std::size_t& length) {
  std::size_t next = i;
  const char32_t c = next_code_point(s, next);
  length = next - i;
  return c;
}

bool is_valid_utf8(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    bool valid = true;
    next_code_point(text, i, &valid);
    if (!valid) return false;
  }
  return true;
}

std::string encode(char32_t c) {
  std::string out;
  append_utf8(out, c);
  return out;
}

constexpr char32_t kZwnj = 0x200C;

bool is_non_joining_letter(char32_t c) {
  return u_getIntPropertyValue(static_cast<UChar32>(c), UCHAR_JOINING_TYPE) == U_JT_RIGHT_JOINING;
}

bool is_white_space(char32_t c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0xA0;
}

NormalisedPersian reference_normalise(std::string_view text) {
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

std::vector<PersianLintFinding> reference_lint(std::string_view text) {
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

std::string describe(const std::vector<PersianChange>& changes) {
  std::string out;
  for (const PersianChange& c : changes) {
    out += std::to_string(c.offset) + " " + std::to_string(static_cast<int>(c.fix)) + " " + c.found + ">" +
           c.replacement + "\n";
  }
  return out;
}

std::string describe(const std::vector<PersianLintFinding>& findings) {
  std::string out;
  for (const PersianLintFinding& f : findings) {
    out += std::to_string(f.offset) + " " + std::to_string(static_cast<int>(f.issue)) + " " + f.message +
           " / " + f.hint + "\n";
  }
  return out;
}

// Random mixtures of what the normaliser and linter look for, what they skip, and broken UTF-8
// (lead bytes at the end, lead bytes without continuation bytes): the same text, changes and
// findings as the references, at every place in a word of eight bytes.
TEST(PersianText, SameAsTheByteAtATimeReference) {
  const std::vector<std::string> pieces = {
      "a",      " ",        "\n",        "7",      "1993", "س",        "ل",    "م",    "ی",        "ي",
      "ى",      "ك",        "ک",         "٤",      "٠",    "٩",        "۴",    "ۀ",    "ه",        "\u200C",
      "\u200D", "\u2014",   "ا",         "و",      "د",    "\xD9",     "\xDB", "\xE2", "\xE2\x80", "\xD9 ",
      "\xDBx",  "\xD9\x8A", "x\xDB\x80", "\u06C0", "\xA0", "\xC2\xA0", "😀"};
  std::uint32_t seed = 2025;
  auto next = [&] { return seed = seed * 1664525u + 1013904223u; };
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    const int count = static_cast<int>(next() % 40);
    for (int k = 0; k < count; ++k) text += pieces[next() % pieces.size()];
    const NormalisedPersian fast = normalise_persian(text);
    const NormalisedPersian reference = reference_normalise(text);
    const std::vector<PersianLintFinding> findings = lint_persian(text);
    // Invalid UTF-8 never reaches these functions (the reader refuses it first): only that they
    // stay inside the text (under ASan) is asked of them there.
    if (!is_valid_utf8(text)) continue;
    EXPECT_EQ(fast.text, reference.text) << text;
    EXPECT_EQ(describe(fast.changes), describe(reference.changes)) << text;
    EXPECT_EQ(describe(findings), describe(reference_lint(text))) << text;
  }
}

}  // namespace
}  // namespace nashr
