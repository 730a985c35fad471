#pragma once
// The process's one pool of worker threads. Every stage that works on several threads (reading
// <body>, the text stages, the running lines, the PDF writer's streams) hands its work to it; no
// other code starts a thread. The workers live as long as the process, so what a stage keeps per
// thread (shaping caches) stays warm across the reports of a batch.
//
// Work is always shared with the calling thread, which takes tasks itself until none is left: a
// task that waits for other tasks (a report of a batch whose paragraphs run on the pool) never
// waits for a worker that is busy elsewhere, so nesting cannot deadlock.
#include <cstddef>
#include <functional>

namespace nashr {

// At most this many threads work on one job (more gain nothing on the stages' work).
inline constexpr unsigned kMaxThreads = 8;

// The threads to use for `requested` (0: one per core), between 1 and kMaxThreads.
unsigned thread_count(unsigned requested);

// Runs work(task, slot) for every task in [0, count) on up to `threads` threads, the caller's
// included, each taking the next task as it finishes one. `slot` is in [0, threads) and no two
// threads share one at a time, so per-slot state (sinks, timings) needs no lock; the caller is
// slot 0. Returns when every task has run. An exception in a task stops the others from taking
// new tasks and is rethrown here once all have stopped: it is our bug or out of memory.
void run_tasks(std::size_t count, unsigned threads,
               const std::function<void(std::size_t task, unsigned slot)>& work);

// Runs `job` on a worker some time later, the pool holding at least `threads` - 1 workers; for
// work of `threads` threads that the caller waits for in its own way (the PDF writer's stream
// compression, whose caller also takes jobs itself). The job must not throw.
void run_later(std::function<void()> job, unsigned threads);

}  // namespace nashr
