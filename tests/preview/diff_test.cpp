// Issue 19, item 6: `nashr diff OLD.pdf NEW.pdf -o DIR`.
// g++ 12 warns falsely on `"literal" + std::string` under -O3 (GCC bug 105329).
#pragma GCC diagnostic ignored "-Wrestrict"
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>

#include "cli/cli.h"
#include "preview/diff.h"
#include "support/cli_run.h"
#include "support/process.h"

namespace nashr {
namespace {

namespace fs = std::filesystem;
using nashr::testing::CliRun;
using nashr::testing::run_nashr;
using nashr::testing::read_text;

// The sample report as `name`.pdf after `edit` of its text, in DIR/reports (styles and fonts beside).
fs::path build_variant(const fs::path& dir, const std::string& name, const std::string& from, const std::string& to) {
  fs::create_directories(dir / "reports");
  std::string text = read_text(fs::path(NASHR_SOURCE_DIR) / "reports" / "persian-files-29-2.xml");
  if (!from.empty()) {
    const std::size_t at = text.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    text.replace(at, from.size(), to);
  }
  std::ofstream(dir / "reports" / (name + ".xml")) << text;
  if (!fs::exists(dir / "reports" / "charts")) fs::copy(fs::path(NASHR_SOURCE_DIR) / "reports" / "charts", dir / "reports" / "charts");
  CliRun built = run_nashr({"build", "-o", (dir / "pdf").string(), (dir / "reports" / (name + ".xml")).string()});
  EXPECT_EQ(built.code, 0) << built.err;
  return dir / "pdf" / (name + ".pdf");
}

TEST(Diff, IdenticalPdfsExitZero) {
  const fs::path dir = fs::path(NASHR_BINARY_DIR) / "preview-diff-same";
  fs::remove_all(dir);
  const fs::path a = build_variant(dir, "a", "", ""), b = build_variant(dir, "b", "", "");
  CliRun r = run_nashr({"diff", a.string(), b.string(), "-o", (dir / "diff").string()});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("pages are identical"), std::string::npos) << r.out;
  EXPECT_FALSE(fs::exists(dir / "diff" / "page-1.png"));
}

TEST(Diff, AChangedWordNamesItsPageWithAPngAndTheChangedText) {
  const fs::path dir = fs::path(NASHR_BINARY_DIR) / "preview-diff-word";
  fs::remove_all(dir);
  const fs::path a = build_variant(dir, "a", "", "");
  const fs::path b = build_variant(dir, "b", "<title>", "<title>Revised: ");
  CliRun r = run_nashr({"diff", a.string(), b.string(), "-o", (dir / "diff").string()});
  EXPECT_EQ(r.code, 1) << r.err;
  EXPECT_NE(r.out.find("page 1: changed"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("+ Revised: "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\n  - "), std::string::npos) << r.out;
  EXPECT_TRUE(fs::exists(dir / "diff" / "page-1.png"));
  EXPECT_EQ(read_text(dir / "diff" / "changes.txt"), r.out);
}

TEST(Diff, DifferentPageCountsListAddedAndRemovedPages) {
  const fs::path dir = fs::path(NASHR_BINARY_DIR) / "preview-diff-pages";
  fs::remove_all(dir);
  const fs::path shorter = build_variant(dir, "short", "", "");
  const fs::path longer = build_variant(
      dir, "long", "</body>",
      "<page-break/><section id=\"extra\"><heading>An Extra Page</heading><p>More text.</p></section></body>");
  CliRun grown = run_nashr({"diff", shorter.string(), longer.string(), "-o", (dir / "grown").string()});
  EXPECT_EQ(grown.code, 1) << grown.err;
  EXPECT_NE(grown.out.find(": added, "), std::string::npos) << grown.out;
  EXPECT_NE(grown.out.find("+ An Extra Page"), std::string::npos) << grown.out;
  CliRun shrunk = run_nashr({"diff", longer.string(), shorter.string(), "-o", (dir / "shrunk").string()});
  EXPECT_EQ(shrunk.code, 1);
  EXPECT_NE(shrunk.out.find(": removed, "), std::string::npos) << shrunk.out;
  EXPECT_NE(shrunk.out.find("- An Extra Page"), std::string::npos) << shrunk.out;
}

TEST(Diff, NotAPdfAndUsage) {
  const fs::path dir = fs::path(NASHR_BINARY_DIR) / "preview-diff-bad";
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::ofstream(dir / "x.pdf") << "hello\n";
  CliRun r = run_nashr({"diff", (dir / "x.pdf").string(), (dir / "x.pdf").string(), "-o", (dir / "d").string()});
  EXPECT_EQ(r.code, 3);
  EXPECT_NE(r.err.find("error: not a PDF"), std::string::npos) << r.err;
  EXPECT_EQ(run_nashr({"diff", "a.pdf"}).code, 2);
}

TEST(Diff, LinesShowTheOldAndNewFormsOfAChangedLine) {
  EXPECT_EQ(diff_lines("a\nb\nc\n", "a\nB\nc\nd\n"), (std::vector<std::string>{"- b", "+ B", "+ d"}));
  EXPECT_TRUE(diff_lines("same\n", "same\n").empty());
}

}  // namespace
}  // namespace nashr
