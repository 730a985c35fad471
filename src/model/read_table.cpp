// The report reader (report_reader.h): <table>, its columns, rows and cells, and where each cell
// sits in the grid of columns (docs/report-format.md, "Tables").
#include <algorithm>
#include <charconv>

#include "base/length.h"
#include "model/report_reader.h"
#include "model/xml_rules.h"

namespace nashr {

const char* to_string(CellAlignment alignment) {
  switch (alignment) {
    case CellAlignment::start: return "start";
    case CellAlignment::end: return "end";
    case CellAlignment::centre: return "centre";
    case CellAlignment::decimal: return "decimal";
  }
  return "?";
}

const char* to_string(ColumnWidth width) {
  switch (width) {
    case ColumnWidth::fitted: return "fitted";
    case ColumnWidth::fixed: return "fixed";
    case ColumnWidth::proportional: return "proportional";
  }
  return "?";
}

std::size_t Table::header_rows() const {
  return static_cast<std::size_t>(
      std::count_if(rows.begin(), rows.end(), [](const TableRow& row) { return row.header; }));
}

namespace {

// Spans and proportional weights are small whole numbers: a table of more columns or rows than
// this is not a table a page can show.
constexpr int kLargestSpan = 1000;

std::optional<int> whole_number(std::string_view text) {
  int value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value < 1 || value > kLargestSpan) return std::nullopt;
  return value;
}

std::optional<CellAlignment> alignment_named(std::string_view name) {
  if (name == "start") return CellAlignment::start;
  if (name == "end") return CellAlignment::end;
  if (name == "centre") return CellAlignment::centre;
  if (name == "decimal") return CellAlignment::decimal;
  return std::nullopt;
}

const std::vector<std::string> kAlignments = {"start", "end", "centre", "decimal"};

}  // namespace

std::optional<CellAlignment> ReportReader::read_alignment(const XmlNode& element) {
  const XmlAttribute* align = element.attribute("align");
  if (align == nullptr) return std::nullopt;
  std::optional<CellAlignment> alignment = alignment_named(align->value);
  if (!alignment) bad_value(*align, kAlignments);
  return alignment;
}

TableColumn ReportReader::read_column(const XmlNode& element) {
  TableColumn column;
  column.location = element.location;
  check_attributes(element, {"width", "align"}, sink_);
  check_no_text(element, sink_);
  column.align = read_alignment(element).value_or(CellAlignment::start);
  const XmlAttribute* width = element.attribute("width");
  if (width == nullptr || width->value == "auto") return column;
  const std::string& text = width->value;
  if (text.ends_with('*')) {
    const std::optional<int> weight = text.size() == 1 ? 1 : whole_number(std::string_view(text).substr(0, text.size() - 1));
    if (weight) {
      column.width = ColumnWidth::proportional;
      column.value = *weight;
      return column;
    }
  } else if (Result<double, std::string> length = parse_length(text); length && *length > 0) {
    column.width = ColumnWidth::fixed;
    column.value = *length;
    return column;
  }
  sink_.error(width->value_location, "column width '" + text + "' is not auto, a share or a length",
              "write auto (fitted to the cells), a share such as 2* (twice a 1* column), or a length such as 3cm");
  return column;
}

TableCell ReportReader::read_cell(const XmlNode& element, const Context& parent) {
  TableCell cell;
  check_attributes(element, with({"colspan", "rowspan", "align"}, kLanguageAttributes), sink_);
  const Context context = enter(element, parent);
  set_base(cell, element, context);
  cell.align = read_alignment(element);
  for (const auto& [name, span] : {std::pair{"colspan", &cell.column_span}, std::pair{"rowspan", &cell.row_span}}) {
    if (const XmlAttribute* attribute = element.attribute(name)) {
      if (const std::optional<int> value = whole_number(attribute->value)) {
        *span = *value;
      } else {
        sink_.error(attribute->value_location,
                    std::string(name) + " must be a whole number from 1 to " + std::to_string(kLargestSpan) +
                        ", not '" + attribute->value + "'",
                    std::string("e.g. ") + name + "=\"2\"");
      }
    }
  }
  cell.content = read_inline_block(element, context);
  return cell;
}

TableRow ReportReader::read_row(const XmlNode& element, const Context& parent, bool header) {
  TableRow row;
  row.location = element.location;
  row.header = header;
  check_attributes(element, kLanguageAttributes, sink_);
  const Context context = enter(element, parent);
  check_no_text(element, sink_);
  for (const XmlNode& child : element.children) {
    if (!child.is_element()) continue;
    if (child.name == "cell") {
      row.cells.push_back(read_cell(child, context));
    } else {
      report_unknown_element(child, "row", {"cell"}, sink_);
    }
  }
  return row;
}

// Puts each cell of rows [first, end) at its column: the next one that no row span from above
// covers. A cell past the last column, a column span past the table's edge and a row span past the
// last row of its part (<head> or the body) are errors at the cell.
void ReportReader::place_cells(Table& table, std::size_t first, std::size_t end) {
  const auto columns = static_cast<int>(table.columns.size());
  const std::string count = std::to_string(columns) + (columns == 1 ? " column" : " columns");
  std::vector<int> covered(table.columns.size(), 0);  // rows still covered from above, per column
  std::vector<const TableCell*> covering(table.columns.size(), nullptr);
  for (std::size_t r = first; r < end; ++r) {
    int column = 0;
    for (TableCell& cell : table.rows[r].cells) {
      while (column < columns && covered[static_cast<std::size_t>(column)] > 0) ++column;
      if (column >= columns) {
        sink_.error(cell.location, "this row has more cells than the table's " + count,
                    "remove the cell, join it into another with colspan, or declare another <column>");
        break;
      }
      cell.column = column;
      if (column + cell.column_span > columns) {
        sink_.error(cell.location,
                    "this cell spans columns " + std::to_string(column + 1) + " to " +
                        std::to_string(column + cell.column_span) + ", past the edge of the table's " + count,
                    "make its colspan at most " + std::to_string(columns - column));
        cell.column_span = columns - column;
      }
      for (int c = column; c < column + cell.column_span; ++c) {
        covered[static_cast<std::size_t>(c)] = cell.row_span;
        covering[static_cast<std::size_t>(c)] = &cell;
      }
      column += cell.column_span;
    }
    for (int& rows : covered) rows = std::max(0, rows - 1);
  }
  for (std::size_t c = 0; c < covered.size(); ++c) {
    if (covered[c] == 0 || covering[c] == nullptr) continue;
    const TableCell& cell = *covering[c];
    sink_.error(cell.location,
                "this cell spans " + std::to_string(cell.row_span) + " rows, past the last row of the table's " +
                    (table.rows[first].header ? "<head>" : "body"),
                "make its rowspan smaller; a row span stays inside <head> or inside the body");
    std::fill(covered.begin(), covered.end(), 0);
  }
}

Table ReportReader::read_table(const XmlNode& element, const Context& parent) {
  Table table;
  check_attributes(element, with({"id"}, kLanguageAttributes), sink_);
  const Context context = enter(element, parent);
  set_base(table, element, context);
  if (const XmlAttribute* id = element.attribute("id")) {
    table.id = id->value;
    register_id(*id);
  }
  check_no_text(element, sink_);
  bool declared_columns = false;
  for (const XmlNode& child : element.children) {
    if (!child.is_element()) continue;
    if (child.name == "caption") {
      check_attributes(child, kLanguageAttributes, sink_);
      table.caption = read_inline_block(child, enter(child, context));
    } else if (child.name == "columns") {
      check_attributes(child, {}, sink_);
      check_no_text(child, sink_);
      declared_columns = true;
      for (const XmlNode& column : child.children) {
        if (!column.is_element()) continue;
        if (column.name == "column")
          table.columns.push_back(read_column(column));
        else
          report_unknown_element(column, "columns", {"column"}, sink_);
      }
    } else if (child.name == "head") {
      check_attributes(child, kLanguageAttributes, sink_);
      check_no_text(child, sink_);
      const Context head = enter(child, context);
      for (const XmlNode& row : child.children) {
        if (!row.is_element()) continue;
        if (row.name != "row") {
          report_unknown_element(row, "head", {"row"}, sink_);
        } else if (table.rows.size() > table.header_rows()) {
          sink_.error(child.location, "<head> comes after body rows", "put <head> before the table's first <row>");
        } else {
          table.rows.push_back(read_row(row, head, true));
        }
      }
    } else if (child.name == "row") {
      table.rows.push_back(read_row(child, context, false));
    } else {
      report_unknown_element(child, "table", {"caption", "columns", "head", "row"}, sink_);
    }
  }
  if (table.rows.empty()) {
    sink_.error(element.location, "<table> has no rows",
                "write its rows: <row><cell>…</cell></row>, with header rows in <head>");
    return table;
  }
  if (declared_columns && table.columns.empty()) {
    sink_.error(element.location, "<columns> declares no column", "add a <column/> per column, or leave <columns> out");
  }
  if (table.columns.empty()) {
    // Undeclared: as many fitted columns as the first row's cells cover.
    int count = 0;
    for (const TableCell& cell : table.rows.front().cells) count += cell.column_span;
    table.columns.resize(static_cast<std::size_t>(std::max(1, count)));
  }
  const std::size_t header = table.header_rows();
  place_cells(table, 0, header);
  place_cells(table, header, table.rows.size());
  return table;
}

}  // namespace nashr
