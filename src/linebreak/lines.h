#pragma once
// break_lines: a shaped paragraph → set lines (the line breaker's output, the paginator's input).
// Builds Knuth–Plass items from the glyph runs and ICU's break opportunities, breaks, justifies
// (spaces first, then kashida where allowed), re-shapes at line edges flagged unsafe-to-break and
// after kashida insertion, and reorders each line visually (bidi, ubidi_setLine through the text
// stage) on the already shaped glyphs.
#include <cstdint>
#include <string>
#include <vector>

#include "base/diagnostics.h"
#include "linebreak/line_breaker.h"
#include "document/line_settings.h"
#include "document/page.h"
#include "shape/shape.h"
#include "text/itemize.h"
#include "document/styled_paragraph.h"

namespace nashr {

// A run of glyphs on one line, in visual order, placed from the left edge of the measure.
struct LineRun {
  const Font* font = nullptr;
  double size = 10;  // points
  Color color;
  bool rtl = false;        // the run's text is right-to-left
  std::uint32_t span = 0;  // index into StyledParagraph::spans (links, colours)
  // The run's text: [text_begin, text_end) of the itemized paragraph's UTF-16 text.
  std::uint32_t text_begin = 0;
  std::uint32_t text_end = 0;
  double x = 0;                     // left edge of the run from the left edge of the measure, points
  double width = 0;                 // advance width of the run, points (after justification)
  double rise = 0;                  // baseline raised by this much (a note's marker), points
  std::vector<PlacedGlyph> glyphs;  // visual order; PlacedGlyph::text carries the text layer
};

struct Line {
  // Runs in the order a reader reads them (logical order of the line's runs), each placed at its
  // visual x: the PDF writer draws in this order so text extraction follows reading order.
  std::vector<LineRun> runs;
  double ascent = 0;         // points above the baseline: the largest of the line's fonts at their sizes
  double descent = 0;        // points below the baseline (positive)
  double natural_width = 0;  // content width before justification (first-line indent included)
  double width = 0;          // content width as set (the measure on a justified line)
  // Stretched or shrunk to the measure: alignment justify, not the paragraph's last line, not
  // ended by a hard line break, not overfull, and with at least one space to stretch.
  bool justified = false;
  bool ends_paragraph = false;
  bool rtl = false;         // the paragraph's base direction
  SourceLocation location;  // where the line's first character came from
};

struct Lines {
  std::vector<Line> lines;
  BreakMethod method = BreakMethod::empty;
};

// Never fails: a word wider than the measure is broken at cluster boundaries as a last resort,
// with a warning at its source location (an error under --strict, through the sink).
Lines break_lines(const StyledParagraph& styled, const ItemizedParagraph& itemized,
                  const ShapedParagraph& shaped, const LineSettings& settings, DiagnosticSink& sink);

// Lines as text, for `nashr build --dump=lines` and golden tests: per line its runs with x, width,
// font, glyph names and text.
std::string dump_lines(const Lines& lines);

// The glyphs of `run` as a page draws them, from `origin` (the run's left end on the baseline);
// the glyphs move out of the run.
GlyphRun take_glyph_run(LineRun& run, Point origin);

}  // namespace nashr
