#pragma once
// Fonts are files from the repository's fonts/ folder (never the system's), loaded once per file
// and shared by shaping (HarfBuzz) and the PDF writer (subsetting, metrics).
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

struct hb_blob_t;
struct hb_face_t;
struct hb_font_t;
struct FT_LibraryRec_;
struct FT_FaceRec_;

namespace nashr {

// Metrics in font units (see units_per_em), read from the font's tables.
struct FontMetrics {
  int units_per_em = 1000;
  int ascender = 0;   // hhea/OS/2 typographic ascender (positive)
  int descender = 0;  // negative
  int line_gap = 0;
  int cap_height = 0;
  int x_height = 0;
  double italic_angle = 0;  // degrees, counter-clockwise from vertical (post table)
  int bbox_x_min = 0, bbox_y_min = 0, bbox_x_max = 0, bbox_y_max = 0;  // head table
  bool fixed_pitch = false;
  bool serif = false;  // a guess from the family name, for the PDF FontDescriptor flags
  bool italic = false;
  bool bold = false;
};

class Font {
 public:
  Font(const Font&) = delete;
  Font& operator=(const Font&) = delete;
  ~Font();

  const std::filesystem::path& path() const { return path_; }
  std::string_view bytes() const { return bytes_; }  // the whole font file
  const FontMetrics& metrics() const { return metrics_; }
  int units_per_em() const { return metrics_.units_per_em; }
  const std::string& family() const { return family_; }
  const std::string& style_name() const { return style_; }
  const std::string& postscript_name() const { return postscript_name_; }

  // HarfBuzz objects; the font's scale is units_per_em, so positions come out in font units.
  hb_face_t* hb_face() const { return face_; }
  hb_font_t* hb_font() const { return font_; }
  FT_FaceRec_* ft_face() const { return ft_face_; }

  // Nominal glyph (cmap) for a code point; 0 (.notdef) when the font does not cover it.
  std::uint32_t glyph_for(char32_t code_point) const;
  // From a bitmap of the cmap's BMP made at load time: itemize asks this for every character.
  bool covers(char32_t code_point) const {
    if (code_point < 0x10000) return (bmp_coverage_[code_point >> 6] >> (code_point & 63)) & 1;
    return glyph_for(code_point) != 0;
  }
  std::uint32_t glyph_count() const;
  // Whether the font draws the Arabic decimal separator ٫ (U+066B) or thousands separator ٬
  // (U+066C) in a form readers take for a slash or a Latin comma («۴۲/۵»): itemize then takes them
  // from the next font of the chain that draws them right (docs/fonts.md).
  bool misdraws_arabic_separator(char32_t code_point) const {
    return (code_point == 0x066B && (latin_like_separators_ & 1) != 0) ||
           (code_point == 0x066C && (latin_like_separators_ & 2) != 0);
  }
  // Whether the font's `locl` for Persian turns the Persian digits ۴ ۶ ۷ into other (Urdu) forms:
  // Persian runs in it are then shaped with locl off (docs/fonts.md).
  bool persian_locl_changes_digits() const { return persian_locl_changes_digits_; }
  int advance(std::uint32_t glyph) const;             // horizontal advance in font units
  // A glyph that draws nothing and does not advance (the font's zero width space, else its zero
  // width no-break space), for text the PDF's text layer needs where no glyph is drawn; 0 when the
  // font has none. ZWJ and ZWNJ do not serve: some fonts draw a visible sign for them.
  std::uint32_t invisible_glyph() const;
  std::string glyph_name(std::uint32_t glyph) const;  // "gid123" when the font has no names

  // Unique in the process, never reused: a key for caches that outlive a FontDb.
  std::uint64_t serial() const { return serial_; }

 private:
  friend class FontDb;
  Font() = default;

  std::filesystem::path path_;
  std::string bytes_;
  FontMetrics metrics_;
  std::string family_, style_, postscript_name_;
  hb_blob_t* blob_ = nullptr;
  hb_face_t* face_ = nullptr;
  hb_font_t* font_ = nullptr;
  FT_FaceRec_* ft_face_ = nullptr;
  std::uint64_t serial_ = 0;
  bool persian_locl_changes_digits_ = false;
  unsigned latin_like_separators_ = 0;  // bit 0: ٫, bit 1: ٬ (font_db.cpp, latin_like_separators)
  std::vector<std::uint64_t> bmp_coverage_ = std::vector<std::uint64_t>(0x10000 / 64, 0);
};

class FontDb {
 public:
  // Relative font paths resolve against `fonts_dir` (normally <repo>/fonts).
  explicit FontDb(std::filesystem::path fonts_dir);
  FontDb(const FontDb&) = delete;
  FontDb& operator=(const FontDb&) = delete;
  ~FontDb();

  // $NASHR_FONTS_DIR when set, else fonts/ in nashr's data folder (base/data_dirs.h).
  static std::filesystem::path default_fonts_dir();

  const std::filesystem::path& fonts_dir() const { return fonts_dir_; }
  // Unique in the process, never reused: a key for caches of what was loaded from this FontDb.
  std::uint64_t serial() const { return serial_; }

  // Loads a font once; later calls with the same file return the same Font. The pointer stays valid
  // for the FontDb's lifetime. Safe to call from several threads (typeset sets paragraphs in parallel). Fails
  // (no location: the caller adds its own) when the file is missing or not a font.
  Result<const Font*> load(const std::filesystem::path& path);

 private:
  std::filesystem::path fonts_dir_;
  FT_LibraryRec_* ft_library_ = nullptr;
  std::map<std::filesystem::path, std::unique_ptr<Font>> fonts_;
  // The path as the caller wrote it → its font, so a repeated load (itemize asks once per paragraph)
  // skips canonicalising the path, which costs file-system calls.
  std::map<std::filesystem::path, const Font*> by_request_;
  std::mutex mutex_;  // guards the two maps
  std::uint64_t serial_ = 0;
};

}  // namespace nashr
