// Golden tests of `nashr build --dump=model` on the shipped reports. Re-record after an intended
// change with:  NASHR_UPDATE_GOLDENS=1 ctest --preset release -R 'model\.Golden'
// (then review the diff of tests/model/golden/ before committing).
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <sstream>

#include "base/file_io.h"
#include "cli/cli.h"

namespace nashr {
namespace {

namespace fs = std::filesystem;

void compare_with_golden(const std::string& report_name) {
  const fs::path report = fs::path(NASHR_SOURCE_DIR) / "reports" / (report_name + ".xml");
  const fs::path golden = fs::path(NASHR_TEST_DIR) / "golden" / (report_name + ".model.txt");
  std::ostringstream out, err;
  // Through the command line, exactly as `nashr build --dump=model` prints it.
  ASSERT_EQ(run_cli({"build", "--dump=model", report.string()}, out, err), 0) << err.str();
  const char* update = std::getenv("NASHR_UPDATE_GOLDENS");
  if (update != nullptr && std::string(update) == "1") {
    ASSERT_TRUE(write_file_atomically(golden, out.str()).ok());
    GTEST_SKIP() << "re-recorded " << golden;
  }
  Result<std::string> expected = read_file(golden);
  ASSERT_TRUE(expected.ok()) << "no golden file " << golden << "; record it with NASHR_UPDATE_GOLDENS=1";
  EXPECT_EQ(out.str(), *expected)
      << "the model dump changed; if intended, re-record with NASHR_UPDATE_GOLDENS=1";
}

TEST(Golden, EnglishSampleModel) {
  compare_with_golden("persian-files-29-2");
}

TEST(Golden, PersianSampleModel) {
  compare_with_golden("persian-files-29-2-fa");
}

}  // namespace
}  // namespace nashr
