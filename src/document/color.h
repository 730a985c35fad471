#pragma once
// The one colour type of every stage: the style sheet's colours, the text's, the page's.
#include <string>

namespace nashr {

// DeviceRGB, each channel 0..1. The style sheet's "#rrggbb" gives multiples of 1/255.
struct Color {
  double r = 0, g = 0, b = 0;
  friend bool operator==(const Color&, const Color&) = default;
};

// A colour from 8-bit channels, as the style sheet writes them.
constexpr Color rgb8(unsigned red, unsigned green, unsigned blue) {
  return {red / 255.0, green / 255.0, blue / 255.0};
}
std::string to_string(const Color& color);  // "#rrggbb", each channel rounded to 8 bits

}  // namespace nashr
