#include "cli/cli.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <map>
#include <optional>
#include <ostream>

#include "base/diagnostics.h"
#include "base/version.h"
#include "cli/options.h"
#include "distribute/distribute.h"
#include "distribute/trace.h"
#include "fonts/font_db.h"
#include "cover/draw_cover.h"
#include "model/report.h"
#include "model/xml_source.h"
#include "pdf/edition_files.h"
#include "pdf/pdf_writer.h"
#include "style/style_sheet.h"
#include "typeset/typeset.h"

namespace nashr {

namespace {

int code(ExitCode exit_code) {
  return static_cast<int>(exit_code);
}

// What reading one input found.
enum class InputStatus { clean, errors, unreadable };

// What `nashr check` keeps through a run: each style sheet is read once however many reports name
// it (its diagnostics are given once, its status counts for each), and the fonts are opened once.
struct CheckedStyle {
  InputStatus status = InputStatus::clean;
  std::optional<StyleSheet> style;
};

struct CheckRun {
  std::map<std::string, CheckedStyle> styles;
  FontDb fonts{FontDb::default_fonts_dir()};
};

const CheckedStyle& check_style(const std::string& path, DiagnosticSink& sink, CheckRun& run) {
  if (auto found = run.styles.find(path); found != run.styles.end()) return found->second;
  Result<StyleSheet> style = read_style(path, sink);
  CheckedStyle checked;
  if (style)
    checked.style = std::move(*style);
  else
    checked.status = style.error().location.line == 0 ? InputStatus::unreadable : InputStatus::errors;
  return run.styles.emplace(path, std::move(checked)).first->second;
}

InputStatus status_of(const Diagnostic& error) {
  return error.location.line == 0 ? InputStatus::unreadable : InputStatus::errors;
}

// Reads, validates and lints one file: a report (and the style it names), or a style sheet
// (recognised by its root element <style>). A report whose report and style are without errors is
// then laid out as `build` lays it out, through pagination, without writing a PDF: what only layout
// finds (text that would be drawn off the page) fails `check` as it fails `build`.
InputStatus check_input(const std::string& input, const Options& options, DiagnosticSink& sink,
                        CheckRun& run) {
  // Which it is, and the style it names, from a first parse whose tree goes before the layout.
  std::optional<std::string> style_named;
  {
    Result<XmlDocument> document = parse_xml_file(input);
    if (document && document->root.name == "style") return check_style(input, sink, run).status;
    if (const XmlAttribute* style = document ? document->root.attribute("style") : nullptr)
      style_named = style->value;
  }
  ReadOptions read_options;
  read_options.report_normalisations = options.strict;
  read_options.threads = options.jobs;
  Result<Report> report = read_report(input, sink, read_options);
  if (!report) {
    InputStatus status = status_of(report.error());
    // The style is checked even when the report has errors, so one run shows everything.
    if (std::optional<std::filesystem::path> path =
            style_named ? find_style(input, *style_named) : std::nullopt) {
      if (check_style(path->string(), sink, run).status == InputStatus::unreadable)
        status = InputStatus::unreadable;
    }
    return status;
  }
  const CheckedStyle& style = check_style(report->style_path.string(), sink, run);
  if (!style.style) return style.status;
  TypesetOptions typeset_options;
  typeset_options.strict = options.strict;
  typeset_options.threads = options.jobs;
  Result<TypesetReport> laid_out =
      typeset(std::move(*report), *style.style, run.fonts, typeset_options, sink);
  return laid_out ? InputStatus::clean : status_of(laid_out.error());
}

// Each report gets a sink of its own, so one report's errors never stop or silence another's;
// their diagnostics join the run's in input order.
DiagnosticSink report_sink(const Options& options) {
  DiagnosticSink sink;
  sink.set_warnings_as_errors(options.strict);
  return sink;
}

void take_diagnostics(DiagnosticSink& run, const DiagnosticSink& report) {
  for (const Diagnostic& diagnostic : report.diagnostics()) run.report(diagnostic);
}

// "nashr: 199 built, 1 failed: a.xml" after a batch in which a report failed (text diagnostics only:
// JSON output stays one document).
void print_summary(std::ostream& err, const Options& options, const char* done, std::size_t succeeded,
                   const std::vector<std::string>& failed) {
  if (failed.empty() || options.inputs.size() < 2 || options.diagnostics != DiagnosticFormat::text) return;
  err << "nashr: " << succeeded << ' ' << done << ", " << failed.size() << " failed:";
  for (const std::string& input : failed) err << ' ' << input;
  err << '\n';
}

ExitCode check_reports(const Options& options, DiagnosticSink& sink, std::ostream& err) {
  bool io_failure = false;
  CheckRun run;
  std::vector<std::string> failed;
  for (const std::string& input : options.inputs) {
    DiagnosticSink report = report_sink(options);
    const InputStatus status = check_input(input, options, report, run);
    io_failure = status == InputStatus::unreadable || io_failure;
    if (status != InputStatus::clean || report.has_errors()) failed.push_back(input);
    take_diagnostics(sink, report);
  }
  print_summary(err, options, "passed", options.inputs.size() - failed.size(), failed);
  if (io_failure) return ExitCode::io_or_internal;
  return sink.has_errors() ? ExitCode::input_errors : ExitCode::success;
}

std::filesystem::path output_path(const Options& options, const std::string& input) {
  return std::filesystem::path(options.output_dir) /
         std::filesystem::path(input).filename().replace_extension(".pdf");
}

// "nashr: timings for FILE: read_report 12.3 ms, …, set_text 80.2 ms (itemize 50.1 + shape 30.2 +
// break_lines 70.3 ms on all threads), paginate 9.1 ms, write_pdf 40.1 ms; total 150.2 ms".
void print_timings(std::ostream& err, const std::string& input, const std::vector<StageTiming>& timings) {
  std::string line = "nashr: timings for " + input + ":";
  double total = 0;
  char buffer[96];
  bool first = true;
  for (std::size_t i = 0; i < timings.size(); ++i) {
    if (!timings[i].part_of.empty()) continue;
    std::snprintf(buffer, sizeof buffer, "%s %s %.1f ms", first ? "" : ",", timings[i].stage.c_str(),
                  timings[i].milliseconds);
    line += buffer;
    first = false;
    total += timings[i].milliseconds;
    std::string parts;
    for (const StageTiming& part : timings) {
      if (part.part_of != timings[i].stage) continue;
      std::snprintf(buffer, sizeof buffer, "%s%s %.1f", parts.empty() ? "" : " + ", part.stage.c_str(),
                    part.milliseconds);
      parts += buffer;
    }
    if (!parts.empty()) line += " (" + parts + " ms on all threads)";
  }
  std::snprintf(buffer, sizeof buffer, "; total %.1f ms\n", total);
  err << line << buffer;
}

// Typesets one report into DIR/<name>.pdf (or prints the requested stage's dump).
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

// `nashr distribute`: "nashr: 998 copies written, 2 kept, 0 failed in DIR" on stderr.
ExitCode distribute_copies(const DistributeOptions& options, DiagnosticSink& sink, std::ostream& err) {
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

// `nashr trace`: whose copy it is on stdout; exit 1 when it carries no fingerprint of the list.
ExitCode trace_copy(const DistributeOptions& options, DiagnosticSink& sink, std::ostream& out) {
  Result<TraceResult> result = trace(options.issue, options.subscribers, options.key_file, sink);
  if (!result) {
    report_once(sink, result.error());
    return failure_code(result.error(), sink);
  }
  out << describe(options.issue, *result);
  return result->verdict == TraceVerdict::subscriber ? ExitCode::success : ExitCode::input_errors;
}

// build --subscribers: the copies of the PDF just built go into DIR/<name>-copies/, the stamp in
// the report's own style.
ExitCode distribute_built(const std::string& input, const std::filesystem::path& pdf, const Options& options,
                          DiagnosticSink& sink, std::ostream& err) {
  DistributeOptions distribute_options = options.distribute;
  distribute_options.issue = pdf.string();
  distribute_options.output_dir = (pdf.parent_path() / (pdf.stem().string() + "-copies")).string();
  distribute_options.threads = options.jobs;
  Result<XmlDocument> document = parse_xml_file(input);
  const XmlAttribute* style = document ? document->root.attribute("style") : nullptr;
  if (std::optional<std::filesystem::path> path = style ? find_style(input, style->value) : std::nullopt) {
    distribute_options.style = path->string();
  }
  return distribute_copies(distribute_options, sink, err);
}

ExitCode build_report(const std::string& input, const Options& options, FontDb& fonts,
                      const TypesetOptions& typeset_options, const PdfOptions& pdf_options, DiagnosticSink& sink,
                      std::ostream& out, std::ostream& err) {
  Result<TypesetReport> typeset_report = typeset(input, fonts, typeset_options, sink);
  if (!typeset_report) {
    return typeset_report.error().location.line == 0 ? ExitCode::io_or_internal : ExitCode::input_errors;
  }
  if (typeset_options.dump != Dump::none) {
    out << typeset_report->dump;
    return ExitCode::success;
  }
  EditionCover cover{std::move(typeset_report->cover), typeset_report->cover_editions, typeset_report->persian};
  Result<EditionTimings> written = write_editions(std::move(typeset_report->document), std::move(cover),
                                                  options.editions, output_path(options, input), pdf_options);
  for (const auto& [edition, milliseconds] : written ? written->milliseconds : decltype(written->milliseconds){}) {
    const std::string stage = edition == Edition::screen ? "write_pdf" : std::string("write_pdf_") + to_string(edition);
    typeset_report->timings.push_back({stage, milliseconds, {}});
  }
  if (options.timings) print_timings(err, input, typeset_report->timings);
  if (!written) {
    sink.report(written.error());
    return ExitCode::io_or_internal;
  }
  if (!options.distribute.subscribers.empty()) {
    return distribute_built(input, output_path(options, input), options, sink, err);
  }
  return ExitCode::success;
}

ExitCode build_reports(const Options& options, DiagnosticSink& sink, std::ostream& out, std::ostream& err) {
  std::map<std::filesystem::path, std::string> outputs;
  for (const std::string& input : options.inputs) {
    const std::filesystem::path target = output_path(options, input);
    if (auto [other, inserted] = outputs.emplace(target, input); !inserted) {
      sink.error({input}, "would overwrite " + target.string() + ", the output of " + other->second,
                 "give the reports different file names, or build them into different folders with -o");
      return ExitCode::usage;
    }
    for (const std::string& other : options.inputs) {
      std::error_code error;
      if (std::filesystem::equivalent(target, other, error)) {
        sink.error({input}, "its PDF " + target.string() + " would overwrite the input " + other,
                   "build into another folder with -o, or rename the input so it does not end in .pdf");
        return ExitCode::usage;
      }
    }
  }
  FontDb fonts(FontDb::default_fonts_dir());
  TypesetOptions typeset_options;
  typeset_options.strict = options.strict;
  typeset_options.dump = dump_from_name(options.dump);
  typeset_options.threads = options.jobs;
  typeset_options.editions = options.editions;
  PdfOptions pdf_options;
  pdf_options.threads = options.jobs;  // the PDF writer's page contents and compression
  ExitCode worst = ExitCode::success;
  std::vector<std::string> failed;
  for (const std::string& input : options.inputs) {
    DiagnosticSink report = report_sink(options);
    const ExitCode status = build_report(input, options, fonts, typeset_options, pdf_options, report, out, err);
    if (status != ExitCode::success) failed.push_back(input);
    worst = std::max(worst, status);
    take_diagnostics(sink, report);
  }
  print_summary(err, options, "built", options.inputs.size() - failed.size(), failed);
  return worst;
}

ExitCode run_command(const Options& options, DiagnosticSink& sink, std::ostream& out, std::ostream& err) {
  switch (options.command) {
    case Command::check: return check_reports(options, sink, err);
    case Command::distribute: return distribute_copies(options.distribute, sink, err);
    case Command::trace: return trace_copy(options.distribute, sink, out);
    default: return build_reports(options, sink, out, err);
  }
}

}  // namespace

int run_cli(const std::vector<std::string>& arguments, std::ostream& out, std::ostream& err, bool colour) {
  Result<Options, std::string> parsed = parse_arguments(arguments);
  if (!parsed) {
    err << "nashr: " << parsed.error() << "\n"
        << usage_text() << "Try 'nashr --help' for more information.\n";
    return code(ExitCode::usage);
  }
  const Options& options = parsed.value();
  switch (options.command) {
    case Command::help: out << help_text(); return code(ExitCode::success);
    case Command::version: out << "nashr " << kVersion << "\n"; return code(ExitCode::success);
    case Command::build:
    case Command::check:
    case Command::distribute:
    case Command::trace: break;
  }

  DiagnosticSink sink;
  sink.set_warnings_as_errors(options.strict);
  ExitCode result = ExitCode::io_or_internal;
  try {
    result = run_command(options, sink, out, err);
  } catch (const std::exception& e) {
    // Stages report through the sink; an exception here is our bug, not the user's input.
    sink.error({}, std::string("internal error: ") + e.what(), "please report this with the input file");
    result = ExitCode::io_or_internal;
  }
  print_diagnostics(err, sink.diagnostics(), options.diagnostics, colour);
  return code(result);
}

}  // namespace nashr
