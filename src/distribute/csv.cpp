#include "distribute/csv.h"

#include <cstdio>

#include "base/utf8.h"

namespace nashr {

CsvReader::CsvReader(std::string_view text, FileName file) : text_(text), file_(std::move(file)) {
  if (text_.substr(0, 3) == "\xEF\xBB\xBF") position_ = 3;  // a byte order mark, as spreadsheets write
}

CsvReader::CsvReader(std::string_view text, FileName file, std::size_t offset, int line)
    : text_(text), file_(std::move(file)), position_(offset), line_(line) {}

// One error per record: what follows the first is usually its echo.
void CsvReader::error(CsvRecord& record, DiagnosticSink& sink, SourceLocation where, std::string message,
                      std::string hint) {
  if (!record.bad) sink.error(std::move(where), std::move(message), std::move(hint));
  record.bad = true;
}

void CsvReader::skip_line_end() {
  if (peek() == '\r' && position_ + 1 < text_.size() && text_[position_ + 1] == '\n') ++position_;
  ++position_;
  ++line_;
  column_ = 1;
}

void CsvReader::take_code_point(std::string& out, CsvRecord& record, DiagnosticSink& sink) {
  const std::size_t start = position_;
  bool valid = true;
  next_code_point(text_, position_, &valid);
  if (!valid) {
    char byte[8];
    std::snprintf(byte, sizeof byte, "0x%02X", static_cast<unsigned char>(text_[start]));
    error(record, sink, here(), std::string("invalid UTF-8 (byte ") + byte + ")",
          "save the file as UTF-8 (spreadsheets: \"CSV UTF-8\")");
  } else {
    out.append(text_.substr(start, position_ - start));
  }
  ++column_;
}

void CsvReader::read_quoted(CsvField& field, CsvRecord& record, DiagnosticSink& sink) {
  field.quoted = true;
  ++position_;  // the opening quote
  ++column_;
  for (;;) {
    if (at_end()) {
      error(record, sink, field.location, "unterminated quote: this field runs to the end of the file",
            "close the quote; a quote inside a quoted field is written twice (\"\")");
      stopped_ = true;
      return;
    }
    if (peek() == '"') {
      ++position_;
      ++column_;
      if (at_end() || peek() != '"') break;
      field.value += '"';
      ++position_;
      ++column_;
    } else if (peek() == '\r' || peek() == '\n') {
      field.value += '\n';
      field.spans_lines = true;
      skip_line_end();
    } else {
      take_code_point(field.value, record, sink);
    }
  }
  if (!at_record_end()) {
    error(record, sink, here(), "text after the closing quote of a field",
          "put the whole field in quotes, and write a quote inside it twice (\"\")");
    std::string ignored;
    while (!at_record_end()) take_code_point(ignored, record, sink);
  }
}

void CsvReader::read_unquoted(CsvField& field, CsvRecord& record, DiagnosticSink& sink) {
  while (!at_record_end()) {
    if (peek() == '"') {
      error(record, sink, here(), "a quote inside a field that does not start with one",
            "put the whole field in quotes, and write the quote inside it twice (\"\")");
      ++position_;
      ++column_;
      continue;
    }
    take_code_point(field.value, record, sink);
  }
}

bool CsvReader::next(CsvRecord& record, DiagnosticSink& sink) {
  for (;;) {
    if (stopped_ || at_end()) return false;
    record = {};
    record.location = here();
    record.offset = position_;
    for (;;) {
      CsvField field;
      field.location = here();
      if (!at_end() && peek() == '"') {
        read_quoted(field, record, sink);
      } else {
        read_unquoted(field, record, sink);
      }
      record.fields.push_back(std::move(field));
      if (stopped_ || at_end()) break;
      if (peek() == ',') {
        ++position_;
        ++column_;
        continue;
      }
      skip_line_end();
      break;
    }
    const bool empty_line = record.fields.size() == 1 && !record.fields[0].quoted &&
                            record.fields[0].value.empty() && !record.bad;
    if (!empty_line) return true;
  }
}

}  // namespace nashr
