#pragma once
// The line "nashr: 37/500 built, 2 failed" that a batch keeps up to date on stderr, rewritten in
// place; only on a terminal (never in CI logs, files or pipes) and only with text diagnostics.
#include <chrono>
#include <cstddef>
#include <iosfwd>

namespace nashr {

class ProgressLine {
 public:
  ProgressLine(std::ostream& err, bool enabled, std::size_t total) : err_(err), enabled_(enabled), total_(total) {}
  ProgressLine(const ProgressLine&) = delete;
  ProgressLine& operator=(const ProgressLine&) = delete;

  bool enabled() const { return enabled_; }
  // Redraws the line; at most 20 times a second, except for the last report.
  void update(std::size_t built, std::size_t failed);
  // Erases the line, before anything else is written to stderr.
  void clear();

 private:
  std::ostream& err_;
  bool enabled_;
  std::size_t total_;
  bool shown_ = false;
  std::chrono::steady_clock::time_point last_{};
};

// Whether stderr is a terminal that a progress line may redraw: a tty, TERM not "dumb", and no CI
// variable (some CI runners give their jobs a pseudo-terminal).
bool stderr_takes_progress();

}  // namespace nashr
