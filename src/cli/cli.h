#pragma once
#include <iosfwd>
#include <string>
#include <vector>

namespace nashr {

// The whole command line: parses `arguments` (without the program name), runs the command and
// returns the process's exit code (see ExitCode). Diagnostics go to `err`, dumps and help to `out`.
// `progress`: `err` is a terminal on which a batch may keep a progress line.
int run_cli(const std::vector<std::string>& arguments, std::ostream& out, std::ostream& err,
            bool colour = false, bool progress = false);

}  // namespace nashr
