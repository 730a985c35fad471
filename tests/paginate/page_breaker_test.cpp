#include "paginate/page_breaker.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "../linebreak/golden.h"

namespace nashr {
namespace {

// Lines 10 high with the baseline 8 below their top; pages hold 10 of them (body 100).
std::vector<FlowLine> lines(std::size_t count, double height = 10) {
  return std::vector<FlowLine>(count, FlowLine{height, 0.8 * height});
}

PageBreakParams body(std::vector<double> heights) {
  PageBreakParams params;
  params.page_heights = std::move(heights);
  return params;
}

// Each page as its list of (block, line) pairs.
std::vector<std::vector<std::pair<std::size_t, std::size_t>>> layout(const PageBreaks& breaks) {
  std::vector<std::vector<std::pair<std::size_t, std::size_t>>> pages;
  for (const PlannedPage& page : breaks.pages) {
    pages.emplace_back();
    for (const PlacedLine& line : page.lines) pages.back().emplace_back(line.block, line.line);
  }
  return pages;
}

// Lines per block on each page, e.g. {{7, 2}, {2}} for "7 lines of block 0 and 2 of block 1, then 2".
std::vector<std::vector<std::size_t>> counts(const PageBreaks& breaks) {
  std::vector<std::vector<std::size_t>> pages;
  for (const PlannedPage& page : breaks.pages) {
    pages.emplace_back();
    std::size_t block = static_cast<std::size_t>(-1);
    for (const PlacedLine& line : page.lines) {
      if (line.block != block) pages.back().push_back(0);
      block = line.block;
      ++pages.back().back();
    }
  }
  return pages;
}

void expect_golden(const std::string& name, const PageBreaks& breaks) {
  testing::expect_matches_golden(NASHR_TEST_DIR "/golden", name, format_page_breaks(breaks));
}

TEST(PageBreaker, AvoidsAWidow) {
  // 7 + 4 lines on 10-line pages: greedy filling would carry one line of the second paragraph over
  // (a widow). Breaking after its second line keeps two on each side and page 1 full.
  const std::vector<FlowBlock> flow{FlowBlock::paragraph(lines(7)), FlowBlock::paragraph(lines(4))};
  DiagnosticSink sink;
  const PageBreaks result = break_pages(flow, body({100}), sink);
  EXPECT_EQ(counts(result), (std::vector<std::vector<std::size_t>>{{7, 2}, {2}}));
  EXPECT_EQ(result.pages[0].broken_rule, BreakRule::none);
  EXPECT_TRUE(sink.diagnostics().empty());
  expect_golden("widow", result);
}

TEST(PageBreaker, AvoidsAnOrphan) {
  // 9 + 5 lines: only one line of the second paragraph would fit under the first (an orphan), so
  // the second paragraph starts page 2 and page 1 ends 10 % short.
  const std::vector<FlowBlock> flow{FlowBlock::paragraph(lines(9)), FlowBlock::paragraph(lines(5))};
  DiagnosticSink sink;
  const PageBreaks result = break_pages(flow, body({100}), sink);
  EXPECT_EQ(counts(result), (std::vector<std::vector<std::size_t>>{{9}, {5}}));
  EXPECT_DOUBLE_EQ(result.pages[0].content_height, 90);
  // page 1: page cost 10 + 1000 × 0.1² = 20; page 2 (last, free to be short): 10.
  EXPECT_DOUBLE_EQ(result.total_cost, 30);
  EXPECT_TRUE(sink.diagnostics().empty());
}

TEST(PageBreaker, WidowAndOrphanMinimaAreConfigurable) {
  const std::vector<FlowBlock> flow{FlowBlock::paragraph(lines(9)), FlowBlock::paragraph(lines(5))};
  PageBreakParams params = body({100});
  params.min_orphan_lines = 1;
  DiagnosticSink sink;
  EXPECT_EQ(counts(break_pages(flow, params, sink)), (std::vector<std::vector<std::size_t>>{{9, 1}, {4}}));
  params.min_orphan_lines = 3;
  params.min_widow_lines = 3;
  const std::vector<FlowBlock> short_flow{FlowBlock::paragraph(lines(7)), FlowBlock::paragraph(lines(5))};
  // 7 + 3 would leave two lines (fewer than 3) for page 2; 7 + 2 is an orphan of 2: both break a rule.
  EXPECT_EQ(counts(break_pages(short_flow, params, sink)), (std::vector<std::vector<std::size_t>>{{7}, {5}}));
  EXPECT_TRUE(sink.diagnostics().empty());
}

TEST(PageBreaker, NeverLeavesAHeadingAtTheFoot) {
  // 8 lines, a heading, 5 lines: the heading would fit as line 9 with one line of its paragraph
  // (an orphan) or alone at the foot. It moves to page 2 with its text; its space before is dropped
  // at the top of the page.
  std::vector<FlowBlock> flow{FlowBlock::paragraph(lines(8)), FlowBlock::heading(lines(1), 6, 4),
                              FlowBlock::paragraph(lines(5))};
  DiagnosticSink sink;
  const PageBreaks result = break_pages(flow, body({100}), sink);
  EXPECT_EQ(layout(result)[1].front(), (std::pair<std::size_t, std::size_t>{1, 0}));
  EXPECT_EQ(counts(result), (std::vector<std::vector<std::size_t>>{{8}, {1, 5}}));
  EXPECT_DOUBLE_EQ(result.pages[1].lines[0].top, 0);
  EXPECT_DOUBLE_EQ(result.pages[1].lines[0].baseline, 8);
  EXPECT_DOUBLE_EQ(result.pages[1].lines[1].top, 14);  // heading 10 + its space after 4
  EXPECT_EQ(result.block_first_page, (std::vector<std::size_t>{0, 1, 1}));
  EXPECT_TRUE(sink.diagnostics().empty());
  expect_golden("heading_at_foot", result);
}

TEST(PageBreaker, HeadingChainsStayWithTheirText) {
  // A section heading followed by a subsection heading: both keep with what follows.
  std::vector<FlowBlock> flow{FlowBlock::paragraph(lines(7)), FlowBlock::heading(lines(1)),
                              FlowBlock::heading(lines(1)), FlowBlock::paragraph(lines(4))};
  DiagnosticSink sink;
  const PageBreaks result = break_pages(flow, body({100}), sink);
  EXPECT_EQ(counts(result), (std::vector<std::vector<std::size_t>>{{7}, {1, 1, 4}}));
}

TEST(PageBreaker, UnitTallerThanThePageGoesAloneAndWarns) {
  std::vector<FlowBlock> flow{FlowBlock::paragraph(lines(3)), FlowBlock::unit(150, 5, 5),
                              FlowBlock::paragraph(lines(3))};
  flow[1].source = SourceLocation{"reports/x.xml", 42, 3};
  DiagnosticSink sink;
  const PageBreaks result = break_pages(flow, body({100}), sink);
  ASSERT_EQ(result.pages.size(), 3u);
  EXPECT_EQ(counts(result), (std::vector<std::vector<std::size_t>>{{3}, {1}, {3}}));
  EXPECT_TRUE(result.pages[1].overflow);
  EXPECT_DOUBLE_EQ(result.pages[1].content_height, 150);
  EXPECT_DOUBLE_EQ(result.pages[1].lines[0].top, 0);
  ASSERT_EQ(sink.warning_count(), 1u);
  const Diagnostic& warning = sink.diagnostics()[0];
  EXPECT_EQ(warning.location, (SourceLocation{"reports/x.xml", 42, 3}));
  EXPECT_EQ(warning.message,
            "this block is taller than the page body (150.0 pt > 100.0 pt) and overflows page 2");
  expect_golden("overflowing_unit", result);
}

TEST(PageBreaker, UnitsMoveWholeToTheNextPage) {
  std::vector<FlowBlock> flow{FlowBlock::paragraph(lines(6)), FlowBlock::unit(50),
                              FlowBlock::paragraph(lines(6))};
  DiagnosticSink sink;
  const PageBreaks result = break_pages(flow, body({100}), sink);
  // The figure (50) does not fit under 6 lines (60) with the paragraph after it: page 2 takes the
  // figure and 4 lines (5 would leave a widow), page 3 the last 2. Splitting the first paragraph
  // instead would leave page 1 even shorter.
  EXPECT_EQ(counts(result), (std::vector<std::vector<std::size_t>>{{6}, {1, 4}, {2}}));
  EXPECT_FALSE(result.pages[1].overflow);
  EXPECT_DOUBLE_EQ(result.pages[1].lines[1].top, 50);
  EXPECT_TRUE(sink.diagnostics().empty());
}

TEST(PageBreaker, ExplicitPageBreaksWithoutEmptyPages) {
  const std::vector<FlowBlock> flow{FlowBlock::page_break(),        FlowBlock::paragraph(lines(3)),
                                    FlowBlock::page_break(),        FlowBlock::page_break(),
                                    FlowBlock::paragraph(lines(2)), FlowBlock::page_break()};
  DiagnosticSink sink;
  const PageBreaks result = break_pages(flow, body({100}), sink);
  EXPECT_EQ(counts(result), (std::vector<std::vector<std::size_t>>{{3}, {2}}));
  EXPECT_TRUE(result.pages[0].explicit_end);
  EXPECT_TRUE(result.pages[1].explicit_end);
  EXPECT_EQ(result.pages[1].lines[0].block, 4u);
  EXPECT_EQ(result.block_first_page, (std::vector<std::size_t>{kNoPage, 0, kNoPage, kNoPage, 1, kNoPage}));
  // Short pages that end at an explicit break are free: page cost only.
  EXPECT_DOUBLE_EQ(result.total_cost, 20);
  expect_golden("page_breaks", result);
}

TEST(PageBreaker, ExplicitBreakOverridesKeepWithNext) {
  const std::vector<FlowBlock> flow{FlowBlock::heading(lines(1)), FlowBlock::page_break(),
                                    FlowBlock::paragraph(lines(2))};
  DiagnosticSink sink;
  const PageBreaks result = break_pages(flow, body({100}), sink);
  EXPECT_EQ(counts(result), (std::vector<std::vector<std::size_t>>{{1}, {2}}));
  EXPECT_TRUE(sink.diagnostics().empty());
}

TEST(PageBreaker, SpacingCollapsesAndIsDroppedAtPageEdges) {
  // A first page of 50 (the masthead takes the rest), then 100.
  std::vector<FlowBlock> flow{FlowBlock::paragraph(lines(2), 20, 6), FlowBlock::paragraph(lines(2), 4, 0),
                              FlowBlock::paragraph(lines(6), 8, 0)};
  DiagnosticSink sink;
  const PageBreaks result = break_pages(flow, body({50, 100}), sink);
  ASSERT_EQ(result.pages.size(), 2u);
  const PlannedPage& first = result.pages[0];
  EXPECT_DOUBLE_EQ(first.body_height, 50);
  EXPECT_DOUBLE_EQ(first.lines[0].top, 0);   // space before the first block: dropped
  EXPECT_DOUBLE_EQ(first.lines[2].top, 26);  // 20 of lines + max(6, 4)
  EXPECT_DOUBLE_EQ(first.content_height, 46);
  EXPECT_EQ(result.pages[1].lines[0].block, 2u);
  EXPECT_DOUBLE_EQ(result.pages[1].lines[0].top, 0);  // the 8 before the third block: dropped at the top
  EXPECT_DOUBLE_EQ(result.pages[1].body_height, 100);
}

TEST(PageBreaker, WarnsWhenARuleMustBreak) {
  // A heading over a unit that cannot share its page: the heading must end page 1.
  std::vector<FlowBlock> flow{FlowBlock::heading(lines(1)), FlowBlock::unit(95)};
  flow[0].source = SourceLocation{"r.xml", 7, 1};
  DiagnosticSink sink;
  PageBreaks result = break_pages(flow, body({100}), sink);
  ASSERT_EQ(result.pages.size(), 2u);
  EXPECT_EQ(result.pages[0].broken_rule, BreakRule::keep_with_next);
  ASSERT_EQ(sink.warning_count(), 1u);
  EXPECT_EQ(sink.diagnostics()[0].location, (SourceLocation{"r.xml", 7, 1}));
  EXPECT_EQ(sink.diagnostics()[0].message, "this heading ends page 1, apart from the text it introduces");

  // A block to keep together that is taller than a page is split, with a warning.
  FlowBlock tall = FlowBlock::paragraph(lines(13));
  tall.keep_together = true;
  sink.clear();
  result = break_pages(std::vector<FlowBlock>{tall}, body({100}), sink);
  EXPECT_EQ(counts(result), (std::vector<std::vector<std::size_t>>{{10}, {3}}));
  EXPECT_EQ(result.pages[0].broken_rule, BreakRule::keep_together);
  ASSERT_EQ(sink.warning_count(), 1u);
  EXPECT_EQ(sink.diagnostics()[0].message, "this block is split between pages 1 and 2");

  // Three lines on pages of two: a widow or orphan cannot be avoided.
  sink.clear();
  result = break_pages(std::vector<FlowBlock>{FlowBlock::paragraph(lines(3))}, body({20}), sink);
  ASSERT_EQ(result.pages.size(), 2u);
  EXPECT_NE(result.pages[0].broken_rule, BreakRule::none);
  EXPECT_EQ(sink.warning_count(), 1u);
}

TEST(PageBreaker, EmptyFlowHasNoPages) {
  DiagnosticSink sink;
  EXPECT_TRUE(break_pages({}, body({100}), sink).pages.empty());
  const std::vector<FlowBlock> breaks_only{FlowBlock::page_break(), FlowBlock::paragraph({})};
  EXPECT_TRUE(break_pages(breaks_only, body({100}), sink).pages.empty());
}

TEST(PageBreaker, SpreadsShortnessOverPagesWhereGreedyWouldNot) {
  // 12 lines, then a 9-line block kept together, then 5 lines, on 10-line pages. Greedy filling
  // puts 10 lines on page 1 and leaves 2 alone on page 2 (80 % empty: 10 + 1000 × 0.8² = 650).
  // Total-fit splits the paragraph 6 | 6: pages 1 and 2 are 40 % short, costing
  // (10 + 10 inside + 160) + (10 + 160), then 9 lines (10 + 10) and the free last page (10): 380.
  std::vector<FlowBlock> flow{FlowBlock::paragraph(lines(12)), FlowBlock::paragraph(lines(9)),
                              FlowBlock::paragraph(lines(5))};
  flow[1].keep_together = true;
  DiagnosticSink sink;
  const PageBreaks result = break_pages(flow, body({100}), sink);
  EXPECT_EQ(counts(result), (std::vector<std::vector<std::size_t>>{{6}, {6}, {9}, {5}}));
  EXPECT_NEAR(result.total_cost, 380, 1e-9);
  EXPECT_TRUE(sink.diagnostics().empty());
  expect_golden("spread_shortness", result);
}

// ---- an exhaustive oracle ----------------------------------------------------------------------
// Every subset of breaks of a small random flow is costed with the rules written out again; the
// page breaker's cost must equal the minimum.

struct OracleRow {
  std::size_t block;
  std::size_t index;
  std::size_t count;
  double height;
  double gap_before;
};

double oracle_minimum(const std::vector<FlowBlock>& flow, const PageBreakParams& params) {
  std::vector<OracleRow> rows;
  std::vector<bool> forced_before;  // a page break precedes this row
  bool pending_break = false;
  const FlowBlock* previous = nullptr;
  for (std::size_t b = 0; b < flow.size(); ++b) {
    if (flow[b].kind == FlowBlockKind::page_break) {
      pending_break = true;
      continue;
    }
    for (std::size_t i = 0; i < flow[b].lines.size(); ++i) {
      const double gap = i == 0 && previous ? std::max(previous->space_after, flow[b].space_before) : 0;
      rows.push_back({b, i, flow[b].lines.size(), flow[b].lines[i].height, gap});
      forced_before.push_back(pending_break && !rows.empty() && rows.size() > 1 && i == 0);
      pending_break = false;
    }
    if (!flow[b].lines.empty()) previous = &flow[b];
  }
  const std::size_t n = rows.size();
  double best = std::numeric_limits<double>::infinity();
  for (unsigned long mask = 0; mask < (1ul << (n - 1)); ++mask) {
    bool ok = true;
    for (std::size_t k = 1; k < n; ++k)
      if (forced_before[k] && !(mask & (1ul << (k - 1)))) ok = false;
    if (!ok) continue;
    double total = 0;
    std::size_t start = 0, page = 0;
    for (std::size_t k = 1; k <= n && ok; ++k) {
      if (k < n && !(mask & (1ul << (k - 1)))) continue;
      double height = 0;
      for (std::size_t r = start; r < k; ++r) height += rows[r].height + (r > start ? rows[r].gap_before : 0);
      const double available = params.page_heights[std::min(page, params.page_heights.size() - 1)];
      double cost = params.page_cost;
      if (height > available) {
        if (k - start > 1) ok = false;
        cost += params.violation_cost;
      }
      const bool explicit_end = k == n || forced_before[k];
      if (!explicit_end) {
        const double unfilled = std::max(0.0, available - height) / available;
        cost += params.short_page_weight * unfilled * unfilled;
        const OracleRow& before = rows[k - 1];
        const OracleRow& after = rows[k];
        bool broken = false;
        if (before.block != after.block) {
          broken = flow[before.block].keep_with_next;
        } else {
          cost += params.inside_block_cost;
          broken = flow[before.block].keep_together || before.index + 1 < 2 || before.count - after.index < 2;
        }
        if (broken) cost += params.violation_cost;
      }
      total += cost;
      start = k;
      ++page;
    }
    if (ok) best = std::min(best, total);
  }
  return best;
}

TEST(PageBreaker, MatchesExhaustiveSearch) {
  std::mt19937 random(29750598);
  for (int trial = 0; trial < 300; ++trial) {
    std::vector<FlowBlock> flow;
    std::size_t rows = 0;
    while (rows < 12) {
      const int kind = static_cast<int>(random() % 10);
      FlowBlock block;
      if (kind == 0) {
        block = FlowBlock::page_break();
      } else if (kind == 1) {
        block = FlowBlock::unit(static_cast<double>(5 + random() % 60), 3, 3);
      } else if (kind == 2) {
        block = FlowBlock::heading(lines(1, 14), 8, 4);
      } else {
        const std::size_t count = std::min<std::size_t>(12 - rows, 1 + random() % 6);
        block = FlowBlock::paragraph(lines(count), static_cast<double>(random() % 3) * 3, 2);
        block.keep_together = random() % 5 == 0;
      }
      rows += block.lines.size();
      flow.push_back(block);
    }
    const PageBreakParams params = body(trial % 2 ? std::vector<double>{60} : std::vector<double>{35, 55});
    DiagnosticSink sink;
    const PageBreaks result = break_pages(flow, params, sink);
    const double expected = oracle_minimum(flow, params);
    EXPECT_NEAR(result.total_cost, expected, 1e-6 * std::max(1.0, expected)) << "trial " << trial;
    double sum = 0;
    std::size_t placed = 0;
    for (const PlannedPage& page : result.pages) {
      sum += page.cost;
      placed += page.lines.size();
      if (page.overflow) {
        EXPECT_EQ(page.lines.size(), 1u) << "trial " << trial;
      } else {
        EXPECT_LE(page.content_height, page.body_height + 1e-9) << "trial " << trial;
      }
    }
    EXPECT_NEAR(sum, result.total_cost, 1e-6 * std::max(1.0, sum));
    EXPECT_EQ(placed, rows);
  }
}


// The usual flow (no floats, no footnotes, one page height) has a loop of its own in the optimiser;
// a second page class of the same height takes the general one. Both must give the same pages, to
// the last bit of their costs, on flows long enough for many ties between equally good breaks.
TEST(PageBreaker, UsualFlowLoopMatchesTheGeneralOne) {
  std::mt19937 random(61027);
  for (int trial = 0; trial < 60; ++trial) {
    std::vector<FlowBlock> flow;
    for (int b = 0; b < 120; ++b) {
      const int kind = static_cast<int>(random() % 12);
      FlowBlock block;
      if (kind == 0) {
        block = FlowBlock::page_break();
      } else if (kind == 1) {
        block = FlowBlock::unit(static_cast<double>(5 + random() % 90), 3, 3);
      } else if (kind == 2) {
        block = FlowBlock::heading(lines(1 + random() % 2, 14), 8, 4);
      } else {
        block = FlowBlock::paragraph(lines(1 + random() % 14, trial % 3 ? 10 : 9.5 + (random() % 8) * 0.25),
                                     static_cast<double>(random() % 3) * 3, 2);
        block.keep_together = random() % 7 == 0;
        if (kind == 3) {  // a table: its first lines repeated on each further page
          block.repeat_lines = 1 + random() % 2;
          block.repeat_height = 10.0 * static_cast<double>(block.repeat_lines);
        }
      }
      flow.push_back(block);
    }
    DiagnosticSink plain_sink, general_sink;
    const PageBreaks plain = break_pages(flow, body({100}), plain_sink);
    const PageBreaks general = break_pages(flow, body({100, 100}), general_sink);
    ASSERT_EQ(format_page_breaks(plain), format_page_breaks(general)) << "trial " << trial;
    EXPECT_EQ(plain.total_cost, general.total_cost) << "trial " << trial;
    ASSERT_EQ(plain_sink.diagnostics().size(), general_sink.diagnostics().size()) << "trial " << trial;
  }
}

}  // namespace
}  // namespace nashr
