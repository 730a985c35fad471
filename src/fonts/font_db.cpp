#include "fonts/font_db.h"

#include <ft2build.h>
#include FT_FREETYPE_H
#include <hb-ot.h>
#include <hb.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <iterator>
#include <system_error>
#include <vector>

#include "base/data_dirs.h"
#include "base/file_io.h"

namespace nashr {

namespace fs = std::filesystem;

namespace {

std::string name_entry(hb_face_t* face, hb_ot_name_id_t id) {
  unsigned length = 0;
  length = hb_ot_name_get_utf8(face, id, HB_LANGUAGE_INVALID, &length, nullptr);
  if (length == 0) return {};
  std::string text(length + 1, '\0');
  unsigned size = length + 1;
  hb_ot_name_get_utf8(face, id, HB_LANGUAGE_INVALID, &size, text.data());
  text.resize(size);
  return text;
}

int metric(hb_font_t* font, hb_ot_metrics_tag_t tag) {
  hb_position_t value = 0;
  hb_ot_metrics_get_position(font, tag, &value);
  return value;
}

std::atomic<std::uint64_t> next_font_serial{1};
std::atomic<std::uint64_t> next_db_serial{1};

}  // namespace

Font::~Font() {
  if (ft_face_ != nullptr) FT_Done_Face(ft_face_);
  hb_font_destroy(font_);
  hb_face_destroy(face_);
  hb_blob_destroy(blob_);
}

std::uint32_t Font::glyph_for(char32_t code_point) const {
  hb_codepoint_t glyph = 0;
  return hb_font_get_nominal_glyph(font_, code_point, &glyph) ? glyph : 0;
}

std::uint32_t Font::glyph_count() const {
  return hb_face_get_glyph_count(face_);
}

int Font::advance(std::uint32_t glyph) const {
  return hb_font_get_glyph_h_advance(font_, glyph);
}

std::uint32_t Font::invisible_glyph() const {
  for (const char32_t code_point : {U'\u200B', U'\uFEFF'}) {
    const std::uint32_t glyph = glyph_for(code_point);
    hb_glyph_extents_t extents{};
    if (glyph == 0 || advance(glyph) != 0) continue;
    if (hb_font_get_glyph_extents(font_, glyph, &extents) && (extents.width != 0 || extents.height != 0)) continue;
    return glyph;
  }
  return 0;
}

std::string Font::glyph_name(std::uint32_t glyph) const {
  char name[128];
  if (hb_font_get_glyph_name(font_, glyph, name, sizeof name) && name[0] != '\0') return name;
  return "gid" + std::to_string(glyph);
}

FontDb::FontDb(fs::path fonts_dir) : fonts_dir_(std::move(fonts_dir)), serial_(next_db_serial.fetch_add(1)) {
  FT_Library library = nullptr;
  if (FT_Init_FreeType(&library) == 0) ft_library_ = library;
}

FontDb::~FontDb() {
  fonts_.clear();  // faces before the library
  if (ft_library_ != nullptr) FT_Done_FreeType(ft_library_);
}

fs::path FontDb::default_fonts_dir() {
  if (const char* dir = std::getenv("NASHR_FONTS_DIR"); dir != nullptr && *dir != '\0') return dir;
  return find_data_dir("fonts");
}

namespace {

// Which of the Arabic decimal separator ٫ (bit 0) and thousands separator ٬ (bit 1) the font draws
// in a Latin-looking form: reaching a fifth of a digit's height below the baseline (a slash or a
// comma, Vazirmatn's), or, for ٫, taller than seven tenths of a digit (a slash). The traditional
// forms (Noto Naskh's) are small marks sitting on the baseline. The digit is Persian one (۱).
unsigned latin_like_separators(hb_font_t* font) {
  hb_codepoint_t glyph = 0;
  hb_glyph_extents_t digit{};
  if (!hb_font_get_nominal_glyph(font, 0x06F1, &glyph) || !hb_font_get_glyph_extents(font, glyph, &digit)) return 0;
  const double digit_height = -static_cast<double>(digit.height);  // HarfBuzz's heights go down
  if (digit_height <= 0) return 0;
  unsigned latin_like = 0;
  const char32_t separators[] = {0x066B, 0x066C};
  for (unsigned k = 0; k < 2; ++k) {
    hb_glyph_extents_t extents{};
    if (!hb_font_get_nominal_glyph(font, separators[k], &glyph) || !hb_font_get_glyph_extents(font, glyph, &extents))
      continue;
    const double bottom = extents.y_bearing + extents.height;
    const double height = -static_cast<double>(extents.height);
    if (bottom < -0.2 * digit_height || (k == 0 && height > 0.7 * digit_height)) latin_like |= 1u << k;
  }
  return latin_like;
}

// Whether the font's `locl` for Persian replaces the Persian digits ۴ ۶ ۷ by other forms: Noto
// Naskh Arabic's does for every language (its Urdu forms: ۶ as ٦, ۷ with a flat foot), so a
// Persian name with a date in the English issue showed Urdu digits (issue 17, item 7).
bool persian_locl_changes_digits(const Font& loaded) {
  const std::uint32_t digits[] = {0x06F4, 0x06F6, 0x06F7};
  // A font without these digits (a Latin one) has no locl for them: not shaping them twice to find
  // out saves 1.3 M instructions of a two-page build (bench/README.md, "The two-page build's fixed costs").
  if (std::none_of(std::begin(digits), std::end(digits), [&](std::uint32_t digit) { return loaded.covers(digit); })) {
    return false;
  }
  hb_font_t* const font = loaded.hb_font();
  std::vector<hb_codepoint_t> glyphs[2];
  for (unsigned locl = 0; locl < 2; ++locl) {
    hb_buffer_t* buffer = hb_buffer_create();
    hb_buffer_add_utf32(buffer, digits, 3, 0, 3);
    hb_buffer_set_direction(buffer, HB_DIRECTION_LTR);
    hb_buffer_set_script(buffer, HB_SCRIPT_ARABIC);
    hb_buffer_set_language(buffer, hb_language_from_string("fa", 2));
    const hb_feature_t feature{HB_TAG('l', 'o', 'c', 'l'), locl, HB_FEATURE_GLOBAL_START, HB_FEATURE_GLOBAL_END};
    hb_shape(font, buffer, &feature, 1);
    unsigned count = 0;
    const hb_glyph_info_t* info = hb_buffer_get_glyph_infos(buffer, &count);
    for (unsigned i = 0; i < count; ++i) glyphs[locl].push_back(info[i].codepoint);
    hb_buffer_destroy(buffer);
  }
  return glyphs[0] != glyphs[1];
}

}  // namespace

Result<const Font*> FontDb::load(const fs::path& path) {
  const std::lock_guard<std::mutex> lock(mutex_);
  if (auto requested = by_request_.find(path); requested != by_request_.end()) return requested->second;
  const fs::path full = path.is_absolute() ? path : fonts_dir_ / path;
  std::error_code ec;
  fs::path key = fs::weakly_canonical(full, ec);
  if (ec) key = full;
  if (auto found = fonts_.find(key); found != fonts_.end()) {
    by_request_.emplace(path, found->second.get());
    return found->second.get();
  }

  Result<std::string> bytes = read_file(key);
  if (!bytes) {
    return fail(make_error({}, "cannot load font " + full.string() + ": " + bytes.error().message,
                           "fonts are files under " + fonts_dir_.string() + " (see fonts/README.md)"));
  }
  auto font = std::unique_ptr<Font>(new Font());
  font->path_ = key;
  font->bytes_ = std::move(bytes).value();
  font->blob_ = hb_blob_create(font->bytes_.data(), static_cast<unsigned>(font->bytes_.size()),
                               HB_MEMORY_MODE_READONLY, nullptr, nullptr);
  font->face_ = hb_face_create(font->blob_, 0);
  if (hb_face_get_glyph_count(font->face_) == 0) {
    return fail(
        make_error({}, full.string() + " is not a TrueType or OpenType font", "use a .ttf or .otf file"));
  }
  font->font_ = hb_font_create(font->face_);
  hb_set_t* unicodes = hb_set_create();
  hb_face_collect_unicodes(font->face_, unicodes);
  for (hb_codepoint_t c = HB_SET_VALUE_INVALID; hb_set_next(unicodes, &c) && c < 0x10000;) {
    hb_codepoint_t glyph = 0;  // a cmap entry may name .notdef: that is not coverage
    if (hb_font_get_nominal_glyph(font->font_, c, &glyph) && glyph != 0) {
      font->bmp_coverage_[c >> 6] |= std::uint64_t{1} << (c & 63);
    }
  }
  hb_set_destroy(unicodes);
  const unsigned upem = hb_face_get_upem(font->face_);
  hb_font_set_scale(font->font_, static_cast<int>(upem), static_cast<int>(upem));
  font->serial_ = next_font_serial.fetch_add(1);

  FontMetrics& m = font->metrics_;
  m.units_per_em = static_cast<int>(upem);
  m.ascender = metric(font->font_, HB_OT_METRICS_TAG_HORIZONTAL_ASCENDER);
  m.descender = metric(font->font_, HB_OT_METRICS_TAG_HORIZONTAL_DESCENDER);
  m.line_gap = metric(font->font_, HB_OT_METRICS_TAG_HORIZONTAL_LINE_GAP);
  m.cap_height = metric(font->font_, HB_OT_METRICS_TAG_CAP_HEIGHT);
  m.x_height = metric(font->font_, HB_OT_METRICS_TAG_X_HEIGHT);
  if (m.cap_height == 0) m.cap_height = m.ascender;
  font->latin_like_separators_ = latin_like_separators(font->font_);
  font->persian_locl_changes_digits_ = persian_locl_changes_digits(*font);

  if (ft_library_ != nullptr) {
    FT_Face face = nullptr;
    if (FT_New_Memory_Face(ft_library_, reinterpret_cast<const FT_Byte*>(font->bytes_.data()),
                           static_cast<FT_Long>(font->bytes_.size()), 0, &face) == 0) {
      font->ft_face_ = face;
      m.bbox_x_min = static_cast<int>(face->bbox.xMin);
      m.bbox_y_min = static_cast<int>(face->bbox.yMin);
      m.bbox_x_max = static_cast<int>(face->bbox.xMax);
      m.bbox_y_max = static_cast<int>(face->bbox.yMax);
      m.fixed_pitch = FT_IS_FIXED_WIDTH(face);
      m.italic = (face->style_flags & FT_STYLE_FLAG_ITALIC) != 0;
      m.bold = (face->style_flags & FT_STYLE_FLAG_BOLD) != 0;
    }
  }
  hb_style_tag_t slant = HB_STYLE_TAG_SLANT_ANGLE;
  m.italic_angle = hb_style_get_value(font->font_, slant);

  font->family_ = name_entry(font->face_, HB_OT_NAME_ID_FONT_FAMILY);
  font->style_ = name_entry(font->face_, HB_OT_NAME_ID_FONT_SUBFAMILY);
  font->postscript_name_ = name_entry(font->face_, HB_OT_NAME_ID_POSTSCRIPT_NAME);
  if (font->postscript_name_.empty()) font->postscript_name_ = key.stem().string();
  m.serif =
      font->family_.find("Sans") == std::string::npos && font->family_.find("Vazirmatn") == std::string::npos;

  const Font* loaded = font.get();
  fonts_.emplace(key, std::move(font));
  by_request_.emplace(path, loaded);
  return loaded;
}

}  // namespace nashr
