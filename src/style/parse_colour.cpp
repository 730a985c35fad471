// The style sheet's colour values: #rrggbb or #rgb for the screen, cmyk(…) for print, or both.
// g++ 12 warns falsely on `"literal" + std::string` under -O3 (GCC bug 105329).
#pragma GCC diagnostic ignored "-Wrestrict"
#include <algorithm>
#include <charconv>
#include <string>
#include <system_error>

#include "style/style_sheet.h"

namespace nashr {

namespace {

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::optional<Color> parse_rgb(std::string_view text) {
  const bool shape = (text.size() == 7 || text.size() == 4) && text[0] == '#' &&
                     std::all_of(text.begin() + 1, text.end(), [](char c) { return hex_digit(c) >= 0; });
  if (!shape) return std::nullopt;
  if (text.size() == 4) {
    return rgb8(hex_digit(text[1]) * 17, hex_digit(text[2]) * 17, hex_digit(text[3]) * 17);
  }
  auto byte = [&](std::size_t i) { return static_cast<unsigned>(hex_digit(text[i]) * 16 + hex_digit(text[i + 1])); };
  return rgb8(byte(1), byte(3), byte(5));
}

bool is_separator(char c) { return c == ',' || c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// One ink: a number 0..1 or a percentage 0%..100%.
Result<float, std::string> parse_ink(std::string_view text) {
  const bool percent = !text.empty() && text.back() == '%';
  const std::string_view number = percent ? text.substr(0, text.size() - 1) : text;
  double value = 0;
  const auto [end, code] = std::from_chars(number.data(), number.data() + number.size(), value);
  if (number.empty() || code != std::errc() || end != number.data() + number.size()) {
    return fail("the CMYK ink '" + std::string(text) + "' is not a number");
  }
  const double limit = percent ? 100 : 1;
  if (!(value >= 0 && value <= limit)) {
    return fail("the CMYK ink '" + std::string(text) + "' is out of range (" + (percent ? "0% to 100%" : "0 to 1") +
                ")");
  }
  return static_cast<float>(percent ? value / 100 : value);
}

// "cmyk(c,m,y,k)" or "device-cmyk(c m y k)"; nothing when `text` is neither.
std::optional<Result<Cmyk, std::string>> parse_cmyk(std::string_view text) {
  std::string_view inside;
  for (std::string_view name : {"cmyk(", "device-cmyk("}) {
    if (text.starts_with(name) && text.ends_with(')')) inside = text.substr(name.size(), text.size() - name.size() - 1);
  }
  if (inside.data() == nullptr) return std::nullopt;
  float inks[4];
  int count = 0;
  std::size_t at = 0;
  while (at < inside.size()) {
    if (is_separator(inside[at])) {
      ++at;
      continue;
    }
    std::size_t end = at;
    while (end < inside.size() && !is_separator(inside[end])) ++end;
    if (count == 4) return fail("'" + std::string(text) + "' has more than four inks");
    Result<float, std::string> ink = parse_ink(inside.substr(at, end - at));
    if (!ink) return fail(ink.error());
    inks[count++] = *ink;
    at = end;
  }
  if (count != 4) return fail("'" + std::string(text) + "' needs four inks (cyan, magenta, yellow, black)");
  return Cmyk{inks[0], inks[1], inks[2], inks[3]};
}

}  // namespace

Result<Color, std::string> parse_colour(std::string_view text) {
  // "#rgb", "cmyk(…)", or "#rgb cmyk(…)": the first space outside parentheses splits the two.
  const std::size_t open = text.find('(');
  const std::size_t space = text.find(' ');
  const bool both = space != std::string_view::npos && (open == std::string_view::npos || space < open);
  const std::string_view rgb_text = both ? text.substr(0, space) : text;
  std::string_view cmyk_text = both ? text.substr(space + 1) : text;
  while (!cmyk_text.empty() && cmyk_text.front() == ' ') cmyk_text.remove_prefix(1);
  const auto not_a_colour = [&] { return fail(std::string("'") + std::string(text) + "' is not a colour"); };
  std::optional<Color> rgb = parse_rgb(rgb_text);
  if (rgb && !both) return *rgb;
  if (!rgb && both) return not_a_colour();
  std::optional<Result<Cmyk, std::string>> cmyk = parse_cmyk(cmyk_text);
  if (!cmyk) return not_a_colour();
  if (!*cmyk) return fail(cmyk->error());
  if (!rgb) return rgb_from_cmyk(**cmyk);
  rgb->cmyk = **cmyk;
  return *rgb;
}

}  // namespace nashr
