#include "pdf/stream_deflate.h"

#include <libdeflate.h>

#include <algorithm>
#include <new>
#include <stdexcept>
#include <utility>

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

unsigned deflate_threads(unsigned requested) {
  // More gain nothing: the writer's sequential pass feeds the others.
  constexpr unsigned kMaxThreads = 8;
  const unsigned threads = requested != 0 ? requested : std::thread::hardware_concurrency();
  return std::clamp(threads, 1u, kMaxThreads);
}

DeflatePool::DeflatePool(int level, unsigned threads) : level_(level), own_(level) {
  for (unsigned i = 1; i < threads; ++i) {
    try {
      workers_.emplace_back([this] { work(); });
    } catch (const std::system_error&) {
      break;  // no more threads: the caller's thread does the rest
    }
  }
}

DeflatePool::~DeflatePool() {
  {
    const std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  work_ready_.notify_all();
  for (std::thread& worker : workers_) worker.join();
}

DeflatePool::Job* DeflatePool::claim() {
  const std::lock_guard<std::mutex> lock(mutex_);
  if (claimed_ == jobs_.size()) return nullptr;
  return &jobs_[claimed_++];
}

void DeflatePool::run(Job& job, Deflater& deflater) {
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
  if (level_ == kStore) {
    job.output = std::move(job.input);
  } else {
    ok = ok && deflater.compress(job.input, job.output);
  }
  std::string().swap(job.input);  // the uncompressed bytes are not needed any more
  {
    const std::lock_guard<std::mutex> lock(mutex_);
    failed_ = failed_ || !ok;
    compressed_bytes_ += job.output.size();
    ++done_;
  }
  job_done_.notify_all();
}

void DeflatePool::work() {
  Deflater deflater(level_);
  std::unique_lock<std::mutex> lock(mutex_);
  for (;;) {
    work_ready_.wait(lock, [this] { return stopping_ || claimed_ < jobs_.size(); });
    if (claimed_ < jobs_.size()) {
      Job& job = jobs_[claimed_++];
      lock.unlock();
      run(job, deflater);
      lock.lock();
    } else if (stopping_) {
      return;
    }
  }
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
    const std::lock_guard<std::mutex> lock(mutex_);
    number = jobs_.size();
    jobs_.push_back(std::move(new_job));
    waiting = jobs_.size() - claimed_;
  }
  if (workers_.empty()) {
    if (Job* job = claim()) run(*job, own_);
    return number;
  }
  work_ready_.notify_one();
  // More waiting than the workers will soon take: the caller helps, so the queue stays short (each
  // job holds a page's plan or bytes: tens of KiB) yet long enough to keep the workers busy while
  // the caller does its last sequential part (the writer's fonts) after the last add().
  constexpr std::size_t kWaitingPerWorker = 16;
  if (waiting > kWaitingPerWorker * workers_.size()) {
    if (Job* job = claim()) run(*job, own_);
  }
  return number;
}

bool DeflatePool::finish() {
  while (Job* job = claim()) run(*job, own_);
  std::unique_lock<std::mutex> lock(mutex_);
  job_done_.wait(lock, [this] { return done_ == jobs_.size(); });
  return !failed_;
}

std::string& DeflatePool::output(std::size_t job) {
  return jobs_[job].output;
}

}  // namespace nashr
