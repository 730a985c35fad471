// Runs of nashr distribute as a publisher meets them: bad rows (--keep-going), bad issues, shards,
// and a run killed with SIGKILL and started again.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <set>
#include <thread>

#include "support.h"

namespace nashr {
namespace {

using namespace ::nashr::testing;

std::set<std::string> files_in(const fs::path& folder) {
  std::set<std::string> names;
  if (!fs::exists(folder)) return names;
  for (const fs::directory_entry& entry : fs::directory_iterator(folder)) names.insert(entry.path().filename().string());
  return names;
}

fs::path subscribers_file(const fs::path& folder, const std::string& rows) {
  const fs::path path = folder / "subscribers.csv";
  std::ofstream(path) << "id,name\n" << rows;
  return path;
}

Command distribute_list(const fs::path& issue, const fs::path& list, const fs::path& out, const std::string& extra = "") {
  return run(kNashr + " distribute " + issue.string() + " --subscribers " + list.string() + " --key-file " +
             fixture().key.string() + " -o " + out.string() + extra);
}

TEST(DistributeRuns, ABadRowStopsEverythingUnlessKeepGoing) {
  const fs::path folder = scratch("bad-row");
  const fs::path list = subscribers_file(folder, "A-1,Jane Doe\nA-2,Evil \xE2\x80\xAEname\nA-3,John Roe\n");
  const Command stopped = distribute_list(fixture().english, list, folder / "copies");
  EXPECT_EQ(stopped.code, 1);
  EXPECT_NE(stopped.out.find("subscribers.csv:3:10: error: the name holds the bidi control U+202E"), std::string::npos)
      << stopped.out;
  EXPECT_TRUE(files_in(folder / "copies").empty()) << "nothing is written without --keep-going";
  const Command kept_going = distribute_list(fixture().english, list, folder / "copies", " --keep-going");
  EXPECT_EQ(kept_going.code, 1) << kept_going.out;
  EXPECT_EQ(files_in(folder / "copies"),
            (std::set<std::string>{"A-1.pdf", "A-3.pdf", "manifest.csv", "manifest.json"}));
}

TEST(DistributeRuns, RefusesIssuesNashrDidNotWriteOrThatAreEncrypted) {
  const fs::path folder = scratch("bad-issue");
  ASSERT_EQ(run("qpdf --empty " + (folder / "other.pdf").string()).code, 0);
  const Command other = distribute(folder / "other.pdf", folder / "copies");
  EXPECT_EQ(other.code, 1);
  EXPECT_NE(other.out.find("other.pdf:1:1: error: this PDF was not written by nashr"), std::string::npos) << other.out;
  ASSERT_EQ(run("qpdf --encrypt u o 256 -- " + fixture().english.string() + " " + (folder / "enc.pdf").string()).code, 0);
  const Command encrypted = distribute(folder / "enc.pdf", folder / "copies");
  EXPECT_EQ(encrypted.code, 1);
  EXPECT_NE(encrypted.out.find("enc.pdf:1:1: error: the issue is encrypted already"), std::string::npos)
      << encrypted.out;
  EXPECT_FALSE(fs::exists(folder / "copies"));
}

TEST(DistributeRuns, ShardsSplitTheListWithoutOverlap) {
  const fs::path folder = scratch("shards");
  std::string rows;
  for (int i = 0; i < 12; ++i) rows += "S-" + std::to_string(i) + ",Subscriber " + std::to_string(i) + "\n";
  const fs::path list = subscribers_file(folder, rows);
  std::set<std::string> all;
  std::size_t total = 0;
  for (int k = 1; k <= 3; ++k) {
    const Command shard = distribute_list(fixture().english, list, folder / "copies",
                                      " --shard " + std::to_string(k) + "/3 --allow=none");
    ASSERT_EQ(shard.code, 0) << shard.out;
    const std::string manifest = slurp(folder / "copies" / ("manifest-" + std::to_string(k) + "-of-3.json"));
    for (std::size_t at = 0; (at = manifest.find("\"id\": ", at)) != std::string::npos; ++at) {
      ++total;
      all.insert(manifest.substr(at + 7, manifest.find('"', at + 7) - at - 7));
    }
  }
  EXPECT_EQ(total, 12u);
  EXPECT_EQ(all.size(), 12u);
}

TEST(DistributeRuns, AKilledRunWritesExactlyTheMissingCopiesWhenStartedAgain) {
  const fs::path folder = scratch("killed");
  std::string rows;
  for (int i = 0; i < 400; ++i) rows += "K-" + std::to_string(i) + ",Subscriber " + std::to_string(i) + "\n";
  const fs::path list = subscribers_file(folder, rows);
  const fs::path copies = folder / "copies";
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    const std::string subscribers = list.string(), key = fixture().key.string(), out = copies.string();
    const std::string issue = fixture().english.string();
    ::execl(kNashr.c_str(), "nashr", "distribute", issue.c_str(), "--subscribers", subscribers.c_str(), "--key-file",
            key.c_str(), "-o", out.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  // Killed once some copies exist and before all do.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  std::size_t seen = 0;
  while (std::chrono::steady_clock::now() < deadline) {
    seen = 0;
    for (const std::string& name : files_in(copies)) seen += name.size() > 4 && name.substr(name.size() - 4) == ".pdf";
    if (seen >= 20) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  ::kill(child, SIGKILL);
  int status = 0;
  ::waitpid(child, &status, 0);
  ASSERT_TRUE(WIFSIGNALED(status)) << "the run ended before it was killed: make the list longer";
  std::set<std::string> complete;
  for (const std::string& name : files_in(copies)) {
    if (name.size() > 4 && name.substr(name.size() - 4) == ".pdf" && name[0] != '.') complete.insert(name);
  }
  ASSERT_GE(complete.size(), 20u);
  ASSERT_LT(complete.size(), 400u);
  EXPECT_FALSE(fs::exists(copies / "manifest.json"));
  // Every copy in place is whole (written to a temporary, renamed when done).
  for (const std::string& name : complete) {
    EXPECT_EQ(run("qpdf --check " + (copies / name).string()).code, 0) << name;
    break;  // one through qpdf; all through the restart's check of their XMP below
  }
  const Command again = distribute_list(fixture().english, list, copies);
  ASSERT_EQ(again.code, 0) << again.out;
  const std::string expected = std::to_string(400 - complete.size()) + " copies written, " +
                               std::to_string(complete.size()) + " kept, 0 failed";
  EXPECT_NE(again.out.find(expected), std::string::npos) << again.out << " expected: " << expected;
  // No partial file left, and the copies are those of a run never killed.
  std::size_t pdfs = 0;
  for (const std::string& name : files_in(copies)) {
    EXPECT_EQ(name.find(".tmp-"), std::string::npos) << name;
    pdfs += name.size() > 4 && name.substr(name.size() - 4) == ".pdf";
  }
  EXPECT_EQ(pdfs, 400u);
  const fs::path clean = folder / "clean";
  const fs::path few = subscribers_file(scratch("killed-few"), "K-0,Subscriber 0\nK-399,Subscriber 399\n");
  ASSERT_EQ(distribute_list(fixture().english, few, clean).code, 0);
  EXPECT_EQ(slurp(clean / "K-0.pdf"), slurp(copies / "K-0.pdf"));
  EXPECT_EQ(slurp(clean / "K-399.pdf"), slurp(copies / "K-399.pdf"));
}

}  // namespace
}  // namespace nashr
