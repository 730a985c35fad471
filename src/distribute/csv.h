#pragma once
// A small RFC 4180 reader: records of fields, each field located. UTF-8 is checked as it is read;
// CRLF, LF and a lone CR all end a record; a UTF-8 byte order mark at the start is skipped.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostics.h"

namespace nashr {

struct CsvField {
  std::string value;
  SourceLocation location;  // the field's first character (its opening quote when quoted)
  bool quoted = false;
  bool spans_lines = false;  // a quoted field holding a line break
};

struct CsvRecord {
  std::vector<CsvField> fields;
  SourceLocation location;
  std::size_t offset = 0;  // of its first byte in the text: a reader started there reads it again
  bool bad = false;  // an error was reported for it
};

class CsvReader {
 public:
  CsvReader(std::string_view text, FileName file);
  // A reader that starts at a record read before: its `offset`, on its line.
  CsvReader(std::string_view text, FileName file, std::size_t offset, int line);

  // The next record that is not an empty line; false at the end of the text. After an unterminated
  // quote (reported, the record bad) there is no other record.
  bool next(CsvRecord& record, DiagnosticSink& sink);

 private:
  bool at_end() const { return position_ >= text_.size(); }
  char peek() const { return text_[position_]; }
  bool at_record_end() const { return at_end() || peek() == ',' || peek() == '\r' || peek() == '\n'; }
  SourceLocation here() const { return {file_, line_, column_}; }
  void skip_line_end();
  void take_code_point(std::string& out, CsvRecord& record, DiagnosticSink& sink);
  void read_quoted(CsvField& field, CsvRecord& record, DiagnosticSink& sink);
  void read_unquoted(CsvField& field, CsvRecord& record, DiagnosticSink& sink);
  void error(CsvRecord& record, DiagnosticSink& sink, SourceLocation where, std::string message,
             std::string hint);

  std::string_view text_;
  FileName file_;
  std::size_t position_ = 0;
  int line_ = 1;
  int column_ = 1;
  bool stopped_ = false;
};

}  // namespace nashr
