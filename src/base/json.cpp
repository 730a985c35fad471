#include "base/json.h"

#include <cstdio>

#include "base/utf8.h"

namespace nashr {

std::string json_quote(std::string_view text) {
  std::string quoted;
  quoted.reserve(text.size() + 2);
  quoted += '"';
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t start = i;
    bool valid = true;
    const char32_t c = next_code_point(text, i, &valid);
    switch (c) {
      case '"': quoted += "\\\""; break;
      case '\\': quoted += "\\\\"; break;
      case '\n': quoted += "\\n"; break;
      case '\r': quoted += "\\r"; break;
      case '\t': quoted += "\\t"; break;
      default:
        if (!valid) {
          quoted += "\\ufffd";  // not UTF-8: JSON text must be
        } else if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) {
          char escaped[16];
          std::snprintf(escaped, sizeof escaped, "\\u%04x", static_cast<unsigned>(c));
          quoted += escaped;
        } else {
          quoted.append(text.substr(start, i - start));
        }
    }
  }
  quoted += '"';
  return quoted;
}

}  // namespace nashr
