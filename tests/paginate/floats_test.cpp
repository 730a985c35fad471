// Floats (figures with their captions): placed where they stand when they fit in the rest of the
// page, else at the top of the next page while the text goes on filling this one.
#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

#include "../linebreak/golden.h"
#include "paginate/page_breaker.h"

namespace nashr {
namespace {

std::vector<FlowLine> lines(std::size_t count) {
  return std::vector<FlowLine>(count, FlowLine{10, 8});
}

// A figure `height` high and its one-line caption, floating together.
void add_float(std::vector<FlowBlock>& flow, double height) {
  FlowBlock figure = FlowBlock::unit(height);
  figure.floating = true;
  figure.keep_with_next = true;
  FlowBlock caption = FlowBlock::paragraph(lines(1));
  caption.floating = true;
  flow.push_back(figure);
  flow.push_back(caption);
}

PageBreakParams pages_of(double height) {
  PageBreakParams params;
  params.page_heights = {height};
  return params;
}

// The lowest point any line reaches on page p.
double bottom_of(const PlannedPage& page) {
  double bottom = 0;
  for (const PlacedLine& line : page.lines) bottom = std::max(bottom, line.top + line.height);
  return bottom;
}

TEST(Floats, AFigureThatDoesNotFitGoesToTheNextPageAndTheTextFillsThisOne) {
  // Page 100 high: 6 lines of text, then a 50-high figure with its caption (60) that cannot follow
  // them; 8 more lines of text after it in the source.
  std::vector<FlowBlock> flow{FlowBlock::paragraph(lines(6))};
  add_float(flow, 50);
  flow.push_back(FlowBlock::paragraph(lines(8)));
  DiagnosticSink sink;
  const PageBreaks breaks = break_pages(flow, pages_of(100), sink);
  ASSERT_EQ(breaks.pages.size(), 2u) << format_page_breaks(breaks);
  // No hole: page 1 is full of text (the 6 lines and 4 of the next paragraph).
  EXPECT_DOUBLE_EQ(bottom_of(breaks.pages[0]), 100) << format_page_breaks(breaks);
  for (const PlacedLine& line : breaks.pages[0].lines) EXPECT_NE(line.block, 1u) << format_page_breaks(breaks);
  // The figure opens page 2, its caption under it, then the rest of the text.
  const PlannedPage& second = breaks.pages[1];
  ASSERT_GE(second.lines.size(), 3u);
  EXPECT_EQ(second.lines[0].block, 1u);
  EXPECT_DOUBLE_EQ(second.lines[0].top, 0);
  EXPECT_EQ(second.lines[1].block, 2u);
  EXPECT_DOUBLE_EQ(second.lines[1].top, 50);
  EXPECT_EQ(second.lines[2].block, 3u);
  EXPECT_GE(second.lines[2].top, 60);
  EXPECT_EQ(breaks.block_first_page[1], 1u);
  EXPECT_EQ(breaks.block_first_page[3], 0u);
  EXPECT_TRUE(sink.diagnostics().empty());
}

TEST(Floats, AFigureThatFitsStaysWhereItStands) {
  std::vector<FlowBlock> flow{FlowBlock::paragraph(lines(2))};
  add_float(flow, 30);
  flow.push_back(FlowBlock::paragraph(lines(3)));
  DiagnosticSink sink;
  const PageBreaks breaks = break_pages(flow, pages_of(100), sink);
  ASSERT_EQ(breaks.pages.size(), 1u);
  std::vector<std::size_t> order;
  for (const PlacedLine& line : breaks.pages[0].lines) order.push_back(line.block);
  EXPECT_EQ(order, (std::vector<std::size_t>{0, 0, 1, 2, 3, 3, 3}));
  for (std::size_t i = 1; i < breaks.pages[0].lines.size(); ++i) {  // nothing overlaps
    const PlacedLine& above = breaks.pages[0].lines[i - 1];
    EXPECT_GE(breaks.pages[0].lines[i].top, above.top + above.height - 1e-9);
  }
}

TEST(Floats, FloatsKeepTheirOrder) {
  // Two 70-high figures after 5 lines: neither fits below the text; both wait, each opens a page of
  // its own, in source order, and the text runs on around them.
  std::vector<FlowBlock> flow{FlowBlock::paragraph(lines(5))};
  add_float(flow, 70);
  add_float(flow, 70);
  flow.push_back(FlowBlock::paragraph(lines(20)));
  DiagnosticSink sink;
  const PageBreaks breaks = break_pages(flow, pages_of(100), sink);
  std::vector<std::size_t> figure_pages;
  for (const std::size_t figure : {1u, 3u}) figure_pages.push_back(breaks.block_first_page[figure]);
  EXPECT_LT(figure_pages[0], figure_pages[1]) << format_page_breaks(breaks);
  EXPECT_EQ(figure_pages[0], 1u);
  EXPECT_DOUBLE_EQ(bottom_of(breaks.pages[0]), 100) << format_page_breaks(breaks);
  for (std::size_t p = 1; p < breaks.pages.size(); ++p) {
    EXPECT_LE(bottom_of(breaks.pages[p]), 100 + 1e-9) << format_page_breaks(breaks);
  }
}

TEST(Floats, FloatsAtTheEndGetPagesOfTheirOwn) {
  std::vector<FlowBlock> flow{FlowBlock::paragraph(lines(9))};
  add_float(flow, 70);
  add_float(flow, 70);
  DiagnosticSink sink;
  const PageBreaks breaks = break_pages(flow, pages_of(100), sink);
  ASSERT_EQ(breaks.pages.size(), 3u) << format_page_breaks(breaks);
  EXPECT_EQ(breaks.block_first_page[1], 1u);
  EXPECT_EQ(breaks.block_first_page[3], 2u);
}

TEST(Floats, GoldenLayout) {
  std::vector<FlowBlock> flow{FlowBlock::paragraph(lines(6))};
  add_float(flow, 50);
  flow.push_back(FlowBlock::paragraph(lines(10)));
  add_float(flow, 20);
  flow.push_back(FlowBlock::paragraph(lines(3)));
  DiagnosticSink sink;
  testing::expect_matches_golden(NASHR_TEST_DIR "/golden", "floats", format_page_breaks(break_pages(flow, pages_of(100), sink)));
}

}  // namespace
}  // namespace nashr
