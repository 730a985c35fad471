#pragma once
#include <iosfwd>
#include <string>
#include <vector>

namespace nashr {

// The whole command line: parses `arguments` (without the program name), runs the command and
// returns the process's exit code (see ExitCode). Diagnostics go to `err`, dumps and help to `out`.
int run_cli(const std::vector<std::string>& arguments, std::ostream& out, std::ostream& err,
            bool colour = false);

}  // namespace nashr
