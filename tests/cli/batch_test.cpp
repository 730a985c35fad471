// Issue 19, item 1: batches of folders and patterns, built in parallel, reported in input order,
// with a progress line on terminals only.
// g++ 12 warns falsely on `"literal" + std::string` under -O3 (GCC bug 105329).
#pragma GCC diagnostic ignored "-Wrestrict"
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
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

std::string repository_file(const std::string& relative) {
  return (fs::path(NASHR_SOURCE_DIR) / relative).string();
}

// A folder `name` under the build tree with good reports r0..r{good-1} and broken ones b0..b{bad-1}
// in reports/, and the style sheets and fonts beside it as in a user's project.
fs::path make_project(const std::string& name, int good, int bad) {
  const fs::path dir = fs::path(NASHR_BINARY_DIR) / name;
  fs::remove_all(dir);
  fs::create_directories(dir / "reports");
  for (int i = 0; i < good; ++i) {
    fs::copy_file(repository_file(i % 2 ? "reports/persian-files-29-2-fa.xml" : "reports/persian-files-29-2.xml"),
                  dir / "reports" / ("r" + std::to_string(i) + ".xml"));
  }
  for (int i = 0; i < bad; ++i) {
    fs::copy_file(repository_file("tests/model/bad/ten-errors.xml"), dir / "reports" / ("b" + std::to_string(i) + ".xml"));
  }
  fs::copy(repository_file("reports/charts"), dir / "reports" / "charts");  // the samples' figures
  fs::create_directory_symlink(repository_file("styles"), dir / "styles");
  fs::create_directory_symlink(repository_file("fonts"), dir / "fonts");
  return dir;
}

TEST(Batch, AFolderBuildsEveryReportInItInNameOrder) {
  const fs::path dir = make_project("batch-folder", 3, 1);
  std::ofstream(dir / "reports" / "notes.txt") << "not a report\n";
  CliRun r = run_nashr({"build", "-o", (dir / "out").string(), (dir / "reports").string()});
  EXPECT_EQ(r.code, 1) << r.err;
  for (const char* pdf : {"r0.pdf", "r1.pdf", "r2.pdf"}) EXPECT_TRUE(fs::exists(dir / "out" / pdf)) << pdf;
  EXPECT_FALSE(fs::exists(dir / "out" / "b0.pdf"));
  EXPECT_FALSE(fs::exists(dir / "out" / "notes.pdf"));
  // The summary is the last line, after the diagnostics.
  const std::string summary = "nashr: 3 built, 1 failed: " + (dir / "reports" / "b0.xml").string() + "\n";
  ASSERT_GE(r.err.size(), summary.size());
  EXPECT_EQ(r.err.substr(r.err.size() - summary.size()), summary) << r.err;
}

TEST(Batch, APatternIsExpandedAndOneThatMatchesNothingIsAnError) {
  const fs::path dir = make_project("batch-pattern", 2, 1);
  CliRun r = run_nashr({"build", "-o", (dir / "out").string(), (dir / "reports" / "r*.xml").string()});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_TRUE(fs::exists(dir / "out" / "r0.pdf"));
  EXPECT_TRUE(fs::exists(dir / "out" / "r1.pdf"));
  EXPECT_FALSE(fs::exists(dir / "out" / "b0.pdf"));
  const std::string nothing = (dir / "reports" / "z*.xml").string();
  CliRun none = run_nashr({"build", "-o", (dir / "out").string(), nothing});
  EXPECT_EQ(none.code, 3);
  EXPECT_NE(none.err.find(nothing + ": error: no file matches this pattern"), std::string::npos) << none.err;
  CliRun empty = run_nashr({"check", (dir / "out").string()});
  EXPECT_EQ(empty.code, 3);
  EXPECT_NE(empty.err.find("error: the folder holds no .xml file"), std::string::npos) << empty.err;
  CliRun checked = run_nashr({"check", (dir / "reports" / "r?.xml").string()});
  EXPECT_EQ(checked.code, 0) << checked.err;
}

// Reports built at once on several threads give the PDFs that one thread gives, and their
// diagnostics come in input order, whole per report.
TEST(Batch, ParallelReportsGiveTheSameBytesAndDiagnosticsInInputOrder) {
  const fs::path dir = make_project("batch-parallel", 4, 0);
  const fs::path reports = dir / "reports";
  std::ofstream(reports / "a-bad.xml") << read_text(repository_file("tests/model/bad/ten-errors.xml"));
  std::ofstream(reports / "z-bad.xml") << read_text(repository_file("tests/model/bad/malformed.xml"));
  std::vector<std::string> serial = {"build", "-j1", "-o", (dir / "serial").string()};
  std::vector<std::string> parallel = {"build", "-j4", "-o", (dir / "parallel").string()};
  for (const char* name : {"z-bad.xml", "r0.xml", "r1.xml", "a-bad.xml", "r2.xml", "r3.xml"}) {
    serial.push_back((reports / name).string());
    parallel.push_back((reports / name).string());
  }
  CliRun one = run_nashr(serial);
  CliRun four = run_nashr(parallel);
  EXPECT_EQ(one.code, 1);
  EXPECT_EQ(four.code, 1);
  EXPECT_EQ(one.err, four.err);
  const std::size_t z = four.err.find("z-bad.xml:"), a = four.err.find("a-bad.xml:");
  ASSERT_NE(z, std::string::npos);
  ASSERT_NE(a, std::string::npos);
  EXPECT_LT(z, a) << "diagnostics not in input order: " << four.err;
  EXPECT_EQ(four.err.find("z-bad.xml:", a), std::string::npos) << "a report's diagnostics were split";
  for (int i = 0; i < 4; ++i) {
    const std::string pdf = "r" + std::to_string(i) + ".pdf";
    const std::string alone = read_text(dir / "serial" / pdf);
    ASSERT_FALSE(alone.empty()) << pdf;
    EXPECT_TRUE(alone == read_text(dir / "parallel" / pdf)) << pdf << " differs between -j1 and -j4";
  }
}

// The real executable under a pseudo-terminal (python3's pty), through a pipe, with JSON and in CI.
std::string stderr_of(const std::string& environment, const std::string& arguments, bool terminal) {
  const fs::path log = fs::path(NASHR_BINARY_DIR) / "batch-progress.log";
  const std::string command = environment + " " + NASHR_EXECUTABLE + " " + arguments;
  std::string run;
  if (terminal) {
    run = "python3 -c 'import os, pty, sys\n"
          "os.environ.pop(\"CI\", None)\n"
          "pid, fd = pty.fork()\n"
          "if pid == 0: os.execvp(\"sh\", [\"sh\", \"-c\", sys.argv[1] + \" >/dev/null\"])\n"
          "out = b\"\"\n"
          "while True:\n"
          "  try: data = os.read(fd, 4096)\n"
          "  except OSError: break\n"
          "  if not data: break\n"
          "  out += data\n"
          "os.waitpid(pid, 0)\n"
          "sys.stdout.buffer.write(out)' '" + command + "' > " + log.string();
  } else {
    run = command + " 2> " + log.string() + " >/dev/null";
  }
  EXPECT_NE(std::system(("command -v python3 >/dev/null || { echo 'python3 is missing: scripts/setup.sh installs it' >&2; exit 1; }; " + run).c_str()), -1);
  return read_text(log);
}

TEST(Batch, AProgressLineOnlyOnATerminal) {
  const fs::path dir = make_project("batch-progress", 3, 0);
  const std::string arguments = "build -o " + (dir / "out").string() + " " + (dir / "reports").string();
  const std::string terminal = stderr_of("env -u CI TERM=xterm", arguments, true);
  EXPECT_NE(terminal.find("\r\x1b[Knashr: 3/3 built"), std::string::npos) << terminal;
  EXPECT_NE(terminal.find("nashr: 3 built\r\n"), std::string::npos) << terminal;
  EXPECT_EQ(stderr_of("env -u CI TERM=xterm", arguments, false), "");
  EXPECT_EQ(stderr_of("env -u CI TERM=xterm", "--diagnostics=json " + arguments, true).find("\x1b[K"), std::string::npos);
  EXPECT_EQ(stderr_of("env CI=true TERM=xterm", arguments, true).find("\x1b[K"), std::string::npos);
}

}  // namespace
}  // namespace nashr
