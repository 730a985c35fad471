#pragma once
// nashr's command line run in the test's own process (run_cli), with what it printed.
#include <string>
#include <vector>

namespace nashr::testing {

struct CliRun {
  int code = -1;
  std::string out;
  std::string err;
};

CliRun run_nashr(const std::vector<std::string>& arguments);

}  // namespace nashr::testing
