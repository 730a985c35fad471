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
  double repeated = 0;          // the table head repeated above it when a page starts here
};

// A float taken out of the rows: its blocks' lines stacked, and the breakpoint where it stands.
struct Float {
  std::size_t anchor = 0;  // the breakpoint before the first text row after it
  double height = 0;
  double space_before = 0;
  double space_after = 0;
  std::vector<PlacedLine> lines;  // tops and baselines from the float's top
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
    std::size_t line_count = 0;
    for (const FlowBlock& block : blocks) line_count += block.lines.size();
    rows_.reserve(line_count);  // a row of 96 bytes per line of the issue, held while it is paginated
    forced_.reserve(line_count + 1);
    for (std::size_t b = 0; b < blocks.size(); ++b) {
      const FlowBlock& block = blocks[b];
      if (block.kind == FlowBlockKind::page_break) {
        forced_.back() = true;  // at the start or after another break this changes nothing
        continue;
      }
      if (block.lines.empty()) continue;
      if (block.floating) {
        add_to_float(b);
        continue;
      }
      const std::size_t first = rows_.size();
      for (std::size_t i = 0; i < block.lines.size(); ++i) {
        if (i == 0 && have_previous) position += std::max(previous_after, block.space_before);
        notes += block.lines[i].notes;
        least += block.lines[i].notes_least;
        const double repeated = i >= block.repeat_lines && i > 0 ? block.repeat_height : 0;
        Row row{b,     i,     block.lines[i].height, block.lines[i].baseline,    position, first,
                first + block.lines.size(), block.lines[i].notes, notes, block.lines[i].notes_least, least,
                repeated};
        any_notes_ = any_notes_ || row.notes != 0 || row.least != 0;
        rows_.push_back(row);
        forced_.push_back(false);
        position += row.height;
      }
      have_previous = true;
      previous_after = block.space_after;
    }
    forced_.back() = true;  // the end of the flow
    floats_before_.assign(rows_.size() + 1, 0);
    std::size_t f = 0;
    for (std::size_t k = 0; k <= rows_.size(); ++k) {
      while (f < floats_.size() && floats_[f].anchor < k) ++f;
      floats_before_[k] = k == rows_.size() ? floats_.size() : f;
    }
  }

  std::size_t size() const { return rows_.size(); }
  const Row& row(std::size_t r) const { return rows_[r]; }
  bool forced(std::size_t k) const { return forced_[k]; }
  const std::vector<Float>& floats() const { return floats_; }
  // Floats that stand before breakpoint k (all of them at the end of the flow).
  std::size_t floats_before(std::size_t k) const { return floats_before_[k]; }
  const FlowBlock& block(std::size_t b) const { return blocks_[b]; }
  // Height of a page holding rows [a, b): the gap before row a is dropped at the top; a table's
  // head repeated above row a, and the room for the rows' footnotes with the separator once, are added.
  double content_height(std::size_t a, std::size_t b) const {
    const double notes = rows_[b - 1].notes_through - rows_[a].notes_through + rows_[a].notes;
    return text_height(a, b) + (notes > 0 ? notes + params_.notes_separator : 0);
  }
  // The rows' own height (and the repeated head), without their footnotes: where a float among
  // them goes.
  double text_height(std::size_t a, std::size_t b) const {
    return rows_[b - 1].top + rows_[b - 1].height - rows_[a].top + repeated_height(a);
  }
  // The same with the notes' least room: what must fit (equal to content_height without notes).
  double least_height(std::size_t a, std::size_t b) const {
    const double notes = rows_[b - 1].least_through - rows_[a].least_through + rows_[a].least;
    return rows_[b - 1].top + rows_[b - 1].height - rows_[a].top + repeated_height(a) +
           (notes > 0 ? notes + params_.notes_separator : 0);
  }
  // The height of the table head repeated on a page that starts at row a (0: none).
  double repeated_height(std::size_t a) const { return rows_[a].repeated; }
  // Some row asks for footnote room (else content_height, text_height and least_height agree).
  bool any_notes() const { return any_notes_; }
  // The gap above row a when something else is above it on its page.
  double gap_above(std::size_t a, double previous_after) const {
    const Row& row = rows_[a];
    return row.line == 0 ? std::max(previous_after, blocks_[row.block].space_before) : previous_after;
  }

  // The rule a (non-forced) break before row k breaks, if any.
  BreakRule rule_at(std::size_t k) const {
    const Row& before = rows_[k - 1];
    const Row& after = rows_[k];
    if (before.block != after.block) {
      return blocks_[before.block].keep_with_next ? BreakRule::keep_with_next : BreakRule::none;
    }
    if (blocks_[before.block].keep_together) return BreakRule::keep_together;
    const FlowBlock& block = blocks_[before.block];
    const int first_lines = block.min_first_lines > 0 ? block.min_first_lines : params_.min_orphan_lines;
    const int last_lines = block.min_last_lines > 0 ? block.min_last_lines : params_.min_widow_lines;
    if (static_cast<long>(k - before.block_first) < first_lines) return BreakRule::orphan;
    if (static_cast<long>(before.block_end - k) < last_lines) return BreakRule::widow;
    return BreakRule::none;
  }

  double break_cost(std::size_t k) const {
    if (forced(k)) return 0;
    double cost = rule_at(k) == BreakRule::none ? 0 : params_.violation_cost;
    if (rows_[k - 1].block == rows_[k].block) cost += params_.inside_block_cost;
    return cost;
  }

 private:
  // A floating block joins the float before it when that one's last block keeps with it.
  void add_to_float(std::size_t b) {
    const FlowBlock& block = blocks_[b];
    const bool joins = !floats_.empty() && floats_.back().anchor == rows_.size() && b > 0 &&
                       blocks_[b - 1].floating && blocks_[b - 1].keep_with_next;
    if (!joins) floats_.push_back({rows_.size(), 0, block.space_before, 0, {}});
    Float& group = floats_.back();
    if (!group.lines.empty()) group.height += std::max(group.space_after, block.space_before);
    for (std::size_t i = 0; i < block.lines.size(); ++i) {
      const FlowLine& line = block.lines[i];
      group.lines.push_back({b, i, group.height, group.height + line.baseline, line.height});
      group.height += line.height;
    }
    group.space_after = block.space_after;
  }

  std::span<const FlowBlock> blocks_;
  const PageBreakParams& params_;
  std::vector<Row> rows_;
  bool any_notes_ = false;
  std::vector<bool> forced_;  // per breakpoint 0..rows
  std::vector<Float> floats_;
  std::vector<std::size_t> floats_before_;  // per breakpoint
};

// One page as a layout would fill it: rows [a, b) starting with `pending` floats waiting. The
// waiting floats go on top (as many as fit, at least one); then the rows, each float standing among
// them placed there when it fits below the text before it, else waiting for the next page with every
// float after it (order is kept), while the rows go on.
struct PageFill {
  double content = 0;
  std::size_t placed_pending = 0;  // waiting floats placed on top
  std::size_t waiting = 0;         // floats waiting after this page
  bool overflow = false;
};

PageFill fill_page(const Flow& flow, std::size_t a, std::size_t b, std::size_t pending, double body,
                   std::vector<PlacedLine>* placed) {
  PageFill fill;
  const std::vector<Float>& floats = flow.floats();
  double bottom = 0;
  double after = 0;
  bool empty = true;
  const auto put = [&](const Float& group, double top) {
    if (placed != nullptr) {
      for (const PlacedLine& line : group.lines)
        placed->push_back({line.block, line.line, top + line.top, top + line.baseline, line.height});
    }
    bottom = top + group.height;
    after = group.space_after;
    empty = false;
  };
  const std::size_t first_pending = flow.floats_before(a) - pending;
  for (std::size_t f = first_pending; f < flow.floats_before(a); ++f) {
    const double top = empty ? 0 : bottom + std::max(after, floats[f].space_before);
    if (!empty && top + floats[f].height > body) break;
    put(floats[f], top);
    ++fill.placed_pending;
  }
  bool waiting = fill.placed_pending < pending;
  fill.waiting = pending - fill.placed_pending;
  if (a < b) {
    const double text_top = empty ? 0 : bottom + flow.gap_above(a, after);
    const double repeated = flow.repeated_height(a);
    const double origin = flow.row(a).top - repeated;
    if (placed != nullptr && repeated > 0) {
      // The table's head again, above the rows it continues with.
      const FlowBlock& table = flow.block(flow.row(a).block);
      double top = text_top;
      for (std::size_t line = 0; line < table.repeat_lines; ++line) {
        const FlowLine& head = table.lines[line];
        placed->push_back(PlacedLine{flow.row(a).block, line, top, top + head.baseline, head.height, true});
        top += head.height;
      }
    }
    double inserted = 0;  // height the floats placed among the rows add below them
    std::size_t r = a;
    const auto put_rows = [&](std::size_t end) {
      if (placed == nullptr) return;  // the optimiser needs the heights only
      for (; r < end; ++r) {
        const Row& row = flow.row(r);
        const double top = text_top + row.top - origin + inserted;
        if (placed != nullptr) placed->push_back({row.block, row.line, top, top + row.baseline, row.height});
      }
    };
    for (std::size_t f = flow.floats_before(a); f < flow.floats_before(b); ++f) {
      const Float& group = floats[f];
      const std::size_t anchor = std::min(group.anchor, b);
      const double text_bottom = anchor == a ? (empty ? 0 : bottom) : text_top + flow.text_height(a, anchor) + inserted;
      const double top = anchor == a && empty ? 0 : text_bottom + group.space_before;
      if (!waiting && top + group.height <= body) {
        put_rows(anchor);
        put(group, top);
        if (anchor < b) inserted += top - text_bottom + group.height + group.space_after;
      } else {
        waiting = true;
        ++fill.waiting;
      }
    }
    put_rows(b);
    fill.content = std::max(text_top + flow.content_height(a, b) + inserted, bottom);
  } else {
    fill.content = bottom;
  }
  fill.overflow = fill.content > body;
  return fill;
}

struct State {
  double cost = kInfinity;
  std::size_t previous = 0;        // breakpoint where the page ending here began
  std::size_t previous_class = 0;  // page class at that breakpoint
  std::size_t previous_waiting = 0;  // floats waiting at that breakpoint
};

// The optimiser's states: per breakpoint, floats waiting there (0 … most) and page class.
class States {
 public:
  States(std::size_t breakpoints, std::size_t waiting, std::size_t classes)
      : waiting_(waiting), classes_(classes), states_(breakpoints * waiting * classes) {}
  State& at(std::size_t k, std::size_t waiting, std::size_t c) { return states_[(k * waiting_ + waiting) * classes_ + c]; }
  std::size_t waiting() const { return waiting_; }

 private:
  std::size_t waiting_;
  std::size_t classes_;
  std::vector<State> states_;
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

namespace {

// The cheapest layout, page by page from its end back, then each page filled again to place it.
PageBreaks& plan_pages(const Flow& flow, std::span<const FlowBlock> flow_blocks, const PageBreakParams& params,
                       States& states, DiagnosticSink& diagnostics, PageBreaks& result) {
  const std::size_t rows = flow.size();
  const std::size_t classes = params.page_heights.size();
  std::size_t best_class = 0;
  for (std::size_t c = 1; c < classes; ++c) {
    if (states.at(rows, 0, c).cost < states.at(rows, 0, best_class).cost) best_class = c;
  }
  struct End {
    std::size_t breakpoint, waiting, page_class;
  };
  // The state every layout starts from: breakpoint 0, nothing waiting (every float when there is no
  // text), the first page class.
  const std::size_t initial_waiting = rows == 0 ? flow.floats().size() : 0;
  std::vector<End> ends;
  for (End end{rows, 0, best_class}; end.breakpoint != 0 || end.waiting != initial_waiting || end.page_class != 0;) {
    const State& s = states.at(end.breakpoint, end.waiting, end.page_class);
    if (!std::isfinite(s.cost)) break;  // (cannot happen: a single row or float may always overflow)
    ends.push_back(end);
    end = {s.previous, s.previous_waiting, s.previous_class};
  }
  std::reverse(ends.begin(), ends.end());
  result.total_cost = states.at(rows, 0, best_class).cost;

  std::size_t start = 0;
  std::size_t waiting = initial_waiting;
  for (std::size_t p = 0; p < ends.size(); ++p) {
    const std::size_t end = ends[p].breakpoint;
    PlannedPage page;
    page.body_height = params.page_heights[std::min(p, classes - 1)];
    const PageFill fill = fill_page(flow, start, end, waiting, page.body_height, &page.lines);
    page.content_height = fill.content;
    page.overflow = fill.overflow;
    if (flow.floats().empty() && start < end) {
      // With footnotes going on at the next page's foot, the notes fill the page.
      page.content_height = std::max(std::min(fill.content, page.body_height), flow.least_height(start, end));
      page.overflow = page.content_height > page.body_height;
    }
    page.explicit_end = start < end ? flow.forced(end) : end == rows && ends[p].waiting == 0;
    page.broken_rule = page.explicit_end || start == end ? BreakRule::none : flow.rule_at(end);
    const End& from = p == 0 ? End{0, initial_waiting, 0} : ends[p - 1];
    page.cost = states.at(end, ends[p].waiting, ends[p].page_class).cost -
                (p == 0 ? 0 : states.at(from.breakpoint, from.waiting, from.page_class).cost);
    for (const PlacedLine& line : page.lines) {
      if (line.line == 0 && result.block_first_page[line.block] == kNoPage) result.block_first_page[line.block] = p;
    }
    if (page.overflow && !page.lines.empty()) {
      const FlowBlock& block = flow_blocks[page.lines.front().block];
      diagnostics.warning(block.source,
                          "this block is taller than the page body (" + number(page.content_height, 1) +
                              " pt > " + number(page.body_height, 1) + " pt) and overflows page " +
                              std::to_string(p + 1),
                          "scale the figure down or split the block");
    }
    if (start < end) report_broken_rule(diagnostics, flow_blocks, flow, params, end, page.broken_rule, p + 1);
    result.pages.push_back(std::move(page));
    start = end;
    waiting = ends[p].waiting;
  }
  return result;
}

// The cost of a page with content `content` on a body of `body`.
double page_cost(const PageBreakParams& params, double content, double body, bool explicit_end, double end_cost,
                 bool overflow) {
  double cost = params.page_cost + end_cost;
  if (overflow) cost += params.violation_cost;
  if (!explicit_end) {
    const double unfilled = std::max(0.0, body - content) / body;
    cost += params.short_page_weight * unfilled * unfilled;
  }
  return cost;
}

void relax(State& to, double cost, std::size_t a, std::size_t c, std::size_t waiting) {
  if (cost < to.cost) to = State{cost, a, c, waiting};
}

// The optimiser's step at breakpoint b for the usual flow: no floats, no footnotes, one page
// height. The general step's arithmetic in its order (so the same pages to the last bit), without
// its lookups of notes, floats and page classes for every pair of breakpoints (bench/README.md,
// "At the fourteenth stop").
void relax_plain(const Flow& flow, const PageBreakParams& params, std::size_t b, std::size_t last_forced,
                 States& states) {
  const bool explicit_end = flow.forced(b);
  const double end_cost = flow.break_cost(b);
  const double body = params.page_heights.front();
  const Row& last = flow.row(b - 1);
  const double bottom = last.top + last.height;
  State& to = states.at(b, 0, 0);
  for (std::size_t a = b; a-- > last_forced;) {
    const double text = bottom - flow.row(a).top + flow.repeated_height(a);  // content_height(a, b)
    if (text > body && a + 1 < b) break;  // only longer from here on
    const State& from = states.at(a, 0, 0);
    if (!std::isfinite(from.cost)) continue;
    relax(to, from.cost + page_cost(params, text, body, explicit_end, end_cost, text > body), a, 0, 0);
  }
}

// Pages of floats alone where more wait at breakpoint b than the next page's text leaves room for
// (and at the end of the flow): from the most waiting down, each such page places at least one.
void float_pages(const Flow& flow, const PageBreakParams& params, std::size_t b, States& states) {
  const std::size_t classes = params.page_heights.size();
  for (std::size_t k = states.waiting(); k-- > 1;) {
    for (std::size_t c = 0; c < classes; ++c) {
      const State& from = states.at(b, k, c);
      if (!std::isfinite(from.cost)) continue;
      const double body = params.page_heights[c];
      const PageFill fill = fill_page(flow, b, b, k, body, nullptr);
      const double cost = page_cost(params, fill.content, body, false, 0, fill.overflow);
      relax(states.at(b, fill.waiting, std::min(c + 1, classes - 1)), from.cost + cost, b, c, k);
    }
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
  if (rows == 0 && flow.floats().empty()) return result;

  const std::size_t classes = params.page_heights.size();
  const double tallest = *std::max_element(params.page_heights.begin(), params.page_heights.end());
  // No floats: one state per breakpoint and class, as before floats existed.
  const std::size_t most_waiting =
      rows == 0 ? flow.floats().size()
                : std::min<std::size_t>(flow.floats().size(), static_cast<std::size_t>(std::max(1, params.max_pending_floats)));
  const bool no_floats = most_waiting == 0;
  States states(rows + 1, most_waiting + 1, classes);
  states.at(0, 0, 0).cost = 0;
  std::size_t last_forced = 0;
  const bool plain = no_floats && classes == 1 && !flow.any_notes();
  for (std::size_t b = 1; b <= rows; ++b) {
    const bool explicit_end = flow.forced(b);
    if (plain) {
      relax_plain(flow, params, b, last_forced, states);
      if (explicit_end) last_forced = b;
      continue;
    }
    const double end_cost = flow.break_cost(b);
    for (std::size_t a = b; a-- > last_forced;) {
      const double full = flow.content_height(a, b);
      const double text = flow.least_height(a, b);  // `full` when no footnote must go on
      if (text > tallest && a + 1 < b) break;  // only longer from here on
      for (std::size_t k = 0; k <= most_waiting; ++k) {
        for (std::size_t c = 0; c < classes; ++c) {
          const State& from = states.at(a, k, c);
          if (!std::isfinite(from.cost)) continue;
          const double body = params.page_heights[c];
          // Without floats a page's content is its rows' (the optimiser's hot loop: no call).
          const PageFill fill = no_floats ? PageFill{text, 0, 0, text > body} : fill_page(flow, a, b, k, body, nullptr);
          if (fill.overflow && (a + 1 < b || fill.placed_pending > 0)) continue;
          if (fill.waiting > most_waiting) continue;
          double cost = page_cost(params, no_floats ? full : fill.content, body, explicit_end, end_cost, fill.overflow);
          // A page whose notes' full room does not fit: a note goes on at the next page's foot.
          if (no_floats && full > body && !fill.overflow) cost += params.split_note_cost;
          relax(states.at(b, fill.waiting, std::min(c + 1, classes - 1)), from.cost + cost, a, c, k);
        }
      }
    }
    if (!no_floats) float_pages(flow, params, b, states);
    if (explicit_end) last_forced = b;
  }
  if (rows == 0) {  // floats alone
    states.at(0, most_waiting, 0).cost = 0;
    states.at(0, 0, 0).cost = kInfinity;
    float_pages(flow, params, 0, states);
  }
  return plan_pages(flow, flow_blocks, params, states, diagnostics, result);
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
           line.repeated ? " repeated\n" : "\n"});
    }
  }
  return out;
}

}  // namespace nashr
