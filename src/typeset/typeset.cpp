// g++ 12 warns falsely on `"literal" + std::string` under -O3 (GCC bug 105329).
#pragma GCC diagnostic ignored "-Wrestrict"
#include "typeset/typeset.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <string>
#include <optional>
#include <span>
#include <vector>

#include "base/allocator.h"
#include "base/thread_pool.h"
#include "cover/draw_cover.h"
#include "document/dump_pages.h"
#include "linebreak/hyphenation.h"
#include "paginate/tag_structure.h"
#include "linebreak/lines.h"
#include "locale/persian_text.h"
#include "model/report.h"
#include "paginate/paginate.h"
#include "resolve/resolved_document.h"
#include "shape/shape.h"
#include "style/style_sheet.h"
#include "table/table_layout.h"
#include "text/itemize.h"

namespace nashr {

namespace {

// The first block whose English text asks to be hyphenated, if any: where the warning goes when
// hyph_en_US.dic is nowhere (one per report, since the issue still builds, only with looser
// English lines). Asked before the text stages release the paragraphs; whether the patterns load
// is asked after them, which load the patterns themselves when they need them (text stages that
// started meanwhile on other paragraphs hide the load's 10 ms).
std::optional<SourceLocation> english_hyphenation_wanted(const ResolvedDocument& resolved) {
  for (const ResolvedBlock& block : resolved.blocks) {
    if (!block.text || !block.text->settings.hyphenate) continue;
    for (const StyledSpan& span : block.text->paragraph.spans) {
      if (span.language == "en" || span.language.starts_with("en-")) return block.location;
    }
  }
  return std::nullopt;
}

void warn_without_hyphenation(const std::optional<SourceLocation>& wanted, DiagnosticSink& sink) {
  if (!wanted || english_hyphenation_available()) return;
  sink.warning(*wanted, "English words are not hyphenated: no hyph_en_US.dic in " + english_hyphenation_searched(),
               "install Debian's hyphen-en-us (scripts/setup.sh), or set hyphenate=\"off\" on the "
               "style's <paragraph>");
}

Failure<Diagnostic> first_error(const DiagnosticSink& sink) {
  for (const Diagnostic& diagnostic : sink.diagnostics()) {
    if (diagnostic.severity == Severity::error) return fail(diagnostic);
  }
  return fail(make_error({}, "typesetting failed"));
}

using Clock = std::chrono::steady_clock;

// Adds `milliseconds` to the named stage's timing, which is appended when new.
void add_timing(std::vector<StageTiming>& timings, const std::string& stage, double milliseconds) {
  for (StageTiming& timing : timings) {
    if (timing.stage == stage) {
      timing.milliseconds += milliseconds;
      return;
    }
  }
  timings.push_back({stage, milliseconds, {}});
}

// Adds the time since the last lap to the named stage's timing.
class StageClock {
 public:
  explicit StageClock(std::vector<StageTiming>& timings) : timings_(timings) {}

  void lap(const char* stage) {
    const Clock::time_point now = Clock::now();
    const double elapsed = std::chrono::duration<double, std::milli>(now - last_).count();
    last_ = now;
    add_timing(timings_, stage, elapsed);
  }

 private:
  std::vector<StageTiming>& timings_;
  Clock::time_point last_ = Clock::now();
};

// What setting text leaves behind besides the lines: diagnostics, the requested dump, timings.
struct TextOutput {
  DiagnosticSink sink;  // severities as reported: the caller's sink applies --strict when merging
  std::string dump;
};

// The text stages for one paragraph: itemize → shape → break_lines.
Lines set_text(const TextBlock& block, FontDb& fonts, Dump dump, TextOutput& output,
               std::vector<StageTiming>& timings) {
  StageClock clock(timings);
  const ItemizedParagraph itemized = itemize(block.paragraph, fonts, output.sink);
  clock.lap("itemize");
  const ShapedParagraph shaped = shape(itemized);
  clock.lap("shape");
  Lines lines = break_lines(block.paragraph, itemized, shaped, block.settings, output.sink);
  clock.lap("break_lines");
  if (dump == Dump::shape) output.dump += dump_shaped(shaped);
  if (dump == Dump::lines) output.dump += dump_lines(lines);
  return lines;
}

// Frees a paragraph's memory. Not `paragraph = {}`: a std::string move-assigned from a short
// string keeps its old buffer, and an issue's paragraph texts are megabytes.
void release(StyledParagraph& paragraph) {
  StyledParagraph released;
  std::swap(paragraph, released);
}

// Hands a paragraph's diagnostics (in the order they were found) and dump to the document's.
void merge_text_output(const TextOutput& output, DiagnosticSink& sink, std::string& dump) {
  for (const Diagnostic& diagnostic : output.sink.diagnostics()) sink.report(diagnostic);
  dump += output.dump;
}

// Files the text stages' timings under set_text (at `set_text`), moving the time paginate spent
// setting running lines (`running_text`) from paginate (the last timing) to set_text.
void file_text_timings(std::vector<StageTiming>& timings, std::size_t set_text, std::vector<StageTiming> text,
                       double running_text) {
  timings.back().milliseconds -= running_text;
  timings[set_text].milliseconds += running_text;
  for (StageTiming& timing : text) timing.part_of = timings[set_text].stage;
  timings.insert(timings.begin() + static_cast<std::ptrdiff_t>(set_text) + 1, text.begin(), text.end());
}

// The pool's threads for `requested`, but at least 16 paragraphs a thread: fewer are not worth
// handing over.
unsigned text_threads(unsigned requested, std::size_t tasks) {
  return static_cast<unsigned>(std::max<std::size_t>(1, std::min<std::size_t>(thread_count(requested), tasks / 16)));
}

// Adds each thread's text timings to `timings`.
void add_thread_timings(std::vector<StageTiming>& timings,
                        const std::vector<std::vector<StageTiming>>& threads) {
  for (const std::vector<StageTiming>& thread : threads) {
    for (const StageTiming& timing : thread) add_timing(timings, timing.stage, timing.milliseconds);
  }
}

// Sets every block's text (and list marker), on `threads` threads: paragraphs are independent, and
// each keeps its own diagnostics and dump, merged afterwards in document order, so the output does
// not depend on the threads or their timing. A block's styled text is not needed once it is set
// (the paginator reads only its links, leading and geometry), so it is released there: the issue's
// lines grow while its styled paragraphs shrink, instead of both being held at once.
std::vector<SetBlock> set_blocks(ResolvedDocument& resolved, FontDb& fonts, const TypesetOptions& options,
                                 DiagnosticSink& sink, std::string& dump, std::vector<StageTiming>& timings) {
  // A block's text, its list marker, and the footnotes whose markers it holds (right after it, so
  // that their diagnostics keep the source's order).
  enum class Part { text, marker, note, page_number, leader };
  struct Task {
    std::size_t block;
    Part part;
    std::size_t note;
    TextOutput output;
  };
  std::vector<Task> tasks;
  for (std::size_t i = 0; i < resolved.blocks.size(); ++i) {
    const std::optional<TextBlock>& text = resolved.blocks[i].text;
    if (text || resolved.blocks[i].table) tasks.push_back({i, Part::text, 0, {}});
    if (resolved.blocks[i].marker) tasks.push_back({i, Part::marker, 0, {}});
    if (const std::shared_ptr<ContentsParts>& contents = resolved.blocks[i].contents) {
      if (contents->page_number) tasks.push_back({i, Part::page_number, 0, {}});
      if (contents->leader) tasks.push_back({i, Part::leader, 0, {}});
    }
    if (!text) continue;
    for (const NoteMarker& marker : text->note_markers) {
      if (resolved.notes[marker.note].text) tasks.push_back({i, Part::note, marker.note, {}});
    }
  }
  std::vector<SetBlock> blocks(resolved.blocks.size());
  std::vector<Lines> notes(resolved.notes.size());
  for (const Task& task : tasks) {
    // Made here, before the threads: a contents entry's number and leader are set by two of them.
    if (task.part == Part::page_number) blocks[task.block].contents = std::make_unique<SetContents>();
  }
  const unsigned threads = text_threads(options.threads, tasks.size());
  std::vector<std::vector<StageTiming>> thread_timings(threads);
  run_tasks(tasks.size(), threads, [&](std::size_t t, unsigned thread) {
    Task& task = tasks[t];
    if (const std::shared_ptr<const ResolvedTable>& table = resolved.blocks[task.block].table;
        table && task.part == Part::text) {
      // A table's cells go through the text stages in the table stage, which sizes the columns
      // between shaping and breaking.
      StageClock clock(thread_timings[thread]);
      blocks[task.block].table = std::make_unique<TableLayout>(lay_out_table(*table, fonts, task.output.sink));
      clock.lap("lay_out_table");
      if (options.dump == Dump::lines) task.output.dump += dump_table(*blocks[task.block].table, *table);
      return;
    }
    ResolvedBlock& block = resolved.blocks[task.block];
    std::optional<TextBlock>& text = task.part == Part::marker        ? block.marker
                                     : task.part == Part::note        ? resolved.notes[task.note].text
                                     : task.part == Part::page_number ? block.contents->page_number
                                     : task.part == Part::leader      ? block.contents->leader
                                                                      : block.text;
    Lines lines = set_text(*text, fonts, options.dump, task.output, thread_timings[thread]);
    switch (task.part) {
      case Part::marker: blocks[task.block].marker = std::move(lines); break;
      case Part::note: notes[task.note] = std::move(lines); break;
      case Part::page_number: blocks[task.block].contents->page_number = std::move(lines); break;
      case Part::leader: blocks[task.block].contents->leader = std::move(lines); break;
      case Part::text: blocks[task.block].lines = std::move(lines); break;
    }
    if (options.tagged) paginating::keep_languages(*text);  // for the tags (tag_structure.h)
    release(text->paragraph);
  });
  for (const Task& task : tasks) {
    merge_text_output(task.output, sink, dump);
    if (task.part == Part::note) blocks[task.block].notes.emplace_back(task.note, std::move(notes[task.note]));
  }
  add_thread_timings(timings, thread_timings);
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

namespace {

// Cover art under 300 dpi at its printed size: a warning, or an error when the print edition
// carries the cover (docs/editions.md, "Cover art").
Result<void> check_cover_art_resolution(const Report& report, const CoverPage& cover, bool printed,
                                        DiagnosticSink& sink) {
  if (!cover.art_dpi || *cover.art_dpi >= kMinCoverArtDpi) return Ok{};
  const CoverArt& art = *report.meta.cover_art;
  const auto whole = [](double value) { return std::to_string(static_cast<long long>(std::ceil(value - 0.5))); };
  const std::string text = "cover art '" + art.image_as_written + "' is " + whole(*cover.art_dpi) +
                           " dpi at its printed size (" + std::to_string(art.pixel_width) + "x" +
                           std::to_string(art.pixel_height) + " pixels), under " + whole(kMinCoverArtDpi) + " dpi";
  const double needed = kMinCoverArtDpi / *cover.art_dpi;
  const std::string hint = "use an image of at least " + whole(std::ceil(art.pixel_width * needed)) + "x" +
                           whole(std::ceil(art.pixel_height * needed)) +
                           " pixels, or a smaller art box in the style's <cover>";
  if (!printed) {
    sink.warning(art.location, text + "; the print edition refuses it", hint);
    return Ok{};
  }
  Diagnostic error = make_error(art.location, text + " for the print edition", hint);
  sink.report(error);
  return fail(std::move(error));
}

// From resolve on. The report is not needed once resolved: it goes before the text stages.
Result<TypesetReport> lay_out(Report&& read, const StyleSheet& style, FontDb& fonts,
                              const TypesetOptions& options, DiagnosticSink& sink, TypesetReport& result,
                              StageClock& clock) {
  std::optional<ResolvedDocument> resolved_or_none;
  std::optional<Report> kept;  // for the layout passes, when references show pages
  {
    Report report = std::move(read);
    resolved_or_none = resolve(report, style, sink);
    clock.lap("resolve");
    const auto carries_cover = [&](Edition edition) {
      return std::find(style.cover.editions.begin(), style.cover.editions.end(), edition) !=
             style.cover.editions.end();
    };
    const bool cover_wanted =
        options.dump == Dump::pages ? carries_cover(Edition::screen)
                                    : std::any_of(options.editions.begin(), options.editions.end(), carries_cover);
    if (style.cover.enabled && cover_wanted && options.dump != Dump::resolve) {
      Result<CoverPage> drawn = draw_cover(report, style, fonts, sink);
      if (!drawn) return fail(drawn.error());
      const bool printed = carries_cover(Edition::print) && std::find(options.editions.begin(), options.editions.end(),
                                                                       Edition::print) != options.editions.end();
      if (auto checked = check_cover_art_resolution(report, *drawn, printed, sink); !checked) return fail(checked.error());
      result.cover = std::move(*drawn);
      result.cover_editions = style.cover.editions;
      result.persian = is_persian_language(report.lang);
      clock.lap("cover");
    }
    if (!resolved_or_none->page_references.empty()) kept = std::move(report);
  }
  ResolvedDocument& resolved = *resolved_or_none;
  if (options.dump == Dump::resolve) {
    result.dump = dump_resolved(resolved);
    return std::move(result);
  }

  const std::optional<SourceLocation> hyphenation_wanted = english_hyphenation_wanted(resolved);
  // The text stages run on several threads: their timings are summed over paragraphs and threads,
  // parts of "set_text", the wall time of setting every block.
  std::vector<StageTiming> text_timings;
  DiagnosticSink text_sink;  // the text stages' diagnostics and dump: the last pass's are kept
  std::string text_dump;
  return_freed_memory_promptly();
  std::vector<SetBlock> blocks = set_blocks(resolved, fonts, options, text_sink, text_dump, text_timings);
  warn_without_hyphenation(hyphenation_wanted, sink);
  clock.lap("set_text");
  const std::size_t text_stages = result.timings.size() - 1;
  // References to pages (<ref show="page">, a <toc/>'s entries, notes numbered per page): laid out
  // again, with the pages the last pass gave, until each shows its target's page (a longer page
  // number, a contents page or a wider note marker can move a target), at most kMostLayoutPasses
  // times; then the last pass stands, with a warning at the first reference still off.
  while (kept) {
    DiagnosticSink pass_sink;  // resolve and the page breaker say the same again: not repeated
    Footnotes notes = set_footnotes(resolved, blocks);
    const PageNumbers pages = anchor_pages(resolved, plan_pages(resolved, blocks, notes, pass_sink), notes);
    clock.lap("paginate");
    const auto unsettled = std::find_if(resolved.page_references.begin(), resolved.page_references.end(),
                                        [&](const PageReference& reference) {
                                          const auto page = pages.find(reference.anchor);
                                          return page != pages.end() && page->second != reference.page;
                                        });
    if (unsettled == resolved.page_references.end()) break;
    if (result.layout_passes == kMostLayoutPasses) {
      sink.warning(unsettled->location,
                   "page numbers did not settle after " + std::to_string(kMostLayoutPasses) +
                       " layout passes: this one may show a neighbouring page",
                   "a page number here moves its own target; rewording the text around it, or a page break, "
                   "lets the layout settle");
      break;
    }
    resolved = resolve(*kept, style, pass_sink, pages);
    clock.lap("resolve");
    text_sink.clear();
    text_dump.clear();
    blocks = set_blocks(resolved, fonts, options, text_sink, text_dump, text_timings);
    clock.lap("set_text");
    ++result.layout_passes;
  }
  kept.reset();
  for (const Diagnostic& diagnostic : text_sink.diagnostics()) sink.report(diagnostic);
  result.dump += text_dump;

  // The running headers and footers are set once page numbers are known, all pages' parts at once
  // on the text stages' threads; their wall time moves from paginate to set_text.
  double running_text = 0;
  Pagination pages = paginate(
      resolved, std::move(blocks),
      [&](std::span<const TextBlock> texts) {
        const Clock::time_point start = Clock::now();
        std::vector<Lines> lines(texts.size());
        std::vector<TextOutput> outputs(texts.size());
        const unsigned threads = text_threads(options.threads, texts.size());
        std::vector<std::vector<StageTiming>> thread_timings(threads);
        run_tasks(texts.size(), threads, [&](std::size_t i, unsigned thread) {
          lines[i] = set_text(texts[i], fonts, options.dump, outputs[i], thread_timings[thread]);
        });
        for (const TextOutput& output : outputs) merge_text_output(output, sink, result.dump);
        add_thread_timings(text_timings, thread_timings);
        running_text += std::chrono::duration<double, std::milli>(Clock::now() - start).count();
        return lines;
      },
      sink, options.tagged);
  clock.lap("paginate");
  file_text_timings(result.timings, text_stages, std::move(text_timings), running_text);
  result.document = std::move(pages.document);
  if (options.dump == Dump::pages) {
    // The pages of the screen edition: with the cover only when the style puts it there.
    const bool on_screen = std::find(result.cover_editions.begin(), result.cover_editions.end(),
                                     Edition::screen) != result.cover_editions.end();
    if (result.cover && on_screen) add_cover(result.document, std::move(*result.cover), result.persian);
    result.cover.reset();
    result.dump = dump_pages(result.document);
  }

  if (sink.has_errors()) return first_error(sink);
  return std::move(result);
}

}  // namespace

Result<TypesetReport> typeset(const std::string& report_path, FontDb& fonts, const TypesetOptions& options,
                              DiagnosticSink& sink) {
  TypesetReport result;
  StageClock clock(result.timings);
  const EnglishHyphenationPreload hyphenation(options.threads);
  Result<Report> report =
      read_report(report_path, sink, {.report_normalisations = options.strict, .threads = options.threads});
  if (!report) return fail(report.error());
  clock.lap("read_report");
  if (options.dump == Dump::model) {
    result.dump = dump_report(*report);
    return result;
  }
  Result<StyleSheet> style = read_style(report->style_path.string(), sink);
  if (!style) return fail(style.error());
  clock.lap("read_style");
  return lay_out(std::move(*report), *style, fonts, options, sink, result, clock);
}

Result<TypesetReport> typeset(Report report, const StyleSheet& style, FontDb& fonts,
                              const TypesetOptions& options, DiagnosticSink& sink) {
  TypesetReport result;
  StageClock clock(result.timings);
  return lay_out(std::move(report), style, fonts, options, sink, result, clock);
}

}  // namespace nashr
