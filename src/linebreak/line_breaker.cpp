// Knuth–Plass total fit over a paragraph's items (compute_line_breaks), the first-fit fallback
// and the breaker's result (the lines, their demerits, the over-long boxes).
#include "linebreak/line_breaker.h"

#include <algorithm>
#include <array>
#include <cassert>
#include <cmath>
#include <cstdint>
#include <optional>

#include "linebreak/break_paragraph.h"

namespace nashr {

double line_width_at(const LineBreakParams& params, std::size_t line_index) {
  assert(!params.line_widths.empty() && "LineBreakParams::line_widths must not be empty");
  return params.line_widths[std::min(line_index, params.line_widths.size() - 1)];
}

namespace {

using knuth_plass::fitness_of;
using knuth_plass::Fit;
using knuth_plass::kInfinity;
using knuth_plass::Paragraph;
using knuth_plass::Totals;

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
  int flagged_in_row = 0;  // lines in a row, up to this node, that end at flagged breaks
  double demerits = 0;
  std::optional<std::size_t> passive;  // the break this node stands for (none: paragraph start)
};

// What a break costs besides the line before it: its penalty and whether it is flagged or the
// paragraph's end.
struct BreakCost {
  double cost = 0;
  bool flagged = false;
  bool at_end = false;
  bool lone_word = false;  // at_end, after another line, and the line has no inter-word space
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
  if (at.lone_word) d += params.lone_word_last_line_demerits;
  if (std::abs(static_cast<int>(fitness) - static_cast<int>(from_fitness)) > 1) d += params.fitness_demerits;
  return d;
}

// Whether the line from `start` to the paragraph's end `b`, after another line, is one word (no
// space stretch on it: inter-word glue is the only glue with stretch).
bool lone_word_last_line(const Paragraph& paragraph, std::size_t start, std::size_t b, bool first_line) {
  return b == paragraph.end() && !first_line && paragraph.final_fill(b) &&
         paragraph.totals_before(b).stretch - paragraph.totals_before(start).stretch <= 0;
}

double line_demerits(const LineBreakParams& params, const Paragraph& paragraph, const Active& from,
                     std::size_t start, std::size_t b, double badness, FitnessClass fitness) {
  const BreakCost at{paragraph.penalty_cost(b), paragraph.flagged(b), b == paragraph.end(),
                     lone_word_last_line(paragraph, start, b, !from.passive)};
  return line_demerits(params, at, from.flagged, from.fitness, badness, fitness);
}

// The cheapest feasible line to the current break per (line class, fitness class).
struct Candidate {
  std::size_t line_class = 0;
  FitnessClass fitness = FitnessClass::decent;
  double demerits = kInfinity;
  std::size_t from_line_count = 0;
  std::optional<std::size_t> from_passive;
  int flagged_in_row = 0;  // of the line to this break
};

// A pass's nodes, kept per thread from one pass to the next: a paragraph's nodes then never
// reallocate.
struct PassNodes {
  std::vector<Passive> passives;
  std::vector<Active> active;
  std::vector<Candidate> candidates;
};

PassNodes& pass_nodes() {
  thread_local PassNodes nodes;
  return nodes;
}

// One Knuth–Plass pass (total_fit_pass()): at each legal break, rates the line to it from every
// active node, keeps the best candidates as new active nodes and drops the nodes whose lines can
// no longer fit.
class TotalFitPass {
 public:
  TotalFitPass(const Paragraph& paragraph, const LineBreakParams& params, double tolerance)
      : paragraph_(paragraph),
        params_(params),
        tolerance_(tolerance),
        widths_(params.line_widths.size()),
        // Active nodes stay in the order they were made, so their lines start later and later.
        // With one width and growing totals, a line too short to be feasible at b means every
        // later node's line is too short too (shorter, with no more stretch): those are kept
        // (dropped at a forced break) without being rated, as rating them would find nothing.
        skip_short_tail_(widths_ == 1 && paragraph.growing()),
        nodes_(pass_nodes()) {
    nodes_.passives.clear();
    nodes_.active.assign(1, Active{});
  }

  std::optional<std::vector<std::size_t>> run(double* total_demerits) {
    for (const std::size_t b : paragraph_.breakpoints()) {
      nodes_.candidates.clear();
      candidate_of_fitness_.fill(-1);
      rate_active_nodes(b);
      activate_candidates(b);
      if (nodes_.active.empty()) return std::nullopt;
    }
    return best_breaks(total_demerits);
  }

 private:
  void rate_active_nodes(std::size_t b);
  void add_candidate(const Candidate& candidate);
  void activate_candidates(std::size_t b);
  std::optional<std::vector<std::size_t>> best_breaks(double* total_demerits) const;

  const Paragraph& paragraph_;
  const LineBreakParams& params_;
  const double tolerance_;
  // Nodes after this many lines all see the same (repeating) width and can be merged.
  const std::size_t widths_;
  const bool skip_short_tail_;
  PassNodes& nodes_;
  // With one width every line is of class 0: candidates are found by fitness alone.
  std::array<std::int8_t, 4> candidate_of_fitness_{};
};

// Rates the line ending at break b from each active node: feasible lines become candidates, nodes
// whose line is overfull (or that a forced break at b ends) are dropped, the others kept in order.
void TotalFitPass::rate_active_nodes(std::size_t b) {
  std::vector<Active>& active = nodes_.active;
  const bool forced = paragraph_.forced_at(b);
  // What every line ending at b shares, looked up once for all active nodes.
  const Totals& totals_at_break = paragraph_.totals_before(b);
  const double penalty_width = paragraph_.penalty_width(b);
  const bool final_fill = paragraph_.final_fill(b);
  BreakCost at{paragraph_.penalty_cost(b), paragraph_.flagged(b), b == paragraph_.end()};
  std::size_t kept = 0;  // active nodes are compacted in place
  // Nodes made at one break (one per fitness class) are adjacent and share their line's start:
  // one fit serves them all while the width is the same.
  Fit f;
  std::size_t fit_start = SIZE_MAX;
  double fit_target = 0;
  for (std::size_t i = 0; i < active.size(); ++i) {
    const Active& a = active[i];
    bool keep = !forced;
    bool short_tail = skip_short_tail_ && a.start >= b;
    if (a.start < b) {  // otherwise this node's line has not begun yet
      const double target = widths_ == 1 ? params_.line_widths.front() : line_width_at(params_, a.line_count);
      if (a.start != fit_start || target != fit_target) {
        f = paragraph_.fit(Paragraph::line_totals(paragraph_.totals_before(a.start), totals_at_break,
                                                  penalty_width, final_fill),
                           target);
        fit_start = a.start;
        fit_target = target;
      }
      if (f.overfull) keep = false;
      const bool too_many_flagged = at.flagged && params_.max_flagged_lines_in_row > 0 &&
                                    a.flagged_in_row >= params_.max_flagged_lines_in_row;
      if (too_many_flagged) {
        // Not a line this node may end here; the shortcut below is about lengths, not flags.
      } else if (!f.overfull && f.badness <= tolerance_) {
        const FitnessClass fitness = fitness_of(f.ratio);
        at.lone_word = at.at_end && lone_word_last_line(paragraph_, a.start, b, !a.passive);
        const double d = a.demerits + line_demerits(params_, at, a.flagged, a.fitness, f.badness, fitness);
        const std::size_t line_class = widths_ == 1 ? 0 : std::min(a.line_count + 1, widths_ - 1);
        add_candidate(Candidate{line_class, fitness, d, a.line_count, a.passive, at.flagged ? a.flagged_in_row + 1 : 0});
      } else if (!f.overfull && f.shortfall > 0) {
        short_tail = skip_short_tail_;
      }
    }
    if (keep) {
      if (kept != i) active[kept] = a;
      ++kept;
    }
    if (short_tail) {
      if (!forced) {
        const auto tail = active.begin() + static_cast<std::ptrdiff_t>(i + 1);
        if (kept != i + 1) std::move(tail, active.end(), active.begin() + static_cast<std::ptrdiff_t>(kept));
        kept += active.size() - (i + 1);
      }
      break;
    }
  }
  active.resize(kept);
}

// Keeps `candidate` if it is the cheapest so far of its line class and fitness class.
void TotalFitPass::add_candidate(const Candidate& candidate) {
  std::vector<Candidate>& candidates = nodes_.candidates;
  if (widths_ == 1) {
    std::int8_t& slot = candidate_of_fitness_[static_cast<std::size_t>(candidate.fitness)];
    if (slot < 0) {
      slot = static_cast<std::int8_t>(candidates.size());
      candidates.push_back(candidate);
    } else if (candidate.demerits < candidates[static_cast<std::size_t>(slot)].demerits) {
      candidates[static_cast<std::size_t>(slot)] = candidate;
    }
    return;
  }
  auto c = std::find_if(candidates.begin(), candidates.end(), [&](const Candidate& other) {
    return other.line_class == candidate.line_class && other.fitness == candidate.fitness;
  });
  if (c == candidates.end()) {
    candidates.push_back(candidate);
  } else if (candidate.demerits < c->demerits) {
    *c = candidate;
  }
}

// The candidates at break b become active nodes (and passive ones, for the way back).
void TotalFitPass::activate_candidates(std::size_t b) {
  const std::vector<Candidate>& candidates = nodes_.candidates;
  for (const Candidate& c : candidates) {
    // TeX's pruning: within a line class, a candidate worse than the best by more than the
    // fitness demerits can never win, because the next line's fitness costs at most that much.
    double best_in_class = kInfinity;
    for (const Candidate& other : candidates) {
      if (other.line_class == c.line_class) best_in_class = std::min(best_in_class, other.demerits);
    }
    if (c.demerits > best_in_class + params_.fitness_demerits) continue;
    nodes_.passives.push_back(Passive{b, c.from_passive});
    nodes_.active.push_back(Active{paragraph_.line_start_after(b), c.from_line_count + 1, c.fitness,
                                   paragraph_.flagged(b), c.flagged_in_row, c.demerits, nodes_.passives.size() - 1});
  }
}

// The breaks of the cheapest way through the paragraph, and its demerits.
std::optional<std::vector<std::size_t>> TotalFitPass::best_breaks(double* total_demerits) const {
  // After the paragraph's end (a forced break) only nodes created there remain.
  const std::vector<Passive>& passives = nodes_.passives;
  const Active* best = nullptr;
  for (const Active& a : nodes_.active) {
    if (a.passive && passives[*a.passive].break_at == paragraph_.end() &&
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

// One Knuth–Plass pass. Returns the breaks (indices into items) of the best solution, or nothing
// when every active node died (an overfull line could not be avoided).
std::optional<std::vector<std::size_t>> total_fit_pass(const Paragraph& paragraph,
                                                       const LineBreakParams& params, double tolerance,
                                                       double* total_demerits) {
  return TotalFitPass(paragraph, params, tolerance).run(total_demerits);
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
    line.demerits =
        line_demerits(params, paragraph, previous, line.begin, line.break_at, line.badness, line.fitness);
    total += line.demerits;
    previous.fitness = line.fitness;
    previous.flagged = line.flagged;
    previous.passive = 0;  // any value: the next line is not the first
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

}  // namespace nashr
