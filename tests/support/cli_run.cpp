#include "support/cli_run.h"

#include <sstream>

#include "cli/cli.h"

namespace nashr::testing {

CliRun run_nashr(const std::vector<std::string>& arguments) {
  std::ostringstream out, err;
  const int code = run_cli(arguments, out, err);
  return {code, out.str(), err.str()};
}

}  // namespace nashr::testing
