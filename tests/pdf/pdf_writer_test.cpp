// The writer's own guarantees: deterministic bytes, dates, errors, atomic files, the document
// structure (read back through qpdf, not through our own parsing).
#include "pdf/pdf_writer.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <optional>
#include <sstream>

#include "base/file_io.h"
#include "test_support.h"

namespace nashr {
namespace {

namespace fs = std::filesystem;
using testing::Fonts;
using testing::run_command;
using testing::sample_document;
using testing::scratch_folder;
using testing::shell_quote;

// Sets or unsets an environment variable for one scope.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const char* value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    if (value != nullptr) {
      ::setenv(name, value, 1);
    } else {
      ::unsetenv(name);
    }
  }
  ~ScopedEnv() {
    if (old_) {
      ::setenv(name_, old_->c_str(), 1);
    } else {
      ::unsetenv(name_);
    }
  }

 private:
  const char* name_;
  std::optional<std::string> old_;
};

std::string write_or_die(const PagedDocument& document, const PdfOptions& options = {}) {
  Result<std::string> bytes = write_pdf(document, options);
  EXPECT_TRUE(bytes.ok()) << (bytes.ok() ? "" : bytes.error().message);
  return bytes.ok() ? *bytes : std::string();
}

std::string trailer_id(const std::string& pdf) {
  // "/ID [ <32 hex digits> <the same> ]"
  const std::size_t key = pdf.rfind("/ID [ <");
  if (key == std::string::npos || key + 7 + 32 + 3 + 32 > pdf.size()) return {};
  const std::string first = pdf.substr(key + 7, 32);
  const std::string second = pdf.substr(key + 7 + 32 + 3, 32);
  EXPECT_EQ(first, second);
  EXPECT_EQ(first.find_first_not_of("0123456789ABCDEF"), std::string::npos) << first;
  return first;
}

std::size_t count(const std::string& text, const std::string& needle) {
  std::size_t n = 0;
  for (std::size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

// Runs of white space as one space, so that QDF's layout of arrays does not matter.
std::string squeeze(const std::string& text) {
  std::string out;
  for (char c : text) {
    const bool space = c == ' ' || c == '\n' || c == '\r' || c == '\t';
    if (space && !out.empty() && out.back() == ' ') continue;
    out += space ? ' ' : c;
  }
  return out;
}

// The file decompressed and laid out by qpdf (QDF), for reading its objects as text.
std::string qdf(const std::string& pdf, const std::string& name) {
  const fs::path folder = scratch_folder(name);
  const fs::path in = folder / "in.pdf", out = folder / "out.qdf";
  EXPECT_TRUE(write_file_atomically(in, pdf).ok());
  const auto result = run_command("qpdf --qdf --object-streams=disable " + shell_quote(in.string()) + ' ' +
                                  shell_quote(out.string()));
  EXPECT_EQ(result.exit_code, 0) << result.err;
  return read_file(out).value_or(std::string());
}

TEST(PdfWriter, SameInputGivesIdenticalBytes) {
  Fonts fonts;
  const PagedDocument document = sample_document(fonts, 2);
  const std::string first = write_or_die(document);
  const std::string second = write_or_die(document);
  ASSERT_FALSE(first.empty());
  EXPECT_EQ(first, second);
  EXPECT_EQ(first.rfind("%PDF-1.7\n", 0), 0u);
  EXPECT_EQ(trailer_id(first).size(), 32u);
  EXPECT_NE(trailer_id(first), std::string(32, '0'));
}

// Page contents are written and compressed on any thread while the pages are gone through in order:
// the bytes must not depend on how many threads there are or on which one took which page, also
// when the pages are freed as they are written, and with compression off.
TEST(PdfWriter, TheNumberOfThreadsDoesNotChangeTheBytes) {
  Fonts fonts;
  const PagedDocument document = sample_document(fonts, 24, fs::path(NASHR_TEST_DIR) / "data");
  for (const bool compress : {true, false}) {
    PdfOptions one;
    one.threads = 1;
    one.compress = compress;
    const std::string reference = write_or_die(document, one);
    ASSERT_FALSE(reference.empty());
    for (const unsigned threads : {2u, 5u, 0u}) {  // 0: the machine's cores
      PdfOptions options = one;
      options.threads = threads;
      EXPECT_EQ(write_or_die(document, options), reference) << threads << " threads";
      for (int run = 0; run < 3; ++run) {  // the scheduling differs from run to run
        PagedDocument copy = document;
        Result<std::string> freeing = write_pdf(std::move(copy), options);
        ASSERT_TRUE(freeing.ok()) << freeing.error().message;
        EXPECT_EQ(*freeing, reference) << threads << " threads, pages freed as written";
        for (const Page& page : copy.pages) EXPECT_TRUE(page.items.empty());
      }
    }
  }
}

// Every libdeflate level (1 fastest .. 12 smallest), and no compression at all (content streams
// readable for debugging), gives a file that qpdf reads without a warning and that draws and
// extracts the same text.
TEST(PdfWriter, EveryCompressionLevelAndNoneGiveValidFiles) {
  Fonts fonts;
  const PagedDocument document = sample_document(fonts, 2);
  const fs::path folder = scratch_folder("levels");
  std::string reference_text;
  for (int level : {1, 6, 12, 0}) {
    PdfOptions options;
    options.compress = level != 0;
    options.compression_level = level;
    const std::string pdf = write_or_die(document, options);
    const fs::path file = folder / ("level" + std::to_string(level) + ".pdf");
    ASSERT_TRUE(write_file_atomically(file, pdf).ok());
    const auto checked = run_command("qpdf --check " + shell_quote(file.string()));
    EXPECT_EQ(checked.exit_code, 0) << "level " << level << ": " << checked.out << checked.err;
    const auto text = run_command("pdftotext -enc UTF-8 " + shell_quote(file.string()) + " -");
    ASSERT_EQ(text.exit_code, 0) << text.err;
    if (reference_text.empty()) reference_text = text.out;
    EXPECT_EQ(text.out, reference_text) << "level " << level;
    EXPECT_EQ(count(pdf, "/FlateDecode") > 0, options.compress) << "level " << level;
  }
}

// Glyph codes go into literal strings as raw bytes: the bytes of '(', ')', '\\' and CR must be
// escaped, or a reader ends the string early, swallows a byte or reads CR as LF.
TEST(PdfWriter, GlyphCodesThatLookLikeStringSyntaxAreEscaped) {
  Fonts fonts;
  PagedDocument document;
  Page page;
  // Every printable ASCII character in one font: about 100 CIDs, so 13, 40, 41 and 92 are among them.
  std::string printable_ascii;
  for (char c = '!'; c <= '~'; ++c) printable_ascii += c;
  page.items.push_back(testing::shape_run(*fonts.serif, printable_ascii, false, 7, {72, 140}));
  const std::string reversed(printable_ascii.rbegin(), printable_ascii.rend());
  page.items.push_back(testing::shape_run(*fonts.serif, reversed, false, 7, {72, 160}));
  document.pages.push_back(page);
  const std::string pdf = write_or_die(document);
  const fs::path folder = scratch_folder("escapes");
  const fs::path file = folder / "escapes.pdf", plain = folder / "plain.pdf";
  ASSERT_TRUE(write_file_atomically(file, pdf).ok());
  // The streams decompressed, their bytes otherwise as written (QDF would rewrite the content).
  const auto uncompressed = run_command("qpdf --stream-data=uncompress --object-streams=disable " +
                                        shell_quote(file.string()) + ' ' + shell_quote(plain.string()));
  ASSERT_EQ(uncompressed.exit_code, 0) << uncompressed.err;
  const std::string text = read_file(plain).value_or(std::string());
  ASSERT_NE(text.find(")]TJ"), std::string::npos);
  for (const std::string escaped : {"\\(", "\\)", "\\\\", "\\r"}) {
    EXPECT_NE(text.find(escaped), std::string::npos) << escaped;
  }
  const auto extracted = run_command("pdftotext -enc UTF-8 " + shell_quote(file.string()) + " -");
  ASSERT_EQ(extracted.exit_code, 0) << extracted.err;
  EXPECT_NE(extracted.out.find(printable_ascii + "\n"), std::string::npos) << extracted.out;
  EXPECT_NE(extracted.out.find(reversed + "\n"), std::string::npos) << extracted.out;
}

TEST(PdfWriter, AnotherDateChangesOnlyTheDates) {
  Fonts fonts;
  const PagedDocument document = sample_document(fonts, 2);
  PdfOptions january, june;
  january.date_epoch = 1736899200;  // 2025-01-15
  june.date_epoch = 1750000000;     // 2025-06-15 15:06:40
  const std::string a = write_or_die(document, january);
  const std::string b = write_or_die(document, june);
  ASSERT_EQ(a.size(), b.size());
  ASSERT_NE(a, b);
  const std::string date_a = "D:20250115000000+00'00'";
  const std::string date_b = "D:20250615150640+00'00'";
  std::vector<std::size_t> dates;
  for (std::size_t at = a.find(date_a); at != std::string::npos; at = a.find(date_a, at + 1))
    dates.push_back(at);
  ASSERT_EQ(dates.size(), 2u);  // CreationDate and ModDate
  for (std::size_t at : dates) EXPECT_EQ(b.compare(at, date_b.size(), date_b), 0);
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i] == b[i]) continue;
    const bool in_a_date = std::any_of(dates.begin(), dates.end(),
                                       [&](std::size_t at) { return i >= at && i < at + date_a.size(); });
    EXPECT_TRUE(in_a_date) << "byte " << i << " differs outside the dates";
    if (!in_a_date) break;
  }
  EXPECT_EQ(trailer_id(a), trailer_id(b));
}

TEST(PdfWriter, TheIdFollowsTheContent) {
  Fonts fonts;
  PagedDocument document = sample_document(fonts, 1);
  const std::string before = write_or_die(document);
  std::get<GlyphRun>(document.pages[0].items[2]).color = {1, 0, 0};
  const std::string after = write_or_die(document);
  EXPECT_NE(trailer_id(before), trailer_id(after));
}

TEST(PdfWriter, DatesComeFromSourceDateEpochThenTheIssueDate) {
  DocumentInfo info;
  info.issue_date = CalendarDate{2024, 3, 20};
  {
    ScopedEnv env("SOURCE_DATE_EPOCH", "1700000000");
    auto epoch = pdf_date_epoch({}, info);
    ASSERT_TRUE(epoch.ok());
    EXPECT_EQ(**epoch, 1700000000);
    PdfOptions explicit_date;
    explicit_date.date_epoch = 5;
    EXPECT_EQ(**pdf_date_epoch(explicit_date, info), 5);
  }
  {
    ScopedEnv env("SOURCE_DATE_EPOCH", nullptr);
    auto epoch = pdf_date_epoch({}, info);
    ASSERT_TRUE(epoch.ok());
    EXPECT_EQ(**epoch, 1710892800);  // 2024-03-20T00:00:00Z
    EXPECT_FALSE(pdf_date_epoch({}, DocumentInfo{})->has_value());

    Fonts fonts;
    PagedDocument document = sample_document(fonts, 1);
    document.info.issue_date = CalendarDate{2024, 3, 20};
    EXPECT_NE(write_or_die(document).find("/CreationDate (D:20240320000000+00'00')"), std::string::npos);
    document.info.issue_date.reset();
    EXPECT_EQ(write_or_die(document).find("/CreationDate"), std::string::npos);
  }
}

TEST(PdfWriter, MalformedDatesAreErrorsWithHints) {
  DocumentInfo info;
  {
    ScopedEnv env("SOURCE_DATE_EPOCH", "yesterday");
    auto epoch = pdf_date_epoch({}, info);
    ASSERT_FALSE(epoch.ok());
    EXPECT_NE(epoch.error().message.find("SOURCE_DATE_EPOCH"), std::string::npos);
    EXPECT_FALSE(epoch.error().hint.empty());
  }
  ScopedEnv env("SOURCE_DATE_EPOCH", nullptr);
  // The reader refuses dates that do not exist; one made in code is still refused here.
  for (const CalendarDate date : {CalendarDate{2024, 13, 1}, CalendarDate{2025, 2, 29}, CalendarDate{2024, 4, 31}}) {
    info.issue_date = date;
    EXPECT_FALSE(pdf_date_epoch({}, info).ok()) << to_iso_date(date);
  }
}

TEST(PdfWriter, ErrorsBecomeDiagnostics) {
  Fonts fonts;
  {
    PagedDocument document;
    EXPECT_FALSE(write_pdf(document).ok());  // no pages
  }
  {
    PagedDocument document = sample_document(fonts, 1);
    document.pages[0].items.push_back(GlyphRun{});
    Result<std::string> bytes = write_pdf(document);
    ASSERT_FALSE(bytes.ok());
    EXPECT_NE(bytes.error().message.find("no font"), std::string::npos);
  }
  {
    PagedDocument document = sample_document(fonts, 1);
    GlyphRun run = testing::shape_run(*fonts.serif, "x", false, 10, {72, 72});
    run.glyphs[0].glyph_id = 999999;
    document.pages[0].items.push_back(run);
    EXPECT_FALSE(write_pdf(document).ok());
  }
  {
    PagedDocument document = sample_document(fonts, 1);
    document.pages[0].items.push_back(Link{{0, 0, 10, 10}, "", "nowhere"});
    Result<std::string> bytes = write_pdf(document);
    ASSERT_FALSE(bytes.ok());
    EXPECT_NE(bytes.error().message.find("nowhere"), std::string::npos);
  }
  {
    PagedDocument document = sample_document(fonts, 1);
    document.pages[0].items.push_back(Image{{0, 0, 10, 10}, "/nonexistent/logo.png", {}});
    Result<std::string> bytes = write_pdf(document);
    ASSERT_FALSE(bytes.ok());
    EXPECT_EQ(bytes.error().location.file, "/nonexistent/logo.png");
  }
  {
    const fs::path folder = scratch_folder("not-an-image");
    ASSERT_TRUE(write_file_atomically(folder / "fake.png", "GIF89a....").ok());
    PagedDocument document = sample_document(fonts, 1);
    document.pages[0].items.push_back(Image{{0, 0, 10, 10}, (folder / "fake.png").string(), {}});
    Result<std::string> bytes = write_pdf(document);
    ASSERT_FALSE(bytes.ok());
    EXPECT_NE(bytes.error().message.find("PNG or JPEG"), std::string::npos);
  }
  {
    // libharu's own checks surface as diagnostics too: a page larger than PDF allows.
    PagedDocument document = sample_document(fonts, 1);
    document.pages[0].width = 20000;
    Result<std::string> bytes = write_pdf(document);
    ASSERT_FALSE(bytes.ok());
    EXPECT_NE(bytes.error().message.find("libharu error"), std::string::npos) << bytes.error().message;
  }
}

TEST(PdfWriter, AFaultMidWriteLeavesThePreviousFileUntouched) {
  Fonts fonts;
  const fs::path folder = scratch_folder("fault");
  const fs::path target = folder / "issue.pdf";
  ASSERT_TRUE(write_pdf_file(sample_document(fonts, 1), target).ok());
  const std::string previous = read_file(target).value();

  PdfOptions faulty;
  faulty.fail_after_bytes = 1000;
  Result<void> written = write_pdf_file(sample_document(fonts, 2), target, faulty);
  ASSERT_FALSE(written.ok());
  EXPECT_NE(written.error().message.find("cannot write the whole file"), std::string::npos);
  EXPECT_EQ(read_file(target).value(), previous);
  std::size_t files = 0;
  for (const auto& entry : fs::directory_iterator(folder)) {
    ++files;
    EXPECT_EQ(entry.path().filename(), "issue.pdf");  // no temporary left behind
  }
  EXPECT_EQ(files, 1u);

  // A fault in the trailer, the last bytes written, with 1 and 2 threads.
  const std::string expected = write_or_die(sample_document(fonts, 2));
  for (const unsigned threads : {1u, 2u}) {
    PdfOptions late = faulty;
    late.threads = threads;
    late.fail_after_bytes = expected.size() - 10;
    Result<void> cut = write_pdf_file(sample_document(fonts, 2), target, late);
    ASSERT_FALSE(cut.ok()) << threads << " threads";
    EXPECT_EQ(read_file(target).value(), previous) << threads << " threads";
  }

  // Without the fault the new file replaces the old one, the same with 1 or 2 threads.
  for (const unsigned threads : {1u, 2u}) {
    PdfOptions options;
    options.threads = threads;
    ASSERT_TRUE(write_pdf_file(sample_document(fonts, 2), target, options).ok());
    EXPECT_EQ(read_file(target).value(), expected) << threads << " threads";
  }
}

TEST(PdfWriter, FontsAreType0WithTheirOwnCidMapsAndFlateStreams) {
  Fonts fonts;
  const std::string pdf = write_or_die(sample_document(fonts, 2));
  const std::string text = qdf(pdf, "structure");
  EXPECT_EQ(count(text, "/Subtype /Type0"), 4u);  // Vazirmatn Regular and Bold, Noto Naskh, Noto Serif
  EXPECT_EQ(count(text, "/Subtype /CIDFontType2"), 4u);
  EXPECT_EQ(count(text, "/Encoding /Identity-H"), 4u);
  EXPECT_EQ(count(text, "/CIDToGIDMap /Identity"), 0u);
  EXPECT_EQ(count(text, "/CIDToGIDMap "), 4u);
  EXPECT_EQ(count(text, "/CIDSet "), 4u);
  EXPECT_EQ(count(text, "/FontFile2 "), 4u);
  EXPECT_EQ(count(text, "/ToUnicode "), 4u);
  EXPECT_EQ(count(text, "/Ordering (Identity)"), 4u);
  // Every stream of the original file is Flate-compressed.
  const std::size_t streams = count(pdf, "endstream");
  const std::size_t flate = count(pdf, "/FlateDecode");
  EXPECT_GT(streams, 10u);
  EXPECT_EQ(streams, flate);
}

TEST(PdfWriter, LinksHaveNoBorderAndArePrintable) {
  Fonts fonts;
  const std::string text = squeeze(qdf(write_or_die(sample_document(fonts, 2)), "links"));
  const std::size_t links = count(text, "/Subtype /Link");
  EXPECT_EQ(links, 4u);
  EXPECT_EQ(count(text, "/Border [ 0 0 0 ]"), links);
  EXPECT_EQ(count(text, "/F 4 "), links);
  // Non-ASCII in a URI is percent-encoded; internal links name their destination.
  EXPECT_NE(text.find("/URI (https://specialeurasia.com/%D8%A7%D8%AE%D8%A8%D8%A7%D8%B1)"), std::string::npos);
  EXPECT_NE(text.find("/Dest /section-2"), std::string::npos);
  EXPECT_NE(text.find("/Dests "), std::string::npos);
}

TEST(PdfWriter, OutlineInfoAndPageLabelsReadBack) {
  Fonts fonts;
  const fs::path folder = scratch_folder("outline");
  const fs::path file = folder / "issue.pdf";
  ASSERT_TRUE(write_pdf_file(sample_document(fonts, 2), file).ok());

  const auto outline = run_command("mutool show " + shell_quote(file.string()) + " outline");
  EXPECT_EQ(outline.exit_code, 0) << outline.err;
  EXPECT_NE(outline.out.find("\"بخش ۱ — همکاری‌ها\"\t#page=1"), std::string::npos)
      << outline.out;
  EXPECT_NE(outline.out.find("|\t\t\"Executive Summary\"\t#page=1"), std::string::npos) << outline.out;
  EXPECT_NE(outline.out.find("\"بخش ۲ — همکاری‌ها\"\t#page=2"), std::string::npos)
      << outline.out;

  const auto info = run_command("pdfinfo " + shell_quote(file.string()));
  EXPECT_EQ(info.exit_code, 0) << info.err;
  EXPECT_NE(info.out.find("Title:           پرونده‌های فارسی — Persian Files\n"),
            std::string::npos)
      << info.out;
  EXPECT_NE(info.out.find("Subject:         روابط ایران و بلاروس\n"), std::string::npos);
  EXPECT_NE(info.out.find("Author:          SpecialEurasia OSINT Unit\n"), std::string::npos);
  EXPECT_NE(info.out.find("Keywords:        Iran, Belarus, SCO\n"), std::string::npos);
  EXPECT_NE(info.out.find("Creator:         nashr "), std::string::npos);
  EXPECT_NE(info.out.find("Producer:        nashr "), std::string::npos);
  EXPECT_NE(info.out.find("CreationDate:    Wed Jan 15 00:00:00 2025 UTC"), std::string::npos) << info.out;
  EXPECT_NE(info.out.find("Pages:           2\n"), std::string::npos);
  EXPECT_NE(info.out.find("Page size:       595.276 x 841.89 pts (A4)"), std::string::npos) << info.out;

  const auto labels = run_command("qpdf --json --json-key=pagelabels " + shell_quote(file.string()));
  EXPECT_EQ(labels.exit_code, 0) << labels.err;
  EXPECT_NE(labels.out.find("\"/S\": \"/r\""), std::string::npos) << labels.out;
  EXPECT_NE(labels.out.find("\"/S\": \"/D\""), std::string::npos);
  EXPECT_NE(labels.out.find("\"/P\": \"u:ص \""), std::string::npos);
}

TEST(PdfWriter, ImagesAreEmbedded) {
  Fonts fonts;
  const fs::path images = fs::path(NASHR_TEST_DIR) / "data";
  const fs::path folder = scratch_folder("images");
  const fs::path file = folder / "issue.pdf";
  ASSERT_TRUE(write_pdf_file(sample_document(fonts, 2, images), file).ok());
  const auto listed = run_command("pdfimages -list " + shell_quote(file.string()));
  EXPECT_EQ(listed.exit_code, 0) << listed.err;
  // Two images drawn on each of two pages, each embedded once.
  std::istringstream lines(listed.out);
  std::string line;
  int rows = 0;
  std::set<std::string> objects;
  while (std::getline(lines, line)) {
    std::istringstream fields(line);
    std::string page, number, type, width, height, color, comp, bpc, enc, interp, object, id;
    if (!(fields >> page >> number >> type >> width >> height >> color >> comp >> bpc >> enc >> interp >>
          object >> id))
      continue;
    if (type != "image") continue;
    ++rows;
    objects.insert(object);
  }
  EXPECT_EQ(rows, 4);
  EXPECT_EQ(objects.size(), 2u);
  EXPECT_NE(listed.out.find("jpeg"), std::string::npos);
}

}  // namespace
}  // namespace nashr
