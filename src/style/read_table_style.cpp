// The style sheet's <table>: how tables look (cell text, padding, rules, shading, caption side) and
// the word a table's number follows, per language.
#include "locale/persian_text.h"
#include "model/xml_rules.h"
#include "style/read_cover.h"

namespace nashr {

namespace {

// Cell text from 4 to 24 points, padding and rules up to 24 points: beyond them no table fits a page.
constexpr double kSmallestCellText = 4;
constexpr double kLargestCellText = 24;
constexpr double kLargestTableLength = 24;

std::optional<double> table_length(const XmlNode& element, const char* name, double low, double high,
                                   DiagnosticSink& sink) {
  const XmlAttribute* attribute = element.attribute(name);
  if (attribute == nullptr) return std::nullopt;
  Result<double, std::string> value = parse_length(attribute->value);
  if (value && *value >= low && *value <= high) return *value;
  char bounds[64];
  std::snprintf(bounds, sizeof bounds, "from %gpt to %gpt", low, high);
  sink.error(attribute->value_location, std::string("the table's ") + name + " '" + attribute->value +
                                            "' is not a length " + bounds,
             "write a length with its unit, e.g. 4pt or 1.5mm");
  return std::nullopt;
}

std::optional<Color> table_colour(const XmlNode& element, const char* name, DiagnosticSink& sink) {
  const XmlAttribute* attribute = element.attribute(name);
  if (attribute == nullptr) return std::nullopt;
  Result<Color, std::string> value = parse_colour(attribute->value);
  if (value) return *value;
  sink.error(attribute->value_location, value.error(), kColourHint);
  return std::nullopt;
}

}  // namespace

void read_table_style(const XmlNode& element, TableStyle& table, DiagnosticSink& sink) {
  table.location = element.location;
  check_attributes(element,
                   {"size", "leading", "padding", "rule", "frame-width", "rule-width", "column-rules",
                    "header-background", "stripe", "caption"},
                   sink);
  check_no_text(element, sink);
  table.size = table_length(element, "size", kSmallestCellText, kLargestCellText, sink).value_or(table.size);
  table.leading = table_length(element, "leading", table.size, 2 * kLargestCellText, sink).value_or(
      std::max(table.leading, table.size * 1.2));
  table.padding = table_length(element, "padding", 0, kLargestTableLength, sink).value_or(table.padding);
  table.frame_width = table_length(element, "frame-width", 0, kLargestTableLength, sink).value_or(table.frame_width);
  table.rule_width = table_length(element, "rule-width", 0, kLargestTableLength, sink).value_or(table.rule_width);
  table.rule = table_colour(element, "rule", sink).value_or(table.rule);
  table.header_background = table_colour(element, "header-background", sink);
  table.stripe = table_colour(element, "stripe", sink);
  if (const XmlAttribute* rules = element.attribute("column-rules")) {
    if (rules->value == "on" || rules->value == "off")
      table.column_rules = rules->value == "on";
    else
      report_bad_value(*rules, {"on", "off"}, sink);
  }
  if (const XmlAttribute* caption = element.attribute("caption")) {
    if (caption->value == "above" || caption->value == "below")
      table.caption_below = caption->value == "below";
    else
      report_bad_value(*caption, {"above", "below"}, sink);
  }
  // The word before a table's number is <numbering>'s, as for figures and sections.
  for (const XmlNode& child : element.children) {
    if (child.is_element()) report_unknown_element(child, "table", {}, sink);
  }
}

}  // namespace nashr
