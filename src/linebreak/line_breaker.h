#pragma once
// Knuth–Plass total-fit line breaking over an abstract paragraph of boxes, glue and penalties.
//
// The breaker knows nothing about glyphs, fonts or direction: the caller (the wiring from shaped
// glyph runs) turns a paragraph into BreakItems, each carrying a `payload` index back into its own
// data, calls compute_line_breaks(), then justify_line() for the final glue widths of each line.
// All lengths are in one unit of the caller's choice (points in nashr); only ratios are unitless.
// See docs/layout.md for the algorithm, the constants and the wiring protocol.
#include <cstddef>
#include <limits>
#include <span>
#include <string>
#include <vector>

#include "document/alignment.h"

namespace nashr {

// Penalties at or below this force a break; at or above kNoBreakPenalty forbid one (TeX's ±10000).
inline constexpr double kForcedBreakPenalty = -10000;
inline constexpr double kNoBreakPenalty = 10000;
// Badness of a line that cannot be stretched at all (no stretchability) and of anything worse than
// this; TeX's inf_bad. A tolerance of kInfiniteBadness accepts every line that is not overfull.
inline constexpr double kInfiniteBadness = 10000;

enum class BreakItemKind { box, glue, penalty };

// One element of a paragraph. Use the factories; fields that do not apply to a kind stay zero.
struct BreakItem {
  BreakItemKind kind = BreakItemKind::box;
  double width = 0;  // box: its width; glue: natural width; penalty: width added if broken here (a hyphen)
  // glue only
  double stretch = 0;          // first-priority stretchability (inter-word space)
  double shrink = 0;           // shrinkability
  double kashida_stretch = 0;  // second-priority stretchability, used once `stretch` is at its limit
  double fill_stretch = 0;     // infinite-order stretch (TeX's fil): when a line has any, it takes all
  bool breakable = true;       // glue: a legal break if preceded by a box (false for kashida glue)
  // penalty only
  double cost = 0;       // break cost; <= kForcedBreakPenalty forces, >= kNoBreakPenalty forbids
  bool flagged = false;  // a hyphen-like break: two flagged breaks in a row cost double_flagged_demerits
  // The caller's index (glyph cluster, word, run...) this item stands for; never read by the breaker.
  std::size_t payload = 0;

  static BreakItem box(double width, std::size_t payload = 0);
  static BreakItem glue(double width, double stretch, double shrink, double kashida_stretch = 0,
                        std::size_t payload = 0);
  // Glue with infinite stretch that absorbs a line's whole shortfall (a manual line break's filler).
  static BreakItem fill(std::size_t payload = 0);
  // A kashida opportunity inside a word: zero-width glue that only stretches at second priority and
  // is never a break (it sits between two boxes of the same word).
  static BreakItem kashida(double max_extension, std::size_t payload = 0);
  static BreakItem penalty(double width, double cost, bool flagged = false, std::size_t payload = 0);
  // Glue right before a forced break stays on the line (as in TeX): for a manual line break put
  // fill() there, not a space.
  static BreakItem forced_break(std::size_t payload = 0);
};

// Inline: the caller builds one item per word and space of every paragraph.
inline BreakItem BreakItem::box(double width, std::size_t payload) {
  BreakItem item;
  item.kind = BreakItemKind::box;
  item.width = width;
  item.payload = payload;
  return item;
}

inline BreakItem BreakItem::glue(double width, double stretch, double shrink, double kashida_stretch,
                                 std::size_t payload) {
  BreakItem item;
  item.kind = BreakItemKind::glue;
  item.width = width;
  item.stretch = stretch;
  item.shrink = shrink;
  item.kashida_stretch = kashida_stretch;
  item.payload = payload;
  return item;
}

inline BreakItem BreakItem::fill(std::size_t payload) {
  BreakItem item = glue(0, 0, 0, 0, payload);
  item.fill_stretch = 1;
  return item;
}

inline BreakItem BreakItem::kashida(double max_extension, std::size_t payload) {
  BreakItem item = glue(0, 0, 0, max_extension, payload);
  item.breakable = false;
  return item;
}

inline BreakItem BreakItem::penalty(double width, double cost, bool flagged, std::size_t payload) {
  BreakItem item;
  item.kind = BreakItemKind::penalty;
  item.width = width;
  item.cost = cost;
  item.flagged = flagged;
  item.payload = payload;
  return item;
}

inline BreakItem BreakItem::forced_break(std::size_t payload) {
  return penalty(0, kForcedBreakPenalty, false, payload);
}

// Knuth–Plass cost constants. The defaults are TeX's plain-format values, which decades of books
// have tuned; each is documented in docs/layout.md. There is no looseness (TeX's \looseness is 0):
// the breaker always returns the minimum-demerits solution.
struct LineBreakParams {
  // Widths of the first, second, ... line; the last one repeats. Must not be empty.
  std::vector<double> line_widths;
  Alignment alignment = Alignment::justify;
  // The last line ends with infinite stretch (TeX's \parfillskip = 0pt plus 1fil) instead of being
  // justified to the full width.
  bool ragged_last_line = true;

  // Added to every line's badness before squaring: favours fewer lines (TeX's \linepenalty).
  double line_penalty = 10;
  // Added when two consecutive lines end at flagged (hyphen) breaks (\doublehyphendemerits).
  double double_flagged_demerits = 10000;
  // Added when the second-to-last line ends at a flagged break (\finalhyphendemerits).
  double final_flagged_demerits = 5000;
  // Added when the paragraph's last line (after at least one other) is a single word: no
  // inter-word space on it, like «می‌شوند.» alone on a line), as TeX's and Typst's users avoid
  // them. 0 here (plain Knuth–Plass); break_lines sets kLoneWordLastLineDemerits.
  double lone_word_last_line_demerits = 0;
  // Added when adjacent lines are in fitness classes more than one apart, e.g. a very loose line
  // after a decent one (\adjdemerits): keeps the grey of the page even.
  double fitness_demerits = 10000;
  // First pass: lines with badness above this are infeasible (\tolerance). 200 ≈ adjustment ratio 1.26.
  double tolerance = 200;
  // Second pass when the first finds no solution (TeX's \sloppy): every line not overfull is
  // feasible. If this pass fails too (an over-long box, or glue that cannot shrink enough between
  // forced breaks), the breaker falls back to first-fit.
  double retry_tolerance = kInfiniteBadness;
  // Ragged alignments keep spaces at their natural width; a line's badness is measured against this
  // fraction of its width as if it were the line's stretch (TeX's \rightskip = 0pt plus <x>), so the
  // ragged edge is as even as the words allow.
  double ragged_stretch_fraction = 0.1;
  // On a justified line with kashida, spaces first stretch to this share of their stretchability
  // (0.5: 1.25× a space's width, with nashr's stretch of half a space), then kashida takes the rest
  // up to its limit, and only then the spaces stretch further (issue 17: spaces of 1.3–1.5× while
  // words could take kashida looked worse than the elongation Persian readers expect).
  double space_ratio_before_kashida = 0.5;
  // The most lines in a row that may end at flagged breaks (hyphens); 0: no limit (plain
  // Knuth–Plass). break_lines sets kMaxHyphenatedLinesInRow.
  int max_flagged_lines_in_row = 0;
};

enum class FitnessClass { tight = 0, decent = 1, loose = 2, very_loose = 3 };

enum class BreakMethod {
  total_fit,        // first pass within `tolerance`
  total_fit_retry,  // second pass within `retry_tolerance`
  first_fit,        // fallback: as many items on each line as fit
  empty,            // no items: no lines
};

// One line of the result. Items [begin, end) are on the line: glue and penalties discarded at the
// start of a line and the break item itself are excluded. A penalty break adds its width (a hyphen)
// to the line; `penalty_width` says how much.
struct BrokenLine {
  std::size_t begin = 0;
  std::size_t end = 0;
  // Index of the item the line breaks at; for the paragraph's last line, one past its last box
  // (trailing glue and penalties are dropped), which then also equals `end`.
  std::size_t break_at = 0;
  double penalty_width = 0;
  bool flagged = false;  // ends at a flagged penalty

  double target_width = 0;   // the line width it was set to
  double natural_width = 0;  // boxes + natural glue + penalty_width
  // Shortfall (positive: the line must grow) or excess (negative) against target_width.
  double shortfall = 0;
  // The ratio that rates the line: shortfall / (space stretch + kashida stretch) when growing,
  // shortfall / shrink when shrinking, 0 on a line with fill glue; in ragged alignments
  // shortfall / (ragged_stretch_fraction × target_width). An infinite ratio (a line with nothing
  // to stretch or shrink) is stored as ±kInfiniteBadness.
  double adjustment_ratio = 0;
  // How the justified line is filled: each glue's `stretch` times space_ratio (or its `shrink` times
  // space_ratio when negative), each kashida_stretch times kashida_ratio (0..1), fill glue shares
  // fill_width. Spaces go first up to LineBreakParams::space_ratio_before_kashida, then kashida up to
  // its limit, then spaces again beyond that if kashida cannot absorb it all.
  double space_ratio = 0;
  double kashida_ratio = 0;
  double kashida_width = 0;  // total kashida extension on the line
  double fill_width = 0;     // total width given to fill glue (and to the paragraph's last-line fill)
  bool final_fill = false;   // the line ends the paragraph and carries the virtual last-line fill
  // Free space before the content on the line's start side (ragged alignments, centring).
  double start_offset = 0;

  double badness = 0;
  double demerits = 0;
  FitnessClass fitness = FitnessClass::decent;
  bool overfull = false;   // content wider than target_width even at full shrink
  bool underfull = false;  // looser than `tolerance` allows (only after the retry pass or first fit)
};

// A box wider than the line it landed on (an over-long word or URL). The caller may split it into
// smaller boxes (at grapheme or cluster boundaries, with penalties between) and break again, and
// should warn with the source location behind `item`'s payload.
struct OverlongBox {
  std::size_t item = 0;
  double width = 0;
  double available = 0;  // the line's target width
};

struct LineBreaks {
  std::vector<BrokenLine> lines;
  BreakMethod method = BreakMethod::empty;
  double total_demerits = 0;
  std::vector<OverlongBox> overlong_boxes;
};

// Breaks the paragraph `items` into lines. Never fails: with no feasible total-fit solution it
// falls back as described for LineBreakParams::retry_tolerance, and marks overfull lines.
// Trailing glue and penalties of the paragraph are discarded; a run of forced breaks with no box
// between them counts as one.
LineBreaks compute_line_breaks(std::span<const BreakItem> items, const LineBreakParams& params);

// The same, but forcing the first-fit method (for tests and comparison).
LineBreaks compute_first_fit_breaks(std::span<const BreakItem> items, const LineBreakParams& params);

// Final widths of the glue on one justified line. `kashida_used` is the kashida the caller really
// inserted (e.g. after distribute_kashida() rounded to whole tatweels); whatever part of the line's
// kashida_width it leaves unused goes back to the spaces. Negative means "use line.kashida_width".
struct JustifiedGlue {
  std::size_t item = 0;  // index of a glue item in [line.begin, line.end)
  double width = 0;      // its final width, kashida included
  double kashida = 0;    // the part of `width` that is kashida extension
};

struct JustifiedLine {
  std::vector<JustifiedGlue> glue;
  double width = 0;  // the line's final content width (equals target_width on a justified line)
  double start_offset = 0;
};

JustifiedLine justify_line(std::span<const BreakItem> items, const BrokenLine& line,
                           double kashida_used = -1);

// Width of line `line_index` (0-based) under `params.line_widths` (the last one repeats).
double line_width_at(const LineBreakParams& params, std::size_t line_index);

const char* to_string(BreakMethod method);
const char* to_string(FitnessClass fitness);

// `value` with `precision` decimals for the text dumps, never "-0.000" (format_line_breaks and
// dump_lines).
std::string dump_number(double value, int precision);

// A stable, human-readable dump of the result for golden tests and `--dump=lines`:
// one header line, then one line per broken line with its items rendered by `label` (or by kind
// and width when `label` is empty).
std::string format_line_breaks(std::span<const BreakItem> items, const LineBreaks& breaks,
                               std::span<const std::string> labels = {});

}  // namespace nashr
