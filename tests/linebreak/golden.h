#pragma once
// Golden text dumps for the layout tests (tests/linebreak and tests/paginate).
// Re-record after an intended change with:
//   NASHR_UPDATE_GOLDENS=1 ctest --preset release -R '(linebreak|paginate)\.'
// then review the diff with `git diff tests/*/golden/`.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "base/file_io.h"

namespace nashr::testing {

inline void expect_matches_golden(const std::filesystem::path& golden_dir, const std::string& name,
                                  const std::string& actual) {
  const std::filesystem::path path = golden_dir / (name + ".txt");
  const char* update = std::getenv("NASHR_UPDATE_GOLDENS");
  if (update != nullptr && std::string(update) == "1") {
    std::filesystem::create_directories(golden_dir);
    const Result<void> written = write_file_atomically(path, actual);
    ASSERT_TRUE(written.ok()) << written.error().message;
    return;
  }
  const Result<std::string> expected = read_file(path);
  ASSERT_TRUE(expected.ok()) << "missing golden " << path << "; record it with NASHR_UPDATE_GOLDENS=1";
  EXPECT_EQ(actual, *expected)
      << "golden " << path << " differs; if the change is intended, re-record with NASHR_UPDATE_GOLDENS=1";
}

}  // namespace nashr::testing
