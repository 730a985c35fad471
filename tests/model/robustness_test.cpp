// Damaged input must give diagnostics, never a crash, a hang or an exception: the sample report
// with deterministic byte mutations (a poor man's fuzzer that runs in every test run, also
// under AddressSanitizer).
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <random>

#include "base/file_io.h"
#include "model/report.h"

namespace nashr {
namespace {

namespace fs = std::filesystem;

TEST(Robustness, MutatedReportsNeverCrash) {
  Result<std::string> original =
      read_file(fs::path(NASHR_SOURCE_DIR) / "reports" / "persian-files-29-2-fa.xml");
  ASSERT_TRUE(original.ok());
  const fs::path path = fs::temp_directory_path() / ("nashr-mutated-" + std::to_string(::getpid()) + ".xml");
  std::mt19937 random(20250120);
  const std::string bytes_to_insert = "<>&;/\"'=\n \xC3\xD8\x80\xE2\x80\x8C!?[]-";
  int failures = 0;
  for (int round = 0; round < 300; ++round) {
    std::string text = *original;
    const int edits = 1 + static_cast<int>(random() % 4);
    for (int e = 0; e < edits && !text.empty(); ++e) {
      const std::size_t at = random() % text.size();
      switch (random() % 4) {
        case 0: text.erase(at, 1 + random() % 12); break;
        case 1: text.insert(at, 1, bytes_to_insert[random() % bytes_to_insert.size()]); break;
        case 2: text[at] = bytes_to_insert[random() % bytes_to_insert.size()]; break;
        case 3: text.insert(at, text.substr(random() % text.size(), random() % 40)); break;
      }
    }
    std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
    DiagnosticSink sink;
    Result<Report> report = read_report(path.string(), sink);
    if (!report.ok()) {
      ++failures;
      EXPECT_GT(report.error().location.line, 0);  // damaged content is never an "I/O error"
      EXPECT_TRUE(sink.has_errors());
    } else {
      (void)dump_report(*report);
    }
  }
  fs::remove(path);
  EXPECT_GT(failures, 100);  // most mutations must be caught
}

}  // namespace
}  // namespace nashr
