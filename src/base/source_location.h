#pragma once
#include <string>

namespace nashr {

// Where something came from in the user's input: 1-based line and column, 0 when unknown.
struct SourceLocation {
  std::string file;
  int line = 0;
  int column = 0;

  bool known() const { return !file.empty(); }
  friend bool operator==(const SourceLocation&, const SourceLocation&) = default;
};

// "file:line:col", "file:line", "file" or "" depending on what is known.
std::string to_string(const SourceLocation& location);

}  // namespace nashr
