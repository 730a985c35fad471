// Golden dumps of whole small documents through every stage: the lines (`--dump=lines`) and the
// pages (`--dump=pages`) of an RTL report with nested Persian lists, quotes and two ISSNs, and of the
// English sample. Re-record after an intended change with
//   NASHR_UPDATE_GOLDENS=1 ctest --preset release -R 'e2e\.LayoutGolden'
// and review `git diff tests/e2e/golden/`.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "../linebreak/golden.h"
#include "base/diagnostics.h"
#include "fonts/font_db.h"
#include "support/diagnostics_text.h"
#include "typeset/typeset.h"

namespace nashr {
namespace {

namespace fs = std::filesystem;

std::string dump(const fs::path& report, Dump stage) {
  FontDb fonts(FontDb::default_fonts_dir());
  DiagnosticSink sink;
  TypesetOptions options;
  options.dump = stage;
  Result<TypesetReport> result = typeset(report.string(), fonts, options, sink);
  const std::string diagnostics = testing::describe(sink);
  EXPECT_TRUE(result.ok()) << diagnostics;
  EXPECT_EQ(sink.warning_count(), 0u) << diagnostics;
  // Source locations name the report by its path: keep the golden independent of the checkout.
  std::string text = result ? result->dump : std::string();
  const std::string root = std::string(NASHR_SOURCE_DIR) + "/";
  for (std::size_t at = text.find(root); at != std::string::npos; at = text.find(root, at))
    text.erase(at, root.size());
  return text;
}

const fs::path kGoldens = fs::path(NASHR_TEST_DIR) / "golden";
const fs::path kRtlLists = fs::path(NASHR_SOURCE_DIR) / "tests/resolve/data/persian-lists.xml";
const fs::path kSample = fs::path(NASHR_SOURCE_DIR) / "reports/persian-files-29-2.xml";

TEST(LayoutGolden, RtlListsLines) {
  testing::expect_matches_golden(kGoldens, "rtl-lists-lines", dump(kRtlLists, Dump::lines));
}
TEST(LayoutGolden, RtlListsPages) {
  testing::expect_matches_golden(kGoldens, "rtl-lists-pages", dump(kRtlLists, Dump::pages));
}
TEST(LayoutGolden, SamplePages) {
  testing::expect_matches_golden(kGoldens, "sample-pages", dump(kSample, Dump::pages));
}

}  // namespace
}  // namespace nashr
