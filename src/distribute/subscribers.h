#pragma once
// The subscribers file of `nashr distribute`: CSV (RFC 4180), UTF-8, a header row naming the
// columns `id` and `name` (required) and `email`, `lang`, `password` (optional), in any order.
// Every problem is located as file:line:col; a row with an error is left out of the list.
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostics.h"
#include "base/result.h"
#include "distribute/csv.h"

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

// The rows of a subscribers file one at a time, for lists of any length: per row it keeps only
// what the duplicate check needs (16 bytes: a hash of the id, where its row starts and its line).
class SubscriberReader {
 public:
  // Reads the header; errors go to `sink`. `text` must outlive the reader.
  SubscriberReader(std::string_view text, const FileName& file, DiagnosticSink& sink);

  // The next row without errors, in file order; false at the end. The errors of the rows passed
  // over go to `sink`.
  bool next(Subscriber& subscriber, DiagnosticSink& sink);
  std::size_t rejected_rows() const { return rejected_rows_; }

 private:
  struct SeenId {
    std::uint64_t hash = 0;
    std::uint32_t offset = 0;  // of the row in the text
    std::int32_t line = 0;     // 0: an empty slot
  };
  // The line of the row before that had `id`, or 0; else remembers this row's.
  int first_line_of(std::string_view id, const CsvRecord& row);

  std::string_view text_;
  FileName file_;
  CsvReader reader_;
  CsvRecord record_;
  std::array<std::optional<std::size_t>, 5> columns_;  // the fields of id, name, email, lang, password
  std::size_t header_fields_ = 0;
  bool usable_ = false;
  std::size_t rejected_rows_ = 0;
  std::vector<SeenId> seen_;  // open addressing, at most half full
  std::size_t seen_count_ = 0;
};

// Parses the CSV text of `file`. Errors go to `sink`; the rows that have none are returned. A file
// without a usable header (no header, a required column missing) gives no rows.
SubscriberList parse_subscribers(std::string_view text, const FileName& file, DiagnosticSink& sink);

// Reads and parses the file; fails only when it cannot be read (location without a line).
Result<SubscriberList> read_subscribers(const std::string& path, DiagnosticSink& sink);

}  // namespace nashr
