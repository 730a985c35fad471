// paginate: a table's slices on the page (place_table.h): shading under everything, then the cells'
// lines, then the rules over them.
#include <algorithm>
#include <cmath>

#include "paginate/place_table.h"
#include "paginate/tag_structure.h"

namespace nashr::paginating {

namespace {

constexpr double kEdge = 0.01;  // points: rounding, not a gap

// The part [top, bottom) of the slice that a box from `y` of `height` covers, or none.
bool clip(const TableSlice& slice, double y, double height, double& top, double& bottom) {
  top = std::max(y, slice.top);
  bottom = std::min(y + height, slice.bottom);
  return bottom > top + kEdge;
}

void rule(Page& page, double x0, double x1, double y, double width, const Color& colour) {
  if (width <= 0) return;
  page.items.emplace_back(Rule{{x0, y}, {x1, y}, width, colour});
}

}  // namespace

void place_table_slice(const ResolvedTable& table, TableLayout& layout, const SliceOnPage& where, Page& page,
                       std::optional<Diagnostic>& off_page) {
  const TableSlice& slice = layout.slices[where.slice];
  TableBand& band = layout.bands[slice.band];
  const TableStyle& look = table.look;
  const double offset = where.top - slice.top;  // band y → page y
  const double right = where.left + layout.width;
  double top = 0;
  double bottom = 0;
  for (const CellLayout& cell : band.cells) {
    if (!cell.fill || !clip(slice, cell.box.y, cell.box.height, top, bottom)) continue;
    Box box;
    box.rect = {where.left + cell.box.x, top + offset, cell.box.width, bottom - top};
    box.filled = true;
    box.fill = *cell.fill;
    page.items.emplace_back(box);
  }
  for (CellLayout& cell : band.cells) {
    const ResolvedCell& resolved = table.cells[cell.cell];
    for (std::size_t i = 0; i < cell.lines.lines.size(); ++i) {
      if (cell.line_top[i] < slice.top - kEdge || cell.line_top[i] >= slice.bottom - kEdge) continue;
      const double x = where.left + cell.line_left[i];
      const double baseline = cell.line_baseline[i] + offset;
      if (band.header) {
        // The head is drawn again on each page the table continues on: its glyphs are copied.
        Line copy = cell.lines.lines[i];
        const LineTags tags{where.tagging,
                            where.repeated || where.tagging == nullptr ? kNoElement
                                                                      : where.tagging->cell(where.block, cell.cell),
                            &resolved.text};
        place_line(copy, x, baseline, &resolved.text.links, page, off_page, tags);
      } else {
        const LineTags tags{where.tagging,
                            where.tagging == nullptr ? kNoElement : where.tagging->cell(where.block, cell.cell),
                            &resolved.text};
        place_line(cell.lines.lines[i], x, baseline, &resolved.text.links, page, off_page, tags);
      }
    }
  }
  // Between body rows (a cell's lower edge), and between columns when the style asks.
  for (const CellLayout& cell : band.cells) {
    const double cell_bottom = cell.box.y + cell.box.height;
    const bool table_bottom = slice.band + 1 == layout.bands.size() && std::abs(cell_bottom - band.height) < kEdge;
    if (!band.header && !table_bottom && cell_bottom > slice.top + kEdge && cell_bottom <= slice.bottom + kEdge) {
      rule(page, where.left + cell.box.x, where.left + cell.box.x + cell.box.width, cell_bottom + offset, look.rule_width,
           look.rule);
    }
    const double edge = table.rtl ? cell.box.x : cell.box.x + cell.box.width;
    if (look.column_rules && look.rule_width > 0 && edge > kEdge && edge < layout.width - kEdge &&
        clip(slice, cell.box.y, cell.box.height, top, bottom)) {
      page.items.emplace_back(
          Rule{{where.left + edge, top + offset}, {where.left + edge, bottom + offset}, look.rule_width, look.rule});
    }
  }
  // The frame: above the table's first slice on a page, below its head, below its last slice.
  const bool last_head_slice = band.header && where.slice + 1 == layout.header_slices;
  if (where.page_top) rule(page, where.left, right, where.top, look.frame_width, look.rule);
  if (last_head_slice || where.page_foot || where.slice + 1 == layout.slices.size()) {
    rule(page, where.left, right, slice.bottom + offset, look.frame_width, look.rule);
  }
}

}  // namespace nashr::paginating
