#include "test_support.h"

#include <hb.h>
#include <sys/wait.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <sstream>

namespace nashr::testing {

namespace fs = std::filesystem;

GlyphRun shape_run(const Font& font, std::string_view text, bool rtl, double size, Point origin) {
  hb_buffer_t* buffer = hb_buffer_create();
  hb_buffer_add_utf8(buffer, text.data(), static_cast<int>(text.size()), 0, static_cast<int>(text.size()));
  // Persian digits are a left-to-right run in Arabic script: Persian language, for the fonts' locl
  // forms (Noto Naskh's ۴ ۵ ۶).
  const bool arabic_script = rtl || std::any_of(text.begin(), text.end(), [](char c) {
                               const auto byte = static_cast<unsigned char>(c);
                               return byte == 0xD8 || byte == 0xD9 || byte == 0xDA || byte == 0xDB;
                             });
  hb_buffer_set_direction(buffer, rtl ? HB_DIRECTION_RTL : HB_DIRECTION_LTR);
  hb_buffer_set_script(buffer, arabic_script ? HB_SCRIPT_ARABIC : HB_SCRIPT_LATIN);
  hb_buffer_set_language(buffer, hb_language_from_string(arabic_script ? "fa" : "en", -1));
  hb_shape(font.hb_font(), buffer, nullptr, 0);
  unsigned count = 0;
  const hb_glyph_info_t* infos = hb_buffer_get_glyph_infos(buffer, &count);
  const hb_glyph_position_t* positions = hb_buffer_get_glyph_positions(buffer, &count);

  // Cluster values are byte offsets; a cluster's text runs to the next larger cluster value.
  std::vector<unsigned> starts;
  for (unsigned i = 0; i < count; ++i) starts.push_back(infos[i].cluster);
  std::sort(starts.begin(), starts.end());
  starts.erase(std::unique(starts.begin(), starts.end()), starts.end());

  GlyphRun run;
  run.font = &font;
  run.size = size;
  run.origin = origin;
  run.rtl = rtl;
  unsigned previous_cluster = ~0u;
  for (unsigned i = 0; i < count; ++i) {
    PlacedGlyph glyph;
    glyph.glyph_id = infos[i].codepoint;
    glyph.x_advance = positions[i].x_advance;
    glyph.x_offset = positions[i].x_offset;
    glyph.y_offset = positions[i].y_offset;
    const unsigned cluster = infos[i].cluster;
    if (cluster != previous_cluster) {
      auto next = std::upper_bound(starts.begin(), starts.end(), cluster);
      const unsigned end = next == starts.end() ? static_cast<unsigned>(text.size()) : *next;
      glyph.text = std::string(text.substr(cluster, end - cluster));
    }
    previous_cluster = cluster;
    run.glyphs.push_back(std::move(glyph));
  }
  hb_buffer_destroy(buffer);
  return run;
}

double run_width(const GlyphRun& run) {
  double units = 0;
  for (const PlacedGlyph& glyph : run.glyphs) units += glyph.x_advance;
  return units * run.size / run.font->units_per_em();
}

std::vector<GlyphRun> place_line(const std::vector<Segment>& visual_segments, double size, double left,
                                 double right, double baseline, bool align_right) {
  std::vector<GlyphRun> runs;
  double total = 0;
  for (const Segment& segment : visual_segments) {
    runs.push_back(shape_run(*segment.font, segment.text, segment.rtl, size, {0, baseline}));
    total += run_width(runs.back());
  }
  double x = align_right ? right - total : left;
  for (GlyphRun& run : runs) {
    run.origin.x = x;
    x += run_width(run);
  }
  // Runs go into the content stream in reading order: readers that follow the stream (pdf.js)
  // then put a mixed line together in logical order.
  if (align_right) std::reverse(runs.begin(), runs.end());
  return runs;
}

Fonts::Fonts() {
  vazirmatn = db.load("vazirmatn/Vazirmatn-Regular.ttf").value();
  vazirmatn_bold = db.load("vazirmatn/Vazirmatn-Bold.ttf").value();
  naskh = db.load("noto-naskh-arabic/NotoNaskhArabic-Regular.ttf").value();
  serif = db.load("noto-serif/NotoSerif-Regular.ttf").value();
}

std::vector<SampleLine> sample_lines(const Fonts& fonts) {
  const Font* v = fonts.vazirmatn;
  const Font* n = fonts.naskh;
  const Font* s = fonts.serif;
  std::vector<SampleLine> lines;
  // ZWNJ words and lam-alef (کلاس), Vazirmatn.
  lines.push_back(
      {{{v, "همکاری‌های علمی می‌شود و کتاب‌ها در کلاس", true}},
       true,
       "همکاری‌های علمی می‌شود و کتاب‌ها در کلاس"});
  // Persian digits (a left-to-right number inside RTL) and parentheses drawn mirrored.
  lines.push_back({{{v, " (خورشیدی) آغاز شد", true}, {v, "۱۴۰۳", false}, {v, "سلام، سال ", true}},
                   true,
                   "سلام، سال ۱۴۰۳ (خورشیدی) آغاز شد",
                   true,
                   true});
  // A Latin acronym inside Persian; the brackets around it take the paragraph's direction.
  lines.push_back(
      {{{v, ") گسترش می‌یابد", true}, {v, "SCO", false}, {v, "سازمان همکاری شانگهای (", true}},
       true,
       "سازمان همکاری شانگهای (SCO) گسترش می‌یابد",
       true,
       false});
  // Noto Naskh Arabic has no parentheses: they come from Vazirmatn, in runs of their own.
  lines.push_back({{{n, " سلام", true},
                    {v, ")", true},
                    {n, "کتاب‌ها", true},
                    {v, "(", true},
                    {n, " ", true},
                    {n, "۱۴۰۳", false},
                    {n, "در سال ", true}},
                   true,
                   "در سال ۱۴۰۳ (کتاب‌ها) سلام",
                   true,
                   true});
  lines.push_back({{{n, "همکاری‌های دو کشور می‌شود و کلاس‌ها", true}},
                   true,
                   "همکاری‌های دو کشور می‌شود و کلاس‌ها"});
  // A mark (hamza above) positioned by GPOS, and a bold face.
  lines.push_back({{{fonts.vazirmatn_bold, "فصلنامهٔ پژوهش‌های اوراسیا", true}},
                   true,
                   "فصلنامهٔ پژوهش‌های اوراسیا",
                   false,
                   true});
  // A kasra placed by GPOS under its base (Noto Naskh keeps it a separate glyph).
  lines.push_back({{{n, "کتابِ من و کلاسِ ما", true}}, true, "کتابِ من و کلاسِ ما", false, true, true});
  // Latin with the "ffi" ligature: one glyph, three characters, in logical order.
  lines.push_back({{{s, "Belarus and Iran officially convened the 16th session (SCO, EAEU).", false}},
                   false,
                   "Belarus and Iran officially convened the 16th session (SCO, EAEU)."});
  lines.push_back({{{s, "Persian Files ISSN 2975-0598 Volume 29 Issue 2", false}},
                   false,
                   "Persian Files ISSN 2975-0598 Volume 29 Issue 2"});
  return lines;
}

std::string persian_digits(int value) {
  static const char* const digits[] = {"۰", "۱", "۲", "۳", "۴", "۵", "۶", "۷", "۸", "۹"};
  std::string out;
  for (char c : std::to_string(value)) out += digits[c - '0'];
  return out;
}

PagedDocument sample_document(const Fonts& fonts, int page_count, const fs::path& image_dir) {
  PagedDocument document;
  document.info.title = "پرونده‌های فارسی — Persian Files";
  document.info.author = "SpecialEurasia OSINT Unit";
  document.info.subject = "روابط ایران و بلاروس";
  document.info.keywords = "Iran, Belarus, SCO";
  document.info.language = "fa";
  document.info.issn = "2975-0598";
  document.info.issue_date = CalendarDate{2025, 1, 15};
  const std::vector<SampleLine> lines = sample_lines(fonts);
  const double left = 72, right = 595.276 - 72;
  for (int index = 0; index < page_count; ++index) {
    Page page;
    const std::string section = "section-" + std::to_string(index + 1);
    page.items.push_back(Anchor{section, {left, 60}});
    page.items.push_back(
        Box{{left - 4, 50, right - left + 8, 22}, true, {0.92, 0.94, 0.98}, 0.5, {0.2, 0.3, 0.5}});
    // The heading: a Persian word and a number, which reads left to right.
    for (GlyphRun& run : place_line(
             {{fonts.vazirmatn_bold, persian_digits(index + 1), false}, {fonts.vazirmatn_bold, "بخش ", true}},
             14, left, right, 66, true)) {
      run.color = {0.1, 0.2, 0.45};
      page.items.push_back(std::move(run));
    }
    page.items.push_back(Rule{{left, 80}, {right, 80}, 0.75, {0.1, 0.2, 0.45}});
    double baseline = 104;
    for (int repeat = 0; baseline < 760; ++repeat) {
      for (const SampleLine& line : lines) {
        if (baseline >= 760) break;
        for (GlyphRun& run : place_line(line.visual_segments, 11, left, right, baseline, line.rtl)) {
          page.items.push_back(std::move(run));
        }
        baseline += 20;
      }
    }
    if (!image_dir.empty()) {
      page.items.push_back(Image{{left, 770, 24, 24}, (image_dir / "logo.png").string(), {}});
      page.items.push_back(Image{{left + 30, 770, 32, 24}, (image_dir / "photo.jpg").string(), {}});
    }
    page.items.push_back(Link{{left, 90, 120, 12}, "https://specialeurasia.com/اخبار", ""});
    page.items.push_back(
        Link{{right - 120, 90, 120, 12}, "", "section-" + std::to_string((index + 1) % page_count + 1)});
    // The page number: Persian digits, a left-to-right number after the RTL word.
    for (GlyphRun& run :
         place_line({{fonts.vazirmatn, persian_digits(index + 1), false}, {fonts.vazirmatn, "صفحهٔ ", true}},
                    9, left, right, 810, true)) {
      page.items.push_back(std::move(run));
    }
    document.pages.push_back(std::move(page));
    document.outline.push_back({"بخش " + persian_digits(index + 1) + " — همکاری‌ها", 1, section});
    if (index == 0) document.outline.push_back({"Executive Summary", 2, section});
  }
  document.page_labels.push_back({0, PageLabelRange::Style::roman_lower, "", 1});
  if (page_count > 1) document.page_labels.push_back({1, PageLabelRange::Style::decimal, "ص ", 1});
  return document;
}

std::string shell_quote(std::string_view text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

Process run_command(const std::string& command) {
  static int counter = 0;
  const fs::path err_file = fs::temp_directory_path() / ("nashr-pdf-test-" + std::to_string(::getpid()) +
                                                         "-" + std::to_string(counter++) + ".err");
  Process result;
  std::FILE* pipe = ::popen((command + " 2>" + shell_quote(err_file.string())).c_str(), "r");
  if (pipe == nullptr) return result;
  char buffer[65536];
  std::size_t read = 0;
  while ((read = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) result.out.append(buffer, read);
  const int status = ::pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::ifstream err(err_file, std::ios::binary);
  std::ostringstream text;
  text << err.rdbuf();
  result.err = text.str();
  fs::remove(err_file);
  return result;
}

fs::path scratch_folder(std::string_view name) {
  const fs::path folder = fs::path(NASHR_BINARY_DIR) / "test-scratch" / "pdf" / std::string(name);
  fs::remove_all(folder);
  fs::create_directories(folder);
  return folder;
}

}  // namespace nashr::testing
