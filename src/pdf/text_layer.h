#pragma once
// The text layer's rules for one glyph run: which glyph carries which text, what a glyph without
// text maps to, and the /ActualText of a right-to-left run. Pure functions of the run's glyphs;
// the CIDs (cid_font.h) and the content stream (content_stream.h) are made from what they give.
// docs/pdf.md, "The text layer", shows the experiments with each reader that chose these rules.
#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
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

// The ToUnicode text of a span's end mark: an inkless glyph of no width (the mark carriers' glyph)
// drawn after the last glyph of a right-to-left run that is an /ActualText span and has a kashida;
// its text is not in the span's. MuPDF (1.28) gives each glyph of a span one character of the
// span's text; where the glyphs' own texts stop matching the span's (at a kashida, whose text the
// span leaves out), it pairs the rest one by one and, when the last glyph's text matches the
// span's last character, sends the span's remaining text and then the matching glyphs again: part
// of the line twice ("دو کش دو کشور"). A last glyph whose text (U+200D) is never a span's last
// character keeps it from matching: the rest of the text comes once, in order. pdf.js skips the
// format character, and the readers that read the span never see it.
inline constexpr std::string_view kTextOfSpanEnd = "\u200D";

// Whether a glyph with this text and advance is such a joining glyph.
inline bool is_joining_glyph(const PlacedGlyph& glyph, const GlyphText& text) {
  return text.empty() && glyph.x_advance > 0;
}

// A glyph that advances and whose text holds combining marks besides its letters (Vazirmatn's
// precomposed «هٔ», a base with the harakat drawn on it): pdf.js takes any glyph whose text holds
// a nonspacing mark for a zero-width diacritic, does not move its pen over it, and then puts a
// space before the glyph after it («خلاص هٔ»). Such a glyph keeps its letters; the marks go on a
// mark carrier, an inkless glyph of no width drawn beside it (content_stream.h). The marks, in
// order, and the rest; nothing when the text holds no mark or only marks.
struct SplitMarks {
  std::string letters;
  std::string marks;
};
std::optional<SplitMarks> split_marks(std::string_view text);

// Whether a right-to-left run needs an /ActualText span: only where the glyphs' own texts, as the
// readers reverse them, do not give the run's words back in order. That is a run of several words
// (pdftotext -raw reverses each word on its own and keeps the words in drawing order, which is
// visual; a ZWNJ, drawn as a space, splits a word for it too), a joining glyph (its U+200D would stay inside the word in PDFium and poppler), a text
// moved off a mark, or a glyph with several characters. `texts` are the glyphs' texts after
// text_on_spacing_glyphs.
bool needs_actual_text(const std::vector<PlacedGlyph>& glyphs, const std::vector<GlyphText>& texts);

// One glyph's share of a right-to-left run's /ActualText: its ToUnicode text (already in visual
// order, text_layer_text) as UTF-16BE, appended to `out` as the raw bytes of a literal string,
// escaped, or, with `literal` false, as hex digits. The span's text is these shares left to right:
// the run's text in visual order, because poppler, MuPDF and PDFium all treat the span's text as
// drawn left to right and reverse it with the glyphs they replace.
void append_actual_text_share(std::string_view visual_utf8, bool literal, std::string& out);

// Each CID's share of a right-to-left run's /ActualText: its ToUnicode text as the
// bytes of a UTF-16BE literal string, escaped, made once per CID instead of once per glyph drawn.
// Empty for a joining glyph. Kept in chunks that never move: the content-stream jobs read them on
// other threads while the sequential pass adds CIDs (each CID is set before a page using it is
// handed to a job).
class CidActualTexts {
 public:
  // A share as stored: up to kInline bytes in place (a glyph of one or two characters: nearly
  // all), so that the span's loop copies a fixed block per glyph; longer ones point to `spilled`.
  static constexpr std::size_t kInline = 14;
  struct Share {
    char bytes[kInline] = {};
    std::uint16_t size = 0;
    const std::string* spilled = nullptr;
  };
  const Share& operator[](std::uint16_t cid) const { return (*chunks_[cid >> 8])[cid & 0xFF]; }
  void set(std::uint16_t cid, std::string bytes);

 private:
  std::array<std::unique_ptr<std::array<Share, 256>>, 256> chunks_;
  std::vector<std::unique_ptr<std::string>> spilled_;
};

}  // namespace nashr
