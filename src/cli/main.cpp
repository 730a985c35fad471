#include <iostream>
#include <string>
#include <vector>

#include "base/allocator.h"
#include "base/diagnostics.h"
#include "cli/cli.h"
#include "cli/progress.h"

int main(int argc, char** argv) {
  nashr::tune_allocator();
  std::vector<std::string> arguments(argv + 1, argv + argc);
  return nashr::run_cli(arguments, std::cout, std::cerr, nashr::stderr_wants_colour(),
                        nashr::stderr_takes_progress());
}
