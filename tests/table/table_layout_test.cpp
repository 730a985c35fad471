// The table stage: column widths (CSS-like automatic layout), content measures, decimal alignment,
// tall rows cut between lines, and golden dumps of the layout of every table of both sample issues
// and of the three-page test tables (tests/table/data/). Re-record the goldens after an intended
// change with:
//   NASHR_UPDATE_GOLDENS=1 ctest --preset release -R 'table\.'
// then review `git diff tests/table/golden`.
// g++ 12 warns falsely on `"literal" + std::string` under -O3 (GCC bug 105329).
#pragma GCC diagnostic ignored "-Wrestrict"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <numeric>
#include <string>
#include <vector>

#include "../linebreak/golden.h"
#include "base/file_io.h"
#include "fonts/font_db.h"
#include "model/report.h"
#include "resolve/resolved_document.h"
#include "shape/shape.h"
#include "style/style_sheet.h"
#include "support/diagnostics_text.h"
#include "table/table_layout.h"
#include "text/itemize.h"

namespace nashr {
namespace {

namespace fs = std::filesystem;

const fs::path kSource = fs::path(NASHR_TEST_DIR) / ".." / "..";

using testing::describe;

// A report's resolved tables.
std::vector<std::shared_ptr<const ResolvedTable>> tables_of(const fs::path& path) {
  DiagnosticSink sink;
  Result<Report> report = read_report(path.string(), sink);
  EXPECT_TRUE(report.ok()) << describe(sink);
  if (!report.ok()) return {};
  Result<StyleSheet> style = read_style(report->style_path.string(), sink);
  EXPECT_TRUE(style.ok()) << describe(sink);
  if (!style.ok()) return {};
  const ResolvedDocument document = resolve(*report, *style, sink);
  std::vector<std::shared_ptr<const ResolvedTable>> tables;
  for (const ResolvedBlock& block : document.blocks)
    if (block.table) tables.push_back(block.table);
  return tables;
}

fs::path scratch(const std::string& name, const std::string& text) {
  const fs::path folder = fs::path(NASHR_BINARY_DIR) / "test-scratch" / "table";
  fs::create_directories(folder);
  const fs::path path = folder / name;
  EXPECT_TRUE(write_file_atomically(path, text).ok());
  return path;
}

// A one-table report in the English house style, the table's XML given.
std::string report_with(const std::string& table) {
  return R"(<report xml:lang="en" style=")" + (kSource / "styles" / "persian-files.xml").string() + R"(">
  <meta><series-title>Persian Files</series-title><issn medium="online">2975-0598</issn><volume>29</volume>
    <issue>2</issue><date>2025-01-20</date><publisher>SpecialEurasia OSINT Unit</publisher><title>T</title></meta>
  <body>)" + table + "</body></report>\n";
}

class TableLayoutTest : public ::testing::Test {
 protected:
  FontDb fonts_{FontDb::default_fonts_dir()};
};

TEST(ColumnWidths, FittedColumnsAtTheirWidestFillTheMeasureInProportion) {
  const std::vector<TableColumn> columns(2);
  const std::vector<double> widths = column_widths(columns, {10, 20}, {50, 100}, 300);
  EXPECT_NEAR(widths[0] + widths[1], 300, 1e-9);
  EXPECT_NEAR(widths[0], 100, 1e-9);  // the 150 left over in proportion to 50:100
  EXPECT_NEAR(widths[1], 200, 1e-9);
}

TEST(ColumnWidths, FittedColumnsBetweenNarrowestAndWidestGrowByWhatTheyWant) {
  const std::vector<TableColumn> columns(2);
  // Narrowest 10 + 20, widest 110 + 40: 70 to share, wanted 100 and 20.
  const std::vector<double> widths = column_widths(columns, {10, 20}, {110, 40}, 100);
  EXPECT_NEAR(widths[0], 10 + 70 * 100.0 / 120, 1e-9);
  EXPECT_NEAR(widths[1], 20 + 70 * 20.0 / 120, 1e-9);
}

TEST(ColumnWidths, FixedTakeTheirsProportionalShareTheRestByWeight) {
  std::vector<TableColumn> columns(4);
  columns[0].width = ColumnWidth::fixed;
  columns[0].value = 60;
  columns[1].width = ColumnWidth::proportional;
  columns[1].value = 1;
  columns[2].width = ColumnWidth::proportional;
  columns[2].value = 2;
  // columns[3] fitted: at its widest (30), as proportional columns take what is left.
  const std::vector<double> widths = column_widths(columns, {10, 10, 10, 20}, {20, 500, 500, 30}, 390);
  EXPECT_NEAR(widths[0], 60, 1e-9);
  EXPECT_NEAR(widths[3], 30, 1e-9);
  EXPECT_NEAR(widths[1], 100, 1e-9);
  EXPECT_NEAR(widths[2], 200, 1e-9);
}

TEST(ColumnWidths, AProportionalShareBelowTheNarrowestIsRaisedAndTakenFromTheOthers) {
  std::vector<TableColumn> columns(2);
  for (TableColumn& column : columns) column.width = ColumnWidth::proportional;
  columns[0].value = 1;
  columns[1].value = 9;
  const std::vector<double> widths = column_widths(columns, {40, 10}, {40, 10}, 200);
  EXPECT_NEAR(widths[0], 40, 1e-9);
  EXPECT_NEAR(widths[1], 160, 1e-9);
}

TEST(ColumnWidths, TooNarrowAMeasureSqueezesEveryColumnInProportion) {
  const std::vector<TableColumn> columns(3);
  const std::vector<double> widths = column_widths(columns, {100, 200, 100}, {300, 400, 300}, 200);
  EXPECT_NEAR(std::accumulate(widths.begin(), widths.end(), 0.0), 200, 1e-9);
  EXPECT_NEAR(widths[1], 100, 1e-9);
}

TEST_F(TableLayoutTest, ContentWidthsAreTheLongestWordAndTheWholeLine) {
  const auto tables = tables_of(scratch("measure.xml", report_with(
      "<table><row><cell>a quite extraordinarily long word</cell></row>"
      "<row><cell>short<br/>two</cell></row></table>")));
  ASSERT_EQ(tables.size(), 1u);
  DiagnosticSink sink;
  const ResolvedCell& cell = tables[0]->cells[0];
  const ItemizedParagraph itemized = itemize(cell.text.paragraph, fonts_, sink);
  const ShapedParagraph shaped = shape(itemized);
  const ContentWidths widths = measure_content(itemized, shaped);
  EXPECT_GT(widths.narrowest, 0);
  EXPECT_GT(widths.widest, 2 * widths.narrowest);  // "extraordinarily" against the whole line
  // A hard break: the widest is the longer of its two lines, not their sum.
  const ResolvedCell& broken = tables[0]->cells[1];
  const ItemizedParagraph itemized2 = itemize(broken.text.paragraph, fonts_, sink);
  const ContentWidths two_lines = measure_content(itemized2, shape(itemized2));
  EXPECT_NEAR(two_lines.widest, two_lines.narrowest, 1e-9);
}

// The x of the first glyph standing for `separator` in a cell's first line, on the page's scale.
std::optional<double> separator_x(const CellLayout& cell, std::string_view separator) {
  if (cell.lines.lines.empty()) return std::nullopt;
  const Line& line = cell.lines.lines.front();
  for (const LineRun& run : line.runs) {
    const double scale = run.size / run.font->units_per_em();
    double x = cell.line_left.front() + run.x;
    for (const PlacedGlyph& glyph : run.glyphs) {
      if (glyph.text.view() == separator) return x;
      x += glyph.x_advance * scale;
    }
  }
  return std::nullopt;
}

TEST_F(TableLayoutTest, NumbersLineUpOnTheirDecimalSeparatorInBothDirections) {
  for (const auto& [lang, separator, numbers] :
       {std::tuple{std::string("en"), std::string("."), std::vector<std::string>{"7.5", "12345.25", "0.125", "42"}},
        std::tuple{std::string("fa"), std::string("٫"), std::vector<std::string>{"۷٫۵", "۱۲۳۴۵٫۲۵", "۰٫۱۲۵", "بیش از ۴۲"}}}) {
    std::string rows;
    for (const std::string& number : numbers) rows += "<row><cell>x</cell><cell>" + number + "</cell></row>";
    const auto tables = tables_of(scratch("decimal-" + lang + ".xml", report_with(
        "<table xml:lang=\"" + lang + "\"><columns><column/><column width=\"3cm\" align=\"decimal\"/></columns>" + rows +
        "</table>")));
    ASSERT_EQ(tables.size(), 1u);
    DiagnosticSink sink;
    const TableLayout layout = lay_out_table(*tables[0], fonts_, sink);
    EXPECT_EQ(sink.diagnostics().size(), 0u) << describe(sink);
    std::optional<double> at;
    for (const TableBand& band : layout.bands) {
      for (const CellLayout& cell : band.cells) {
        if (tables[0]->cells[cell.cell].column != 1) continue;
        const std::optional<double> x = separator_x(cell, separator);
        if (!x) continue;  // the whole number: checked against the others below through its end
        if (!at) at = x;
        EXPECT_NEAR(*x, *at, 0.01) << lang << " row " << tables[0]->cells[cell.cell].row;
      }
    }
    ASSERT_TRUE(at.has_value()) << lang;
  }
}

TEST_F(TableLayoutTest, ARowTallerThanAPageIsCutBetweenLinesOnly) {
  std::string words;
  for (int i = 0; i < 900; ++i) words += "word" + std::to_string(i) + " ";
  const auto tables = tables_of(scratch("tall-row.xml", report_with(
      "<table><head><row><cell>Head</cell><cell>Text</cell></row></head>"
      "<row><cell>1</cell><cell>" + words + "</cell></row><row><cell>2</cell><cell>after</cell></row></table>")));
  ASSERT_EQ(tables.size(), 1u);
  DiagnosticSink sink;
  const TableLayout layout = lay_out_table(*tables[0], fonts_, sink);
  ASSERT_EQ(layout.bands.size(), 3u);
  ASSERT_GT(layout.bands[1].height, tables[0]->page_height);
  std::vector<TableSlice> tall;
  for (const TableSlice& slice : layout.slices)
    if (slice.band == 1) tall.push_back(slice);
  ASSERT_GE(tall.size(), 2u);
  std::vector<double> tops;
  for (const CellLayout& cell : layout.bands[1].cells) tops.insert(tops.end(), cell.line_top.begin(), cell.line_top.end());
  for (std::size_t i = 0; i < tall.size(); ++i) {
    EXPECT_LE(tall[i].height(), tables[0]->page_height - layout.header_height) << i;
    if (i == 0) continue;
    // Each cut is at the top of a line of the long cell: no line is cut in two.
    EXPECT_TRUE(std::any_of(tops.begin(), tops.end(), [&](double top) { return std::abs(top - tall[i].top) < 1e-6; }))
        << "cut at " << tall[i].top;
  }
  EXPECT_NEAR(tall.back().bottom, layout.bands[1].height, 1e-9);
}

TEST_F(TableLayoutTest, ColumnsOfARightToLeftTableRunFromTheRight) {
  const auto tables = tables_of(kSource / "tests" / "table" / "data" / "long-table-rtl.xml");
  ASSERT_EQ(tables.size(), 1u);
  DiagnosticSink sink;
  const TableLayout layout = lay_out_table(*tables[0], fonts_, sink);
  ASSERT_EQ(layout.column_left.size(), 4u);
  for (std::size_t c = 1; c < 4; ++c) EXPECT_LT(layout.column_left[c], layout.column_left[c - 1]);
  EXPECT_NEAR(layout.column_left[0] + layout.column_width[0], layout.width, 1e-9);
  EXPECT_NEAR(layout.column_width[3], 2.2 * 72 / 2.54, 1e-9);  // the fixed column
}

TEST_F(TableLayoutTest, GoldenLayouts) {
  const std::vector<std::pair<std::string, fs::path>> reports = {
      {"persian-files-29-2", kSource / "reports" / "persian-files-29-2.xml"},
      {"persian-files-29-2-fa", kSource / "reports" / "persian-files-29-2-fa.xml"},
      {"long-table-ltr", kSource / "tests" / "table" / "data" / "long-table-ltr.xml"},
      {"long-table-rtl", kSource / "tests" / "table" / "data" / "long-table-rtl.xml"},
  };
  for (const auto& [name, path] : reports) {
    std::string dump;
    DiagnosticSink sink;
    for (const auto& table : tables_of(path)) dump += dump_table(lay_out_table(*table, fonts_, sink), *table);
    EXPECT_EQ(sink.diagnostics().size(), 0u) << name << "\n" << describe(sink);
    EXPECT_NE(dump, "") << name;
    testing::expect_matches_golden(fs::path(NASHR_TEST_DIR) / "golden", name + ".table", dump);
  }
}

}  // namespace
}  // namespace nashr
