// The style sheet reader on any bytes: diagnostics, never a crash, a hang or memory exhausted.
#include <cstddef>
#include <cstdint>

#include "base/diagnostics.h"
#include "fuzz_support.h"
#include "style/style_sheet.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string path = nashr::fuzzing::write_input("style.xml", data, size);
  nashr::DiagnosticSink sink;
  (void)nashr::read_style(path, sink);
  return 0;
}
