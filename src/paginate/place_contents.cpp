// paginate: a contents entry's page number and leaders (docs/report-format.md, "Table of contents").
#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

#include "paginate/paginate.h"
#include "paginate/place_table.h"

namespace nashr::paginating {

namespace {

// Between the leaders and the title or the number.
constexpr double kLeaderPadding = 3;

// The left and right ends of a line's runs from its measure's left edge.
std::pair<double, double> extent(const Line& line) {
  if (line.runs.empty()) return {0, 0};
  double left = std::numeric_limits<double>::max();
  double right = std::numeric_limits<double>::lowest();
  for (const LineRun& run : line.runs) {
    left = std::min(left, run.x);
    right = std::max(right, run.x + run.width);
  }
  return {left, right};
}

}  // namespace

void place_contents_page(const ResolvedDocument& resolved, BodyEdges body, const Line& title, double left,
                         double baseline, const ResolvedBlock& block, SetBlock& set, Page& page,
                         std::optional<Diagnostic>& off_page, const LineTags& tags) {
  if (!set.contents || !set.contents->page_number || set.contents->page_number->lines.empty() || !block.contents ||
      !block.contents->page_number) {
    return;
  }
  Line& number = set.contents->page_number->lines.front();
  const auto [number_start, number_end] = extent(number);
  const double number_width = number_end - number_start;
  const double number_left = resolved.rtl ? body.left : body.left + body.width - number_width;
  place_line(number, number_left - number_start, baseline, &block.contents->page_number->links, page, off_page,
             {tags.tagging, tags.leaf, &*block.contents->page_number});
  const std::optional<Lines>& leaders = set.contents->leader;
  if (!leaders || leaders->lines.empty() || !(block.contents->leader_space > 0)) return;

  // The leaders sit on a grid from the body's left edge, so that those of every entry line up.
  const Line& leader = leaders->lines.front();
  const auto [leader_start, leader_end] = extent(leader);
  const auto [title_start, title_end] = extent(title);
  const double from = resolved.rtl ? number_left + number_width + kLeaderPadding : left + title_end + kLeaderPadding;
  const double to = resolved.rtl ? left + title_start - kLeaderPadding : number_left - kLeaderPadding;
  const double step = block.contents->leader_space;
  double x = body.left + std::ceil((from - body.left) / step) * step;
  for (; x + (leader_end - leader_start) <= to; x += step) {
    Line copy = leader;  // placing moves the glyphs out
    place_line(copy, x - leader_start, baseline, nullptr, page, off_page);
  }
}

}  // namespace nashr::paginating
