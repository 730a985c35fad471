// The writer's compression jobs on the process's pool: the results by job number whatever thread
// ran them, and a pool dropped before finish() leaves no job running on what it referred to.
#include "pdf/stream_deflate.h"

#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <vector>

namespace nashr {
namespace {

std::string sample_bytes(std::size_t job) {
  std::string text;
  for (std::size_t i = 0; i < 2000 + job * 37; ++i) text += static_cast<char>('a' + (i * (job + 3)) % 7);
  return text;
}

TEST(DeflatePool, ResultsComeByJobNumberForAnyNumberOfThreads) {
  std::vector<std::string> reference;
  for (const unsigned threads : {1u, 2u, 4u}) {
    DeflatePool pool(4, threads);
    std::vector<std::size_t> numbers;
    for (std::size_t job = 0; job < 200; ++job) {
      numbers.push_back(job % 2 == 0 ? pool.add(sample_bytes(job)) : pool.add([job] { return sample_bytes(job); }));
    }
    ASSERT_TRUE(pool.finish());
    std::vector<std::string> outputs;
    std::size_t total = 0;
    for (std::size_t job = 0; job < numbers.size(); ++job) {
      EXPECT_EQ(numbers[job], job);
      outputs.push_back(pool.output(job));
      total += outputs.back().size();
      EXPECT_LT(outputs.back().size(), sample_bytes(job).size());
    }
    EXPECT_EQ(pool.compressed_bytes(), total);
    if (reference.empty()) reference = outputs;
    EXPECT_EQ(outputs, reference) << threads << " threads";
  }
}

TEST(DeflatePool, StoreKeepsTheBytesAndAFailedJobFailsFinish) {
  DeflatePool store(DeflatePool::kStore, 2);
  store.add("plain");
  store.add([] { return std::string("made"); });
  ASSERT_TRUE(store.finish());
  EXPECT_EQ(store.output(0), "plain");
  EXPECT_EQ(store.output(1), "made");

  DeflatePool failing(4, 2);
  failing.add([]() -> std::string { throw std::bad_alloc(); });
  EXPECT_FALSE(failing.finish());
}

TEST(DeflatePool, ADroppedPoolWaitsForTheJobsBegunAndRunsNoOther) {
  for (int round = 0; round < 20; ++round) {
    std::atomic<int> running{0};
    std::atomic<int> ran{0};
    {
      DeflatePool pool(1, 3);
      for (int job = 0; job < 50; ++job) {
        pool.add([&running, &ran] {
          ++running;
          std::string bytes = sample_bytes(3);
          ++ran;
          --running;
          return bytes;
        });
      }
    }  // no finish(): the counters die after this round, so no job may touch them later
    EXPECT_EQ(running.load(), 0);
    EXPECT_LE(ran.load(), 50);
  }
}

}  // namespace
}  // namespace nashr
