// libFuzzer target for the figure check (src/model/image_check.h): on any bytes, check_image_bytes
// returns, without a crash, an abort, a sanitizer report, a leak or a long run.
// Seeds: fuzz/corpus/image_check/ (`tests/model/images/make.py fuzz/corpus/image_check` writes
// them, and tests/pdf/data's two images). Built and run by the fuzz preset (docs/testing.md).
#include <cstddef>
#include <cstdint>
#include <span>

#include "model/image_check.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  nashr::ImageLimits limits;
  // A megapixel at most, as libjpeg-turbo's own fuzzers: each input takes milliseconds, and a
  // small header can still declare an image that takes seconds to decode at the default limit.
  limits.max_pixels = 1'000'000;
  // Decode everything that decodes, interlaced and 16-bit PNGs too.
  limits.libharu_rules = false;
  (void)nashr::check_image_bytes(std::span<const unsigned char>(data, size), "fuzz.img", {}, limits);
  return 0;
}
