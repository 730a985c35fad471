#include "cli/inputs.h"

#include <glob.h>

#include <algorithm>
#include <filesystem>
#include <system_error>

namespace nashr {

namespace {

namespace fs = std::filesystem;

bool is_pattern(const std::string& argument) {
  return argument.find_first_of("*?[") != std::string::npos;
}

// The *.xml regular files directly in `folder`, sorted so a batch's order does not depend on the
// file system's.
void add_folder(const std::string& folder, ExpandedInputs& inputs, DiagnosticSink& sink) {
  std::vector<std::string> files;
  std::error_code error;
  for (fs::directory_iterator it(folder, error), end; !error && it != end; it.increment(error)) {
    std::error_code type_error;
    if (it->path().extension() == ".xml" && it->is_regular_file(type_error)) files.push_back(it->path().string());
  }
  if (error) {
    sink.error({folder}, "cannot read the folder: " + error.message(), "check that it exists and is readable");
    inputs.io_failure = true;
    return;
  }
  if (files.empty()) {
    sink.error({folder}, "the folder holds no .xml file", "give the reports' folder, or the files themselves");
    inputs.io_failure = true;
    return;
  }
  std::sort(files.begin(), files.end());
  inputs.files.insert(inputs.files.end(), files.begin(), files.end());
}

void add_pattern(const std::string& pattern, ExpandedInputs& inputs, DiagnosticSink& sink) {
  glob_t matches{};
  const int status = glob(pattern.c_str(), 0, nullptr, &matches);
  if (status == 0) {
    std::vector<std::string> files(matches.gl_pathv, matches.gl_pathv + matches.gl_pathc);
    std::sort(files.begin(), files.end());  // glob sorts too, but by the locale's collation
    inputs.files.insert(inputs.files.end(), files.begin(), files.end());
  } else {
    sink.error({pattern}, status == GLOB_NOMATCH ? "no file matches this pattern" : "cannot expand this pattern",
               "check the pattern; quote it ('reports/*.xml') to let nashr expand it, or leave it to the shell");
    inputs.io_failure = true;
  }
  globfree(&matches);
}

}  // namespace

ExpandedInputs expand_inputs(const std::vector<std::string>& arguments, DiagnosticSink& sink) {
  ExpandedInputs inputs;
  for (const std::string& argument : arguments) {
    std::error_code error;
    const fs::file_status status = fs::status(argument, error);
    if (fs::is_directory(status)) {
      add_folder(argument, inputs, sink);
    } else if (!fs::exists(status) && is_pattern(argument)) {
      add_pattern(argument, inputs, sink);
    } else {
      inputs.files.push_back(argument);
    }
  }
  return inputs;
}

}  // namespace nashr
