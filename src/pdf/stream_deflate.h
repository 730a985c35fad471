#pragma once
// Flate compression of PDF streams (libdeflate, zlib format), done by the writer itself rather than by
// libharu at save time: one level chosen for size and speed, and independent streams compressed on several
// threads. Every stream is compressed on its own with the same settings, so the bytes never depend on the
// number of threads or on their scheduling.
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace nashr {

// A libdeflate compressor kept across streams: it allocates its match finder's tables once.
class Deflater {
 public:
  explicit Deflater(int level);
  ~Deflater();
  Deflater(const Deflater&) = delete;
  Deflater& operator=(const Deflater&) = delete;

  // `input` as a zlib stream (RFC 1950), which is what /FlateDecode reads. False when out of memory
  // or the level is not one of libdeflate's (0..12); `output` is then unspecified.
  bool compress(std::string_view input, std::string& output);

 private:
  struct State;
  std::unique_ptr<State> state_;
  std::string scratch_;  // deflateBound-sized, reused; the output is copied out at its exact size
};

// Compresses byte strings on `threads` threads in all, the caller's included: add() hands a job to
// the workers, and the caller runs jobs itself when more than 16 a worker are waiting (so the bytes
// and jobs held at once stay bounded) and in finish(). With one thread add() runs the job at once.
// Results are read by job number, so their order is the order of add(). A job may also make its
// bytes (a page's content stream) on the thread that compresses them.
class DeflatePool {
 public:
  // kStore for `level`: the bytes are kept as they are (uncompressed files).
  static constexpr int kStore = -1;
  DeflatePool(int level, unsigned threads);
  ~DeflatePool();
  DeflatePool(const DeflatePool&) = delete;
  DeflatePool& operator=(const DeflatePool&) = delete;

  // The job's number, counting from 0.
  std::size_t add(std::string input);
  // A job whose bytes `make` returns, called once on whichever thread runs the job (so it must not
  // touch what the caller changes meanwhile). It may throw std::bad_alloc or std::length_error:
  // finish() then reports a failure.
  std::size_t add(std::function<std::string()> make);
  // Waits until every job added so far is done (it may be called again after more add()s). False
  // when one failed (out of memory).
  bool finish();
  // A finished job's compressed bytes (moved out by the caller when it is done with them).
  std::string& output(std::size_t job);
  // Total compressed bytes of the finished jobs (for reserving the file's buffer).
  std::size_t compressed_bytes() const { return compressed_bytes_; }

 private:
  struct Job {
    std::function<std::string()> make;  // null once called, or for a job given its bytes
    std::string input;
    std::string output;
  };
  std::size_t add(Job new_job);
  Job* claim();  // the next unclaimed job, or null; takes the lock
  void run(Job& job, Deflater& deflater);
  void work();  // a worker's loop

  const int level_;
  Deflater own_;  // the caller's
  std::mutex mutex_;
  std::condition_variable work_ready_;
  std::condition_variable job_done_;
  std::deque<Job> jobs_;     // elements never move: workers hold pointers to them
  std::size_t claimed_ = 0;  // jobs_[0, claimed_) have been taken by some thread
  std::size_t done_ = 0;
  std::size_t compressed_bytes_ = 0;
  bool failed_ = false;
  bool stopping_ = false;
  std::vector<std::thread> workers_;
};

// The number of threads for `requested` (0: the machine's cores), at most 8.
unsigned deflate_threads(unsigned requested);

}  // namespace nashr
