#pragma once
// The line setter behind break_lines(), shared by the files that implement it: line_items.cpp (the
// paragraph as Knuth–Plass items: words, kashida joins, spaces), line_glyphs.cpp (a line's glyphs,
// reshaped where needed, and their texts), set_line.cpp (justifying and placing a line) and
// lines.cpp (the entry point, the dump). Not part of the stage's interface (lines.h).
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/utf8.h"
#include "fonts/font_db.h"
#include "linebreak/lines.h"
#include "text/letter_properties.h"

namespace nashr::line_setting {

// Inter-word glue, as a fraction of the space's own width (TeX's ratios for a 10 pt roman font:
// 3.33 pt plus 1.67 minus 1.11).
inline constexpr double kSpaceStretch = 0.5;
inline constexpr double kSpaceShrink = 1.0 / 3.0;
// A break after a hyphen in Latin text (TeX's \hyphenpenalty / \exhyphenpenalty).
inline constexpr double kHyphenBreakCost = 50;
// A break at a hyphen the line setter adds (TeX's \hyphenpenalty); at most
// kMaxHyphenatedLinesInRow lines in a row end in a hyphen of either kind.
inline constexpr double kHyphenationCost = 50;
inline constexpr int kMaxHyphenatedLinesInRow = 2;
// A one-word last line costs as much as a line of badness 90 more: a slightly looser paragraph
// (or one line more) wins over a widow word.
inline constexpr double kLoneWordLastLineDemerits = 10000;
// A break between two clusters of a word wider than the measure: a last resort.
inline constexpr double kOverlongBreakCost = 5000;
// The most tatweels one kashida may insert.
inline constexpr int kKashidaMaxTatweels = 2;
// Kashida priority classes (LineSetter::choose_kashida): 0 the best … 7 any other join.
inline constexpr int kKashidaClasses = 8;
inline constexpr char16_t kTatweel = 0x0640;

inline bool is_hard_break(char16_t c) {
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

inline double points(std::int64_t units, const TextRun& run) {
  return run.font == nullptr ? 0 : static_cast<double>(units) * run.font_size / run.font->units_per_em();
}

// What a break item stands for in the paragraph's text.
enum class Role { indent, text, space, kashida, opportunity, hyphenation, forced };

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
  int kashida_class = 0;   // the join's priority class (choose_kashida); lower goes first
  bool split = false;      // wider than the measure: one box per cluster
  // Where the word may take a hyphen: hyphens_[first_hyphen, first_hyphen + hyphen_count).
  std::uint32_t first_hyphen = 0;
  std::uint32_t hyphen_count = 0;
};

// One glyph on its way to a line: the shaped glyph, its text, and where it came from.
struct LineGlyph {
  ShapedGlyph glyph;
  GlyphText text;              // as the placed glyph will carry it (PlacedGlyph::text)
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

// The widths of a line's glyphs, first-line indent included (set_line.cpp): all but the spaces
// (`fixed`), and all at their natural widths.
struct LineExtent {
  double fixed = 0;
  double natural = 0;
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
  std::vector<std::uint32_t> hyphens_;  // paragraph positions where a word may take a hyphen, by word
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
  std::string cluster_text_;  // scratch: the text of a cluster with marks, or of a lone surrogate
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
  // The paragraph as items (line_items.cpp).
  void analyse();
  void find_words();
  void choose_kashida(Word& word) const;
  void find_hyphens();  // hyphenate_words.cpp
  bool may_hyphenate(const Word& word, std::uint32_t& core_begin, std::uint32_t& core_end) const;
  void add_hyphen(const BrokenLine& broken, std::uint32_t content_end);
  void drop_hyphenated_rest(std::uint32_t begin);
  void spread_hyphenated_rest(std::uint32_t content_end, std::uint32_t rest_end);
  double hyphen_width(const TextRun& run) const;
  bool kashida_fits_join(std::uint32_t j, LetterProperties before, LetterProperties after) const;
  int kashida_class(std::uint32_t j, std::uint32_t word_end, char16_t before_char, LetterProperties before,
                    LetterProperties after) const;
  void build_items();
  // Appends an item and what it stands for. Out of line on purpose: inlined at build_items()'s ten
  // calls, each copy of the item into the vector read back fields just written one by one (store
  // forwarding stalls) and build_items took 60 % longer (perf on bench_linebreak, bench/README.md).
  [[gnu::noinline]] void push_item(const BreakItem& item, const ItemSource& source);
  void warn_overlong(const Word& word, double width, double available);

  // One line (set_line.cpp), then its steps in the order set_line() takes them.
  Line set_line(const LineBreaks& breaks, std::size_t index, std::uint32_t begin, std::uint32_t end);
  double spread_kashida(const BrokenLine& broken);
  void collect_glyphs(std::uint32_t begin, std::uint32_t content_end);  // line_glyphs.cpp
  void justify_glue(const BrokenLine& broken, double kashida_used, std::uint32_t begin, std::uint32_t content_end,
                    double indent, Line& line);
  void collect_glues(const BrokenLine& broken, double kashida_used, std::uint32_t begin,
                     std::uint32_t content_end);
  LineExtent measure_glyphs(double indent);
  double start_x(const Line& line, double indent) const;
  void place_runs(Line& line, std::uint32_t begin, std::uint32_t end, double x);
  LineRun placed_run(const RunSlice& slice, const VisualRun& visual, double x, double& carry) const;
  void set_metrics(Line& line, std::uint32_t begin, std::uint32_t end) const;

  // A line's glyphs (line_glyphs.cpp).
  RunSlice slice_run(std::uint32_t run_index, std::uint32_t begin, std::uint32_t end,
                     std::uint32_t line_begin, std::uint32_t content_end);
  void append_segment(std::span<const ShapedGlyph> glyphs, const TextRun& run);
  void original_segment(std::uint32_t run_index, std::uint32_t begin, std::uint32_t end);
  void reshaped_segment(std::uint32_t run_index, std::uint32_t begin, std::uint32_t end, LineEdges edges,
                        std::uint32_t join, int tatweels);
  std::span<const ShapedGlyph> glyph_slice(std::uint32_t run_index, std::uint32_t begin,
                                           std::uint32_t end) const;
  const std::vector<VisualRun>& visual_runs(std::uint32_t begin, std::uint32_t end);

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
  double tatweel_width(const TextRun& run) const;
  const TextRun& run_at(std::uint32_t position) const { return itemized_.runs[run_of_[position]]; }
  SourceLocation location_of(std::uint32_t position) const;

  const StyledParagraph& styled_;
  const ItemizedParagraph& itemized_;
  const ShapedParagraph& shaped_;
  const LineSettings& settings_;
  DiagnosticSink& sink_;
  std::u16string_view text_;
  // The end of the letters a line's hyphen carries as its text: the next line's glyphs before it
  // carry none (hyphenate_words.cpp, add_hyphen). 0: the last line set ended without a hyphen.
  std::uint32_t hyphenated_rest_end_ = 0;
};

}  // namespace nashr::line_setting
