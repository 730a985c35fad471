#pragma once
// The visible stamp of a subscriber's copy: one line, «تهیه‌شده برای مریم احمدی (A-1042) · ۱۵ دی ۱۴۰۳»
// or "Prepared for Jane Doe (A-1042) · 20 January 2025", set by nashr's own text stages (itemize,
// shape, break_lines) in the issue style's fonts and direction, and written by nashr's PDF writer as
// a one-page PDF the width of the pages. The copy places that page below the footer, in the
// bottom margin, where the issue has no content.
#include <string>
#include <vector>

#include "base/result.h"
#include "distribute/subscribers.h"
#include "document/color.h"
#include "document/styled_paragraph.h"
#include "fonts/font_db.h"
#include "locale/calendar.h"
#include "style/style_sheet.h"

namespace nashr {

// What the stamp takes from the style.
struct StampStyle {
  std::string language = "en";  // the issue's: "fa" sets the Persian stamp
  FontChains latin_fonts;       // the caption role's chains for an English and a Persian text
  FontChains persian_fonts;
  double size = 7;  // points
  Color colour;
  double page_width = 595.276;
  double page_height = 841.89;
  double margin_left = 56.7;
  double margin_right = 56.7;
  double band_height = 27;  // the strip at the bottom of the page the stamp's page covers
  // The diagonal watermark across every page: the style's <watermark> (or --watermark's defaults).
  WatermarkStyle watermark;
};

// The stamp style of an issue set in `style`, in `language` (the issue's).
StampStyle stamp_style(const StyleSheet& style, const std::string& language);

// The stamp's text and its spans (the name an isolate, the id left to right).
StyledParagraph stamp_paragraph(const Subscriber& subscriber, const CalendarDate& date, const StampStyle& style);

// The stamp as a PDF of one page (band_height high), or two with the watermark (the second its
// text in the watermark's size and colour, at most as long as the page's diagonal, placed
// diagonally and translucent by the copy). `fonts` loads the style's fonts.
Result<std::string> make_stamp_pdf(const Subscriber& subscriber, const CalendarDate& date, const StampStyle& style,
                                   FontDb& fonts);

// The watermark's settings as text, for the copy mark: changing them rewrites the copies.
std::string watermark_key(const WatermarkStyle& watermark);

}  // namespace nashr
