// Reading reports and styles: the cost `nashr check` and every build pay before layout.
//   build/release/bench/bench_read_report
#include <benchmark/benchmark.h>

#include <filesystem>

#include "locale/persian_text.h"
#include "model/report.h"
#include "style/style_sheet.h"
#include "locale/calendar.h"

namespace {

const std::filesystem::path kRepository = NASHR_SOURCE_DIR;

void read_sample(benchmark::State& state, const char* name) {
  const std::string path = (kRepository / "reports" / name).string();
  for (auto _ : state) {
    nashr::DiagnosticSink sink;
    nashr::Result<nashr::Report> report = nashr::read_report(path, sink);
    if (!report) state.SkipWithError("the sample has errors");
    benchmark::DoNotOptimize(report);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(std::filesystem::file_size(path)));
}
BENCHMARK_CAPTURE(read_sample, english, "persian-files-29-2.xml");
BENCHMARK_CAPTURE(read_sample, persian, "persian-files-29-2-fa.xml");

void read_house_style(benchmark::State& state) {
  const std::string path = (kRepository / "styles" / "persian-files.xml").string();
  for (auto _ : state) {
    nashr::DiagnosticSink sink;
    benchmark::DoNotOptimize(nashr::read_style(path, sink));
  }
}
BENCHMARK(read_house_style);

void normalise_and_lint_persian(benchmark::State& state) {
  std::string text;
  for (int i = 0; i < 200; ++i) text += "كتاب\u200Cهاي ٤٥ خانۀ می\u200Cشود در\u200Cها 1993 ";
  for (auto _ : state) {
    benchmark::DoNotOptimize(nashr::normalise_persian(text));
    benchmark::DoNotOptimize(nashr::lint_persian(text));
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(text.size()));
}
BENCHMARK(normalise_and_lint_persian);

void solar_hijri_date(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(nashr::format_solar_hijri_date({2025, 1, 20}));
}
BENCHMARK(solar_hijri_date);

}  // namespace
