#pragma once
// cover: the cover page, made from the report's metadata as the style's <cover> asks
// (docs/report-format.md, "The cover"): the series title in both languages on a band across the
// top, volume and issue, the Gregorian and Solar Hijri dates, the title, a teaser from the
// summary, the publisher and the ISSN barcode. Its text goes through the same text stages as the
// body (itemize, shape, break_lines), so Persian is shaped and ordered like everywhere else.
#include <optional>

#include "base/diagnostics.h"
#include "base/result.h"
#include "cover/issn_barcode.h"
#include "document/page.h"
#include "fonts/font_db.h"
#include "model/report.h"
#include "style/style_sheet.h"

namespace nashr {

struct CoverPage {
  Page page;
  // The band across the top touches the page's top, left and right edges: a print edition bleeds it.
  Rect band;
  Rect barcode;  // the barcode's area, quiet zones included (empty without a barcode)
  // The cover art's resolution at its printed size (pixels per inch, the lower of its two
  // directions); none without art or for a PDF page (vectors). Under kMinCoverArtDpi: a warning,
  // or an error when the print edition carries the cover (typeset).
  std::optional<double> art_dpi;
};

inline constexpr double kMinCoverArtDpi = 300;

// Fails with a located error (already in `sink`) when the barcode cannot be made from the ISSN,
// the style's price code or the issue number, or when text falls off the page.
Result<CoverPage> draw_cover(const Report& report, const StyleSheet& style, FontDb& fonts, DiagnosticSink& sink);

// The ISSN the barcode carries (the print ISSN, else the first), and the barcode's number for the
// report and the style's <cover>: a located error (the price code, the issue or the ISSN) when it
// cannot be made. `nashr check` asks it too, so check and build agree.
const Issn& barcode_issn(const Metadata& meta);
Result<IssnBarcodeNumber, Diagnostic> cover_barcode_number(const Report& report, const CoverStyle& cover);

// Puts the cover before the document's first page; page labels name it "Cover" (or "جلد") and the
// issue's pages keep their numbers.
void add_cover(PagedDocument& document, CoverPage&& cover, bool persian);

}  // namespace nashr
