// Page breaking: a flow worth N pages (paragraphs, headings, figures, explicit breaks) on A4 body
// heights, to show linear growth up to 1000 pages. Run: build/release/bench/bench_paginate
#include <benchmark/benchmark.h>

#include <random>
#include <vector>

#include "paginate/page_breaker.h"

namespace {

constexpr double kBodyHeight = 700;  // A4 minus margins, header and footer, in points
constexpr double kLineHeight = 14;   // 10.5 pt text on 14 pt leading: 50 lines a page

std::vector<nashr::FlowBlock> flow_of_pages(std::size_t pages, unsigned seed) {
  std::mt19937 random(seed);
  std::vector<nashr::FlowBlock> flow;
  double height = 0;
  const double target = static_cast<double>(pages) * kBodyHeight;
  while (height < target) {
    const unsigned kind = random() % 20;
    if (kind == 0) {
      flow.push_back(nashr::FlowBlock::heading({{20, 15}}, 18, 6));
      height += 44;
    } else if (kind == 1) {
      flow.push_back(nashr::FlowBlock::unit(120 + static_cast<double>(random() % 300), 10, 10));
      height += flow.back().lines[0].height + 10;
    } else if (kind == 2 && random() % 50 == 0) {
      flow.push_back(nashr::FlowBlock::page_break());
    } else {
      const std::size_t lines = 1 + random() % 14;
      flow.push_back(nashr::FlowBlock::paragraph(
          std::vector<nashr::FlowLine>(lines, nashr::FlowLine{kLineHeight, 11}), 0, 6));
      height += static_cast<double>(lines) * kLineHeight + 6;
    }
  }
  return flow;
}

void BM_BreakPages(benchmark::State& state) {
  const std::vector<nashr::FlowBlock> flow = flow_of_pages(static_cast<std::size_t>(state.range(0)), 3);
  nashr::PageBreakParams params;
  params.page_heights = {560, kBodyHeight};  // the first page carries the masthead
  std::size_t pages = 0;
  for (auto _ : state) {
    nashr::DiagnosticSink sink;
    const nashr::PageBreaks result = nashr::break_pages(flow, params, sink);
    pages = result.pages.size();
    benchmark::DoNotOptimize(result.pages.data());
  }
  state.counters["pages"] = static_cast<double>(pages);
  state.SetComplexityN(state.range(0));
}
BENCHMARK(BM_BreakPages)
    ->Arg(10)
    ->Arg(100)
    ->Arg(250)
    ->Arg(500)
    ->Arg(1000)
    ->Unit(benchmark::kMillisecond)
    ->Complexity(benchmark::oN);

}  // namespace
