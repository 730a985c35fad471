#pragma once
#include <cstddef>
#include <filesystem>
#include <functional>
#include <limits>
#include <string>
#include <string_view>

#include "base/result.h"

namespace nashr {

// The whole file as bytes; a failure names the file and the system's reason.
Result<std::string> read_file(const std::filesystem::path& path);

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
