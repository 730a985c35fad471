#pragma once
// The one colour type of every stage: the style sheet's colours, the text's, the page's.
#include <optional>
#include <string>

namespace nashr {

// A DeviceCMYK colour for the print edition, each ink 0..1 (docs/editions.md, "Colours in print").
struct Cmyk {
  float c = 0, m = 0, y = 0, k = 0;
  friend bool operator==(const Cmyk&, const Cmyk&) = default;
};

// DeviceRGB, each channel 0..1 (the screen and archive editions). The style sheet's "#rrggbb"
// gives multiples of 1/255. `cmyk`: the inks the style gives for print, when it gives them.
struct Color {
  constexpr Color() = default;
  constexpr Color(double red, double green, double blue, std::optional<Cmyk> inks = std::nullopt)
      : r(static_cast<float>(red)), g(static_cast<float>(green)), b(static_cast<float>(blue)), cmyk(inks) {}
  // Floats, as the inks: every placed run of an issue holds a colour until the PDF is written
  // (48 bytes with doubles, 32 with floats; the PDF writes 4 decimals, so the files are the same).
  float r = 0, g = 0, b = 0;
  std::optional<Cmyk> cmyk;
  friend bool operator==(const Color&, const Color&) = default;
};

// A colour from 8-bit channels, as the style sheet writes them.
constexpr Color rgb8(unsigned red, unsigned green, unsigned blue) {
  return {red / 255.0, green / 255.0, blue / 255.0};
}
// "#rrggbb", each channel rounded to 8 bits, then " cmyk(c%,m%,y%,k%)" when the colour has inks.
std::string to_string(const Color& color);

// The RGB a style's CMYK-only colour shows on screen: each channel (1 - ink) × (1 - k), no
// profile (docs/editions.md).
Color rgb_from_cmyk(const Cmyk& inks);

// The inks the print edition writes: the style's CMYK when given, else the RGB converted with full
// grey-component replacement: k = 1 - max(r, g, b), so a grey (black text, the barcode's bars) is K
// alone and at least one of c, m, y is 0 (total ink at most 300 %).
Cmyk print_inks(const Color& color);

}  // namespace nashr
