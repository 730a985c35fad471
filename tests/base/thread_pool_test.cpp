#include "base/thread_pool.h"

#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>
#include <vector>

namespace nashr {
namespace {

TEST(ThreadPool, ThreadCountIsBetweenOneAndTheLimit) {
  EXPECT_EQ(thread_count(1), 1u);
  EXPECT_EQ(thread_count(3), 3u);
  EXPECT_EQ(thread_count(1000), kMaxThreads);
  EXPECT_GE(thread_count(0), 1u);
  EXPECT_LE(thread_count(0), kMaxThreads);
}

TEST(ThreadPool, RunsEveryTaskOnceOnAnyNumberOfThreads) {
  for (unsigned threads : {1u, 2u, 3u, 8u}) {
    std::vector<std::atomic<int>> runs(1000);
    run_tasks(runs.size(), threads, [&](std::size_t task, unsigned slot) {
      EXPECT_LT(slot, threads);
      ++runs[task];
    });
    for (const auto& count : runs) ASSERT_EQ(count.load(), 1) << threads << " threads";
  }
}

TEST(ThreadPool, NoTwoThreadsShareASlotAtOnce) {
  std::vector<std::atomic<int>> inside(4);
  std::atomic<bool> shared{false};
  run_tasks(400, 4, [&](std::size_t, unsigned slot) {
    if (++inside[slot] != 1) shared = true;
    std::this_thread::yield();
    --inside[slot];
  });
  EXPECT_FALSE(shared);
}

TEST(ThreadPool, UsesMoreThanOneThreadWhenAsked) {
  // Two tasks that each wait for the other to have started can only finish on two threads.
  std::mutex mutex;
  std::condition_variable changed;
  int started = 0;
  run_tasks(2, 2, [&](std::size_t, unsigned) {
    std::unique_lock<std::mutex> lock(mutex);
    ++started;
    changed.notify_all();
    changed.wait(lock, [&] { return started == 2; });
  });
  EXPECT_EQ(started, 2);
}

TEST(ThreadPool, NestedRunsFinish) {
  // A task that runs tasks of its own (a report of a batch setting its paragraphs) must not wait for
  // workers that are all busy with the outer tasks.
  std::atomic<int> inner{0};
  run_tasks(16, 8, [&](std::size_t, unsigned) { run_tasks(50, 8, [&](std::size_t, unsigned) { ++inner; }); });
  EXPECT_EQ(inner.load(), 16 * 50);
}

TEST(ThreadPool, AnExceptionInATaskReachesTheCaller) {
  for (unsigned threads : {1u, 3u}) {
    std::atomic<int> runs{0};
    EXPECT_THROW(run_tasks(1000, threads,
                           [&](std::size_t task, unsigned) {
                             ++runs;
                             if (task == 10) throw std::runtime_error("bug");
                           }),
                 std::runtime_error);
    // On one thread nothing after the failing task runs; on several, the others may have run
    // their tasks meanwhile.
    if (threads == 1) {
      EXPECT_EQ(runs.load(), 11);
    }
  }
}

TEST(ThreadPool, RunLaterRunsTheJob) {
  std::mutex mutex;
  std::condition_variable done;
  int ran = 0;
  for (int i = 0; i < 5; ++i) {
    run_later(
        [&] {
          const std::lock_guard<std::mutex> lock(mutex);
          ++ran;
          done.notify_all();
        },
        2);
  }
  std::unique_lock<std::mutex> lock(mutex);
  done.wait(lock, [&] { return ran == 5; });
  EXPECT_EQ(ran, 5);
}

}  // namespace
}  // namespace nashr
