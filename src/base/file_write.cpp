// The writing side of base/file_io.h: a file appears whole or not at all, and a link planted in the
// output folder never redirects the write.
#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <climits>
#include <cstring>
#include <ctime>
#include <memory>
#include <optional>
#include <random>
#include <system_error>
#include <utility>

#include "base/file_io.h"

namespace nashr {

namespace fs = std::filesystem;

namespace {

// A file descriptor, closed when it goes.
class Descriptor {
 public:
  explicit Descriptor(int descriptor) : descriptor_(descriptor) {}
  Descriptor(const Descriptor&) = delete;
  Descriptor& operator=(const Descriptor&) = delete;
  ~Descriptor() { close(); }

  int get() const { return descriptor_; }
  bool is_open() const { return descriptor_ >= 0; }
  // Closes now; false when the close failed (some file systems report a failed write only there).
  bool close() {
    const int descriptor = std::exchange(descriptor_, -1);
    return descriptor < 0 || ::close(descriptor) == 0;
  }

 private:
  int descriptor_;
};

std::string system_reason(int error) {
  return std::error_code(error, std::generic_category()).message();
}

// When this process started, near enough (when its static objects were built): a temporary file
// last written before then cannot be one this process is writing.
const timespec kProcessStart = [] {
  timespec now{};
  ::clock_gettime(CLOCK_REALTIME, &now);
  return now;
}();

bool before_process_start(const timespec& time) {
  return time.tv_sec < kProcessStart.tv_sec ||
         (time.tv_sec == kProcessStart.tv_sec && time.tv_nsec < kProcessStart.tv_nsec);
}

constexpr std::string_view kTemporaryMark = ".tmp-";
constexpr std::size_t kRandomLength = 10;

// The temporary for `target_name`: ".NAME.tmp-PID-RANDOM", hidden, named after its target and its
// writer (so a later build can tell a stale one from one being written) and unpredictable (so no
// one can plant a link under the name beforehand).
std::string temporary_name(const std::string& target_name) {
  static constexpr char kAlphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789";
  std::random_device random;
  std::uniform_int_distribution<std::size_t> pick(0, sizeof kAlphabet - 2);
  // (Built with append: g++ 12 warns falsely on `"." + string` under -O2, -Wrestrict.)
  std::string name(1, '.');
  name.append(target_name).append(kTemporaryMark).append(std::to_string(::getpid())).append(1, '-');
  for (std::size_t i = 0; i < kRandomLength; ++i) name += kAlphabet[pick(random)];
  return name;
}

// The writer's process id when `name` is one of our temporaries for `target_name`: ".NAME.tmp-PID"
// (what nashr wrote before) or ".NAME.tmp-PID-RANDOM".
std::optional<pid_t> temporary_writer(std::string_view name, std::string_view target_name) {
  if (name.size() < 1 + target_name.size() + kTemporaryMark.size() || name[0] != '.' ||
      name.substr(1, target_name.size()) != target_name ||
      name.substr(1 + target_name.size(), kTemporaryMark.size()) != kTemporaryMark) {
    return std::nullopt;
  }
  const std::string_view rest = name.substr(1 + target_name.size() + kTemporaryMark.size());
  long pid = 0;
  const auto [end, error] = std::from_chars(rest.data(), rest.data() + rest.size(), pid);
  if (error != std::errc() || end == rest.data() || pid <= 0 || pid > INT_MAX) return std::nullopt;
  const std::string_view suffix(end, static_cast<std::size_t>(rest.data() + rest.size() - end));
  const bool plain = suffix.empty();
  const bool random = suffix.size() > 1 && suffix.size() <= 1 + 32 && suffix[0] == '-' &&
                      std::all_of(suffix.begin() + 1, suffix.end(), [](char c) {
                        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
                      });
  if (!plain && !random) return std::nullopt;
  return static_cast<pid_t>(pid);
}

bool process_running(pid_t pid) {
  return ::kill(pid, 0) == 0 || errno != ESRCH;
}

// Removes what a killed run of nashr left in `folder` for `target_name`: our temporaries (by name,
// regular files of this user) last written before this process started by a process that is gone.
// One being written by a live run, ours or another's, stays; failures are ignored (it is tidying).
// An empty `target_name` stands for any target.
void remove_stale_temporaries(int folder, const std::string& target_name) {
  const int listing = ::openat(folder, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (listing < 0) return;
  const std::unique_ptr<DIR, int (*)(DIR*)> entries(::fdopendir(listing), &::closedir);
  if (entries == nullptr) {
    ::close(listing);
    return;
  }
  while (const dirent* entry = ::readdir(entries.get())) {
    const std::string_view name = entry->d_name;
    const std::size_t mark = name.rfind(kTemporaryMark);
    if (target_name.empty() && (mark == std::string_view::npos || mark < 2)) continue;
    const std::string_view target = target_name.empty() ? name.substr(1, mark - 1) : std::string_view(target_name);
    const std::optional<pid_t> writer = temporary_writer(name, target);
    if (!writer) continue;
    struct stat status {};
    if (::fstatat(folder, entry->d_name, &status, AT_SYMLINK_NOFOLLOW) != 0) continue;
    if (!S_ISREG(status.st_mode) || status.st_uid != ::geteuid()) continue;
    if (!before_process_start(status.st_mtim) || process_running(*writer)) continue;
    ::unlinkat(folder, entry->d_name, 0);
  }
}

struct Temporary {
  std::string name;
  int descriptor = -1;
};

// Creates a new temporary in `folder`: O_EXCL and O_NOFOLLOW, so an existing file or a link under
// the name fails instead of being written through (another name is tried); mode 0666 less the
// umask, as for any file the user creates.
Result<Temporary> create_temporary(int folder, const fs::path& target) {
  const std::string target_name = target.filename().string();
  for (int attempt = 0; attempt < 100; ++attempt) {
    Temporary temporary{temporary_name(target_name)};
    temporary.descriptor = ::openat(folder, temporary.name.c_str(),
                                    O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
    if (temporary.descriptor >= 0) return temporary;
    if (errno != EEXIST) {
      return fail(make_error({target.string()}, "cannot write: " + system_reason(errno),
                             "check that the output folder is writable"));
    }
  }
  return fail(make_error({target.string()}, "cannot find a free name for the temporary file",
                         "remove the .*.tmp-* files in the output folder"));
}

}  // namespace

namespace {

Result<void> write_atomically(const fs::path& target, const std::function<Result<void>(int)>& write, bool tidy) {
  const fs::path folder = target.has_parent_path() ? target.parent_path() : fs::path(".");
  const std::string target_name = target.filename().string();
  if (target_name.empty() || target_name == "." || target_name == "..") {
    return fail(make_error({target.string()}, "is a folder, not a file", "name a file to write"));
  }
  std::error_code ec;
  fs::create_directories(folder, ec);
  if (ec) {
    return fail(make_error({folder.string()}, "cannot create the output folder: " + ec.message()));
  }
  const Descriptor directory(::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (!directory.is_open()) {
    return fail(make_error({folder.string()}, "cannot open the output folder: " + system_reason(errno)));
  }
  struct stat existing {};
  if (::fstatat(directory.get(), target_name.c_str(), &existing, AT_SYMLINK_NOFOLLOW) == 0 &&
      S_ISDIR(existing.st_mode)) {
    return fail(make_error({target.string()}, "is a folder, not a file, so the output cannot go there",
                           "remove or rename the folder, or build into another folder with -o"));
  }
  if (tidy) remove_stale_temporaries(directory.get(), target_name);

  // The temporary lives beside the target so that the rename stays on one file system.
  Result<Temporary> created = create_temporary(directory.get(), target);
  if (!created) return fail(created.error());
  const std::string temporary = created->name;
  Descriptor file(created->descriptor);
  Result<void> written = write(file.get());
  const bool closed = file.close();
  if (!written || !closed) {
    ::unlinkat(directory.get(), temporary.c_str(), 0);
    if (!written) return written;
    return fail(make_error({target.string()}, "cannot write the whole file (disk full?)",
                           "free some space; the previous file was left as it was"));
  }
  if (::renameat(directory.get(), temporary.c_str(), directory.get(), target_name.c_str()) != 0) {
    const int error = errno;
    ::unlinkat(directory.get(), temporary.c_str(), 0);
    return fail(make_error({target.string()}, "cannot move the finished file into place: " + system_reason(error),
                           "check that the output folder is writable"));
  }
  return Ok{};
}

}  // namespace

bool write_all(int file, std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t written = ::write(file, bytes.data(), bytes.size());
    if (written < 0 && errno == EINTR) continue;
    if (written <= 0) return false;
    bytes.remove_prefix(static_cast<std::size_t>(written));
  }
  return true;
}

Result<void> write_file_atomically(const fs::path& target, const std::function<Result<void>(int)>& write) {
  return write_atomically(target, write, true);
}

void remove_stale_temporaries(const fs::path& folder) {
  const Descriptor directory(::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (directory.is_open()) remove_stale_temporaries(directory.get(), std::string());
}

Result<void> write_file_atomically(const fs::path& target, std::string_view bytes, std::size_t fail_after_bytes,
                                   bool tidy) {
  return write_atomically(target, [&](int file) -> Result<void> {
    const std::size_t count = std::min(bytes.size(), fail_after_bytes);
    if (!write_all(file, bytes.substr(0, count)) || count != bytes.size()) {
      return fail(make_error({target.string()}, "cannot write the whole file (disk full?)",
                             "free some space; the previous file was left as it was"));
    }
    return Ok{};
  }, tidy);
}

}  // namespace nashr
