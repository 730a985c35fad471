#include "linebreak/line_breaker.h"

#include <algorithm>
#include <array>
#include <cassert>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <initializer_list>
#include <new>
#include <optional>
#include <string_view>

namespace nashr {

double line_width_at(const LineBreakParams& params, std::size_t line_index) {
  assert(!params.line_widths.empty() && "LineBreakParams::line_widths must not be empty");
  return params.line_widths[std::min(line_index, params.line_widths.size() - 1)];
}

const char* to_string(BreakMethod method) {
  switch (method) {
    case BreakMethod::total_fit: return "total-fit";
    case BreakMethod::total_fit_retry: return "total-fit-retry";
    case BreakMethod::first_fit: return "first-fit";
    case BreakMethod::empty: return "empty";
  }
  return "?";
}

const char* to_string(FitnessClass fitness) {
  switch (fitness) {
    case FitnessClass::tight: return "tight";
    case FitnessClass::decent: return "decent";
    case FitnessClass::loose: return "loose";
    case FitnessClass::very_loose: return "very-loose";
  }
  return "?";
}

namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();

// Running totals over items [0, i): the sums of a line are differences of two entries.
struct Totals {
  double width = 0;
  double stretch = 0;
  double shrink = 0;
  double kashida = 0;
  double fill = 0;
};

// TeX's badness: 100 r³, capped at kInfiniteBadness.
double badness_of(double ratio) {
  const double r = std::abs(ratio);
  if (r >= 4.65) return kInfiniteBadness;  // 100 · 4.65³ > 10000
  return std::min(kInfiniteBadness, 100 * r * r * r);
}

FitnessClass fitness_of(double ratio) {
  if (ratio < -0.5) return FitnessClass::tight;
  if (ratio <= 0.5) return FitnessClass::decent;
  if (ratio <= 1) return FitnessClass::loose;
  return FitnessClass::very_loose;
}

bool is_forced(const BreakItem& item) {
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

// The paragraph prepared once for all passes: prefix totals, legal breakpoints, line starts.
// A Paragraph's tables, handed from one paragraph to the next on a thread so that their memory is
// allocated once and stays warm in the cache: allocated afresh for every paragraph, filling them
// cost three times what their instructions do.
struct ParagraphTables {
  std::vector<Totals> totals;
  std::vector<std::size_t> next_box;
  std::vector<std::size_t> breakpoints;
};

std::vector<ParagraphTables>& spare_paragraph_tables() {
  thread_local std::vector<ParagraphTables> spare;
  return spare;
}

class Paragraph {
 public:
  Paragraph(std::span<const BreakItem> items, const LineBreakParams& params)
      : items_(items), params_(params) {
    if (std::vector<ParagraphTables>& spare = spare_paragraph_tables(); !spare.empty()) {
      totals_ = std::move(spare.back().totals);
      next_box_ = std::move(spare.back().next_box);
      breakpoints_ = std::move(spare.back().breakpoints);
      breakpoints_.clear();
      spare.pop_back();
    }
    end_ = items.size();
    while (end_ > 0 && items[end_ - 1].kind != BreakItemKind::box) --end_;
    totals_.resize(end_ + 1);
    totals_[0] = Totals{};
    for (std::size_t i = 0; i < end_; ++i) {
      Totals t = totals_[i];
      const BreakItem& item = items[i];
      if (item.kind == BreakItemKind::box) {
        t.width += item.width;
      } else if (item.kind == BreakItemKind::glue) {
        t.width += item.width;
        t.stretch += item.stretch;
        t.shrink += item.shrink;
        t.kashida += item.kashida_stretch;
        t.fill += item.fill_stretch;
      }
      totals_[i + 1] = t;
    }
    next_box_.assign(end_ + 1, end_);
    for (std::size_t i = end_; i-- > 0;)
      next_box_[i] = items[i].kind == BreakItemKind::box ? i : next_box_[i + 1];

    for (std::size_t i = 0; i < end_; ++i) {
      const BreakItem& item = items[i];
      if (item.kind == BreakItemKind::penalty) continue;
      if (item.width < 0 || item.stretch < 0 || item.kashida_stretch < 0 || item.fill_stretch < 0) {
        growing_ = false;
      }
    }

    bool box_since_forced = false;
    for (std::size_t i = 0; i < end_; ++i) {
      const BreakItem& item = items[i];
      if (item.kind == BreakItemKind::box) {
        box_since_forced = true;
        continue;
      }
      bool legal = false;
      if (item.kind == BreakItemKind::glue) {
        legal = item.breakable && i > 0 && items[i - 1].kind == BreakItemKind::box;
      } else if (is_forced(item)) {
        legal = box_since_forced;  // a forced break right after another (or at the start) is ignored
        if (legal) box_since_forced = false;
      } else {
        legal = item.cost < kNoBreakPenalty;
      }
      if (legal) breakpoints_.push_back(i);
    }
    if (end_ > 0) breakpoints_.push_back(end_);
  }

  Paragraph(const Paragraph&) = delete;
  Paragraph& operator=(const Paragraph&) = delete;
  ~Paragraph() {
    try {
      spare_paragraph_tables().push_back({std::move(totals_), std::move(next_box_), std::move(breakpoints_)});
    } catch (const std::bad_alloc&) {
      // Not kept: the next paragraph allocates its own.
    }
  }

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

  BrokenLine make_line(std::size_t start, std::size_t b, std::size_t line_index, double tolerance) const {
    const Fit f = fit(start, b, line_index);
    const Totals t = line_totals(start, b);
    BrokenLine line;
    line.begin = start;
    line.end = b;
    line.break_at = b;
    line.penalty_width = penalty_width(b);
    line.flagged = flagged(b);
    line.target_width = f.target;
    line.natural_width = f.natural;
    line.shortfall = f.shortfall;
    line.adjustment_ratio =
        std::isfinite(f.ratio) ? f.ratio : (f.ratio > 0 ? kInfiniteBadness : -kInfiniteBadness);
    line.badness = f.badness;
    line.fitness = fitness_of(f.ratio);
    line.overfull = f.overfull;
    line.underfull = f.shortfall > 0 && f.badness > tolerance;
    line.final_fill = final_fill(b);
    if (!justified()) {
      const double free = std::max(0.0, f.shortfall);
      if (params_.alignment == Alignment::end) line.start_offset = free;
      if (params_.alignment == Alignment::center) line.start_offset = free / 2;
      return line;
    }
    const double s = f.shortfall;
    if (s > 0) {
      if (t.fill > 0) {
        line.fill_width = s;
      } else if (s <= t.stretch) {
        line.space_ratio = s / t.stretch;
      } else if (s <= t.stretch + t.kashida) {
        line.space_ratio = t.stretch > 0 ? 1 : 0;
        line.kashida_ratio = (s - t.stretch) / t.kashida;
      } else {
        // Both at their limit: kashida stays at its maximum, spaces take the rest (a loose line).
        line.kashida_ratio = t.kashida > 0 ? 1 : 0;
        line.space_ratio = t.stretch > 0 ? (s - t.kashida) / t.stretch : 0;
      }
    } else if (s < 0 && t.shrink > 0) {
      line.space_ratio = std::max(-1.0, s / t.shrink);
    }
    line.kashida_width = line.kashida_ratio * t.kashida;
    return line;
  }

 private:
  std::span<const BreakItem> items_;
  const LineBreakParams& params_;
  std::size_t end_ = 0;
  bool growing_ = true;
  std::vector<Totals> totals_;
  std::vector<std::size_t> next_box_;
  std::vector<std::size_t> breakpoints_;
};

// A feasible break remembered for backtracking (TeX's passive node).
struct Passive {
  std::size_t break_at = 0;
  std::optional<std::size_t> previous;
};

struct Active {
  std::size_t start = 0;       // first item of the next line
  std::size_t line_count = 0;  // lines before the next line
  FitnessClass fitness = FitnessClass::decent;
  bool flagged = false;
  double demerits = 0;
  std::optional<std::size_t> passive;  // the break this node stands for (none: paragraph start)
};

// What a break costs besides the line before it: its penalty and whether it is flagged or the
// paragraph's end.
struct BreakCost {
  double cost = 0;
  bool flagged = false;
  bool at_end = false;
};

double line_demerits(const LineBreakParams& params, const BreakCost& at, bool from_flagged,
                     FitnessClass from_fitness, double badness, FitnessClass fitness) {
  const double base = std::min(params.line_penalty + badness, kInfiniteBadness);
  double d = base * base;
  const double cost = at.cost;
  if (cost >= 0) {
    d += cost * cost;
  } else if (cost > kForcedBreakPenalty) {
    d -= cost * cost;
  }
  if (at.flagged && from_flagged) d += params.double_flagged_demerits;
  if (at.at_end && from_flagged) d += params.final_flagged_demerits;
  if (std::abs(static_cast<int>(fitness) - static_cast<int>(from_fitness)) > 1) d += params.fitness_demerits;
  return d;
}

double line_demerits(const LineBreakParams& params, const Paragraph& paragraph, const Active& from,
                     std::size_t b, double badness, FitnessClass fitness) {
  const BreakCost at{paragraph.penalty_cost(b), paragraph.flagged(b), b == paragraph.end()};
  return line_demerits(params, at, from.flagged, from.fitness, badness, fitness);
}

// One Knuth–Plass pass. Returns the breaks (indices into items) of the best solution, or nothing
// when every active node died (an overfull line could not be avoided).
std::optional<std::vector<std::size_t>> total_fit_pass(const Paragraph& paragraph,
                                                       const LineBreakParams& params, double tolerance,
                                                       double* total_demerits) {
  // Kept per thread from one pass to the next: a paragraph's nodes then never reallocate.
  thread_local std::vector<Passive> passives;
  thread_local std::vector<Active> active;
  passives.clear();
  active.assign(1, Active{});
  // Nodes after this many lines all see the same (repeating) width and can be merged.
  const std::size_t widths = params.line_widths.size();

  // The cheapest feasible line to the current break per (line class, fitness class).
  struct Candidate {
    std::size_t line_class = 0;
    FitnessClass fitness = FitnessClass::decent;
    double demerits = kInfinity;
    std::size_t from_line_count = 0;
    std::optional<std::size_t> from_passive;
  };
  thread_local std::vector<Candidate> candidates;

  // Active nodes stay in the order they were made, so their lines start later and later. With one
  // width and growing totals, a line too short to be feasible at b means every later node's line is
  // too short too (shorter, with no more stretch): those are kept (dropped at a forced break)
  // without being rated, as rating them would find nothing.
  const bool skip_short_tail = widths == 1 && paragraph.growing();

  // With one width every line is of class 0: candidates are found by fitness alone.
  std::array<std::int8_t, 4> candidate_of_fitness{};

  for (const std::size_t b : paragraph.breakpoints()) {
    candidates.clear();
    candidate_of_fitness.fill(-1);
    const bool forced = paragraph.forced_at(b);
    // What every line ending at b shares, looked up once for all active nodes.
    const Totals& totals_at_break = paragraph.totals_before(b);
    const double penalty_width = paragraph.penalty_width(b);
    const bool final_fill = paragraph.final_fill(b);
    const BreakCost at{paragraph.penalty_cost(b), paragraph.flagged(b), b == paragraph.end()};
    std::size_t kept = 0;  // active nodes are compacted in place
    // Nodes made at one break (one per fitness class) are adjacent and share their line's start:
    // one fit serves them all while the width is the same.
    Fit f;
    std::size_t fit_start = SIZE_MAX;
    double fit_target = 0;
    for (std::size_t i = 0; i < active.size(); ++i) {
      const Active& a = active[i];
      bool keep = !forced;
      bool short_tail = skip_short_tail && a.start >= b;
      if (a.start < b) {  // otherwise this node's line has not begun yet
        const double target = widths == 1 ? params.line_widths.front() : line_width_at(params, a.line_count);
        if (a.start != fit_start || target != fit_target) {
          f = paragraph.fit(Paragraph::line_totals(paragraph.totals_before(a.start), totals_at_break,
                                                   penalty_width, final_fill),
                            target);
          fit_start = a.start;
          fit_target = target;
        }
        if (f.overfull) keep = false;
        if (!f.overfull && f.badness <= tolerance) {
          const FitnessClass fitness = fitness_of(f.ratio);
          const double d = a.demerits + line_demerits(params, at, a.flagged, a.fitness, f.badness, fitness);
          const std::size_t line_class = widths == 1 ? 0 : std::min(a.line_count + 1, widths - 1);
          const Candidate candidate{line_class, fitness, d, a.line_count, a.passive};
          if (widths == 1) {
            std::int8_t& slot = candidate_of_fitness[static_cast<std::size_t>(fitness)];
            if (slot < 0) {
              slot = static_cast<std::int8_t>(candidates.size());
              candidates.push_back(candidate);
            } else if (d < candidates[static_cast<std::size_t>(slot)].demerits) {
              candidates[static_cast<std::size_t>(slot)] = candidate;
            }
          } else {
            auto c = std::find_if(candidates.begin(), candidates.end(), [&](const Candidate& other) {
              return other.line_class == line_class && other.fitness == fitness;
            });
            if (c == candidates.end()) {
              candidates.push_back(candidate);
            } else if (d < c->demerits) {
              *c = candidate;
            }
          }
        } else if (!f.overfull && f.shortfall > 0) {
          short_tail = skip_short_tail;
        }
      }
      if (keep) {
        if (kept != i) active[kept] = a;
        ++kept;
      }
      if (short_tail) {
        if (!forced) {
          const auto tail = active.begin() + static_cast<std::ptrdiff_t>(i + 1);
          if (kept != i + 1)
            std::move(tail, active.end(), active.begin() + static_cast<std::ptrdiff_t>(kept));
          kept += active.size() - (i + 1);
        }
        break;
      }
    }
    active.resize(kept);
    for (const Candidate& c : candidates) {
      // TeX's pruning: within a line class, a candidate worse than the best by more than the
      // fitness demerits can never win, because the next line's fitness costs at most that much.
      double best_in_class = kInfinity;
      for (const Candidate& other : candidates) {
        if (other.line_class == c.line_class) best_in_class = std::min(best_in_class, other.demerits);
      }
      if (c.demerits > best_in_class + params.fitness_demerits) continue;
      passives.push_back(Passive{b, c.from_passive});
      active.push_back(Active{paragraph.line_start_after(b), c.from_line_count + 1, c.fitness,
                              paragraph.flagged(b), c.demerits, passives.size() - 1});
    }
    if (active.empty()) return std::nullopt;
  }

  // After the paragraph's end (a forced break) only nodes created there remain.
  const Active* best = nullptr;
  for (const Active& a : active) {
    if (a.passive && passives[*a.passive].break_at == paragraph.end() &&
        (!best || a.demerits < best->demerits)) {
      best = &a;
    }
  }
  if (!best) return std::nullopt;
  *total_demerits = best->demerits;
  std::vector<std::size_t> breaks;
  for (std::optional<std::size_t> p = best->passive; p; p = passives[*p].previous)
    breaks.push_back(passives[*p].break_at);
  std::reverse(breaks.begin(), breaks.end());
  return breaks;
}

// Greedy: each line takes as many items as fit; a line that cannot fit at any break is overfull.
std::vector<std::size_t> first_fit_breaks(const Paragraph& paragraph) {
  std::vector<std::size_t> breaks;
  const std::vector<std::size_t>& points = paragraph.breakpoints();
  constexpr std::size_t kNone = static_cast<std::size_t>(-1);
  std::size_t start = 0;
  std::size_t last_fitting = kNone;
  std::size_t i = 0;
  while (i < points.size()) {
    const std::size_t b = points[i];
    if (start >= b) {  // inside the discardable run after the last break
      ++i;
      continue;
    }
    const Fit f = paragraph.fit(start, b, breaks.size());
    if (!f.overfull) {
      if (paragraph.forced_at(b)) {
        breaks.push_back(b);
        start = paragraph.line_start_after(b);
        last_fitting = kNone;
      } else {
        last_fitting = b;
      }
      ++i;
      continue;
    }
    if (last_fitting != kNone) {  // break at the last fitting point and try b again on the next line
      breaks.push_back(last_fitting);
      start = paragraph.line_start_after(last_fitting);
      last_fitting = kNone;
      continue;
    }
    breaks.push_back(b);  // nothing fits: an overfull line up to the first legal break
    start = paragraph.line_start_after(b);
    ++i;
  }
  return breaks;
}

LineBreaks assemble(std::span<const BreakItem> items, const Paragraph& paragraph,
                    const std::vector<std::size_t>& breaks, BreakMethod method, double tolerance) {
  LineBreaks result;
  result.method = method;
  std::size_t start = 0;
  for (std::size_t index = 0; index < breaks.size(); ++index) {
    BrokenLine line = paragraph.make_line(start, breaks[index], index, tolerance);
    if (line.overfull) {
      for (std::size_t i = line.begin; i < line.end; ++i) {
        if (items[i].kind == BreakItemKind::box && items[i].width > line.target_width) {
          result.overlong_boxes.push_back(OverlongBox{i, items[i].width, line.target_width});
        }
      }
    }
    result.lines.push_back(line);
    start = paragraph.line_start_after(breaks[index]);
  }
  return result;
}

// Demerits of each line along a chosen path, recomputed for the report (the pass only kept sums).
void fill_demerits(const LineBreakParams& params, const Paragraph& paragraph, LineBreaks& result) {
  Active previous;
  double total = 0;
  for (BrokenLine& line : result.lines) {
    line.demerits = line_demerits(params, paragraph, previous, line.break_at, line.badness, line.fitness);
    total += line.demerits;
    previous.fitness = line.fitness;
    previous.flagged = line.flagged;
  }
  result.total_demerits = total;
}

}  // namespace

LineBreaks compute_line_breaks(std::span<const BreakItem> items, const LineBreakParams& params) {
  const Paragraph paragraph(items, params);
  if (paragraph.empty()) return LineBreaks{};
  double demerits = 0;
  BreakMethod method = BreakMethod::total_fit;
  std::optional<std::vector<std::size_t>> breaks =
      total_fit_pass(paragraph, params, params.tolerance, &demerits);
  if (!breaks && params.retry_tolerance > params.tolerance) {
    method = BreakMethod::total_fit_retry;
    breaks = total_fit_pass(paragraph, params, params.retry_tolerance, &demerits);
  }
  if (!breaks) return compute_first_fit_breaks(items, params);
  LineBreaks result = assemble(items, paragraph, *breaks, method, params.tolerance);
  fill_demerits(params, paragraph, result);
  assert(std::abs(result.total_demerits - demerits) <= 1e-6 * std::max(1.0, std::abs(demerits)) &&
         "recomputed demerits differ from the pass's");
  return result;
}

LineBreaks compute_first_fit_breaks(std::span<const BreakItem> items, const LineBreakParams& params) {
  const Paragraph paragraph(items, params);
  if (paragraph.empty()) return LineBreaks{};
  LineBreaks result =
      assemble(items, paragraph, first_fit_breaks(paragraph), BreakMethod::first_fit, params.tolerance);
  fill_demerits(params, paragraph, result);
  return result;
}

JustifiedLine justify_line(std::span<const BreakItem> items, const BrokenLine& line, double kashida_used) {
  JustifiedLine out;
  out.start_offset = line.start_offset;
  double space_ratio = line.space_ratio;
  double kashida_ratio = line.kashida_ratio;
  double stretch = 0, shrink = 0, kashida = 0, fill = line.final_fill ? 1 : 0;
  for (std::size_t i = line.begin; i < line.end; ++i) {
    if (items[i].kind != BreakItemKind::glue) continue;
    stretch += items[i].stretch;
    shrink += items[i].shrink;
    kashida += items[i].kashida_stretch;
    fill += items[i].fill_stretch;
  }
  if (kashida_used >= 0 && line.shortfall > 0 && line.fill_width == 0) {
    kashida_used = std::min(kashida_used, kashida);
    kashida_ratio = kashida > 0 ? kashida_used / kashida : 0;
    // What the kashida leaves goes to the spaces; kashida beyond the shortfall (whole tatweels
    // rounded up) comes out of them, measured against their shrink.
    const double rest = line.shortfall - kashida_used;
    if (rest >= 0) {
      space_ratio = stretch > 0 ? rest / stretch : 0;
    } else {
      space_ratio = shrink > 0 ? rest / shrink : 0;
    }
  }
  double width = line.penalty_width;
  for (std::size_t i = line.begin; i < line.end; ++i) {
    const BreakItem& item = items[i];
    if (item.kind == BreakItemKind::box) {
      width += item.width;
      continue;
    }
    if (item.kind != BreakItemKind::glue) continue;
    JustifiedGlue g{i, item.width, 0};
    g.width += space_ratio >= 0 ? space_ratio * item.stretch : space_ratio * item.shrink;
    g.kashida = kashida_ratio * item.kashida_stretch;
    g.width += g.kashida;
    if (fill > 0) g.width += line.fill_width * item.fill_stretch / fill;
    width += g.width;
    out.glue.push_back(g);
  }
  out.width = width;
  return out;
}

namespace {

std::string number(double value, int precision) {
  if (std::abs(value) < 0.5 * std::pow(10.0, -precision)) value = 0;  // no "-0.000"
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", precision, value);
  return buffer;
}

}  // namespace

std::string format_line_breaks(std::span<const BreakItem> items, const LineBreaks& breaks,
                               std::span<const std::string> labels) {
  std::string out;
  const auto put = [&out](std::initializer_list<std::string_view> parts) {
    for (const std::string_view part : parts) out.append(part);
  };
  put({"method ", to_string(breaks.method), ", ", std::to_string(breaks.lines.size()), " lines, demerits ",
       number(breaks.total_demerits, 1), "\n"});
  for (std::size_t n = 0; n < breaks.lines.size(); ++n) {
    const BrokenLine& line = breaks.lines[n];
    put({"line ",      std::to_string(n + 1),        ": [",       std::to_string(line.begin),
         ",",          std::to_string(line.end),     ") width ",  number(line.natural_width, 3),
         "/",          number(line.target_width, 3), " ratio ",   number(line.adjustment_ratio, 3),
         " space ",    number(line.space_ratio, 3),  " kashida ", number(line.kashida_width, 3),
         " fill ",     number(line.fill_width, 3),   " offset ",  number(line.start_offset, 3),
         " badness ",  number(line.badness, 1),      " ",         to_string(line.fitness),
         " demerits ", number(line.demerits, 1)});
    if (line.overfull) put({" OVERFULL"});
    if (line.underfull) put({" UNDERFULL"});
    put({" |"});
    for (std::size_t i = line.begin; i < line.end; ++i) {
      const BreakItem& item = items[i];
      if (item.kind == BreakItemKind::box) {
        if (i < labels.size()) {
          put({labels[i]});
        } else {
          put({"[", number(item.width, 2), "]"});
        }
      } else if (item.kind == BreakItemKind::glue) {
        if (item.breakable) put({" "});
        if (!item.breakable && item.kashida_stretch > 0) put({"~"});
      }
    }
    if (line.penalty_width > 0) put({"-"});
    put({"|\n"});
  }
  for (const OverlongBox& box : breaks.overlong_boxes) {
    put({"overlong box ", std::to_string(box.item), ": width ", number(box.width, 3), " > ",
         number(box.available, 3), "\n"});
  }
  return out;
}

}  // namespace nashr
