#include "support/diagnostics_text.h"

namespace nashr::testing {

std::string describe(const DiagnosticSink& sink) {
  std::string text;
  for (const Diagnostic& d : sink.diagnostics()) text += format_diagnostic(d);
  return text;
}

}  // namespace nashr::testing
