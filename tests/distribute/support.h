#pragma once
// What the distribute tests share: running commands, the sample issues built once, a key file and
// a subscribers file of three (an English name, a Persian one, a mixed one).
#include <filesystem>
#include <string>

namespace nashr::testing {

namespace fs = std::filesystem;

struct Command {
  int code = -1;
  std::string out;  // stdout and stderr
};

Command run(const std::string& command);
// Fails the test, with what to install, when `tool` is not on the PATH.
void require_tool(const char* tool);
std::string slurp(const fs::path& path);
// A fresh empty folder under the build tree.
fs::path scratch(const std::string& name);

inline const std::string kNashr = NASHR_EXECUTABLE;

struct Fixture {
  fs::path folder;
  fs::path english, persian, key, subscribers;
  Fixture();
  std::string common() const { return " --subscribers " + subscribers.string() + " --key-file " + key.string(); }
};

const Fixture& fixture();

// nashr distribute ISSUE with the fixture's subscribers and key into `out`.
Command distribute(const fs::path& issue, const fs::path& out, const std::string& extra = "");

}  // namespace nashr::testing
