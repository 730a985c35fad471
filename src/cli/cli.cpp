#include "cli/cli.h"

#include <exception>
#include <ostream>
#include <set>

#include "base/diagnostics.h"
#include "base/version.h"
#include "cli/options.h"
#include "model/report.h"
#include "model/xml_source.h"
#include "style/style_sheet.h"

namespace nashr {

namespace {

int code(ExitCode exit_code) {
  return static_cast<int>(exit_code);
}

// What reading one input found.
enum class InputStatus { clean, errors, unreadable };

// A style sheet is checked once per run however many reports name it.
InputStatus check_style(const std::string& path, DiagnosticSink& sink, std::set<std::string>& checked) {
  if (!checked.insert(path).second) return InputStatus::clean;
  Result<StyleSheet> style = read_style(path, sink);
  if (style) return InputStatus::clean;
  return style.error().location.line == 0 ? InputStatus::unreadable : InputStatus::errors;
}

// Reads, validates and lints one file: a report (and the style it names), or a style sheet
// (recognised by its root element <style>).
InputStatus check_input(const std::string& input, const Options& options, DiagnosticSink& sink,
                        std::set<std::string>& checked_styles, Result<Report>* report_out) {
  Result<XmlDocument> document = parse_xml_file(input);
  if (document && document->root.name == "style") return check_style(input, sink, checked_styles);
  ReadOptions read_options;
  read_options.report_normalisations = options.strict;
  Result<Report> report = read_report(input, sink, read_options);
  InputStatus status = InputStatus::clean;
  if (!report) {
    status = report.error().location.line == 0 ? InputStatus::unreadable : InputStatus::errors;
    // The style is checked even when the report has errors, so one run shows everything.
    const XmlAttribute* style = document ? document->root.attribute("style") : nullptr;
    if (std::optional<std::filesystem::path> path = style ? find_style(input, style->value) : std::nullopt) {
      if (check_style(path->string(), sink, checked_styles) == InputStatus::unreadable)
        status = InputStatus::unreadable;
    }
  } else {
    status = check_style(report->style_path.string(), sink, checked_styles);
  }
  if (report_out != nullptr) *report_out = std::move(report);
  return status;
}

ExitCode run_command(const Options& options, DiagnosticSink& sink, std::ostream& out) {
  bool io_failure = false;
  std::set<std::string> checked_styles;
  std::vector<Report> reports;
  for (const std::string& input : options.inputs) {
    Result<Report> report = fail(make_error({}, "not read"));
    const InputStatus status = check_input(input, options, sink, checked_styles, &report);
    io_failure = io_failure || status == InputStatus::unreadable;
    if (status == InputStatus::clean && report) reports.push_back(std::move(report).value());
  }
  if (io_failure) return ExitCode::io_or_internal;
  if (sink.has_errors()) return ExitCode::input_errors;
  if (options.command == Command::check) return ExitCode::success;
  if (options.dump == "model") {
    for (const Report& report : reports) out << dump_report(report);
    return ExitCode::success;
  }
  sink.error({}, "typesetting is not part of this build yet",
             "use `nashr check` to validate reports until the layout stage lands");
  return ExitCode::io_or_internal;
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
    case Command::check: break;
  }

  DiagnosticSink sink;
  sink.set_warnings_as_errors(options.strict);
  ExitCode result = ExitCode::io_or_internal;
  try {
    result = run_command(options, sink, out);
  } catch (const std::exception& e) {
    // Stages report through the sink; an exception here is our bug, not the user's input.
    sink.error({}, std::string("internal error: ") + e.what(), "please report this with the input file");
    result = ExitCode::io_or_internal;
  }
  print_diagnostics(err, sink.diagnostics(), options.diagnostics, colour);
  return code(result);
}

}  // namespace nashr
