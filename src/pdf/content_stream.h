#pragma once
// A page's content stream, written from the page's items and its plan alone: pure text, no
// libharu, so it runs on any thread while the writer's sequential pass goes on with later pages,
// and the same page and plan always give the same bytes.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "document/page.h"

namespace nashr {

class CidActualTexts;

// Widths in /W and positions inside a TJ array are in thousandths of an em; CIDs keep their width
// in millionths of an em (three decimals in /W), so that Vazirmatn's 2048-unit em (0.48828125
// thousandths per unit) needs no correction after nearly every glyph.
inline constexpr double kWidthUnitsPerThousandth = 1000.0;

// Rounds half away from zero, like std::round, without a libm call in the glyph loop (the values
// are positions in thousandths of an em or ten-thousandths of a point, far below 2^53).
inline double round_half_away(double value) {
  return value >= 0 ? static_cast<double>(static_cast<std::int64_t>(value + 0.5))
                    : -static_cast<double>(static_cast<std::int64_t>(0.5 - value));
}

// A glyph's code in the content stream, as the sequential pass chose it: its CID and the CID's
// width (millionths of an em), and the CID of its mark carrier (text_layer.h, split_marks; 0: none),
// drawn with no width before the glyph in a right-to-left run (the glyphs are drawn left to right,
// readers reverse them), after it in a left-to-right one. On the last glyph of an /ActualText span
// with a kashida, the CID of the span's end mark (text_layer.h, kTextOfSpanEnd; 0: none), drawn
// with no width after the glyph.
struct GlyphCode {
  std::uint16_t cid = 0;
  std::int32_t width = 0;
  std::uint16_t carrier = 0;
  std::uint16_t span_end = 0;
};

// What a page's content stream needs from the writer's sequential pass (libharu's objects, and
// CIDs given in first-use order over the whole document): per non-empty glyph run its font's
// resource name and per image its XObject's name, in item order; per glyph of those runs its code.
// The names are owned by the PDF document and outlive the content's writing.
// Per non-empty glyph run, the /ActualText share of each CID of its font when the run is written
// as an /ActualText span (text_layer.h, needs_actual_text), else null.
struct PagePlan {
  std::vector<const char*> names;
  std::vector<GlyphCode> codes;
  std::vector<const CidActualTexts*> actual_texts;
  const StructureTree* structure = nullptr;  // tagged: the page's marked content (marked_content.h)
};

// Numbers in content streams: at most 4 decimals, no trailing zeros, never "-0".
void append_number(std::string& out, double value);

// How colours are written: DeviceRGB (rg/RG: the screen and archive editions) or DeviceCMYK
// (k/K, the print edition: the style's inks, else print_inks' conversion; docs/editions.md).
enum class ColourOperators { rgb, cmyk };

// Everything drawn on `page`, in item order: text in one text object until a graphic interrupts
// it, colour, font and rise set only when they change. `literal`: glyph codes in literal strings
// (raw bytes, escaped); else in hex strings (uncompressed files, for reading while debugging).
std::string page_content(const Page& page, const PagePlan& plan, bool literal,
                         ColourOperators colours = ColourOperators::rgb);

}  // namespace nashr
