#include "paginate/masthead_grid.h"

#include <algorithm>
#include <cmath>

#include "paginate/paginate.h"

namespace nashr {

namespace {

constexpr double kRounding = 1e-9;  // a length a whole number of units long stays that long

// The step between two masthead baselines, in grid units: where the lines' own boxes put them,
// rounded to the nearest unit, and never closer than the mean of their leadings (rounded up: a
// Naskh series title with deep descenders sat on the ISSN under it at 15 pt).
double step_units(double natural, double mean_leading, double grid) {
  return std::max({1.0, std::round(natural / grid), std::ceil(mean_leading / grid - kRounding)});
}

}  // namespace

void put_masthead_on_grid(const ResolvedDocument& resolved, const std::vector<SetBlock>& blocks,
                          std::vector<FlowBlock>& flow) {
  const double grid = resolved.masthead_grid;
  std::size_t end = 0;
  while (end < flow.size() && end < resolved.blocks.size() && resolved.blocks[end].kind == BlockKind::masthead) ++end;
  if (grid <= 0 || end == 0) return;
  // Every box keeps the same depth under its baseline, the deepest line's descent: a step between
  // two baselines is then the lower line's box height alone, a whole number of units.
  double depth = 0;
  for (std::size_t b = 0; b < end; ++b) {
    for (const Line& line : blocks[b].lines.lines) depth = std::max(depth, line.descent);
  }
  bool first = true;
  FlowLine previous;  // the line above, as its own box made it
  double previous_leading = 0;
  for (std::size_t b = 0; b < end; ++b) {
    FlowBlock& block = flow[b];
    const double leading = resolved.blocks[b].text ? resolved.blocks[b].text->leading : previous_leading;
    double gap = b == 0 ? 0 : std::max(flow[b - 1].space_after, block.space_before);
    block.space_before = 0;
    if (b > 0) flow[b - 1].space_after = 0;
    for (FlowLine& line : block.lines) {
      const FlowLine natural = line;
      if (first) {
        line.baseline = std::max(1.0, std::round(natural.baseline / grid)) * grid;
        line.height = line.baseline + depth;
        first = false;
      } else {
        const double natural_step = previous.height - previous.baseline + gap + natural.baseline;
        line.height = step_units(natural_step, (previous_leading + leading) / 2, grid) * grid;
        line.baseline = line.height - depth;
      }
      previous = natural;
      previous_leading = leading;
      gap = 0;
    }
  }
}

}  // namespace nashr
