#pragma once
// A font role's size-adjust per script (<arabic size-adjust="115%">): the script's letters set
// that much larger (or smaller) than the role's size, so Persian in Noto Naskh looks as large as
// the English around it (issue 17, item 7; docs/style.md-like docs in docs/report-format.md).
#include "base/diagnostics.h"
#include "model/xml_source.h"

namespace nashr {

inline constexpr double kMinSizeAdjust = 0.5;
inline constexpr double kMaxSizeAdjust = 2.0;

// The factor `script` (an <arabic> or <latin>) asks for: "115%" → 1.15; 1 when absent. A value
// that is not a percentage between 50% and 200% is an error at the attribute (1 is returned).
double read_size_adjust(const XmlNode& script, DiagnosticSink& sink);

// The same for any attribute `name` of `element` holding a percentage from 50% to 200%.
double read_percentage(const XmlNode& element, const char* name, DiagnosticSink& sink);

}  // namespace nashr
