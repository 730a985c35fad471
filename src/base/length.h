#pragma once
// Lengths as editors write them in style sheets and reports ("12pt", "4.2mm", "1.5cm", "0.5in").
#include <string>
#include <string_view>

#include "base/result.h"

namespace nashr {

// The length in points; fails on anything else (no unit, negative, not a number).
Result<double, std::string> parse_length(std::string_view text);

}  // namespace nashr
