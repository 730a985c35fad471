#include "paginate/page_breaker.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <cstdio>
#include <initializer_list>
#include <limits>
#include <string_view>

namespace nashr {

FlowBlock FlowBlock::paragraph(std::vector<FlowLine> lines, double space_before, double space_after) {
  FlowBlock block;
  block.kind = FlowBlockKind::lines;
  block.lines = std::move(lines);
  block.space_before = space_before;
  block.space_after = space_after;
  return block;
}

FlowBlock FlowBlock::heading(std::vector<FlowLine> lines, double space_before, double space_after) {
  FlowBlock block = paragraph(std::move(lines), space_before, space_after);
  block.keep_with_next = true;
  block.keep_together = true;
  return block;
}

FlowBlock FlowBlock::unit(double height, double space_before, double space_after) {
  FlowBlock block;
  block.kind = FlowBlockKind::unit;
  block.lines = {FlowLine{height, height}};
  block.space_before = space_before;
  block.space_after = space_after;
  return block;
}

FlowBlock FlowBlock::page_break() {
  FlowBlock block;
  block.kind = FlowBlockKind::page_break;
  return block;
}

const char* to_string(BreakRule rule) {
  switch (rule) {
    case BreakRule::none: return "none";
    case BreakRule::orphan: return "orphan";
    case BreakRule::widow: return "widow";
    case BreakRule::keep_with_next: return "keep-with-next";
    case BreakRule::keep_together: return "keep-together";
  }
  return "?";
}

namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();

std::string number(double value, int precision) {
  if (std::abs(value) < 0.5 * std::pow(10.0, -precision)) value = 0;
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", precision, value);
  return buffer;
}

// The flow flattened into rows (a line or a unit each). A page holds rows [a, b); breakpoint k is
// the boundary before row k.
struct Row {
  std::size_t block = 0;
  std::size_t line = 0;
  double height = 0;
  double baseline = 0;
  double top = 0;               // position if the whole flow were one endless page (gaps included)
  std::size_t block_first = 0;  // first row of its block
  std::size_t block_end = 0;    // one past its block's last row
  double notes = 0;             // footnote room this row asks for (FlowLine::notes)
  double notes_through = 0;     // the same summed over the flow's rows up to this one
  double least = 0;             // the least of it (FlowLine::notes_least)
  double least_through = 0;
};

class Flow {
 public:
  Flow(std::span<const FlowBlock> blocks, const PageBreakParams& params) : blocks_(blocks), params_(params) {
    forced_.push_back(true);  // breakpoint 0: the start
    bool have_previous = false;
    double previous_after = 0;
    double position = 0;
    double notes = 0;
    double least = 0;
    for (std::size_t b = 0; b < blocks.size(); ++b) {
      const FlowBlock& block = blocks[b];
      if (block.kind == FlowBlockKind::page_break) {
        forced_.back() = true;  // at the start or after another break this changes nothing
        continue;
      }
      if (block.lines.empty()) continue;
      const std::size_t first = rows_.size();
      for (std::size_t i = 0; i < block.lines.size(); ++i) {
        if (i == 0 && have_previous) position += std::max(previous_after, block.space_before);
        notes += block.lines[i].notes;
        least += block.lines[i].notes_least;
        Row row{b,     i,     block.lines[i].height, block.lines[i].baseline,    position, first,
                first + block.lines.size(), block.lines[i].notes, notes, block.lines[i].notes_least, least};
        rows_.push_back(row);
        forced_.push_back(false);
        position += row.height;
      }
      have_previous = true;
      previous_after = block.space_after;
    }
    forced_.back() = true;  // the end of the flow
  }

  std::size_t size() const { return rows_.size(); }
  const Row& row(std::size_t r) const { return rows_[r]; }
  bool forced(std::size_t k) const { return forced_[k]; }
  // Height of a page holding rows [a, b): the gap before row a is dropped at the top; the room for
  // the rows' footnotes, with the separator once, is added.
  double content_height(std::size_t a, std::size_t b) const {
    const double notes = rows_[b - 1].notes_through - rows_[a].notes_through + rows_[a].notes;
    return rows_[b - 1].top + rows_[b - 1].height - rows_[a].top + (notes > 0 ? notes + params_.notes_separator : 0);
  }
  // The same with the notes' least room: what must fit (equal to content_height without notes).
  double least_height(std::size_t a, std::size_t b) const {
    const double notes = rows_[b - 1].least_through - rows_[a].least_through + rows_[a].least;
    return rows_[b - 1].top + rows_[b - 1].height - rows_[a].top + (notes > 0 ? notes + params_.notes_separator : 0);
  }

  // The rule a (non-forced) break before row k breaks, if any.
  BreakRule rule_at(std::size_t k) const {
    const Row& before = rows_[k - 1];
    const Row& after = rows_[k];
    if (before.block != after.block) {
      return blocks_[before.block].keep_with_next ? BreakRule::keep_with_next : BreakRule::none;
    }
    if (blocks_[before.block].keep_together) return BreakRule::keep_together;
    if (static_cast<long>(k - before.block_first) < params_.min_orphan_lines) return BreakRule::orphan;
    if (static_cast<long>(before.block_end - k) < params_.min_widow_lines) return BreakRule::widow;
    return BreakRule::none;
  }

  double break_cost(std::size_t k) const {
    if (forced(k)) return 0;
    double cost = rule_at(k) == BreakRule::none ? 0 : params_.violation_cost;
    if (rows_[k - 1].block == rows_[k].block) cost += params_.inside_block_cost;
    return cost;
  }

 private:
  std::span<const FlowBlock> blocks_;
  const PageBreakParams& params_;
  std::vector<Row> rows_;
  std::vector<bool> forced_;  // per breakpoint 0..rows
};

struct State {
  double cost = kInfinity;
  std::size_t previous = 0;        // breakpoint where the page ending here began
  std::size_t previous_class = 0;  // page class at that breakpoint
};

void warn(DiagnosticSink& diagnostics, const FlowBlock& block, std::string message, std::string hint) {
  diagnostics.warning(block.source, std::move(message), std::move(hint));
}

std::string lines_word(long count) {
  return std::to_string(count) + (count == 1 ? " line" : " lines");
}

void report_broken_rule(DiagnosticSink& diagnostics, std::span<const FlowBlock> blocks, const Flow& flow,
                        const PageBreakParams& params, std::size_t k, BreakRule rule,
                        std::size_t page_number) {
  const Row& before = flow.row(k - 1);
  const FlowBlock& block = blocks[before.block];
  const std::string page = std::to_string(page_number);
  const std::string next = std::to_string(page_number + 1);
  const std::string hint =
      "no page layout keeps every rule here; shortening or reordering the text nearby helps";
  switch (rule) {
    case BreakRule::none: return;
    case BreakRule::orphan:
      warn(diagnostics, block,
           "page " + page + " ends after " + lines_word(static_cast<long>(k - before.block_first)) +
               " of this paragraph (an orphan; at least " + std::to_string(params.min_orphan_lines) +
               " wanted)",
           hint);
      return;
    case BreakRule::widow:
      warn(diagnostics, block,
           "page " + next + " starts with the last " + lines_word(static_cast<long>(before.block_end - k)) +
               " of this paragraph (a widow; at least " + std::to_string(params.min_widow_lines) + " wanted)",
           hint);
      return;
    case BreakRule::keep_with_next:
      warn(diagnostics, block, "this heading ends page " + page + ", apart from the text it introduces",
           "the text after it cannot start on the same page; " + hint);
      return;
    case BreakRule::keep_together:
      warn(diagnostics, block, "this block is split between pages " + page + " and " + next,
           "it is taller than a page and cannot be kept together");
      return;
  }
}

}  // namespace

PageBreaks break_pages(std::span<const FlowBlock> flow_blocks, const PageBreakParams& params,
                       DiagnosticSink& diagnostics) {
  assert(!params.page_heights.empty() && "PageBreakParams::page_heights must not be empty");
  assert(
      std::all_of(params.page_heights.begin(), params.page_heights.end(), [](double h) { return h > 0; }) &&
      "page body heights must be positive");
  const Flow flow(flow_blocks, params);
  const std::size_t rows = flow.size();
  PageBreaks result;
  result.block_first_page.assign(flow_blocks.size(), kNoPage);
  if (rows == 0) return result;

  const std::size_t classes = params.page_heights.size();
  const double tallest = *std::max_element(params.page_heights.begin(), params.page_heights.end());
  std::vector<State> states((rows + 1) * classes);
  states[0].cost = 0;
  std::size_t last_forced = 0;
  for (std::size_t b = 1; b <= rows; ++b) {
    const bool explicit_end = flow.forced(b);
    const double end_cost = flow.break_cost(b);
    for (std::size_t a = b; a-- > last_forced;) {
      const double full = flow.content_height(a, b);
      const double content = flow.least_height(a, b);  // `full` when no footnote must go on
      if (content > tallest && a + 1 < b) break;  // only longer from here on
      for (std::size_t c = 0; c < classes; ++c) {
        const State& from = states[a * classes + c];
        if (!std::isfinite(from.cost)) continue;
        const double body = params.page_heights[c];
        const bool overflow = content > body;
        if (overflow && a + 1 < b) continue;
        double cost = params.page_cost + end_cost;
        if (overflow) cost += params.violation_cost;
        if (full > body && !overflow) cost += params.split_note_cost;
        if (!explicit_end) {
          const double unfilled = std::max(0.0, body - std::max(full, content)) / body;
          cost += params.short_page_weight * unfilled * unfilled;
        }
        State& to = states[b * classes + std::min(c + 1, classes - 1)];
        if (from.cost + cost < to.cost) to = State{from.cost + cost, a, c};
      }
    }
    if (explicit_end) last_forced = b;
  }

  // Backtrack from the cheapest state at the end.
  std::size_t best_class = 0;
  for (std::size_t c = 1; c < classes; ++c) {
    if (states[rows * classes + c].cost < states[rows * classes + best_class].cost) best_class = c;
  }
  std::vector<std::pair<std::size_t, std::size_t>> ends;  // (breakpoint, class after it)
  for (std::size_t k = rows, c = best_class; k > 0;) {
    ends.emplace_back(k, c);
    const State& s = states[k * classes + c];
    k = s.previous;
    c = s.previous_class;
  }
  std::reverse(ends.begin(), ends.end());
  result.total_cost = states[rows * classes + best_class].cost;

  std::size_t start = 0;
  for (std::size_t p = 0; p < ends.size(); ++p) {
    const std::size_t end = ends[p].first;
    PlannedPage page;
    page.body_height = params.page_heights[std::min(p, classes - 1)];
    // With footnotes going on at the next page's foot, the notes fill the page.
    page.content_height = std::max(std::min(flow.content_height(start, end), page.body_height),
                                   flow.least_height(start, end));
    page.explicit_end = flow.forced(end);
    page.overflow = page.content_height > page.body_height;
    page.broken_rule = page.explicit_end ? BreakRule::none : flow.rule_at(end);
    const State& from = states[start * classes + (p == 0 ? 0 : ends[p - 1].second)];
    page.cost = states[end * classes + ends[p].second].cost - from.cost;
    const double origin = flow.row(start).top;
    for (std::size_t r = start; r < end; ++r) {
      const Row& row = flow.row(r);
      if (row.line == 0) result.block_first_page[row.block] = p;
      page.lines.push_back(
          PlacedLine{row.block, row.line, row.top - origin, row.top - origin + row.baseline, row.height});
    }
    if (page.overflow) {
      const FlowBlock& block = flow_blocks[flow.row(start).block];
      diagnostics.warning(block.source,
                          "this block is taller than the page body (" + number(page.content_height, 1) +
                              " pt > " + number(page.body_height, 1) + " pt) and overflows page " +
                              std::to_string(p + 1),
                          "scale the figure down or split the block");
    }
    report_broken_rule(diagnostics, flow_blocks, flow, params, end, page.broken_rule, p + 1);
    result.pages.push_back(std::move(page));
    start = end;
  }
  return result;
}

std::string format_page_breaks(const PageBreaks& breaks) {
  std::string out;
  const auto put = [&out](std::initializer_list<std::string_view> parts) {
    for (const std::string_view part : parts) out.append(part);
  };
  put({std::to_string(breaks.pages.size()), " pages, cost ", number(breaks.total_cost, 1), "\n"});
  for (std::size_t p = 0; p < breaks.pages.size(); ++p) {
    const PlannedPage& page = breaks.pages[p];
    put({"page ", std::to_string(p + 1), ": content ", number(page.content_height, 3), "/",
         number(page.body_height, 3), " cost ", number(page.cost, 1)});
    if (page.explicit_end) put({" explicit-end"});
    if (page.overflow) put({" OVERFLOW"});
    if (page.broken_rule != BreakRule::none) put({" BROKEN ", to_string(page.broken_rule)});
    put({"\n"});
    for (const PlacedLine& line : page.lines) {
      put({"  block ", std::to_string(line.block), " line ", std::to_string(line.line), " top ",
           number(line.top, 3), " baseline ", number(line.baseline, 3), " height ", number(line.height, 3),
           "\n"});
    }
  }
  return out;
}

}  // namespace nashr
