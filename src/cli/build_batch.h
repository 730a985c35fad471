#pragma once
// `nashr build`: every report of the command line typeset into DIR/<name>.pdf, several at once.
#include <cstddef>
#include <iosfwd>
#include <string>
#include <vector>

#include "base/diagnostics.h"
#include "cli/options.h"

namespace nashr {

// What a batch (build or check) did, for the summary line after the diagnostics.
struct BatchOutcome {
  ExitCode code = ExitCode::success;
  std::size_t succeeded = 0;
  std::vector<std::string> failed;  // in input order
};

// Builds options.inputs (files already expanded). The reports run in parallel on the process's
// pool, -j threads shared between reports and their paragraphs; each has a sink of its own, and
// their diagnostics, dumps and timings reach `sink`, `out` and `err` in input order. With
// `progress`, a progress line is kept on `err` (a terminal).
BatchOutcome build_batch(const Options& options, DiagnosticSink& sink, std::ostream& out, std::ostream& err,
                         bool progress);

}  // namespace nashr
