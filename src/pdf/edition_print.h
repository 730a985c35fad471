#pragma once
// The print edition's pages (docs/editions.md): each page as typeset becomes the trim, inside a
// larger media box with room for 3 mm of bleed and, outside it, crop and registration marks.
// Boxes that touch the trim's edge (the cover's band) are extended into the bleed.
#include <string>

#include "document/edition.h"
#include "document/page.h"

namespace nashr {

// From the trim's edge to the media box's: the bleed, a gap, the crop marks' length.
inline constexpr double kCropMarkGap = kBleedPoints;       // marks start outside the bleed
inline constexpr double kCropMarkLength = 5 * 72 / 25.4;   // 5 mm
inline constexpr double kPrintSlug = 12 * 72 / 25.4;       // 12 mm on each side of the trim

struct PrintBoxes {
  double media_width = 0;
  double media_height = 0;
  // [left, bottom, right, top] in PDF coordinates (y up) of the media box.
  double trim[4] = {0, 0, 0, 0};
  double bleed[4] = {0, 0, 0, 0};
};

PrintBoxes print_boxes(const Page& page);

// True when an item of the page touches the trim's edge and must be extended into the bleed.
bool needs_bleed(const Page& page);

// A copy of the page with the boxes that touch an edge of the trim extended by the bleed there.
Page bled_page(const Page& page);

// The content the print edition wraps around a page's own: moves the page onto the trim, and after
// it draws the crop and registration marks in the registration colour (every separation).
std::string print_content_prefix();
std::string print_marks(const Page& page);

}  // namespace nashr
