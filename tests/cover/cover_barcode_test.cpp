// The cover's barcode read back by a real barcode reader: the sample issue is built with a style
// that asks for a cover, its first page rendered at 300 dpi (pdftoppm) and decoded (zbarimg).

// g++ 12 warns falsely on `"literal" + std::string` under -O3 (GCC bug 105329).
#pragma GCC diagnostic ignored "-Wrestrict"
#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "cover_test_support.h"
#include "support/process.h"

namespace {

namespace fs = std::filesystem;
using nashr::testing::Command;
using nashr::testing::run;
using nashr::testing::read_text;
using nashr::testing::replaced;
using nashr::testing::write_text;

// A folder of its own under the build tree for one test, emptied first.
fs::path scratch(const std::string& name) {
  const fs::path folder = fs::path(NASHR_BINARY_DIR) / "cover-tests" / (name + "-" + std::to_string(getpid()));
  fs::remove_all(folder);
  fs::create_directories(folder);
  return folder;
}

void require_tool(const std::string& tool, const std::string& package) {
  ASSERT_EQ(run("command -v " + tool).status, 0)
      << tool << " is missing: install Debian's " << package << " (scripts/setup.sh does)";
}

class CoverBarcode : public ::testing::Test {
 protected:
  void SetUp() override {
    require_tool("pdftoppm", "poppler-utils");
    require_tool("zbarimg", "zbar-tools");
  }

  // Builds the sample report with `issn`, `issue` and the style's <cover> replaced by
  // `cover_element` (kept when empty) in `edition`, renders the cover and returns what zbarimg
  // reads on it.
  std::string decode(const std::string& name, const std::string& issn, const std::string& issue,
                     const std::string& cover_element, const std::string& edition) {
    const fs::path folder = scratch(name);
    const fs::path repo(NASHR_SOURCE_DIR);
    std::string style = read_text(repo / "styles/persian-files.xml");
    style = replaced(style, "name=\"persian-files\"", "name=\"cover\"");
    if (!cover_element.empty()) {
      style = replaced(style, "<cover barcode=\"on\" price-code=\"00\" editions=\"print archive\"/>", cover_element);
    }
    write_text(folder / "cover.xml", style);
    std::string report = read_text(repo / "reports/persian-files-29-2.xml");
    report = replaced(report, "style=\"persian-files\"", "style=\"cover.xml\"");
    report = replaced(report, "2975-0598", issn);
    report = replaced(report, "<issue>2</issue>", "<issue>" + issue + "</issue>");
    write_text(folder / "issue.xml", report);
    fs::remove_all(folder / "charts");
    fs::copy(repo / "reports/charts", folder / "charts");  // the sample's figure
    const Command built = run(std::string(NASHR_EXECUTABLE) + " build --edition " + edition + " -o '" +
                              folder.string() + "' '" + (folder / "issue.xml").string() + "'");
    EXPECT_EQ(built.status, 0) << built.out;
    const Command rendered =
        run("pdftoppm -r 300 -gray -f 1 -l 1 -png '" + (folder / (edition == "screen" ? std::string("issue.pdf") : "issue." + edition + ".pdf")).string() + "' '" +
            (folder / "cover").string() + "'");
    EXPECT_EQ(rendered.status, 0) << rendered.out;
    fs::path png;
    for (const auto& entry : fs::directory_iterator(folder)) {
      if (entry.path().extension() == ".png") png = entry.path();
    }
    const Command decoded = run("zbarimg --quiet -Sean2.enable '" + png.string() + "'");
    EXPECT_EQ(decoded.status, 0) << decoded.out;
    if (!HasFailure()) fs::remove_all(folder);  // kept for a look when the test failed
    return decoded.out;
  }
};

// The sample style's cover, in the print edition (with its marks around the page): 977 + 2975059
// + 00 + check digit 0; add-on: issue 2.
TEST_F(CoverBarcode, SampleIssueDecodes) {
  const std::string read = decode("sample", "2975-0598", "2", "", "print");
  EXPECT_NE(read.find("EAN-13:9772975059000"), std::string::npos) << read;
  EXPECT_NE(read.find("EAN-2:02"), std::string::npos) << read;
}

// An ISSN whose own check digit is X, a price code and a two-digit issue.
TEST_F(CoverBarcode, IssnWithCheckDigitXDecodes) {
  const std::string read = decode("issn-x", "1050-124X", "12", "<cover price-code=\"07\"/>", "screen");
  EXPECT_NE(read.find("EAN-13:9771050124077"), std::string::npos) << read;
  EXPECT_NE(read.find("EAN-2:12"), std::string::npos) << read;
}

}  // namespace
