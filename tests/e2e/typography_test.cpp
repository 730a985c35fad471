// Issue 17's typography, read back from the PDF with real readers: every link is clickable over
// exactly its own glyphs (qpdf's annotations against MuPDF's character boxes, tests/e2e/link_areas.py),
// in both directions and across lines; numbered lists past 9 keep their period without a warning.
#include <gtest/gtest.h>

// g++ 12 warns falsely on string concatenation at -O2 (GCC bug 105329).
#pragma GCC diagnostic ignored "-Wrestrict"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "support/process.h"

namespace nashr {
namespace {

namespace fs = std::filesystem;
using nashr::testing::Command;
using nashr::testing::run;

std::string quoted(const fs::path& path) {
  return "'" + path.string() + "'";
}

// The code points of UTF-8 `text` without white space, sorted: the glyphs a link's area must cover,
// whatever order a reader gives them in (Persian comes back in visual order).
std::vector<std::string> sorted_letters(const std::string& text) {
  std::vector<std::string> letters;
  for (std::size_t i = 0; i < text.size();) {
    const unsigned char lead = static_cast<unsigned char>(text[i]);
    const std::size_t length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    const std::string letter = text.substr(i, length);
    // White space, ZWNJ (no glyph of its own) and the fi ligature's parts as readers split them.
    if (letter != " " && letter != "\u200C") letters.push_back(letter);
    i += length;
  }
  std::sort(letters.begin(), letters.end());
  return letters;
}

struct LinkArea {
  int page = 0;
  std::string target;
  std::string characters;
};

class Typography : public ::testing::Test {
 protected:
  void SetUp() override {
    // One folder per test: ctest runs them in parallel.
    out_ = fs::path(NASHR_BINARY_DIR) / "e2e" /
           (std::string("typography-") + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(out_);
    const fs::path report = fs::path(NASHR_TEST_DIR) / "data" / "typography.xml";
    build_ = run(std::string(NASHR_EXECUTABLE) + " build -o " + quoted(out_) + " " + quoted(report));
  }

  fs::path pdf() const { return out_ / "typography.pdf"; }

  std::vector<LinkArea> link_areas(std::vector<std::string>& cut) const {
    const Command read = run("python3 " + quoted(fs::path(NASHR_TEST_DIR) / "link_areas.py") + " " + quoted(pdf()));
    EXPECT_EQ(read.status, 0) << read.out;
    std::vector<LinkArea> areas;
    std::istringstream lines(read.out);
    for (std::string line; std::getline(lines, line);) {
      std::vector<std::string> fields;
      std::istringstream cells(line);
      for (std::string cell; std::getline(cells, cell, '\t');) fields.push_back(cell);
      if (!fields.empty() && fields[0] == "CUT") {
        cut.push_back(line);
      } else if (fields.size() >= 3) {
        areas.push_back({std::stoi(fields[0]), fields[1], fields.size() > 3 ? fields[3] : ""});
      }
    }
    return areas;
  }

  fs::path out_;
  Command build_;
};

TEST_F(Typography, EveryLinkIsItsOwnAreaOverExactlyItsGlyphs) {
  ASSERT_EQ(build_.status, 0) << build_.out;
  std::vector<std::string> cut;
  const std::vector<LinkArea> areas = link_areas(cut);
  EXPECT_TRUE(cut.empty()) << "areas cutting through glyphs:\n" << ::testing::PrintToString(cut);
  // The text of each link (the footer's and the contact sentence's e-mail are two links to one
  // address, each with its own area).
  const std::map<std::string, std::vector<std::string>> expected = {
      {"https://www.example.com/one", {"the first link"}},
      {"https://www.example.org/two", {"a second link"}},
      {"https://www.example.net/three",
       {"this link has so many words that it surely wraps from one line onto the next line of the paragraph"}},
      {"#lists", {"the list section"}},
      {"https://www.example.com/fa-one", {"پیوند نخست"}},
      {"https://www.example.org/fa-two", {"پیوند دوم"}},
      {"https://www.example.net/fa-three",
       {"این پیوند آن‌قدر واژه دارد که بی‌گمان از یک سطر به سطر بعدی این بند می‌رود و باز هم ادامه دارد"}},
      {"mailto:info@specialeurasia.com", {"info@specialeurasia.com", "info@specialeurasia.com"}},
      {"https://www.specialeurasia.com/", {"https://www.specialeurasia.com/"}},
  };
  std::map<std::string, std::string> covered;
  std::map<std::string, int> count;
  for (const LinkArea& area : areas) {
    covered[area.target] += area.characters;
    ++count[area.target];
  }
  for (const auto& [target, texts] : expected) {
    std::string all;
    for (const std::string& text : texts) all += text;
    EXPECT_EQ(sorted_letters(covered[target]), sorted_letters(all)) << target << " covers " << covered[target];
  }
  EXPECT_EQ(covered.size(), expected.size());
  // The long links wrap: one area per line, no more.
  EXPECT_EQ(count["https://www.example.net/three"], 2);
  EXPECT_EQ(count["https://www.example.net/fa-three"], 2);
  EXPECT_EQ(count["https://www.example.com/one"], 1);
  EXPECT_EQ(count["mailto:info@specialeurasia.com"], 2);
}

TEST_F(Typography, LinksAreDrawnInTheLinkColour) {
  ASSERT_EQ(build_.status, 0) << build_.out;
  const Command text = run("mutool draw -F stext -o - " + quoted(pdf()));
  ASSERT_EQ(text.status, 0) << text.out;
  // The links' letters in the link blue (#1f5fa8, which MuPDF reads back as #1f5ea7): "link" in
  // English, پ of «پیوند» in Persian (no other word of the file has either letter in blue).
  EXPECT_NE(text.out.find("color=\"#1f5ea7\" c=\"k\""), std::string::npos);
  EXPECT_NE(text.out.find("color=\"#1f5ea7\" c=\"&#x67e;\""), std::string::npos);
}

TEST_F(Typography, NumberedListsPastNineKeepTheirPeriodWithoutAWarning) {
  ASSERT_EQ(build_.status, 0) << build_.out;
  EXPECT_EQ(build_.out.find("warning"), std::string::npos) << build_.out;
  const Command text = run("pdftotext -layout " + quoted(pdf()) + " -");
  ASSERT_EQ(text.status, 0) << text.out;
  for (const char* item : {"9. nine", "10. ten", "11. eleven", "12. twelve"}) {
    EXPECT_NE(text.out.find(item), std::string::npos) << item << " in\n" << text.out;
  }
}

}  // namespace
}  // namespace nashr

namespace nashr {
namespace {

// Issue 17, item 10 and issue 16: the English sample is hyphenated, and the readers give back every
// hyphenated word whole (the hyphen carries the rest of the word as its text). Built once.
class EnglishHyphenation : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    out_ = new fs::path(fs::path(NASHR_BINARY_DIR) / "e2e" / "hyphenation");
    fs::remove_all(*out_);
    const fs::path report = fs::path(NASHR_SOURCE_DIR) / "reports" / "persian-files-29-2.xml";
    build_ = new Command(run(std::string(NASHR_EXECUTABLE) + " build -o " + quoted(*out_) + " " + quoted(report)));
  }
  static void TearDownTestSuite() {
    delete out_;
    delete build_;
  }
  static fs::path pdf() { return *out_ / "persian-files-29-2.pdf"; }
  static fs::path* out_;
  static Command* build_;
};
fs::path* EnglishHyphenation::out_ = nullptr;
Command* EnglishHyphenation::build_ = nullptr;

// The words of `text` (split at white space).
std::vector<std::string> split_words(const std::string& text) {
  std::vector<std::string> words;
  std::istringstream in(text);
  for (std::string word; in >> word;) words.push_back(word);
  return words;
}

TEST_F(EnglishHyphenation, HyphenatedLinesComeBackAsWholeWords) {
  ASSERT_EQ(build_->status, 0) << build_->out;
  // The hyphens the line setter added, from the pages' dump: a glyph "hyphen" carrying the rest of
  // its word as its text (hyphen'cluding'), after the word's first letters.
  const fs::path report = fs::path(NASHR_SOURCE_DIR) / "reports" / "persian-files-29-2.xml";
  const Command dump = run(std::string(NASHR_EXECUTABLE) + " build --dump=lines " + quoted(report));
  ASSERT_EQ(dump.status, 0) << dump.out;
  std::vector<std::string> rests;
  for (std::size_t at = dump.out.find("hyphen'"); at != std::string::npos; at = dump.out.find("hyphen'", at + 1)) {
    const std::size_t end = dump.out.find('\'', at + 7);
    ASSERT_NE(end, std::string::npos);
    if (end > at + 7 && dump.out[at + 7] != '-') rests.push_back(dump.out.substr(at + 7, end - at - 7));
  }
  ASSERT_GE(rests.size(), 3u) << "too few hyphenated lines in\n" << dump.out;
  // Every reader's text has each hyphenated word whole: a word ending in its rest, longer than
  // the rest, with no "-" before it. (Real hyphens carry "-": "high-level", "Belarus-Iran".)
  for (const char* reader : {"pdftotext -layout", "pdftotext -raw", "mutool draw -q -F txt -o -"}) {
    const Command text = run(std::string(reader) + " " + quoted(pdf()) + (reader[0] == 'p' ? " -" : ""));
    ASSERT_EQ(text.status, 0) << reader << text.out;
    const std::vector<std::string> words = split_words(text.out);
    for (const std::string& rest : rests) {
      bool whole = false;
      for (std::string word : words) {
        while (!word.empty() && !std::isalpha(static_cast<unsigned char>(word.back()))) word.pop_back();
        if (word.size() > rest.size() && word.ends_with(rest) && word[word.size() - rest.size() - 1] != '-') whole = true;
      }
      EXPECT_TRUE(whole) << reader << ": the word ending in «" << rest << "» does not come back whole";
    }
  }
}

}  // namespace
}  // namespace nashr
