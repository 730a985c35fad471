// The style sheet's <cover>: whether the issue gets a cover page, and its ISSN barcode's settings.
#include "style/read_cover.h"

#include "model/xml_rules.h"
#include "style/style_values.h"

namespace nashr {

bool is_price_code(std::string_view code) {
  return code.size() == 2 && code[0] >= '0' && code[0] <= '9' && code[1] >= '0' && code[1] <= '9';
}

namespace {

// art="page" (the default: the whole page) or art="box" with art-left, art-top, art-width and
// art-height (from the page's top-left corner).
void read_cover_art_placement(const XmlNode& element, CoverStyle& cover, DiagnosticSink& sink) {
  cover.art_location = element.location;
  const XmlAttribute* art = element.attribute("art");
  if (art != nullptr) {
    cover.art_location = art->value_location;
    if (art->value == "box") {
      cover.art = CoverStyle::ArtPlacement::box;
    } else if (art->value != "page") {
      report_bad_value(*art, {"page", "box"}, sink);
    }
  }
  const bool box = cover.art == CoverStyle::ArtPlacement::box;
  for (const char* name : {"art-left", "art-top", "art-width", "art-height"}) {
    if (!box && element.attribute(name) != nullptr) {
      sink.error(element.attribute(name)->value_location, std::string(name) + " goes with art=\"box\"",
                 "add art=\"box\", or leave the art on the whole page (art=\"page\")");
    }
  }
  if (!box) return;
  cover.art_box.x = style_length(element, "art-left", true, sink).value_or(0);
  cover.art_box.y = style_length(element, "art-top", true, sink).value_or(0);
  cover.art_box.width = style_length(element, "art-width", true, sink).value_or(0);
  cover.art_box.height = style_length(element, "art-height", true, sink).value_or(0);
  if (cover.art_box.width <= 0 || cover.art_box.height <= 0) {
    sink.error(cover.art_location, "the cover art's box has no area",
               "give art-width and art-height above zero, e.g. art-width=\"170mm\" art-height=\"120mm\"");
  }
}

}  // namespace

void read_cover_style(const XmlNode& element, CoverStyle& cover, DiagnosticSink& sink) {
  cover.location = element.location;
  cover.enabled = true;
  cover.price_code.location = element.location;
  check_attributes(element, {"barcode", "price-code", "editions", "art", "art-left", "art-top", "art-width", "art-height"},
                   sink);
  read_cover_art_placement(element, cover, sink);
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
