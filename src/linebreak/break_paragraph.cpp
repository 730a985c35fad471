#include "linebreak/break_paragraph.h"

#include <new>

namespace nashr::knuth_plass {

namespace {

std::vector<ParagraphTables>& spare_paragraph_tables() {
  thread_local std::vector<ParagraphTables> spare;
  return spare;
}

}  // namespace

Paragraph::Paragraph(std::span<const BreakItem> items, const LineBreakParams& params)
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

Paragraph::~Paragraph() {
  try {
    spare_paragraph_tables().push_back({std::move(totals_), std::move(next_box_), std::move(breakpoints_)});
  } catch (const std::bad_alloc&) {
    // Not kept: the next paragraph allocates its own.
  }
}

BrokenLine Paragraph::make_line(std::size_t start, std::size_t b, std::size_t line_index, double tolerance) const {
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
    } else if (s <= (t.kashida > 0 ? params_.space_ratio_before_kashida : 1) * t.stretch) {
      line.space_ratio = s / t.stretch;
    } else if (const double spaces = params_.space_ratio_before_kashida * t.stretch; s <= spaces + t.kashida) {
      line.space_ratio = t.stretch > 0 ? params_.space_ratio_before_kashida : 0;
      line.kashida_ratio = (s - spaces) / t.kashida;
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

}  // namespace nashr::knuth_plass
