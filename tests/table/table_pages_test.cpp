// Tables on pages, read back from the PDFs nashr builds: the three-page test tables in both
// directions break between rows with the head repeated at the top of every page they continue on,
// and the samples' tables carry their numbered captions («جدول ۱», "Table 1"). Needs pdftotext and
// pdfinfo (poppler-utils): a missing tool fails the test with what to install.
// g++ 12 warns falsely on `"literal" + std::string` under -O3 (GCC bug 105329).
#pragma GCC diagnostic ignored "-Wrestrict"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "support/process.h"

namespace nashr {
namespace {

namespace fs = std::filesystem;
using nashr::testing::Command;
using nashr::testing::run;

const fs::path kSource = fs::path(NASHR_TEST_DIR) / ".." / "..";
const fs::path kScratch = fs::path(NASHR_BINARY_DIR) / "test-scratch" / "table-pages";

std::string quoted(const fs::path& path) { return "'" + path.string() + "'"; }

// Builds the four reports once for the whole test binary.
class TablePages : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    for (const char* tool : {"pdftotext", "pdfinfo"}) {
      if (run(std::string("command -v ") + tool).status != 0) {
        missing_ = std::string(tool) + " is missing: apt-get install poppler-utils";
        return;
      }
    }
    fs::create_directories(kScratch);
    const Command built = run(std::string(NASHR_EXECUTABLE) + " build -o " + quoted(kScratch) + " " +
                              quoted(kSource / "tests/table/data/long-table-ltr.xml") + " " +
                              quoted(kSource / "tests/table/data/long-table-rtl.xml") + " " +
                              quoted(kSource / "reports/persian-files-29-2.xml") + " " +
                              quoted(kSource / "reports/persian-files-29-2-fa.xml"));
    if (built.status != 0) missing_ = "nashr build failed: " + built.out;
  }

  void SetUp() override { ASSERT_TRUE(missing_.empty()) << missing_; }

  static int pages(const std::string& name) {
    const Command info = run("pdfinfo " + quoted(kScratch / (name + ".pdf")));
    const std::size_t at = info.out.find("Pages:");
    return at == std::string::npos ? 0 : std::stoi(info.out.substr(at + 6));
  }

  static std::string page_text(const std::string& name, int page) {
    const std::string number = std::to_string(page);
    return run("pdftotext -f " + number + " -l " + number + " " + quoted(kScratch / (name + ".pdf")) + " -").out;
  }

  static std::string missing_;
};
std::string TablePages::missing_;

std::size_t count(const std::string& text, const std::string& word) {
  std::size_t found = 0;
  for (std::size_t at = text.find(word); at != std::string::npos; at = text.find(word, at + word.size())) ++found;
  return found;
}

TEST_F(TablePages, TheHeadIsRepeatedOnEveryPageALongTableContinuesOn) {
  for (const auto& [name, head, first, last] :
       {std::tuple{std::string("long-table-ltr"), std::string("Value (USD million)"), std::string("Pharmaceuticals"),
                   std::string("96")},
        std::tuple{std::string("long-table-rtl"), std::string("ارزش"), std::string("داروسازی"), std::string("۹۶")}}) {
    const int count_pages = pages(name);
    ASSERT_GE(count_pages, 4) << name;  // the masthead's page and three more of the table
    for (int page = 1; page <= count_pages; ++page) {
      const std::string text = page_text(name, page);
      EXPECT_EQ(count(text, head), 1u) << name << " page " << page << ":\n" << text;
      EXPECT_NE(text.find(first), std::string::npos) << name << " page " << page;
    }
    EXPECT_NE(page_text(name, count_pages).find(last), std::string::npos) << name;
  }
}

TEST_F(TablePages, EveryRowIsOnExactlyOnePage) {
  // The row numbers of the first column, each once in the whole document (pdftotext reads the
  // left-to-right issue's cells in order; a row cut in two or repeated would show twice).
  std::string all;
  for (int page = 1; page <= pages("long-table-ltr"); ++page) all += page_text("long-table-ltr", page);
  for (const char* value : {"7922.37", "6221.14", "3112.07", "10302.3"})
    EXPECT_EQ(count(all, value), 1u) << value;
}

TEST_F(TablePages, TheSamplesCarryTheirNumberedTables) {
  std::string english;
  for (int page = 1; page <= pages("persian-files-29-2"); ++page) english += page_text("persian-files-29-2", page);
  EXPECT_NE(english.find("Table 1: Milestones"), std::string::npos);
  EXPECT_NE(english.find("Intergovernmental agreements ratified"), std::string::npos);
  std::string persian;
  for (int page = 1; page <= pages("persian-files-29-2-fa"); ++page) persian += page_text("persian-files-29-2-fa", page);
  EXPECT_NE(persian.find("جدول"), std::string::npos);
  EXPECT_NE(persian.find("۱۶"), std::string::npos);
}

}  // namespace
}  // namespace nashr
