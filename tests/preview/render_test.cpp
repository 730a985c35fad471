// Issue 19, item 5: `nashr render` writes PNG pages through poppler; not-a-PDF is a clear error.
// g++ 12 warns falsely on `"literal" + std::string` under -O3 (GCC bug 105329).
#pragma GCC diagnostic ignored "-Wrestrict"
#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>

#include "cli/cli.h"
#include "preview/pdf_pages.h"
#include "preview/render.h"

namespace nashr {
namespace {

namespace fs = std::filesystem;

std::string file_text(const fs::path& path) {
  std::ifstream file(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
}

// The sample report, built once into DIR.
fs::path sample_pdf(const fs::path& dir) {
  std::ostringstream out, err;
  const std::string report = (fs::path(NASHR_SOURCE_DIR) / "reports" / "persian-files-29-2-fa.xml").string();
  EXPECT_EQ(run_cli({"build", "-o", dir.string(), report}, out, err), 0) << err.str();
  return dir / "persian-files-29-2-fa.pdf";
}

// Width and height from a PNG's IHDR.
std::pair<std::uint32_t, std::uint32_t> png_size(const fs::path& path) {
  const std::string bytes = file_text(path);
  EXPECT_EQ(bytes.substr(1, 3), "PNG") << path;
  auto be32 = [&](std::size_t at) {
    return (std::uint32_t(std::uint8_t(bytes[at])) << 24) | (std::uint32_t(std::uint8_t(bytes[at + 1])) << 16) |
           (std::uint32_t(std::uint8_t(bytes[at + 2])) << 8) | std::uint32_t(std::uint8_t(bytes[at + 3]));
  };
  return {be32(16), be32(20)};
}

TEST(Render, WritesTheChosenPagesAsPngAtTheDpi) {
  const fs::path dir = fs::path(NASHR_BINARY_DIR) / "preview-render";
  fs::remove_all(dir);
  const fs::path pdf = sample_pdf(dir);
  std::ostringstream out, err;
  ASSERT_EQ(run_cli({"render", pdf.string(), "--pages", "1-2", "--dpi", "50", "-o", (dir / "png").string()}, out, err),
            0)
      << err.str();
  EXPECT_EQ(out.str(), (dir / "png" / "persian-files-29-2-fa-1.png").string() + "\n" +
                           (dir / "png" / "persian-files-29-2-fa-2.png").string() + "\n");
  // A4 (595 x 842 pt) at 50 dpi.
  const auto [width, height] = png_size(dir / "png" / "persian-files-29-2-fa-1.png");
  EXPECT_EQ(width, 413u);
  EXPECT_EQ(height, 585u);
  EXPECT_FALSE(fs::exists(dir / "png" / "persian-files-29-2-fa-3.png"));
  // The page is not blank: some pixels are dark (text).
  Result<PdfPages> pages = PdfPages::open(pdf.string());
  ASSERT_TRUE(pages.ok());
  const PagePixels pixels = pages->render(1, 30);
  std::size_t dark = 0;
  for (std::size_t i = 0; i < pixels.rgb.size(); i += 3) dark += pixels.rgb[i] < 100;
  EXPECT_GT(dark, 500u);
  EXPECT_NE(pages->text(1).find("بلاروس"), std::string::npos);
}

TEST(Render, NotAPdfIsAClearErrorAndExitOne) {
  const fs::path dir = fs::path(NASHR_BINARY_DIR) / "preview-not-pdf";
  fs::remove_all(dir);
  fs::create_directories(dir);
  const fs::path fake = dir / "fake.pdf";
  std::ofstream(fake) << "<report>not a pdf</report>\n";
  std::ostringstream out, err;
  EXPECT_EQ(run_cli({"render", fake.string(), "-o", (dir / "png").string()}, out, err), 1);
  EXPECT_NE(err.str().find(fake.string() + ":1:1: error: not a PDF"), std::string::npos) << err.str();
  EXPECT_NE(err.str().find("hint: "), std::string::npos);
  EXPECT_FALSE(fs::exists(dir / "png" / "fake-1.png"));
  // Cut short after its header: damaged.
  const std::string whole = file_text(sample_pdf(dir));
  std::ofstream(dir / "cut.pdf", std::ios::binary) << whole.substr(0, 2000);
  std::ostringstream out2, err2;
  EXPECT_EQ(run_cli({"render", (dir / "cut.pdf").string(), "-o", (dir / "png").string()}, out2, err2), 1) << err2.str();
  std::ostringstream out3, err3;
  EXPECT_EQ(run_cli({"render", (dir / "missing.pdf").string()}, out3, err3), 3);
  std::ostringstream out4, err4;
  EXPECT_EQ(run_cli({"render", (dir / "persian-files-29-2-fa.pdf").string(), "--pages", "9", "-o",
                     (dir / "png").string()},
                    out4, err4),
            1);
  EXPECT_NE(err4.str().find("page 9 is past the last page"), std::string::npos) << err4.str();
  for (const std::vector<std::string>& bad : std::vector<std::vector<std::string>>{
           {"render"}, {"render", "a.pdf", "--pages", "3-1"}, {"render", "a.pdf", "--dpi", "0"}, {"render", "a.pdf", "--bogus"}}) {
    std::ostringstream o, e;
    EXPECT_EQ(run_cli(bad, o, e), 2) << bad.size();
  }
}

TEST(Render, PageFileNamesArePaddedToThePageCount) {
  EXPECT_EQ(page_file_name("a", 3, 9), "a-3.png");
  EXPECT_EQ(page_file_name("a", 3, 12), "a-03.png");
  EXPECT_EQ(page_file_name("a", 12, 120), "a-012.png");
}

}  // namespace
}  // namespace nashr
