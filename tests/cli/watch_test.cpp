// Issue 19, item 7: `nashr watch` rebuilds on a save (also by rename, and after a delete and
// re-create) and keeps the last good PDF when the report has errors.
// g++ 12 warns falsely on `"literal" + std::string` under -O3 (GCC bug 105329).
#pragma GCC diagnostic ignored "-Wrestrict"
#include <gtest/gtest.h>
#include <signal.h>
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <thread>

namespace nashr {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

std::string file_text(const fs::path& path) {
  std::ifstream file(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
}

// nashr watch in a child process, stopped at the end of the test.
class Watcher {
 public:
  Watcher(const fs::path& report, const fs::path& out, const fs::path& log) {
    pid_ = fork();
    if (pid_ == 0) {
      const int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      dup2(fd, 1);
      dup2(fd, 2);
      execl(NASHR_EXECUTABLE, "nashr", "watch", "-o", out.c_str(), report.c_str(), static_cast<char*>(nullptr));
      _exit(127);
    }
  }
  ~Watcher() {
    kill(pid_, SIGTERM);
    waitpid(pid_, nullptr, 0);
  }

 private:
  pid_t pid_ = -1;
};

// Waits up to 20 s for the PDF's bytes to differ from `before`; returns the time it took.
double wait_for_new_pdf(const fs::path& pdf, const std::string& before) {
  const auto start = Clock::now();
  while (Clock::now() - start < std::chrono::seconds(20)) {
    std::error_code error;
    if (fs::exists(pdf, error) && file_text(pdf) != before && !file_text(pdf).empty()) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// An editor that saves by writing a new file and renaming it over the old one.
void save_by_rename(const fs::path& file, const std::string& text) {
  const fs::path temporary = file.parent_path() / ("." + file.filename().string() + ".swp");
  std::ofstream(temporary) << text;
  fs::rename(temporary, file);
}

TEST(Watch, RebuildsOnSavesAndKeepsTheLastGoodPdfOnErrors) {
  const fs::path dir = fs::path(NASHR_BINARY_DIR) / "watch";
  fs::remove_all(dir);
  fs::create_directories(dir / "reports");
  fs::create_directory_symlink(fs::path(NASHR_SOURCE_DIR) / "styles", dir / "styles");
  fs::create_directory_symlink(fs::path(NASHR_SOURCE_DIR) / "fonts", dir / "fonts");
  const std::string original = file_text(fs::path(NASHR_SOURCE_DIR) / "reports" / "persian-files-29-2.xml");
  const fs::path report = dir / "reports" / "r.xml";
  fs::copy(fs::path(NASHR_SOURCE_DIR) / "reports" / "charts", dir / "reports" / "charts");  // its figure
  std::ofstream(report) << original;
  const fs::path pdf = dir / "out" / "r.pdf";
  Watcher watcher(report, dir / "out", dir / "watch.log");
  wait_for_new_pdf(pdf, "");
  ASSERT_TRUE(fs::exists(pdf)) << file_text(dir / "watch.log");

  // A save in place.
  std::string before = file_text(pdf);
  std::string edited = original;
  edited.replace(edited.find("<title>"), 7, "<title>Edited in place: ");
  std::ofstream(report) << edited;
  double took = wait_for_new_pdf(pdf, before);
  EXPECT_NE(file_text(pdf), before) << file_text(dir / "watch.log");
  std::cerr << "rebuilt after a save in place in " << took << " ms\n";

  // A save by rename.
  before = file_text(pdf);
  edited.replace(edited.find("<title>"), 7, "<title>Renamed: ");
  save_by_rename(report, edited);
  took = wait_for_new_pdf(pdf, before);
  EXPECT_NE(file_text(pdf), before) << file_text(dir / "watch.log");
  std::cerr << "rebuilt after a save by rename in " << took << " ms\n";

  // Errors: the PDF stays as it was, and the log says so.
  before = file_text(pdf);
  std::ofstream(report) << "<report><title>broken</titel></report>\n";
  const auto start = Clock::now();
  while (file_text(dir / "watch.log").find("kept the last good") == std::string::npos &&
         Clock::now() - start < std::chrono::seconds(20)) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  EXPECT_NE(file_text(dir / "watch.log").find("error: malformed XML"), std::string::npos) << file_text(dir / "watch.log");
  EXPECT_NE(file_text(dir / "watch.log").find("kept the last good"), std::string::npos);
  EXPECT_EQ(file_text(pdf), before);

  // Deleted, then created again: still watched.
  fs::remove(report);
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  std::ofstream(report) << original;
  wait_for_new_pdf(pdf, before);
  EXPECT_NE(file_text(pdf), before) << file_text(dir / "watch.log");
  // Four good builds, each with its time: the first, two saves, the re-created file.
  auto builds = [&] {
    const std::string log = file_text(dir / "watch.log");
    std::size_t n = 0;
    for (std::size_t at = log.find("nashr: built "); at != std::string::npos; at = log.find("nashr: built ", at + 1)) ++n;
    return n;
  };
  const auto waited = Clock::now();
  while (builds() < 4 && Clock::now() - waited < std::chrono::seconds(20)) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  EXPECT_EQ(builds(), 4u) << file_text(dir / "watch.log");
  EXPECT_EQ(file_text(dir / "watch.log").find("error: ", file_text(dir / "watch.log").find("kept the last good")),
            std::string::npos)
      << "the re-created file was built before it was written: " << file_text(dir / "watch.log");
}

}  // namespace
}  // namespace nashr
