// The report reader on any bytes: it must refuse what it cannot read with diagnostics, never crash,
// hang or exhaust memory. The report's style is looked up as in a real run (nashr's styles/).
#include <cstddef>
#include <cstdint>

#include "base/diagnostics.h"
#include "fuzz_support.h"
#include "model/report.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string path = nashr::fuzzing::write_input("report.xml", data, size);
  nashr::DiagnosticSink sink;
  nashr::ReadOptions options;
  options.report_normalisations = size % 2 == 1;  // both modes, chosen by the input
  (void)nashr::read_report(path, sink, options);
  return 0;
}
