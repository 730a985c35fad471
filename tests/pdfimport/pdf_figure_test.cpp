// PDF pages as figures: the sample charts import with their vectors and fonts, and every damaged or
// foreign file is refused with its reason, located.
#include "pdfimport/pdf_figure.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

namespace nashr {
namespace {

const std::filesystem::path kRoot = NASHR_SOURCE_DIR;
const std::filesystem::path kChart = kRoot / "reports/charts/cooperation-timeline.pdf";

bool has_name(const PdfValue& value, const std::string& name) {
  if (value.kind == PdfValueKind::name && value.bytes == name) return true;
  for (const PdfValue& item : value.items)
    if (has_name(item, name)) return true;
  return false;
}

TEST(PdfFigure, TheSampleChartImportsWithItsPageBoxFontsAndContent) {
  const Result<ImportedPdfPage> page = read_pdf_figure(kChart, "chart.pdf", {"r.xml", 3, 4});
  ASSERT_TRUE(page.ok()) << page.error().message;
  // rsvg-convert writes 640×260 px at 96 px/in: 480×195 pt.
  EXPECT_NEAR(page->width, 480, 0.01);
  EXPECT_NEAR(page->height, 195, 0.01);
  EXPECT_EQ(page->content.rfind("q\n0.00208333333 0 0 0.00512820513 0 0 cm\n", 0), 0u) << page->content.substr(0, 80);
  EXPECT_EQ(page->content.substr(page->content.size() - 3), "\nQ\n");
  ASSERT_EQ(page->resources.kind, PdfValueKind::dictionary);
  bool font_file = false;
  for (const PdfValue& object : page->objects) {
    for (const std::string& key : object.keys) font_file = font_file || key == "FontFile2";
  }
  EXPECT_TRUE(font_file) << "the chart's fonts are embedded and copied";
  bool fonts = false;
  for (const PdfValue& object : page->objects) fonts = fonts || has_name(object, "TrueType");
  EXPECT_TRUE(fonts);
}

std::string refusal(const std::filesystem::path& file) {
  const Result<ImportedPdfPage> page = read_pdf_figure(file, file.filename().string(), {"r.xml", 7, 9});
  if (page.ok()) return "accepted";
  EXPECT_EQ(page.error().location.line, 7);
  EXPECT_EQ(page.error().location.column, 9);
  EXPECT_FALSE(page.error().hint.empty());
  return page.error().message;
}

TEST(PdfFigure, DamagedAndForeignFilesAreRefusedWithTheirReason) {
  const std::filesystem::path figures = kRoot / "tests/bad-input/figures";
  EXPECT_EQ(refusal(figures / "broken.pdf").rfind("figure file 'broken.pdf' is a damaged PDF file (", 0), 0u)
      << refusal(figures / "broken.pdf");
  EXPECT_EQ(refusal(figures / "external.pdf"),
            "figure file 'external.pdf' refers to an external file (a stream whose data is in another file)");
  EXPECT_NE(refusal(figures / "idat-garbage.png").find("damaged PDF file"), std::string::npos);
  EXPECT_EQ(refusal(figures), "figure file 'figures' is not a regular file");
}

TEST(PdfFigure, EncryptedFilesAreRefused) {
  const std::filesystem::path scratch = std::filesystem::path(NASHR_BINARY_DIR) / "test-scratch/pdfimport";
  std::filesystem::create_directories(scratch);
  const std::filesystem::path encrypted = scratch / "encrypted.pdf";
  const std::string command = "qpdf --encrypt '' owner 256 -- '" + kChart.string() + "' '" + encrypted.string() + "'";
  ASSERT_EQ(std::system(command.c_str()), 0) << "this test needs qpdf (Debian: qpdf): " << command;
  EXPECT_EQ(refusal(encrypted), "figure file 'encrypted.pdf' is encrypted");
}

}  // namespace
}  // namespace nashr
