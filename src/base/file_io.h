#pragma once
#include <filesystem>
#include <functional>
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

// The same for bytes already in memory.
Result<void> write_file_atomically(const std::filesystem::path& target, std::string_view bytes);

}  // namespace nashr
