#include "pdf/text_layer.h"

namespace nashr {

void text_on_spacing_glyphs(const std::vector<PlacedGlyph>& glyphs, std::vector<GlyphText>& texts) {
  const std::size_t count = glyphs.size();
  texts.resize(count);
  if (count == 0) return;
  // One pass: each glyph's text is copied just before the glyph on its left is looked at.
  texts[0] = glyphs[0].text;
  for (std::size_t i = 0; i < count; ++i) {
    if (i + 1 < count) texts[i + 1] = glyphs[i + 1].text;
    if (texts[i].empty() || glyphs[i].x_advance != 0) continue;
    for (std::size_t j : {i + 1, i - 1}) {
      if (j < count && texts[j].empty() && glyphs[j].x_advance > 0) {
        texts[j] = texts[i];
        texts[i] = GlyphText{};
        break;
      }
    }
  }
}

void kashida_widths(const std::vector<PlacedGlyph>& glyphs, const std::vector<GlyphText>& texts,
                    std::vector<std::int32_t>& extra) {
  const std::size_t count = glyphs.size();
  extra.assign(count, 0);
  for (std::size_t i = 0; i < count; ++i) {
    if (!texts[i].empty() || glyphs[i].x_advance <= 0) continue;
    for (std::size_t j = i; j-- > 0;) {
      if (!texts[j].empty()) {
        extra[j] += glyphs[i].x_advance;
        break;
      }
    }
  }
}

}  // namespace nashr
