#include "document/color.h"

#include <cstdio>

namespace nashr {

std::string to_string(const Color& color) {
  auto byte = [](double v) { return static_cast<int>(v * 255 + 0.5); };
  char buffer[8];
  std::snprintf(buffer, sizeof buffer, "#%02x%02x%02x", byte(color.r) & 0xFF, byte(color.g) & 0xFF,
                byte(color.b) & 0xFF);
  return buffer;
}

}  // namespace nashr
