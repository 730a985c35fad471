#include "base/thread_pool.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <system_error>
#include <thread>
#include <vector>

namespace nashr {
namespace {

// Workers start on first use and grow to the largest number of threads asked for; they are never
// joined (detached at exit: the process ends with them, as it must not wait for a queue at exit).
class Pool {
 public:
  void post(std::function<void()> job, unsigned workers_wanted) {
    {
      const std::lock_guard<std::mutex> lock(mutex_);
      jobs_.push_back(std::move(job));
      grow(workers_wanted);
    }
    job_ready_.notify_one();
  }

 private:
  // Called with the lock held. A failure to start a thread is not an error: the caller's thread
  // takes every task the workers do not.
  void grow(unsigned wanted) {
    while (started_ < wanted) {
      try {
        std::thread([this] { work(); }).detach();
      } catch (const std::system_error&) {
        return;
      }
      ++started_;
    }
  }

  void work() {
    for (;;) {
      std::function<void()> job;
      {
        std::unique_lock<std::mutex> lock(mutex_);
        job_ready_.wait(lock, [this] { return !jobs_.empty(); });
        job = std::move(jobs_.front());
        jobs_.pop_front();
      }
      job();
    }
  }

  std::mutex mutex_;
  std::condition_variable job_ready_;
  std::deque<std::function<void()>> jobs_;
  unsigned started_ = 0;
};

Pool& pool() {
  // Never destroyed: detached workers may still wait on it while the process exits.
  static Pool* const instance = new Pool();
  return *instance;
}

// One run_tasks call. Helpers posted to the pool that start after the tasks are all taken return at
// once; the caller waits only for the helpers that did start, which finish their task and stop.
struct Batch {
  std::size_t count = 0;
  const std::function<void(std::size_t, unsigned)>* work = nullptr;
  std::atomic<std::size_t> next{0};
  std::mutex mutex;
  std::condition_variable helper_done;
  unsigned next_slot = 1;
  unsigned active = 0;
  bool closed = false;  // the caller has taken its last task: late helpers must not start
  std::vector<std::exception_ptr> failures;

  void take_tasks(unsigned slot) {
    try {
      for (std::size_t task = next++; task < count; task = next++) (*work)(task, slot);
    } catch (...) {
      failures[slot] = std::current_exception();
      next = count;  // the others stop too
    }
  }
};

}  // namespace

unsigned thread_count(unsigned requested) {
  const unsigned threads = requested != 0 ? requested : std::thread::hardware_concurrency();
  return std::clamp(threads, 1u, kMaxThreads);
}

void run_tasks(std::size_t count, unsigned threads, const std::function<void(std::size_t, unsigned)>& work) {
  threads = static_cast<unsigned>(std::min<std::size_t>(std::clamp(threads, 1u, kMaxThreads), count));
  if (threads <= 1) {
    for (std::size_t task = 0; task < count; ++task) work(task, 0);
    return;
  }
  auto batch = std::make_shared<Batch>();
  batch->count = count;
  batch->work = &work;
  batch->failures.resize(threads);
  for (unsigned helper = 1; helper < threads; ++helper) {
    pool().post(
        [batch] {
          unsigned slot = 0;
          {
            const std::lock_guard<std::mutex> lock(batch->mutex);
            if (batch->closed) return;
            slot = batch->next_slot++;
            ++batch->active;
          }
          batch->take_tasks(slot);
          {
            const std::lock_guard<std::mutex> lock(batch->mutex);
            --batch->active;
          }
          batch->helper_done.notify_all();
        },
        threads - 1);
  }
  batch->take_tasks(0);
  {
    std::unique_lock<std::mutex> lock(batch->mutex);
    batch->closed = true;
    batch->helper_done.wait(lock, [&] { return batch->active == 0; });
  }
  for (const std::exception_ptr& failure : batch->failures) {
    if (failure) std::rethrow_exception(failure);
  }
}

void run_later(std::function<void()> job, unsigned threads) {
  pool().post(std::move(job), std::clamp(threads, 1u, kMaxThreads) - 1);
}

}  // namespace nashr
