// The style sheet's <numbering>: the words of captions and cross-references, per language.
#include "style/read_numbering.h"

#include <set>

#include "locale/persian_text.h"
#include "model/xml_rules.h"

namespace nashr {

namespace {

// A template must hold {number} (and may hold {title} where a title exists); no other field.
void read_template(const XmlNode& element, const char* name, bool title_allowed, std::string& value,
                   DiagnosticSink& sink) {
  const XmlAttribute* attribute = element.attribute(name);
  if (attribute == nullptr) return;
  const std::string& text = attribute->value;
  bool has_number = false;
  for (std::size_t open = text.find('{'); open != std::string::npos; open = text.find('{', open + 1)) {
    const std::size_t close = text.find('}', open);
    const std::string field = close == std::string::npos ? text.substr(open) : text.substr(open, close - open + 1);
    if (field == "{number}") {
      has_number = true;
    } else if (field != "{title}" || !title_allowed) {
      sink.error(attribute->value_location, "'" + field + "' is not a field of the " + std::string(name) + " label",
                 title_allowed ? "use {number} and {title}" : "use {number}");
      return;
    }
  }
  if (!has_number) {
    sink.error(attribute->value_location, "the " + std::string(name) + " label has no {number}",
               "write where the number goes, e.g. \"Figure {number}\"");
    return;
  }
  value = text;
}

}  // namespace

void read_numbering_style(const XmlNode& element, const std::string& style_lang, NumberingStyle& numbering,
                          DiagnosticSink& sink) {
  check_attributes(element, {}, sink);
  check_no_text(element, sink);
  std::set<std::string> languages;
  for (const XmlNode& child : element.children) {
    if (!child.is_element()) continue;
    if (child.name != "labels") {
      report_unknown_element(child, "numbering", {"labels"}, sink);
      continue;
    }
    check_attributes(child, {"xml:lang", "figure", "table", "section", "page", "caption-separator"}, sink);
    check_no_text(child, sink);
    NumberingLabels labels;
    labels.location = child.location;
    labels.lang = child.attribute("xml:lang") ? child.attribute("xml:lang")->value : style_lang;
    if (!languages.insert(labels.lang.substr(0, labels.lang.find('-'))).second) {
      sink.error(child.location, "a second <labels> for the language '" + labels.lang + "'", "keep one per language");
      continue;
    }
    const NumberingLabels& defaults = default_numbering_labels(is_persian_language(labels.lang));
    labels.labels = defaults.labels;
    labels.page = defaults.page;
    labels.caption_separator = defaults.caption_separator;
    read_template(child, "figure", false, labels.labels[static_cast<std::size_t>(NumberedKind::figure)], sink);
    read_template(child, "table", false, labels.labels[static_cast<std::size_t>(NumberedKind::table)], sink);
    read_template(child, "section", true, labels.labels[static_cast<std::size_t>(NumberedKind::section)], sink);
    read_template(child, "page", false, labels.page, sink);
    if (const XmlAttribute* separator = child.attribute("caption-separator")) {
      labels.caption_separator = separator->value;
    }
    numbering.labels.push_back(std::move(labels));
  }
}

}  // namespace nashr
