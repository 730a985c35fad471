// <table> in the reader: cells put at their columns past row spans from above, columns counted from
// the first row when not declared, widths and alignments read, and each error of the issue located
// at its cell (the bad-input suite runs the same files through `check` and `build`).
// g++ 12 warns falsely on `"literal" + std::string` under -O3 (GCC bug 105329).
#pragma GCC diagnostic ignored "-Wrestrict"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "base/file_io.h"
#include "model/report.h"

namespace nashr {
namespace {

namespace fs = std::filesystem;

const fs::path kSource = fs::path(NASHR_TEST_DIR) / ".." / "..";

Result<Report> read_table_report(const std::string& name, const std::string& table, DiagnosticSink& sink) {
  const fs::path folder = fs::path(NASHR_BINARY_DIR) / "test-scratch" / "model-table";
  fs::create_directories(folder);
  const std::string text = "<report xml:lang=\"en\" style=\"" + (kSource / "styles/persian-files.xml").string() +
                           "\">\n<meta><series-title>P</series-title><issn medium=\"online\">2975-0598</issn>"
                           "<volume>1</volume><issue>1</issue><date>2025-01-20</date><publisher>P</publisher>"
                           "<title>T</title></meta>\n<body>\n" + table + "\n</body></report>\n";
  EXPECT_TRUE(write_file_atomically(folder / name, text).ok());
  return read_report((folder / name).string(), sink);
}

const Table& only_table(const Report& report) { return std::get<Table>(report.body.front().value); }

TEST(TableReader, CellsSkipColumnsThatRowSpansFromAboveCover) {
  DiagnosticSink sink;
  const Result<Report> report = read_table_report("spans.xml",
      "<table id=\"t\"><columns><column width=\"auto\"/><column width=\"2*\" align=\"end\"/>"
      "<column width=\"1.5cm\" align=\"decimal\"/></columns>"
      "<head><row><cell>A</cell><cell colspan=\"2\">B</cell></row></head>"
      "<row><cell rowspan=\"2\">x</cell><cell>y</cell><cell>1.5</cell></row>"
      "<row><cell>z</cell><cell align=\"centre\">2</cell></row></table>", sink);
  ASSERT_TRUE(report.ok()) << sink.diagnostics().front().message;
  const Table& table = only_table(*report);
  EXPECT_EQ(table.id, "t");
  ASSERT_EQ(table.columns.size(), 3u);
  EXPECT_EQ(table.columns[1].width, ColumnWidth::proportional);
  EXPECT_EQ(table.columns[1].value, 2);
  EXPECT_EQ(table.columns[2].width, ColumnWidth::fixed);
  EXPECT_NEAR(table.columns[2].value, 1.5 * 72 / 2.54, 1e-9);
  EXPECT_EQ(table.columns[2].align, CellAlignment::decimal);
  EXPECT_EQ(table.header_rows(), 1u);
  EXPECT_EQ(table.rows[0].cells[1].column, 1);
  EXPECT_EQ(table.rows[2].cells[0].column, 1);  // "z": column 0 is under "x"'s row span
  EXPECT_EQ(table.rows[2].cells[1].column, 2);
  EXPECT_EQ(table.rows[2].cells[1].align, CellAlignment::centre);
}

TEST(TableReader, UndeclaredColumnsAreTheFirstRowsCells) {
  DiagnosticSink sink;
  const Result<Report> report = read_table_report("undeclared.xml",
      "<table><row><cell colspan=\"2\">a</cell><cell>b</cell></row><row><cell>c</cell></row></table>", sink);
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(only_table(*report).columns.size(), 3u);
  EXPECT_EQ(only_table(*report).columns[0].width, ColumnWidth::fitted);
}

TEST(TableReader, EachErrorIsLocatedAtItsCell) {
  struct Case {
    std::string table;
    std::string message;
    int line;
    int column;
  };
  const std::vector<Case> cases = {
      {"<table><columns><column/></columns>\n<row><cell>a</cell><cell>b</cell></row></table>",
       "this row has more cells than the table's 1 column", 5, 20},
      {"<table>\n<row><cell>a</cell><cell>b</cell></row>\n<row><cell>a</cell><cell colspan=\"3\">b</cell></row></table>",
       "this cell spans columns 2 to 4, past the edge of the table's 2 columns", 6, 20},
      {"<table>\n<row><cell rowspan=\"2\">a</cell></row></table>",
       "this cell spans 2 rows, past the last row of the table's body", 5, 6},
      {"<table>\n<head><row><cell rowspan=\"2\">a</cell></row></head>\n<row><cell>b</cell></row></table>",
       "this cell spans 2 rows, past the last row of the table's <head>", 5, 12},
      {"<table id=\"x\"><caption>c</caption></table>", "<table> has no rows", 4, 1},
      {"<table><columns><column width=\"wide\"/></columns><row><cell>a</cell></row></table>",
       "column width 'wide' is not auto, a share or a length", 4, 32},
  };
  for (const Case& c : cases) {
    DiagnosticSink sink;
    const Result<Report> report = read_table_report("error.xml", c.table, sink);
    ASSERT_FALSE(report.ok()) << c.table;
    EXPECT_EQ(report.error().message, c.message) << c.table;
    EXPECT_EQ(report.error().location.line, c.line) << c.table;
    EXPECT_EQ(report.error().location.column, c.column) << c.table;
    EXPECT_FALSE(report.error().hint.empty());
  }
}

}  // namespace
}  // namespace nashr
