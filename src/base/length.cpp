// g++ 12 warns falsely on `"literal" + std::string` under -O3 (GCC bug 105329).
#pragma GCC diagnostic ignored "-Wrestrict"

#include "base/length.h"

#include <algorithm>
#include <sstream>
#include <utility>
#include <vector>

namespace nashr {

Result<double, std::string> parse_length(std::string_view text) {
  static const std::vector<std::pair<std::string_view, double>> kUnits = {
      {"pt", 1.0}, {"mm", 72.0 / 25.4}, {"cm", 72.0 / 2.54}, {"in", 72.0}};
  for (const auto& [unit, points] : kUnits) {
    if (text.size() > unit.size() && text.ends_with(unit)) {
      const std::string_view number = text.substr(0, text.size() - unit.size());
      const bool shape = std::all_of(number.begin(), number.end(),
                                     [](char c) { return (c >= '0' && c <= '9') || c == '.'; }) &&
                         std::count(number.begin(), number.end(), '.') <= 1 && number != ".";
      if (!shape) break;
      double value = 0;
      std::istringstream in{std::string(number)};
      in >> value;
      if (!in) break;
      return value * points;
    }
  }
  return fail(std::string("'") + std::string(text) + "' is not a length");
}

}  // namespace nashr
