#pragma once
// The bounds of a style sheet's lengths and sizes (docs/report-format.md, "Limits"): what PDF and
// libharu accept for pages, and what leaves text on the page and readable.
#include "base/diagnostics.h"
#include "model/xml_source.h"
#include "style/style_sheet.h"

namespace nashr {

inline constexpr double kMinPageSide = 3;  // points: PDF's (and libharu's) limits on a page side
inline constexpr double kMaxPageSide = 14400;
inline constexpr double kMinFontSize = 2;
inline constexpr double kMaxFontSize = 200;
inline constexpr double kMinTextSide = 72;  // the text area inside the margins, each way
inline constexpr double kMaxBorderWidth = 72;
inline constexpr double kMinWatermarkSize = 12;
inline constexpr double kMaxWatermarkSize = 144;
inline constexpr double kMinMastheadGrid = 1;  // the masthead's baseline grid unit
inline constexpr double kMaxMastheadGrid = 72;

// Checks every length of `style`, as read from `root` (a <style>), against its bounds; reports each
// one outside them at its attribute, with a hint. Values the reader could not read are skipped.
void check_style_limits(const XmlNode& root, const StyleSheet& style, DiagnosticSink& sink);

}  // namespace nashr
