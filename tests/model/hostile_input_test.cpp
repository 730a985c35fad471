// Hostile input (issue 12): every bound the reader keeps gives a located error, at once, where the
// input is read. The large inputs are made here at run time.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>

#include "base/file_io.h"
#include "base/utf8.h"
#include "model/report.h"
#include "model/xml_source.h"
#include "report_skeleton.h"

namespace nashr {
namespace {

namespace fs = std::filesystem;

using testing::temporary_folder;
using testing::write_report;

// A report with `body` on line 12 (the line after <body>).
std::string report_with_body(const std::string& body) {
  return testing::report_with_body("\n" + body + "\n  ");
}

struct Outcome {
  Result<Report> report;
  double seconds;
};

Outcome read_timed(const std::string& path) {
  DiagnosticSink sink;
  const auto start = std::chrono::steady_clock::now();
  Result<Report> report = read_report(path, sink);
  const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
  return {std::move(report), took.count()};
}

std::string utf8(char32_t c, std::size_t times) {
  std::string one;
  append_utf8(one, c);
  std::string out;
  for (std::size_t i = 0; i < times; ++i) out += one;
  return out;
}

void expect_error(const Result<Report>& report, int line, int column, const std::string& message_part) {
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.error().location.line, line) << format_diagnostic(report.error());
  EXPECT_EQ(report.error().location.column, column) << format_diagnostic(report.error());
  EXPECT_NE(report.error().message.find(message_part), std::string::npos) << report.error().message;
  EXPECT_FALSE(report.error().hint.empty());
}

TEST(HostileInput, ThirtyCombiningMarksPassTheThirtyFirstIsLocated) {
  // 30 fathas on a beh read; the 31st, after a reference, an element boundary and more, does not.
  const std::string thirty = "<section><heading>x</heading><p xml:lang=\"fa\">\u0628" + utf8(0x064E, 30) + "</p>";
  Outcome fine = read_timed(write_report("marks-30.xml", report_with_body(thirty + "</section>")));
  EXPECT_TRUE(fine.report.ok()) << format_diagnostic(fine.report.error());
  const std::string body = "<section><heading>x</heading><p>a" + utf8(0x0301, 20) + "<em>&#x301;" +
                           utf8(0x0301, 9) + "</em>" + utf8(0x0301, 2) + "</p></section>";
  Outcome excess = read_timed(write_report("marks-31.xml", report_with_body(body)));
  // Line 12: "<section><heading>x</heading><p>a" is 33 characters, 20 marks, "<em>&#x301;" 11, 9 marks.
  expect_error(excess.report, 12, 33 + 20 + 11 + 9 + 5 + 1, "more than 30 combining marks in a row");
}

TEST(HostileInput, MarksBetweenSpacesCountAtTheBoundary) {
  // Thirty-one two-byte marks between two spaces are 62 bytes: the shortest stretch that can hold
  // one mark too many must be read, not skipped as a word.
  const std::string section = "<section><heading>x</heading><p>";  // 32 characters
  Outcome fine = read_timed(
      write_report("marks-between-30.xml", report_with_body(section + "a " + utf8(0x064E, 30) + " b</p></section>")));
  EXPECT_TRUE(fine.report.ok()) << format_diagnostic(fine.report.error());
  Outcome excess = read_timed(
      write_report("marks-between-31.xml", report_with_body(section + "a " + utf8(0x064E, 31) + " b</p></section>")));
  expect_error(excess.report, 12, 32 + 2 + 30 + 1, "more than 30 combining marks in a row");
  // Three-byte marks (U+20DD, enclosing circle) and a stretch that ends the text.
  Outcome wide = read_timed(
      write_report("marks-wide.xml", report_with_body(section + "a " + utf8(0x20DD, 31) + "</p></section>")));
  expect_error(wide.report, 12, 32 + 2 + 30 + 1, "more than 30 combining marks in a row");
}

TEST(HostileInput, EightyThousandHarakatAreRefusedAtOnce) {
  const std::string body = "<section><heading>x</heading><p xml:lang=\"fa\">\u0628" + utf8(0x064E, 32000) +
                           "</p></section>";
  Outcome outcome = read_timed(write_report("harakat.xml", report_with_body(body)));
  expect_error(outcome.report, 12, 48 + 30, "combining marks");
  EXPECT_LT(outcome.seconds, 2.0);
}

TEST(HostileInput, LongTextsValuesAndAddressesAreRefused) {
  const std::string section = "<section><heading>x</heading><p>";
  expect_error(read_timed(write_report("text.xml", report_with_body(section + std::string(70000, 'a') +
                                                                     "</p></section>")))
                   .report,
               12, 33, "a text is 70,000 bytes long, over the limit of 65,535");
  Outcome address = read_timed(write_report(
      "link.xml", report_with_body(section + "<link href=\"https://example.com/" + std::string(1 << 20, 'a') +
                                   "\"/></p></section>")));
  expect_error(address.report, 12, 45, "the value of href is 1,048,596 bytes long");
  EXPECT_LT(address.seconds, 2.0);
  expect_error(read_timed(write_report("link-9k.xml",
                                       report_with_body(section + "<link href=\"https://example.com/" +
                                                        std::string(9000, 'a') + "\"/></p></section>")))
                   .report,
               12, 45, "the web address is 9020 bytes long, over the limit of 8192");
}

TEST(HostileInput, FiftyThousandAttributesAreRefusedAtOnce) {
  std::string body = "<section><heading>x</heading><p";
  for (int i = 0; i < 50000; ++i) body += " a" + std::to_string(i) + "=\"v\"";
  body += ">x</p></section>";
  Outcome outcome = read_timed(write_report("attributes.xml", report_with_body(body)));
  // 31 characters, then 64 attributes: " a0=\"v\"" … " a9=\"v\"" (7 each), " a10=\"v\"" … (8 each).
  expect_error(outcome.report, 12, 32 + 10 * 7 + 54 * 8 + 1, "<p> has more than 64 attributes");
  EXPECT_LT(outcome.seconds, 2.0);
}

TEST(HostileInput, ControlCharactersAreRefusedRawAndAsReferences) {
  const std::string section = "<section><heading>x</heading><p>ab";
  expect_error(read_timed(write_report("esc.xml", report_with_body(section + "\x1b[2J</p></section>"))).report,
               12, 35, "the control character U+001B is not allowed in XML");
  expect_error(read_timed(write_report("bel.xml", report_with_body(section + "&#x7;</p></section>"))).report,
               12, 35, "'&#x7;' names a character XML does not allow");
  expect_error(read_timed(write_report("fffe.xml", report_with_body(section + "\uFFFE</p></section>"))).report,
               12, 35, "U+FFFE is not a character XML allows");
  expect_error(read_timed(write_report("ffff.xml", report_with_body(section + "&#xFFFF;</p></section>"))).report,
               12, 35, "names a character XML does not allow");
  // C1 controls are characters XML 1.0 allows; tab, line feed and carriage return too.
  Result<XmlDocument> allowed = parse_xml_text("c1.xml", "<a>\u0085\t\r\n</a>");
  EXPECT_TRUE(allowed.ok());
}

TEST(HostileInput, LongIdsAndTooManySectionsAreRefused) {
  const std::string id(128, 'x');
  expect_error(
      read_timed(write_report("id.xml", report_with_body("<section id=\"" + id + "\"><heading>x</heading><p>y</p></section>")))
          .report,
      12, 14, "the id is 128 characters long, over the limit of 127");
  std::string many;
  for (int i = 0; i < 4096; ++i) many += "<section><heading>x</heading><p>y</p></section>\n";
  Outcome outcome = read_timed(write_report("sections.xml", report_with_body(many)));
  expect_error(outcome.report, 12 + 4095, 1, "more than 4095 sections and figures with an id");
}

TEST(HostileInput, CarriageReturnsEndLines) {
  for (const std::string end : {"\r", "\r\n", "\n"}) {
    std::string text = report_with_body("<section><heading>x</heading><p>y</p><paragraph/></section>");
    std::string converted;
    for (char c : text) converted += c == '\n' ? end : std::string(1, c);
    Outcome outcome = read_timed(write_report("cr.xml", converted));
    expect_error(outcome.report, 12, 38, "unknown element <paragraph>");
  }
  // tinyxml2's own errors too (it counts line feeds only).
  Result<XmlDocument> doc = parse_xml_text("cr.xml", "<a>\r<b>\r</c>\r</a>");
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.error().location.line, 3);
  EXPECT_EQ(doc.error().location.column, 1);
}

TEST(HostileInput, DoubleHyphensInCommentsAndSecondDoctypeAreRefused) {
  Result<XmlDocument> inside = parse_xml_text("c.xml", "<a>\n  <!-- a -- b -->\n</a>");
  ASSERT_FALSE(inside.ok());
  EXPECT_EQ(inside.error().location, (SourceLocation{"c.xml", 2, 10}));
  EXPECT_EQ(inside.error().message, "malformed XML: '--' is not allowed inside a comment");
  Result<XmlDocument> before_end = parse_xml_text("c.xml", "<!-- a ---><a/>");
  ASSERT_FALSE(before_end.ok());
  EXPECT_EQ(before_end.error().location.column, 8);
  Result<XmlDocument> doctypes = parse_xml_text("d.xml", "<!DOCTYPE a>\n<!DOCTYPE a>\n<a/>");
  ASSERT_FALSE(doctypes.ok());
  EXPECT_EQ(doctypes.error().location, (SourceLocation{"d.xml", 2, 1}));
  EXPECT_EQ(doctypes.error().message, "malformed XML: a second <!DOCTYPE>");
  EXPECT_TRUE(parse_xml_text("ok.xml", "<!DOCTYPE a>\n<!-- a - b --><a/>").ok());
}

// What becomes a PDF string (libharu takes 65,535 bytes; UTF-16 when not all ASCII: 2 + 2 a
// character here) is refused where it is read: the title, the keywords and authors joined with
// ", ", a section's heading (its outline entry), however many text runs make it.
std::string with_meta(const std::string& title, const std::string& more) {
  std::string meta = testing::kMeta;
  meta.replace(meta.find("<title>Test</title>"), 19, "<title>" + title + "</title>" + more);
  return meta;
}

TEST(HostileInput, TextsThatBecomePdfStringsAreBoundedWhereTheyAreRead) {
  const std::string section = "\n<section><heading>x</heading><p>y</p></section>\n";
  auto read = [&](const std::string& name, const std::string& title, const std::string& more = "",
                  const std::string& body = "") {
    return read_timed(
               write_report(name, testing::report_with_body(body.empty() ? section : body, "xml:lang=\"en\"",
                                                            with_meta(title, more))))
        .report;
  };
  const std::string e_acute = "\u00E9";  // é: the title becomes UTF-16
  auto ok = [](const Result<Report>& report) {
    EXPECT_TRUE(report.ok()) << (report.ok() ? "" : format_diagnostic(report.error()));
  };
  // The title: 32,766 characters (65,534 bytes) pass, in two text runs; 32,767 do not.
  ok(read("title-ok.xml", e_acute + std::string(20000, 'a') + "<!-- -->" + std::string(12765, 'a')));
  expect_error(
      read("title.xml", e_acute + std::string(20000, 'a') + "<!-- -->" + std::string(12766, 'a')), 9, 12,
      "the title in the PDF's document information would take 65,536 bytes, over the PDF's limit of 65,535");
  // All ASCII, a byte a character: 65,535 pass; 65,536 are over the reader's bound on one text too.
  ok(read("ascii-ok.xml", std::string(65535, 'a')));
  expect_error(read("ascii.xml", std::string(40000, 'a') + "<!-- -->" + std::string(25536, 'a')), 9, 12,
               "65,536 bytes");
  // Keywords joined with ", ": located at the keyword that crosses the limit.
  const std::string keywords = "\n    <keyword>" + e_acute + "</keyword>\n    <keyword>" +
                               std::string(30000, 'a') + "</keyword>\n    <keyword>" +
                               std::string(2761, 'b') + "</keyword>";
  ok(read("keywords-ok.xml", "T", keywords));  // 1 + 2 + 30,000 + 2 + 2,761 = 32,766 characters
  expect_error(read("keywords.xml", "T", keywords + "\n    <keyword>c</keyword>"), 13, 14,
               "the keywords in the PDF's document information (joined with ', ') would take 65,540 bytes");
  expect_error(read("subtitle.xml", "T", "<subtitle>" + e_acute + std::string(40000, 'a') + "</subtitle>"), 9,
               31, "the subtitle");
  // A heading: its runs and those of its inline elements, as the outline shows it.
  expect_error(read("heading.xml", "T", "",
                    "\n<section><heading>" + e_acute + std::string(20000, 'a') + "<em>" +
                        std::string(12766, 'a') + "</em></heading><p>y</p></section>\n"),
               12, 10, "the heading as an entry of the PDF's outline would take 65,536 bytes");
}

TEST(HostileInput, OnlyRegularFilesOfBoundedSizeAreRead) {
  const fs::path folder = temporary_folder();
  const fs::path fifo = folder / "fifo.xml";
  fs::remove(fifo);
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  Result<std::string> from_fifo = read_file(fifo);  // would block for ever on a plain open
  ASSERT_FALSE(from_fifo.ok());
  EXPECT_EQ(from_fifo.error().location.file, fifo.string());
  EXPECT_EQ(from_fifo.error().message, "is a named pipe, not a regular file");
  fs::remove(fifo);
  Result<std::string> zero = read_file("/dev/zero");
  ASSERT_FALSE(zero.ok());
  EXPECT_EQ(zero.error().message, "is a character device, not a regular file");
  // A sparse file over the limit costs no disk.
  const fs::path big = folder / "big.xml";
  { std::ofstream(big) << ""; }
  fs::resize_file(big, (256u << 20) + 1);
  Result<std::string> too_big = read_file(big);
  ASSERT_FALSE(too_big.ok());
  EXPECT_EQ(too_big.error().message, "the file is 257 MB, over the limit of 256 MB");
  fs::remove(big);
  const fs::path small = folder / "small.txt";
  { std::ofstream(small) << "12345"; }
  EXPECT_FALSE(read_file(small, ReadLimits{4}).ok());
  EXPECT_EQ(*read_file(small, ReadLimits{5}), "12345");
}

}  // namespace
}  // namespace nashr
