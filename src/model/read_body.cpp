// The report reader (report_reader.h): <body> in parts, on several threads.
// g++ 12 warns falsely on `"literal" + std::string` under -O3 (GCC bug 105329).
#pragma GCC diagnostic ignored "-Wrestrict"

#include <algorithm>
#include <iterator>

#include "base/thread_pool.h"
#include "model/report_reader.h"

namespace nashr {

namespace {

// Threads that read <body>: as many as asked for (at most kMaxThreads); for 0, one per core for a
// file from kParallelReadingBytes on, else 1.
unsigned reading_threads(unsigned requested, std::size_t bytes) {
  if (requested == 0 && bytes < kParallelReadingBytes) return 1;
  return thread_count(requested);
}

}  // namespace

Blocks ReportReader::read_body(const XmlNode& body, const Context& context) {
  const std::span<const XmlNode> children = body.children;
  const unsigned threads = reading_threads(options_.threads, doc_.source.size());
  // More parts than threads, each taken by the next thread free: one that runs slower (a heap
  // still growing, another process on its core) reads fewer.
  constexpr unsigned kPartsPerThread = 8;
  // An issue that includes articles is read in one go: an article's ids join the as it is read.
  const bool includes = std::any_of(children.begin(), children.end(),
                                    [](const XmlNode& child) { return child.is_element() && child.name == "include"; });
  const std::vector<std::size_t> cuts = threads < 2 || includes ? std::vector<std::size_t>{0}
                                                                : part_starts(children, threads * kPartsPerThread);
  if (cuts.size() == 1) return read_blocks(body, context, 1);

  struct Part {
    std::span<const XmlNode> children;
    DiagnosticSink sink;
    std::optional<ReportReader> reader;
    Blocks blocks;
  };
  std::vector<Part> parts(cuts.size());
  for (std::size_t k = 0; k < cuts.size(); ++k) {
    const std::size_t end = k + 1 < cuts.size() ? cuts[k + 1] : children.size();
    parts[k].children = children.subspan(cuts[k], end - cuts[k]);
    parts[k].reader.emplace(doc_, parts[k].sink, options_, folder_);
  }
  run_tasks(parts.size(), threads, [&](std::size_t k, unsigned) {
    Part& part = parts[k];
    part.blocks = part.reader->read_blocks(body, part.children, context, 1);
  });
  Blocks blocks;
  for (Part& part : parts) {
    join_part(*part.reader, part.sink);
    std::move(part.blocks.begin(), part.blocks.end(), std::back_inserter(blocks));
  }
  return blocks;
}

std::vector<std::size_t> ReportReader::part_starts(std::span<const XmlNode> children, unsigned parts) const {
  std::vector<std::size_t> starts = {0};
  if (parts < 2 || children.size() < 2) return starts;
  const std::size_t first = children.front().offset;
  // After <body> come only its end tag and the report's: the file's end is where the last child ends.
  const std::size_t total = doc_.source.size() - first;
  std::size_t next = 1;
  for (unsigned k = 1; k < parts; ++k) {
    const std::size_t target = first + total * k / parts;
    while (next < children.size() && children[next].offset < target) ++next;
    if (next >= children.size()) break;
    // The child boundary nearer the target.
    if (next > starts.back() + 1 && target - children[next - 1].offset < children[next].offset - target)
      --next;
    if (next > starts.back()) starts.push_back(next);
    ++next;
  }
  return starts;
}

void ReportReader::join_part(const ReportReader& part, const DiagnosticSink& part_sink) {
  const std::vector<Diagnostic>& diagnostics = part_sink.diagnostics();
  std::size_t id = 0;
  for (std::size_t i = 0; i <= diagnostics.size(); ++i) {
    while (id < part.deferred_ids_.size() && part.deferred_ids_[id].first == i) {
      register_id(*part.deferred_ids_[id++].second);
    }
    if (i < diagnostics.size()) sink_.report(diagnostics[i]);
  }
  links_.insert(links_.end(), part.links_.begin(), part.links_.end());
}

}  // namespace nashr
