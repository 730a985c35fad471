#pragma once
// What the fuzz targets share: each input is written to a file of its own in a private folder (the
// readers take paths, as the command line gives them), and diagnostics go to a sink that is dropped.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>

namespace nashr::fuzzing {

// The private folder of this process (made on first use, under $TMPDIR or /tmp).
const std::filesystem::path& scratch_folder();

// Writes `size` bytes to scratch_folder()/name and returns the path.
std::string write_input(const std::string& name, const std::uint8_t* data, std::size_t size);

}  // namespace nashr::fuzzing
