#pragma once
// The text layer's rules for one glyph run: which glyph carries which text, what a glyph without
// text maps to, and the /ActualText of a right-to-left run. Pure functions of the run's glyphs;
// the CIDs (cid_font.h) and the content stream (content_stream.h) are made from what they give.
// docs/pdf.md, "The text layer", shows the experiments with each reader that chose these rules.
#include <string>
#include <string_view>
#include <vector>

#include "document/page.h"

namespace nashr {

// The text each glyph of `glyphs` carries, one entry a glyph. A cluster's text belongs on a
// spacing glyph: left on a mark (zero advance, drawn at an offset) readers see a gap before it and
// insert a space, so it moves to the adjacent glyph (the next one first) that has no text and an
// advance.
void text_on_spacing_glyphs(const std::vector<PlacedGlyph>& glyphs, std::vector<GlyphText>& texts);

// The ToUnicode text of a glyph that advances but stands for no text (a kashida inserted by
// justification): U+200D ZERO WIDTH JOINER, a format character pdf.js skips (with no entry it
// printed the glyph's raw code and broke the line there); the readers that read /ActualText
// (content_stream.h) never see it.
inline constexpr std::string_view kTextOfJoiningGlyph = "\u200D";

// Whether a glyph with this text and advance is such a joining glyph.
inline bool is_joining_glyph(const PlacedGlyph& glyph, const GlyphText& text) {
  return text.empty() && glyph.x_advance > 0;
}

// The /ActualText of a right-to-left run, a UTF-16BE text string with its byte order mark: the
// run's text in visual order (the glyphs' texts left to right, each reversed), because poppler,
// MuPDF and PDFium all treat the span's text as drawn left to right and reverse it with the glyphs
// they replace. Glyphs without text add nothing. Appended to `out` as a literal string (raw bytes,
// escaped: the smaller file) or, with `literal` false, a hex string.
void append_rtl_actual_text(const std::vector<PlacedGlyph>& glyphs, bool literal, std::string& out);

}  // namespace nashr
