#pragma once
// Character properties from ICU for stages that may not call ICU themselves (src/model/).
#include <bitset>

namespace nashr {

// A combining mark: general category Mn, Mc or Me (a haraka, an accent). Unicode's stream-safe
// text format allows at most 30 in a row; shaping a longer run is slow and can abort HarfBuzz.
bool is_combining_mark(char32_t c);

// The same question asked of every letter of a report: ICU's answers for the code points below
// U+0800 (all of Persian and Arabic, Latin with its accents) in a table made when constructed
// (2,048 questions), the rest asked of ICU. The reader's scan costs a third of what asking ICU for
// every letter did (bench/README.md, "Reading").
class CombiningMarkTable {
 public:
  CombiningMarkTable();
  bool contains(char32_t c) const { return c < kTableEnd ? below_table_end_[c] : is_combining_mark(c); }

 private:
  static constexpr char32_t kTableEnd = 0x800;
  std::bitset<kTableEnd> below_table_end_;
};

}  // namespace nashr
