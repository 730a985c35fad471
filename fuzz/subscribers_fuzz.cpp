// The subscribers CSV reader on any bytes: located diagnostics, never a crash, a hang or memory
// exhausted; every row it keeps holds what the stamp and the file name rely on.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "base/diagnostics.h"
#include "distribute/subscribers.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  nashr::DiagnosticSink sink;
  const nashr::SubscriberList list =
      nashr::parse_subscribers(std::string_view(reinterpret_cast<const char*>(data), size), "subscribers.csv", sink);
  for (const nashr::Subscriber& subscriber : list.subscribers) {
    if (subscriber.id.empty() || subscriber.name.empty() || subscriber.id.size() > nashr::kMaxIdLength ||
        subscriber.id.find('/') != std::string::npos || subscriber.id[0] == '.') {
      std::abort();
    }
  }
  for (const nashr::Diagnostic& diagnostic : sink.diagnostics()) {
    if (diagnostic.location.line < 1 || diagnostic.location.column < 1) std::abort();
  }
  return 0;
}
