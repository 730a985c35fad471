#pragma once
// typeset: a report file → its paged document, through every stage in order. The CLI writes the
// result as PDF (or prints a stage's dump); tests and benchmarks call it directly.
#include <string>
#include <vector>

#include "base/diagnostics.h"
#include "base/result.h"
#include "cover/draw_cover.h"
#include "document/edition.h"
#include "document/page.h"
#include "fonts/font_db.h"
#include "model/report.h"
#include "style/style_sheet.h"

namespace nashr {

// The stage whose text dump `nashr build --dump=STAGE` prints instead of writing a PDF.
enum class Dump { none, model, resolve, shape, lines, pages };

// Names for --dump=…, in pipeline order.
const std::vector<std::string>& dump_names();
Dump dump_from_name(const std::string& name);  // Dump::none when unknown

struct TypesetOptions {
  bool strict = false;  // report Persian normalisations too (the sink turns warnings into errors)
  Dump dump = Dump::none;
  // Threads that set paragraphs (itemize, shape, break_lines); 0: one per core. The output is the
  // same for any number.
  unsigned threads = 0;
  // The editions to be written: the cover is drawn only when one of them carries it.
  std::vector<Edition> editions = {Edition::screen};
  // The PDF will be tagged: pagination makes the structure tree (`nashr build --untagged`: not).
  bool tagged = true;
};

// Wall time spent in one stage (`nashr build --timings`). The text stages (itemize, shape,
// break_lines) run per paragraph on several threads: theirs are sums over paragraphs and threads,
// and part_of names the stage whose wall time holds them ("set_text").
struct StageTiming {
  std::string stage;
  double milliseconds = 0;
  std::string part_of;  // empty: a stage of its own, counted in the total
};

struct TypesetReport {
  PagedDocument document;            // its fonts belong to the FontDb given to typeset()
  std::string dump;                  // the requested stage's dump; empty without one
  std::vector<StageTiming> timings;  // in pipeline order
  // The cover when the style asks for one, kept apart so that each edition can take it or not
  // (add_cover puts it in front); `--dump=pages` shows the screen edition's pages, with the cover
  // in front when the style puts it there.
  std::optional<CoverPage> cover;
  std::vector<Edition> cover_editions;
  bool persian = false;  // the report's language: the cover's page label
  // Times the issue was laid out: 1, or more when references show page numbers and a pass moved a
  // target (`--timings` prints it).
  int layout_passes = 1;
};

// Layout passes at most (references to pages settle in two, rarely three).
inline constexpr int kMostLayoutPasses = 4;

// Fails when the report, its style or the typesetting has errors (all of them are in `sink`).
// A dump of the model or of resolve stops the pipeline there.
Result<TypesetReport> typeset(const std::string& report_path, FontDb& fonts, const TypesetOptions& options,
                              DiagnosticSink& sink);

// The same for a report and its style sheet already read (`nashr check` reads them itself, then
// lays the report out, so that it finds what only layout finds, such as text off the page).
Result<TypesetReport> typeset(Report report, const StyleSheet& style, FontDb& fonts,
                              const TypesetOptions& options, DiagnosticSink& sink);

}  // namespace nashr
