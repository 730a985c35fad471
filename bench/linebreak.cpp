// Line breaking throughput: Knuth–Plass over paragraphs of 50–500 items, to show that the cost per
// item stays flat (linear growth). Run: build/release/bench/bench_linebreak
#include <benchmark/benchmark.h>

#include <random>
#include <vector>

#include "linebreak/line_breaker.h"

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

}  // namespace
