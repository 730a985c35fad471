#include "base/loadable_module.h"

#include <dlfcn.h>

#include <filesystem>
#include <map>
#include <mutex>
#include <vector>

#include "base/data_dirs.h"

namespace nashr {

namespace fs = std::filesystem;

namespace {

std::vector<fs::path> module_candidates(const char* file_name) {
  std::vector<fs::path> candidates;
  if (const fs::path executable_dir = executable_folder(); !executable_dir.empty()) {
    candidates.push_back(executable_dir.parent_path() / "lib" / "nashr" / file_name);
  }
  if (const fs::path build_tree = build_tree_folder(); !build_tree.empty()) candidates.push_back(build_tree / file_name);
  return candidates;
}

struct LoadedFile {
  void* handle = nullptr;
  std::string failure;
};

LoadedFile load(const char* file_name) {
  LoadedFile loaded;
  std::string tried;
  for (const fs::path& candidate : module_candidates(file_name)) {
    std::error_code error;
    if (!fs::exists(candidate, error)) {
      tried += (tried.empty() ? "" : ", ") + candidate.string();
      continue;
    }
    loaded.handle = dlopen(candidate.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (loaded.handle == nullptr) loaded.failure = dlerror();
    return loaded;
  }
  loaded.failure = std::string(file_name) + " not found: " + (tried.empty() ? "no folder to look in" : "looked for " + tried);
  return loaded;
}

}  // namespace

std::string module_missing_hint(const char* file_name) {
  return std::string("reinstall nashr (its package holds lib/nashr/") + file_name + "), or rebuild it";
}

ModuleEntry module_entry(const char* file_name, const char* symbol) {
  static std::mutex mutex;
  static std::map<std::string, LoadedFile> files;
  const std::lock_guard<std::mutex> lock(mutex);
  auto found = files.find(file_name);
  if (found == files.end()) found = files.emplace(file_name, load(file_name)).first;
  const LoadedFile& file = found->second;
  if (file.handle == nullptr) return {nullptr, file.failure};
  void* entry = dlsym(file.handle, symbol);
  if (entry == nullptr) return {nullptr, std::string(file_name) + " has no " + symbol};
  return {entry, {}};
}

}  // namespace nashr
