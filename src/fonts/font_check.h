#pragma once
// Checking a font file before anything uses it: the style reader refuses a broken or truncated font
// with the location that names it, instead of the build failing later in shaping or embedding.
#include <filesystem>
#include <string>

#include "base/result.h"

namespace nashr {

// Why a font file cannot be used, and what to do.
struct FontProblem {
  std::string reason;  // a phrase after the file's name: "is cut short: …"
  std::string hint;
};

// Ok when `path` is a font nashr can set and embed: a TrueType-flavoured sfnt (glyf outlines, which
// the PDF writer embeds as CIDFontType2 with FontFile2) whose tables all lie inside the file, that
// FreeType opens, with glyphs. A CFF-flavoured OpenType font ('OTTO', PostScript outlines) is
// refused: embedding it needs CIDFontType0 with FontFile3, which the writer does not make.
Result<void, FontProblem> check_font_file(const std::filesystem::path& path);

}  // namespace nashr
