#include "base/data_dirs.h"

#include <cstdlib>
#include <fstream>
#include <string>
#include <system_error>
#include <utility>

namespace nashr {

namespace fs = std::filesystem;

namespace {

// The first of `executable_dir` and its three parents holding a readable, non-empty
// nashr-source-dir file (CMake writes it at configure time), with the source folder it names.
std::pair<fs::path, fs::path> find_build_tree(const fs::path& executable_dir) {
  fs::path dir = executable_dir;
  for (int level = 0; level < 4 && !dir.empty(); ++level) {
    std::ifstream marker(dir / "nashr-source-dir");
    std::string source;
    if (marker && std::getline(marker, source) && !source.empty()) return {dir, source};
    if (dir == dir.parent_path()) break;
    dir = dir.parent_path();
  }
  return {};
}

std::vector<fs::path> find_data_dirs() {
  std::vector<fs::path> dirs;
  if (const char* dir = std::getenv("NASHR_DATA_DIR"); dir != nullptr && *dir != '\0') dirs.emplace_back(dir);
  const fs::path executable_dir = executable_folder();
  if (!executable_dir.empty()) {
    dirs.push_back((executable_dir.parent_path() / "share" / "nashr").lexically_normal());
    if (fs::path source = find_build_tree(executable_dir).second; !source.empty()) dirs.push_back(source);
  }
  return dirs;
}

}  // namespace

const std::vector<fs::path>& data_dirs() {
  static const std::vector<fs::path> dirs = find_data_dirs();
  return dirs;
}

fs::path executable_folder() {
  std::error_code error;
  const fs::path executable = fs::read_symlink("/proc/self/exe", error);
  return error ? fs::path() : executable.parent_path();
}

fs::path build_tree_folder() {
  const fs::path executable_dir = executable_folder();
  return executable_dir.empty() ? fs::path() : find_build_tree(executable_dir).first;
}

fs::path find_data_dir(const char* name) {
  std::error_code error;
  for (const fs::path& dir : data_dirs()) {
    if (fs::is_directory(dir / name, error)) return dir / name;
  }
  return {};
}

}  // namespace nashr
