#pragma once
// The text layer's rules for one glyph run: which glyph carries which text, and how wide a glyph
// must be so that readers put no space inside a word. Pure functions of the run's glyphs; the CIDs
// (cid_font.h) are made from what they give. docs/pdf.md, "The text layer", says why each is so.
#include <cstdint>
#include <vector>

#include "document/page.h"

namespace nashr {

// The text each glyph of `glyphs` carries, one entry a glyph. A cluster's text belongs on a
// spacing glyph: left on a mark (zero advance, drawn at an offset) readers see a gap before it and
// insert a space, so it moves to the adjacent glyph (the next one first) that has no text and an
// advance.
void text_on_spacing_glyphs(const std::vector<PlacedGlyph>& glyphs, std::vector<GlyphText>& texts);

// A glyph without text that advances (a kashida) would leave a gap between the characters around
// it, which readers turn into a space inside the word. Its advance (font units) is added to
// `extra` of the nearest glyph with text on its left, whose width grows by that much so that its
// character reaches the next one. `texts` as text_on_spacing_glyphs gives them.
void kashida_widths(const std::vector<PlacedGlyph>& glyphs, const std::vector<GlyphText>& texts,
                    std::vector<std::int32_t>& extra);

}  // namespace nashr
