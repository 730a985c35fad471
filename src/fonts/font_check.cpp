#include "fonts/font_check.h"

#include <ft2build.h>
#include FT_FREETYPE_H

#include <array>
#include <cstdint>
#include <fstream>
#include <memory>
#include <set>
#include <system_error>
#include <utility>
#include <vector>

namespace nashr {

namespace fs = std::filesystem;

namespace {

// A damaged or foreign file: the hint is to put a whole copy in its place.
FontProblem damaged(std::string reason) {
  return {std::move(reason), "replace it with a whole copy (fonts/SHA256SUMS pins the shipped fonts)"};
}

// PostScript outlines: the PDF writer embeds TrueType outlines only (CIDFontType2, FontFile2).
FontProblem cff_outlines() {
  return {"has PostScript (CFF) outlines, which nashr cannot embed (it embeds TrueType 'glyf' outlines only)",
          "use the TrueType-flavoured version of the font: its .ttf (or an .otf with 'glyf' outlines)"};
}

std::uint32_t big_endian(const unsigned char* bytes, std::size_t size) {
  std::uint32_t value = 0;
  for (std::size_t i = 0; i < size; ++i) value = value << 8 | bytes[i];
  return value;
}

std::string tag_text(std::uint32_t tag) {
  std::string text(4, ' ');
  for (int i = 0; i < 4; ++i)
    text[static_cast<std::size_t>(i)] = static_cast<char>(tag >> (24 - 8 * i) & 0xff);
  return text;
}

// The table directory: every table inside the file, and the ones setting and embedding need.
Result<void, FontProblem> check_tables(const fs::path& path) {
  std::error_code error;
  const std::uintmax_t size = fs::file_size(path, error);
  if (error) return fail(damaged("cannot be read: " + error.message()));
  std::ifstream in(path, std::ios::binary);
  std::array<unsigned char, 12> header{};
  if (!in.read(reinterpret_cast<char*>(header.data()), header.size())) {
    return fail(damaged("is not a font (" + std::to_string(size) + " bytes, too short for one)"));
  }
  const std::uint32_t version = big_endian(header.data(), 4);
  if (version == 0x4f54544f) return fail(cff_outlines());
  if (version == 0x74746366) {
    return fail(FontProblem{"is a font collection (.ttc)", "name a single font (.ttf) of the collection"});
  }
  if (version != 0x00010000 && version != 0x74727565)
    return fail(damaged(std::string("is not a TrueType or OpenType font")));
  const std::size_t count = big_endian(header.data() + 4, 2);
  std::vector<unsigned char> records(count * 16);
  if (count == 0 ||
      !in.read(reinterpret_cast<char*>(records.data()), static_cast<std::streamsize>(records.size()))) {
    return fail(damaged(std::string("is cut short: its table directory is incomplete")));
  }
  std::set<std::string> tags;
  for (std::size_t i = 0; i < count; ++i) {
    const unsigned char* record = records.data() + 16 * i;
    const std::string tag = tag_text(big_endian(record, 4));
    const std::uint64_t end = std::uint64_t{big_endian(record + 8, 4)} + big_endian(record + 12, 4);
    if (end > size) {
      return fail(damaged("is cut short: its '" + tag + "' table ends at byte " + std::to_string(end) +
                          " of a file of " + std::to_string(size)));
    }
    tags.insert(tag);
  }
  if (!tags.count("glyf") && (tags.count("CFF ") || tags.count("CFF2"))) return fail(cff_outlines());
  for (const char* needed : {"cmap", "head", "hhea", "hmtx", "maxp", "loca", "glyf"}) {
    if (!tags.count(needed))
      return fail(damaged(std::string("has no '") + needed + "' table, which nashr needs"));
  }
  return Ok{};
}

}  // namespace

Result<void, FontProblem> check_font_file(const fs::path& path) {
  Result<void, FontProblem> tables = check_tables(path);
  if (!tables) return tables;
  FT_Library library = nullptr;
  if (FT_Init_FreeType(&library) != 0)
    return fail(damaged(std::string("cannot be checked: FreeType did not start")));
  const std::unique_ptr<FT_LibraryRec_, FT_Error (*)(FT_Library)> library_owner(library, &FT_Done_FreeType);
  FT_Face face = nullptr;
  const FT_Error opened = FT_New_Face(library, path.c_str(), 0, &face);
  if (opened != 0) {
    const char* reason = FT_Error_String(opened);
    return fail(damaged("cannot be opened by FreeType: " +
                        std::string(reason ? reason : "error " + std::to_string(opened))));
  }
  const std::unique_ptr<FT_FaceRec_, FT_Error (*)(FT_Face)> face_owner(face, &FT_Done_Face);
  if (face->num_glyphs <= 0) return fail(damaged(std::string("has no glyphs")));
  if (FT_Load_Glyph(face, 0, FT_LOAD_NO_SCALE) != 0)
    return fail(damaged(std::string("has a glyph FreeType cannot load")));
  return Ok{};
}

}  // namespace nashr
