// The style sheet's <notes>: footnotes or endnotes, their numbering, size and rule, and the formats
// of cited sources (docs/report-format.md, "Notes and sources").
#include <algorithm>
#include <optional>
#include <utility>

#include "model/xml_rules.h"
#include "style/read_cover.h"

namespace nashr {

const std::vector<std::string>& source_format_fields() {
  static const std::vector<std::string> fields = {"author", "title", "publisher", "date", "url", "accessed"};
  return fields;
}

void read_bounded_length(const XmlNode& element, const char* name, const BoundedLength& bounds, double& out,
                         DiagnosticSink& sink) {
  const XmlAttribute* attribute = element.attribute(name);
  if (attribute == nullptr) return;
  Result<double, std::string> parsed = parse_length(attribute->value);
  if (!parsed) {
    sink.error(attribute->value_location, "'" + attribute->value + "' is not a length", parsed.error());
    return;
  }
  if (*parsed < bounds.low || *parsed > bounds.high) {
    sink.error(attribute->value_location,
               bounds.owner + " " + std::string(name) + " " + attribute->value + " is outside " +
                   std::to_string(static_cast<int>(bounds.low)) + "pt to " +
                   std::to_string(static_cast<int>(bounds.high)) + "pt",
               bounds.hint);
    return;
  }
  out = *parsed;
}

std::optional<std::pair<std::string, std::string>> read_text_in_language(const XmlNode& child, DiagnosticSink& sink) {
  check_attributes(child, {"xml:lang"}, sink);
  const XmlAttribute* lang = child.attribute("xml:lang");
  if (lang == nullptr) {
    sink.error(child.location, "<" + child.name + "> needs xml:lang", "e.g. xml:lang=\"en\" or xml:lang=\"fa\"");
    return std::nullopt;
  }
  std::string text;
  for (const XmlNode& part : child.children) {
    if (part.is_element()) {
      report_unknown_element(part, child.name, {}, sink);
    } else {
      text += part.text;
    }
  }
  return std::make_pair(lang->value, collapse_white_space(text));
}

namespace {

const char* const kNotesSizeHint = "footnotes are usually 1.5 to 2 points smaller than the body text";

// Fields in braces must be known ones, brackets balanced and never nested.
void check_pattern(const XmlNode& element, const std::string& pattern, DiagnosticSink& sink) {
  int depth = 0;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    const char c = pattern[i];
    if (c == '[') ++depth;
    if (c == ']') --depth;
    if (depth < 0 || depth > 1) {
      sink.error(element.location, "the source format's brackets are unbalanced or nested",
                 "an optional part is one [group] holding text and fields, e.g. [, {publisher}]");
      return;
    }
    if (c != '{') continue;
    const std::size_t close = pattern.find('}', i);
    const std::string field = close == std::string::npos ? pattern.substr(i) : pattern.substr(i + 1, close - i - 1);
    const auto& fields = source_format_fields();
    if (close == std::string::npos || std::find(fields.begin(), fields.end(), field) == fields.end()) {
      sink.error(element.location, "unknown field {" + field + "} in the source format",
                 unknown_name_hint(field, fields, "a source format", false));
      return;
    }
    i = close;
  }
  if (depth != 0) {
    sink.error(element.location, "the source format has a '[' without its ']'", "close the optional group");
  }
  if (pattern.find("{title}") == std::string::npos) {
    sink.error(element.location, "the source format does not show {title}", "every source has a title: show it");
  }
}

}  // namespace

void read_notes_style(const XmlNode& element, NotesStyle& notes, DiagnosticSink& sink) {
  notes.location = element.location;
  check_attributes(element, {"placement", "numbering", "size", "leading", "rule-length", "space-before"}, sink);
  if (const XmlAttribute* placement = element.attribute("placement")) {
    if (placement->value == "foot" || placement->value == "end") {
      notes.placement = placement->value == "foot" ? NotePlacement::foot : NotePlacement::end;
    } else {
      report_bad_value(*placement, {"foot", "end"}, sink);
    }
  }
  if (const XmlAttribute* numbering = element.attribute("numbering")) {
    if (numbering->value == "issue" || numbering->value == "page") {
      notes.numbering = numbering->value == "page" ? NoteNumbering::page : NoteNumbering::issue;
    } else {
      report_bad_value(*numbering, {"issue", "page"}, sink);
    }
  }
  if (notes.numbering == NoteNumbering::page && notes.placement == NotePlacement::end) {
    sink.error(element.attribute("numbering")->value_location,
               "numbering=\"page\" needs footnotes, and these notes are endnotes (placement=\"end\")",
               "number endnotes through the issue (numbering=\"issue\"), or set them at the foot (placement=\"foot\")");
  }
  read_bounded_length(element, "size", {2, 200, "the notes'", kNotesSizeHint}, notes.size, sink);
  read_bounded_length(element, "leading", {2, 400, "the notes'", kNotesSizeHint}, notes.leading, sink);
  read_bounded_length(element, "rule-length", {0, 1000, "the notes'", kNotesSizeHint}, notes.rule_length, sink);
  read_bounded_length(element, "space-before", {0, 200, "the notes'", kNotesSizeHint}, notes.space_before, sink);
  check_no_text(element, sink);
  for (const XmlNode& child : element.children) {
    if (!child.is_element()) continue;
    if (child.name != "title" && child.name != "source-format") {
      report_unknown_element(child, "notes", {"title", "source-format"}, sink);
      continue;
    }
    std::optional<std::pair<std::string, std::string>> text = read_text_in_language(child, sink);
    if (!text) continue;
    if (child.name == "title") {
      notes.titles.push_back(std::move(*text));
      continue;
    }
    check_pattern(child, text->second, sink);
    notes.formats.push_back({child.location, text->first, text->second});
  }
}

}  // namespace nashr
