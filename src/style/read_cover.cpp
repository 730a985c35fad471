// The style sheet's <cover>: whether the issue gets a cover page, and its ISSN barcode's settings.
#include "style/read_cover.h"

#include "model/xml_rules.h"

namespace nashr {

bool is_price_code(std::string_view code) {
  return code.size() == 2 && code[0] >= '0' && code[0] <= '9' && code[1] >= '0' && code[1] <= '9';
}

void read_cover_style(const XmlNode& element, CoverStyle& cover, DiagnosticSink& sink) {
  cover.location = element.location;
  cover.enabled = true;
  cover.price_code.location = element.location;
  check_attributes(element, {"barcode", "price-code", "editions"}, sink);
  if (const XmlAttribute* editions = element.attribute("editions")) {
    std::optional<std::vector<Edition>> parsed = parse_editions(editions->value);
    if (parsed) {
      cover.editions = std::move(*parsed);
    } else {
      sink.error(editions->value_location, "'" + editions->value + "' is not a list of editions",
                 "write some of screen, print and archive, separated by spaces, e.g. editions=\"print archive\"");
    }
  }
  check_no_text(element, sink);
  for (const XmlNode& child : element.children) {
    if (child.is_element()) report_unknown_element(child, "cover", {}, sink);
  }
  if (const XmlAttribute* barcode = element.attribute("barcode")) {
    if (barcode->value == "on" || barcode->value == "off") {
      cover.barcode = barcode->value == "on";
    } else {
      report_bad_value(*barcode, {"on", "off"}, sink);
    }
  }
  if (const XmlAttribute* price = element.attribute("price-code")) {
    cover.price_code = {price->value, price->value_location};
    // The code sits between the ISSN's seven digits and the EAN-13 check digit: two digits, no more.
    if (!is_price_code(price->value)) {
      sink.error(price->value_location, "price code '" + price->value + "' is not two digits",
                 "write two digits, e.g. price-code=\"00\" (no price variants) or \"05\"");
    }
  }
}

}  // namespace nashr
