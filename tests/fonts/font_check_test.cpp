#include "fonts/font_check.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

namespace nashr {
namespace {

namespace fs = std::filesystem;

fs::path shipped(const std::string& name) {
  return fs::path(NASHR_SOURCE_DIR) / "fonts" / name;
}

// A copy of the first `size` bytes of `font`.
fs::path truncated(const fs::path& font, std::size_t size) {
  std::ifstream in(font, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  bytes.resize(std::min(bytes.size(), size));
  const fs::path copy = fs::temp_directory_path() / ("nashr-font-check-" + std::to_string(size) + ".ttf");
  std::ofstream(copy, std::ios::binary) << bytes;
  return copy;
}

TEST(FontCheck, TheShippedFontsPass) {
  for (const char* name : {"noto-sans/NotoSans-Regular.ttf", "noto-serif/NotoSerif-BoldItalic.ttf",
                           "noto-naskh-arabic/NotoNaskhArabic-Regular.ttf", "vazirmatn/Vazirmatn-Bold.ttf"}) {
    Result<void, std::string> checked = check_font_file(shipped(name));
    EXPECT_TRUE(checked.ok()) << name << ": " << (checked ? "" : checked.error());
  }
}

// Issue 12: a broken or truncated font passed `check`; `build` then failed in embedding with exit 3
// and no location, or (cut before its cmap) silently fell back to another font.
TEST(FontCheck, TruncatedAndForeignFilesFailWithAReason) {
  const fs::path font = shipped("noto-sans/NotoSans-Regular.ttf");
  for (std::size_t size : {0, 11, 100, 2000, 16384, 300000, 512000}) {
    Result<void, std::string> checked = check_font_file(truncated(font, size));
    ASSERT_FALSE(checked.ok()) << size;
    EXPECT_FALSE(checked.error().empty());
    if (size >= 2000) {
      EXPECT_NE(checked.error().find("is cut short"), std::string::npos) << checked.error();
    }
  }
  const fs::path text = fs::temp_directory_path() / "nashr-font-check-text.ttf";
  std::ofstream(text) << "this is not a font at all, though it is named like one\n";
  EXPECT_FALSE(check_font_file(text).ok());
  EXPECT_FALSE(check_font_file(shipped("missing.ttf")).ok());
}

}  // namespace
}  // namespace nashr
