#pragma once
// The subscribers file of `nashr distribute`: CSV (RFC 4180), UTF-8, a header row naming the
// columns `id` and `name` (required) and `email`, `lang`, `password` (optional), in any order.
// Every problem is located as file:line:col; a row with an error is left out of the list.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostics.h"
#include "base/result.h"

namespace nashr {

// The longest name a stamp takes, in characters (code points).
inline constexpr std::size_t kMaxNameLength = 80;
// The longest id: ids name the copies' files.
inline constexpr std::size_t kMaxIdLength = 64;
// PDF 2.0 passwords are at most 127 bytes of UTF-8.
inline constexpr std::size_t kMaxPasswordBytes = 127;

struct Subscriber {
  std::string id;     // letters, digits, '.', '_' and '-'; the copy is <id>.pdf
  std::string name;   // as printed in the stamp; no bidi controls, no control characters
  std::string email;  // may be empty
  std::string lang;   // "fa", "en" or empty (the language)
  std::string password;  // the copy's user password; empty: none (or derived, by option)
  SourceLocation location;  // the row's first field
};

struct SubscriberList {
  std::vector<Subscriber> subscribers;  // in file order, the rows without errors
  std::size_t rejected_rows = 0;        // rows left out for an error
};

// Parses the CSV text of `file`. Errors go to `sink`; the rows that have none are returned. A file
// without a usable header (no header, a required column missing) gives no rows.
SubscriberList parse_subscribers(std::string_view text, const FileName& file, DiagnosticSink& sink);

// Reads and parses the file; fails only when it cannot be read (location without a line).
Result<SubscriberList> read_subscribers(const std::string& path, DiagnosticSink& sink);

}  // namespace nashr
