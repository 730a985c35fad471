#pragma once
// The script of every UTF-16 unit of a paragraph (itemize's runs are cut where it changes). Not part
// of the stage's interface (itemize.h).
#include <unicode/uscript.h>

#include <cstdint>
#include <string>
#include <vector>

namespace nashr::itemizing {

// Scripts per UTF-16 unit: Common and Inherited characters take the script of what precedes them
// in their span (or, at the start of a span, of the first real script after them, or failing that
// the script before the span); a closing bracket takes the script of its opening bracket; a Common
// character with Script_Extensions that exclude the current script (Arabic comma in Latin text)
// takes its own. Neutrals resolve within their span's style group (group_of_span[span_of[i]]): a
// space that starts an English span after a Persian name belongs with the English words.
std::vector<UScriptCode> resolve_scripts(const std::u16string& text, const std::vector<std::uint32_t>& span_of,
                                         const std::vector<std::uint32_t>& group_of_span);

}  // namespace nashr::itemizing
