#pragma once
#include <cstddef>
#include <iosfwd>
#include <span>
#include <string>
#include <vector>

#include "base/source_location.h"

namespace nashr {

enum class Severity { note, warning, error };

const char* to_string(Severity severity);

struct Diagnostic {
  Severity severity = Severity::error;
  SourceLocation location;
  std::string message;
  std::string hint;  // what to do about it; may be empty

  friend bool operator==(const Diagnostic&, const Diagnostic&) = default;
};

Diagnostic make_error(SourceLocation location, std::string message, std::string hint = {});
Diagnostic make_warning(SourceLocation location, std::string message, std::string hint = {});

// Collects diagnostics from every stage. Stages report into it and go on where they can, so one
// run shows the user every problem, not only the first.
class DiagnosticSink {
 public:
  void report(Diagnostic diagnostic);
  void error(SourceLocation location, std::string message, std::string hint = {});
  void warning(SourceLocation location, std::string message, std::string hint = {});
  void note(SourceLocation location, std::string message, std::string hint = {});

  // --strict: every warning reported from now on is recorded as an error.
  void set_warnings_as_errors(bool on) { warnings_as_errors_ = on; }

  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }
  std::size_t error_count() const { return errors_; }
  std::size_t warning_count() const { return warnings_; }
  bool has_errors() const { return errors_ > 0; }
  void clear();

 private:
  std::vector<Diagnostic> diagnostics_;
  std::size_t errors_ = 0;
  std::size_t warnings_ = 0;
  bool warnings_as_errors_ = false;
};

// text: like a compiler's; json: one array; github: GitHub Actions workflow commands (annotations);
// sarif: a SARIF 2.1.0 log, which code-scanning tools read.
enum class DiagnosticFormat { text, json, github, sarif };

// "file:line:col: error: message" and, when there is a hint, "  hint: ..." on the next line.
// With colour, the severity and location are highlighted (ANSI escapes; for terminals only).
std::string format_diagnostic(const Diagnostic& diagnostic, bool colour = false);

// One JSON array of objects {severity, file, line, column, message, hint}, for CI.
std::string format_diagnostics_json(std::span<const Diagnostic> diagnostics);

// "::error file=F,line=L,col=C::message%0Ahint: …", one line per diagnostic (warning, notice).
std::string format_diagnostics_github(std::span<const Diagnostic> diagnostics);

// A SARIF 2.1.0 log with one run of the tool "nashr" and a result per diagnostic.
std::string format_diagnostics_sarif(std::span<const Diagnostic> diagnostics);

void print_diagnostics(std::ostream& out, std::span<const Diagnostic> diagnostics, DiagnosticFormat format,
                       bool colour);

// Color on stderr only when it is a terminal and NO_COLOR is not set.
bool stderr_wants_colour();

}  // namespace nashr
