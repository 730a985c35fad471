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
    Result<void, FontProblem> checked = check_font_file(shipped(name));
    EXPECT_TRUE(checked.ok()) << name << ": " << (checked ? "" : checked.error().reason);
  }
}

// Issue 12: a broken or truncated font passed `check`; `build` then failed in embedding with exit 3
// and no location, or (cut before its cmap) silently fell back to another font.
TEST(FontCheck, TruncatedAndForeignFilesFailWithAReason) {
  const fs::path font = shipped("noto-sans/NotoSans-Regular.ttf");
  for (std::size_t size : {0, 11, 100, 2000, 16384, 300000, 512000}) {
    Result<void, FontProblem> checked = check_font_file(truncated(font, size));
    ASSERT_FALSE(checked.ok()) << size;
    EXPECT_FALSE(checked.error().reason.empty());
    if (size >= 2000) {
      EXPECT_NE(checked.error().reason.find("is cut short"), std::string::npos) << checked.error().reason;
    }
  }
  const fs::path text = fs::temp_directory_path() / "nashr-font-check-text.ttf";
  std::ofstream(text) << "this is not a font at all, though it is named like one\n";
  EXPECT_FALSE(check_font_file(text).ok());
  EXPECT_FALSE(check_font_file(shipped("missing.ttf")).ok());
}

// A CFF-flavoured OpenType font (most families' .otf) cannot be embedded by the PDF writer
// (TrueType outlines only): refused from its table directory, with what to use instead.
TEST(FontCheck, CffFlavouredOpenTypeIsRefusedWithWhatToUseInstead) {
  const fs::path otf =
      fs::path(NASHR_SOURCE_DIR) / "tests" / "bad-input" / "cff-font" / "fonts" / "Minimal-CFF.otf";
  Result<void, FontProblem> checked = check_font_file(otf);
  ASSERT_FALSE(checked.ok());
  EXPECT_EQ(
      checked.error().reason,
      "has PostScript (CFF) outlines, which nashr cannot embed (it embeds TrueType 'glyf' outlines only)");
  EXPECT_NE(checked.error().hint.find("TrueType-flavoured"), std::string::npos) << checked.error().hint;
  EXPECT_NE(checked.error().hint.find(".ttf"), std::string::npos) << checked.error().hint;
  // A damaged font's hint is another: a whole copy.
  Result<void, FontProblem> cut = check_font_file(truncated(shipped("noto-sans/NotoSans-Regular.ttf"), 2000));
  ASSERT_FALSE(cut.ok());
  EXPECT_NE(cut.error().hint.find("whole copy"), std::string::npos) << cut.error().hint;
}

}  // namespace
}  // namespace nashr
