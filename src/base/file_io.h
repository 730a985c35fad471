#pragma once
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <limits>
#include <string>
#include <string_view>

#include "base/result.h"

namespace nashr {

// What read_file accepts. Only regular files: a named pipe would block the read forever, a device
// such as /dev/zero would never end.
struct ReadLimits {
  std::uintmax_t max_bytes = 256u << 20;  // 256 MB: far above any report, style, font or image
};

// The whole file as bytes; a failure names the file and the system's reason, or says that it is
// not a regular file or is over `limits.max_bytes`.
Result<std::string> read_file(const std::filesystem::path& path, const ReadLimits& limits = {});

// Writes through `write` into a new temporary file in the target's folder and renames it over the
// target only when `write` succeeded, so a failed run never leaves a partial file nor clobbers the
// previous good one. `write` receives the temporary file's descriptor, open for writing (it must
// not close it), never a path: the file is created under an unpredictable name with O_EXCL and
// O_NOFOLLOW, so a link planted in the folder is never written through. A target that is a folder
// is refused. Temporaries that a killed run left for the same target (".NAME.tmp-PID…", written
// before this process started by a process that is gone) are removed first. Files get mode 0666
// less the umask, like any other.
Result<void> write_file_atomically(const std::filesystem::path& target,
                                   const std::function<Result<void>(int descriptor)>& write);

// The same for bytes already in memory. `fail_after_bytes` is a test hook: the write stops after
// that many bytes and fails as a full disk would, so tests can check that the previous file survives.
// `tidy` false skips the look for stale temporaries, a scan of the whole folder: a writer of
// thousands of files into one folder (`nashr distribute`) calls remove_stale_temporaries once.
Result<void> write_file_atomically(const std::filesystem::path& target, std::string_view bytes,
                                   std::size_t fail_after_bytes = std::numeric_limits<std::size_t>::max(),
                                   bool tidy = true);

// Writes all of `bytes` to `descriptor` (again after a short write or a signal); false on an error.
bool write_all(int descriptor, std::string_view bytes);

// Removes the temporaries that killed runs left in `folder`, for any target (see above).
void remove_stale_temporaries(const std::filesystem::path& folder);

}  // namespace nashr
