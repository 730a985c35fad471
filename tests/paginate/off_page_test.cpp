#include <gtest/gtest.h>

#include <vector>

#include "paginate/paginate.h"

namespace nashr {
namespace {

// One paragraph of one line whose only run starts `x` points from the measure's left edge, on an A4
// page with 50pt margins.
Pagination paginate_one_line(double x, DiagnosticSink& sink) {
  ResolvedDocument resolved;
  resolved.page.width = 595.276;
  resolved.page.height = 841.89;
  resolved.page.margin_top = resolved.page.margin_bottom = 50;
  resolved.page.margin_left = resolved.page.margin_right = 50;
  ResolvedBlock block;
  block.location = {"report.xml", 7, 5};
  resolved.blocks.push_back(block);
  LineRun run;
  run.x = x;
  run.width = 40;
  run.glyphs.resize(4);
  Line line;
  line.runs.push_back(run);
  line.ascent = 8;
  line.descent = 3;
  line.location = {"report.xml", 7, 8};
  std::vector<SetBlock> blocks(1);
  blocks[0].lines.lines.push_back(line);
  return paginate(resolved, std::move(blocks), [](std::span<const TextBlock>) { return std::vector<Lines>{}; },
                  sink);
}

// Issue 12, item 7: a style indent wider than the line put text at x ≈ 100,000 pt, off the page, and
// the build succeeded. Text outside the page box is an error at the line's source, whatever caused it.
TEST(OffPage, TextOutsideThePageIsAnErrorAtItsLine) {
  DiagnosticSink sink;
  paginate_one_line(100000, sink);
  ASSERT_EQ(sink.error_count(), 1u);
  const Diagnostic& error = sink.diagnostics().front();
  EXPECT_EQ(error.location.line, 7u);
  EXPECT_EQ(error.location.column, 8u);
  EXPECT_NE(error.message.find("outside the page"), std::string::npos) << error.message;
  EXPECT_FALSE(error.hint.empty());

  DiagnosticSink left_of_the_page;
  paginate_one_line(-200, left_of_the_page);
  EXPECT_EQ(left_of_the_page.error_count(), 1u);
}

TEST(OffPage, TextInsideThePageIsNot) {
  for (double x : {0.0, 200.0, 495.0 - 40.0 + 50.0}) {  // the last one ends at the page's right edge
    DiagnosticSink sink;
    Pagination pagination = paginate_one_line(x, sink);
    EXPECT_EQ(sink.error_count(), 0u) << x;
    EXPECT_EQ(pagination.document.pages.size(), 1u);
  }
}

}  // namespace
}  // namespace nashr
