// lay_out_table (table_layout.h): the cells through the text stages, the columns' widths, the rows'
// heights, bands and slices.
#include <algorithm>
#include <limits>
#include <optional>

#include "base/utf8.h"
#include "shape/shape.h"
#include "table/table_layout.h"
#include "text/itemize.h"

namespace nashr {

namespace {

// One cell between shaping and breaking.
struct ShapedCell {
  std::optional<ItemizedParagraph> itemized;
  ShapedParagraph shaped;
  ContentWidths widths;
  std::optional<double> decimal_left;  // a number's width left of its decimal separator, as set
  double decimal_right = 0;            // ... and right of it
  // A decimal cell set once at its widest width to find where its separator is (kept when the
  // column is that wide: the usual one-line number).
  std::optional<Lines> measured;
  double measured_width = 0;
};

constexpr double kSlack = 0.5;  // points

bool is_digit(char16_t c) {
  return (c >= u'0' && c <= u'9') || (c >= u'\u06F0' && c <= u'\u06F9') || (c >= u'\u0660' && c <= u'\u0669');
}

// Where a number's decimal separator (٫ or .) is in the text: between two digits; without one, just
// after the last digit. None when the text has no digit.
std::optional<std::uint32_t> decimal_point(const std::u16string& text) {
  std::optional<std::uint32_t> after_last_digit;
  for (std::uint32_t i = 0; i < text.size(); ++i) {
    const char16_t c = text[i];
    if ((c == u'.' || c == u'\u066B') && i > 0 && i + 1 < text.size() && is_digit(text[i - 1]) &&
        is_digit(text[i + 1])) {
      return i;
    }
    if (is_digit(c)) after_last_digit = i + 1;
  }
  return after_last_digit;
}

double visual_left(const Line& line) {
  double left = std::numeric_limits<double>::max();
  for (const LineRun& run : line.runs) left = std::min(left, run.x);
  return line.runs.empty() ? 0 : left;
}

double visual_width(const Line& line) {
  double right = std::numeric_limits<double>::lowest();
  for (const LineRun& run : line.runs) right = std::max(right, run.x + run.width);
  return line.runs.empty() ? 0 : right - visual_left(line);
}

std::size_t utf16_length(std::string_view text) {
  std::size_t units = 0;
  for (std::size_t i = 0; i < text.size();) units += next_code_point(text, i) > 0xFFFF ? 2 : 1;
  return units;
}

// Where the text's position `point` falls on a set line, from the line's visual left edge: inside a
// left-to-right run (a number is one, whatever the text around it), after the glyphs of the
// characters before it. None when no such run holds the character before it.
std::optional<double> point_on_line(const Line& line, const ItemizedParagraph& itemized, std::uint32_t point) {
  if (point == 0) return std::nullopt;
  const auto skip_inserted = [&](std::uint32_t& position) {
    while (position < itemized.inserted.size() && itemized.inserted[position] != 0) ++position;
  };
  for (const LineRun& run : line.runs) {
    if (run.rtl || run.font == nullptr || point - 1 < run.text_begin || point - 1 >= run.text_end) continue;
    const double scale = run.size / run.font->units_per_em();
    std::uint32_t position = run.text_begin;
    skip_inserted(position);
    double x = 0;
    for (const PlacedGlyph& glyph : run.glyphs) {
      if (position >= point) break;
      x += glyph.x_advance * scale;
      position += static_cast<std::uint32_t>(utf16_length(glyph.text.view()));
      skip_inserted(position);
    }
    return run.x + x - visual_left(line);
  }
  return std::nullopt;
}

// Sets a decimal cell on one line at its widest width and finds its separator there.
void measure_decimal(const ResolvedCell& resolved, ShapedCell& cell, DiagnosticSink& sink) {
  const std::optional<std::uint32_t> point = decimal_point(cell.itemized->text());
  if (!point) return;
  LineSettings settings = resolved.text.settings;
  settings.width = cell.widths.widest + kSlack;
  Lines lines = break_lines(resolved.text.paragraph, *cell.itemized, cell.shaped, settings, sink);
  if (lines.lines.size() != 1) return;
  const std::optional<double> left = point_on_line(lines.lines.front(), *cell.itemized, *point);
  if (!left) return;
  cell.decimal_left = *left;
  cell.decimal_right = visual_width(lines.lines.front()) - *left;
  cell.measured = std::move(lines);
  cell.measured_width = settings.width;
}

// The narrowest and widest widths of each column (padding included): from its own cells first,
// then what a spanning cell needs beyond its columns' sum, shared evenly among them.
void content_widths(const ResolvedTable& table, const std::vector<ShapedCell>& shaped, std::vector<double>& narrowest,
                    std::vector<double>& widest) {
  const std::size_t columns = table.columns.size();
  // The padding, and half a point: a line set at exactly its measured width may be found a hair
  // too wide after rounding.
  const double padding = 2 * table.look.padding + kSlack;
  narrowest.assign(columns, padding);
  widest.assign(columns, padding);
  std::vector<double> decimal_left(columns, 0);
  std::vector<double> decimal_right(columns, 0);
  for (int pass = 0; pass < 2; ++pass) {
    for (std::size_t i = 0; i < table.cells.size(); ++i) {
      const ResolvedCell& cell = table.cells[i];
      const auto first = static_cast<std::size_t>(cell.column);
      const auto span = static_cast<std::size_t>(cell.column_span);
      if ((span == 1) != (pass == 0)) continue;
      const ContentWidths& content = shaped[i].widths;
      if (span == 1) {
        narrowest[first] = std::max(narrowest[first], content.narrowest + padding);
        widest[first] = std::max(widest[first], content.widest + padding);
        if (cell.align == CellAlignment::decimal && shaped[i].decimal_left) {
          decimal_left[first] = std::max(decimal_left[first], *shaped[i].decimal_left);
          decimal_right[first] = std::max(decimal_right[first], shaped[i].decimal_right);
        }
        continue;
      }
      double have_narrowest = 0;
      double have_widest = 0;
      for (std::size_t c = first; c < first + span; ++c) {
        have_narrowest += narrowest[c];
        have_widest += widest[c];
      }
      for (std::size_t c = first; c < first + span; ++c) {
        narrowest[c] += std::max(0.0, content.narrowest + padding - have_narrowest) / static_cast<double>(span);
        widest[c] += std::max(0.0, content.widest + padding - have_widest) / static_cast<double>(span);
      }
    }
    if (pass == 0) {
      for (std::size_t c = 0; c < columns; ++c) {
        const double numbers = decimal_left[c] + decimal_right[c] + padding;
        narrowest[c] = std::max(narrowest[c], numbers);
        widest[c] = std::max(widest[c], numbers);
      }
    }
  }
  for (std::size_t c = 0; c < columns; ++c) widest[c] = std::max(widest[c], narrowest[c]);
}

// Per column, the widest number parts of its one-column decimal cells: where its separators line up.
std::vector<std::pair<double, double>> decimal_parts(const ResolvedTable& table, const std::vector<ShapedCell>& shaped) {
  std::vector<std::pair<double, double>> parts(table.columns.size(), {0.0, 0.0});
  for (std::size_t i = 0; i < table.cells.size(); ++i) {
    const ResolvedCell& cell = table.cells[i];
    if (cell.align != CellAlignment::decimal || cell.column_span != 1 || !shaped[i].decimal_left) continue;
    auto& [left, right] = parts[static_cast<std::size_t>(cell.column)];
    left = std::max(left, *shaped[i].decimal_left);
    right = std::max(right, shaped[i].decimal_right);
  }
  return parts;
}

// Sets a cell's lines in its box and places each line (x from the table's left, y from the cell's top).
CellLayout set_cell(const ResolvedTable& table, std::size_t index, ShapedCell& shaped, const Rect& box,
                    const std::pair<double, double>& decimal, DiagnosticSink& sink) {
  const ResolvedCell& cell = table.cells[index];
  const double padding = table.look.padding;
  const double leading = table.look.leading;
  CellLayout layout;
  layout.cell = index;
  layout.box = box;
  if (!cell.has_text) return layout;
  LineSettings settings = cell.text.settings;
  settings.width = std::max(1.0, box.width - 2 * padding);
  if (shaped.measured && settings.width >= shaped.measured_width) {
    layout.lines = std::move(*shaped.measured);
  } else {
    layout.lines = break_lines(cell.text.paragraph, *shaped.itemized, shaped.shaped, settings, sink);
  }
  double ascent = 0;
  double descent = 0;
  for (const Line& line : layout.lines.lines) {
    ascent = std::max(ascent, line.ascent);
    descent = std::max(descent, line.descent);
  }
  const double inner_left = box.x + padding;
  // A number goes where its separator lines up with the column's; the block of numbers is centred.
  std::optional<double> shift;
  if (cell.align == CellAlignment::decimal) {
    const auto& [most_left, most_right] = decimal;
    const double block_left = inner_left + (settings.width - most_left - most_right) / 2;
    if (shaped.decimal_left && cell.column_span == 1) shift = block_left + most_left - *shaped.decimal_left;
  }
  for (std::size_t i = 0; i < layout.lines.lines.size(); ++i) {
    const Line& line = layout.lines.lines[i];
    double left = inner_left;
    if (cell.align == CellAlignment::decimal) {
      const double visual = shift ? *shift : inner_left + (settings.width - visual_width(line)) / 2;
      left = visual - visual_left(line);
    }
    const double top = padding + static_cast<double>(i) * leading;
    layout.line_left.push_back(left);
    layout.line_top.push_back(top);
    layout.line_baseline.push_back(top + (leading + ascent - descent) / 2);
  }
  return layout;
}

double cell_height(const CellLayout& cell, const TableStyle& look) {
  const std::size_t lines = std::max<std::size_t>(1, cell.lines.lines.size());
  return static_cast<double>(lines) * look.leading + 2 * look.padding;
}

std::vector<TableSlice> slice_band(const TableBand& band, std::size_t index, double limit, double leading);

}  // namespace

TableLayout lay_out_table(const ResolvedTable& table, FontDb& fonts, DiagnosticSink& sink) {
  std::vector<ShapedCell> shaped(table.cells.size());
  for (std::size_t i = 0; i < table.cells.size(); ++i) {
    if (!table.cells[i].has_text) continue;
    shaped[i].itemized.emplace(itemize(table.cells[i].text.paragraph, fonts, sink));
    shaped[i].shaped = shape(*shaped[i].itemized);
    shaped[i].widths = measure_content(*shaped[i].itemized, shaped[i].shaped);
    if (table.cells[i].align == CellAlignment::decimal) measure_decimal(table.cells[i], shaped[i], sink);
  }
  std::vector<double> narrowest;
  std::vector<double> widest;
  content_widths(table, shaped, narrowest, widest);

  TableLayout layout;
  layout.column_width = column_widths(table.columns, narrowest, widest, table.width);
  for (const double width : layout.column_width) layout.width += width;
  double x = table.rtl ? layout.width : 0;
  for (const double width : layout.column_width) {
    if (table.rtl) x -= width;
    layout.column_left.push_back(x);
    if (!table.rtl) x += width;
  }

  // Cells set in their boxes (y from the cell's own top until the rows' heights are known).
  const std::vector<std::pair<double, double>> decimals = decimal_parts(table, shaped);
  std::vector<CellLayout> cells;
  std::vector<double> row_height(table.rows, table.look.leading + 2 * table.look.padding);
  for (std::size_t i = 0; i < table.cells.size(); ++i) {
    const ResolvedCell& cell = table.cells[i];
    const auto first = static_cast<std::size_t>(cell.column);
    const std::size_t last = first + static_cast<std::size_t>(cell.column_span) - 1;
    double width = 0;
    for (std::size_t c = first; c <= last; ++c) width += layout.column_width[c];
    const double left = std::min(layout.column_left[first], layout.column_left[last]);
    cells.push_back(set_cell(table, i, shaped[i], {left, 0, width, 0}, decimals[first], sink));
    shaped[i] = ShapedCell{};  // the text is set: its shaping is no longer needed
    if (cell.row_span == 1) row_height[cell.row] = std::max(row_height[cell.row], cell_height(cells.back(), table.look));
  }
  // A cell spanning rows taller than they are together makes its last row taller.
  for (std::size_t i = 0; i < table.cells.size(); ++i) {
    const ResolvedCell& cell = table.cells[i];
    if (cell.row_span == 1) continue;
    const std::size_t end = std::min(table.rows, cell.row + static_cast<std::size_t>(cell.row_span));
    double spanned = 0;
    for (std::size_t r = cell.row; r < end; ++r) spanned += row_height[r];
    row_height[end - 1] += std::max(0.0, cell_height(cells[i], table.look) - spanned);
  }

  // Bands: rows that no row span joins to the next one.
  std::vector<std::size_t> reach(table.rows);  // per row: one past the last row its cells span
  for (std::size_t r = 0; r < table.rows; ++r) reach[r] = r + 1;
  for (const ResolvedCell& cell : table.cells)
    reach[cell.row] = std::max(reach[cell.row], std::min(table.rows, cell.row + static_cast<std::size_t>(cell.row_span)));
  std::vector<std::size_t> row_band(table.rows, 0);
  for (std::size_t r = 0; r < table.rows;) {
    std::size_t end = r + 1;
    for (std::size_t k = r; k < end; ++k) end = std::max(end, reach[k]);
    TableBand band;
    band.header = r < table.header_rows;
    band.first_row = r;
    band.rows = end - r;
    for (std::size_t row = r; row < end; ++row) {
      band.height += row_height[row];
      band.row_bottoms.push_back(band.height);
      row_band[row] = layout.bands.size();
    }
    layout.bands.push_back(std::move(band));
    r = end;
  }
  for (std::size_t i = 0; i < cells.size(); ++i) {
    const ResolvedCell& cell = table.cells[i];
    TableBand& band = layout.bands[row_band[cell.row]];
    const std::size_t row = cell.row - band.first_row;
    const std::size_t end = std::min(band.rows, row + static_cast<std::size_t>(cell.row_span));
    cells[i].box.y = row == 0 ? 0 : band.row_bottoms[row - 1];
    cells[i].box.height = band.row_bottoms[end - 1] - cells[i].box.y;
    for (double& top : cells[i].line_top) top += cells[i].box.y;
    for (double& baseline : cells[i].line_baseline) baseline += cells[i].box.y;
    if (cell.header) {
      cells[i].fill = table.look.header_background;
    } else if (table.look.stripe && (cell.row - table.header_rows) % 2 == 1) {
      cells[i].fill = table.look.stripe;
    }
    band.cells.push_back(std::move(cells[i]));
  }

  for (std::size_t b = 0; b < layout.bands.size(); ++b) {
    if (layout.bands[b].header) layout.header_height += layout.bands[b].height;
  }
  for (std::size_t b = 0; b < layout.bands.size(); ++b) {
    const TableBand& band = layout.bands[b];
    // One point short of the page: the rules' and rounding's room.
    const double limit = table.page_height - (band.header ? 0 : layout.header_height) - 1;
    for (const TableSlice& slice : slice_band(band, b, limit, table.look.leading)) {
      layout.slices.push_back(slice);
      if (band.header) ++layout.header_slices;
    }
  }
  return layout;
}

namespace {

// A band as one slice, or, when taller than `limit`, cut into slices as tall as will fit, each cut
// where no line of any cell crosses it (at `limit` itself only when every line crosses it there).
std::vector<TableSlice> slice_band(const TableBand& band, std::size_t index, double limit, double leading) {
  if (band.height <= limit || limit <= 0) return {TableSlice{index, 0, band.height}};
  std::vector<std::pair<double, double>> lines;  // every line's top and bottom
  for (const CellLayout& cell : band.cells) {
    for (const double line_top : cell.line_top) lines.emplace_back(line_top, line_top + leading);
  }
  const auto crosses = [&](double cut) {
    return std::any_of(lines.begin(), lines.end(), [&](const auto& line) { return line.first < cut && cut < line.second; });
  };
  std::vector<TableSlice> slices;
  double top = 0;
  while (band.height - top > limit) {
    double cut = top;
    for (const auto& line : lines) {
      if (line.second > top && line.second <= top + limit && line.second > cut && !crosses(line.second)) cut = line.second;
    }
    if (cut <= top) cut = top + limit;
    slices.push_back({index, top, cut});
    top = cut;
  }
  slices.push_back({index, top, band.height});
  return slices;
}

}  // namespace

}  // namespace nashr
