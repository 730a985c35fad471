#pragma once
// `nashr distribute`, `nashr trace` and `build --subscribers` on the command line (src/distribute/).
#include <filesystem>
#include <iosfwd>
#include <string>

#include "base/diagnostics.h"
#include "cli/options.h"

namespace nashr {

// `nashr distribute`: "nashr: 998 copies written, 2 kept, 0 failed in DIR" on `err`.
ExitCode distribute_copies(const DistributeOptions& options, DiagnosticSink& sink, std::ostream& err);

// `nashr trace`: whose copy it is on `out`; exit 1 when it carries no fingerprint of the list.
ExitCode trace_copy(const DistributeOptions& options, DiagnosticSink& sink, std::ostream& out);

// build --subscribers: the copies of `pdf`, just built from `input`, go into DIR/<name>-copies/,
// the stamp in the report's own style, on `threads` threads.
ExitCode distribute_built(const std::string& input, const std::filesystem::path& pdf, const Options& options,
                          unsigned threads, DiagnosticSink& sink, std::ostream& err);

}  // namespace nashr
