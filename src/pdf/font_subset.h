#pragma once
// Font subsetting for embedding (HarfBuzz's subset plan API): only the glyphs a document draws,
// no layout tables (GSUB/GPOS/GDEF: the PDF carries positioned glyphs), no hinting.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "base/result.h"

namespace nashr {

class Font;

struct FontSubset {
  std::string bytes;                                 // a TrueType font file
  std::map<std::uint32_t, std::uint32_t> new_glyph;  // original glyph id → glyph id in `bytes`
};

// Subsets `font` to `glyphs` (plus .notdef and the components of composite glyphs).
Result<FontSubset> subset_font(const Font& font, const std::vector<std::uint32_t>& glyphs);

}  // namespace nashr
