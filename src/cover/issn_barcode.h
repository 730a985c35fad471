#pragma once
// The ISSN barcode of a printed periodical (GS1 General Specifications, "ISSN"): an EAN-13 made of
// the prefix 977, the ISSN's first seven digits (its own check digit is dropped), a two-digit
// price/variant code and the EAN-13 check digit, with the issue number as a two-digit EAN-2 add-on.
// libzint encodes it; the result is vector geometry in points for the cover's page.
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "document/geometry.h"

namespace nashr {

struct IssnBarcodeNumber {
  std::string ean13;  // 13 digits, check digit included: "9772975059006"
  std::string addon;  // 2 digits: the issue number, "02"
};

// The barcode's digits for an ISSN ("2975-0598" or "2975059X"), a price code ("00") and an issue
// number (1–99). Fails (an unlocated message the caller places) when one of them does not fit.
Result<IssnBarcodeNumber, std::string> issn_barcode_number(std::string_view issn, std::string_view price_code,
                                                           int issue);

// One line of the human-readable digits under the bars (or above the add-on), where zint puts it.
struct BarcodeText {
  std::string text;
  Point anchor;       // the baseline point the text is aligned on, points from the drawing's top-left
  double size = 0;    // points
  int align = 0;      // 0 centred on anchor.x, 1 starting at it, 2 ending at it (zint's halign)
};

// The symbol as drawn: quiet zones included, top-left origin, y down, in points.
struct BarcodeDrawing {
  double width = 0;
  double height = 0;
  std::vector<Rect> bars;
  std::vector<BarcodeText> texts;
};

// GS1's nominal X dimension (magnification 100 %): 0.330 mm, and the nominal bar height of an
// EAN-13 at that size, 22.85 mm (69.24 modules).
inline constexpr double kEanModuleMillimetres = 0.33;
inline constexpr double kEanBarModules = 22.85 / 0.33;

// Encodes the number with libzint (EAN-13 + EAN-2, GS1 quiet zones) at `magnification` (GS1 allows
// 0.8 to 2.0). Fails with libzint's message.
Result<BarcodeDrawing, std::string> encode_issn_barcode(const IssnBarcodeNumber& number, double magnification = 1.0);

}  // namespace nashr
