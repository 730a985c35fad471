#pragma once
// Footnotes for paginate (docs/layout.md, "Footnotes"): each note's text is set, its marker's line
// keeps room for it on its page (FlowLine::notes), and after page breaking the notes are placed at
// the feet of the pages, a note too tall for its page going on at the foot of the next one.
// Kept apart from paginate.cpp so that the page breaker and the block placement stay as they are
// for issues without notes (the same PDFs, byte for byte).
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "base/diagnostics.h"
#include "document/page.h"
#include "linebreak/lines.h"
#include "paginate/page_breaker.h"
#include "resolve/resolved_document.h"

namespace nashr {

struct SetBlock;  // paginate.h
namespace paginating {
class Tagging;  // tag_structure.h
}

// The line box of a set line in a block of `leading` (shared by the body's blocks and the notes).
FlowLine flow_line(const Line& line, double leading, double block_ascent, double block_descent);

// A run of lines of one footnote at the foot of one page.
struct NoteSlice {
  std::size_t note = 0;         // index into ResolvedDocument::notes
  std::size_t first_line = 0;   // [first_line, end_line) of the note's lines
  std::size_t end_line = 0;
  bool continued = false;       // the note began on an earlier page
};

struct Footnotes {
  // Per note: its set lines (footnotes only) and where its marker is: the block's line.
  std::vector<Lines> lines;
  std::vector<std::size_t> marker_line;
  // Per page: the notes at its foot, in order (a continued note first).
  std::vector<std::vector<NoteSlice>> pages;
  bool any() const { return !lines.empty(); }
};

// The notes' set lines (SetBlock::notes, copied: every layout pass plans with them) and their
// markers found in the blocks' lines.
Footnotes set_footnotes(const ResolvedDocument& resolved, const std::vector<SetBlock>& blocks);

// Breaks `flow` into pages keeping each footnote's room on its marker's page (at most half a page
// of it; the rest goes on at the next pages' feet, whose room is kept in a second pass), and fills
// `notes.pages`. Warnings of the page breaker's last pass go to `sink`.
PageBreaks break_pages_with_footnotes(const ResolvedDocument& resolved, std::vector<FlowBlock> flow,
                                      PageBreakParams params, Footnotes& notes, DiagnosticSink& sink);

// The notes of one page at the foot of its body (x from `left`, `width` wide, the body's bottom at
// `bottom`), under the short rule on the start side (the whole measure above a continued note).
// With `tagging`, each note's lines are its Note's content.
void place_footnotes(const ResolvedDocument& resolved, const std::vector<NoteSlice>& slices, Footnotes& notes,
                     double left, double width, double bottom, Page& page, std::optional<Diagnostic>& off_page,
                     paginating::Tagging* tagging = nullptr);

// Destinations at the notes' markers (the notes' numbers link back to them) on page `p`.
void add_marker_anchors(const ResolvedDocument& resolved, const PlannedPage& planned, const Footnotes& notes,
                        double body_top, double body_left, Page& page);

// The notes at the pages' feet as text, for golden tests: "page 3: note 4 lines 0-2 (continued)".
std::string format_footnotes(const Footnotes& notes);

}  // namespace nashr
