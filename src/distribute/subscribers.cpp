#include "distribute/subscribers.h"

#include <array>
#include <cstdio>
#include <optional>
#include <functional>
#include <utility>

#include "base/file_io.h"
#include "base/utf8.h"
#include "distribute/csv.h"

namespace nashr {

namespace {

enum Column : std::size_t { id_column, name_column, email_column, lang_column, password_column, column_count };
constexpr std::array<const char*, column_count> kColumnNames = {"id", "name", "email", "lang", "password"};
constexpr const char* kHeaderHint = "the first row names the columns: id,name and optionally email,lang,password";

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

std::string lower_ascii(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// Which field of a row holds each column (nullopt: the file has no such column).
using ColumnMap = std::array<std::optional<std::size_t>, column_count>;

// The header row's columns; false (with errors reported) when it cannot be used.
bool read_header(const CsvRecord& header, ColumnMap& columns, DiagnosticSink& sink) {
  bool usable = !header.bad;
  for (std::size_t field = 0; field < header.fields.size(); ++field) {
    const CsvField& cell = header.fields[field];
    const std::string name = lower_ascii(trim(cell.value));
    bool known = false;
    for (std::size_t c = 0; c < column_count; ++c) {
      if (name != kColumnNames[c]) continue;
      known = true;
      if (columns[c]) {
        sink.error(cell.location, "the column '" + name + "' is named twice in the header", kHeaderHint);
        usable = false;
      }
      columns[c] = field;
    }
    if (!known) sink.warning(cell.location, "unknown column '" + name + "' is ignored", kHeaderHint);
  }
  for (const Column required : {id_column, name_column}) {
    if (columns[required]) continue;
    sink.error(header.location, std::string("the header has no '") + kColumnNames[required] + "' column",
               kHeaderHint);
    usable = false;
  }
  return usable;
}

SourceLocation shifted(const CsvField& field, std::size_t code_points) {
  SourceLocation location = field.location;
  if (!field.spans_lines) location.column += static_cast<int>(code_points) + (field.quoted ? 1 : 0);
  return location;
}

bool is_bidi_control(char32_t c) {
  return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

bool is_control(char32_t c) {
  return c < 0x20 || (c >= 0x7F && c < 0xA0) || c == 0x2028 || c == 0x2029;
}

// The name's problems: bidi controls, control characters, its length.
bool check_name(const CsvField& field, std::string_view name, DiagnosticSink& sink) {
  if (name.empty()) {
    sink.error(field.location, "empty name", "every subscriber needs the name their copy is stamped with");
    return false;
  }
  std::size_t count = 0;
  const std::size_t lead = static_cast<std::size_t>(name.data() - field.value.data());
  for (std::size_t i = 0; i < lead;) {  // the spaces trimmed before the name
    next_code_point(field.value, i);
    ++count;
  }
  for (std::size_t i = 0; i < name.size();) {
    const char32_t c = next_code_point(name, i);
    char code[16];
    std::snprintf(code, sizeof code, "U+%04X", static_cast<unsigned>(c));
    if (is_bidi_control(c)) {
      sink.error(shifted(field, count), std::string("the name holds the bidi control ") + code,
                 "bidi controls can make a stamp read as someone else's name; remove it");
      return false;
    }
    if (is_control(c)) {
      sink.error(shifted(field, count), std::string("the name holds the control character ") + code,
                 "a name is one line of printable text");
      return false;
    }
    ++count;
  }
  std::size_t length = 0;
  for (std::size_t i = 0; i < name.size(); ++length) next_code_point(name, i);
  if (length > kMaxNameLength) {
    sink.error(field.location,
               "the name has " + std::to_string(length) + " characters, over the " + std::to_string(kMaxNameLength) +
                   " a stamp takes",
               "shorten the name");
    return false;
  }
  return true;
}

bool check_id(const CsvField& field, std::string_view id, DiagnosticSink& sink) {
  const char* hint = "an id names the copy's file: letters A-Z a-z, digits, '.', '_' and '-', at most 64";
  if (id.empty()) {
    sink.error(field.location, "empty id", hint);
    return false;
  }
  for (std::size_t i = 0; i < id.size(); ++i) {
    const char c = id[i];
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
                    c == '-' || (c == '.' && i > 0);
    if (!ok) {
      sink.error(shifted(field, static_cast<std::size_t>(id.data() - field.value.data()) + i),
                 "the id '" + std::string(id) + "' holds a character an id cannot have", hint);
      return false;
    }
  }
  if (id.size() > kMaxIdLength) {
    sink.error(field.location, "the id is " + std::to_string(id.size()) + " characters long", hint);
    return false;
  }
  return true;
}

bool check_optional(const Subscriber& subscriber, const std::array<const CsvField*, column_count>& cells,
                    DiagnosticSink& sink) {
  const std::string& email = subscriber.email;
  const std::size_t at = email.find('@');
  if (!email.empty() && (at == 0 || at == std::string::npos || at + 1 == email.size() ||
                         email.find_first_of(" \t\n@", at + 1) != std::string::npos)) {
    sink.error(cells[email_column]->location, "'" + email + "' is not an e-mail address",
               "write it as name@example.org, or leave the field empty");
    return false;
  }
  const std::string& lang = subscriber.lang;
  if (!lang.empty() && lang != "fa" && lang != "en" && lang.rfind("fa-", 0) != 0 && lang.rfind("en-", 0) != 0) {
    sink.error(cells[lang_column]->location, "the language '" + lang + "' has no stamp",
               "write fa or en, or leave the field empty for the issue's language");
    return false;
  }
  if (subscriber.password.size() > kMaxPasswordBytes) {
    sink.error(cells[password_column]->location, "the password is over 127 bytes", "PDF passwords are at most 127 bytes");
    return false;
  }
  return true;
}

// The subscriber of one row, or nullopt (errors reported).
std::optional<Subscriber> read_row(const CsvRecord& row, const ColumnMap& columns, std::size_t header_fields,
                                   DiagnosticSink& sink) {
  if (row.bad) return std::nullopt;
  if (row.fields.size() != header_fields) {
    sink.error(row.location,
               "this row has " + std::to_string(row.fields.size()) + " fields and the header " +
                   std::to_string(header_fields),
               "a field holding a comma goes in quotes: \"Doe, Jane\"");
    return std::nullopt;
  }
  std::array<const CsvField*, column_count> cells{};
  for (std::size_t c = 0; c < column_count; ++c) cells[c] = columns[c] ? &row.fields[*columns[c]] : nullptr;
  Subscriber subscriber;
  subscriber.location = row.location;
  const std::string_view id = trim(cells[id_column]->value);
  const std::string_view name = trim(cells[name_column]->value);
  if (!check_id(*cells[id_column], id, sink) || !check_name(*cells[name_column], name, sink)) return std::nullopt;
  subscriber.id = id;
  subscriber.name = name;
  if (cells[email_column]) subscriber.email = trim(cells[email_column]->value);
  if (cells[lang_column]) subscriber.lang = lower_ascii(trim(cells[lang_column]->value));
  if (cells[password_column]) subscriber.password = cells[password_column]->value;
  if (!check_optional(subscriber, cells, sink)) return std::nullopt;
  return subscriber;
}

}  // namespace

SubscriberReader::SubscriberReader(std::string_view text, const FileName& file, DiagnosticSink& sink)
    : text_(text), file_(file), reader_(text, file) {
  if (!reader_.next(record_, sink)) {
    sink.error({file, 1, 1}, "the subscribers file is empty", kHeaderHint);
    return;
  }
  usable_ = read_header(record_, columns_, sink);
  header_fields_ = record_.fields.size();
}

int SubscriberReader::first_line_of(std::string_view id, const CsvRecord& row) {
  if ((seen_count_ + 1) * 2 > seen_.size()) {
    std::vector<SeenId> old = std::exchange(seen_, std::vector<SeenId>(seen_.empty() ? 1024 : seen_.size() * 2));
    for (const SeenId& entry : old) {
      if (entry.line == 0) continue;
      std::size_t i = entry.hash & (seen_.size() - 1);
      while (seen_[i].line != 0) i = (i + 1) & (seen_.size() - 1);
      seen_[i] = entry;
    }
  }
  const std::uint64_t hash = std::hash<std::string_view>{}(id);
  std::size_t i = hash & (seen_.size() - 1);
  for (; seen_[i].line != 0; i = (i + 1) & (seen_.size() - 1)) {
    if (seen_[i].hash != hash) continue;
    // The same hash: the earlier row, read again, says whether it is the same id.
    CsvReader again(text_, file_, seen_[i].offset, seen_[i].line);
    CsvRecord earlier;
    DiagnosticSink ignored;  // it was read without errors the first time
    if (again.next(earlier, ignored) && trim(earlier.fields.at(*columns_[id_column]).value) == id) {
      return seen_[i].line;
    }
  }
  seen_[i] = {hash, static_cast<std::uint32_t>(row.offset), row.location.line};
  ++seen_count_;
  return 0;
}

bool SubscriberReader::next(Subscriber& subscriber, DiagnosticSink& sink) {
  if (!usable_) return false;
  while (reader_.next(record_, sink)) {
    std::optional<Subscriber> row = read_row(record_, columns_, header_fields_, sink);
    if (row) {
      if (const int first = first_line_of(row->id, record_); first != 0) {
        sink.error(*columns_[id_column] < record_.fields.size() ? record_.fields[*columns_[id_column]].location
                                                                : record_.location,
                   "duplicate id '" + row->id + "' (first on line " + std::to_string(first) + ")",
                   "every subscriber needs an id of their own");
        row.reset();
      }
    }
    if (row) {
      subscriber = std::move(*row);
      return true;
    }
    ++rejected_rows_;
  }
  return false;
}

SubscriberList parse_subscribers(std::string_view text, const FileName& file, DiagnosticSink& sink) {
  SubscriberList list;
  SubscriberReader reader(text, file, sink);
  Subscriber subscriber;
  while (reader.next(subscriber, sink)) list.subscribers.push_back(std::move(subscriber));
  list.rejected_rows = reader.rejected_rows();
  return list;
}

Result<SubscriberList> read_subscribers(const std::string& path, DiagnosticSink& sink) {
  Result<std::string> text = read_file(path);
  if (!text) return fail(text.error());
  return parse_subscribers(*text, FileName(path), sink);
}

}  // namespace nashr
