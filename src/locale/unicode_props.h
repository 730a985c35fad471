#pragma once
// Character properties from ICU for stages that may not call ICU themselves (src/model/).
namespace nashr {

// A combining mark: general category Mn, Mc or Me (a haraka, an accent). Unicode's stream-safe
// text format allows at most 30 in a row; shaping a longer run is slow and can abort HarfBuzz.
bool is_combining_mark(char32_t c);

}  // namespace nashr
