#pragma once
// A sink's diagnostics as nashr prints them (file:line:col: severity: message, then the hint), for
// the message of a failed expectation.
#include <string>

#include "base/diagnostics.h"

namespace nashr::testing {

std::string describe(const DiagnosticSink& sink);

}  // namespace nashr::testing
