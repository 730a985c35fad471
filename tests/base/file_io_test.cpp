#include "base/file_io.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

namespace nashr {
namespace {

namespace fs = std::filesystem;

class FileIo : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("nashr-file-io-" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

TEST_F(FileIo, WritesThenReadsBack) {
  const fs::path target = dir_ / "sub" / "a.pdf";
  ASSERT_TRUE(write_file_atomically(target, "%PDF-1.7 body").ok());
  Result<std::string> bytes = read_file(target);
  ASSERT_TRUE(bytes.ok());
  EXPECT_EQ(bytes.value(), "%PDF-1.7 body");
}

TEST_F(FileIo, FailedWriteKeepsPreviousFileAndLeavesNoTemporary) {
  const fs::path target = dir_ / "a.pdf";
  ASSERT_TRUE(write_file_atomically(target, "good").ok());
  Result<void> failed = write_file_atomically(target, [](int file) -> Result<void> {
    EXPECT_EQ(::write(file, "half a PDF", 10), 10);
    return fail(make_error({}, "injected fault"));
  });
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.error().message, "injected fault");
  EXPECT_EQ(read_file(target).value(), "good");
  int entries = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(dir_)) ++entries;
  EXPECT_EQ(entries, 1);
}

// A write cut short (the test hook for a full disk) fails with a hint and leaves the previous file.
TEST_F(FileIo, AShortWriteFailsAndKeepsThePreviousFile) {
  const fs::path target = dir_ / "a.pdf";
  ASSERT_TRUE(write_file_atomically(target, "good").ok());
  Result<void> failed = write_file_atomically(target, "a longer new file", 5);
  ASSERT_FALSE(failed.ok());
  EXPECT_NE(failed.error().message.find("cannot write the whole file"), std::string::npos);
  EXPECT_FALSE(failed.error().hint.empty());
  EXPECT_EQ(read_file(target).value(), "good");
  int entries = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(dir_)) ++entries;
  EXPECT_EQ(entries, 1);
  ASSERT_TRUE(write_file_atomically(target, "new", 3).ok());  // exactly the limit: all written
  EXPECT_EQ(read_file(target).value(), "new");
}

int count_entries(const fs::path& folder) {
  int entries = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(folder)) ++entries;
  return entries;
}

// A process id that no process has: a child that has exited and been waited for.
pid_t finished_process() {
  const pid_t child = ::fork();
  if (child == 0) ::_exit(0);
  int status = 0;
  ::waitpid(child, &status, 0);
  return child;
}

void make_older_than_this_process(const fs::path& file) {
  fs::last_write_time(file, fs::last_write_time(file) - std::chrono::hours(1));
}

// Issue 12, item 9: the temporary's name was predictable (".a.pdf.tmp-PID") and opened with
// fopen("wb"), which follows links: a link planted under that name made nashr overwrite its target.
// Links planted under every name the old code could use, and at the target, leave their files alone.
TEST_F(FileIo, PlantedLinksAreNeverWrittenThrough) {
  const fs::path victim = dir_ / "victim.txt";
  std::ofstream(victim) << "precious";
  const fs::path target = dir_ / "out" / "a.pdf";
  fs::create_directories(target.parent_path());
  const std::string old_name = ".a.pdf.tmp-" + std::to_string(::getpid());
  fs::create_symlink(victim, target.parent_path() / old_name);
  fs::create_symlink(dir_ / "created-through-a-link", target.parent_path() / (old_name + "-x"));
  fs::create_symlink(victim, target);
  ASSERT_TRUE(write_file_atomically(target, "%PDF-1.7 new").ok());
  EXPECT_EQ(read_file(victim).value(), "precious");
  EXPECT_FALSE(fs::exists(dir_ / "created-through-a-link"));
  EXPECT_FALSE(fs::is_symlink(target));  // the link at the target is replaced, not followed
  EXPECT_EQ(read_file(target).value(), "%PDF-1.7 new");
  EXPECT_TRUE(fs::is_symlink(target.parent_path() / old_name));  // not ours: left where it was
  EXPECT_EQ(count_entries(target.parent_path()), 3);
}

// The file gets the mode any new file of the user gets (0666 less the umask), not mkstemp's 0600.
TEST_F(FileIo, TheFileHasTheModeOfANewFile) {
  const mode_t previous = ::umask(022);
  ASSERT_TRUE(write_file_atomically(dir_ / "a.pdf", "x").ok());
  ::umask(077);
  ASSERT_TRUE(write_file_atomically(dir_ / "b.pdf", "x").ok());
  ::umask(previous);
  EXPECT_EQ(fs::status(dir_ / "a.pdf").permissions(), static_cast<fs::perms>(0644));
  EXPECT_EQ(fs::status(dir_ / "b.pdf").permissions(), static_cast<fs::perms>(0600));
}

// Issue 12, item 8: a kill during the final rename left ".a.pdf.tmp-PID" for good. The next write of
// a.pdf removes our temporaries for it whose writer is gone and that are older than this process;
// a temporary of a live writer, of another target, a fresh one, a link or a stranger's name stays.
TEST_F(FileIo, TheNextWriteRemovesStaleTemporariesOfItsTarget) {
  const std::string dead = std::to_string(finished_process());
  const std::vector<std::string> stale = {".a.pdf.tmp-" + dead, ".a.pdf.tmp-" + dead + "-k3j9x0q2zz"};
  const std::vector<std::string> kept = {".a.pdf.tmp-" + std::to_string(::getpid()),  // live writer
                                         ".b.pdf.tmp-" + dead,                       // another target
                                         ".a.pdf.tmp-" + dead + "x",                 // not our pattern
                                         ".a.pdf.tmp-" + dead + "-fresh00000",       // written since we started
                                         "a.pdf.tmp-" + dead};
  for (const std::string& name : stale) std::ofstream(dir_ / name) << "half a PDF";
  for (const std::string& name : kept) std::ofstream(dir_ / name) << "half a PDF";
  for (const std::string& name : stale) make_older_than_this_process(dir_ / name);
  for (std::size_t i = 0; i + 1 < kept.size(); ++i) {
    if (kept[i].find("fresh") == std::string::npos) make_older_than_this_process(dir_ / kept[i]);
  }
  // A file's time comes from a clock that may lag by a tick: "fresh" is set clearly after the start.
  fs::last_write_time(dir_ / kept[3], fs::file_time_type::clock::now() + std::chrono::seconds(1));
  const std::string link = ".a.pdf.tmp-" + dead + "-link000000";
  fs::create_symlink(dir_ / "b.pdf", dir_ / link);
  ASSERT_TRUE(write_file_atomically(dir_ / "a.pdf", "%PDF-1.7").ok());
  for (const std::string& name : stale) EXPECT_FALSE(fs::exists(dir_ / name)) << name;
  for (const std::string& name : kept) EXPECT_TRUE(fs::exists(dir_ / name)) << name;
  EXPECT_TRUE(fs::is_symlink(dir_ / link));
}

// Issue 12: an output target that is a folder was reported as "…: cannot move the finished file
// into place: Success" (the error code was overwritten while tidying up).
TEST_F(FileIo, ATargetThatIsAFolderIsNamedAsSuch) {
  fs::create_directories(dir_ / "a.pdf");
  Result<void> written = write_file_atomically(dir_ / "a.pdf", "%PDF-1.7");
  ASSERT_FALSE(written.ok());
  EXPECT_NE(written.error().message.find("is a folder"), std::string::npos) << written.error().message;
  EXPECT_EQ(written.error().message.find("Success"), std::string::npos);
  EXPECT_FALSE(written.error().hint.empty());
  EXPECT_EQ(count_entries(dir_), 1);
  EXPECT_TRUE(fs::is_empty(dir_ / "a.pdf"));
}

// Writers racing on one file each write a temporary of their own: the file ends whole, as one of
// them wrote it, and no temporary is left.
TEST_F(FileIo, ConcurrentWritersLeaveOneWholeFile) {
  const fs::path target = dir_ / "a.pdf";
  std::vector<std::string> contents;
  for (char c = 'a'; c < 'e'; ++c) contents.push_back(std::string(1 << 20, c));
  std::vector<std::thread> writers;
  for (const std::string& content : contents) {
    writers.emplace_back([&] {
      for (int i = 0; i < 10; ++i) EXPECT_TRUE(write_file_atomically(target, content).ok());
    });
  }
  for (std::thread& writer : writers) writer.join();
  const std::string written = read_file(target).value();
  EXPECT_NE(std::find(contents.begin(), contents.end(), written), contents.end());
  EXPECT_EQ(count_entries(dir_), 1);
}

TEST_F(FileIo, MissingFileNamesItAndTheReason) {
  Result<std::string> bytes = read_file(dir_ / "missing.xml");
  ASSERT_FALSE(bytes.ok());
  EXPECT_NE(bytes.error().location.file.find("missing.xml"), std::string::npos);
  EXPECT_NE(bytes.error().message.find("No such file"), std::string::npos);
  EXPECT_FALSE(read_file(dir_).ok());
}

// Files are read in one read of their size; whatever their size, every byte comes back. A FIFO is
// refused at once (issue 12: reading one blocked for ever without a writer).
TEST_F(FileIo, ReadsEveryByteOfAnySizeAndRefusesAFifo) {
  for (std::size_t size : {std::size_t{0}, std::size_t{1}, std::size_t{65535}, std::size_t{65536},
                           std::size_t{65537}, std::size_t{3 * 65536 + 7}}) {
    std::string text(size, '\0');
    for (std::size_t i = 0; i < size; ++i) text[i] = static_cast<char>((i * 131 + size) % 256);
    const fs::path target = dir_ / (std::to_string(size) + ".bin");
    std::ofstream(target, std::ios::binary) << text;
    Result<std::string> bytes = read_file(target);
    ASSERT_TRUE(bytes.ok()) << size;
    EXPECT_EQ(bytes.value(), text) << size;
  }
  const fs::path fifo = dir_ / "fifo";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  Result<std::string> bytes = read_file(fifo);
  ASSERT_FALSE(bytes.ok());
  EXPECT_EQ(bytes.error().message, "is a named pipe, not a regular file");
}

// A file longer than its size said when it was opened (a file being appended to; /proc's files,
// which say 0) is read to its end in small reads, and still held to the limit.
TEST_F(FileIo, ReadsPastTheSizeGivenAtOpeningUpToTheLimit) {
  Result<std::string> maps = read_file("/proc/self/maps");
  ASSERT_TRUE(maps.ok());
  EXPECT_GT(maps->size(), 4096u);  // more than one of the small reads
  EXPECT_EQ(maps->back(), '\n');
  EXPECT_NE(maps->find("[stack]"), std::string::npos);
  Result<std::string> limited = read_file("/proc/self/maps", ReadLimits{64});
  ASSERT_FALSE(limited.ok());
  EXPECT_NE(limited.error().message.find("grew over the limit"), std::string::npos);
}

}  // namespace
}  // namespace nashr
