#include "base/diagnostics.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <ostream>
#include <utility>

#include "base/json.h"

namespace nashr {

std::string to_string(const SourceLocation& location) {
  std::string text = location.file;
  if (location.file.empty()) return text;
  if (location.line > 0) {
    text += ':' + std::to_string(location.line);
    if (location.column > 0) text += ':' + std::to_string(location.column);
  }
  return text;
}

const char* to_string(Severity severity) {
  switch (severity) {
    case Severity::note: return "note";
    case Severity::warning: return "warning";
    case Severity::error: return "error";
  }
  return "error";
}

Diagnostic make_error(SourceLocation location, std::string message, std::string hint) {
  return {Severity::error, std::move(location), std::move(message), std::move(hint)};
}

Diagnostic make_warning(SourceLocation location, std::string message, std::string hint) {
  return {Severity::warning, std::move(location), std::move(message), std::move(hint)};
}

void DiagnosticSink::report(Diagnostic diagnostic) {
  if (diagnostic.severity == Severity::warning && warnings_as_errors_) {
    diagnostic.severity = Severity::error;
  }
  if (diagnostic.severity == Severity::error) ++errors_;
  if (diagnostic.severity == Severity::warning) ++warnings_;
  diagnostics_.push_back(std::move(diagnostic));
}

void DiagnosticSink::error(SourceLocation location, std::string message, std::string hint) {
  report({Severity::error, std::move(location), std::move(message), std::move(hint)});
}

void DiagnosticSink::warning(SourceLocation location, std::string message, std::string hint) {
  report({Severity::warning, std::move(location), std::move(message), std::move(hint)});
}

void DiagnosticSink::note(SourceLocation location, std::string message, std::string hint) {
  report({Severity::note, std::move(location), std::move(message), std::move(hint)});
}

void DiagnosticSink::clear() {
  diagnostics_.clear();
  errors_ = warnings_ = 0;
}

namespace {
const char* severity_colour(Severity severity) {
  switch (severity) {
    case Severity::note: return "\x1b[1;36m";
    case Severity::warning: return "\x1b[1;35m";
    case Severity::error: return "\x1b[1;31m";
  }
  return "";
}
constexpr const char* kBold = "\x1b[1m";
constexpr const char* kReset = "\x1b[0m";
}  // namespace

std::string format_diagnostic(const Diagnostic& diagnostic, bool colour) {
  std::string text;
  const std::string where = to_string(diagnostic.location);
  if (!where.empty()) {
    if (colour) text += kBold;
    text += where + ":";
    if (colour) text += kReset;
    text += ' ';
  }
  if (colour) text += severity_colour(diagnostic.severity);
  text += to_string(diagnostic.severity);
  text += ':';
  if (colour) text += kReset;
  text += ' ' + diagnostic.message + '\n';
  if (!diagnostic.hint.empty()) text += "  hint: " + diagnostic.hint + '\n';
  return text;
}

std::string format_diagnostics_json(std::span<const Diagnostic> diagnostics) {
  std::string text = "[";
  bool first = true;
  for (const Diagnostic& d : diagnostics) {
    text += first ? "\n  " : ",\n  ";
    first = false;
    text += "{\"severity\": " + json_quote(to_string(d.severity));
    text += ", \"file\": " + json_quote(d.location.file.str());
    text += ", \"line\": " + std::to_string(d.location.line);
    text += ", \"column\": " + std::to_string(d.location.column);
    text += ", \"message\": " + json_quote(d.message);
    text += ", \"hint\": " + json_quote(d.hint) + "}";
  }
  text += first ? "]\n" : "\n]\n";
  return text;
}

void print_diagnostics(std::ostream& out, std::span<const Diagnostic> diagnostics, DiagnosticFormat format,
                       bool colour) {
  if (format == DiagnosticFormat::json) {
    out << format_diagnostics_json(diagnostics);
    return;
  }
  for (const Diagnostic& d : diagnostics) out << format_diagnostic(d, colour);
}

bool stderr_wants_colour() {
  const char* no_colour = std::getenv("NO_COLOR");
  if (no_colour != nullptr && *no_colour != '\0') return false;
  return isatty(fileno(stderr)) != 0;
}

}  // namespace nashr
