#pragma once
// Helpers that tests of several stages share: a command run through the shell with its output, and
// a file read or written whole.
#include <filesystem>
#include <string>

namespace nashr::testing {

struct Command {
  int status = -1;  // the exit code; -1 when it could not run or was killed by a signal
  std::string out;  // standard output and standard error, interleaved as written
};

// Runs `command` with /bin/sh and waits for it.
Command run(const std::string& command);

// A file's bytes; empty when it cannot be read (the test's own checks then fail).
std::string read_text(const std::filesystem::path& path);

void write_text(const std::filesystem::path& path, const std::string& text);

}  // namespace nashr::testing
