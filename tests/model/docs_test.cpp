// docs/report-format.md shows a complete example; it must be the file the tests validate, so the
// documentation cannot drift from what nashr and the schema accept.
#include <gtest/gtest.h>

#include <filesystem>

#include "base/file_io.h"
#include "model/report.h"

namespace nashr {
namespace {

namespace fs = std::filesystem;

TEST(Docs, CompleteExampleIsQuotedVerbatimAndReadsCleanly) {
  const fs::path example = fs::path(NASHR_TEST_DIR) / "complete" / "complete-example.xml";
  Result<std::string> text = read_file(example);
  ASSERT_TRUE(text.ok());
  Result<std::string> doc = read_file(fs::path(NASHR_SOURCE_DIR) / "docs" / "report-format.md");
  ASSERT_TRUE(doc.ok());
  EXPECT_NE(doc->find("```xml\n" + *text + "```\n"), std::string::npos)
      << "docs/report-format.md must quote tests/model/complete/complete-example.xml verbatim";

  DiagnosticSink sink;
  sink.set_warnings_as_errors(true);
  ReadOptions strict;
  strict.report_normalisations = true;
  Result<Report> report = read_report(example.string(), sink, strict);
  ASSERT_TRUE(report.ok()) << format_diagnostic(report.error());
  EXPECT_TRUE(sink.diagnostics().empty());
  EXPECT_EQ(report->meta.issns.size(), 2u);
  EXPECT_EQ(report->summaries.size(), 2u);
  // Three levels of sections, a page break, every block kind.
  const auto& first = std::get<Section>(report->body.at(0).value);
  const auto& second = std::get<Section>(first.blocks.back().value);
  const auto& third = std::get<Section>(second.blocks.back().value);
  EXPECT_EQ(third.level, 3);
  EXPECT_EQ(third.id, "deepest");
  EXPECT_TRUE(std::holds_alternative<PageBreak>(report->body.at(1).value));
  EXPECT_EQ(std::get<List>(first.blocks.at(1).value).start, 3);
  EXPECT_TRUE(std::holds_alternative<Quote>(first.blocks.at(2).value));
  EXPECT_TRUE(std::holds_alternative<Figure>(first.blocks.at(3).value));
}

}  // namespace
}  // namespace nashr
