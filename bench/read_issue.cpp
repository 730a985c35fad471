// Reading a whole synthetic issue (bench/gen-issue.py), the first stage of every build: the XML
// parse (tinyxml2, the UTF-8 check and the located tree) and the model, on one thread or on all.
//   build/release/bench/bench_read_issue [--benchmark_filter=rtl/1000]
// The issues are generated once into $TMPDIR/nashr-bench-issues/ (python3 is needed).
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "model/report.h"

namespace {

namespace fs = std::filesystem;

// The path of the generated issue, or "" when it cannot be made.
std::string issue(const std::string& variant, int pages) {
  const fs::path folder = fs::temp_directory_path() / "nashr-bench-issues";
  const fs::path path = folder / (variant + std::to_string(pages) + ".xml");
  std::error_code ec;
  if (fs::is_regular_file(path, ec)) return path.string();
  fs::create_directories(folder, ec);
  const std::string command = "python3 '" + (fs::path(NASHR_SOURCE_DIR) / "bench" / "gen-issue.py").string() +
                              "' --pages " + std::to_string(pages) + " --variant " + variant + " -o '" +
                              path.string() + "'";
  if (std::system(command.c_str()) != 0) return "";
  return path.string();
}

// Arguments: pages, variant (0 LTR, 1 RTL), threads (1, or 0 for one per core).
void read_issue(benchmark::State& state) {
  const int pages = static_cast<int>(state.range(0));
  const std::string variant = state.range(1) == 0 ? "ltr" : "rtl";
  const std::string path = issue(variant, pages);
  if (path.empty()) {
    state.SkipWithError("cannot generate the issue (python3 bench/gen-issue.py)");
    return;
  }
  nashr::ReadOptions options;
  options.threads = static_cast<unsigned>(state.range(2));
  for (auto _ : state) {
    nashr::DiagnosticSink sink;
    nashr::Result<nashr::Report> report = nashr::read_report(path, sink, options);
    if (!report) state.SkipWithError("the issue has errors");
    benchmark::DoNotOptimize(report);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(fs::file_size(path)));
  state.SetLabel(variant + " " + std::to_string(pages) + " pages, threads " + std::to_string(state.range(2)));
}
BENCHMARK(read_issue)
    ->ArgNames({"pages", "rtl", "threads"})
    ->ArgsProduct({{100, 1000}, {0, 1}, {1, 0}})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->MeasureProcessCPUTime();

}  // namespace
