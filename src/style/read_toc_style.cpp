// The style sheet's <toc>: what a report's <toc/> lists and how (docs/report-format.md, "Table of
// contents").
#include <string>

#include "base/utf8.h"
#include "model/xml_rules.h"
#include "style/read_cover.h"

namespace nashr {

namespace {

// A length attribute within [low, high] points, or nothing (with an error when it is wrong).
void read_toc_length(const XmlNode& element, const char* name, double low, double high, double& out,
                     DiagnosticSink& sink) {
  const XmlAttribute* attribute = element.attribute(name);
  if (attribute == nullptr) return;
  Result<double, std::string> parsed = parse_length(attribute->value);
  if (!parsed) {
    sink.error(attribute->value_location, "'" + attribute->value + "' is not a length", parsed.error());
    return;
  }
  if (*parsed < low || *parsed > high) {
    sink.error(attribute->value_location,
               "the contents' " + std::string(name) + " " + attribute->value + " is outside " +
                   std::to_string(static_cast<int>(low)) + "pt to " + std::to_string(static_cast<int>(high)) + "pt",
               "e.g. indent=\"14pt\", leader-space=\"4.5pt\", number-room=\"30pt\"");
    return;
  }
  out = *parsed;
}

// The number of code points in `text` (a leader is one character, or none).
std::size_t code_points(std::string_view text) {
  std::size_t count = 0;
  for (std::size_t at = 0; at < text.size(); ++count) next_code_point(text, at);
  return count;
}

}  // namespace

void read_toc_style(const XmlNode& element, TocStyle& toc, DiagnosticSink& sink) {
  toc.location = element.location;
  check_attributes(element, {"levels", "indent", "leader", "leader-space", "numbers", "number-room"}, sink);
  if (const XmlAttribute* levels = element.attribute("levels")) {
    if (levels->value == "1" || levels->value == "2" || levels->value == "3") {
      toc.levels = levels->value[0] - '0';
    } else {
      report_bad_value(*levels, {"1", "2", "3"}, sink);
    }
  }
  if (const XmlAttribute* numbers = element.attribute("numbers")) {
    if (numbers->value == "on" || numbers->value == "off") {
      toc.numbers = numbers->value == "on";
    } else {
      report_bad_value(*numbers, {"on", "off"}, sink);
    }
  }
  if (const XmlAttribute* leader = element.attribute("leader")) {
    if (code_points(leader->value) > 1 || leader->value == " ") {
      sink.error(leader->value_location, "the contents' leader '" + leader->value + "' is not one character",
                 "a leader is one visible character repeated, e.g. leader=\".\" or leader=\"·\"; leader=\"\" for none");
    } else {
      toc.leader = leader->value;
    }
  }
  read_toc_length(element, "indent", 0, 200, toc.indent, sink);
  read_toc_length(element, "leader-space", 1, 50, toc.leader_space, sink);
  read_toc_length(element, "number-room", 10, 200, toc.number_room, sink);
  check_no_text(element, sink);
  for (const XmlNode& child : element.children) {
    if (!child.is_element()) continue;
    if (child.name != "title") {
      report_unknown_element(child, "toc", {"title"}, sink);
      continue;
    }
    check_attributes(child, {"xml:lang"}, sink);
    const XmlAttribute* lang = child.attribute("xml:lang");
    if (lang == nullptr) {
      sink.error(child.location, "<title> needs xml:lang", "e.g. xml:lang=\"en\" or xml:lang=\"fa\"");
      continue;
    }
    std::string text;
    for (const XmlNode& part : child.children) {
      if (part.is_element()) {
        report_unknown_element(part, child.name, {}, sink);
      } else {
        text += part.text;
      }
    }
    toc.titles.emplace_back(lang->value, collapse_white_space(text));
  }
}

}  // namespace nashr
