#include <algorithm>

#include "linebreak/line_breaker.h"

namespace nashr {

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

}  // namespace nashr
