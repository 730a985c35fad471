#include "support.h"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace nashr::testing {

Command run(const std::string& command) {
  Command result;
  std::FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
  if (pipe == nullptr) return result;
  char buffer[4096];
  std::size_t read = 0;
  while ((read = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) result.out.append(buffer, read);
  const int status = ::pclose(pipe);
  result.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

void require_tool(const char* tool) {
  ASSERT_EQ(run(std::string("command -v ") + tool).code, 0)
      << tool << " is missing: scripts/setup.sh installs it (qpdf, poppler-utils, mupdf-tools)";
}

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

fs::path scratch(const std::string& name) {
  const fs::path folder = fs::path(NASHR_BINARY_DIR) / "test-scratch" / "distribute" / name;
  fs::remove_all(folder);
  fs::create_directories(folder);
  return folder;
}

Fixture::Fixture() {
  ::setenv("SOURCE_DATE_EPOCH", "1736899200", 1);  // as ctest sets it: 2025-01-15, ۲۶ دی ۱۴۰۳
  folder = scratch("fixture-" + std::to_string(::getpid()));  // ctest may run tests side by side
  english = folder / "persian-files-29-2.pdf";
  persian = folder / "persian-files-29-2-fa.pdf";
  key = folder / "key";
  subscribers = folder / "subscribers.csv";
  const std::string reports = std::string(NASHR_SOURCE_DIR) + "/reports/";
  run(kNashr + " build -o " + folder.string() + " " + reports + "persian-files-29-2.xml " + reports +
      "persian-files-29-2-fa.xml");
  std::ofstream(key) << "test-publisher-key-0123456789\n";
  fs::permissions(key, fs::perms::owner_read | fs::perms::owner_write);
  std::ofstream(subscribers) << "id,name,email,lang,password\n"
                                "A-1042,Jane Doe,jane@example.org,,\n"
                                "B-7,مریم احمدی,,,secret7\n"
                                "C-3,Sara (سارا) Karimi,,fa,\n";
}

const Fixture& fixture() {
  static const Fixture built;
  return built;
}

Command distribute(const fs::path& issue, const fs::path& out, const std::string& extra) {
  return run(kNashr + " distribute " + issue.string() + fixture().common() + " -o " + out.string() + extra);
}

}  // namespace nashr::testing
