// dump_table (table_layout.h): a table's layout as text for golden tests.
#include <cstdio>

#include "table/table_layout.h"

namespace nashr {

namespace {

std::string points(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.2f", value == 0 ? 0.0 : value);  // no "-0.00"
  return text;
}

// A line's text in reading order: the runs' glyph texts (each run's glyphs are in visual order).
std::string line_text(const Line& line) {
  std::string text;
  for (const LineRun& run : line.runs) {
    std::string piece;
    for (const PlacedGlyph& glyph : run.glyphs) {
      if (run.rtl)
        piece.insert(0, glyph.text.view());
      else
        piece += glyph.text.view();
    }
    text += piece;
  }
  return text;
}

}  // namespace

std::string dump_table(const TableLayout& layout, const ResolvedTable& table) {
  std::string out = "table width " + points(layout.width) + (table.rtl ? " rtl" : " ltr") + " head " +
                    points(layout.header_height) + " in " + std::to_string(layout.header_slices) + " slices\n";
  for (std::size_t c = 0; c < layout.column_width.size(); ++c) {
    out += "  column " + std::to_string(c + 1) + " " + to_string(table.columns[c].width) + " x " +
           points(layout.column_left[c]) + " width " + points(layout.column_width[c]) + "\n";
  }
  for (std::size_t b = 0; b < layout.bands.size(); ++b) {
    const TableBand& band = layout.bands[b];
    out += "  band " + std::to_string(b) + (band.header ? " head" : "") + " rows " +
           std::to_string(band.first_row + 1) + "+" + std::to_string(band.rows) + " height " + points(band.height) + "\n";
    for (const CellLayout& cell : band.cells) {
      const ResolvedCell& resolved = table.cells[cell.cell];
      out += "    cell " + std::to_string(resolved.row + 1) + "," + std::to_string(resolved.column + 1) + " box " +
             points(cell.box.x) + " " + points(cell.box.y) + " " + points(cell.box.width) + "x" +
             points(cell.box.height) + " " + to_string(resolved.align) + (cell.fill ? " filled" : "") + "\n";
      for (std::size_t i = 0; i < cell.lines.lines.size(); ++i) {
        out += "      line x " + points(cell.line_left[i]) + " baseline " + points(cell.line_baseline[i]) + " \"" +
               line_text(cell.lines.lines[i]) + "\"\n";
      }
    }
  }
  for (const TableSlice& slice : layout.slices) {
    out += "  slice band " + std::to_string(slice.band) + " " + points(slice.top) + "-" + points(slice.bottom) + "\n";
  }
  return out;
}

}  // namespace nashr
