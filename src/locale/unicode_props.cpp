#include "locale/unicode_props.h"

#include <unicode/uchar.h>

namespace nashr {

bool is_combining_mark(char32_t c) {
  if (c < 0x300) return false;  // the first mark is U+0300; below, only the lookup's cost
  const auto category = static_cast<UCharCategory>(u_charType(static_cast<UChar32>(c)));
  return category == U_NON_SPACING_MARK || category == U_COMBINING_SPACING_MARK || category == U_ENCLOSING_MARK;
}

CombiningMarkTable::CombiningMarkTable() {
  for (char32_t c = 0; c < kTableEnd; ++c) below_table_end_[c] = is_combining_mark(c);
}

}  // namespace nashr
