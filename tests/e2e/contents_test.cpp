// Issue 15: the table of contents and notes numbered per page, through every stage. The issues are
// tests/e2e/data/*.xml (written by make_toc_issues.py). Each is typeset once per test binary; the
// goldens are the pages' text, line by line (runs in reading order), re-recorded with
//   NASHR_UPDATE_GOLDENS=1 ctest --preset release -R 'e2e\.Contents'
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "../linebreak/golden.h"
#include "base/diagnostics.h"
#include "fonts/font_db.h"
#include "typeset/typeset.h"

namespace nashr {
namespace {

namespace fs = std::filesystem;

const fs::path kData = fs::path(NASHR_SOURCE_DIR) / "tests/e2e/data";
const fs::path kGoldens = fs::path(NASHR_TEST_DIR) / "golden";

struct Typeset {
  TypesetReport report;
  std::vector<std::string> diagnostics;
};

const Typeset& typeset_once(const std::string& name) {
  static std::map<std::string, Typeset> done;
  auto found = done.find(name);
  if (found != done.end()) return found->second;
  static FontDb fonts(FontDb::default_fonts_dir());
  DiagnosticSink sink;
  Result<TypesetReport> result = typeset((kData / name).string(), fonts, {}, sink);
  Typeset out;
  for (const Diagnostic& d : sink.diagnostics()) out.diagnostics.push_back(format_diagnostic(d));
  EXPECT_TRUE(result.ok()) << name;
  if (result) out.report = std::move(*result);
  return done.emplace(name, std::move(out)).first->second;
}

// One line of a page: its baseline and its runs' texts.
struct TextLine {
  double baseline = 0;
  std::vector<std::pair<double, std::string>> runs;  // (x, text in logical order)
};

// The page's text, a line per baseline, runs in reading order (right to left in `rtl` pages).
std::vector<std::string> page_lines(const Page& page, bool rtl) {
  std::vector<TextLine> lines;
  for (const PageItem& item : page.items) {
    const auto* run = std::get_if<GlyphRun>(&item);
    if (run == nullptr) continue;
    std::string text;
    for (const PlacedGlyph& glyph : run->glyphs) {
      text = run->rtl ? std::string(glyph.text.view()) + text : text + std::string(glyph.text.view());
    }
    auto line = std::find_if(lines.begin(), lines.end(),
                             [&](const TextLine& l) { return std::abs(l.baseline - run->origin.y) < 3; });
    if (line == lines.end()) line = lines.insert(lines.end(), TextLine{run->origin.y, {}});
    line->runs.emplace_back(run->origin.x, text);
  }
  std::sort(lines.begin(), lines.end(), [](const TextLine& a, const TextLine& b) { return a.baseline < b.baseline; });
  std::vector<std::string> out;
  for (TextLine& line : lines) {
    std::sort(line.runs.begin(), line.runs.end(),
              [&](const auto& a, const auto& b) { return rtl ? a.first > b.first : a.first < b.first; });
    std::string text;
    for (const auto& run : line.runs) text += run.second;
    out.push_back(text);
  }
  return out;
}

std::string ascii_digits(std::string text) {
  static const std::vector<std::string> persian = {"۰", "۱", "۲", "۳", "۴", "۵", "۶", "۷", "۸", "۹"};
  for (std::size_t d = 0; d < persian.size(); ++d) {
    for (std::size_t at = text.find(persian[d]); at != std::string::npos; at = text.find(persian[d], at)) {
      text.replace(at, persian[d].size(), std::string(1, static_cast<char>('0' + d)));
    }
  }
  return text;
}

// The page (1-based) of every named destination.
std::map<std::string, int> anchor_pages_of(const PagedDocument& document) {
  std::map<std::string, int> pages;
  for (std::size_t p = 0; p < document.pages.size(); ++p) {
    for (const PageItem& item : document.pages[p].items) {
      if (const auto* anchor = std::get_if<Anchor>(&item)) pages.emplace(anchor->name, static_cast<int>(p) + 1);
    }
  }
  return pages;
}

// The number at the end of `line` after at least three leaders and some title ("Title.....12"); no
// std::regex: GCC 12 warns falsely inside it under the sanitizers (-Werror).
std::optional<int> entry_number(const std::string& line) {
  std::size_t digits = line.size();
  while (digits > 0 && line[digits - 1] >= '0' && line[digits - 1] <= '9') --digits;
  std::size_t dots = digits;
  while (dots > 0 && line[dots - 1] == '.') --dots;
  if (digits == line.size() || digits - dots < 3 || dots == 0) return std::nullopt;
  return std::stoi(line.substr(digits));
}

// The leading number of `line` before `rest` ("3. The Joint…"), and the number after "item ".
std::optional<std::pair<std::string, std::string>> note_numbers(const std::string& line, const std::string& rest) {
  std::size_t digits = 0;
  while (digits < line.size() && line[digits] >= '0' && line[digits] <= '9') ++digits;
  if (digits == 0 || line.compare(digits, rest.size(), rest) != 0) return std::nullopt;
  const std::size_t item = line.rfind("item ");
  if (item == std::string::npos || !line.ends_with(".")) return std::nullopt;
  return std::make_pair(line.substr(0, digits), line.substr(item + 5, line.size() - item - 6));
}

// The contents' entries (lines with leaders) of the first pages: their page numbers in order, and the
// pages' text.
struct Contents {
  std::vector<int> numbers;
  std::string text;     // "page N" and the entries
  std::string entries;  // the entries alone
  int pages = 0;
};

Contents contents_of(const PagedDocument& document, bool rtl) {
  Contents contents;
  // Runs in reading order: the title, the leaders, the number (at the left in a right-to-left page).
  for (std::size_t p = 0; p < document.pages.size(); ++p) {
    bool any = false;
    for (const std::string& line : page_lines(document.pages[p], rtl)) {
      const std::optional<int> number = entry_number(ascii_digits(line));
      if (!number) continue;
      if (!any) contents.text += "page " + std::to_string(p + 1) + "\n";
      any = true;
      contents.numbers.push_back(*number);
      contents.text += "  " + line + "\n";
      contents.entries += line + "\n";
    }
    if (!any) break;
    ++contents.pages;
  }
  return contents;
}

// Every entry shows the page its heading is on, after the contents took three pages of their own.
void expect_settled_contents(const std::string& name, bool rtl) {
  const Typeset& done = typeset_once(name);
  const PagedDocument& document = done.report.document;
  EXPECT_TRUE(done.diagnostics.empty()) << done.diagnostics.front();
  const Contents contents = contents_of(document, rtl);
  EXPECT_GE(contents.pages, 2) << "the contents should take more than a page";
  const std::map<std::string, int> pages = anchor_pages_of(document);
  std::vector<int> expected;
  for (const OutlineEntry& entry : document.outline) expected.push_back(pages.at(entry.destination));
  EXPECT_EQ(contents.numbers, expected);
  // The body begins on the contents' last page: every number moved on by the contents' pages.
  EXPECT_EQ(expected.front(), contents.pages) << "the first heading comes right after the contents";
  EXPECT_GE(done.report.layout_passes, 2);
  testing::expect_matches_golden(kGoldens, fs::path(name).stem().string() + "-contents", contents.text);
}

TEST(Contents, EnglishEntriesShowTheirHeadingsPagesAfterTheContentsTookTheirPages) {
  expect_settled_contents("toc-long.xml", false);
}

TEST(Contents, PersianEntriesRunRightToLeftInPersianDigits) {
  expect_settled_contents("toc-fa.xml", true);
  const Contents contents = contents_of(typeset_once("toc-fa.xml").report.document, true);
  EXPECT_NE(contents.entries.find("۱"), std::string::npos);
  EXPECT_EQ(contents.entries.find_first_of("0123456789"), std::string::npos) << contents.entries;
}

// Each entry links to its heading: the page number's and the title's link areas name its anchor.
TEST(Contents, EntriesLinkToTheirHeadings) {
  const PagedDocument& document = typeset_once("toc-long.xml").report.document;
  std::map<std::string, int> links;
  for (const PageItem& item : document.pages.front().items) {
    if (const auto* link = std::get_if<Link>(&item)) ++links[link->destination.str()];
  }
  ASSERT_FALSE(links.empty());
  EXPECT_GE(links["s1"], 2) << "the title and the page number";
}

// numbering="page": the notes at each page's foot are numbered 1, 2, 3…, starting again on the next page.
TEST(NotesPerPage, NumbersStartAgainOnEveryPage) {
  const Typeset& done = typeset_once("notes-per-page.xml");
  EXPECT_TRUE(done.diagnostics.empty()) << done.diagnostics.front();
  std::string numbers;
  int pages_with_notes = 0;
  for (std::size_t p = 0; p < done.report.document.pages.size(); ++p) {
    int expected = 1;
    std::string page_numbers;
    for (const std::string& line : page_lines(done.report.document.pages[p], false)) {
      const std::optional<std::pair<std::string, std::string>> note = note_numbers(line, ". The Joint Commission");
      if (!note) continue;
      EXPECT_EQ(std::stoi(note->first), expected) << "page " << p + 1 << ": " << line;
      ++expected;
      page_numbers += " " + note->first + "(item " + note->second + ")";
    }
    if (page_numbers.empty()) continue;
    ++pages_with_notes;
    numbers += "page " + std::to_string(p + 1) + ":" + page_numbers + "\n";
  }
  EXPECT_GE(pages_with_notes, 2) << numbers;
  EXPECT_GE(done.report.layout_passes, 2);
  testing::expect_matches_golden(kGoldens, "notes-per-page", numbers);
}

// Issue 15, item 4: an issue of three included articles (one in Persian). The contents list each with
// its authors; the outline has the articles at its top with their sections under them; each article
// numbers its notes from 1; the running header names the article of the page.
TEST(Articles, TheContentsListTheArticlesWithTheirAuthorsAndTheHeaderNamesThem) {
  const Typeset& done = typeset_once("issue-articles/issue.xml");
  EXPECT_TRUE(done.diagnostics.empty()) << done.diagnostics.front();
  const PagedDocument& document = done.report.document;
  ASSERT_GE(document.pages.size(), 4u);
  std::vector<std::string> top;
  for (const OutlineEntry& entry : document.outline) {
    if (entry.level == 1) top.push_back(entry.title);
  }
  EXPECT_EQ(top, (std::vector<std::string>{"Belarus and Iran: Towards a Durable Partnership", "The North–South Corridor",
                                           "بلاروس و ایران: به سوی مشارکتی پایدار"}));
  std::string contents;
  for (const std::string& line : page_lines(document.pages.front(), false)) contents += line + "\n";
  EXPECT_NE(contents.find("In this issue"), std::string::npos) << contents;
  EXPECT_NE(contents.find("Giuliano Bifolchi, Silvia Boltuc"), std::string::npos) << contents;
  const Contents entries = contents_of(document, false);
  const std::map<std::string, int> pages = anchor_pages_of(document);
  // The style lists sections one level deep: the articles (outline level 1) and their sections (2).
  std::vector<int> listed;
  std::vector<int> expected;  // the articles' first pages
  for (const OutlineEntry& entry : document.outline) {
    if (entry.level <= 2) listed.push_back(pages.at(entry.destination));
    if (entry.level == 1) expected.push_back(pages.at(entry.destination));
  }
  EXPECT_EQ(entries.numbers, listed) << contents;
  // Every page from an article's first names it in the header; each article's first note is 1.
  for (std::size_t a = 0; a < top.size(); ++a) {
    const int first = expected[a];
    const std::vector<std::string> lines = page_lines(document.pages[static_cast<std::size_t>(first - 1)], false);
    ASSERT_FALSE(lines.empty());
    EXPECT_NE(lines.front().find(top[a]), std::string::npos) << "page " << first << ": " << lines.front();
  }
  std::string corridor;
  for (const std::string& line : page_lines(document.pages[static_cast<std::size_t>(expected[1] - 1)], false))
    corridor += line + "\n";
  EXPECT_NE(corridor.find("1. Its first agreement"), std::string::npos) << corridor;
  testing::expect_matches_golden(kGoldens, "articles-contents", contents);
}

TEST(Articles, APersianIssueListsItsArticlesRightToLeftInPersianDigits) {
  const Typeset& done = typeset_once("issue-articles-fa/issue.xml");
  EXPECT_TRUE(done.diagnostics.empty()) << done.diagnostics.front();
  const PagedDocument& document = done.report.document;
  std::string contents;
  for (const std::string& line : page_lines(document.pages.front(), true)) contents += line + "\n";
  EXPECT_NE(contents.find("در این شماره"), std::string::npos) << contents;
  EXPECT_NE(contents.find("جولیانو بیفولکی، سیلویا بولتوک"), std::string::npos) << contents;
  const Contents entries = contents_of(document, true);
  const std::map<std::string, int> pages = anchor_pages_of(document);
  std::vector<int> listed;
  for (const OutlineEntry& entry : document.outline) {
    if (entry.level <= 2) listed.push_back(pages.at(entry.destination));
  }
  EXPECT_EQ(entries.numbers, listed) << contents;
  EXPECT_EQ(entries.entries.find_first_of("0123456789"), std::string::npos) << entries.entries;
  testing::expect_matches_golden(kGoldens, "articles-fa-contents", contents);
}

}  // namespace
}  // namespace nashr
