#include "text/resolve_scripts.h"

#include <unicode/utf16.h>

#include <algorithm>

#include "text/character_table.h"

namespace nashr::itemizing {

std::vector<UScriptCode> resolve_scripts(const std::u16string& text,
                                         const std::vector<std::uint32_t>& span_of,
                                         const std::vector<std::uint32_t>& group_of_span) {
  const auto length = static_cast<int32_t>(text.size());
  std::vector<UScriptCode> scripts(text.size(), USCRIPT_COMMON);
  struct OpenBracket {
    UChar32 closing;
    UScriptCode script;
  };
  std::vector<OpenBracket> brackets;
  constexpr std::size_t kMaxBracketDepth = 64;
  UScriptCode current = USCRIPT_COMMON;     // COMMON: not known yet in this span
  UScriptCode last_known = USCRIPT_COMMON;  // the script before this span
  int32_t unresolved_from = 0;              // neutrals from here on wait for a script
  UScriptCode extensions[32];

  auto fill = [&](UScriptCode script, int32_t from, int32_t upto) {
    std::fill(scripts.begin() + from, scripts.begin() + upto, script);
  };
  auto settle = [&](UScriptCode script, int32_t upto) {
    fill(script, unresolved_from, upto);
    for (OpenBracket& bracket : brackets) {
      if (bracket.script == USCRIPT_COMMON) bracket.script = script;
    }
  };

  for (int32_t i = 0; i < length;) {
    const int32_t start = i;
    UChar32 c = 0;
    U16_NEXT(text.data(), i, length, c);
    if (start > 0 &&
        span_of[static_cast<std::size_t>(start)] != span_of[static_cast<std::size_t>(start) - 1] &&
        group_of_span[span_of[static_cast<std::size_t>(start)]] !=
            group_of_span[span_of[static_cast<std::size_t>(start) - 1]]) {
      if (current != USCRIPT_COMMON) {
        last_known = current;
        current = USCRIPT_COMMON;
        unresolved_from = start;
      } else if (last_known != USCRIPT_COMMON) {
        fill(last_known, unresolved_from, start);  // a span of neutrals only (an isolated ISSN)
        unresolved_from = start;
      }
    }
    UErrorCode status = U_ZERO_ERROR;
    UScriptCode script = script_of(c);
    if (script == USCRIPT_UNKNOWN) script = USCRIPT_COMMON;  // unassigned: neutral
    UScriptCode assigned = current;
    if (script == USCRIPT_COMMON || script == USCRIPT_INHERITED) {
      const auto bracket = bracket_type_of(c);
      if (bracket == U_BPT_OPEN) {
        if (brackets.size() == kMaxBracketDepth) brackets.erase(brackets.begin());
        brackets.push_back({u_getBidiPairedBracket(c), current});
      } else if (bracket == U_BPT_CLOSE) {
        // U+232A and U+3009 are canonically equivalent closers: match either.
        auto matches = [c](UChar32 closing) {
          return closing == c || (closing == 0x232A && c == 0x3009) || (closing == 0x3009 && c == 0x232A);
        };
        for (std::size_t k = brackets.size(); k > 0; --k) {
          if (matches(brackets[k - 1].closing)) {
            // After the pair the text continues in the script it had before the opening bracket.
            if (brackets[k - 1].script != USCRIPT_COMMON) current = assigned = brackets[k - 1].script;
            brackets.resize(k - 1);
            break;
          }
        }
      } else if (c >= 0x80) {  // ASCII has no Script_Extensions
        status = U_ZERO_ERROR;
        const int32_t count = uscript_getScriptExtensions(c, extensions, 32, &status);
        const bool specific = U_SUCCESS(status) && count > 0 && extensions[0] != USCRIPT_COMMON &&
                              extensions[0] != USCRIPT_INHERITED;
        if (specific) {
          const bool fits = std::find(extensions, extensions + count, current) != extensions + count;
          if (current == USCRIPT_COMMON) {
            settle(extensions[0], start);
            current = extensions[0];
            assigned = current;
          } else if (!fits) {
            assigned = extensions[0];
          }
        }
      }
    } else {
      if (current == USCRIPT_COMMON) settle(script, start);
      current = script;
      assigned = script;
    }
    for (int32_t k = start; k < i; ++k) scripts[static_cast<std::size_t>(k)] = assigned;
  }
  if (current == USCRIPT_COMMON && last_known != USCRIPT_COMMON) fill(last_known, unresolved_from, length);
  return scripts;
}

}  // namespace nashr::itemizing
