#pragma once
// shape: itemized runs → glyphs, with HarfBuzz (which stays in this folder). One hb_buffer per run,
// the whole paragraph given as context, positions in font units (scale them by font_size / upem).
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "text/itemize.h"

namespace nashr {

struct ShapedGlyph {
  std::uint32_t glyph = 0;     // glyph id in the run's font
  std::uint32_t cluster = 0;   // index into the paragraph's UTF-16 text: the first character this glyph shows
  std::int32_t x_advance = 0;  // font units
  std::int32_t x_offset = 0;
  std::int32_t y_offset = 0;
  // HarfBuzz's HB_GLYPH_FLAG_UNSAFE_TO_BREAK: cutting the run before this glyph's cluster changes
  // the shaping, so a line that starts or ends here must be reshaped (reshape()).
  bool unsafe_to_break = false;

  friend bool operator==(const ShapedGlyph&, const ShapedGlyph&) = default;
};

// Glyphs of one TextRun in visual order (left to right; for RTL runs the first glyph shows the
// run's last character). Clusters are monotone in that order (HarfBuzz's MONOTONE_CHARACTERS
// level): the text a glyph stands for is [cluster, next larger cluster), so every character of
// the run, ZWNJ included, belongs to exactly one glyph (ligatures carry all their characters).
// Glyphs of the isolate controls itemize inserted are left out.
struct ShapedRun {
  TextRun run;
  std::vector<ShapedGlyph> glyphs;
};

struct ShapedParagraph {
  std::u16string text;  // copy of the itemized text, for the dump and the PDF text layer
  std::uint8_t paragraph_level = 0;
  std::vector<ShapedRun> runs;  // one per TextRun, logical order
};

// How shape() calls HarfBuzz. by_piece shapes each word with its following spaces once per thread
// and reuses the glyphs wherever the word recurs with the same context (see shape.cpp for when that
// gives exactly the whole run's glyphs; fonts whose layout sees the space as context always get
// whole runs). whole_runs is one HarfBuzz call per run: the reference the tests compare with.
// automatic shapes a font setup's first runs whole and then goes by piece: a short document never
// pays for examining the font's lookups, a long one gets the cache.
enum class ShapeStrategy { automatic, by_piece, whole_runs };

ShapedParagraph shape(const ItemizedParagraph& paragraph, ShapeStrategy strategy = ShapeStrategy::automatic);

// Which ends of a reshaped stretch are line edges. At a line edge the stretch sees no text beyond
// it and HarfBuzz is told the text begins (or ends) there; elsewhere it sees the whole paragraph.
struct LineEdges {
  bool line_start = false;
  bool line_end = false;
};

// Shapes [begin, end) of `run` (a sub-range of it) again: the piece of a run at a line edge where
// the break fell before an unsafe-to-break glyph. Same output rules as shape().
std::vector<ShapedGlyph> reshape(const ItemizedParagraph& paragraph, const TextRun& run, std::uint32_t begin,
                                 std::uint32_t end, LineEdges edges);

// Shapes `substitute` in place of text[begin, end) of `run` (a sub-range of it), with the run's
// font, direction, script, language and features and the paragraph's text around the range as
// context (none beyond a line edge): a word with tatweels (U+0640) inserted for kashida. Clusters
// index into `substitute`; otherwise the same output rules as shape().
std::vector<ShapedGlyph> shape_substitute(const ItemizedParagraph& paragraph, const TextRun& run,
                                          std::uint32_t begin, std::uint32_t end,
                                          std::u16string_view substitute, LineEdges edges);

// The glyphs of `run` whose cluster lies in [begin, end), in visual order: one contiguous slice,
// since clusters are monotone. A ligature belongs to the range holding its first character.
std::span<const ShapedGlyph> glyphs_in(const ShapedRun& run, std::uint32_t begin, std::uint32_t end);

// True when the run can be cut before text[position] and both pieces keep these glyphs: position
// is the run's start or end, or starts a cluster none of whose glyphs is unsafe to break. False
// inside a cluster (a ligature, a base and its marks) and where HarfBuzz flagged the cut.
bool safe_to_break_at(const ShapedRun& run, std::uint32_t position);

// Width of glyphs in points at the run's size.
double width_in_points(const ShapedRun& run);

// Text dump for golden tests and `nashr --dump=shape`: per run its range, level, direction, script,
// language, font, size, features and text, then its glyphs as HarfBuzz's hb-shape prints them
// (name=cluster+advance, @x,y offsets when not zero, #1 when unsafe to break).
std::string dump_shaped(const ShapedParagraph& paragraph);

}  // namespace nashr
