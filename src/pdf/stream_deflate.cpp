#include "pdf/stream_deflate.h"

#include <libdeflate.h>

#include <condition_variable>
#include <deque>
#include <mutex>
#include <new>
#include <stdexcept>
#include <utility>
#include <vector>

#include "base/thread_pool.h"

namespace nashr {

struct Deflater::State {
  libdeflate_compressor* compressor = nullptr;
};

Deflater::Deflater(int level) : state_(std::make_unique<State>()) {
  // Null for a level outside libdeflate's 0..12 or when out of memory: compress() then fails.
  state_->compressor = libdeflate_alloc_compressor(level);
}

Deflater::~Deflater() {
  if (state_->compressor != nullptr) libdeflate_free_compressor(state_->compressor);
}

bool Deflater::compress(std::string_view input, std::string& output) {
  if (state_->compressor == nullptr) return false;
  try {
    const std::size_t bound = libdeflate_zlib_compress_bound(state_->compressor, input.size());
    if (scratch_.size() < bound) scratch_.resize(bound);
    const std::size_t size = libdeflate_zlib_compress(state_->compressor, input.data(), input.size(),
                                                      scratch_.data(), scratch_.size());
    if (size == 0) return false;  // cannot happen with the bound's room
    output.assign(scratch_.data(), size);
  } catch (const std::bad_alloc&) {
    return false;
  }
  return true;
}

struct DeflatePool::Shared {
  explicit Shared(int compression_level) : level(compression_level) {}

  // The next job no thread has begun, or null; with the lock held.
  Job* claim_locked() { return closed || claimed == jobs.size() ? nullptr : &jobs[claimed++]; }
  Job* claim() {
    const std::lock_guard<std::mutex> lock(mutex);
    return claim_locked();
  }
  void run(Job& job, Deflater& deflater);
  // A helper on one of the pool's threads: takes jobs until none is left. At most `helpers` at a
  // time, each with a compressor of its own: the pool may hold more workers than this pool asks for.
  void help(unsigned helpers);

  const int level;
  std::mutex mutex;
  std::condition_variable job_done;
  std::deque<Job> jobs;      // elements never move: helpers hold pointers to them
  std::size_t claimed = 0;   // jobs[0, claimed) have been taken by some thread
  std::size_t done = 0;
  std::size_t compressed_bytes = 0;
  bool failed = false;
  bool closed = false;       // the DeflatePool is gone: no job is taken any more
  unsigned active_helpers = 0;
  std::vector<std::unique_ptr<Deflater>> idle_deflaters;  // the helpers' compressors between jobs
};

void DeflatePool::Shared::run(Job& job, Deflater& deflater) {
  bool ok = true;
  if (job.make) {
    try {
      job.input = job.make();
    } catch (const std::bad_alloc&) {
      ok = false;
    } catch (const std::length_error&) {
      ok = false;
    }
    job.make = nullptr;  // what it holds (a page's plan) is not needed any more
  }
  if (level == kStore) {
    job.output = std::move(job.input);
  } else {
    ok = ok && deflater.compress(job.input, job.output);
  }
  std::string().swap(job.input);  // the uncompressed bytes are not needed any more
  {
    const std::lock_guard<std::mutex> lock(mutex);
    failed = failed || !ok;
    compressed_bytes += job.output.size();
    ++done;
  }
  job_done.notify_all();
}

void DeflatePool::Shared::help(unsigned helpers) {
  std::unique_ptr<Deflater> deflater;
  Job* job = nullptr;
  {
    const std::lock_guard<std::mutex> lock(mutex);
    // Whether to stop is decided under the lock that add() takes to queue a job, so a job is never
    // left behind by a helper stopping while the one posted for it is turned away.
    if (active_helpers == helpers || idle_deflaters.empty()) return;
    job = claim_locked();
    if (job == nullptr) return;
    ++active_helpers;
    deflater = std::move(idle_deflaters.back());
    idle_deflaters.pop_back();
  }
  while (job != nullptr) {
    run(*job, *deflater);
    const std::lock_guard<std::mutex> lock(mutex);
    job = claim_locked();
    if (job == nullptr) {
      --active_helpers;
      if (!closed) idle_deflaters.push_back(std::move(deflater));
    }
  }
}

DeflatePool::DeflatePool(int level, unsigned threads)
    : helpers_(thread_count(threads) - 1), own_(level), shared_(std::make_shared<Shared>(level)) {
  for (unsigned i = 0; i < helpers_; ++i) shared_->idle_deflaters.push_back(std::make_unique<Deflater>(level));
}

DeflatePool::~DeflatePool() {
  std::unique_lock<std::mutex> lock(shared_->mutex);
  shared_->closed = true;
  shared_->job_done.wait(lock, [this] { return shared_->done == shared_->claimed; });
  // The bytes and compressors go now, not with the last helper the pool runs.
  shared_->jobs.clear();
  shared_->idle_deflaters.clear();
}

std::size_t DeflatePool::add(std::string input) {
  return add(Job{nullptr, std::move(input), {}});
}

std::size_t DeflatePool::add(std::function<std::string()> make) {
  return add(Job{std::move(make), {}, {}});
}

std::size_t DeflatePool::add(Job new_job) {
  std::size_t number = 0;
  std::size_t waiting = 0;
  {
    const std::lock_guard<std::mutex> lock(shared_->mutex);
    number = shared_->jobs.size();
    shared_->jobs.push_back(std::move(new_job));
    waiting = shared_->jobs.size() - shared_->claimed;
  }
  if (helpers_ == 0) {
    if (Job* job = shared_->claim()) shared_->run(*job, own_);
    return number;
  }
  run_later([shared = shared_, helpers = helpers_] { shared->help(helpers); }, helpers_ + 1);
  // More waiting than the helpers will soon take: the caller helps, so the queue stays short (each
  // job holds a page's plan or bytes: tens of KiB) yet long enough to keep the helpers busy while
  // the caller does its last sequential part (the writer's fonts) after the last add().
  constexpr std::size_t kWaitingPerHelper = 16;
  if (waiting > kWaitingPerHelper * helpers_) {
    if (Job* job = shared_->claim()) shared_->run(*job, own_);
  }
  return number;
}

bool DeflatePool::finish() {
  while (Job* job = shared_->claim()) shared_->run(*job, own_);
  std::unique_lock<std::mutex> lock(shared_->mutex);
  shared_->job_done.wait(lock, [this] { return shared_->done == shared_->jobs.size(); });
  return !shared_->failed;
}

std::string& DeflatePool::output(std::size_t job) {
  return shared_->jobs[job].output;
}

std::size_t DeflatePool::compressed_bytes() const {
  const std::lock_guard<std::mutex> lock(shared_->mutex);
  return shared_->compressed_bytes;
}

}  // namespace nashr
