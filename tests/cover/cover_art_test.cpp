// Cover art (<cover-art> in the report, placed by the style's <cover art>): where it lands on the
// rendered cover in the screen and print editions (into the bleed where its box touches the edge,
// not beyond), and its resolution check: under 300 dpi at the printed size, a warning in the screen
// edition and a located error in the print edition, from `check` and `build` alike.

// g++ 12 warns falsely on `"literal" + std::string` under -O3 (GCC bug 105329).
#pragma GCC diagnostic ignored "-Wrestrict"
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
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

// A solid PNG of `width` x `height` pixels in rgb(200, 40, 40), written by Python's zlib.
void write_art(const fs::path& path, int width, int height) {
  const std::string script =
      "import struct,sys,zlib\n"
      "w,h=int(sys.argv[1]),int(sys.argv[2])\n"
      "def chunk(t,d): return struct.pack('>I',len(d))+t+d+struct.pack('>I',zlib.crc32(t+d)&0xffffffff)\n"
      "raw=(b'\\x00'+bytes([200,40,40])*w)*h\n"
      "open(sys.argv[3],'wb').write(b'\\x89PNG\\r\\n\\x1a\\n'+chunk(b'IHDR',struct.pack('>IIBBBBB',w,h,8,2,0,0,0))"
      "+chunk(b'IDAT',zlib.compress(raw,9))+chunk(b'IEND',b''))\n";
  write_text(path.parent_path() / "make_art.py", script);
  const Command made = run("python3 '" + (path.parent_path() / "make_art.py").string() + "' " + std::to_string(width) +
                           " " + std::to_string(height) + " '" + path.string() + "'");
  ASSERT_EQ(made.status, 0) << made.out;
}

// The pixel at (x, y) of a binary PPM (pdftoppm's output): "art", "white" or its "r g b" (poppler
// may round a channel by one).
std::string pixel(const fs::path& ppm, int x, int y) {
  const Command read = run("python3 -c \"import sys\n"
                           "d=open(sys.argv[1],'rb').read().split(b'\\n',3)\n"
                           "w=int(d[1].split()[0]); p=d[3]; i=(int(sys.argv[3])*w+int(sys.argv[2]))*3\n"
                           "print(p[i],p[i+1],p[i+2])\" '" +
                           ppm.string() + "' " + std::to_string(x) + " " + std::to_string(y));
  EXPECT_EQ(read.status, 0) << read.out;
  int r = -9, g = -9, b = -9;
  std::sscanf(read.out.c_str(), "%d %d %d", &r, &g, &b);
  const auto near = [&](int red, int green, int blue) {
    return std::abs(r - red) <= 2 && std::abs(g - green) <= 2 && std::abs(b - blue) <= 2;
  };
  return near(200, 40, 40) ? "art" : near(255, 255, 255) ? "white" : read.out.substr(0, read.out.find('\n'));
}

// The sample issue with cover art in a 105 x 70 mm box at the cover's left edge, 100 mm from its
// top (below the band), the cover in every edition.
class CoverArt : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(run("command -v pdftoppm").status, 0) << "pdftoppm is missing: install Debian's poppler-utils";
    folder_ = fs::path(NASHR_BINARY_DIR) / "cover-tests" / ("art-" + std::to_string(getpid()));
    fs::remove_all(folder_);
    fs::create_directories(folder_);
    const fs::path repo(NASHR_SOURCE_DIR);
    std::string style = read_text(repo / "styles/persian-files.xml");
    style = replaced(style, "name=\"persian-files\"", "name=\"art\"");
    style = replaced(style, "<cover barcode=\"on\" price-code=\"00\" editions=\"print archive\"/>",
                     "<cover editions=\"screen print archive\" art=\"box\" art-left=\"0mm\" art-top=\"100mm\" "
                     "art-width=\"105mm\" art-height=\"70mm\"/>");
    write_text(folder_ / "art.xml", style);
    std::string report = read_text(repo / "reports/persian-files-29-2.xml");
    report = replaced(report, "style=\"persian-files\"", "style=\"art.xml\"");
    report = replaced(report, "    <copyright>", "    <cover-art src=\"art.png\"/>\n    <copyright>");
    write_text(folder_ / "issue.xml", report);
    fs::copy(repo / "reports/charts", folder_ / "charts");  // the sample's figure
  }
  void TearDown() override {
    if (!HasFailure()) fs::remove_all(folder_);  // kept for a look when the test failed
  }

  Command nashr(const std::string& arguments) {
    return run(std::string(NASHR_EXECUTABLE) + " " + arguments + " '" + (folder_ / "issue.xml").string() + "'");
  }
  // Page 1 of `pdf` at 72 dpi (a pixel a point).
  fs::path render(const std::string& pdf) {
    const Command rendered = run("pdftoppm -r 72 -f 1 -l 1 -singlefile '" + (folder_ / pdf).string() + "' '" +
                                 (folder_ / pdf).string() + "'");
    EXPECT_EQ(rendered.status, 0) << rendered.out;
    return folder_ / (pdf + ".ppm");
  }

  fs::path folder_;
};

constexpr double kMm = 72 / 25.4;
const std::string kArt = "art";
const std::string kWhite = "white";

// 1260 x 840 pixels over 105 x 70 mm: 305 dpi.
TEST_F(CoverArt, FillsItsBoxAndBleedsInPrint) {
  write_art(folder_ / "art.png", 1260, 840);
  const Command built = run(std::string(NASHR_EXECUTABLE) + " build --edition screen,print -o '" + folder_.string() +
                            "' '" + (folder_ / "issue.xml").string() + "'");
  ASSERT_EQ(built.status, 0) << built.out;
  EXPECT_EQ(built.out.find("warning"), std::string::npos) << built.out;
  const int middle = static_cast<int>(135 * kMm);  // the box's vertical middle
  const fs::path screen = render("issue.pdf");
  EXPECT_EQ(pixel(screen, 3, middle), kArt);
  EXPECT_EQ(pixel(screen, static_cast<int>(103 * kMm), middle), kArt);
  EXPECT_EQ(pixel(screen, static_cast<int>(107 * kMm), middle), kWhite);  // right of the box
  EXPECT_EQ(pixel(screen, 3, static_cast<int>(95 * kMm)), kWhite);        // above it
  // Print: the trim starts 12 mm into the media box; the art covers the 3 mm of bleed left of it.
  const fs::path print = render("issue.print.pdf");
  const int trim = static_cast<int>(12 * kMm);
  EXPECT_EQ(pixel(print, trim + 3, trim + middle), kArt);
  EXPECT_EQ(pixel(print, trim - static_cast<int>(1.5 * kMm), trim + middle), kArt);  // in the bleed
  EXPECT_EQ(pixel(print, trim - static_cast<int>(4.5 * kMm), trim + middle), kWhite);  // past it
  EXPECT_EQ(pixel(print, trim + static_cast<int>(103 * kMm), trim + middle), kArt);
  EXPECT_EQ(pixel(print, trim + static_cast<int>(107 * kMm), trim + middle), kWhite);
}

// 420 x 280 pixels over 105 x 70 mm: 102 dpi; 300 dpi needs 1241 x 827.
TEST_F(CoverArt, UnderThreeHundredDpiWarnsOnScreenAndFailsInPrint) {
  write_art(folder_ / "art.png", 420, 280);
  const std::string report = read_text(folder_ / "issue.xml");
  const std::size_t at = report.find("<cover-art src=\"") + 16;
  const std::size_t line = static_cast<std::size_t>(std::count(report.begin(), report.begin() + at, '\n')) + 1;
  const std::size_t column = at - report.rfind('\n', at);
  const std::string where = "issue.xml:" + std::to_string(line) + ":" + std::to_string(column) + ": ";
  const std::string text = "cover art 'art.png' is 102 dpi at its printed size (420x280 pixels), under 300 dpi";
  for (const std::string& command : {std::string("check"), "build -o '" + folder_.string() + "/screen'"}) {
    const Command screen = nashr(command);
    EXPECT_EQ(screen.status, 0) << command << screen.out;
    EXPECT_NE(screen.out.find(where + "warning: " + text), std::string::npos) << command << screen.out;
  }
  for (const std::string& command : {std::string("check --edition print"),
                                    "build --edition screen,print -o '" + folder_.string() + "/print'"}) {
    const Command print = nashr(command);
    EXPECT_EQ(print.status, 1) << command << print.out;
    EXPECT_NE(print.out.find(where + "error: " + text + " for the print edition"), std::string::npos)
        << command << print.out;
    EXPECT_NE(print.out.find("use an image of at least 1241x827 pixels"), std::string::npos) << print.out;
  }
  EXPECT_FALSE(fs::exists(folder_ / "print/issue.pdf")) << "a failed build left a file";
  EXPECT_FALSE(fs::exists(folder_ / "print/issue.print.pdf")) << "a failed build left a file";
}

}  // namespace
