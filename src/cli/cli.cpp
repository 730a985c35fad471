#include "cli/cli.h"

#include <exception>
#include <filesystem>
#include <map>
#include <optional>
#include <ostream>

#include "base/allocator.h"
#include "base/diagnostics.h"
#include "base/version.h"
#include "cli/build_batch.h"
#include "cli/distribute_commands.h"
#include "cli/inputs.h"
#include "cli/options.h"
#include "cli/workflow_commands.h"
#include "model/report.h"
#include "fonts/font_db.h"
#include "model/xml_source.h"
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
  ReadOptions read_options;
  read_options.report_normalisations = options.strict;
  read_options.threads = options.jobs;
  // One parse tells a style from a report and gives the style the report names, even when the
  // report itself has errors; the tree goes before the layout.
  std::optional<std::string> style_named;
  std::optional<Result<Report>> read;
  {
    Result<XmlDocument> document = parse_xml_file(input, options.jobs);
    if (!document) {
      sink.report(document.error());
      return status_of(document.error());
    }
    if (document->root.name == "style") return check_style(input, sink, run).status;
    if (const XmlAttribute* style = document->root.attribute("style")) style_named = style->value;
    read.emplace(read_report(*document, sink, read_options));
  }
  Result<Report>& report = *read;
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
  typeset_options.editions = options.editions;  // what build would write: the cover art's check
  typeset_options.tagged = false;  // no PDF: the structure tree has nothing to report
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

// "nashr: 199 built, 1 failed: a.xml" after a batch in which a report failed, as the last line (text
// diagnostics only: JSON output stays one document). On a terminal, where a progress line was
// shown, a batch that went well says so too.
void print_summary(std::ostream& err, const Options& options, const char* done, const BatchOutcome& outcome,
                   bool progress) {
  if (options.inputs.size() < 2 || options.diagnostics != DiagnosticFormat::text) return;
  if (outcome.failed.empty()) {
    if (progress) err << "nashr: " << outcome.succeeded << ' ' << done << '\n';
    return;
  }
  err << "nashr: " << outcome.succeeded << ' ' << done << ", " << outcome.failed.size() << " failed:";
  for (const std::string& input : outcome.failed) err << ' ' << input;
  err << '\n';
}

BatchOutcome check_reports(const Options& options, DiagnosticSink& sink) {
  bool io_failure = false;
  CheckRun run;
  BatchOutcome outcome;
  std::vector<std::string>& failed = outcome.failed;
  for (const std::string& input : options.inputs) {
    DiagnosticSink report = report_sink(options);
    const InputStatus status = check_input(input, options, report, run);
    io_failure = status == InputStatus::unreadable || io_failure;
    if (status != InputStatus::clean || report.has_errors()) failed.push_back(input);
    take_diagnostics(sink, report);
  }
  outcome.succeeded = options.inputs.size() - failed.size();
  outcome.code = io_failure         ? ExitCode::io_or_internal
                 : sink.has_errors() ? ExitCode::input_errors
                                     : ExitCode::success;
  return outcome;
}

// Expands folders and patterns, then builds or checks every file.
BatchOutcome run_command(Options& options, DiagnosticSink& sink, std::ostream& out, std::ostream& err,
                         bool progress) {
  if (options.command == Command::distribute || options.command == Command::trace) {
    BatchOutcome outcome;
    outcome.code = options.command == Command::distribute ? distribute_copies(options.distribute, sink, err)
                                                          : trace_copy(options.distribute, sink, out);
    return outcome;
  }
  const ExpandedInputs inputs = expand_inputs(options.inputs, sink);
  options.inputs = inputs.files;
  BatchOutcome outcome;
  if (!options.inputs.empty()) {
    outcome = options.command == Command::check ? check_reports(options, sink)
                                                : build_batch(options, sink, out, err, progress);
  }
  if (inputs.io_failure) outcome.code = ExitCode::io_or_internal;
  return outcome;
}

}  // namespace

int run_cli(const std::vector<std::string>& arguments, std::ostream& out, std::ostream& err, bool colour,
            bool progress) {
  if (std::optional<int> exit_code = run_workflow_command(arguments, out, err, colour)) return *exit_code;
  Result<Options, std::string> parsed = parse_arguments(arguments);
  if (!parsed) {
    err << "nashr: " << parsed.error() << "\n"
        << usage_text() << "Try 'nashr --help' for more information.\n";
    return code(ExitCode::usage);
  }
  Options& options = parsed.value();
  switch (options.command) {
    case Command::help: out << help_text(); return code(ExitCode::success);
    case Command::version:
      out << "nashr " << kVersion << "\nmalloc: " << allocator_name() << "\n";
      return code(ExitCode::success);
    case Command::build:
    case Command::check:
    case Command::distribute:
    case Command::trace: break;
  }

  DiagnosticSink sink;
  sink.set_warnings_as_errors(options.strict);
  BatchOutcome outcome;
  progress = progress && options.diagnostics == DiagnosticFormat::text && options.dump.empty();
  try {
    outcome = run_command(options, sink, out, err, progress);
  } catch (const std::exception& e) {
    // Stages report through the sink; an exception here is our bug, not the user's input.
    sink.error({}, std::string("internal error: ") + e.what(), "please report this with the input file");
    outcome.code = ExitCode::io_or_internal;
  }
  print_diagnostics(err, sink.diagnostics(), options.diagnostics, colour);
  print_summary(err, options, options.command == Command::check ? "passed" : "built", outcome, progress);
  return code(outcome.code);
}

}  // namespace nashr
