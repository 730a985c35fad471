#pragma once
// Checking a font file before anything uses it: the style reader refuses a broken or truncated font
// with the location that names it, instead of the build failing later in shaping or embedding.
#include <filesystem>
#include <string>

#include "base/result.h"

namespace nashr {

// Ok when `path` is a font nashr can set and embed: a TrueType-flavoured sfnt (glyf outlines, which
// the PDF writer embeds) whose tables all lie inside the file, that FreeType opens, with glyphs.
// Otherwise why not, as a phrase ("is cut short: …").
Result<void, std::string> check_font_file(const std::filesystem::path& path);

}  // namespace nashr
