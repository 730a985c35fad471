#pragma once
// Normalisation and lint of Persian text (ISIRI 6219; see docs/report-format.md and PERSIAN.md).
// Applied by the reader to every text whose effective language is Persian (xml:lang "fa…").
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace nashr {

// What the normaliser replaced. ZWNJ (U+200C) is never touched: it is part of Persian spelling.
enum class PersianFix {
  arabic_yeh,          // U+064A ي or U+0649 ى → U+06CC ی
  arabic_kaf,          // U+0643 ك → U+06A9 ک
  arabic_indic_digit,  // U+0660–U+0669 → U+06F0–U+06F9
  heh_with_yeh_above,  // U+06C0 ۀ → U+0647 U+0654 (هٔ)
};

struct PersianChange {
  std::size_t offset = 0;  // byte offset in the input text
  PersianFix fix;
  std::string found;        // the character replaced (UTF-8)
  std::string replacement;  // what it became
};

struct NormalisedPersian {
  std::string text;
  std::vector<PersianChange> changes;  // in text order
};

NormalisedPersian normalise_persian(std::string_view text);

enum class PersianIssue {
  redundant_zwnj,  // after a letter that joins only backwards (joining type R: ا د ر ز ژ و …), or next to white space
  latin_digits,    // ASCII digits typed in Persian text
};

struct PersianLintFinding {
  std::size_t offset = 0;  // byte offset in the input text
  PersianIssue issue;
  std::string message;
  std::string hint;
};

// Findings in text order; `text` is examined as given (lint before or after normalising: the
// offsets refer to what was passed).
std::vector<PersianLintFinding> lint_persian(std::string_view text);

// "۱۹۹۳" for "1993": ASCII digits replaced by Persian digits, everything else kept.
std::string to_persian_digits(std::string_view text);

// True for "fa", "fa-IR", "fa-AF"…: the languages the Persian rules apply to.
bool is_persian_language(std::string_view language);

}  // namespace nashr
