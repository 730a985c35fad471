// The subscribers CSV reader: RFC 4180 as spreadsheets write it, and every refusal located.
#include "distribute/subscribers.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace nashr {
namespace {

struct Parsed {
  SubscriberList list;
  DiagnosticSink sink;
};

Parsed parse(std::string_view text) {
  Parsed parsed;
  parsed.list = parse_subscribers(text, FileName("subs.csv"), parsed.sink);
  return parsed;
}

// The first error as "line:col: message".
std::string first_error(const Parsed& parsed) {
  for (const Diagnostic& d : parsed.sink.diagnostics()) {
    if (d.severity == Severity::error) return to_string(d.location) + ": " + d.message;
  }
  return "(no error)";
}

TEST(Subscribers, ReadsQuotedFieldsCrlfAndAByteOrderMark) {
  const Parsed parsed = parse(
      "\xEF\xBB\xBFname,id,email,lang,password\r\n"
      "\"Doe, Jane\",A-1042,jane@example.org,en,\"pa\"\"ss\"\r\n"
      "مریم احمدی,B-7,,fa,\r\n"
      "\r\n"
      "\"Sara\nKarimi\",C-3,,,\n");
  ASSERT_EQ(parsed.list.subscribers.size(), 2u) << first_error(parsed);
  EXPECT_EQ(parsed.list.subscribers[0].name, "Doe, Jane");
  EXPECT_EQ(parsed.list.subscribers[0].id, "A-1042");
  EXPECT_EQ(parsed.list.subscribers[0].password, "pa\"ss");
  EXPECT_EQ(parsed.list.subscribers[0].location, (SourceLocation{"subs.csv", 2, 1}));
  EXPECT_EQ(parsed.list.subscribers[1].name, "مریم احمدی");
  EXPECT_EQ(parsed.list.subscribers[1].lang, "fa");
  // A line break inside a name is a control character in a stamp: refused, at the name.
  EXPECT_EQ(parsed.list.rejected_rows, 1u);
  EXPECT_EQ(first_error(parsed), "subs.csv:5:1: the name holds the control character U+000A");
}

TEST(Subscribers, EachErrorIsLocated) {
  const struct {
    const char* text;
    const char* error;
  } cases[] = {
      {"id,email\nA,a@b.c\n", "subs.csv:1:1: the header has no 'name' column"},
      {"id,name\nA,\"Jane\n", "subs.csv:2:3: unterminated quote: this field runs to the end of the file"},
      {"id,name\nA,Ja\xFFne\n", "subs.csv:2:5: invalid UTF-8 (byte 0xFF)"},
      {"id,name\nA,Jane\nA,John\n", "subs.csv:3:1: duplicate id 'A' (first on line 2)"},
      {"id,name\nA,  \n", "subs.csv:2:3: empty name"},
      {"id,name\nA,Jane \xE2\x80\xAE" "eoD\n", "subs.csv:2:8: the name holds the bidi control U+202E"},
      {"id,name\nA,\"Ja \xE2\x81\xA7x\"\n", "subs.csv:2:7: the name holds the bidi control U+2067"},
      {"id,name\nA,Jane,extra\n", "subs.csv:2:1: this row has 3 fields and the header 2"},
      {"id,name\nA/B,Jane\n", "subs.csv:2:2: the id 'A/B' holds a character an id cannot have"},
      {"id,name\nA,Ja\"ne\n", "subs.csv:2:5: a quote inside a field that does not start with one"},
      {"id,name\nA,\"Jane\"x\n", "subs.csv:2:9: text after the closing quote of a field"},
      {"id,name,email\nA,Jane,jane\n", "subs.csv:2:8: 'jane' is not an e-mail address"},
      {"id,name,lang\nA,Jane,de\n", "subs.csv:2:8: the language 'de' has no stamp"},
      {"id,name,name\nA,B,C\n", "subs.csv:1:9: the column 'name' is named twice in the header"},
      {"", "subs.csv:1:1: the subscribers file is empty"},
  };
  for (const auto& c : cases) {
    const Parsed parsed = parse(c.text);
    EXPECT_EQ(first_error(parsed), c.error) << c.text;
    // Nothing of the bad row is kept (the duplicate's first row is good).
    for (const Subscriber& subscriber : parsed.list.subscribers) EXPECT_EQ(subscriber.location.line, 2) << c.text;
    EXPECT_LE(parsed.list.subscribers.size(), std::string_view(c.error).find("duplicate") != std::string_view::npos ? 1u : 0u) << c.text;
  }
}

TEST(Subscribers, ANameOverEightyCharactersIsRefused) {
  const std::string eighty(80, 'x');
  const Parsed ok = parse("id,name\nA," + eighty + "\n");
  EXPECT_EQ(ok.list.subscribers.size(), 1u);
  std::string persian;
  for (int i = 0; i < 81; ++i) persian += "م";  // characters, not bytes
  const Parsed long_name = parse("id,name\nA," + persian + "\n");
  EXPECT_EQ(first_error(long_name), "subs.csv:2:3: the name has 81 characters, over the 80 a stamp takes");
}

TEST(Subscribers, GoodRowsSurviveBadOnes) {
  const Parsed parsed = parse("id,name\nA,Jane\nB,\nC,John\n");
  ASSERT_EQ(parsed.list.subscribers.size(), 2u);
  EXPECT_EQ(parsed.list.subscribers[1].id, "C");
  EXPECT_EQ(parsed.list.rejected_rows, 1u);
}

TEST(Subscribers, UnknownColumnsAreIgnoredWithAWarning) {
  const Parsed parsed = parse("id,name,city\nA,Jane,Shiraz\n");
  ASSERT_EQ(parsed.list.subscribers.size(), 1u);
  ASSERT_EQ(parsed.sink.warning_count(), 1u);
  EXPECT_EQ(parsed.sink.diagnostics()[0].message, "unknown column 'city' is ignored");
}

// The duplicate check keeps a hash per id and reads the earlier row again to compare: across the
// table's growth and after a quoted row spanning lines.
TEST(Subscribers, DuplicatesAreFoundInLongListsWithTheFirstRowsLine) {
  std::string text = "id,name,password\n\"A-0\",First,\"two\nlines\"\n";
  for (int i = 1; i < 5000; ++i) text += "A-" + std::to_string(i) + ",Name " + std::to_string(i) + ",\n";
  text += "A-4999,Again,\nA-0,Again,\nA-5000,New,\n";  // lines 5003, 5004, 5005 (row A-0 takes two)
  const Parsed parsed = parse(text);
  EXPECT_EQ(parsed.list.subscribers.size(), 5001u);
  EXPECT_EQ(parsed.list.rejected_rows, 2u);
  std::vector<std::string> errors;
  for (const Diagnostic& d : parsed.sink.diagnostics()) errors.push_back(to_string(d.location) + ": " + d.message);
  EXPECT_EQ(errors, (std::vector<std::string>{"subs.csv:5003:1: duplicate id 'A-4999' (first on line 5002)",
                                              "subs.csv:5004:1: duplicate id 'A-0' (first on line 2)"}));
}

}  // namespace
}  // namespace nashr
