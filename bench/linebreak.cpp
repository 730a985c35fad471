// Line breaking throughput: Knuth–Plass over paragraphs of 50–500 items, to show that the cost per
// item stays flat (linear growth), and break_lines (items, breaking, kashida, reshaping, bidi and
// the text layer) on shaped Persian and English paragraphs. Run: build/release/bench/bench_linebreak
#include <benchmark/benchmark.h>

#include <memory>
#include <random>
#include <string>
#include <vector>

#include "fonts/font_db.h"
#include "linebreak/line_breaker.h"
#include "linebreak/lines.h"
#include "shape/shape.h"
#include "text/itemize.h"

namespace {

// A paragraph of `items` items (boxes and inter-word glue) with word widths like 10 pt text:
// 6–45 pt words (about 25 on average, as in the sample issue set in Noto Serif), 3.3 pt spaces
// stretching 1.7 and shrinking 1.1, a hyphenation point in some long words and kashida in some
// (as in Persian text with kashida enabled).
std::vector<nashr::BreakItem> paragraph(std::size_t items, unsigned seed) {
  std::mt19937 random(seed);
  std::uniform_real_distribution<double> word(6, 45);
  std::vector<nashr::BreakItem> out;
  while (out.size() < items) {
    if (!out.empty()) out.push_back(nashr::BreakItem::glue(3.3, 1.7, 1.1));
    const double width = word(random);
    if (width > 32 && random() % 2 == 0) {
      out.push_back(nashr::BreakItem::box(width / 2));
      out.push_back(nashr::BreakItem::penalty(3, 50, true));
      out.push_back(nashr::BreakItem::box(width / 2));
    } else if (width > 24 && random() % 3 == 0) {
      out.push_back(nashr::BreakItem::box(width / 2));
      out.push_back(nashr::BreakItem::kashida(4));
      out.push_back(nashr::BreakItem::box(width / 2));
    } else {
      out.push_back(nashr::BreakItem::box(width));
    }
  }
  return out;
}

void BM_KnuthPlass(benchmark::State& state) {
  const std::vector<nashr::BreakItem> items = paragraph(static_cast<std::size_t>(state.range(0)), 7);
  nashr::LineBreakParams params;
  params.line_widths = {345};  // an A4 text column at 10 pt: about 12 words a line
  std::size_t lines = 0;
  nashr::BreakMethod method = nashr::BreakMethod::empty;
  for (auto _ : state) {
    const nashr::LineBreaks result = nashr::compute_line_breaks(items, params);
    lines = result.lines.size();
    method = result.method;
    benchmark::DoNotOptimize(result.lines.data());
  }
  state.counters["lines"] = static_cast<double>(lines);
  state.counters["passes"] = method == nashr::BreakMethod::total_fit ? 1 : 2;  // 2: the retry pass ran
  state.SetItemsProcessed(state.iterations() * state.range(0));
  state.SetComplexityN(state.range(0));
}
// Up to 3200 items to show the cost per item levelling off once the set of active breaks spans one
// line (a few hundred items into a paragraph); below that it grows as the window fills.
BENCHMARK(BM_KnuthPlass)->RangeMultiplier(2)->Range(50, 3200)->Arg(500)->Complexity(benchmark::oN);

void BM_KnuthPlassNarrowColumn(benchmark::State& state) {
  const std::vector<nashr::BreakItem> items = paragraph(static_cast<std::size_t>(state.range(0)), 11);
  nashr::LineBreakParams params;
  params.line_widths = {160};  // a narrow column: fewer candidate breaks per line, more retries
  nashr::BreakMethod method = nashr::BreakMethod::empty;
  for (auto _ : state) {
    const nashr::LineBreaks result = nashr::compute_line_breaks(items, params);
    method = result.method;
    benchmark::DoNotOptimize(result.lines.data());
  }
  state.counters["passes"] = method == nashr::BreakMethod::total_fit ? 1 : 2;
  state.SetItemsProcessed(state.iterations() * state.range(0));
  state.SetComplexityN(state.range(0));
}
BENCHMARK(BM_KnuthPlassNarrowColumn)->RangeMultiplier(2)->Range(50, 3200)->Complexity(benchmark::oN);

void BM_FirstFit(benchmark::State& state) {
  const std::vector<nashr::BreakItem> items = paragraph(static_cast<std::size_t>(state.range(0)), 7);
  nashr::LineBreakParams params;
  params.line_widths = {345};
  for (auto _ : state) benchmark::DoNotOptimize(nashr::compute_first_fit_breaks(items, params).lines.data());
  state.SetItemsProcessed(state.iterations() * state.range(0));
  state.SetComplexityN(state.range(0));
}
BENCHMARK(BM_FirstFit)->RangeMultiplier(2)->Range(50, 800)->Complexity(benchmark::oN);

void BM_Justify(benchmark::State& state) {
  const std::vector<nashr::BreakItem> items = paragraph(500, 7);
  nashr::LineBreakParams params;
  params.line_widths = {345};
  const nashr::LineBreaks result = nashr::compute_line_breaks(items, params);
  for (auto _ : state) {
    for (const nashr::BrokenLine& line : result.lines) {
      benchmark::DoNotOptimize(nashr::justify_line(items, line).glue.data());
    }
  }
  state.SetItemsProcessed(state.iterations() * 500);
}
BENCHMARK(BM_Justify);

// Shaped paragraphs as the pipeline hands them to break_lines: Persian (Vazirmatn, justified with
// kashida) and English (Noto Serif, justified), each a few sentences, 10 pt on a 300 pt measure.
struct ShapedCorpus {
  std::vector<std::unique_ptr<nashr::StyledParagraph>> styled;
  std::vector<std::unique_ptr<nashr::ItemizedParagraph>> itemized;
  std::vector<nashr::ShapedParagraph> shaped;
  std::vector<nashr::LineSettings> settings;
  std::size_t glyphs = 0;
};

// clang-format measures Persian in bytes and would split these sentences word by word.
// clang-format off
const char* const kPersian =
    "بلاروس و ایران همچنان به تحکیم روابط دوجانبهٔ خود ادامه می‌دهند و هدفشان مشارکتی پایدار و "
    "چندجانبه است. دیدارهای اخیر در سطح عالی، از جمله گفت‌وگوهای مینسک میان نخست‌وزیر بلاروس و "
    "وزیر صنعت، معدن و تجارت ایران، بر تعهد مشترک دو کشور به گسترش همکاری تأکید می‌کند. ";
// clang-format on
const char* const kEnglish =
    "Belarus and Iran continue to solidify their bilateral relations, aiming for a durable and "
    "multifaceted partnership. Recent high-level engagements, including the Minsk talks between the "
    "Belarusian Prime Minister and the Iranian Minister of Industry, underscore the shared commitment. ";

ShapedCorpus shaped_corpus(nashr::FontDb& fonts, bool persian) {
  ShapedCorpus corpus;
  for (int k = 0; k < 40; ++k) {
    auto styled = std::make_unique<nashr::StyledParagraph>();
    styled->location = {"bench.xml", 1, 1};
    styled->dir = persian ? nashr::Direction::rtl : nashr::Direction::ltr;
    for (int sentence = 0; sentence <= k % 4; ++sentence) styled->text += persian ? kPersian : kEnglish;
    nashr::StyledSpan span;
    span.begin = 0;
    span.end = styled->text.size();
    span.language = persian ? "fa" : "en";
    span.fonts = {{"arabic", {"vazirmatn/Vazirmatn-Regular.ttf"}},
                  {"latin", {"noto-serif/NotoSerif-Regular.ttf"}}};
    span.font_size = 10;
    span.location = styled->location;
    styled->spans = {span};
    nashr::DiagnosticSink sink;
    auto itemized = std::make_unique<nashr::ItemizedParagraph>(nashr::itemize(*styled, fonts, sink));
    corpus.shaped.push_back(nashr::shape(*itemized));
    for (const nashr::ShapedRun& run : corpus.shaped.back().runs) corpus.glyphs += run.glyphs.size();
    nashr::LineSettings settings;
    settings.width = 300;
    settings.first_line_indent = 12;
    settings.kashida = persian;
    corpus.settings.push_back(settings);
    corpus.styled.push_back(std::move(styled));
    corpus.itemized.push_back(std::move(itemized));
  }
  return corpus;
}

void BM_BreakLines(benchmark::State& state) {
  nashr::FontDb fonts(nashr::FontDb::default_fonts_dir());
  const ShapedCorpus corpus = shaped_corpus(fonts, state.range(0) == 1);
  std::size_t lines = 0;
  for (auto _ : state) {
    for (std::size_t p = 0; p < corpus.shaped.size(); ++p) {
      nashr::DiagnosticSink sink;
      const nashr::Lines set = nashr::break_lines(*corpus.styled[p], *corpus.itemized[p], corpus.shaped[p],
                                                  corpus.settings[p], sink);
      lines += set.lines.size();
      benchmark::DoNotOptimize(set.lines.data());
    }
  }
  state.counters["lines"] =
      benchmark::Counter(static_cast<double>(lines), benchmark::Counter::kAvgIterations);
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(corpus.glyphs));  // glyphs set
  state.SetLabel(state.range(0) == 1 ? "Persian, kashida" : "English");
}
BENCHMARK(BM_BreakLines)->Arg(1)->Arg(0)->Unit(benchmark::kMillisecond);

}  // namespace
