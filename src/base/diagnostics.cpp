#include "base/diagnostics.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <ostream>
#include <utility>

#include "base/json.h"
#include "base/utf8.h"

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

// A character that would act on a terminal or reorder what it shows instead of being shown: C0 and
// C1 controls (ESC, BEL, CR, …), DEL, and the bidi controls.
bool acts_on_terminal(char32_t c) {
  return (c < 0x20 && c != '\t' && c != '\n') || (c >= 0x7F && c <= 0x9F) || c == 0x200E || c == 0x200F ||
         (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

// The text with such characters, and bytes that are not UTF-8, written as escapes (\x1b, \u{202e}),
// so a report can never act on the terminal of whoever reads its diagnostics.
std::string printable(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  char escape[16];
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t start = i;
    bool valid = true;
    const char32_t c = next_code_point(text, i, &valid);
    if (!valid) {
      std::snprintf(escape, sizeof escape, "\\x%02x", static_cast<unsigned char>(text[start]));
      out += escape;
    } else if (acts_on_terminal(c)) {
      if (c < 0x100) {
        std::snprintf(escape, sizeof escape, "\\x%02x", static_cast<unsigned>(c));
      } else {
        std::snprintf(escape, sizeof escape, "\\u{%04x}", static_cast<unsigned>(c));
      }
      out += escape;
    } else {
      out.append(text.substr(start, i - start));
    }
  }
  return out;
}
}  // namespace

std::string format_diagnostic(const Diagnostic& diagnostic, bool colour) {
  std::string text;
  const std::string where = printable(to_string(diagnostic.location));
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
  text += ' ' + printable(diagnostic.message) + '\n';
  if (!diagnostic.hint.empty()) text += "  hint: " + printable(diagnostic.hint) + '\n';
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
  switch (format) {
    case DiagnosticFormat::json: out << format_diagnostics_json(diagnostics); return;
    case DiagnosticFormat::github: out << format_diagnostics_github(diagnostics); return;
    case DiagnosticFormat::sarif: out << format_diagnostics_sarif(diagnostics); return;
    case DiagnosticFormat::text: break;
  }
  for (const Diagnostic& d : diagnostics) out << format_diagnostic(d, colour);
}

bool stderr_wants_colour() {
  const char* no_colour = std::getenv("NO_COLOR");
  if (no_colour != nullptr && *no_colour != '\0') return false;
  return isatty(fileno(stderr)) != 0;
}

}  // namespace nashr
