#pragma once
// Inside the XML reader (xml_source.cpp): the bounds on what one element holds (xml_source.h's
// kMostAttributes, kLongestValue, kMostCombiningMarks), each checked in one pass over the file or
// the tree, so that hostile input costs time and memory in proportion to its size.
#include <cstddef>
#include <optional>
#include <string>

#include "base/diagnostics.h"
#include "model/xml_source.h"

namespace nashr {

// 70000 → "70,000", as the bounds' messages give sizes.
std::string with_thousands(std::size_t value);

// The first start tag with more than kMostAttributes attributes, located at the first one too
// many. Runs on the source before tinyxml2 does; a tag it cannot read is left to tinyxml2.
std::optional<Diagnostic> too_many_attributes(const XmlDocument& document);

// The first text run or attribute value longer than kLongestValue bytes, or the first combining
// mark after kMostCombiningMarks in a row, in document order. Marks in a row are counted across
// the text runs of elements (`a<em>&#x64E;</em>` is shaped as one cluster), each attribute value
// on its own.
std::optional<Diagnostic> over_bounds(const XmlDocument& document);

}  // namespace nashr
