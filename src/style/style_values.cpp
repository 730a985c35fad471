#include "style/style_values.h"

#include <cstdlib>
#include <string>

#include "model/xml_rules.h"

namespace nashr {

std::optional<double> style_length(const XmlNode& element, const char* name, bool required, DiagnosticSink& sink) {
  const XmlAttribute* attribute = element.attribute(name);
  if (attribute == nullptr) {
    if (required) {
      sink.error(element.location, "<" + element.name + "> needs " + name,
                 "e.g. " + std::string(name) + "=\"12pt\"");
    }
    return std::nullopt;
  }
  Result<double, std::string> value = parse_length(attribute->value);
  if (!value) {
    sink.error(attribute->value_location, value.error(),
               "write a number and a unit: pt, mm, cm or in (e.g. 12pt)");
    return std::nullopt;
  }
  return *value;
}

std::optional<Color> style_colour(const XmlNode& element, const char* name, bool required, DiagnosticSink& sink) {
  const XmlAttribute* attribute = element.attribute(name);
  if (attribute == nullptr) {
    if (required)
      sink.error(element.location, "<" + element.name + "> needs " + name,
                 "e.g. " + std::string(name) + "=\"#1a1a1a\"");
    return std::nullopt;
  }
  Result<Color, std::string> value = parse_colour(attribute->value);
  if (!value) {
    sink.error(attribute->value_location, value.error(), kColourHint);
    return std::nullopt;
  }
  return *value;
}

void read_watermark(const XmlNode& element, WatermarkStyle& mark, DiagnosticSink& sink) {
  mark.location = element.location;
  mark.enabled = true;
  check_attributes(element, {"text", "size", "colour", "opacity"}, sink);
  check_no_text(element, sink);
  if (const XmlAttribute* text = element.attribute("text")) {
    if (text->value == "stamp")
      mark.text = WatermarkText::stamp;
    else if (text->value != "name")
      report_bad_value(*text, {"name", "stamp"}, sink);
  }
  mark.size = style_length(element, "size", false, sink).value_or(mark.size);
  mark.colour = style_colour(element, "colour", false, sink).value_or(mark.colour);
  if (const XmlAttribute* opacity = element.attribute("opacity")) {
    const std::string& text = opacity->value;
    char* end = nullptr;
    const double value = text.empty() || text.find_first_not_of("0123456789.") != std::string::npos
                             ? -1
                             : std::strtod(text.c_str(), &end);
    if (end == nullptr || *end != '\0' || value < kMinWatermarkOpacity || value > kMaxWatermarkOpacity) {
      sink.error(opacity->value_location, "the watermark's opacity '" + text + "' is not a number from 0.05 to 0.5",
                 "0.05 is faint, 0.5 half covering; 0.15 to 0.25 leaves the page readable");
    } else {
      mark.opacity = value;
    }
  }
}

void read_masthead_style(const XmlNode& element, MastheadStyle& masthead, DiagnosticSink& sink) {
  masthead.location = element.location;
  check_attributes(element, {"grid"}, sink);
  check_no_text(element, sink);
  for (const XmlNode& child : element.children) {
    if (child.is_element()) report_unknown_element(child, "masthead", {}, sink);
  }
  masthead.grid = style_length(element, "grid", false, sink).value_or(0);
}

}  // namespace nashr
