#include "document/color.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace nashr {

namespace {
double percent(float ink) { return std::round(ink * 10000.0) / 100.0; }
}  // namespace

std::string to_string(const Color& color) {
  auto byte = [](double v) { return static_cast<int>(v * 255 + 0.5); };
  char buffer[8];
  std::snprintf(buffer, sizeof buffer, "#%02x%02x%02x", byte(color.r) & 0xFF, byte(color.g) & 0xFF,
                byte(color.b) & 0xFF);
  if (!color.cmyk) return buffer;
  // The style's inks as it may write them: percentages, at most two decimals.
  char inks[96];
  std::snprintf(inks, sizeof inks, " cmyk(%g%%,%g%%,%g%%,%g%%)", percent(color.cmyk->c), percent(color.cmyk->m),
                percent(color.cmyk->y), percent(color.cmyk->k));
  return buffer + std::string(inks);
}

Color rgb_from_cmyk(const Cmyk& inks) {
  const double white = 1.0 - inks.k;
  return {(1.0 - inks.c) * white, (1.0 - inks.m) * white, (1.0 - inks.y) * white, inks};
}

Cmyk print_inks(const Color& color) {
  if (color.cmyk) return *color.cmyk;
  const double brightest = std::max({color.r, color.g, color.b});
  const double k = 1.0 - brightest;
  if (brightest <= 0) return {0, 0, 0, 1};
  auto ink = [&](double channel) { return static_cast<float>((brightest - channel) / brightest); };
  return {ink(color.r), ink(color.g), ink(color.b), static_cast<float>(k)};
}

}  // namespace nashr
