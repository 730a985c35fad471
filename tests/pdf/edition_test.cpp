// The editions of the sample issue from one run (`--edition screen,print,archive`): the screen
// g++ 12 warns falsely on `"literal" + std::string` under -O3 (GCC bug 105329).
#pragma GCC diagnostic ignored "-Wrestrict"
// edition is the same file as a plain build, the print edition's boxes and the archive's PDF/A
// rules are read back from the files (check_print.py, check_archive.py: qpdf and an XML parser).
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "pdf/edition_archive.h"
#include "pdf/edition_files.h"
#include "pdf/edition_print.h"
#include "support/process.h"

namespace nashr {
namespace {

namespace fs = std::filesystem;
using nashr::testing::Command;
using nashr::testing::run;
using nashr::testing::read_text;

std::string quoted(const fs::path& path) {
  return "'" + path.string() + "'";
}

class Editions : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    ASSERT_EQ(run("command -v qpdf").status, 0) << "qpdf is missing: install Debian's qpdf (scripts/setup.sh does)";
    // ctest runs each test in a process of its own, several at once: a folder per process.
    folder_ = fs::path(NASHR_BINARY_DIR) / "edition-tests" / std::to_string(getpid());
    fs::remove_all(folder_);
    fs::create_directories(folder_ / "plain");
    const fs::path report = fs::path(NASHR_SOURCE_DIR) / "reports/persian-files-29-2.xml";
    const Command all = run(std::string(NASHR_EXECUTABLE) + " build --edition screen,print,archive -o " +
                            quoted(folder_) + " " + quoted(report));
    ASSERT_EQ(all.status, 0) << all.out;
    const Command plain =
        run(std::string(NASHR_EXECUTABLE) + " build -o " + quoted(folder_ / "plain") + " " + quoted(report));
    ASSERT_EQ(plain.status, 0) << plain.out;
    for (const char* edition : {"print", "archive"}) {
      const Command alone = run(std::string(NASHR_EXECUTABLE) + " build --edition " + edition + " -o " +
                                quoted(folder_ / "plain") + " " + quoted(report));
      ASSERT_EQ(alone.status, 0) << alone.out;
    }
  }
  static void TearDownTestSuite() { fs::remove_all(folder_); }
  static fs::path folder_;
};
fs::path Editions::folder_;

TEST_F(Editions, ScreenEditionIsThePlainBuild) {
  const std::string screen = read_text(folder_ / "persian-files-29-2.pdf");
  ASSERT_FALSE(screen.empty());
  EXPECT_EQ(screen, read_text(folder_ / "plain/persian-files-29-2.pdf"));
}

// The second and third edition take the first's compressed page contents: the files are the same
// as when each edition is built on its own.
TEST_F(Editions, SharedTypesettingGivesTheSameFilesAsSeparateBuilds) {
  for (const char* name : {"persian-files-29-2.print.pdf", "persian-files-29-2.archive.pdf"}) {
    const std::string together = read_text(folder_ / name);
    ASSERT_FALSE(together.empty()) << name;
    EXPECT_EQ(together, read_text(folder_ / "plain" / name)) << name;
  }
}

TEST_F(Editions, PrintEditionHasTrimAndBleedOnEveryPage) {
  const Command checked = run("python3 " + quoted(fs::path(NASHR_TEST_DIR) / "check_print.py") + " " +
                              quoted(folder_ / "persian-files-29-2.print.pdf") + " 595.276 841.89");
  EXPECT_EQ(checked.status, 0) << checked.out;
  // The checker can fail: the screen edition has no trim.
  const Command screen = run("python3 " + quoted(fs::path(NASHR_TEST_DIR) / "check_print.py") + " " +
                             quoted(folder_ / "persian-files-29-2.pdf") + " 595.276 841.89");
  EXPECT_EQ(screen.status, 1) << screen.out;
}

// The print edition's content streams draw in DeviceCMYK with the style's inks (k/K only, no
// rg/RG); the screen and archive editions keep DeviceRGB (content_colours.py reads every page's
// content through qpdf).
TEST_F(Editions, PrintColoursAreTheStylesCmykAndScreenStaysRgb) {
  const auto colours = [&](const char* name) {
    const Command listed =
        run("python3 " + quoted(fs::path(NASHR_TEST_DIR) / "content_colours.py") + " " + quoted(folder_ / name));
    EXPECT_EQ(listed.status, 0) << listed.out;
    return "\n" + listed.out;
  };
  const std::string print = colours("persian-files-29-2.print.pdf");
  // Body text (#1a1a1a cmyk(0%,0%,0%,100%)) and the barcode's bars (black): K alone.
  EXPECT_NE(print.find("\n0 0 0 1 k "), std::string::npos) << print;
  // Headings and the masthead's band: the style's cmyk(90%,65%,20%,40%).
  EXPECT_NE(print.find("\n0.9 0.65 0.2 0.4 k "), std::string::npos) << print;
  EXPECT_NE(print.find("\n0.9 0.65 0.2 0.4 K "), std::string::npos) << print;  // the summary box's border
  EXPECT_NE(print.find("\n0.06 0.02 0 0.02 k "), std::string::npos) << print;  // its shading
  EXPECT_NE(print.find("\n1 1 1 1 K "), std::string::npos) << print;  // the marks, on every plate
  EXPECT_EQ(print.find(" rg "), std::string::npos) << print;
  EXPECT_EQ(print.find(" RG "), std::string::npos) << print;
  for (const char* name : {"persian-files-29-2.pdf", "persian-files-29-2.archive.pdf"}) {
    const std::string rgb = colours(name);
    EXPECT_NE(rgb.find(" rg "), std::string::npos) << name << rgb;
    EXPECT_EQ(rgb.find(" k "), std::string::npos) << name << rgb;
    EXPECT_EQ(rgb.find(" K "), std::string::npos) << name << rgb;
  }
}

TEST_F(Editions, ArchiveEditionMeetsTheReadableRules) {
  const Command checked = run("python3 " + quoted(fs::path(NASHR_TEST_DIR) / "check_archive.py") + " " +
                              quoted(folder_ / "persian-files-29-2.archive.pdf"));
  EXPECT_EQ(checked.status, 0) << checked.out;
  const Command screen = run("python3 " + quoted(fs::path(NASHR_TEST_DIR) / "check_archive.py") + " " +
                             quoted(folder_ / "persian-files-29-2.pdf"));
  EXPECT_EQ(screen.status, 1) << screen.out;
  EXPECT_NE(screen.out.find("the catalog has no /Metadata"), std::string::npos) << screen.out;
  // The rule against DeviceCMYK can fail: the print edition has it.
  const Command print = run("python3 " + quoted(fs::path(NASHR_TEST_DIR) / "check_archive.py") + " " +
                            quoted(folder_ / "persian-files-29-2.print.pdf"));
  EXPECT_NE(print.out.find("DeviceCMYK colour (k or K) in the content of page 1"), std::string::npos) << print.out;
}

TEST(ArchiveXmp, EscapesAndCarriesThePrismData) {
  DocumentInfo info;
  info.title = "A & B <Persian: پرونده>";
  info.issn = "1050-124X";
  info.volume = 3;
  info.issue = 12;
  info.issue_date = CalendarDate{2025, 1, 20};
  const std::string xmp = archive_xmp(info, 1736899200);
  EXPECT_NE(xmp.find("A &amp; B &lt;Persian: پرونده&gt;"), std::string::npos);
  EXPECT_NE(xmp.find("<dc:identifier>urn:ISSN:1050-124X</dc:identifier>"), std::string::npos);
  EXPECT_NE(xmp.find("<prism:number>12</prism:number>"), std::string::npos);
  EXPECT_NE(xmp.find("<prism:coverDate>2025-01-20</prism:coverDate>"), std::string::npos);
  EXPECT_NE(xmp.find("<xmp:CreateDate>2025-01-15T00:00:00+00:00</xmp:CreateDate>"), std::string::npos);
  EXPECT_EQ(archive_xmp(info, std::nullopt).find("CreateDate"), std::string::npos);
}

TEST(EditionPath, BesideTheScreenEdition) {
  EXPECT_EQ(edition_path("out/x.pdf", Edition::screen), fs::path("out/x.pdf"));
  EXPECT_EQ(edition_path("out/x.pdf", Edition::print), fs::path("out/x.print.pdf"));
  EXPECT_EQ(edition_path("out/x.pdf", Edition::archive), fs::path("out/x.archive.pdf"));
}

TEST(PrintBleed, ExtendsOnlyBoxesAtTheEdge) {
  Page page;
  page.width = 100;
  page.height = 200;
  page.items.emplace_back(Box{{0, 0, 100, 50}, true, {}, 0, {}});   // top band
  page.items.emplace_back(Box{{10, 60, 20, 20}, true, {}, 0, {}});  // inside
  ASSERT_TRUE(needs_bleed(page));
  const Page bled = bled_page(page);
  const Rect& band = std::get<Box>(bled.items[0]).rect;
  EXPECT_NEAR(band.x, -kBleedPoints, 1e-9);
  EXPECT_NEAR(band.y, -kBleedPoints, 1e-9);
  EXPECT_NEAR(band.width, 100 + 2 * kBleedPoints, 1e-9);
  EXPECT_NEAR(band.height, 50 + kBleedPoints, 1e-9);
  const Rect& inside = std::get<Box>(bled.items[1]).rect;
  EXPECT_EQ(inside.x, 10);
  EXPECT_EQ(inside.width, 20);
  page.items.erase(page.items.begin());
  EXPECT_FALSE(needs_bleed(page));
}

}  // namespace
}  // namespace nashr
