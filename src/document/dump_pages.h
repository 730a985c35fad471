#pragma once
// `nashr build --dump=pages`: the paged document as text, one placed item per line (page, position,
// font, glyphs with their text), for golden tests of layout.
#include <string>

#include "document/page.h"

namespace nashr {

// Never fails on a well-formed document.
std::string dump_pages(const PagedDocument& document);

}  // namespace nashr
