#pragma once
// The editions of an issue (docs/editions.md): the screen PDF, the print PDF for the printer (trim
// and bleed boxes, crop and registration marks, CMYK where the style gives it) and the archive PDF
// (PDF/A-2u) for legal deposit. One typesetting serves all three.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nashr {

enum class Edition { screen, print, archive };

const char* to_string(Edition edition);
std::optional<Edition> edition_from_name(std::string_view name);

// "screen,print,archive" → the editions in that order; nullopt on an unknown or repeated name.
std::optional<std::vector<Edition>> parse_editions(std::string_view list);

// 3 mm, the bleed printers ask for.
inline constexpr double kBleedPoints = 3 * 72 / 25.4;

}  // namespace nashr
