#include "cli/distribute_commands.h"

#include <filesystem>
#include <optional>
#include <ostream>

#include "base/allocator.h"
#include "distribute/distribute.h"
#include "distribute/trace.h"
#include "model/report.h"
#include "model/xml_source.h"

namespace nashr {

namespace {

// A failure's exit code: 3 when a file could not be read or written (no line, and no located error
// before it), else 1.
ExitCode failure_code(const Diagnostic& error, const DiagnosticSink& sink) {
  bool located = error.location.line != 0;
  for (const Diagnostic& diagnostic : sink.diagnostics()) {
    located = located || (diagnostic.severity == Severity::error && diagnostic.location.line != 0);
  }
  return located ? ExitCode::input_errors : ExitCode::io_or_internal;
}

// Reports a failure unless the sink has it already (readers report their errors and return the first).
void report_once(DiagnosticSink& sink, const Diagnostic& error) {
  for (const Diagnostic& diagnostic : sink.diagnostics()) {
    if (diagnostic == error) return;
  }
  sink.report(error);
}

}  // namespace

ExitCode distribute_copies(const DistributeOptions& options, DiagnosticSink& sink, std::ostream& err) {
  // Thousands of copies, each freed once written: its memory goes back at once, so that peak RSS
  // stays flat in the number of copies (32.9 MiB for 1,000 and 34.7 for 16,000 with two threads,
  // against 36.3 and 40.6 MiB when freed memory waits 100 ms; bench/README.md).
  return_freed_memory_promptly();
  Result<DistributeSummary> summary = distribute(options, sink);
  if (!summary) {
    report_once(sink, summary.error());
    return failure_code(summary.error(), sink);
  }
  err << "nashr: " << summary->written << " copies written, " << summary->kept << " kept, " << summary->failed
      << " failed in " << options.output_dir;
  if (summary->rejected_rows > 0) err << "; " << summary->rejected_rows << " row(s) refused";
  err << "\n";
  if (summary->failed > 0) return failure_code(make_error({}, "copies failed"), sink);
  return sink.has_errors() ? ExitCode::input_errors : ExitCode::success;
}

ExitCode trace_copy(const DistributeOptions& options, DiagnosticSink& sink, std::ostream& out) {
  Result<TraceResult> result = trace(options.issue, options.subscribers, options.key_file, sink);
  if (!result) {
    report_once(sink, result.error());
    return failure_code(result.error(), sink);
  }
  out << describe(options.issue, *result);
  return result->verdict == TraceVerdict::subscriber ? ExitCode::success : ExitCode::input_errors;
}

ExitCode distribute_built(const std::string& input, const std::filesystem::path& pdf, const Options& options,
                          unsigned threads, DiagnosticSink& sink, std::ostream& err) {
  DistributeOptions distribute_options = options.distribute;
  distribute_options.issue = pdf.string();
  distribute_options.output_dir = (pdf.parent_path() / (pdf.stem().string() + "-copies")).string();
  distribute_options.threads = threads;
  Result<XmlDocument> document = parse_xml_file(input);
  const XmlAttribute* style = document ? document->root.attribute("style") : nullptr;
  if (std::optional<std::filesystem::path> path = style ? find_style(input, style->value) : std::nullopt) {
    distribute_options.style = path->string();
  }
  return distribute_copies(distribute_options, sink, err);
}

}  // namespace nashr
