// Page breaking of a table's block: its head (the first `repeat_lines` lines) comes again at the top
// of each page the table continues on, counts in that page's height, and stays with at least two
// body rows; breaks fall between rows (the block's lines) only. Golden: the plan of a table of 24
// rows over three pages (re-record with NASHR_UPDATE_GOLDENS=1 ctest --preset release -R 'paginate\.').
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "../linebreak/golden.h"
#include "paginate/page_breaker.h"

namespace nashr {
namespace {

// A table of a 15-point head and `rows` rows of 10 points, after `before` lines of a paragraph.
std::vector<FlowBlock> table_flow(std::size_t before, std::size_t rows) {
  std::vector<FlowBlock> flow;
  if (before > 0) flow.push_back(FlowBlock::paragraph(std::vector<FlowLine>(before, FlowLine{10, 8})));
  std::vector<FlowLine> lines = {FlowLine{15, 15}};
  lines.insert(lines.end(), rows, FlowLine{10, 10});
  FlowBlock table = FlowBlock::paragraph(std::move(lines));
  table.repeat_lines = 1;
  table.repeat_height = 15;
  table.min_first_lines = 3;
  table.min_last_lines = 1;
  flow.push_back(std::move(table));
  return flow;
}

PageBreakParams pages_of(double height) {
  PageBreakParams params;
  params.page_heights = {height};
  return params;
}

TEST(TableFlow, EveryFurtherPageStartsWithTheHeadAndCountsIt) {
  DiagnosticSink sink;
  const std::vector<FlowBlock> flow = table_flow(0, 24);
  const PageBreaks breaks = break_pages(flow, pages_of(100), sink);
  ASSERT_EQ(breaks.pages.size(), 3u);
  for (std::size_t p = 0; p < breaks.pages.size(); ++p) {
    const PlannedPage& page = breaks.pages[p];
    ASSERT_FALSE(page.lines.empty());
    EXPECT_EQ(page.lines.front().line, 0u) << "page " << p + 1 << " starts with the head";
    EXPECT_EQ(page.lines.front().repeated, p > 0);
    EXPECT_LE(page.content_height, 100.0 + 1e-9);
    const PlacedLine& last = page.lines.back();
    EXPECT_NEAR(last.top + last.height, page.content_height, 1e-9) << "the head counts in the page's height";
    for (std::size_t i = 1; i < page.lines.size(); ++i) EXPECT_EQ(page.lines[i].repeated, false);
  }
  EXPECT_EQ(sink.diagnostics().size(), 0u);
  testing::expect_matches_golden(std::string(NASHR_TEST_DIR) + "/golden", "table-24-rows", format_page_breaks(breaks));
}

TEST(TableFlow, TheHeadIsNeverLeftAtAPageFootWithFewerThanTwoRows) {
  // After 6 lines (60 of 100), the head and three rows fit (45) but a page that ended after the
  // head and one row would also fit: the rule asks for two rows or none.
  for (std::size_t before = 1; before <= 9; ++before) {
    DiagnosticSink sink;
    const std::vector<FlowBlock> flow = table_flow(before, 12);
    const PageBreaks breaks = break_pages(flow, pages_of(100), sink);
    for (const PlannedPage& page : breaks.pages) {
      std::size_t table_lines = 0;
      for (const PlacedLine& line : page.lines) table_lines += line.block == flow.size() - 1 && !line.repeated;
      const bool starts_table = page.lines.back().block == flow.size() - 1 && page.lines.front().block == 0;
      if (starts_table) {
        EXPECT_TRUE(table_lines == 0 || table_lines >= 3) << before << " lines before";
      }
    }
    EXPECT_EQ(sink.diagnostics().size(), 0u) << before;
  }
}

}  // namespace
}  // namespace nashr
