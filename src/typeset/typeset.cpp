#include "typeset/typeset.h"

#include <chrono>
#include <optional>
#include <span>
#include <vector>

#include "linebreak/lines.h"
#include "model/report.h"
#include "paginate/paginate.h"
#include "pdf/pdf_writer.h"
#include "resolve/resolved_document.h"
#include "shape/shape.h"
#include "style/style_sheet.h"
#include "text/itemize.h"

namespace nashr {

namespace {

Failure<Diagnostic> first_error(const DiagnosticSink& sink) {
  for (const Diagnostic& diagnostic : sink.diagnostics()) {
    if (diagnostic.severity == Severity::error) return fail(diagnostic);
  }
  return fail(make_error({}, "typesetting failed"));
}

using Clock = std::chrono::steady_clock;

double milliseconds_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

double total_milliseconds(const std::vector<StageTiming>& timings) {
  double total = 0;
  for (const StageTiming& timing : timings) total += timing.milliseconds;
  return total;
}

// Adds the time since the last lap to the named stage's timing.
class StageClock {
 public:
  explicit StageClock(std::vector<StageTiming>& timings) : timings_(timings) {}

  void lap(const char* stage) {
    const Clock::time_point now = Clock::now();
    const double elapsed = std::chrono::duration<double, std::milli>(now - last_).count();
    last_ = now;
    for (StageTiming& timing : timings_) {
      if (timing.stage == stage) {
        timing.milliseconds += elapsed;
        return;
      }
    }
    timings_.push_back({stage, elapsed});
  }

 private:
  std::vector<StageTiming>& timings_;
  Clock::time_point last_ = Clock::now();
};

// The text stages for one paragraph; their dumps are collected when asked for.
class TextStages {
 public:
  TextStages(FontDb& fonts, DiagnosticSink& sink, Dump dump, std::string& out,
             std::vector<StageTiming>& timings)
      : fonts_(fonts), sink_(sink), dump_(dump), out_(out), timings_(timings) {}

  Lines set(const TextBlock& block) {
    StageClock clock(timings_);
    const ItemizedParagraph itemized = itemize(block.paragraph, fonts_, sink_);
    clock.lap("itemize");
    const ShapedParagraph shaped = shape(itemized);
    clock.lap("shape");
    Lines lines = break_lines(block.paragraph, itemized, shaped, block.settings, sink_);
    clock.lap("break_lines");
    if (dump_ == Dump::shape) out_ += dump_shaped(shaped);
    if (dump_ == Dump::lines) out_ += dump_lines(lines);
    return lines;
  }

 private:
  FontDb& fonts_;
  DiagnosticSink& sink_;
  Dump dump_;
  std::string& out_;
  std::vector<StageTiming>& timings_;
};

// Sets every block. A block's styled text is not needed once it is set (the paginator reads only
// its links, leading and geometry), so it is released here: the lines grow while its
// styled paragraphs shrink, instead of both being held at once.
std::vector<SetBlock> set_blocks(ResolvedDocument& resolved, TextStages& text) {
  std::vector<SetBlock> blocks(resolved.blocks.size());
  for (std::size_t i = 0; i < resolved.blocks.size(); ++i) {
    ResolvedBlock& block = resolved.blocks[i];
    if (block.text) {
      blocks[i].lines = text.set(*block.text);
      block.text->paragraph = StyledParagraph{};
    }
    if (block.marker) {
      blocks[i].marker = text.set(*block.marker);
      block.marker->paragraph = StyledParagraph{};
    }
  }
  return blocks;
}

}  // namespace

const std::vector<std::string>& dump_names() {
  static const std::vector<std::string> names = {"model", "resolve", "shape", "lines", "pages"};
  return names;
}

Dump dump_from_name(const std::string& name) {
  if (name == "model") return Dump::model;
  if (name == "resolve") return Dump::resolve;
  if (name == "shape") return Dump::shape;
  if (name == "lines") return Dump::lines;
  if (name == "pages") return Dump::pages;
  return Dump::none;
}

Result<TypesetReport> typeset(const std::string& report_path, FontDb& fonts, const TypesetOptions& options,
                              DiagnosticSink& sink) {
  TypesetReport result;
  StageClock clock(result.timings);

  // The report and the style sheet are not needed once resolved: they go before the text stages.
  std::optional<ResolvedDocument> resolved_or_none;
  {
    Result<Report> report = read_report(report_path, sink, {.report_normalisations = options.strict});
    if (!report) return fail(report.error());
    clock.lap("read_report");
    if (options.dump == Dump::model) {
      result.dump = dump_report(*report);
      return result;
    }

    Result<StyleSheet> style = read_style(report->style_path.string(), sink);
    if (!style) return fail(style.error());
    clock.lap("read_style");

    resolved_or_none = resolve(*report, *style, sink);
    clock.lap("resolve");
  }
  ResolvedDocument& resolved = *resolved_or_none;
  if (options.dump == Dump::resolve) {
    result.dump = dump_resolved(resolved);
    return result;
  }

  // The text stages keep their own clocks (summed over paragraphs); paginate's time leaves out the
  // running headers and footers it has them set.
  std::vector<StageTiming> text_timings;
  TextStages text(fonts, sink, options.dump, result.dump, text_timings);
  std::vector<SetBlock> blocks = set_blocks(resolved, text);
  const double text_before = total_milliseconds(text_timings);
  const Clock::time_point paginate_start = Clock::now();

  Pagination pages = paginate(
      resolved, std::move(blocks), [&](const TextBlock& block) { return text.set(block); }, sink);
  const double paginate_time =
      milliseconds_since(paginate_start) - (total_milliseconds(text_timings) - text_before);
  result.timings.insert(result.timings.end(), text_timings.begin(), text_timings.end());
  result.timings.push_back({"paginate", paginate_time});
  result.document = std::move(pages.document);
  if (options.dump == Dump::pages) result.dump = dump_pages(result.document);

  if (sink.has_errors()) return first_error(sink);
  return result;
}

}  // namespace nashr
