#include "style/size_adjust.h"

#include <charconv>
#include <string>

namespace nashr {

double read_size_adjust(const XmlNode& script, DiagnosticSink& sink) {
  return read_percentage(script, "size-adjust", sink);
}

double read_percentage(const XmlNode& element, const char* name, DiagnosticSink& sink) {
  const XmlAttribute* attribute = element.attribute(name);
  if (attribute == nullptr) return 1;
  const std::string& text = attribute->value;
  double percent = 0;
  const bool has_percent = !text.empty() && text.back() == '%';
  const char* end = text.data() + text.size() - (has_percent ? 1 : 0);
  const auto [stop, error] = std::from_chars(text.data(), end, percent);
  if (!has_percent || error != std::errc() || stop != end || percent < kMinSizeAdjust * 100 ||
      percent > kMaxSizeAdjust * 100) {
    sink.error(attribute->location, std::string(name) + " '" + text + "' is not a percentage between 50% and 200%",
               "write e.g. " + std::string(name) + "=\"115%\": 15% larger than the role's size");
    return 1;
  }
  return percent / 100;
}

}  // namespace nashr
