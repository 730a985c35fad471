#pragma once
// lay_out_table: a resolved table → its layout. Each cell is a paragraph set by the text stages
// (itemize, shape, break_lines); between shaping and breaking, the cells' narrowest and widest
// widths decide the columns' (column_widths, like CSS's automatic table layout). Rows are grouped
// into bands that no row span crosses (a page breaks between bands), and a band taller than a page
// is cut into slices between lines. Positions are visual: a right-to-left table's first column is
// at the right. The paginator places slices as lines of a block, repeating the head's slices at
// the top of each page the table continues on (docs/layout.md, "Tables").
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "base/diagnostics.h"
#include "document/geometry.h"
#include "fonts/font_db.h"
#include "linebreak/lines.h"
#include "resolve/resolved_document.h"

namespace nashr {

struct CellLayout {
  std::size_t cell = 0;  // index into ResolvedTable::cells
  Rect box;              // x from the table's left edge, y from its band's top
  std::optional<Color> fill;
  Lines lines;                       // empty for an empty cell
  std::vector<double> line_left;     // per line: the left edge of its measure, from the table's left
  std::vector<double> line_top;      // per line: from the band's top
  std::vector<double> line_baseline;
};

struct TableBand {
  bool header = false;
  std::size_t first_row = 0;
  std::size_t rows = 0;
  std::vector<double> row_bottoms;  // from the band's top, one per row
  double height = 0;
  std::vector<CellLayout> cells;
};

// What the page breaker takes as one line of the table's block: a band, or part of a tall one.
struct TableSlice {
  std::size_t band = 0;
  double top = 0;  // within the band
  double bottom = 0;
  double height() const { return bottom - top; }
};

struct TableLayout {
  std::vector<double> column_left;  // by logical column: its left edge from the table's left
  std::vector<double> column_width;
  double width = 0;
  std::vector<TableBand> bands;
  std::vector<TableSlice> slices;
  std::size_t header_slices = 0;  // the first slices: the head, repeated on each further page
  double header_height = 0;
};

// The narrowest a paragraph can be set without breaking a word, and its width on one line (the
// widest of its lines when it has hard breaks), in points; CSS's min-content and max-content.
struct ContentWidths {
  double narrowest = 0;
  double widest = 0;
};
ContentWidths measure_content(const ItemizedParagraph& itemized, const ShapedParagraph& shaped);

// Column widths for `available` points (CSS automatic table layout, docs/layout.md): fixed columns
// take their width, fitted ones between their narrowest and widest, proportional ones share the
// rest by weight. `narrowest[c]`/`widest[c]` include the cells' padding. When even the narrowest
// widths do not fit, every column is squeezed in proportion (and lines break inside words, with
// break_lines's warning).
std::vector<double> column_widths(const std::vector<TableColumn>& columns, const std::vector<double>& narrowest,
                                  const std::vector<double>& widest, double available);

// Never fails; a cell's missing glyphs or overfull lines are the text stages' warnings in `sink`.
TableLayout lay_out_table(const ResolvedTable& table, FontDb& fonts, DiagnosticSink& sink);

// The layout as text (columns, bands, cells with their boxes and lines' positions and text), for
// golden tests and `nashr build --dump=lines`.
std::string dump_table(const TableLayout& layout, const ResolvedTable& table);

}  // namespace nashr
