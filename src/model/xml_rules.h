#pragma once
// Shared checks for XML vocabularies (reports and styles): unknown elements and attributes with the
// closest valid name, plain-text content. Used by src/model/ and src/style/.
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostics.h"
#include "model/xml_source.h"

namespace nashr {

// Levenshtein distance on bytes (names are ASCII).
std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate closest to `name` when it is close enough to be a likely typo, else "".
std::string closest_name(std::string_view name, const std::vector<std::string>& candidates);

// "did you mean <x>?" when one is close, else "<parent> allows: a, b, c".
std::string unknown_name_hint(std::string_view name, const std::vector<std::string>& candidates,
                              std::string_view what_allows, bool elements);

// Reports every attribute of `element` not in `allowed`, with the closest valid name. Returns
// false when one was unknown.
bool check_attributes(const XmlNode& element, const std::vector<std::string>& allowed, DiagnosticSink& sink);

// Reports an element that is not allowed in `parent` (with the closest allowed name).
void report_unknown_element(const XmlNode& element, std::string_view parent,
                            const std::vector<std::string>& allowed, DiagnosticSink& sink);

// Reports an attribute whose value is not one of `allowed`, with the closest allowed value.
void report_bad_value(const XmlAttribute& attribute, const std::vector<std::string>& allowed,
                      DiagnosticSink& sink);

// Passes `collected` on to `sink` in source order (as a compiler prints them) and returns the first
// error as the sink recorded it (with --strict, a warning may have become one), if any.
std::optional<Diagnostic> report_in_source_order(const DiagnosticSink& collected, DiagnosticSink& sink);

// True when the text is empty or only XML white space.
bool is_blank(std::string_view text);

// Text with XML white space collapsed to single spaces and trimmed.
std::string collapse_white_space(std::string_view text);

// Reports non-blank text directly inside an element that holds only elements; returns false then.
bool check_no_text(const XmlNode& element, DiagnosticSink& sink);

// The element's text content when it has only text (child elements are reported as errors), with
// white space collapsed; `location` becomes the first character's location (or the element's).
std::string plain_text(const XmlDocument& document, const XmlNode& element, DiagnosticSink& sink,
                       SourceLocation* location = nullptr);

}  // namespace nashr
