#include "model/xml_rules.h"

// g++ 12 warns falsely on `"literal" + std::string` under -O3 (GCC bug 105329).
#pragma GCC diagnostic ignored "-Wrestrict"

#include <algorithm>

namespace nashr {

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

namespace {
// Names from HTML, DocBook and TEI that editors reach for, and what they are called here.
const std::vector<std::pair<std::string_view, std::string_view>> kAliases = {
    {"paragraph", "p"},
    {"para", "p"},
    {"item", "li"},
    {"list", "ul"},
    {"itemizedlist", "ul"},
    {"orderedlist", "ol"},
    {"listitem", "li"},
    {"blockquote", "quote"},
    {"img", "figure"},
    {"image", "figure"},
    {"figcaption", "caption"},
    {"h1", "heading"},
    {"h2", "heading"},
    {"h3", "heading"},
    {"head", "heading"},
    {"b", "strong"},
    {"i", "em"},
    {"emph", "em"},
    {"emphasis", "em"},
    {"a", "link"},
    {"ref", "link"},
    {"pagebreak", "page-break"},
    {"lb", "br"},
    {"bdi", "isolate"},
    {"lang", "xml:lang"},
    {"space", "xml:space"},
    {"abstract", "summary"},
    {"pb", "page-break"},
};
}  // namespace

std::string closest_name(std::string_view name, const std::vector<std::string>& candidates) {
  for (const auto& [alias, meant] : kAliases) {
    if (alias == name && std::find(candidates.begin(), candidates.end(), meant) != candidates.end()) {
      return std::string(meant);
    }
  }
  std::string best;
  std::size_t best_distance = 0;
  for (const std::string& candidate : candidates) {
    const std::size_t distance = edit_distance(name, candidate);
    if (best.empty() || distance < best_distance) {
      best = candidate;
      best_distance = distance;
    }
  }
  // A typo: a third of the longer name may differ (at least two edits for short names).
  const std::size_t allowed = std::max<std::size_t>(2, std::max(name.size(), best.size()) / 3);
  return best_distance <= allowed ? best : std::string();
}

std::string unknown_name_hint(std::string_view name, const std::vector<std::string>& candidates,
                              std::string_view what_allows, bool elements) {
  const std::string closest = closest_name(name, candidates);
  if (!closest.empty())
    return elements ? "did you mean <" + closest + ">?" : "did you mean '" + closest + "'?";
  if (candidates.empty()) return std::string(what_allows) + " allows none here";
  std::string list;
  for (const std::string& candidate : candidates) list += (list.empty() ? "" : ", ") + candidate;
  return std::string(what_allows) + " allows: " + list;
}

bool check_attributes(const XmlNode& element, const std::vector<std::string>& allowed, DiagnosticSink& sink) {
  bool all_known = true;
  for (const XmlAttribute& attribute : element.attributes) {
    if (std::find(allowed.begin(), allowed.end(), attribute.name) != allowed.end()) continue;
    all_known = false;
    sink.error(attribute.location, "unknown attribute '" + attribute.name + "' on <" + element.name + ">",
               unknown_name_hint(attribute.name, allowed, "<" + element.name + ">", false));
  }
  return all_known;
}

void report_unknown_element(const XmlNode& element, std::string_view parent,
                            const std::vector<std::string>& allowed, DiagnosticSink& sink) {
  sink.error(element.location, "unknown element <" + element.name + "> in <" + std::string(parent) + ">",
             unknown_name_hint(element.name, allowed, "<" + std::string(parent) + ">", true));
}

bool is_blank(std::string_view text) {
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
}

std::string collapse_white_space(std::string_view text) {
  std::string out;
  bool space = false;
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

bool check_no_text(const XmlNode& element, DiagnosticSink& sink) {
  bool clean = true;
  for (const XmlNode& child : element.children) {
    if (child.is_text() && !is_blank(child.text)) {
      clean = false;
      sink.error(child.location, "text is not allowed directly in <" + element.name + ">",
                 "put it in an element, e.g. <p>");
    }
  }
  return clean;
}

std::string plain_text(const XmlDocument& document, const XmlNode& element, DiagnosticSink& sink,
                       SourceLocation* location) {
  std::string text;
  bool located = false;
  if (location != nullptr) *location = element.location;
  for (const XmlNode& child : element.children) {
    if (child.is_element()) {
      sink.error(child.location, "<" + element.name + "> holds plain text only, not <" + child.name + ">",
                 "remove the markup");
      continue;
    }
    if (!located && location != nullptr) {
      const std::size_t first = child.text.find_first_not_of(" \t\r\n");
      if (first != std::string::npos) {
        *location = document.text_location(child, first);
        located = true;
      }
    }
    text += child.text;
  }
  return collapse_white_space(text);
}

void report_bad_value(const XmlAttribute& attribute, const std::vector<std::string>& allowed,
                      DiagnosticSink& sink) {
  std::string list;
  for (const std::string& value : allowed) list += (list.empty() ? "" : ", ") + value;
  const std::string closest = closest_name(attribute.value, allowed);
  sink.error(
      attribute.value_location, "'" + attribute.value + "' is not a valid value for " + attribute.name,
      closest.empty() ? "use one of: " + list : "did you mean '" + closest + "'? (one of: " + list + ")");
}

std::optional<Diagnostic> report_in_source_order(const DiagnosticSink& collected, DiagnosticSink& sink) {
  std::vector<Diagnostic> diagnostics = collected.diagnostics();
  std::stable_sort(diagnostics.begin(), diagnostics.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::pair(a.location.line, a.location.column) < std::pair(b.location.line, b.location.column);
  });
  std::optional<Diagnostic> first_error;
  for (Diagnostic& diagnostic : diagnostics) {
    sink.report(std::move(diagnostic));
    if (!first_error && sink.diagnostics().back().severity == Severity::error)
      first_error = sink.diagnostics().back();
  }
  return first_error;
}

}  // namespace nashr
