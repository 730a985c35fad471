#include "model/persian_text.h"

#include <gtest/gtest.h>

namespace nashr {
namespace {

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
