#include "cli/progress.h"

#include <unistd.h>

#include <cstdlib>
#include <ostream>
#include <string_view>

namespace nashr {

void ProgressLine::update(std::size_t built, std::size_t failed) {
  if (!enabled_) return;
  const auto now = std::chrono::steady_clock::now();
  const bool last = built + failed == total_;
  if (!last && shown_ && now - last_ < std::chrono::milliseconds(50)) return;
  last_ = now;
  err_ << "\r\x1b[Knashr: " << built + failed << '/' << total_ << " built";
  if (failed > 0) err_ << ", " << failed << " failed";
  err_ << std::flush;
  shown_ = true;
}

void ProgressLine::clear() {
  if (!shown_) return;
  err_ << "\r\x1b[K" << std::flush;
  shown_ = false;
}

bool stderr_takes_progress() {
  if (isatty(STDERR_FILENO) == 0) return false;
  const char* term = std::getenv("TERM");
  if (term != nullptr && std::string_view(term) == "dumb") return false;
  const char* ci = std::getenv("CI");
  return ci == nullptr || *ci == '\0';
}

}  // namespace nashr
