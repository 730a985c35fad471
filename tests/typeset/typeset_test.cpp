// typeset() sets paragraphs on several threads; what it gives back must not depend on how many.
#include "typeset/typeset.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "base/file_io.h"

namespace nashr {
namespace {

namespace fs = std::filesystem;

// The English sample with a character no shipped font covers (U+0F00) after every "Minsk" and an
// unbreakable 60-letter word after every "Tehran": warnings from itemize and break_lines in many
// paragraphs, for the merged diagnostics to keep in order.
fs::path report_with_warnings() {
  Result<std::string> sample = read_file(fs::path(NASHR_SOURCE_DIR) / "reports" / "persian-files-29-2.xml");
  EXPECT_TRUE(sample);
  std::string text = sample ? *sample : std::string();
  const std::string long_word(60, 'w');
  for (const auto& [from, to] : std::vector<std::pair<std::string, std::string>>{
           {"Minsk", "Minsk\u0F00"}, {"Tehran", "Tehran " + long_word}}) {
    for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
      text.replace(at, from.size(), to);
    }
  }
  const fs::path path = fs::path(NASHR_BINARY_DIR) / "typeset-threads" / "persian-files-29-2.xml";
  fs::create_directories(path.parent_path());
  fs::remove_all(path.parent_path() / "charts");
  fs::copy(fs::path(NASHR_SOURCE_DIR) / "reports" / "charts", path.parent_path() / "charts");  // its figure
  std::ofstream(path) << text;
  return path;
}

struct Typeset {
  std::string pages;
  std::vector<std::string> diagnostics;
};

Typeset typeset_with(const fs::path& report, unsigned threads, Dump dump) {
  FontDb fonts(FontDb::default_fonts_dir());
  DiagnosticSink sink;
  TypesetOptions options;
  options.threads = threads;
  options.dump = dump;
  Result<TypesetReport> result = typeset(report.string(), fonts, options, sink);
  EXPECT_TRUE(result) << (result ? "" : result.error().message);
  Typeset out;
  if (result) out.pages = result->dump;
  for (const Diagnostic& diagnostic : sink.diagnostics())
    out.diagnostics.push_back(format_diagnostic(diagnostic));
  return out;
}

TEST(Typeset, ThreadsChangeNeitherThePagesNorTheDiagnostics) {
  const fs::path report = report_with_warnings();
  const Typeset one = typeset_with(report, 1, Dump::pages);
  ASSERT_GT(one.diagnostics.size(), 6u) << "the report should warn in several paragraphs";
  for (unsigned threads : {2u, 3u, 8u}) {
    const Typeset many = typeset_with(report, threads, Dump::pages);
    EXPECT_EQ(many.pages, one.pages) << threads << " threads";
    EXPECT_EQ(many.diagnostics, one.diagnostics) << threads << " threads";
  }
  for (Dump dump : {Dump::shape, Dump::lines}) {
    EXPECT_EQ(typeset_with(report, 4, dump).pages, typeset_with(report, 1, dump).pages);
  }
}

// The Persian sample's body thirty times over (ids dropped, as they would repeat): an issue of
// dozens of pages, whose running footers (a page number each) are set on several threads.
fs::path long_persian_report() {
  Result<std::string> sample =
      read_file(fs::path(NASHR_SOURCE_DIR) / "reports" / "persian-files-29-2-fa.xml");
  EXPECT_TRUE(sample);
  std::string text = sample ? *sample : std::string();
  for (std::size_t at = text.find(" id=\""); at != std::string::npos; at = text.find(" id=\"", at)) {
    text.erase(at, text.find('"', at + 5) + 1 - at);
  }
  // Without ids, cross-references have no target: they go too.
  for (std::size_t at = text.find("<ref "); at != std::string::npos; at = text.find("<ref ", at)) {
    text.erase(at, text.find("/>", at) + 2 - at);
  }
  const std::size_t body = text.find("<body>") + 6;
  const std::string content = text.substr(body, text.find("</body>") - body);
  for (int copy = 1; copy < 30; ++copy) text.insert(body, content);
  const fs::path path = fs::path(NASHR_BINARY_DIR) / "typeset-threads-long" / "long-persian.xml";
  fs::create_directories(path.parent_path());
  fs::remove_all(path.parent_path() / "charts");
  fs::copy(fs::path(NASHR_SOURCE_DIR) / "reports" / "charts", path.parent_path() / "charts");  // its figures
  std::ofstream(path) << text;
  return path;
}

TEST(Typeset, RunningLinesOfEveryPageAreTheSameOnAnyNumberOfThreads) {
  const fs::path report = long_persian_report();
  const Typeset one = typeset_with(report, 1, Dump::pages);
  std::size_t pages = 0;
  for (std::size_t at = one.pages.find("\npage "); at != std::string::npos;
       at = one.pages.find("\npage ", at + 1)) {
    ++pages;
  }
  ASSERT_GE(pages, 32u) << "enough pages for the footers to be set on two threads";
  for (unsigned threads : {2u, 3u}) {
    const Typeset many = typeset_with(report, threads, Dump::pages);
    EXPECT_EQ(many.pages, one.pages) << threads << " threads";
    EXPECT_EQ(many.diagnostics, one.diagnostics) << threads << " threads";
  }
  EXPECT_EQ(typeset_with(report, 3, Dump::lines).pages, typeset_with(report, 1, Dump::lines).pages);
}

// Diagnostics come in the order of the report, whichever thread found them.
TEST(Typeset, DiagnosticsFollowTheSourceOrder) {
  const Typeset result = typeset_with(report_with_warnings(), 4, Dump::none);
  int previous_line = 0;
  for (const std::string& diagnostic : result.diagnostics) {
    const std::size_t first = diagnostic.find(".xml:") + 5;
    const int line = std::stoi(diagnostic.substr(first));
    EXPECT_GE(line, previous_line) << diagnostic;
    previous_line = line;
  }
  EXPECT_NE(result.diagnostics.front().find("U+0F00"), std::string::npos) << result.diagnostics.front();
}

// `nashr check` reads the report and style itself and lays them out with the second typeset(): the
// pages and the diagnostics are those of typeset() from the path.
TEST(Typeset, FromAReportAlreadyReadTheSameAsFromItsPath) {
  const fs::path report = report_with_warnings();
  const Typeset from_path = typeset_with(report, 2, Dump::pages);
  FontDb fonts(FontDb::default_fonts_dir());
  DiagnosticSink sink;
  Result<Report> read = read_report(report.string(), sink);
  ASSERT_TRUE(read);
  Result<StyleSheet> style = read_style(read->style_path.string(), sink);
  ASSERT_TRUE(style);
  TypesetOptions options;
  options.threads = 2;
  options.dump = Dump::pages;
  Result<TypesetReport> result = typeset(std::move(*read), *style, fonts, options, sink);
  ASSERT_TRUE(result) << result.error().message;
  EXPECT_EQ(result->dump, from_path.pages);
  std::vector<std::string> diagnostics;
  for (const Diagnostic& diagnostic : sink.diagnostics())
    diagnostics.push_back(format_diagnostic(diagnostic));
  EXPECT_EQ(diagnostics, from_path.diagnostics);
}

}  // namespace
}  // namespace nashr
