// The PDF writer's cost: font subsetting alone, and whole documents of 2 and 100 pages with Persian
// (Vazirmatn, Noto Naskh Arabic) and Latin (Noto Serif) lines. Glyph runs are shaped once with
// HarfBuzz before timing; the file size is reported as the counter `bytes`.
//   build/release/bench/bench_pdf_write
// BM_WriteIssue writes a real issue, typeset once before timing, with 1 and 2 threads (page
// contents and compression) and libdeflate levels 1 to 6 (wall time; the counter `bytes` is the
// file's size; CPU is the calling thread's):
//   NASHR_BENCH_ISSUE=/tmp/rtl1000.xml build/release/bench/bench_pdf_write --benchmark_filter=Issue
// GCC 12 reports a bogus overlapping memcpy in std::string's move constructor once it is inlined
// through std::variant<PageItem> here (GCC bug 105651, -Wrestrict false positive at -O3).
#pragma GCC diagnostic ignored "-Wrestrict"
#include <benchmark/benchmark.h>
#include <hb.h>

#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostics.h"
#include "fonts/font_db.h"
#include "pdf/font_subset.h"
#include "pdf/pdf_writer.h"
#include "typeset/typeset.h"

namespace nashr {
namespace {

GlyphRun shape(const Font& font, const std::string& text, bool rtl, double size, Point origin) {
  hb_buffer_t* buffer = hb_buffer_create();
  hb_buffer_add_utf8(buffer, text.data(), static_cast<int>(text.size()), 0, static_cast<int>(text.size()));
  hb_buffer_set_direction(buffer, rtl ? HB_DIRECTION_RTL : HB_DIRECTION_LTR);
  hb_buffer_set_script(buffer, rtl ? HB_SCRIPT_ARABIC : HB_SCRIPT_LATIN);
  hb_buffer_set_language(buffer, hb_language_from_string(rtl ? "fa" : "en", -1));
  hb_shape(font.hb_font(), buffer, nullptr, 0);
  unsigned count = 0;
  const hb_glyph_info_t* infos = hb_buffer_get_glyph_infos(buffer, &count);
  const hb_glyph_position_t* positions = hb_buffer_get_glyph_positions(buffer, &count);
  GlyphRun run;
  run.font = &font;
  run.size = size;
  run.origin = origin;
  run.rtl = rtl;
  double width = 0;
  for (unsigned i = 0; i < count; ++i) {
    PlacedGlyph glyph{infos[i].codepoint,
                      positions[i].x_advance,
                      static_cast<std::int16_t>(positions[i].x_offset),
                      static_cast<std::int16_t>(positions[i].y_offset),
                      {}};
    // Cluster text: from this cluster's start to the next different cluster value in logical order.
    const unsigned start = infos[i].cluster;
    if (i == 0 || infos[i - 1].cluster != start) {
      unsigned end = static_cast<unsigned>(text.size());
      for (unsigned k = 0; k < count; ++k) {
        if (infos[k].cluster > start && infos[k].cluster < end) end = infos[k].cluster;
      }
      glyph.text = std::string_view(text).substr(start, end - start);
    }
    width += glyph.x_advance;
    run.glyphs.push_back(std::move(glyph));
  }
  hb_buffer_destroy(buffer);
  if (rtl) run.origin.x -= width * size / font.units_per_em();  // `origin.x` was the right edge
  return run;
}

struct Corpus {
  FontDb db{FontDb::default_fonts_dir()};
  const Font* vazirmatn = db.load("vazirmatn/Vazirmatn-Regular.ttf").value();
  const Font* naskh = db.load("noto-naskh-arabic/NotoNaskhArabic-Regular.ttf").value();
  const Font* serif = db.load("noto-serif/NotoSerif-Regular.ttf").value();
  std::vector<std::string> persian = {
      "بلاروس و ایران به تحکیم روابط دوجانبهٔ خود ادامه می‌دهند و به "
      "دنبال "
      "همکاری‌های "
      "پایدارند",
      "دیدارهای سطح بالا در مینسک نشان‌دهندهٔ تعهد مشترک به "
      "گسترش "
      "همکاری‌ها "
      "است",
      "این تلاش‌ها بر پایهٔ تاریخچه‌ای از همکاری‌های دیپلماتیک و اقتصادی از سال ۱۹۹۳ "
      "بنا "
      "شده "
      "است",
      "کمیسیون مشترک همکاری‌های اقتصادی در سال ۱۴۰۲ شانزدهمین نشست خود "
      "را "
      "برگزار "
      "کرد",
      "سازمان همکاری شانگهای و اتحادیهٔ اقتصادی اوراسیا بسترهای این کلاس از "
      "روابط‌اند",
  };
  std::vector<std::string> latin = {
      "Belarus and Iran continue to solidify their bilateral relations, aiming for a durable partnership.",
      "Recent high-level engagements underscore the shared commitment to enhancing cooperation.",
      "Both nations face extensive sanctions, restricting access to international financial systems.",
      "Tehran's outreach aligns with its ambition to strengthen ties within the SCO and the EAEU.",
  };

  PagedDocument document(int pages) const {
    PagedDocument doc;
    doc.info.title = "پرونده‌های فارسی — Persian Files";
    doc.info.issue_date = CalendarDate{2025, 1, 15};
    for (int p = 0; p < pages; ++p) {
      Page page;
      page.items.push_back(Anchor{"section-" + std::to_string(p + 1), {72, 60}});
      double y = 80;
      for (int line = 0; y < 780; ++line, y += 18) {
        const int kind = (line + p) % 3;
        if (kind == 2) {
          page.items.push_back(
              shape(*serif, latin[static_cast<std::size_t>(line + p) % latin.size()], false, 10, {72, y}));
        } else {
          page.items.push_back(shape(kind == 0 ? *vazirmatn : *naskh,
                                     persian[static_cast<std::size_t>(line + p) % persian.size()], true, 10,
                                     {523, y}));
        }
      }
      page.items.push_back(Rule{{72, 70}, {523, 70}, 0.5, {}});
      doc.pages.push_back(std::move(page));
      doc.outline.push_back({"بخش " + std::to_string(p + 1), 1, "section-" + std::to_string(p + 1)});
    }
    return doc;
  }
};

const Corpus& corpus() {
  static const Corpus instance;
  return instance;
}

void BM_SubsetFont(benchmark::State& state) {
  const Corpus& c = corpus();
  const Font* font = state.range(0) == 0 ? c.vazirmatn : state.range(0) == 1 ? c.naskh : c.serif;
  // The glyphs a 100-page issue draws in this font.
  std::vector<std::uint32_t> glyphs;
  for (const Page& page : c.document(100).pages) {
    for (const PageItem& item : page.items) {
      if (const auto* run = std::get_if<GlyphRun>(&item); run != nullptr && run->font == font) {
        for (const PlacedGlyph& glyph : run->glyphs) glyphs.push_back(glyph.glyph_id);
      }
    }
  }
  std::sort(glyphs.begin(), glyphs.end());
  glyphs.erase(std::unique(glyphs.begin(), glyphs.end()), glyphs.end());
  std::size_t bytes = 0;
  for (auto _ : state) {
    Result<FontSubset> subset = subset_font(*font, glyphs);
    bytes = subset->bytes.size();
    benchmark::DoNotOptimize(bytes);
  }
  state.SetLabel(font->postscript_name());
  state.counters["glyphs"] = static_cast<double>(glyphs.size());
  state.counters["bytes"] = static_cast<double>(bytes);
}
BENCHMARK(BM_SubsetFont)->Arg(0)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond);

void BM_WritePdf(benchmark::State& state) {
  const PagedDocument document = corpus().document(static_cast<int>(state.range(0)));
  std::size_t bytes = 0;
  for (auto _ : state) {
    Result<std::string> pdf = write_pdf(document);
    bytes = pdf->size();
    benchmark::DoNotOptimize(bytes);
  }
  state.counters["bytes"] = static_cast<double>(bytes);
  state.counters["pages/s"] = benchmark::Counter(static_cast<double>(state.iterations() * state.range(0)),
                                                 benchmark::Counter::kIsRate);
}
BENCHMARK(BM_WritePdf)->Arg(2)->Arg(100)->Unit(benchmark::kMillisecond);

// The issue named by NASHR_BENCH_ISSUE, typeset once; null (with the reason) when there is none.
const PagedDocument* issue(std::string& why) {
  struct Typeset {
    FontDb fonts{FontDb::default_fonts_dir()};
    std::unique_ptr<PagedDocument> document;
    std::string why;
  };
  static Typeset* typeset_issue = [] {
    auto* result = new Typeset;
    const char* path = std::getenv("NASHR_BENCH_ISSUE");
    if (path == nullptr || *path == '\0') {
      result->why = "set NASHR_BENCH_ISSUE to a report (bench/gen-issue.py writes one)";
      return result;
    }
    DiagnosticSink sink;
    Result<TypesetReport> report = typeset(path, result->fonts, {}, sink);
    if (!report) {
      result->why = std::string("cannot typeset ") + path + ": " + report.error().message;
      return result;
    }
    result->document = std::make_unique<PagedDocument>(std::move(report->document));
    return result;
  }();
  why = typeset_issue->why;
  return typeset_issue->document.get();
}

void BM_WriteIssue(benchmark::State& state) {
  std::string why;
  const PagedDocument* document = issue(why);
  if (document == nullptr) {
    state.SkipWithError(why.c_str());
    return;
  }
  PdfOptions options;
  options.threads = static_cast<unsigned>(state.range(0));
  options.compression_level = static_cast<int>(state.range(1));
  std::size_t bytes = 0;
  for (auto _ : state) {
    Result<std::string> pdf = write_pdf(*document, options);
    bytes = pdf->size();
    benchmark::DoNotOptimize(bytes);
  }
  state.counters["bytes"] = static_cast<double>(bytes);
  state.counters["pages"] = static_cast<double>(document->pages.size());
}
BENCHMARK(BM_WriteIssue)
    ->ArgNames({"threads", "level"})
    ->ArgsProduct({{1, 2}, {1, 2, 3, 4, 5, 6}})
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);

void BM_DumpPages(benchmark::State& state) {
  const PagedDocument document = corpus().document(static_cast<int>(state.range(0)));
  for (auto _ : state) benchmark::DoNotOptimize(dump_pages(document));
}
BENCHMARK(BM_DumpPages)->Arg(100)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace nashr
