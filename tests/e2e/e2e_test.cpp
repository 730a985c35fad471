// End to end: `nashr build` on the shipped sample issues, checked with real PDF readers (qpdf,
// poppler's pdffonts and pdftotext, MuPDF) rather than our own parser.
#include <gtest/gtest.h>

// g++ 12 warns falsely on string concatenation at -O2 (GCC bug 105329).
#pragma GCC diagnostic ignored "-Wrestrict"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "base/diagnostics.h"
#include "base/file_io.h"
#include "base/utf8.h"
#include "model/report.h"
#include "support/process.h"

namespace nashr {
namespace {

namespace fs = std::filesystem;
using nashr::testing::Command;
using nashr::testing::run;

std::string quoted(const fs::path& path) {
  return "'" + path.string() + "'";
}

fs::path repo() {
  return fs::path(NASHR_SOURCE_DIR);
}

// Word tokens: letters, digits and ZWNJ inside a word (so می‌شود stays one token). Punctuation and
// bidi marks (poppler adds U+202A–U+202E) separate tokens.
bool is_word_character(char32_t c) {
  if (c < 0x80) return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  if (c >= 0xC0 && c <= 0x24F) return c != 0xD7 && c != 0xF7;
  if (c == 0x640) return false;  // tatweel: kashida is not part of the word
  if ((c >= 0x610 && c <= 0x61A) || (c >= 0x620 && c <= 0x669)) return true;
  if ((c >= 0x66E && c <= 0x6D3) || c == 0x6D5 || (c >= 0x6EE && c <= 0x6FF)) return true;
  return c == 0x200C;
}

std::vector<std::string> words(const std::string& text) {
  std::vector<std::string> result;
  std::string current;
  auto flush = [&] {
    while (current.size() >= 3 && current.compare(current.size() - 3, 3, "\u200C") == 0)
      current.resize(current.size() - 3);
    while (current.size() >= 3 && current.compare(0, 3, "\u200C") == 0) current.erase(0, 3);
    if (!current.empty()) result.push_back(current);
    current.clear();
  };
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t start = i;
    if (is_word_character(nashr::next_code_point(text, i))) {
      current.append(text, start, i - start);
    } else {
      flush();
    }
  }
  flush();
  return result;
}

// A paragraph's text without its notes, which are set at the page's foot (each is a paragraph of
// its own: note_texts).
void collect_text(const InlineContent& content, std::string& out) {
  for (const Inline& node : content) {
    if (node.kind == InlineKind::text) out += node.text;
    if (node.kind == InlineKind::line_break) out += ' ';
    if (node.kind != InlineKind::note) collect_text(node.children, out);
  }
}

// The text written in each note of `content` (what a cited source adds is the style's).
void collect_notes(const InlineContent& content, std::vector<std::string>& out) {
  for (const Inline& node : content) {
    if (node.kind == InlineKind::note) {
      out.emplace_back();
      collect_text(node.children, out.back());
    } else {
      collect_notes(node.children, out);
    }
  }
}

// `captions`: figures' captions too (a figure floats, so its caption may come later in reading order);
// `notes`: each note's text, there.
void collect_paragraphs(const Blocks& blocks, std::vector<std::string>& out, bool captions = true,
                        std::vector<std::string>* notes = nullptr) {
  for (const Block& block : blocks) {
    std::visit(
        [&](const auto& b) {
          using T = std::decay_t<decltype(b)>;
          if constexpr (std::is_same_v<T, Paragraph>) {
            // A paragraph with a cross-reference holds generated words the source does not have
            // (tests/e2e/ref_links_test.cpp reads those back).
            const auto is_ref = [](const Inline& node) { return node.kind == InlineKind::ref; };
            if (std::any_of(b.content.begin(), b.content.end(), is_ref)) return;
            out.emplace_back();
            collect_text(b.content, out.back());
            if (notes != nullptr) collect_notes(b.content, *notes);
          } else if constexpr (std::is_same_v<T, List>) {
            for (const ListItem& item : b.items) collect_paragraphs(item.blocks, out, captions, notes);
          } else if constexpr (std::is_same_v<T, Quote>) {
            collect_paragraphs(b.blocks, out, captions, notes);
          } else if constexpr (std::is_same_v<T, Section>) {
            out.emplace_back();
            collect_text(b.heading, out.back());
            collect_paragraphs(b.blocks, out, captions, notes);
          } else if constexpr (std::is_same_v<T, Figure>) {
            if (!captions) return;
            out.emplace_back();
            collect_text(b.caption, out.back());
          }
        },
        block.value);
  }
}

// Every paragraph of the report (summaries, then the body), as the model holds it; with `notes`,
// the notes' texts too, there. `captions`: figures' captions too.
std::vector<std::string> source_paragraphs(const fs::path& report_path, bool captions = true,
                                           std::vector<std::string>* notes = nullptr) {
  DiagnosticSink sink;
  Result<Report> report = read_report(report_path.string(), sink);
  EXPECT_TRUE(report.ok());
  std::vector<std::string> paragraphs;
  if (!report) return paragraphs;
  for (const Summary& summary : report->summaries) collect_paragraphs(summary.blocks, paragraphs, captions, notes);
  collect_paragraphs(report->body, paragraphs, captions, notes);
  return paragraphs;
}

class SampleIssue : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    // One folder per test: ctest runs them in parallel.
    std::string test = ::testing::UnitTest::GetInstance()->current_test_info()->name();
    for (char& c : test) c = (c == '/') ? '-' : c;
    out_ = fs::path(NASHR_BINARY_DIR) / "e2e" / test;
    fs::remove_all(out_);
    report_ = repo() / "reports" / (GetParam() + ".xml");
    const Command build =
        run(std::string(NASHR_EXECUTABLE) + " build -o " + quoted(out_) + " " + quoted(report_));
    ASSERT_EQ(build.status, 0) << build.out;
    pdf_ = out_ / (GetParam() + ".pdf");
    ASSERT_TRUE(fs::exists(pdf_));
  }
  fs::path out_, report_, pdf_;
  std::string figure_fonts_;  // pdffonts of the sample charts, read when a font is not CID
};

TEST_P(SampleIssue, QpdfFindsNoProblem) {
  const Command check = run("qpdf --check " + quoted(pdf_));
  EXPECT_EQ(check.status, 0) << check.out;
  EXPECT_NE(check.out.find("No syntax or stream encoding errors found"), std::string::npos) << check.out;
}

TEST_P(SampleIssue, EveryFontIsAnEmbeddedSubsetWithToUnicode) {
  const Command fonts = run("pdffonts " + quoted(pdf_));
  ASSERT_EQ(fonts.status, 0) << fonts.out;
  std::istringstream lines(fonts.out);
  std::string line;
  int count = 0;
  while (std::getline(lines, line)) {
    if (line.rfind("name", 0) == 0 || line.rfind("----", 0) == 0 || line.empty()) continue;
    ++count;
    // nashr's own fonts are CID TrueType; a PDF figure (the sample's chart) keeps the fonts it has.
    if (line.find("CID TrueType") == std::string::npos && figure_fonts_.empty()) {
      for (const char* chart : {"cooperation-timeline.pdf", "cooperation-timeline-fa.pdf"}) {
        figure_fonts_ += run("pdffonts " + quoted(repo() / "reports/charts" / chart)).out;
      }
    }
    const std::string name = line.substr(0, line.find(' '));
    const bool from_figure = figure_fonts_.find(name.substr(7) + " ") != std::string::npos;
    if (!from_figure) {
      EXPECT_NE(line.find("CID TrueType"), std::string::npos) << line;
      EXPECT_NE(line.find("Identity-H"), std::string::npos) << line;
    }
    // Columns emb, sub, uni: all "yes".
    EXPECT_NE(line.find("yes yes yes"), std::string::npos) << line;
    EXPECT_EQ(line[6], '+') << "subset tag expected: " << line;
  }
  EXPECT_GE(count, 2) << fonts.out;
}

bool has_arabic_letters(const std::string& word) {
  return word.find_first_of("\xD8\xD9\xDA\xDB") != std::string::npos;  // lead bytes of U+0600–U+06FF
}

// Only ASCII digits or Persian digits (U+06F0–U+06F9, UTF-8 DB B0–DB B9).
bool is_number(const std::string& word) {
  for (std::size_t i = 0; i < word.size();) {
    const unsigned char lead = static_cast<unsigned char>(word[i]);
    if (lead >= '0' && lead <= '9') {
      ++i;
    } else if (lead == 0xDB && i + 1 < word.size() && static_cast<unsigned char>(word[i + 1]) >= 0xB0 &&
               static_cast<unsigned char>(word[i + 1]) <= 0xB9) {
      i += 2;
    } else {
      return false;
    }
  }
  return !word.empty();
}

// pdftotext's text, cut into word tokens, with poppler's bidi marks gone (they are not letters).
std::vector<std::string> extracted_words(const fs::path& pdf) {
  const Command text = run("pdftotext -enc UTF-8 " + quoted(pdf) + " -");
  EXPECT_EQ(text.status, 0) << text.out;
  return words(text.out);
}

// Every word of every paragraph and note comes back, as often as the source has it.
TEST_P(SampleIssue, PdftotextGivesBackEveryWordOfEveryParagraph) {
  const std::vector<std::string> extracted = extracted_words(pdf_);
  std::multiset<std::string> available(extracted.begin(), extracted.end());
  std::size_t total = 0;
  std::vector<std::string> notes;
  std::vector<std::string> paragraphs = source_paragraphs(report_, true, &notes);
  EXPECT_GE(notes.size(), 4u);  // the samples' notes (issue 15)
  paragraphs.insert(paragraphs.end(), notes.begin(), notes.end());
  for (const std::string& paragraph : paragraphs) {
    std::string lost;
    for (const std::string& word : words(paragraph)) {
      ++total;
      if (auto found = available.find(word); found != available.end()) {
        available.erase(found);
      } else {
        lost += " «" + word + "»";
      }
    }
    EXPECT_TRUE(lost.empty()) << "not given back:" << lost << "\nin:\n" << paragraph;
  }
  EXPECT_GT(total, 500u);
}

// Word order. Latin paragraphs come back in order everywhere. Persian paragraphs come back in order
// on right-to-left pages, except numbers: poppler's own reordering moves a number that follows a
// bracket or another number (nashr draws them right; see docs/pdf.md). On a page that is mostly
// Latin, poppler lays every line out left to right, so the pieces of a Persian line between
// punctuation come back in visual order: there only the words within those pieces keep their order,
// which the multiset test above and the PDF writer's own text-layer tests cover.
TEST_P(SampleIssue, PdftotextKeepsWordOrder) {
  const std::vector<std::string> extracted = extracted_words(pdf_);
  const bool rtl_document = GetParam().find("-fa") != std::string::npos;
  std::size_t position = 0;
  int checked = 0;
  std::string previous;
  for (const std::string& paragraph : source_paragraphs(report_, false)) {
    std::vector<std::string> expected = words(paragraph);
    const bool persian = std::any_of(expected.begin(), expected.end(), has_arabic_letters);
    if (expected.empty() || (persian && !rtl_document)) continue;
    if (persian) std::erase_if(expected, is_number);
    std::size_t at = position;
    std::size_t matched = 0;
    for (; matched < expected.size(); ++matched) {
      while (at < extracted.size() && extracted[at] != expected[matched]) ++at;
      if (at == extracted.size()) break;
      ++at;
    }
    ASSERT_EQ(matched, expected.size())
        << "word " << matched << " «" << expected[matched] << "» is missing or out of order (from extracted word " << position << ") in:\n"
        << paragraph << "\nafter:\n" << previous;
    previous = paragraph;
    position = at;
    ++checked;
  }
  EXPECT_GE(checked, 10);
}

TEST_P(SampleIssue, MetadataCarriesTheIssn) {
  const Command info = run("pdfinfo " + quoted(pdf_));
  ASSERT_EQ(info.status, 0) << info.out;
  EXPECT_NE(info.out.find("nashr 0.1.0"), std::string::npos) << info.out;
  const Command raw =
      run("qpdf --qdf --object-streams=disable " + quoted(pdf_) + " - | grep -a -c 2975-0598");
  EXPECT_NE(raw.out.substr(0, 1), "0") << "ISSN not in the PDF's metadata";
}

TEST_P(SampleIssue, MupdfReadsEveryPageWithoutComplaint) {
  const Command draw = run("mutool draw -q -F txt -o /dev/null " + quoted(pdf_));
  EXPECT_EQ(draw.status, 0) << draw.out;
  std::string complaints;
  std::istringstream lines(draw.out);
  for (std::string line; std::getline(lines, line);) {
    // Debian's MuPDF is built without lcms2 and says so; that is not about our file.
    if (line.find("ICC support is not available") == std::string::npos && !line.empty())
      complaints += line + "\n";
  }
  EXPECT_TRUE(complaints.empty()) << complaints;
}

TEST_P(SampleIssue, EveryPageRenders) {
  const Command render = run("pdftoppm -r 30 -png " + quoted(pdf_) + " " + quoted(out_ / "page"));
  EXPECT_EQ(render.status, 0) << render.out;
  EXPECT_TRUE(render.out.empty()) << render.out;
  int pages = 0;
  for (const auto& entry : fs::directory_iterator(out_)) pages += entry.path().extension() == ".png";
  EXPECT_GE(pages, 2);
}

TEST_P(SampleIssue, TwoBuildsGiveTheSameBytes) {
  const fs::path again = out_ / "again";
  const Command build =
      run(std::string(NASHR_EXECUTABLE) + " build -o " + quoted(again) + " " + quoted(report_));
  ASSERT_EQ(build.status, 0) << build.out;
  EXPECT_EQ(read_file(pdf_).value(), read_file(again / pdf_.filename()).value());
}

// `-j` sets the threads of the text stages and of the PDF writer: the file is the same for any.
TEST_P(SampleIssue, AnyNumberOfThreadsGivesTheSameBytes) {
  for (const char* jobs : {"1", "2", "3"}) {
    const fs::path folder = out_ / (std::string("j") + jobs);
    const Command build = run(std::string(NASHR_EXECUTABLE) + " build -j " + jobs + " -o " + quoted(folder) +
                              " " + quoted(report_));
    ASSERT_EQ(build.status, 0) << build.out;
    EXPECT_EQ(read_file(pdf_).value(), read_file(folder / pdf_.filename()).value()) << "-j " << jobs;
  }
}

INSTANTIATE_TEST_SUITE_P(Reports, SampleIssue,
                         ::testing::Values("persian-files-29-2", "persian-files-29-2-fa"),
                         [](const auto& param_info) {
                           std::string name = param_info.param;
                           for (char& c : name) c = (c == '-') ? '_' : c;
                           return name;
                         });

TEST(Build, BadInputGivesLocatedErrorExitOneAndNoFile) {
  const fs::path dir = fs::path(NASHR_BINARY_DIR) / "e2e" / "bad";
  fs::remove_all(dir);
  fs::create_directories(dir);
  const fs::path report = dir / "bad.xml";
  {
    std::string text = read_file(repo() / "reports" / "persian-files-29-2.xml").value();
    const std::size_t issn = text.find("2975-0598");
    ASSERT_NE(issn, std::string::npos);
    text.replace(issn, 9, "2975-0597");
    // The style is looked up beside the report: point at the shipped one by path.
    const std::size_t style = text.find("style=\"persian-files\"");
    ASSERT_NE(style, std::string::npos);
    text.replace(style, 21, "style=\"" + (repo() / "styles" / "persian-files.xml").string() + "\"");
    ASSERT_TRUE(write_file_atomically(report, text).ok());
  }
  const Command build =
      run(std::string(NASHR_EXECUTABLE) + " build -o " + quoted(dir / "out") + " " + quoted(report));
  EXPECT_EQ(build.status, 1) << build.out;
  EXPECT_NE(build.out.find(report.string() + ":"), std::string::npos) << build.out;
  EXPECT_NE(build.out.find("error:"), std::string::npos) << build.out;
  EXPECT_FALSE(fs::exists(dir / "out" / "bad.pdf"));
}

}  // namespace
}  // namespace nashr
