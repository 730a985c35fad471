#pragma once
// itemize: a styled paragraph → UTF-16 text, bidi levels, runs of one level, script, language, font
// and style, break opportunities and inter-word spaces. Everything the shaper and the line breaker
// need from ICU is computed here, so neither of them calls ICU.
#include <cstdint>
#include <string>
#include <vector>

#include "base/diagnostics.h"
#include "fonts/font_db.h"
#include "text/bidi.h"
#include "text/line_breaks.h"
#include "document/styled_paragraph.h"

namespace nashr {

// A stretch [begin, end) of the paragraph's UTF-16 text, in logical order, with one bidi level, one
// script, one language, one font and one span style: the unit HarfBuzz shapes.
struct TextRun {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
  std::uint8_t level = 0;
  std::string script;          // ISO 15924, e.g. "Arab", "Latn"; "Zyyy" when only Common characters
  std::string language;        // BCP 47 from the span
  const Font* font = nullptr;  // null only when no font of the span could be loaded (an error was reported)
  double font_size = 10;
  std::vector<FontFeature> features;
  std::uint32_t span = 0;  // index into StyledParagraph::spans

  bool rtl() const { return (level & 1) != 0; }
};

struct ItemizedParagraph {
  explicit ItemizedParagraph(BidiParagraph analysed) : bidi(std::move(analysed)) {}

  // The text, its bidi analysis and the visual runs of any line: bidi.text(), bidi.visual_runs().
  BidiParagraph bidi;
  // Per UTF-16 unit: the resolved bidi level (paragraph taken as one line).
  std::vector<std::uint8_t> levels;
  // Per UTF-16 unit: the UTF-8 byte offset in StyledParagraph::text it came from. An inserted
  // isolate control maps to the span boundary it marks.
  std::vector<std::uint32_t> source_offsets;
  // Per UTF-16 unit: 1 for the isolate controls (LRI, RLI, FSI, PDI) itemize inserted around
  // spans. The shaper drops their glyphs; they are not the author's text.
  std::vector<std::uint8_t> inserted;  // bytes, not bits: read per unit by later stages
  std::vector<TextRun> runs;  // logical order, covering the text without gaps
  std::vector<BreakOpportunity> breaks;
  // UTF-16 positions of inter-word spaces (the line breaker's glue): General_Category Zs except the
  // fixed-width U+2007 FIGURE SPACE and U+202F NARROW NO-BREAK SPACE. U+00A0 is glue without a break.
  std::vector<std::uint32_t> spaces;

  const std::u16string& text() const { return bidi.text(); }
  std::vector<VisualRun> visual_runs(std::uint32_t begin, std::uint32_t end) const {
    return bidi.visual_runs(begin, end);
  }
};

// Fonts load through `fonts` (once per file). A character no font of its span covers is a warning
// at the span's location naming the code point (an error under --strict, through the sink); a font
// file that cannot be loaded is an error. Invalid UTF-8 becomes U+FFFD with a warning.
ItemizedParagraph itemize(const StyledParagraph& paragraph, FontDb& fonts, DiagnosticSink& sink);

// The ISO 15924 code ("Arab") for a script name or code as FontChain accepts it; empty if unknown.
std::string script_code(const std::string& name);

}  // namespace nashr
