#include "linebreak/lines.h"

#include <algorithm>
#include <array>
#include <cassert>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <span>
#include <string_view>
#include <utility>

#include "base/utf8.h"
#include "fonts/font_db.h"
#include "linebreak/kashida.h"
#include "text/letter_properties.h"

namespace nashr {

namespace {

// PlacedGlyph keeps offsets in 16 bits; no font offsets a mark by 16 em, but a bad font must not wrap.
std::int16_t glyph_offset(std::int32_t units) {
  return static_cast<std::int16_t>(std::clamp<std::int32_t>(units, INT16_MIN, INT16_MAX));
}

// Inter-word glue, as a fraction of the space's own width (TeX's ratios for a 10 pt roman font:
// 3.33 pt plus 1.67 minus 1.11).
constexpr double kSpaceStretch = 0.5;
constexpr double kSpaceShrink = 1.0 / 3.0;
// A break after a hyphen in Latin text (TeX's \hyphenpenalty / \exhyphenpenalty).
constexpr double kHyphenBreakCost = 50;
// A break between two clusters of a word wider than the measure: a last resort.
constexpr double kOverlongBreakCost = 5000;
// The most tatweels one kashida may insert.
constexpr int kKashidaMaxTatweels = 2;
constexpr char16_t kTatweel = 0x0640;

bool is_hard_break(char16_t c) {
  return c == 0x2028 || c == 0x2029;
}

// UTF-16 units [begin, end) as UTF-8, appended to `out`, skipping the units `skip` says are not
// text. Surrogate pairs are kept together (both halves are skipped or kept alike).
template <typename Skip>
void append_utf8_of(std::string& out, std::u16string_view text, std::uint32_t begin, std::uint32_t end,
                    Skip skip) {
  for (std::uint32_t i = begin; i < end; ++i) {
    if (skip(i)) continue;
    std::size_t at = i;
    append_utf8(out, code_point_at(text, at, end));
    i = static_cast<std::uint32_t>(at);
  }
}

double points(std::int64_t units, const TextRun& run) {
  return run.font == nullptr ? 0 : static_cast<double>(units) * run.font_size / run.font->units_per_em();
}

// What a break item stands for in the paragraph's text.
enum class Role { indent, text, space, kashida, opportunity, forced };

struct ItemSource {
  Role role = Role::text;
  std::uint32_t begin = 0;  // text range of a box; the character of a space; a join; a break position
  std::uint32_t end = 0;
  int word = -1;
};

// The text between two break opportunities (or spaces): a box, or several when split.
struct Word {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
  std::uint32_t join = 0;  // kashida opportunity before text[join]; 0: none
  double kashida_max = 0;  // points
  bool split = false;      // wider than the measure: one box per cluster
};

// One glyph on its way to a line: the shaped glyph, its text, and where it came from.
struct LineGlyph {
  ShapedGlyph glyph;
  // Its text (UTF-8): bytes [text_offset, text_offset + text_size) of the line's texts, so
  // building a line allocates no string per glyph.
  std::uint32_t text_offset = 0;
  std::uint32_t text_size = 0;
  std::uint32_t position = 0;  // the paragraph position of its cluster (a tatweel: its join)
  double width = 0;            // points; for inter-word spaces, the justified width
  bool glue = false;           // the first glyph of an inter-word space on the line
};

// Consecutive glyphs of one run from one shaping (the paragraph's or a reshaped piece), logical
// order between segments, visual order inside: [first, last) of the line's glyphs.
struct Segment {
  std::size_t first = 0;
  std::size_t last = 0;
};

// A stretch of one TextRun on a line: segments [first_segment, last_segment) of the line's
// segments, in logical order.
struct RunSlice {
  std::uint32_t run = 0;
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
  std::size_t first_segment = 0;
  std::size_t last_segment = 0;
};

// One cluster of a segment's glyphs while their texts are assigned (cluster_texts()).
struct TextCluster {
  std::uint32_t position;
  std::size_t base;
  bool spacing;  // some glyph of the cluster advances
};

// The working state of a LineSetter: vectors sized by the paragraph or the line, kept per thread
// from one paragraph to the next (break_lines()) so that their memory is allocated once, not per
// paragraph. Every use starts by clearing or assigning them.
struct LineSetterBuffers {
  std::vector<std::uint32_t> run_of_;  // per unit: its TextRun
  std::vector<double> width_before_;   // prefix sums of glyph widths (points) by cluster
  // Flags as bytes, not std::vector<bool>: read for every unit and glyph, where bit access costs.
  std::vector<std::uint8_t> cluster_start_;  // a glyph's cluster starts here
  std::vector<std::uint8_t> unsafe_;         // a glyph of the cluster starting here is unsafe to break
  // Per cluster start: the first and last of its glyphs, as indices into its run's glyphs.
  std::vector<std::uint32_t> first_glyph_, last_glyph_;
  // Per space position: its index in the current line's glue (-1: none); reset after each line.
  std::vector<std::int32_t> glue_slot_;
  std::vector<std::uint8_t> space_;        // an inter-word space
  std::vector<std::uint8_t> opportunity_;  // per position 0..n: 0 none, 1 break, 2 hard break
  std::vector<Word> words_;
  std::vector<BreakItem> items_;
  std::vector<ItemSource> sources_;
  // Per TextRun: the width of its font's tatweel (0: none), and whether its words may take kashida.
  std::vector<double> run_tatweel_width_;
  std::vector<bool> run_takes_kashida_;

  // The line being set (set_line()), kept between lines so that setting one allocates little.
  struct LineGlue {
    std::uint32_t position;
    double width, natural;
  };
  std::vector<std::pair<int, int>> tatweels_;  // (word, tatweels) by word
  std::vector<LineGlyph> line_glyphs_;
  std::vector<Segment> line_segments_;
  std::vector<RunSlice> line_slices_;
  std::vector<std::size_t> line_pieces_;  // slices of one visual run
  std::vector<LineGlue> line_glues_;
  // The texts of line_glyphs_, UTF-8: a glyph's text is a stretch of it (no string per glyph).
  std::string line_text_;
  std::vector<TextCluster> text_clusters_;
  std::vector<VisualRun> line_visual_runs_;
};

class LineSetter : private LineSetterBuffers {
 public:
  LineSetter(const StyledParagraph& styled, const ItemizedParagraph& itemized, const ShapedParagraph& shaped,
             const LineSettings& settings, DiagnosticSink& sink, LineSetterBuffers&& buffers)
      : LineSetterBuffers(std::move(buffers)),
        styled_(styled),
        itemized_(itemized),
        shaped_(shaped),
        settings_(settings),
        sink_(sink),
        text_(itemized.text()) {}

  Lines run();
  // The buffers, to be handed to the next LineSetter of this thread.
  LineSetterBuffers release_buffers() { return std::move(static_cast<LineSetterBuffers&>(*this)); }

 private:
  void analyse();
  void find_words();
  void choose_kashida(Word& word) const;
  bool kashida_fits_join(std::uint32_t j, LetterProperties before, LetterProperties after) const;
  void build_items();
  Line set_line(const LineBreaks& breaks, std::size_t index, std::uint32_t begin, std::uint32_t end);
  RunSlice slice_run(std::uint32_t run_index, std::uint32_t begin, std::uint32_t end,
                     std::uint32_t line_begin, std::uint32_t content_end);
  void append_segment(std::span<const ShapedGlyph> glyphs, const TextRun& run);
  void original_segment(std::uint32_t run_index, std::uint32_t begin, std::uint32_t end);
  void reshaped_segment(std::uint32_t run_index, std::uint32_t begin, std::uint32_t end, LineEdges edges,
                        std::uint32_t join, int tatweels);
  void warn_overlong(const Word& word, double width, double available);

  double width(std::uint32_t begin, std::uint32_t end) const {
    return width_before_[end] - width_before_[begin];
  }
  bool skipped(std::uint32_t position) const {
    return itemized_.inserted[position] || is_hard_break(text_[position]);
  }
  int word_at(std::uint32_t position) const;
  // shape.h's safe_to_break_at() and glyphs_in() in constant time, from the tables analyse() made.
  bool safe_at(std::uint32_t run_index, std::uint32_t position) const {
    const TextRun& run = itemized_.runs[run_index];
    if (position <= run.begin || position >= run.end) return true;
    return cluster_start_[position] && !unsafe_[position];
  }
  std::span<const ShapedGlyph> glyph_slice(std::uint32_t run_index, std::uint32_t begin,
                                           std::uint32_t end) const;
  double tatweel_width(const TextRun& run) const;
  const TextRun& run_at(std::uint32_t position) const { return itemized_.runs[run_of_[position]]; }
  SourceLocation location_of(std::uint32_t position) const;
  const std::vector<VisualRun>& visual_runs(std::uint32_t begin, std::uint32_t end);

  const StyledParagraph& styled_;
  const ItemizedParagraph& itemized_;
  const ShapedParagraph& shaped_;
  const LineSettings& settings_;
  DiagnosticSink& sink_;
  std::u16string_view text_;
};

void LineSetter::analyse() {
  const auto n = static_cast<std::uint32_t>(text_.size());
  run_of_.assign(n, 0);
  for (std::uint32_t r = 0; r < itemized_.runs.size(); ++r) {
    const std::uint32_t begin = std::min(itemized_.runs[r].begin, n),
                        end = std::min(itemized_.runs[r].end, n);
    if (begin < end) std::fill(run_of_.begin() + begin, run_of_.begin() + end, r);
  }
  // width_before_[i + 1] first sums the widths of cluster i, then the prefix sums are taken in place.
  width_before_.assign(n + 1, 0);
  cluster_start_.assign(n + 1, 0);
  unsafe_.assign(n + 1, 0);
  first_glyph_.assign(n + 1, 0);
  last_glyph_.assign(n + 1, 0);
  glue_slot_.assign(n + 1, -1);
  for (const ShapedRun& run : shaped_.runs) {
    for (std::uint32_t g = 0; g < run.glyphs.size(); ++g) {
      const ShapedGlyph& glyph = run.glyphs[g];
      if (glyph.cluster >= n) continue;
      width_before_[glyph.cluster + 1] += points(glyph.x_advance, run.run);
      if (!cluster_start_[glyph.cluster]) first_glyph_[glyph.cluster] = g;
      last_glyph_[glyph.cluster] = g;
      cluster_start_[glyph.cluster] = 1;
      if (glyph.unsafe_to_break) unsafe_[glyph.cluster] = 1;
    }
  }
  for (std::uint32_t i = 0; i < n; ++i) width_before_[i + 1] = width_before_[i] + width_before_[i + 1];
  space_.assign(n, 0);
  for (const std::uint32_t position : itemized_.spaces) {
    if (position < n) space_[position] = 1;
  }
  opportunity_.assign(n + 1, 0);
  for (const BreakOpportunity& opportunity : itemized_.breaks) {
    if (opportunity.position <= n) opportunity_[opportunity.position] = opportunity.hard ? 2 : 1;
  }
  run_tatweel_width_.assign(itemized_.runs.size(), 0);
  run_takes_kashida_.assign(itemized_.runs.size(), false);
  for (std::size_t r = 0; r < itemized_.runs.size(); ++r) {
    const TextRun& run = itemized_.runs[r];
    run_tatweel_width_[r] = tatweel_width(run);
    run_takes_kashida_[r] = run.script == "Arab" && run.rtl() && run_tatweel_width_[r] > 0;
  }
}

void LineSetter::find_words() {
  const auto n = static_cast<std::uint32_t>(text_.size());
  words_.clear();
  constexpr std::uint32_t kNone = UINT32_MAX;
  std::uint32_t open = kNone;  // start of the word being read
  const auto close = [&](std::uint32_t at) {
    if (open != kNone && open < at) words_.push_back({open, at, 0, 0, false});
    open = kNone;
  };
  for (std::uint32_t i = 0; i < n; ++i) {
    if (opportunity_[i] != 0) close(i);
    if (space_[i] || is_hard_break(text_[i])) {
      close(i);
      continue;
    }
    if (open == kNone) open = i;
  }
  close(n);
  if (settings_.kashida) {
    for (Word& word : words_) choose_kashida(word);
  }
}

double LineSetter::tatweel_width(const TextRun& run) const {
  if (run.font == nullptr) return 0;
  const std::uint32_t glyph = run.font->glyph_for(kTatweel);
  return glyph == 0 ? 0 : points(run.font->advance(glyph), run);
}

// The join of a word that takes its kashida: between two letters of one Arabic run, the first
// dual-joining, the second joining back, not lam-alef, not inside a ligature; never in a word with
// a combining mark (harakat, hamza above), in «الله» (lam lam heh), with U+FDF2 or a tatweel the
// author typed, or across ZWNJ (a ZWNJ between two letters is no join). Among the eligible joins
// the last one after seen/sad wins, else the word's last join.
void LineSetter::choose_kashida(Word& word) const {
  std::uint32_t last = 0, after_seen = 0;
  LetterProperties before;
  for (std::uint32_t j = word.begin; j < word.end; ++j) {
    const char16_t c = text_[j];
    const LetterProperties letter = letter_properties(c);
    if (letter.combining_mark() || itemized_.inserted[j] || c == 0xFDF2 || c == kTatweel) return;
    if (j + 2 < word.end && c == 0x0644 && text_[j + 1] == 0x0644 && text_[j + 2] == 0x0647) return;
    if (j > word.begin && kashida_fits_join(j, before, letter)) {
      last = j;
      if (before.seen_or_sad()) after_seen = j;
    }
    before = letter;
  }
  word.join = after_seen != 0 ? after_seen : last;
  if (word.join != 0) word.kashida_max = kKashidaMaxTatweels * run_tatweel_width_[run_of_[word.join]];
}

// Whether the join between text[j - 1] (`before`) and text[j] (`after`) may take a kashida.
bool LineSetter::kashida_fits_join(std::uint32_t j, LetterProperties before, LetterProperties after) const {
  if (!before.dual_joining() || !after.joins_back()) return false;
  if (before.lam() && after.alef()) return false;  // it would break the lam-alef ligature
  if (run_of_[j - 1] != run_of_[j] || !cluster_start_[j] || !cluster_start_[j - 1]) return false;
  return run_takes_kashida_[run_of_[j]];
}

void LineSetter::build_items() {
  items_.clear();
  sources_.clear();
  // A word is one box (three with kashida); each space, break or hard break adds one or two items.
  const std::size_t expected = 3 * words_.size() + itemized_.spaces.size() + itemized_.breaks.size() + 2;
  items_.reserve(expected);
  sources_.reserve(expected);
  const auto push = [&](const BreakItem& item, const ItemSource& source) {
    items_.push_back(item);
    items_.back().payload = items_.size() - 1;
    sources_.push_back(source);
  };
  if (settings_.first_line_indent > 0) push(BreakItem::box(settings_.first_line_indent), {Role::indent});
  const auto n = static_cast<std::uint32_t>(text_.size());
  std::size_t next_word = 0;
  bool after_word = false;
  for (std::uint32_t i = 0; i < n;) {
    if (next_word < words_.size() && words_[next_word].begin == i) {
      const Word& word = words_[next_word];
      const int w = static_cast<int>(next_word);
      if (after_word) {
        // Two words with no space between: ICU's break opportunity (after a hyphen, a slash, ...).
        const char16_t before = text_[i - 1];
        const bool hyphen = before == u'-' || before == 0x2010;
        push(BreakItem::penalty(0, hyphen ? kHyphenBreakCost : 0, hyphen), {Role::opportunity, i, i, w});
      }
      if (word.split) {
        std::uint32_t piece = word.begin;
        for (std::uint32_t p = word.begin + 1; p <= word.end; ++p) {
          // Cluster boundaries, but never before a ZWNJ or ZWJ: it belongs to the letters before it.
          const bool joiner = p < word.end && (text_[p] == 0x200C || text_[p] == 0x200D);
          const bool boundary =
              p == word.end ||
              (!joiner && ((cluster_start_[p] && !itemized_.inserted[p]) || run_of_[p] != run_of_[p - 1]));
          if (!boundary) continue;
          if (piece != word.begin) {
            push(BreakItem::penalty(0, kOverlongBreakCost), {Role::opportunity, piece, piece, w});
          }
          push(BreakItem::box(width(piece, p)), {Role::text, piece, p, w});
          piece = p;
        }
      } else if (word.join != 0) {
        push(BreakItem::box(width(word.begin, word.join)), {Role::text, word.begin, word.join, w});
        push(BreakItem::kashida(word.kashida_max), {Role::kashida, word.join, word.join, w});
        push(BreakItem::box(width(word.join, word.end)), {Role::text, word.join, word.end, w});
      } else {
        push(BreakItem::box(width(word.begin, word.end)), {Role::text, word.begin, word.end, w});
      }
      i = word.end;
      ++next_word;
      after_word = true;
      if (i < n && opportunity_[i] == 2 && !is_hard_break(text_[i - 1])) {
        // A mandatory break after a character other than U+2028 (a form feed, NEL).
        push(BreakItem::fill(), {Role::forced, i, i});
        push(BreakItem::forced_break(), {Role::forced, i, i});
        after_word = false;
      }
      continue;
    }
    if (space_[i]) {
      std::uint32_t run_end = i;
      while (run_end < n && space_[run_end]) ++run_end;
      const double natural = width(i, i + 1);
      BreakItem glue = BreakItem::glue(natural, natural * kSpaceStretch, natural * kSpaceShrink);
      glue.breakable = opportunity_[run_end] != 0;  // no break at U+00A0
      push(glue, {Role::space, i, i + 1});
    } else if (is_hard_break(text_[i])) {
      push(BreakItem::fill(), {Role::forced, i, i + 1});
      push(BreakItem::forced_break(), {Role::forced, i + 1, i + 1});
    }
    after_word = false;
    ++i;
  }
}

int LineSetter::word_at(std::uint32_t position) const {
  const auto found = std::upper_bound(words_.begin(), words_.end(), position,
                                      [](std::uint32_t p, const Word& word) { return p < word.begin; });
  if (found == words_.begin()) return -1;
  const auto index = static_cast<int>(found - words_.begin()) - 1;
  return position < words_[static_cast<std::size_t>(index)].end ? index : -1;
}

SourceLocation LineSetter::location_of(std::uint32_t position) const {
  if (position < run_of_.size()) {
    const std::uint32_t span = run_at(position).span;
    if (span < styled_.spans.size() && styled_.spans[span].location.known())
      return styled_.spans[span].location;
  }
  return styled_.location;
}

void LineSetter::warn_overlong(const Word& word, double word_width, double available) {
  std::string text;
  append_utf8_of(text, text_, word.begin, word.end, [&](std::uint32_t i) { return skipped(i); });
  char numbers[96];
  std::snprintf(numbers, sizeof numbers, " (%.1f pt) does not fit the measure (%.1f pt)", word_width,
                available);
  sink_.warning(location_of(word.begin),
                "the word \u201C" + text + "\u201D" + numbers + "; it is broken between its letters",
                "allow a break in it (a space, or a hyphen in Latin text), shorten it, or widen the column");
}

std::span<const ShapedGlyph> LineSetter::glyph_slice(std::uint32_t run_index, std::uint32_t begin,
                                                     std::uint32_t end) const {
  // Clusters are monotone in the run, so the glyphs of [begin, end) lie between the glyphs of its
  // first and its last cluster, whichever way the run goes.
  std::uint32_t first = begin, last = end;
  while (first < end && !cluster_start_[first]) ++first;
  while (last > first && !cluster_start_[last - 1]) --last;
  if (first >= last) return {};
  const std::vector<ShapedGlyph>& glyphs = shaped_.runs[run_index].glyphs;
  const std::uint32_t lo = std::min(first_glyph_[first], first_glyph_[last - 1]);
  const std::uint32_t hi = std::max(last_glyph_[first], last_glyph_[last - 1]) + 1;
  return {glyphs.data() + lo, hi - lo};
}

// Texts of glyphs (visual order) whose clusters index `text`: the characters from a cluster to
// the next cluster (or `end`) go on the cluster's first glyph with an advance (its base), minus
// the characters `skip` rejects; characters before the first cluster go with the first cluster.
// HarfBuzz (cluster level MONOTONE_CHARACTERS) gives a mark its own cluster and glyph (Naskh's
// hamza above in «هٔ»); a cluster of combining marks drawn without advance joins the text of the
// cluster before it, so readers copy «هٔ», not «ه» and a stray «ٔ».
// The texts are appended to `arena` and `out` (parallel to `glyphs`, texts empty) records where;
// `clusters` is scratch space.
template <typename Skip>
void cluster_texts(std::span<const ShapedGlyph> glyphs, std::u16string_view text, std::uint32_t begin,
                   std::uint32_t end, Skip skip, std::vector<TextCluster>& clusters, std::string& arena,
                   std::span<LineGlyph> out) {
  assert(out.size() == glyphs.size());
  // The usual segment: one glyph per UTF-16 unit of [begin, end), in order one way or the other, and
  // no mark without advance: every glyph is its own cluster and carries its own character, which
  // is what the general case below finds too, without sorting clusters.
  const std::size_t count = glyphs.size();
  if (count > 0 && count == end - begin && end <= text.size()) {
    const bool forward = glyphs[0].cluster == begin;
    const bool backward = glyphs[0].cluster == end - 1;
    bool simple = forward || backward;
    for (std::size_t g = 0; simple && g < count; ++g) {
      const std::uint32_t expected =
          forward ? begin + static_cast<std::uint32_t>(g) : end - 1 - static_cast<std::uint32_t>(g);
      simple = glyphs[g].cluster == expected &&
               (glyphs[g].x_advance != 0 || !letter_properties(text[glyphs[g].cluster]).combining_mark());
    }
    if (simple) {
      for (std::size_t g = 0; g < count; ++g) {
        const std::uint32_t position = glyphs[g].cluster;
        const std::size_t start = arena.size();
        const char16_t c = text[position];
        if (c >= 0xD800 && c <= 0xDFFF) {
          append_utf8_of(arena, text, position, position + 1, skip);  // a lone surrogate
        } else if (!skip(position)) {
          append_utf8(arena, c);
        }
        out[g].text_offset = static_cast<std::uint32_t>(start);
        out[g].text_size = static_cast<std::uint32_t>(arena.size() - start);
      }
      return;
    }
  }
  // The glyphs of a cluster are consecutive: one entry per cluster, with the glyph carrying its text.
  clusters.clear();
  for (std::size_t g = 0; g < glyphs.size(); ++g) {
    if (clusters.empty() || glyphs[clusters.back().base].cluster != glyphs[g].cluster) {
      clusters.push_back({glyphs[g].cluster, g, glyphs[g].x_advance != 0});
    } else if (glyphs[g].x_advance != 0) {
      if (!clusters.back().spacing) clusters.back().base = g;
      clusters.back().spacing = true;
    }
  }
  // Logical order: clusters are monotone in a shaped run, so the visual order is already sorted
  // (left to right) or reversed (right to left); sort only what is neither.
  bool ascending = true, descending = true;
  for (std::size_t k = 1; k < clusters.size(); ++k) {
    ascending = ascending && clusters[k - 1].position < clusters[k].position;
    descending = descending && clusters[k - 1].position > clusters[k].position;
  }
  if (descending && !ascending) {
    std::reverse(clusters.begin(), clusters.end());
  } else if (!ascending) {
    std::sort(clusters.begin(), clusters.end(),
              [](const TextCluster& a, const TextCluster& b) { return a.position < b.position; });
  }
  // The cluster whose glyph takes the text of the marks after it; its text is the tail of `arena`
  // from `owner_start` on, since only it appends until the next owner.
  std::size_t owner = 0;
  std::size_t owner_start = arena.size();
  const auto close_owner = [&] {
    LineGlyph& glyph = out[clusters[owner].base];
    glyph.text_offset = static_cast<std::uint32_t>(owner_start);
    glyph.text_size = static_cast<std::uint32_t>(arena.size() - owner_start);
  };
  for (std::size_t k = 0; k < clusters.size(); ++k) {
    const std::uint32_t from = k == 0 ? std::min(begin, clusters[k].position) : clusters[k].position;
    const std::uint32_t to =
        k + 1 == clusters.size() ? std::max(end, clusters[k].position) : clusters[k + 1].position;
    const bool mark =
        k > 0 && !clusters[k].spacing && from < text.size() && letter_properties(text[from]).combining_mark();
    if (!mark) {
      if (k > 0) close_owner();
      owner = k;
      owner_start = arena.size();
    }
    append_utf8_of(arena, text, from, to, skip);
  }
  if (!clusters.empty()) close_owner();
}

void LineSetter::append_segment(std::span<const ShapedGlyph> glyphs, const TextRun& run) {
  line_segments_.push_back({line_glyphs_.size(), line_glyphs_.size() + glyphs.size()});
  for (const ShapedGlyph& glyph : glyphs) {
    line_glyphs_.push_back({glyph, 0, 0, glyph.cluster, points(glyph.x_advance, run), false});
  }
}

void LineSetter::original_segment(std::uint32_t run_index, std::uint32_t begin, std::uint32_t end) {
  const ShapedRun& shaped = shaped_.runs[run_index];
  const std::span<const ShapedGlyph> glyphs = glyph_slice(run_index, begin, end);
  assert(std::all_of(glyphs.begin(), glyphs.end(),
                     [&](const ShapedGlyph& g) { return g.cluster >= begin && g.cluster < end; }));
  append_segment(glyphs, shaped.run);
  cluster_texts(
      glyphs, text_, begin, end, [&](std::uint32_t i) { return skipped(i); }, text_clusters_, line_text_,
      std::span(line_glyphs_).subspan(line_segments_.back().first));
}

void LineSetter::reshaped_segment(std::uint32_t run_index, std::uint32_t begin, std::uint32_t end,
                                  LineEdges edges, std::uint32_t join, int tatweels) {
  const TextRun& run = itemized_.runs[run_index];
  if (tatweels <= 0) {
    const std::vector<ShapedGlyph> glyphs = reshape(itemized_, run, begin, end, edges);
    append_segment(glyphs, run);
    cluster_texts(
        glyphs, text_, begin, end, [&](std::uint32_t i) { return skipped(i); }, text_clusters_, line_text_,
        std::span(line_glyphs_).subspan(line_segments_.back().first));
    return;
  }
  // The word with `tatweels` U+0640 before text[join], shaped again so every join stays right.
  const std::uint32_t at = join - begin;
  const auto count = static_cast<std::uint32_t>(tatweels);
  std::u16string substitute(text_.substr(begin, join - begin));
  substitute.append(count, kTatweel);
  substitute.append(text_.substr(join, end - join));
  const std::vector<ShapedGlyph> glyphs = shape_substitute(itemized_, run, begin, end, substitute, edges);
  const auto is_tatweel = [&](std::uint32_t i) { return i >= at && i < at + count; };
  const auto to_paragraph = [&](std::uint32_t i) {
    return i < at ? begin + i : i < at + count ? join : begin + i - count;
  };
  append_segment(glyphs, run);
  const std::span<LineGlyph> added = std::span(line_glyphs_).subspan(line_segments_.back().first);
  cluster_texts(
      glyphs, substitute, 0, static_cast<std::uint32_t>(substitute.size()),
      [&](std::uint32_t i) { return is_tatweel(i) || skipped(to_paragraph(i)); }, text_clusters_, line_text_,
      added);
  for (LineGlyph& glyph : added) {
    glyph.glyph.cluster = to_paragraph(glyph.glyph.cluster);
    glyph.position = glyph.glyph.cluster;
  }
}

// The glyphs of run `run_index` on a line, for its text [begin, end): the paragraph's shaping,
// reshaped where the line cuts the run at a glyph HarfBuzz flagged unsafe to break (the word at
// that edge only) and where a word takes kashida (tatweels_: word index → count). Its segments
// and glyphs are appended to the line's (line_segments_, line_glyphs_).
RunSlice LineSetter::slice_run(std::uint32_t run_index, std::uint32_t begin, std::uint32_t end,
                               std::uint32_t line_begin, std::uint32_t content_end) {
  const TextRun& run = itemized_.runs[run_index];
  RunSlice slice{run_index, begin, end, line_segments_.size(), 0};
  const bool start_cut = begin == line_begin && begin > run.begin;
  const bool end_cut = end == content_end && end < run.end;

  struct Range {
    std::uint32_t begin, end, join;
    int tatweels;
  };
  std::vector<Range> ranges;
  if (start_cut) {
    std::uint32_t first = begin;
    while (first < end && itemized_.inserted[first]) ++first;
    if (first < end && !safe_at(run_index, first)) {
      const int w = word_at(first);
      ranges.push_back({begin, w >= 0 ? std::min(end, words_[static_cast<std::size_t>(w)].end) : end, 0, 0});
    }
  }
  if (end_cut && !safe_at(run_index, end)) {
    const int w = word_at(end - 1);
    ranges.push_back(
        {w >= 0 ? std::max(begin, words_[static_cast<std::size_t>(w)].begin) : begin, end, 0, 0});
  }
  for (const auto& [w, count] : tatweels_) {
    const Word& word = words_[static_cast<std::size_t>(w)];
    if (word.join < begin || word.join >= end) continue;
    ranges.push_back({std::max(word.begin, begin), std::min(word.end, end), word.join, count});
  }
  std::sort(ranges.begin(), ranges.end(), [](const Range& a, const Range& b) { return a.begin < b.begin; });
  std::vector<Range> merged;
  for (const Range& range : ranges) {
    if (!merged.empty() && range.begin < merged.back().end) {
      merged.back().end = std::max(merged.back().end, range.end);
      if (range.tatweels > 0) {
        merged.back().join = range.join;
        merged.back().tatweels = range.tatweels;
      }
    } else {
      merged.push_back(range);
    }
  }
  std::uint32_t at = begin;
  for (const Range& range : merged) {
    if (at < range.begin) original_segment(run_index, at, range.begin);
    const LineEdges edges{.line_start = start_cut && range.begin == begin,
                          .line_end = end_cut && range.end == end};
    reshaped_segment(run_index, range.begin, range.end, edges, range.join, range.tatweels);
    at = range.end;
  }
  if (at < end) original_segment(run_index, at, end);
  slice.last_segment = line_segments_.size();
  return slice;
}

// The visual runs of the line [begin, end) (bidi rules L1 and L2). A line whose units all have the
// paragraph's level (most lines of a one-script paragraph) is one run at that level: rule L1 only
// ever sets levels to the paragraph's, so ICU would find the same; it is asked only for the others.
const std::vector<VisualRun>& LineSetter::visual_runs(std::uint32_t begin, std::uint32_t end) {
  const std::uint8_t level = itemized_.bidi.paragraph_level();
  const std::span<const std::uint8_t> levels = itemized_.bidi.levels();
  if (begin < end && end <= levels.size() &&
      std::all_of(levels.begin() + begin, levels.begin() + end, [&](std::uint8_t l) { return l == level; })) {
    line_visual_runs_.assign(1, VisualRun{begin, end, level});
  } else {
    line_visual_runs_ = itemized_.visual_runs(begin, end);
  }
  return line_visual_runs_;
}

Line LineSetter::set_line(const LineBreaks& breaks, std::size_t index, std::uint32_t begin,
                          std::uint32_t end) {
  const BrokenLine& broken = breaks.lines[index];
  Line line;
  line.rtl = (itemized_.bidi.paragraph_level() & 1) != 0;
  line.ends_paragraph = index + 1 == breaks.lines.size();
  line.location = location_of(begin);
  // Spaces, hard breaks and isolate controls at the line's end are not drawn.
  std::uint32_t content_end = end;
  while (content_end > begin && (space_[content_end - 1] || skipped(content_end - 1))) --content_end;

  // Kashida: whole tatweels spread over the line's joins; what cannot be placed goes back to the spaces.
  tatweels_.clear();  // (word, tatweels), by word
  double kashida_used = -1;
  if (broken.kashida_width > 0) {
    std::vector<KashidaOpportunity> joins;
    std::vector<int> join_words;
    double quantum = 0;
    for (std::size_t i = broken.begin; i < broken.end; ++i) {
      if (sources_[i].role != Role::kashida) continue;
      joins.push_back({i, 0, items_[i].kashida_stretch});
      join_words.push_back(sources_[i].word);
      if (quantum == 0) quantum = run_tatweel_width_[run_of_[sources_[i].begin]];
    }
    // Whole tatweels, rounded up while the joins have room: the spaces then stay just under their
    // limit instead of going beyond it by up to one tatweel.
    double capacity = 0;
    for (const KashidaOpportunity& join : joins) capacity += join.max_extension;
    const double request = std::min(capacity, std::ceil(broken.kashida_width / quantum - 1e-6) * quantum);
    const KashidaDistribution spread = distribute_kashida(request, joins, quantum);
    for (std::size_t k = 0; k < joins.size(); ++k) {
      const Word& word = words_[static_cast<std::size_t>(join_words[k])];
      const double own = run_tatweel_width_[run_of_[word.join]];
      const int count =
          std::min(kKashidaMaxTatweels, static_cast<int>(std::lround(spread.extensions[k] / own)));
      // Items come in word order and a word has one join: tatweels_ stays sorted by word.
      if (count > 0) tatweels_.emplace_back(join_words[k], count);
    }
    kashida_used = spread.used;
  }

  // The glyphs, run by run (logical order). Runs cover the text in order: start at the line's.
  line_glyphs_.clear();
  line_segments_.clear();
  line_slices_.clear();
  line_text_.clear();
  for (auto r = static_cast<std::uint32_t>(begin < run_of_.size() ? run_of_[begin] : 0);
       r < itemized_.runs.size(); ++r) {
    const TextRun& run = itemized_.runs[r];
    if (run.begin >= content_end) break;
    const std::uint32_t from = std::max(run.begin, begin), to = std::min(run.end, content_end);
    if (from >= to || run.font == nullptr) continue;
    line_slices_.push_back(slice_run(r, from, to, begin, content_end));
  }

  // Glue widths: justified by the breaker, then corrected for what reshaping and whole tatweels
  // changed, so a justified line fills the measure exactly.
  const JustifiedLine justified = justify_line(items_, broken, kashida_used);
  line_glues_.clear();  // the line's drawn spaces; glue_slot_ indexes them by position
  for (const JustifiedGlue& glue : justified.glue) {
    if (sources_[glue.item].role != Role::space) continue;
    const std::uint32_t position = sources_[glue.item].begin;
    if (position < begin || position >= content_end) continue;
    glue_slot_[position] = static_cast<std::int32_t>(line_glues_.size());
    line_glues_.push_back({position, glue.width, items_[glue.item].width});
  }
  const bool indented = index == 0 && settings_.first_line_indent > 0;
  double fixed = indented ? settings_.first_line_indent : 0;
  double natural = fixed;
  for (const Segment& segment : line_segments_) {
    std::uint32_t last_glue = UINT32_MAX;
    for (std::size_t g = segment.first; g < segment.last; ++g) {
      LineGlyph& glyph = line_glyphs_[g];
      if (glue_slot_[glyph.position] >= 0 && glyph.position != last_glue) {
        glyph.glue = true;
        last_glue = glyph.position;
        natural += line_glues_[static_cast<std::size_t>(glue_slot_[glyph.position])].natural;
      } else {
        fixed += glyph.width;
        natural += glyph.width;
      }
    }
  }
  double glue_total = 0, glue_natural_total = 0;
  for (const LineGlue& glue : line_glues_) {
    glue_total += glue.width;
    glue_natural_total += glue.natural;
  }
  // A line with no space to stretch (one word, or the piece of one) stays at its width, flush
  // with the start side; so does an overfull line (first fit), whose spaces keep their minimum.
  line.justified = settings_.alignment == LineAlignment::justify && !broken.final_fill &&
                   broken.fill_width == 0 && !line_glues_.empty() && !broken.overfull;
  if (line.justified) {
    const double residual = settings_.width - (fixed + glue_total);
    for (LineGlue& glue : line_glues_) {
      glue.width += glue_natural_total > 0 ? residual * glue.natural / glue_natural_total
                                           : residual / static_cast<double>(line_glues_.size());
    }
    glue_total += residual;
  } else {
    glue_total = 0;
    for (LineGlue& glue : line_glues_) {
      glue.width = std::max(glue.width, glue.natural * (1 - kSpaceShrink));
      glue_total += glue.width;
    }
  }
  for (LineGlyph& glyph : line_glyphs_) {
    if (glyph.glue) glyph.width = line_glues_[static_cast<std::size_t>(glue_slot_[glyph.position])].width;
  }
  for (const LineGlue& glue : line_glues_) glue_slot_[glue.position] = -1;
  const double content = fixed + glue_total;
  line.natural_width = natural;
  line.width = content;

  // Placement: free space on the start side as the alignment says; an RTL line runs from the right.
  const double free_space = settings_.width - content;
  double start_offset = 0;
  if (settings_.alignment == LineAlignment::end) start_offset = free_space;
  if (settings_.alignment == LineAlignment::center) start_offset = free_space / 2;
  const double indent = indented ? settings_.first_line_indent : 0;
  const double visual_width = content - indent;
  double x = line.rtl ? settings_.width - start_offset - indent - visual_width : start_offset + indent;

  // Visual order (bidi rule L2 for this line), each visual run cut at TextRun boundaries.
  double carry = 0;  // rounding of stretched spaces to font units, carried along the line
  for (const VisualRun& visual : visual_runs(begin, end)) {
    line_pieces_.clear();
    for (std::size_t s = 0; s < line_slices_.size(); ++s) {
      const RunSlice& slice = line_slices_[s];
      if (slice.begin < visual.end && visual.begin < slice.end) line_pieces_.push_back(s);
    }
    if (visual.rtl()) std::reverse(line_pieces_.begin(), line_pieces_.end());
    for (const std::size_t s : line_pieces_) {
      const RunSlice& slice = line_slices_[s];
      const TextRun& run = itemized_.runs[slice.run];
      const std::uint32_t from = std::max(slice.begin, visual.begin), to = std::min(slice.end, visual.end);
      const std::size_t first_glyph = line_segments_[slice.first_segment].first;
      const std::size_t last_glyph = line_segments_[slice.last_segment - 1].last;
      LineRun out;
      // Exactly the glyphs emitted below: every glyph of the issue is held until it is paginated.
      // A slice inside the visual run (the common case) has all its glyphs in it.
      std::size_t glyph_count = last_glyph - first_glyph;
      if (from > slice.begin || to < slice.end) {
        glyph_count = 0;
        for (std::size_t g = first_glyph; g < last_glyph; ++g) {
          glyph_count += line_glyphs_[g].position >= from && line_glyphs_[g].position < to;
        }
      }
      out.glyphs.reserve(glyph_count);
      out.font = run.font;
      out.size = run.font_size;
      out.color = run.span < settings_.span_colors.size() ? settings_.span_colors[run.span] : Color{};
      out.rtl = run.rtl();
      out.span = run.span;
      out.text_begin = from;
      out.text_end = to;
      out.x = x;
      const double units_per_point = run.font->units_per_em() / run.font_size;
      std::int64_t units = 0;
      const auto emit = [&](const Segment& segment) {
        for (std::size_t g = segment.first; g < segment.last; ++g) {
          const LineGlyph& glyph = line_glyphs_[g];
          if (glyph.position < from || glyph.position >= to) continue;
          PlacedGlyph placed{glyph.glyph.glyph,
                             glyph.glyph.x_advance,
                             glyph_offset(glyph.glyph.x_offset),
                             glyph_offset(glyph.glyph.y_offset),
                             {}};
          if (glyph.text_size > 0) placed.text = std::string_view(line_text_).substr(glyph.text_offset, glyph.text_size);
          if (glyph.glue) {
            const double exact = (glyph.width + carry) * units_per_point;
            placed.x_advance = static_cast<std::int32_t>(std::lround(exact));
            carry = (exact - placed.x_advance) / units_per_point;
          }
          units += placed.x_advance;
          out.glyphs.push_back(placed);
        }
      };
      if (run.rtl()) {
        for (std::size_t k = slice.last_segment; k-- > slice.first_segment;) emit(line_segments_[k]);
      } else {
        for (std::size_t k = slice.first_segment; k < slice.last_segment; ++k) emit(line_segments_[k]);
      }
      if (out.glyphs.empty()) continue;
      out.width = points(units, run);
      x += out.width;
      line.runs.push_back(std::move(out));
    }
  }
  std::sort(line.runs.begin(), line.runs.end(),
            [](const LineRun& a, const LineRun& b) { return a.text_begin < b.text_begin; });

  // Ascent and descent: the line's fonts at their sizes (the fonts of its text when nothing is drawn).
  const auto take_metrics = [&line](const Font* font, double size) {
    if (font == nullptr) return;
    const FontMetrics& metrics = font->metrics();
    line.ascent = std::max(line.ascent, metrics.ascender * size / metrics.units_per_em);
    line.descent = std::max(line.descent, -metrics.descender * size / metrics.units_per_em);
  };
  for (const LineRun& run : line.runs) take_metrics(run.font, run.size);
  if (line.runs.empty()) {
    for (const TextRun& run : itemized_.runs) {
      if (run.begin < std::max(end, begin + 1) && begin < run.end) take_metrics(run.font, run.font_size);
    }
  }
  return line;
}

Lines LineSetter::run() {
  Lines lines;
  if (text_.empty()) return lines;
  analyse();
  find_words();
  build_items();
  LineBreakParams params;
  params.line_widths = {settings_.width};
  params.alignment = settings_.alignment;
  LineBreaks breaks = compute_line_breaks(items_, params);
  if (!breaks.overlong_boxes.empty()) {
    // A word wider than the measure: warn at its source, break it between clusters, break again.
    std::vector<bool> warned(words_.size(), false);
    for (const OverlongBox& box : breaks.overlong_boxes) {
      const int w = sources_[box.item].word;
      if (w < 0 || warned[static_cast<std::size_t>(w)]) continue;
      warned[static_cast<std::size_t>(w)] = true;
      Word& word = words_[static_cast<std::size_t>(w)];
      warn_overlong(word, width(word.begin, word.end), box.available);
      word.split = true;
      word.join = 0;
    }
    build_items();
    breaks = compute_line_breaks(items_, params);
  }
  lines.method = breaks.method;
  // Each line's text runs from its first box to the next line's first box: the spaces it broke at
  // stay at its end (not drawn), so the lines partition the paragraph's text.
  std::vector<std::uint32_t> starts;
  for (std::size_t k = 0; k < breaks.lines.size(); ++k) {
    std::uint32_t start = 0;
    if (k > 0) {
      start = static_cast<std::uint32_t>(text_.size());
      for (std::size_t i = breaks.lines[k].begin; i < items_.size(); ++i) {
        if (sources_[i].role == Role::text) {
          start = sources_[i].begin;
          break;
        }
      }
    }
    starts.push_back(start);
  }
  for (std::size_t k = 0; k < breaks.lines.size(); ++k) {
    const std::uint32_t end =
        k + 1 < starts.size() ? starts[k + 1] : static_cast<std::uint32_t>(text_.size());
    lines.lines.push_back(set_line(breaks, k, starts[k], end));
  }
  return lines;
}

std::string number(double value, int precision) {
  if (std::abs(value) < 0.5 * std::pow(10.0, -precision)) value = 0;  // no "-0.00"
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", precision, value);
  return buffer;
}

}  // namespace

Lines break_lines(const StyledParagraph& styled, const ItemizedParagraph& itemized,
                  const ShapedParagraph& shaped, const LineSettings& settings, DiagnosticSink& sink) {
  // Per thread, so paragraphs set on different threads never share them.
  thread_local LineSetterBuffers buffers;
  LineSetter setter(styled, itemized, shaped, settings, sink, std::move(buffers));
  Lines lines = setter.run();
  buffers = setter.release_buffers();
  return lines;
}

std::string dump_lines(const Lines& lines) {
  std::string out;
  out.append("lines ")
      .append(std::to_string(lines.lines.size()))
      .append(" method ")
      .append(to_string(lines.method));
  out.append("\n");
  for (std::size_t k = 0; k < lines.lines.size(); ++k) {
    const Line& line = lines.lines[k];
    out.append("line ").append(std::to_string(k + 1)).append(line.rtl ? " rtl" : " ltr");
    out.append(" width ")
        .append(number(line.width, 3))
        .append(" natural ")
        .append(number(line.natural_width, 3));
    out.append(" ascent ").append(number(line.ascent, 3)).append(" descent ").append(number(line.descent, 3));
    if (line.justified) out.append(" justified");
    if (line.ends_paragraph) out.append(" last");
    if (line.location.known()) out.append(" ").append(to_string(line.location));
    out.append("\n");
    for (const LineRun& run : line.runs) {
      out.append("  run [")
          .append(std::to_string(run.text_begin))
          .append(",")
          .append(std::to_string(run.text_end))
          .append(") x ")
          .append(number(run.x, 3))
          .append(" width ")
          .append(number(run.width, 3))
          .append(run.rtl ? " rtl " : " ltr ")
          .append(run.font != nullptr ? run.font->postscript_name() : std::string("(none)"))
          .append(" ")
          .append(number(run.size, 1))
          .append(" span ")
          .append(std::to_string(run.span));
      if (run.color != Color{}) {
        out.append(" rgb ").append(number(run.color.r, 2)).append(",").append(number(run.color.g, 2));
        out.append(",").append(number(run.color.b, 2));
      }
      out.append("\n    ");
      for (std::size_t g = 0; g < run.glyphs.size(); ++g) {
        const PlacedGlyph& glyph = run.glyphs[g];
        if (g > 0) out.append("|");
        out.append(run.font != nullptr ? run.font->glyph_name(glyph.glyph_id)
                                       : std::to_string(glyph.glyph_id));
        if (!glyph.text.empty()) out.append("'").append(glyph.text).append("'");
        if (glyph.x_offset != 0 || glyph.y_offset != 0) {
          out.append("@")
              .append(std::to_string(glyph.x_offset))
              .append(",")
              .append(std::to_string(glyph.y_offset));
        }
        out.append("+").append(std::to_string(glyph.x_advance));
      }
      out.append("\n");
    }
  }
  return out;
}

}  // namespace nashr
