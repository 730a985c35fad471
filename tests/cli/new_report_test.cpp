// Issue 19, item 4: `nashr new NAME [--lang fa|en]` writes a skeleton that builds as it is.
// g++ 12 warns falsely on `"literal" + std::string` under -O3 (GCC bug 105329).
#pragma GCC diagnostic ignored "-Wrestrict"
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>

#include "cli/cli.h"
#include "support/cli_run.h"
#include "support/process.h"

namespace nashr {
namespace {

namespace fs = std::filesystem;
using nashr::testing::CliRun;
using nashr::testing::run_nashr;
using nashr::testing::read_text;

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

// In a folder of its own, far from the repository's styles/: the style comes from nashr's data.
TEST(NewReport, BothLanguagesBuildAsTheyAreWithEveryPartCommented) {
  const fs::path dir = fs::path(NASHR_BINARY_DIR) / "new-report";
  fs::remove_all(dir);
  fs::create_directories(dir);
  for (const std::string lang : {"en", "fa"}) {
    const fs::path file = dir / ("annual-review-" + lang);
    CliRun made = run_nashr({"new", file.string(), "--lang", lang});
    ASSERT_EQ(made.code, 0) << made.err;
    const fs::path xml = dir / ("annual-review-" + lang + ".xml");
    ASSERT_TRUE(fs::exists(xml));
    const std::string text = read_text(xml);
    for (const char* part : {"<meta", "<series-title>", "<issn", "<volume>", "<issue>", "<date>", "<publisher>",
                             "<title>", "<subtitle>", "<author>", "<keyword>", "<contact>", "<copyright", "<summary>",
                             "<body>", "<section", "<heading>", "<p>", "<em>", "<strong>", "<link href", "<link to",
                             "<span", "<isolate", "<ul>", "<ol>", "<li>", "<quote>", "<attribution>", "<figure",
                             "<caption>", "<table", "<columns>", "<head>", "<row>", "<cell>", "<page-break/>"}) {
      EXPECT_NE(text.find(part), std::string::npos) << lang << " lacks " << part;
    }
    EXPECT_GE(count(text, "<!--"), 12u) << "the parts are not commented";
    EXPECT_NE(text.find("annual review " + lang), std::string::npos) << "the title comes from the name";
    CliRun check = run_nashr({"check", "--strict", xml.string()});
    EXPECT_EQ(check.code, 0) << lang << ": " << check.err;
    EXPECT_EQ(check.err, "");
    CliRun built = run_nashr({"build", "-o", (dir / "out").string(), xml.string()});
    EXPECT_EQ(built.code, 0) << lang << ": " << built.err;
    EXPECT_GT(fs::file_size(dir / "out" / ("annual-review-" + lang + ".pdf")), 10000u);
  }
}

TEST(NewReport, RefusesToOverwriteAndToBadArguments) {
  const fs::path dir = fs::path(NASHR_BINARY_DIR) / "new-report-refuses";
  fs::remove_all(dir);
  fs::create_directories(dir);
  const fs::path existing = dir / "mine.xml";
  std::ofstream(existing) << "my work\n";
  CliRun r = run_nashr({"new", existing.string()});
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find(existing.string() + ": error: already exists"), std::string::npos) << r.err;
  EXPECT_EQ(read_text(existing), "my work\n");
  fs::create_symlink(dir / "elsewhere.xml", dir / "link.xml");
  EXPECT_EQ(run_nashr({"new", (dir / "link.xml").string()}).code, 1);
  EXPECT_FALSE(fs::exists(dir / "elsewhere.xml")) << "followed a planted link";
  EXPECT_EQ(run_nashr({"new"}).code, 2);
  EXPECT_EQ(run_nashr({"new", (dir / "x").string(), "--lang", "de"}).code, 2);
  EXPECT_EQ(run_nashr({"new", "a", "b"}).code, 2);
  EXPECT_EQ(run_nashr({"new", (dir / "nofolder" / "x").string()}).code, 3);
}

}  // namespace
}  // namespace nashr
