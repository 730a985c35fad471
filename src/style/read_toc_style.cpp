// The style sheet's <toc>: what a report's <toc/> lists and how (docs/report-format.md, "Table of
// contents").
#include <string>

#include "base/utf8.h"
#include "model/xml_rules.h"
#include "style/read_cover.h"

namespace nashr {

namespace {

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
  const std::string hint = "e.g. indent=\"14pt\", leader-space=\"4.5pt\", number-room=\"30pt\"";
  read_bounded_length(element, "indent", {0, 200, "the contents'", hint}, toc.indent, sink);
  read_bounded_length(element, "leader-space", {1, 50, "the contents'", hint}, toc.leader_space, sink);
  read_bounded_length(element, "number-room", {10, 200, "the contents'", hint}, toc.number_room, sink);
  check_no_text(element, sink);
  for (const XmlNode& child : element.children) {
    if (!child.is_element()) continue;
    if (child.name != "title") {
      report_unknown_element(child, "toc", {"title"}, sink);
      continue;
    }
    if (std::optional<std::pair<std::string, std::string>> title = read_text_in_language(child, sink)) {
      toc.titles.push_back(std::move(*title));
    }
  }
}

}  // namespace nashr
