// Issue 14 in the reader: a figure's width, PDF figures measured from their page, and <ref>.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <variant>

#include "model/report.h"
#include "report_skeleton.h"

namespace nashr {
namespace {

namespace fs = std::filesystem;

struct Read {
  std::optional<Report> report;
  std::vector<Diagnostic> diagnostics;
};

// Reads `body` in a report written into tests/model/bad (whose images/ the figures name).
Read read_body(const std::string& name, const std::string& body) {
  const fs::path path = fs::path(NASHR_TEST_DIR) / "bad" / name;
  std::ofstream(path) << testing::report_with_body(body);
  DiagnosticSink sink;
  Result<Report> report = read_report(path.string(), sink);
  fs::remove(path);
  Read read;
  if (report) read.report = std::move(*report);
  read.diagnostics = sink.diagnostics();
  return read;
}

TEST(FiguresAndRefs, WidthsAndReferencesAreRead) {
  const Read read = read_body(
      "generated-refs.xml",
      "<section id=\"s\"><heading>H</heading>"
      "<figure id=\"half\" src=\"images/map.png\" width=\"50%\"/><figure src=\"images/photo.jpg\" width=\"80mm\"/>"
      "<p>See <ref to=\"half\"/> on <ref to=\"half\" show=\"page\"/>, in <ref to=\"s\" show=\"number\"/>.</p></section>");
  ASSERT_TRUE(read.report) << (read.diagnostics.empty() ? "" : read.diagnostics.front().message);
  const auto& section = std::get<Section>(read.report->body[0].value);
  const auto& half = std::get<Figure>(section.blocks[0].value);
  ASSERT_TRUE(half.width);
  EXPECT_TRUE(half.width->value.fraction);
  EXPECT_DOUBLE_EQ(half.width->value.value, 0.5);
  const auto& photo = std::get<Figure>(section.blocks[1].value);
  ASSERT_TRUE(photo.width);
  EXPECT_FALSE(photo.width->value.fraction);
  EXPECT_NEAR(photo.width->value.value, 80 * 72 / 25.4, 1e-9);
  const auto& paragraph = std::get<Paragraph>(section.blocks[2].value);
  std::vector<const Inline*> refs;
  for (const Inline& node : paragraph.content)
    if (node.kind == InlineKind::ref) refs.push_back(&node);
  ASSERT_EQ(refs.size(), 3u);
  EXPECT_EQ(refs[0]->target_id, "half");
  EXPECT_EQ(refs[0]->show, RefShow::label);
  EXPECT_EQ(refs[1]->show, RefShow::page);
  EXPECT_EQ(refs[2]->show, RefShow::number);
  // The spaces around a reference stay: "See ", " on ", ", in ".
  EXPECT_EQ(paragraph.content[0].text, "See ");
  EXPECT_EQ(paragraph.content[2].text, " on ");
}

TEST(FiguresAndRefs, BadWidthsAndReferencesAreLocatedErrors) {
  const Read read = read_body(
      "generated-bad-refs.xml",
      "<section id=\"s\"><heading>H</heading><figure src=\"images/map.png\" width=\"120%\"/>"
      "<p>A <ref to=\"nowhere\"/>, <ref to=\"s\" show=\"title\"/>, <ref to=\"s\">text</ref>, <ref/>.</p></section>");
  EXPECT_FALSE(read.report);
  std::vector<std::string> messages;
  for (const Diagnostic& diagnostic : read.diagnostics) {
    EXPECT_GT(diagnostic.location.line, 0) << diagnostic.message;
    messages.push_back(diagnostic.message);
  }
  const auto has = [&](const std::string& text) {
    return std::any_of(messages.begin(), messages.end(), [&](const std::string& m) { return m.find(text) != std::string::npos; });
  };
  EXPECT_TRUE(has("figure width '120%' is not a share of the text width or a length"));
  EXPECT_TRUE(has("link to 'nowhere', but no section, figure or table has that id"));
  EXPECT_TRUE(has("'title'"));
  EXPECT_TRUE(has("<ref/> must be empty"));
  EXPECT_TRUE(has("<ref/> needs a to attribute"));
}

TEST(FiguresAndRefs, APdfFigureIsMeasuredFromItsPage) {
  const fs::path folder = fs::path(NASHR_TEST_DIR) / "bad" / "charts";
  fs::create_directories(folder);
  fs::copy_file(fs::path(NASHR_SOURCE_DIR) / "reports/charts/cooperation-timeline.pdf", folder / "chart.pdf",
                fs::copy_options::overwrite_existing);
  const Read read = read_body("generated-pdf.xml",
                              "<section><heading>H</heading><figure src=\"charts/chart.pdf\"/><p>x</p></section>");
  fs::remove_all(folder);
  ASSERT_TRUE(read.report);
  const auto& figure = std::get<Figure>(std::get<Section>(read.report->body[0].value).blocks[0].value);
  EXPECT_EQ(figure.format, ImageFormat::pdf);
  EXPECT_NEAR(figure.page_width, 480, 0.01);
  EXPECT_NEAR(figure.page_height, 195, 0.01);
  EXPECT_EQ(figure.pixel_width, 0);
}

}  // namespace
}  // namespace nashr
