#include "base/diagnostics.h"

#include <gtest/gtest.h>

#include <sstream>

namespace nashr {
namespace {

TEST(SourceLocation, PrintsWhatIsKnown) {
  EXPECT_EQ(to_string(SourceLocation{"a.xml", 3, 7}), "a.xml:3:7");
  EXPECT_EQ(to_string(SourceLocation{"a.xml", 3, 0}), "a.xml:3");
  EXPECT_EQ(to_string(SourceLocation{"a.xml", 0, 0}), "a.xml");
  EXPECT_EQ(to_string(SourceLocation{}), "");
}

TEST(Diagnostic, FormatsAsCompilerStyleLineWithHint) {
  const Diagnostic d = make_error({"reports/x.xml", 12, 5}, "bad ISSN check digit", "expected 8");
  EXPECT_EQ(format_diagnostic(d), "reports/x.xml:12:5: error: bad ISSN check digit\n  hint: expected 8\n");
}

TEST(Diagnostic, OmitsEmptyHintAndLocation) {
  EXPECT_EQ(format_diagnostic(make_warning({}, "careful")), "warning: careful\n");
}

TEST(Diagnostic, ColourWrapsSeverityAndLocation) {
  const std::string text = format_diagnostic(make_error({"f", 1, 2}, "m"), true);
  EXPECT_NE(text.find("\x1b[1;31merror:"), std::string::npos);
  EXPECT_NE(text.find("\x1b[0m"), std::string::npos);
  EXPECT_EQ(format_diagnostic(make_error({"f", 1, 2}, "m"), false).find('\x1b'), std::string::npos);
}

TEST(Diagnostic, EscapesWhatWouldActOnATerminal) {
  // ESC, BEL, CR, DEL, a C1 control, a bidi override and a byte that is not UTF-8, from a report's
  // text or file name: shown as escapes, never sent to the terminal. Persian and ZWNJ stay as they are.
  const Diagnostic d = make_error({"a\x1b]0;x\x07.xml", 2, 3}, "text \x1b[2J\r\x7f\xc2\x85 \u202e\xff می\u200cشود",
                                  "hint\x07");
  EXPECT_EQ(format_diagnostic(d),
            "a\\x1b]0;x\\x07.xml:2:3: error: text \\x1b[2J\\x0d\\x7f\\x85 \\u{202e}\\xff می\u200cشود\n"
            "  hint: hint\\x07\n");
  const std::string json = format_diagnostics_json(std::vector<Diagnostic>{d});
  EXPECT_EQ(json.find('\x1b'), std::string::npos);
  EXPECT_EQ(json.find('\x7f'), std::string::npos);
  EXPECT_EQ(json.find('\xff'), std::string::npos);
  EXPECT_NE(json.find("\\u001b[2J\\r\\u007f\\u0085"), std::string::npos) << json;
  EXPECT_NE(json.find("\\ufffd"), std::string::npos) << json;
}

TEST(DiagnosticSink, CountsBySeverity) {
  DiagnosticSink sink;
  sink.error({"f", 1, 1}, "one");
  sink.warning({"f", 2, 1}, "two");
  sink.note({"f", 3, 1}, "three");
  EXPECT_EQ(sink.error_count(), 1u);
  EXPECT_EQ(sink.warning_count(), 1u);
  EXPECT_TRUE(sink.has_errors());
  ASSERT_EQ(sink.diagnostics().size(), 3u);
  EXPECT_EQ(sink.diagnostics()[1].message, "two");
  sink.clear();
  EXPECT_FALSE(sink.has_errors());
  EXPECT_TRUE(sink.diagnostics().empty());
}

TEST(DiagnosticSink, StrictTurnsWarningsIntoErrors) {
  DiagnosticSink sink;
  sink.set_warnings_as_errors(true);
  sink.warning({"f", 1, 1}, "Latin digits in Persian text");
  EXPECT_EQ(sink.error_count(), 1u);
  EXPECT_EQ(sink.warning_count(), 0u);
  EXPECT_EQ(sink.diagnostics()[0].severity, Severity::error);
}

TEST(DiagnosticsJson, EscapesAndKeepsUtf8) {
  const Diagnostic d = make_error({"r.xml", 4, 9}, "bad \"قول\"\n", "use \\");
  const std::string json = format_diagnostics_json(std::vector<Diagnostic>{d});
  EXPECT_EQ(json,
            "[\n  {\"severity\": \"error\", \"file\": \"r.xml\", \"line\": 4, \"column\": 9, "
            "\"message\": \"bad \\\"قول\\\"\\n\", \"hint\": \"use \\\\\"}\n]\n");
  EXPECT_EQ(format_diagnostics_json({}), "[]\n");
}

TEST(DiagnosticsPrint, TextAndJson) {
  std::vector<Diagnostic> ds = {make_error({"a", 1, 1}, "x"), make_warning({"b", 2, 2}, "y")};
  std::ostringstream text, json;
  print_diagnostics(text, ds, DiagnosticFormat::text, false);
  print_diagnostics(json, ds, DiagnosticFormat::json, false);
  EXPECT_EQ(text.str(), "a:1:1: error: x\nb:2:2: warning: y\n");
  EXPECT_EQ(json.str().substr(0, 2), "[\n");
}

}  // namespace
}  // namespace nashr
