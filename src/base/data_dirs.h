#pragma once
// Where nashr's own data (fonts/, styles/, schema/) lives, found at run time relative to the
// executable, so an installed nashr and one run from its build tree both find theirs and no
// source path is compiled in.
#include <filesystem>
#include <vector>

namespace nashr {

// The folders that may hold nashr's data, in the order they are tried:
//   1. $NASHR_DATA_DIR, when set;
//   2. <executable's folder>/../share/nashr (an installed nashr: PREFIX/bin/nashr and
//      PREFIX/share/nashr);
//   3. the source folder named by the `nashr-source-dir` file that CMake writes into the build tree,
//      found in the executable's folder or one of its three parents (nashr, its tests and
//      benchmarks run from build/PRESET/…). An installed nashr has no such file beside it.
// The folders are listed whether or not they exist, so error messages can name every place looked.
const std::vector<std::filesystem::path>& data_dirs();

// The first of data_dirs() holding `name` (a folder: "fonts", "styles"), or empty.
std::filesystem::path find_data_dir(const char* name);

// The folder of the running executable (from /proc/self/exe), or empty.
std::filesystem::path executable_folder();

// The build tree's folder: the one holding the `nashr-source-dir` file (the executable's folder or
// one of its three parents, as for data_dirs()), where the build puts what nashr loads at run time
// (the modules of base/loadable_module.h); empty for an installed nashr.
std::filesystem::path build_tree_folder();

}  // namespace nashr
