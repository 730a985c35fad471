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

// Writes through `write` into a temporary file in the target's folder and renames it over the
// target only when `write` succeeded, so a failed run never leaves a partial file nor clobbers the
// previous good one. `write` receives the temporary path.
Result<void> write_file_atomically(const std::filesystem::path& target,
                                   const std::function<Result<void>(const std::filesystem::path&)>& write);

// The same for bytes already in memory. `fail_after_bytes` is a test hook: the write stops after
// that many bytes and fails as a full disk would, so tests can check that the previous file survives.
Result<void> write_file_atomically(const std::filesystem::path& target, std::string_view bytes,
                                   std::size_t fail_after_bytes = std::numeric_limits<std::size_t>::max());

}  // namespace nashr
