#pragma once
// The style sheet's <list> (docs/report-format.md), read apart from read_style.cpp.
#include "base/diagnostics.h"
#include "model/xml_source.h"
#include "style/style_sheet.h"

namespace nashr {

// Reads <list item-space="3pt" space-before="6pt" space-after="6pt" bullet-size="150%"/>.
void read_list_style(const XmlNode& element, ListStyle& list, DiagnosticSink& sink);

}  // namespace nashr
