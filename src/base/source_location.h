#pragma once
#include <string>
#include <string_view>

namespace nashr {

// A file name as locations carry it: interned once for the process, so a location is a pointer and
// two numbers. Every node, span and line of an issue has a location, and a std::string each was a
// heap allocation each (tens of megabytes for a 1000-page issue).
class FileName {
 public:
  FileName() = default;
  FileName(std::string_view name);  // NOLINT: a string in all but storage
  FileName(const std::string& name) : FileName(std::string_view(name)) {}  // NOLINT
  FileName(const char* name) : FileName(std::string_view(name)) {}         // NOLINT

  const std::string& str() const;
  operator const std::string&() const { return str(); }  // NOLINT
  bool empty() const { return name_ == nullptr; }
  std::size_t find(std::string_view text) const { return str().find(text); }

  friend bool operator==(const FileName& a, const FileName& b) { return a.name_ == b.name_; }
  friend bool operator==(const FileName& a, std::string_view b) { return a.str() == b; }
  friend bool operator==(const FileName& a, const std::string& b) { return a.str() == b; }
  friend bool operator==(const FileName& a, const char* b) { return a.str() == b; }

 private:
  const std::string* name_ = nullptr;  // in the process's pool; null for no file
};

// Where something came from in the user's input: 1-based line and column, 0 when unknown.
struct SourceLocation {
  FileName file;
  int line = 0;
  int column = 0;

  bool known() const { return !file.empty(); }
  friend bool operator==(const SourceLocation&, const SourceLocation&) = default;
};

// "file:line:col", "file:line", "file" or "" depending on what is known.
std::string to_string(const SourceLocation& location);

}  // namespace nashr
