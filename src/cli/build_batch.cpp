#include "cli/build_batch.h"

#include <sys/stat.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <map>
#include <mutex>
#include <ostream>
#include <set>
#include <sstream>
#include <utility>

#include "base/thread_pool.h"
#include "cli/distribute_commands.h"
#include "cli/progress.h"
#include "pdf/edition_files.h"
#include "pdf/pdf_writer.h"
#include "typeset/typeset.h"

namespace nashr {

namespace {

std::filesystem::path output_path(const Options& options, const std::string& input) {
  return std::filesystem::path(options.output_dir) /
         std::filesystem::path(input).filename().replace_extension(".pdf");
}

// "nashr: timings for FILE: read_report 12.3 ms, …, set_text 80.2 ms (itemize 50.1 + shape 30.2 +
// break_lines 70.3 ms on all threads), paginate 9.1 ms, write_pdf 40.1 ms; total 150.2 ms; 2 layout
// passes" (resolve, set_text and paginate hold every pass's time).
void print_timings(std::ostream& err, const std::string& input, const std::vector<StageTiming>& timings,
                   int layout_passes) {
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
  std::snprintf(buffer, sizeof buffer, "; total %.1f ms; %d layout pass%s\n", total, layout_passes,
                layout_passes == 1 ? "" : "es");
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
  if (options.timings) print_timings(err, input, typeset_report->timings, typeset_report->layout_passes);
  if (!written) {
    sink.report(written.error());
    return ExitCode::io_or_internal;
  }
  if (!options.distribute.subscribers.empty()) {
    return distribute_built(input, output_path(options, input), options, pdf_options.threads, sink, err);
  }
  return ExitCode::success;
}

// A file's identity, so an output that is one of the inputs is found under any name (links too).
std::pair<dev_t, ino_t> file_identity(const struct stat& info) {
  return {info.st_dev, info.st_ino};
}

// Refuses, before anything is built, two reports with one output and an output that is an input.
bool outputs_are_distinct(const Options& options, DiagnosticSink& sink) {
  std::map<std::pair<dev_t, ino_t>, std::string> inputs;
  for (const std::string& input : options.inputs) {
    struct stat info {};
    if (stat(input.c_str(), &info) == 0) inputs.emplace(file_identity(info), input);
  }
  std::map<std::filesystem::path, std::string> outputs;
  for (const std::string& input : options.inputs) {
    const std::filesystem::path target = output_path(options, input);
    if (auto [other, inserted] = outputs.emplace(target, input); !inserted) {
      sink.error({input}, "would overwrite " + target.string() + ", the output of " + other->second,
                 "give the reports different file names, or build them into different folders with -o");
      return false;
    }
    struct stat info {};
    if (stat(target.c_str(), &info) != 0) continue;
    if (auto found = inputs.find(file_identity(info)); found != inputs.end()) {
      sink.error({input}, "its PDF " + target.string() + " would overwrite the input " + found->second,
                 "build into another folder with -o, or rename the input so it does not end in .pdf");
      return false;
    }
  }
  return true;
}

// One report's share of a batch: what it printed and reported, held until the reports before it
// are done, so the output is in input order whatever order they finish in.
struct ReportRun {
  DiagnosticSink sink;
  std::ostringstream out;
  std::ostringstream err;
  ExitCode status = ExitCode::success;
  bool finished = false;
};

}  // namespace

BatchOutcome build_batch(const Options& options, DiagnosticSink& sink, std::ostream& out, std::ostream& err,
                         bool progress) {
  BatchOutcome outcome;
  if (!outputs_are_distinct(options, sink)) {
    outcome.code = ExitCode::usage;
    return outcome;
  }
  const std::size_t count = options.inputs.size();
  // -j threads in all: as many reports at once as there are threads (or reports), and what is left
  // to each report's paragraphs and PDF streams.
  const unsigned threads = thread_count(options.jobs);
  const unsigned report_threads = static_cast<unsigned>(std::min<std::size_t>(threads, count));
  const unsigned threads_per_report = std::max(1u, threads / std::max(1u, report_threads));
  FontDb fonts(FontDb::default_fonts_dir());
  TypesetOptions typeset_options;
  typeset_options.strict = options.strict;
  typeset_options.dump = dump_from_name(options.dump);
  typeset_options.threads = threads_per_report;
  typeset_options.editions = options.editions;
  typeset_options.tagged = !options.untagged;
  PdfOptions pdf_options;
  pdf_options.threads = threads_per_report;  // the PDF writer's page contents and compression
  pdf_options.tagged = !options.untagged;

  std::vector<ReportRun> runs(count);
  ProgressLine progress_line(err, progress, count);
  std::mutex flush_mutex;
  std::size_t flushed = 0;
  std::size_t finished_ok = 0, finished_failed = 0;
  run_tasks(count, report_threads, [&](std::size_t index, unsigned) {
    ReportRun& run = runs[index];
    run.sink.set_warnings_as_errors(options.strict);
    run.status = build_report(options.inputs[index], options, fonts, typeset_options, pdf_options, run.sink,
                              run.out, run.err);
    const std::lock_guard<std::mutex> lock(flush_mutex);
    run.finished = true;
    ++(run.status == ExitCode::success ? finished_ok : finished_failed);
    for (; flushed < count && runs[flushed].finished; ++flushed) {
      const std::string printed = runs[flushed].out.str(), reported = runs[flushed].err.str();
      if (!reported.empty()) progress_line.clear();
      out << printed;
      err << reported;
    }
    progress_line.update(finished_ok, finished_failed);
  });
  progress_line.clear();
  for (std::size_t i = 0; i < count; ++i) {
    for (const Diagnostic& diagnostic : runs[i].sink.diagnostics()) sink.report(diagnostic);
    if (runs[i].status == ExitCode::success) {
      ++outcome.succeeded;
    } else {
      outcome.failed.push_back(options.inputs[i]);
    }
    outcome.code = std::max(outcome.code, runs[i].status);
  }
  return outcome;
}

}  // namespace nashr
