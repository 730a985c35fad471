#pragma once
// The style sheet's <numbering> (docs/report-format.md, "Numbering and references"), read apart from
// read_style.cpp.
#include "base/diagnostics.h"
#include "model/xml_source.h"
#include "style/style_sheet.h"

namespace nashr {

// Reads <numbering><labels xml:lang="…" figure="Figure {number}" table="…" section="…" page="…"
// caption-separator=": "/>…</numbering> into `numbering`; every problem goes to `sink`. An attribute
// left out takes the built-in word of the labels' language.
void read_numbering_style(const XmlNode& element, const std::string& style_lang, NumberingStyle& numbering,
                          DiagnosticSink& sink);

}  // namespace nashr
