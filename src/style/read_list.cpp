#include "style/read_list.h"

#include "model/xml_rules.h"
#include "style/size_adjust.h"

namespace nashr {

namespace {

double length_or_zero(const XmlNode& element, const char* name, DiagnosticSink& sink) {
  const XmlAttribute* attribute = element.attribute(name);
  if (attribute == nullptr) return 0;
  Result<double, std::string> value = parse_length(attribute->value);
  if (!value) {
    sink.error(attribute->value_location, value.error(), "write a number and a unit: pt, mm, cm or in (e.g. 3pt)");
    return 0;
  }
  return *value;
}

}  // namespace

void read_list_style(const XmlNode& element, ListStyle& list, DiagnosticSink& sink) {
  list.location = element.location;
  list.given = true;
  check_attributes(element, {"item-space", "space-before", "space-after", "bullet-size"}, sink);
  check_no_text(element, sink);
  for (const XmlNode& child : element.children) {
    if (child.is_element()) report_unknown_element(child, "list", {}, sink);
  }
  list.item_space = length_or_zero(element, "item-space", sink);
  list.space_before = length_or_zero(element, "space-before", sink);
  list.space_after = length_or_zero(element, "space-after", sink);
  list.bullet_size = read_percentage(element, "bullet-size", sink);
}

}  // namespace nashr
