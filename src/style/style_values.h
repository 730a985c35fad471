#pragma once
// A style element's length and colour attributes, read with located errors: shared by the readers
// of the style's parts (read_style.cpp, read_watermark.cpp).
#include <optional>

#include "base/diagnostics.h"
#include "model/xml_source.h"
#include "style/style_sheet.h"

namespace nashr {

// The attribute `name` of `element` as a length in points; nothing when it is absent (an error when
// `required`) or not a length (an error at its value).
std::optional<double> style_length(const XmlNode& element, const char* name, bool required, DiagnosticSink& sink);

// The same for a colour (#rrggbb, cmyk(…) or both; parse_colour).
std::optional<Color> style_colour(const XmlNode& element, const char* name, bool required, DiagnosticSink& sink);

// Reads <watermark text size colour opacity/> into `mark` (the subscriber copies' watermark).
void read_watermark(const XmlNode& element, WatermarkStyle& mark, DiagnosticSink& sink);

// Reads <masthead grid="7.5pt"/> into `masthead`.
void read_masthead_style(const XmlNode& element, MastheadStyle& masthead, DiagnosticSink& sink);

}  // namespace nashr
