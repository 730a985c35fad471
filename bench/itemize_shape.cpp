// itemize + shape throughput on ~200 KB of mixed Persian/Latin text, next to bare hb_shape on the
// same runs (the floor for this stage: HarfBuzz alone, with the runs already known).
//   cmake --build --preset release --target bench_itemize_shape
//   build/release/bench/bench_itemize_shape
#include <benchmark/benchmark.h>
#include <hb.h>

#include <string>
#include <vector>

#include "fonts/font_db.h"
#include "shape/shape.h"
#include "text/itemize.h"

namespace nashr {
namespace {

// clang-format measures Persian in bytes and would split these sentences word by word.
// clang-format off
const char* const kPersian[] = {
    "بلاروس و ایران همچنان به تحکیم روابط دوجانبهٔ خود ادامه می‌دهند "
    "و به دنبال همکاری‌های پایدار و چندجانبه هستند.",
    "دیدارهای اخیر در مینسک میان نخست‌وزیر بلاروس و وزیر صنعت، معدن "
    "و تجارت ایران بر تعهد مشترک به گسترش همکاری تأکید دارد.",
    "این کوشش‌ها بر پیشینه‌ای از همکاری دیپلماتیک، اقتصادی و سیاسی "
    "استوار است که به سال ۱۳۷۲ بازمی‌گردد.",
    "کتاب‌ها و گزارش‌های این نشریه (شمارهٔ ۲، دورهٔ ۲۹) در پایگاه‌های "
    "داده نمایه می‌شوند.",
    "کلاس‌های آموزشی در سال ۱۴۰۳ برگزار شد و سلام و درود ما را بپذیرید.",
};
// clang-format on
const char* const kEnglish[] = {
    "Belarus and Iran continue to solidify their bilateral relations, aiming for a durable partnership.",
    "Recent high-level engagements underscore the shared commitment to enhancing cooperation.",
    "The Shanghai Cooperation Organisation (SCO) and the Eurasian Economic Union (EAEU) are platforms where "
    "both interact.",
    "Contact info@specialeurasia.com for further reports, ISSN 2975-0598, Volume 29, Issue 2.",
};

std::vector<FontChain> book_fonts() {
  return {{"arabic", {"noto-naskh-arabic/NotoNaskhArabic-Regular.ttf", "vazirmatn/Vazirmatn-Regular.ttf"}},
          {"latin", {"noto-serif/NotoSerif-Regular.ttf"}}};
}

StyledSpan span(std::size_t begin, std::size_t end, const char* language) {
  StyledSpan result;
  result.begin = begin;
  result.end = end;
  result.language = language;
  result.fonts = book_fonts();
  result.font_size = 10;
  result.location = {"bench.xml", 1, 1};
  return result;
}

// Paragraphs of three Persian sentences with an English sentence in the middle (its own span,
// language en), alternating with English paragraphs quoting a Persian sentence; ~200 KB in all.
std::vector<StyledParagraph> corpus() {
  std::vector<StyledParagraph> paragraphs;
  std::size_t bytes = 0;
  for (std::size_t k = 0; bytes < 200 * 1024; ++k) {
    StyledParagraph p;
    p.location = {"bench.xml", 1, 1};
    if (k % 2 == 0) {
      p.dir = Direction::rtl;
      p.text = std::string(kPersian[k % 5]) + " " + kPersian[(k + 1) % 5] + " ";
      const std::size_t english = p.text.size();
      p.text += kEnglish[k % 4];
      const std::size_t back = p.text.size();
      p.text += std::string(" ") + kPersian[(k + 2) % 5];
      p.spans = {span(0, english, "fa"), span(english, back, "en"), span(back, p.text.size(), "fa")};
    } else {
      p.dir = Direction::ltr;
      p.text = std::string(kEnglish[k % 4]) + " ";
      const std::size_t persian = p.text.size();
      p.text += kPersian[k % 5];
      const std::size_t back = p.text.size();
      p.text += std::string(" ") + kEnglish[(k + 1) % 4] + " " + kEnglish[(k + 2) % 4];
      p.spans = {span(0, persian, "en"), span(persian, back, "fa"), span(back, p.text.size(), "en")};
    }
    bytes += p.text.size();
    paragraphs.push_back(std::move(p));
  }
  return paragraphs;
}

std::size_t total_bytes(const std::vector<StyledParagraph>& paragraphs) {
  std::size_t bytes = 0;
  for (const StyledParagraph& p : paragraphs) bytes += p.text.size();
  return bytes;
}

void BM_ItemizeAndShape(benchmark::State& state) {
  FontDb fonts(FontDb::default_fonts_dir());
  const std::vector<StyledParagraph> paragraphs = corpus();
  std::size_t glyphs = 0;
  for (auto _ : state) {
    for (const StyledParagraph& p : paragraphs) {
      DiagnosticSink sink;
      const ShapedParagraph shaped = shape(itemize(p, fonts, sink));
      for (const ShapedRun& run : shaped.runs) glyphs += run.glyphs.size();
    }
  }
  benchmark::DoNotOptimize(glyphs);
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * total_bytes(paragraphs)));
}
BENCHMARK(BM_ItemizeAndShape)->Unit(benchmark::kMillisecond);

// The same work stage by stage, as a whole-document pipeline runs it: every paragraph itemized,
// then every paragraph shaped. ICU's and HarfBuzz's tables stay in cache within each stage, so this
// is cheaper than alternating the two stages per paragraph.
void BM_ItemizeAllThenShapeAll(benchmark::State& state) {
  FontDb fonts(FontDb::default_fonts_dir());
  const std::vector<StyledParagraph> paragraphs = corpus();
  std::size_t glyphs = 0;
  for (auto _ : state) {
    DiagnosticSink sink;
    std::vector<ItemizedParagraph> itemized;
    itemized.reserve(paragraphs.size());
    for (const StyledParagraph& p : paragraphs) itemized.push_back(itemize(p, fonts, sink));
    for (const ItemizedParagraph& paragraph : itemized) {
      const ShapedParagraph shaped = shape(paragraph);
      for (const ShapedRun& run : shaped.runs) glyphs += run.glyphs.size();
    }
  }
  benchmark::DoNotOptimize(glyphs);
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * total_bytes(paragraphs)));
}
BENCHMARK(BM_ItemizeAllThenShapeAll)->Unit(benchmark::kMillisecond);

void BM_ItemizeOnly(benchmark::State& state) {
  FontDb fonts(FontDb::default_fonts_dir());
  const std::vector<StyledParagraph> paragraphs = corpus();
  for (auto _ : state) {
    for (const StyledParagraph& p : paragraphs) {
      DiagnosticSink sink;
      benchmark::DoNotOptimize(itemize(p, fonts, sink));
    }
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * total_bytes(paragraphs)));
}
BENCHMARK(BM_ItemizeOnly)->Unit(benchmark::kMillisecond);

// Our shape() alone on pre-itemized paragraphs: its overhead over the floor below.
void BM_ShapeOnly(benchmark::State& state) {
  FontDb fonts(FontDb::default_fonts_dir());
  const std::vector<StyledParagraph> paragraphs = corpus();
  std::vector<ItemizedParagraph> itemized;
  for (const StyledParagraph& p : paragraphs) {
    DiagnosticSink sink;
    itemized.push_back(itemize(p, fonts, sink));
  }
  for (auto _ : state) {
    for (const ItemizedParagraph& paragraph : itemized) benchmark::DoNotOptimize(shape(paragraph));
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * total_bytes(paragraphs)));
}
BENCHMARK(BM_ShapeOnly)->Unit(benchmark::kMillisecond);

// The floor: the runs are itemized once, outside the timing; each iteration only asks HarfBuzz to
// shape them, with the same context, properties, flags and features, and reads its output.
void BM_BareHarfBuzz(benchmark::State& state) {
  FontDb fonts(FontDb::default_fonts_dir());
  const std::vector<StyledParagraph> paragraphs = corpus();
  std::vector<ItemizedParagraph> itemized;
  for (const StyledParagraph& p : paragraphs) {
    DiagnosticSink sink;
    itemized.push_back(itemize(p, fonts, sink));
  }
  hb_buffer_t* buffer = hb_buffer_create();
  std::int64_t advance = 0;
  for (auto _ : state) {
    for (const ItemizedParagraph& paragraph : itemized) {
      const std::u16string& text = paragraph.text();
      for (const TextRun& run : paragraph.runs) {
        hb_buffer_clear_contents(buffer);
        hb_buffer_add_utf16(buffer, reinterpret_cast<const uint16_t*>(text.data()),
                            static_cast<int>(text.size()), run.begin, static_cast<int>(run.end - run.begin));
        hb_buffer_set_direction(buffer, run.rtl() ? HB_DIRECTION_RTL : HB_DIRECTION_LTR);
        hb_buffer_set_script(buffer,
                             hb_script_from_string(run.script.data(), static_cast<int>(run.script.size())));
        hb_buffer_set_language(
            buffer, hb_language_from_string(run.language.data(), static_cast<int>(run.language.size())));
        hb_buffer_set_cluster_level(buffer, HB_BUFFER_CLUSTER_LEVEL_MONOTONE_CHARACTERS);
        unsigned flags = HB_BUFFER_FLAG_DEFAULT;
        if (run.begin == 0) flags |= HB_BUFFER_FLAG_BOT;
        if (run.end == text.size()) flags |= HB_BUFFER_FLAG_EOT;
        hb_buffer_set_flags(buffer, static_cast<hb_buffer_flags_t>(flags));
        std::vector<hb_feature_t> features;
        for (const FontFeature& feature : run.features) {
          features.push_back({hb_tag_from_string(feature.tag.data(), 4), feature.value,
                              HB_FEATURE_GLOBAL_START, HB_FEATURE_GLOBAL_END});
        }
        hb_shape(run.font->hb_font(), buffer, features.data(), static_cast<unsigned>(features.size()));
        unsigned count = 0;
        const hb_glyph_position_t* positions = hb_buffer_get_glyph_positions(buffer, &count);
        for (unsigned i = 0; i < count; ++i) advance += positions[i].x_advance;
      }
    }
  }
  benchmark::DoNotOptimize(advance);
  hb_buffer_destroy(buffer);
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * total_bytes(paragraphs)));
}
BENCHMARK(BM_BareHarfBuzz)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace nashr
