#include "shape/shape.h"

#include <hb.h>

#include <algorithm>
#include <cassert>
#include <string>
#include <string_view>

#include "fonts/font_db.h"
#include "shape/harfbuzz_shaping.h"
#include "shape/piece_cache.h"

namespace nashr {

using namespace shaping;  // this stage's own helpers (harfbuzz_shaping.h, piece_cache.h)

namespace {

// ---- Shaping word by word, with a cache ------------------------------------------------------
//
// Most of an issue's words occur many times, so shape() shapes a run one piece at a time (a word
// with the spaces after it) and remembers each piece's glyphs. A piece shaped alone gets the glyphs
// it gets inside its run when nothing reaches across the space that ends the previous piece:
//  - HarfBuzz's context characters are used only for Arabic joining (and to decide whether a
//    leading mark needs a dotted circle), where the nearest non-transparent character decides. A
//    piece after a space therefore keys on that space alone, a piece ending in a space on no
//    following context; other pieces (at a run's edges) key on all the context HarfBuzz takes.
//  - The font's lookups for this run (its shape plan) may involve the space glyph. Not at all: any
//    space splits. Only as input or output (Vazirmatn kerns a space before "T", and makes a spacing
//    mark of a space followed by a haraka): a space splits unless the text after it shapes
//    differently together with the space than apart from it (tried once per distinct beginning).
//    As context (lookbehind or lookahead): the run is shaped whole.
// tests/shape checks that shaping by pieces gives the glyphs of whole runs, on the sample issues
// and on synthetic ones, for every font and style we ship.

// The key of text[begin, end): the context HarfBuzz would see, reduced to what decides (above),
// then the piece itself.
void piece_key(std::u16string_view text, std::uint32_t begin, std::uint32_t end, std::u16string& key) {
  key.clear();
  const auto length = static_cast<std::uint32_t>(text.size());
  if (begin > 0 && text[begin - 1] == u' ') {
    key += u'\x01';
  } else {
    const std::uint32_t from = begin > kHbContext ? begin - kHbContext : 0;
    key += static_cast<char16_t>(u'\x10' + (begin - from));
    key.append(text.substr(from, begin - from));
  }
  if (text[end - 1] == u' ') {
    key += u'\x02';
  } else {
    const std::uint32_t to = std::min(length, end + kHbContext);
    key += static_cast<char16_t>(u'\x20' + (to - end));
    key.append(text.substr(end, to - end));
  }
  key.append(text.substr(begin, end - begin));
}

// Shapes the run piece by piece through the cache, appending the glyphs to `out` in visual order.
// False (and nothing appended) when the run's lookups see the space as context, or, with
// `warm_up`, while the setup has not yet had kWholeRunsFirst runs.
bool shape_run_by_pieces(const ItemizedParagraph& paragraph, const TextRun& run, bool warm_up,
                         std::vector<ShapedGlyph>& out) {
  const std::u16string_view text = paragraph.text();
  WordCaches& caches = word_caches();
  SetupCache& setup = setup_cache(caches, run);
  // Finding how the lookups use the space costs milliseconds per setup (every lookup's glyphs are
  // collected): a setup's first runs are shaped whole, so short documents never pay for it.
  if (!setup.space_use_known) {
    if (warm_up && ++setup.whole_runs <= kWholeRunsFirst) return false;
    setup.space_use = space_use(run);
    setup.space_use_known = true;
  }
  if (setup.space_use == SpaceUse::context) return false;

  // Whether the piece ending at `end` (after a space) must go on into the next word.
  auto joined = [&](std::uint32_t end) {
    if (setup.space_use == SpaceUse::none) return false;
    const std::u16string_view after = text.substr(end, std::min(kSpaceReach, run.end - end));
    const std::uint64_t key = after_space_key(after);
    const bool* known = setup.joins_space.find(key);
    return known != nullptr ? *known : setup.joins_space.add(key, joins_space(run, after));
  };

  struct Piece {
    std::uint32_t begin;
    PieceTable::Glyphs glyphs;  // offsets, not pointers: adding a piece may move the arena
  };
  thread_local std::vector<Piece> pieces;
  thread_local std::vector<ShapedGlyph> fresh;
  pieces.clear();
  std::size_t glyph_total = 0;
  for (std::uint32_t begin = run.begin; begin < run.end;) {
    std::uint32_t end = begin;
    do {
      while (end < run.end && text[end] != u' ') ++end;
      while (end < run.end && text[end] == u' ') ++end;
    } while (end < run.end && joined(end));
    piece_key(text, begin, end, caches.key);
    const std::uint64_t hash = PieceTable::hash(caches.key);
    const PieceTable::Glyphs* found = setup.pieces.find(caches.key, hash);
    if (found == nullptr) {
      fresh.clear();
      append_glyphs(shape_in_context(run, text, begin, end - begin, begin == 0, end == text.size()), 0,
                    fresh);
      for (ShapedGlyph& glyph : fresh) glyph.cluster -= begin;
      const std::u16string_view own = text.substr(begin, end - begin);
      found =
          &setup.pieces.add(caches.key, hash, fresh, std::none_of(own.begin(), own.end(), needs_finishing));
      ++caches.pieces;
    }
    pieces.push_back({begin, *found});
    glyph_total += found->count;
    begin = end;
  }
  const std::size_t first = out.size();
  out.reserve(first + glyph_total);
  auto append = [&](const Piece& piece) {
    const std::size_t piece_first = out.size();
    setup.pieces.append_glyphs_to(piece.glyphs, piece.begin, out);
    if (!piece.glyphs.plain) finish_glyphs(paragraph, run, out, piece_first);
  };
  if (run.rtl()) {
    for (auto piece = pieces.rbegin(); piece != pieces.rend(); ++piece) append(*piece);
  } else {
    for (const Piece& piece : pieces) append(piece);
  }
  return true;
}

}  // namespace

ShapedParagraph shape(const ItemizedParagraph& paragraph, ShapeStrategy strategy) {
  ShapedParagraph result;
  result.text = paragraph.text();
  result.paragraph_level = paragraph.bidi.paragraph_level();
  result.runs.reserve(paragraph.runs.size());
  const auto length = static_cast<std::uint32_t>(paragraph.text().size());
  for (const TextRun& run : paragraph.runs) {
    ShapedRun shaped{.run = run, .glyphs = {}};
    const bool by_piece =
        strategy != ShapeStrategy::whole_runs && run.font != nullptr &&
        shape_run_by_pieces(paragraph, run, strategy == ShapeStrategy::automatic, shaped.glyphs);
    if (!by_piece) shape_range(paragraph, run, run.begin, run.end, 0, length, shaped.glyphs);
    result.runs.push_back(std::move(shaped));
  }
  return result;
}

std::vector<ShapedGlyph> reshape(const ItemizedParagraph& paragraph, const TextRun& run, std::uint32_t begin,
                                 std::uint32_t end, LineEdges edges) {
  assert(run.begin <= begin && begin <= end && end <= run.end && "reshape outside its run");
  std::vector<ShapedGlyph> glyphs;
  const auto length = static_cast<std::uint32_t>(paragraph.text().size());
  shape_range(paragraph, run, begin, end, edges.line_start ? begin : 0, edges.line_end ? end : length,
              glyphs);
  return glyphs;
}

std::vector<ShapedGlyph> shape_substitute(const ItemizedParagraph& paragraph, const TextRun& run,
                                          std::uint32_t begin, std::uint32_t end,
                                          std::u16string_view substitute, LineEdges edges) {
  assert(run.begin <= begin && begin <= end && end <= run.end && "substitute outside its run");
  std::vector<ShapedGlyph> glyphs;
  if (run.font == nullptr || substitute.empty()) return glyphs;
  // HarfBuzz looks at no more than a few characters of context on either side.
  constexpr std::uint32_t kContext = 8;
  const std::u16string& text = paragraph.text();
  const auto length = static_cast<std::uint32_t>(text.size());
  const std::uint32_t before_begin = edges.line_start ? begin : (begin > kContext ? begin - kContext : 0);
  const std::uint32_t after_end = edges.line_end ? end : std::min(length, end + kContext);
  std::u16string context = text.substr(before_begin, begin - before_begin);
  context.append(substitute);
  context.append(text, end, after_end - end);
  const std::uint32_t offset = begin - before_begin;
  const bool bot = before_begin == 0 || edges.line_start;
  const bool eot = after_end == length || edges.line_end;

  // Most words with kashida recur (a word, its tatweels and spaces around it): their glyphs are
  // kept per thread. The key is everything HarfBuzz is given, with the context reduced as for
  // pieces: a space next to the word ends the context that Arabic joining reads.
  WordCaches& caches = word_caches();
  SetupCache& setup = setup_cache(caches, run);
  std::u16string& key = caches.key;
  key.assign(1, static_cast<char16_t>((bot ? 1 : 0) | (eot ? 2 : 0)));
  if (edges.line_start) {
    key += u'\x03';
  } else if (begin > 0 && text[begin - 1] == u' ') {
    key += u'\x01';
  } else {
    key += static_cast<char16_t>(u'\x10' + offset);
    key.append(text, before_begin, offset);
  }
  if (edges.line_end) {
    key += u'\x04';
  } else if (end < length && text[end] == u' ') {
    key += u'\x02';
  } else {
    key += static_cast<char16_t>(u'\x20' + (after_end - end));
    key.append(text, end, after_end - end);
  }
  key.append(substitute);
  const std::uint64_t hash = PieceTable::hash(key);
  if (const PieceTable::Glyphs* found = setup.substitutes.find(key, hash)) {
    setup.substitutes.append_glyphs_to(*found, 0, glyphs);
    return glyphs;
  }
  hb_buffer_t* buffer =
      shape_in_context(run, context, offset, static_cast<std::uint32_t>(substitute.size()), bot, eot);
  append_glyphs(buffer, 0, glyphs);
  for (ShapedGlyph& glyph : glyphs) glyph.cluster -= offset;
  setup.substitutes.add(key, hash, glyphs, false);
  ++caches.pieces;
  return glyphs;
}

std::span<const ShapedGlyph> glyphs_in(const ShapedRun& run, std::uint32_t begin, std::uint32_t end) {
  const std::vector<ShapedGlyph>& glyphs = run.glyphs;
  auto inside = [&](const ShapedGlyph& glyph) { return glyph.cluster >= begin && glyph.cluster < end; };
  const auto first = std::find_if(glyphs.begin(), glyphs.end(), inside);
  const auto last = std::find_if_not(first, glyphs.end(), inside);
  return {glyphs.data() + (first - glyphs.begin()), static_cast<std::size_t>(last - first)};
}

bool safe_to_break_at(const ShapedRun& run, std::uint32_t position) {
  if (position <= run.run.begin || position >= run.run.end) return true;
  bool starts_cluster = false;
  for (const ShapedGlyph& glyph : run.glyphs) {
    if (glyph.cluster != position) continue;
    if (glyph.unsafe_to_break) return false;
    starts_cluster = true;
  }
  return starts_cluster;
}

double width_in_points(const ShapedRun& run) {
  if (run.run.font == nullptr) return 0;
  long long units = 0;
  for (const ShapedGlyph& glyph : run.glyphs) units += glyph.x_advance;
  return static_cast<double>(units) * run.run.font_size / run.run.font->units_per_em();
}

}  // namespace nashr
