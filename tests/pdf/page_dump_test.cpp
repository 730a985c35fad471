// The `--dump=pages` backend against a golden file. Re-record after an intended change with
//   NASHR_UPDATE_GOLDENS=1 ctest --preset release -R 'pdf\.PageDump'
#include <gtest/gtest.h>

#include <cstdlib>

#include "base/file_io.h"
#include "pdf/pdf_writer.h"
#include "test_support.h"

namespace nashr {
namespace {

namespace fs = std::filesystem;

// A small page with every kind of item: a mixed Persian/Latin line, a rule, boxes, an image, links
// and an anchor, plus the outline and page labels.
PagedDocument golden_document(const testing::Fonts& fonts) {
  PagedDocument document;
  document.info.title = "نشر — dump";
  Page page;
  page.width = 420;
  page.height = 595;
  page.items.push_back(Anchor{"summary", {36, 40}});
  for (GlyphRun& run :
       testing::place_line(testing::sample_lines(fonts)[2].visual_segments, 11, 36, 384, 60, true)) {
    page.items.push_back(std::move(run));
  }
  for (GlyphRun& run : testing::place_line({{fonts.serif, "Office (SCO)", false}}, 10, 36, 384, 80, false)) {
    run.color = {0.1, 0.2, 0.45};
    page.items.push_back(std::move(run));
  }
  page.items.push_back(Rule{{36, 90}, {384, 90}, 0.5, {0, 0, 0}});
  page.items.push_back(Box{{36, 100, 100, 20}, true, {0.9, 0.9, 0.9}, 0, {}});
  page.items.push_back(Box{{140, 100, 100, 20}, false, {}, 0.75, {1, 0, 0}});
  page.items.push_back(Image{{250, 100, 20, 20}, "data/logo.png", {}});
  page.items.push_back(Link{{36, 50, 100, 14}, "https://specialeurasia.com", ""});
  page.items.push_back(Link{{36, 70, 100, 14}, "", "summary"});
  document.pages.push_back(std::move(page));
  document.outline.push_back({"خلاصه", 1, "summary"});
  document.outline.push_back({"Executive Summary", 2, "summary"});
  document.page_labels.push_back({0, PageLabelRange::Style::roman_lower, "", 1});
  return document;
}

TEST(PageDump, MatchesTheGoldenFile) {
  testing::Fonts fonts;
  const std::string dump = dump_pages(golden_document(fonts));
  const fs::path golden = fs::path(NASHR_TEST_DIR) / "golden" / "pages.txt";
  if (const char* update = std::getenv("NASHR_UPDATE_GOLDENS");
      update != nullptr && std::string(update) == "1") {
    ASSERT_TRUE(write_file_atomically(golden, dump).ok());
  }
  Result<std::string> expected = read_file(golden);
  ASSERT_TRUE(expected.ok()) << "no golden file: record it with NASHR_UPDATE_GOLDENS=1";
  EXPECT_EQ(dump, *expected);
}

TEST(PageDump, IsTheSecondBackend) {
  testing::Fonts fonts;
  const PagedDocument document = golden_document(fonts);
  Result<std::string> through_interface = write_document(document, OutputBackend::pages);
  ASSERT_TRUE(through_interface.ok());
  EXPECT_EQ(*through_interface, dump_pages(document));
  const fs::path file = testing::scratch_folder("dump") / "pages.txt";
  ASSERT_TRUE(write_document_file(document, file, OutputBackend::pages).ok());
  EXPECT_EQ(read_file(file).value(), dump_pages(document));
}

TEST(PageDump, ShowsGlyphsWithTheirTextAndPositions) {
  testing::Fonts fonts;
  const std::string dump = dump_pages(golden_document(fonts));
  EXPECT_NE(dump.find("page 1 420x595\n"), std::string::npos);
  EXPECT_NE(dump.find("  run Vazirmatn-Regular 11pt at ("), std::string::npos);
  EXPECT_NE(dump.find(" rtl #000000, "), std::string::npos);
  // RTL mirroring: the glyph drawn is ")", the text it stands for "(".
  EXPECT_NE(dump.find(" parenright \"(\"\n"), std::string::npos);
  EXPECT_NE(dump.find("  run NotoSerif-Regular 10pt at (36, 80) ltr #1a3373, "), std::string::npos);
  EXPECT_NE(dump.find("  rule (36, 90) to (384, 90) 0.5pt #000000\n"), std::string::npos);
  EXPECT_NE(dump.find("  link (36, 70) 100x14 #\"summary\"\n"), std::string::npos);
  EXPECT_NE(dump.find("  anchor \"summary\" at (36, 40)\n"), std::string::npos);
  EXPECT_NE(dump.find("outline\n  \"خلاصه\" -> #\"summary\"\n    \"Executive Summary\" -> #\"summary\"\n"),
            std::string::npos);
  EXPECT_NE(dump.find("page labels\n  from page 1 roman-lower start 1\n"), std::string::npos);
}

}  // namespace
}  // namespace nashr
