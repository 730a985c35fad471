#pragma once
// Page breaking over a flow of blocks: where each page ends and where every line sits on it.
//
// Input-agnostic like the line breaker: a block is a list of line heights (a paragraph, a list item,
// a heading) or one unbreakable unit (a figure, the summary box), with spacing and keep rules. The
// result says which lines of which blocks go on which page and at what vertical position within
// the page's body area; the wiring turns that into PagedDocument pages (document/page.h).
// The optimiser is total-fit over all legal breaks (see docs/layout.md).
#include <cstddef>
#include <span>
#include <string>
#include <vector>

#include "base/diagnostics.h"
#include "base/source_location.h"

namespace nashr {

struct FlowLine {
  double height = 0;    // the line's advance: from its top to the next line's top
  double baseline = 0;  // from its top down to its baseline
  // Room the page holding this line keeps at its foot for the footnotes whose markers are on it
  // (paginate/footnotes.h); 0 for a line without notes.
  double notes = 0;
  // The least of that room: the notes' first lines, when the rest may go on at the next page's foot.
  double notes_least = 0;
};

enum class FlowBlockKind {
  lines,       // breakable between its lines, under the widow and orphan rules
  unit,        // one unbreakable piece (figure with caption, summary box, table); `lines` has one entry
  page_break,  // an explicit page break: the next block starts a new page
};

struct FlowBlock {
  FlowBlockKind kind = FlowBlockKind::lines;
  std::vector<FlowLine> lines;
  // Vertical space between blocks is the larger of one block's space_after and the next one's
  // space_before (collapsing, as LaTeX's \addvspace); it is dropped at the top and foot of a page.
  double space_before = 0;
  double space_after = 0;
  bool keep_with_next = false;  // no page break between this block and the next one (headings)
  bool keep_together = false;   // no page break between this block's lines (a two-line heading)
  // A float (a figure and its caption: consecutive floating blocks joined by keep_with_next): placed
  // where it stands when it fits in the rest of the page, else at the top of the next page, while the
  // text after it goes on filling this one. Floats keep their order. Not for page breaks.
  bool floating = false;
  SourceLocation source;        // where warnings about this block point
  // A table: its first `repeat_lines` lines (the head) are repeated at the top of each further page
  // it continues on, `repeat_height` tall; a page break inside it leaves at least `min_first_lines`
  // of its lines before and `min_last_lines` after (0: the page breaker's orphan and widow rules).
  std::size_t repeat_lines = 0;
  double repeat_height = 0;
  int min_first_lines = 0;
  int min_last_lines = 0;

  static FlowBlock paragraph(std::vector<FlowLine> lines, double space_before = 0, double space_after = 0);
  static FlowBlock heading(std::vector<FlowLine> lines, double space_before = 0, double space_after = 0);
  static FlowBlock unit(double height, double space_before = 0, double space_after = 0);
  static FlowBlock page_break();
};

// Cost constants of the page breaker; docs/layout.md explains the choice of each.
struct PageBreakParams {
  // Body heights of the first, second, ... page; the last one repeats (the first page is shorter
  // when it carries the masthead). Must not be empty.
  std::vector<double> page_heights;
  int min_orphan_lines = 2;  // a paragraph broken across pages leaves at least this many lines at the foot
  int min_widow_lines = 2;   // ... and carries at least this many to the next page
  // Cost of a page that ends short: short_page_weight × (unfilled fraction)². Quadratic, so two
  // pages 10 % short cost less than one 20 % short: shortness is spread rather than piled up.
  // Pages that end at an explicit break or the end of the flow are free to be short.
  double short_page_weight = 1000;
  // Cost of breaking inside a paragraph rather than between blocks (≈ a page 10 % short).
  double inside_block_cost = 10;
  // Cost of each page: among equal layouts prefer fewer pages.
  double page_cost = 10;
  // Floats waiting for a page at once, at most (more make the layout infeasible but for pages of floats).
  int max_pending_floats = 4;
  // Cost of breaking a rule (widow, orphan, keep-with-next, keep-together). Finite so that a flow
  // that cannot satisfy every rule still paginates; each such break is also warned about.
  double violation_cost = 1e6;
  // Kept once on a page with footnotes, above them (the space and the short rule).
  double notes_separator = 0;
  // Cost of a page whose notes' full room does not fit, so that a note goes on at the next page's
  // foot (only the least room, FlowLine::notes_least, fits).
  double split_note_cost = 0;
};

// One line (or unit) placed on a page. Positions are from the top of the page's body area.
struct PlacedLine {
  std::size_t block = 0;  // index into the flow
  std::size_t line = 0;   // index into the block's lines
  double top = 0;
  double baseline = 0;  // top + the line's baseline
  double height = 0;
  bool repeated = false;  // a table's head repeated at the top of a page it continues on
};

enum class BreakRule { none, orphan, widow, keep_with_next, keep_together };

struct PlannedPage {
  std::vector<PlacedLine> lines;
  double body_height = 0;     // the height available on this page
  double content_height = 0;  // from the first line's top to the last line's bottom
  bool overflow = false;      // one unit taller than the body sits alone on the page and overflows it
  bool explicit_end = false;  // the page ends at an explicit page break or at the end of the flow
  BreakRule broken_rule = BreakRule::none;  // the rule the break at this page's foot had to break
  double cost = 0;
};

inline constexpr std::size_t kNoPage = static_cast<std::size_t>(-1);

struct PageBreaks {
  std::vector<PlannedPage> pages;
  // For each block of the flow, the 0-based page its first line is on (for bookmarks, named
  // destinations and a table of contents); kNoPage for page breaks and empty blocks.
  std::vector<std::size_t> block_first_page;
  double total_cost = 0;
};

// Breaks `flow` into pages. Never fails: a unit taller than the body goes alone on a page and
// overflows it (a warning with its source location); when the rules cannot all be kept, the
// cheapest layout breaks one and warns. Explicit page breaks at the start or right after another
// break do not make empty pages. An empty flow gives no pages.
PageBreaks break_pages(std::span<const FlowBlock> flow, const PageBreakParams& params,
                       DiagnosticSink& diagnostics);

const char* to_string(BreakRule rule);

// A stable text dump for golden tests and `--dump=pages`: one line per page, one per placed line.
std::string format_page_breaks(const PageBreaks& breaks);

}  // namespace nashr
