#include "base/source_location.h"

#include <mutex>
#include <unordered_set>

namespace nashr {

namespace {

// File names seen by this process, never freed: a run reads a handful of files.
class FileNamePool {
 public:
  const std::string* intern(std::string_view name) {
    const std::lock_guard<std::mutex> lock(mutex_);
    return &*names_.emplace(name).first;  // unordered_set nodes never move
  }

 private:
  std::mutex mutex_;
  std::unordered_set<std::string> names_;
};

FileNamePool& pool() {
  static FileNamePool* names = new FileNamePool;  // never destroyed: locations may outlive statics
  return *names;
}

}  // namespace

FileName::FileName(std::string_view name) : name_(name.empty() ? nullptr : pool().intern(name)) {}

const std::string& FileName::str() const {
  static const std::string none;
  return name_ != nullptr ? *name_ : none;
}

}  // namespace nashr
