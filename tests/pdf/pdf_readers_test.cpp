// The PDF read by real readers: qpdf, poppler (pdffonts, pdftotext, pdftoppm), MuPDF, pdf.js when
// installed, and a rendering compared with FreeType's rendering of the same glyphs.
#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_OUTLINE_H

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "base/file_io.h"
#include "pdf/pdf_writer.h"
#include "pdf/text_encoding.h"
#include "test_support.h"

namespace nashr {
namespace {

namespace fs = std::filesystem;
using testing::Fonts;
using testing::run_command;
using testing::sample_lines;
using testing::SampleLine;
using testing::scratch_folder;
using testing::shell_quote;

fs::path write_test_file(const PagedDocument& document, const std::string& name) {
  const fs::path file = scratch_folder(name) / (name + ".pdf");
  Result<void> written = write_pdf_file(document, file);
  EXPECT_TRUE(written.ok()) << (written.ok() ? "" : written.error().message);
  return file;
}

// Each sample line once, 30 points apart, on one page.
PagedDocument lines_document(const Fonts& fonts) {
  PagedDocument document;
  document.info.title = "text layer";
  Page page;
  double baseline = 80;
  for (const SampleLine& line : sample_lines(fonts)) {
    for (GlyphRun& run : testing::place_line(line.visual_segments, 12, 72, 523, baseline, line.rtl)) {
      page.items.push_back(std::move(run));
    }
    baseline += 30;
  }
  document.pages.push_back(std::move(page));
  return document;
}

std::vector<std::string> non_empty_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (line.find_first_not_of(" \f") != std::string::npos) lines.push_back(line);
  }
  return lines;
}

// Removes the explicit directional formatting characters poppler adds (U+202A–U+202E).
std::string strip_embeddings(const std::string& text) {
  std::u32string out;
  for (char32_t c : decode_utf8(text)) {
    if (c < 0x202A || c > 0x202E) out += c;
  }
  return encode_utf8(out);
}

std::string without(const std::string& text, std::u32string_view dropped) {
  std::u32string out;
  for (char32_t c : decode_utf8(text)) {
    if (dropped.find(c) == std::u32string_view::npos) out += c;
  }
  return encode_utf8(out);
}

// Letters and digits in order: what must survive even where a reader misplaces neutrals.
std::string letters(const std::string& text) {
  return without(text, U" ()،,.\u200C");
}

std::u32string sorted_characters(const std::string& text) {
  std::u32string chars = decode_utf8(without(text, U" "));
  std::sort(chars.begin(), chars.end());
  return chars;
}

TEST(PdfReaders, QpdfFindsNoErrors) {
  Fonts fonts;
  const fs::path file =
      write_test_file(testing::sample_document(fonts, 2, fs::path(NASHR_TEST_DIR) / "data"), "qpdf");
  const auto check = run_command("qpdf --check " + shell_quote(file.string()));
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
  EXPECT_NE(check.out.find("No syntax or stream encoding errors found"), std::string::npos) << check.out;
  EXPECT_EQ(check.err, "");
}

TEST(PdfReaders, AHundredPageIssueIsCleanAndSmall) {
  Fonts fonts;
  const fs::path images = fs::path(NASHR_TEST_DIR) / "data";
  const fs::path two = write_test_file(testing::sample_document(fonts, 2, images), "two-pages");
  const fs::path hundred = write_test_file(testing::sample_document(fonts, 100, images), "hundred-pages");
  const auto check = run_command("qpdf --check " + shell_quote(hundred.string()));
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
  const auto info = run_command("pdfinfo " + shell_quote(hundred.string()));
  EXPECT_NE(info.out.find("Pages:           100\n"), std::string::npos) << info.out;
  const auto last = run_command("pdftotext -f 100 -l 100 -enc UTF-8 " + shell_quote(hundred.string()) + " -");
  EXPECT_NE(strip_embeddings(last.out).find("بخش ۱۰۰"), std::string::npos);
  // Fonts are embedded once for the whole issue: a page costs its content stream, not its fonts.
  const auto size_two = fs::file_size(two), size_hundred = fs::file_size(hundred);
  std::printf("sample issue: 2 pages %ju bytes, 100 pages %ju bytes\n", static_cast<std::uintmax_t>(size_two),
              static_cast<std::uintmax_t>(size_hundred));
  EXPECT_LT(size_two, 60u * 1024);
  EXPECT_LT(size_hundred, size_two * 30);
}

TEST(PdfReaders, PdffontsSeesEmbeddedSubsetCidTrueTypeWithToUnicode) {
  Fonts fonts;
  const fs::path file = write_test_file(testing::sample_document(fonts, 2), "pdffonts");
  const auto listed = run_command("pdffonts " + shell_quote(file.string()));
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  EXPECT_EQ(listed.err, "");
  const std::vector<std::string> lines = non_empty_lines(listed.out);
  ASSERT_EQ(lines.size(), 2u + 4u) << listed.out;  // header, rule, four fonts
  std::set<std::string> names;
  for (std::size_t i = 2; i < lines.size(); ++i) {
    std::istringstream fields(lines[i]);
    std::string name, type1, type2, encoding, embedded, subset, unicode;
    fields >> name >> type1 >> type2 >> encoding >> embedded >> subset >> unicode;
    EXPECT_EQ(type1 + ' ' + type2, "CID TrueType") << lines[i];
    EXPECT_EQ(encoding, "Identity-H") << lines[i];
    EXPECT_EQ(embedded, "yes") << lines[i];
    EXPECT_EQ(subset, "yes") << lines[i];
    EXPECT_EQ(unicode, "yes") << lines[i];
    ASSERT_GT(name.size(), 7u);
    EXPECT_EQ(name[6], '+') << name;
    names.insert(name.substr(7));
  }
  EXPECT_EQ(names, (std::set<std::string>{"Vazirmatn-Regular", "Vazirmatn-Bold", "NotoNaskhArabic-Regular",
                                          "NotoSerif-Regular"}));
}

TEST(PdfReaders, PdftotextGivesBackTheSourceTextInLogicalOrder) {
  Fonts fonts;
  const fs::path file = write_test_file(lines_document(fonts), "pdftotext");
  const auto extracted = run_command("pdftotext -enc UTF-8 " + shell_quote(file.string()) + " -");
  ASSERT_EQ(extracted.exit_code, 0) << extracted.err;
  EXPECT_EQ(extracted.err, "");
  const std::vector<std::string> lines = non_empty_lines(strip_embeddings(extracted.out));
  const std::vector<SampleLine> expected = sample_lines(fonts);
  ASSERT_EQ(lines.size(), expected.size()) << extracted.out;
  int exact = 0;
  for (std::size_t i = 0; i < expected.size(); ++i) {
    if (expected[i].neutrals_at_direction_change) {
      EXPECT_EQ(letters(lines[i]), letters(expected[i].expected_text)) << "line " << i + 1;
      EXPECT_EQ(sorted_characters(lines[i]), sorted_characters(expected[i].expected_text))
          << "line " << i + 1;
    } else {
      EXPECT_EQ(lines[i], expected[i].expected_text) << "line " << i + 1;
      ++exact;
    }
  }
  EXPECT_GE(exact, 6);
  // The details that most writers lose, in poppler's own output.
  const std::string all = strip_embeddings(extracted.out);
  for (const char* word : {"همکاری‌های", "می‌شود", "کتاب‌ها", "کلاس",
                           "کلاس‌ها", "۱۴۰۳", "SCO", "کتابِ", "فصلنامهٔ"}) {
    EXPECT_NE(all.find(word), std::string::npos) << word;
  }
}

// One CID per (glyph, text): a glyph drawn for two code points, a glyph inserted without text
// (kashida) and more than a hundred CIDs in one font (several ToUnicode blocks), through poppler.
TEST(PdfReaders, EveryGlyphExtractsAsTheTextItStandsFor) {
  Fonts fonts;
  PagedDocument document;
  Page page;
  // Noto Naskh draws Persian ۶ and Arabic-Indic ٦ with the same glyph.
  const GlyphRun digits = testing::shape_run(*fonts.naskh, "۶٦", false, 14, {72, 80});
  ASSERT_EQ(digits.glyphs.size(), 2u);
  ASSERT_EQ(digits.glyphs[0].glyph_id, digits.glyphs[1].glyph_id);
  page.items.push_back(digits);
  // A kashida inserted by justification: three tatweel glyphs without text, between ب and ز.
  GlyphRun stretched = testing::shape_run(*fonts.vazirmatn, "بزرگ", true, 14, {400, 110});
  PlacedGlyph kashida;
  kashida.glyph_id = fonts.vazirmatn->glyph_for(U'\u0640');
  kashida.x_advance = fonts.vazirmatn->advance(kashida.glyph_id);
  stretched.glyphs.insert(stretched.glyphs.end() - 1, 3, kashida);
  page.items.push_back(stretched);
  const std::string printable_ascii = [] {
    std::string text;
    for (char c = '!'; c <= '~'; ++c) text += c;
    return text;
  }();
  const std::string latin1 = "ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÑÒÓÔÕÖØÙÚÛÜÝßàáâãäåæçèéêëìíîïñòóôõöøùúûüýÿ";
  page.items.push_back(testing::shape_run(*fonts.serif, printable_ascii, false, 7, {72, 140}));
  page.items.push_back(testing::shape_run(*fonts.serif, latin1, false, 7, {72, 160}));
  document.pages.push_back(page);

  const fs::path file = write_test_file(document, "cids");
  const auto extracted = run_command("pdftotext -enc UTF-8 " + shell_quote(file.string()) + " -");
  ASSERT_EQ(extracted.exit_code, 0) << extracted.err;
  const std::vector<std::string> lines = non_empty_lines(strip_embeddings(extracted.out));
  ASSERT_EQ(lines.size(), 4u) << extracted.out;
  EXPECT_EQ(lines[0], "۶٦");
  EXPECT_EQ(lines[1], "بزرگ");
  EXPECT_EQ(lines[2], printable_ascii);
  EXPECT_EQ(lines[3], latin1);
  const auto fonts_listed = run_command("pdffonts " + shell_quote(file.string()));
  EXPECT_NE(fonts_listed.out.find("NotoSerif-Regular"), std::string::npos);
}

TEST(PdfReaders, MutoolReadsTheFileWithoutWarnings) {
  Fonts fonts;
  const fs::path file =
      write_test_file(testing::sample_document(fonts, 2, fs::path(NASHR_TEST_DIR) / "data"), "mutool");
  const auto drawn = run_command("mutool draw -F txt -o - " + shell_quote(file.string()));
  EXPECT_EQ(drawn.exit_code, 0) << drawn.err;
  // The Debian build prints this about itself, for every file.
  std::string warnings = drawn.err;
  const std::string own = "warning: ICC support is not available\n";
  if (warnings.rfind(own, 0) == 0) warnings.erase(0, own.size());
  EXPECT_EQ(warnings, "");
  // MuPDF's text output is in visual order: Latin reads as written, Persian reversed.
  EXPECT_NE(drawn.out.find("Belarus and Iran officially convened the 16th session (SCO, EAEU)."),
            std::string::npos);
  EXPECT_NE(drawn.out.find("سالک"), std::string::npos);  // کلاس, visual order
}

TEST(PdfReaders, PdftoppmRendersEveryPage) {
  Fonts fonts;
  const fs::path file =
      write_test_file(testing::sample_document(fonts, 3, fs::path(NASHR_TEST_DIR) / "data"), "render");
  const fs::path prefix = file.parent_path() / "page";
  const auto rendered =
      run_command("pdftoppm -r 30 -gray " + shell_quote(file.string()) + ' ' + shell_quote(prefix.string()));
  EXPECT_EQ(rendered.exit_code, 0) << rendered.err;
  EXPECT_EQ(rendered.err, "");
  for (int page = 1; page <= 3; ++page) {
    const fs::path image = file.parent_path() / ("page-" + std::to_string(page) + ".pgm");
    ASSERT_TRUE(fs::exists(image)) << image;
    const std::string bytes = read_file(image).value();
    const std::size_t dark = static_cast<std::size_t>(std::count_if(
        bytes.begin() + 20, bytes.end(), [](char c) { return static_cast<unsigned char>(c) < 128; }));
    EXPECT_GT(dark, 500u) << "page " << page << " looks blank";
  }
}

// ---- rendering compared with FreeType ---------------------------------------------------------

struct Coverage {
  int width = 0, height = 0;
  std::vector<int> ink;  // 0 (paper) .. 255 (full ink)
  int& at(int x, int y) { return ink[static_cast<std::size_t>(y * width + x)]; }
  int at(int x, int y) const { return ink[static_cast<std::size_t>(y * width + x)]; }
};

Coverage read_pgm(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::string magic;
  int width = 0, height = 0, maximum = 0;
  in >> magic >> width >> height >> maximum;
  in.get();
  Coverage coverage{width, height, std::vector<int>(static_cast<std::size_t>(width * height))};
  for (int& value : coverage.ink) value = 255 - in.get();
  return coverage;
}

// The run drawn by FreeType directly at `dpi`, unhinted, with HarfBuzz's positions.
Coverage render_with_freetype(const GlyphRun& run, double dpi, int width, int height, double shift_px = 0) {
  Coverage coverage{width, height, std::vector<int>(static_cast<std::size_t>(width * height))};
  FT_Face face = run.font->ft_face();
  FT_Set_Char_Size(face, 0, std::lround(run.size * 64), static_cast<FT_UInt>(dpi), static_cast<FT_UInt>(dpi));
  const double px_per_unit = run.size / run.font->units_per_em() * dpi / 72;
  double pen = 0;
  for (const PlacedGlyph& glyph : run.glyphs) {
    const double x = run.origin.x * dpi / 72 + (pen + glyph.x_offset) * px_per_unit + shift_px;
    const double y = run.origin.y * dpi / 72 - glyph.y_offset * px_per_unit;
    pen += glyph.x_advance;
    if (FT_Load_Glyph(face, glyph.glyph_id, FT_LOAD_NO_HINTING | FT_LOAD_NO_BITMAP) != 0) continue;
    const double floor_x = std::floor(x), floor_y = std::floor(y);
    FT_Outline_Translate(&face->glyph->outline, std::lround((x - floor_x) * 64),
                         -std::lround((y - floor_y) * 64));
    if (FT_Render_Glyph(face->glyph, FT_RENDER_MODE_NORMAL) != 0) continue;
    const FT_Bitmap& bitmap = face->glyph->bitmap;
    for (unsigned row = 0; row < bitmap.rows; ++row) {
      for (unsigned column = 0; column < bitmap.width; ++column) {
        const int px = static_cast<int>(floor_x) + face->glyph->bitmap_left + static_cast<int>(column);
        const int py = static_cast<int>(floor_y) - face->glyph->bitmap_top + static_cast<int>(row);
        if (px < 0 || py < 0 || px >= width || py >= height) continue;
        int& value = coverage.at(px, py);
        value = std::min(255, value + bitmap.buffer[row * static_cast<unsigned>(bitmap.pitch) + column]);
      }
    }
  }
  return coverage;
}

// How well two renderings agree: the share of pixels inked (coverage at least half) in either
// that have ink (at least a quarter) within one pixel in the other. Anti-aliasing differs between
// poppler's rasteriser and FreeType's at glyph edges, hence the one-pixel tolerance.
double overlap(const Coverage& a, const Coverage& b) {
  auto near_ink = [](const Coverage& image, int x, int y) {
    for (int dy = -1; dy <= 1; ++dy) {
      for (int dx = -1; dx <= 1; ++dx) {
        const int px = x + dx, py = y + dy;
        if (px >= 0 && py >= 0 && px < image.width && py < image.height && image.at(px, py) >= 64)
          return true;
      }
    }
    return false;
  };
  std::size_t inked = 0, matched = 0;
  for (int y = 0; y < a.height; ++y) {
    for (int x = 0; x < a.width; ++x) {
      if (a.at(x, y) >= 128) {
        ++inked;
        matched += near_ink(b, x, y);
      }
      if (b.at(x, y) >= 128) {
        ++inked;
        matched += near_ink(a, x, y);
      }
    }
  }
  return inked == 0 ? 0 : static_cast<double>(matched) / static_cast<double>(inked);
}

TEST(PdfReaders, RenderedLineMatchesFreeTypeRenderingOfTheSameGlyphs) {
  Fonts fonts;
  const double dpi = 144;
  struct Case {
    const Font* font;
    const char* text;
    bool rtl;
  };
  for (const Case& sample :
       {Case{fonts.naskh, "کتابِ همکاری‌های کلاس ۱۴۰۳", true},
        Case{fonts.vazirmatn, "فصلنامهٔ پژوهش‌های اوراسیا", true},
        Case{fonts.serif, "Shanghai Cooperation (SCO) fi", false}}) {
    PagedDocument document;
    Page page;
    page.width = 400;
    page.height = 60;
    page.items.push_back(testing::shape_run(*sample.font, sample.text, sample.rtl, 20, {12, 40}));
    document.pages.push_back(page);
    const GlyphRun& run = std::get<GlyphRun>(document.pages[0].items[0]);
    const fs::path file = write_test_file(document, "freetype");
    const fs::path prefix = file.parent_path() / "line";
    const auto rendered = run_command("pdftoppm -r 144 -gray -singlefile " + shell_quote(file.string()) +
                                      ' ' + shell_quote(prefix.string()));
    ASSERT_EQ(rendered.exit_code, 0) << rendered.err;
    const Coverage poppler = read_pgm(prefix.string() + ".pgm");
    ASSERT_EQ(poppler.width, 800);
    ASSERT_EQ(poppler.height, 120);
    const Coverage freetype = render_with_freetype(run, dpi, poppler.width, poppler.height);
    const double same = overlap(poppler, freetype);
    EXPECT_GT(same, 0.97) << sample.text;
    // The comparison can fail: a glyph run three pixels (1.5 points) to the side, or another text,
    // no longer matches.
    const double shifted =
        overlap(poppler, render_with_freetype(run, dpi, poppler.width, poppler.height, 3.0));
    EXPECT_LT(shifted, 0.85) << sample.text;
    const GlyphRun other = testing::shape_run(*sample.font, "سلام SCO", true, 20, {12, 40});
    const double different =
        overlap(poppler, render_with_freetype(other, dpi, poppler.width, poppler.height));
    EXPECT_LT(different, 0.6) << sample.text;
    std::printf("rendering agreement %s: same %.3f, shifted %.3f, other text %.3f\n", sample.text, same,
                shifted, different);
  }
}

// ---- pdf.js, installed into tests/pdf/readers by scripts/setup.sh ----------------------------------

TEST(PdfReaders, PdfJsGivesBackTheSourceText) {
  const fs::path script = fs::path(NASHR_TEST_DIR) / "readers" / "extract.mjs";
  if (!fs::exists(fs::path(NASHR_TEST_DIR) / "readers" / "node_modules" / "pdfjs-dist") ||
      run_command("node --version").exit_code != 0) {
    FAIL() << "pdf.js is not installed in tests/pdf/readers: run scripts/setup.sh (it installs node, npm and "
              "the pinned pdfjs-dist)";
  }
  Fonts fonts;
  const fs::path file = write_test_file(lines_document(fonts), "pdfjs");
  const auto extracted =
      run_command("node " + shell_quote(script.string()) + " pdfjs " + shell_quote(file.string()));
  ASSERT_EQ(extracted.exit_code, 0) << extracted.err;
  const std::vector<std::string> lines = non_empty_lines(extracted.out);
  const std::vector<SampleLine> expected = sample_lines(fonts);
  ASSERT_EQ(lines.size(), expected.size()) << extracted.out;
  for (std::size_t i = 0; i < expected.size(); ++i) {
    // pdf.js drops format characters such as ZWNJ from extracted text by design.
    const std::string wanted = without(expected[i].expected_text, U"\u200C");
    if (expected[i].pdfjs_mangles_marks) {
      continue;  // see SampleLine::pdfjs_mangles_marks
    } else if (expected[i].pdfjs_spacing_differs) {
      EXPECT_EQ(without(lines[i], U" "), without(wanted, U" ")) << "line " << i + 1;
    } else {
      EXPECT_EQ(lines[i], wanted) << "line " << i + 1;
    }
  }
}

}  // namespace
}  // namespace nashr
