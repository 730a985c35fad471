#pragma once
// Flate compression of PDF streams (libdeflate, zlib format), done by the writer itself rather than by
// libharu at save time: one level chosen for size and speed, and independent streams compressed on several
// threads. Every stream is compressed on its own with the same settings, so the bytes never depend on the
// number of threads or on their scheduling.
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

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

// Compresses byte strings on up to `threads` threads, the caller's included, the others the
// process's pool's (base/thread_pool.h): add() hands a job to the pool, and the caller runs jobs
// itself when more than 16 a helper are waiting (so the bytes and jobs held at once stay bounded)
// and in finish(), so it never waits for a job that no thread has begun. With one thread add() runs
// the job at once. Results are read by job number, so their order is the order of add(). A job may
// also make its bytes (a page's content stream) on the thread that compresses them.
class DeflatePool {
 public:
  // kStore for `level`: the bytes are kept as they are (uncompressed files).
  static constexpr int kStore = -1;
  DeflatePool(int level, unsigned threads);
  // Waits for the jobs a helper has begun; those no thread has begun are dropped.
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
  std::size_t compressed_bytes() const;

 private:
  struct Job {
    std::function<std::string()> make;  // null once called, or for a job given its bytes
    std::string input;
    std::string output;
  };
  // What the helpers on the pool's threads share with the caller. It outlives the DeflatePool
  // until the last helper handed to the pool has run (a helper that starts late takes nothing).
  struct Shared;
  std::size_t add(Job new_job);

  const unsigned helpers_;  // threads - 1
  Deflater own_;            // the caller's
  std::shared_ptr<Shared> shared_;
};

}  // namespace nashr
