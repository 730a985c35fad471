#pragma once
// The paragraph as the Knuth–Plass passes see it (line_breaker.cpp): prefix totals of the items,
// the legal breakpoints, where each line starts, and how a candidate line fits its width. Not part
// of the stage's interface (line_breaker.h).
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <span>
#include <vector>

#include "linebreak/line_breaker.h"

namespace nashr::knuth_plass {

inline constexpr double kInfinity = std::numeric_limits<double>::infinity();

// Running totals over items [0, i): the sums of a line are differences of two entries.
struct Totals {
  double width = 0;
  double stretch = 0;
  double shrink = 0;
  double kashida = 0;
  double fill = 0;
};

// TeX's badness: 100 r³, capped at kInfiniteBadness.
inline double badness_of(double ratio) {
  const double r = std::abs(ratio);
  if (r >= 4.65) return kInfiniteBadness;  // 100 · 4.65³ > 10000
  return std::min(kInfiniteBadness, 100 * r * r * r);
}

inline FitnessClass fitness_of(double ratio) {
  if (ratio < -0.5) return FitnessClass::tight;
  if (ratio <= 0.5) return FitnessClass::decent;
  if (ratio <= 1) return FitnessClass::loose;
  return FitnessClass::very_loose;
}

inline bool is_forced(const BreakItem& item) {
  return item.kind == BreakItemKind::penalty && item.cost <= kForcedBreakPenalty;
}

// How one candidate line (from a line start to a break) fits its width.
struct Fit {
  double natural = 0;
  double target = 0;
  double shortfall = 0;
  double ratio = 0;  // adjustment ratio that rates the line; -inf when overfull
  double badness = 0;
  bool overfull = false;
};

// A Paragraph's tables, handed from one paragraph to the next on a thread so that their memory is
// allocated once and stays warm in the cache: allocated afresh for every paragraph, filling them
// cost three times what their instructions do.
struct ParagraphTables {
  std::vector<Totals> totals;
  std::vector<std::size_t> next_box;
  std::vector<std::size_t> breakpoints;
};

// The paragraph prepared once for all passes: prefix totals, legal breakpoints, line starts.
class Paragraph {
 public:
  Paragraph(std::span<const BreakItem> items, const LineBreakParams& params);
  Paragraph(const Paragraph&) = delete;
  Paragraph& operator=(const Paragraph&) = delete;
  ~Paragraph();  // hands its tables on to the thread's next Paragraph

  std::size_t end() const { return end_; }
  bool empty() const { return end_ == 0; }
  // No box or glue has a negative width or stretch: a line that starts later and ends at the same
  // break is no wider and has no more stretch (rounding included: prefix sums only grow).
  bool growing() const { return growing_; }
  const std::vector<std::size_t>& breakpoints() const { return breakpoints_; }
  bool forced_at(std::size_t b) const { return b == end_ || is_forced(items_[b]); }
  // First item of the line that follows a break at b (discardable items skipped).
  std::size_t line_start_after(std::size_t b) const { return b >= end_ ? end_ : next_box_[b + 1]; }
  bool justified() const { return params_.alignment == Alignment::justify; }
  bool final_fill(std::size_t b) const { return b == end_ && params_.ragged_last_line; }

  double penalty_width(std::size_t b) const {
    return b < end_ && items_[b].kind == BreakItemKind::penalty ? items_[b].width : 0;
  }
  bool flagged(std::size_t b) const {
    return b < end_ && items_[b].kind == BreakItemKind::penalty && items_[b].flagged;
  }
  double penalty_cost(std::size_t b) const {
    return b < end_ && items_[b].kind == BreakItemKind::penalty ? items_[b].cost : 0;
  }

  // Running totals before item i.
  const Totals& totals_before(std::size_t i) const { return totals_[i]; }

  // The sums of a line from the item whose totals_before are `a` to a break at an item whose
  // totals_before are `z`, with the break's penalty width and final fill.
  static Totals line_totals(const Totals& a, const Totals& z, double penalty_width, bool final_fill) {
    Totals t{z.width - a.width, z.stretch - a.stretch, z.shrink - a.shrink, z.kashida - a.kashida,
             z.fill - a.fill};
    t.width += penalty_width;
    if (final_fill) t.fill += 1;
    return t;
  }

  Totals line_totals(std::size_t start, std::size_t b) const {
    return line_totals(totals_[start], totals_[b], penalty_width(b), final_fill(b));
  }

  Fit fit(std::size_t start, std::size_t b, std::size_t line_index) const {
    return fit(line_totals(start, b), line_width_at(params_, line_index));
  }

  // How a line with sums `t` fits the width `target`.
  Fit fit(const Totals& t, double target) const {
    Fit f;
    f.natural = t.width;
    f.target = target;
    f.shortfall = f.target - f.natural;
    if (!justified()) {
      if (f.shortfall < 0) {
        f.overfull = true;
        f.ratio = -kInfinity;
        f.badness = kInfiniteBadness;
      } else if (t.fill > 0) {
        f.ratio = 0;
      } else {
        const double ragged_stretch = params_.ragged_stretch_fraction * f.target;
        f.ratio = ragged_stretch > 0 ? f.shortfall / ragged_stretch : (f.shortfall > 0 ? kInfinity : 0);
        f.badness = badness_of(f.ratio);
      }
      return f;
    }
    if (f.shortfall > 0) {
      if (t.fill > 0) {
        f.ratio = 0;
      } else if (t.stretch + t.kashida > 0) {
        f.ratio = f.shortfall / (t.stretch + t.kashida);
        f.badness = badness_of(f.ratio);
      } else {
        f.ratio = kInfinity;
        f.badness = kInfiniteBadness;
      }
    } else if (f.shortfall < 0) {
      f.ratio = t.shrink > 0 ? f.shortfall / t.shrink : -kInfinity;
      if (f.ratio < -1) {
        f.overfull = true;
        f.badness = kInfiniteBadness;
      } else {
        f.badness = badness_of(f.ratio);
      }
    }
    return f;
  }

  // Line `line_index` from item `start` to a break at `b`: its fit and how it is filled.
  BrokenLine make_line(std::size_t start, std::size_t b, std::size_t line_index, double tolerance) const;

 private:
  std::span<const BreakItem> items_;
  const LineBreakParams& params_;
  std::size_t end_ = 0;
  bool growing_ = true;
  std::vector<Totals> totals_;
  std::vector<std::size_t> next_box_;
  std::vector<std::size_t> breakpoints_;
};

}  // namespace nashr::knuth_plass
