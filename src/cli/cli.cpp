#include "cli/cli.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <map>
#include <ostream>
#include <set>

#include "base/diagnostics.h"
#include "base/version.h"
#include "cli/options.h"
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

// A style sheet is checked once per run however many reports name it.
InputStatus check_style(const std::string& path, DiagnosticSink& sink, std::set<std::string>& checked) {
  if (!checked.insert(path).second) return InputStatus::clean;
  Result<StyleSheet> style = read_style(path, sink);
  if (style) return InputStatus::clean;
  return style.error().location.line == 0 ? InputStatus::unreadable : InputStatus::errors;
}

// The cover's barcode needs the report and its style together (the issue number, the ISSN, the
// price code): build finds its problems when it draws the cover, check here.
void check_cover_barcode(const Report& report, DiagnosticSink& sink) {
  DiagnosticSink already_reported;
  Result<StyleSheet> style = read_style(report.style_path.string(), already_reported);
  if (!style || !style->cover.enabled || !style->cover.barcode) return;
  if (auto number = cover_barcode_number(report, style->cover); !number) sink.report(number.error());
}

// Reads, validates and lints one file: a report (and the style it names), or a style sheet
// (recognised by its root element <style>).
InputStatus check_input(const std::string& input, const Options& options, DiagnosticSink& sink,
                        std::set<std::string>& checked_styles) {
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
    if (status == InputStatus::clean) check_cover_barcode(*report, sink);
  }
  return status;
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
  std::set<std::string> checked_styles;
  std::vector<std::string> failed;
  for (const std::string& input : options.inputs) {
    DiagnosticSink report = report_sink(options);
    const InputStatus status = check_input(input, options, report, checked_styles);
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
  return options.command == Command::check ? check_reports(options, sink, err)
                                           : build_reports(options, sink, out, err);
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
