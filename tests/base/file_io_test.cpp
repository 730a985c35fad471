#include "base/file_io.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <string>

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
  Result<void> failed = write_file_atomically(target, [](const fs::path& temporary) -> Result<void> {
    std::ofstream(temporary) << "half a PDF";
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

}  // namespace
}  // namespace nashr
