#pragma once
// A style sheet (styles/*.xml, schema/style.rng, documented in docs/report-format.md): page
// geometry, fonts per role and script with fallback chains, sizes, colours, paragraph and heading
// spacing, the executive-summary box and the running header and footer. Lengths are in PostScript
// points (1/72 in) whatever unit the file used.
#include <array>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "base/result.h"
#include "document/alignment.h"
#include "document/color.h"
#include "document/edition.h"
#include "model/report.h"

namespace nashr {

enum class PageSize { a4, letter, custom };
const char* to_string(PageSize size);

struct PageGeometry {
  SourceLocation location;
  PageSize size = PageSize::a4;
  double width = 0;  // points
  double height = 0;
  double margin_top = 0;
  double margin_bottom = 0;
  double margin_left = 0;  // physical left, whatever the direction of the text
  double margin_right = 0;
};

enum class FontRole { body, heading, masthead, caption, mono };
inline constexpr std::size_t kFontRoleCount = 5;
const char* to_string(FontRole role);

enum class Script { arabic, latin };
const char* to_string(Script script);

enum class FontWeight { regular, bold };
enum class FontSlant { upright, italic };

// One weight and slant of a role in one script: the font files to try in order (the first that has
// a character wins), relative to the fonts/ folder.
struct FontFace {
  SourceLocation location;
  FontWeight weight = FontWeight::regular;
  FontSlant slant = FontSlant::upright;
  std::vector<std::string> files;  // never empty
};

struct RoleStyle {
  SourceLocation location;
  FontRole role = FontRole::body;
  double size = 10;     // points
  double leading = 12;  // baseline to baseline, points
  Color colour;
  std::vector<FontFace> arabic;  // at least a regular upright face
  std::vector<FontFace> latin;
  // Each script's letters at this times `size` (<arabic size-adjust="115%">; style/size_adjust.h).
  double arabic_size_adjust = 1;
  double latin_size_adjust = 1;

  // The face for a weight and slant, or the nearest one defined (same weight, then regular upright).
  const FontFace& face(Script script, FontWeight weight, FontSlant slant) const;
};

struct ParagraphStyle {
  SourceLocation location;
  Alignment align = Alignment::justify;
  bool kashida = false;  // justify Persian lines with kashida after inter-word space
  bool hyphenate = true;  // hyphenate English words (docs/layout.md, "Hyphenation")
  double space_before = 0;
  double space_after = 0;
  double first_line_indent = 0;
};

struct HeadingStyle {
  SourceLocation location;
  int level = 1;
  double size = 12;
  double space_before = 0;
  double space_after = 0;
  Color colour;
};

struct SummaryBoxStyle {
  SourceLocation location;
  Color background;
  Color border;
  double border_width = 0;
  double padding = 0;
  Color title_colour;
  std::vector<MetaText> titles;  // the box's title per language ("Executive Summary", "خلاصهٔ مدیریتی")

  // The title for `language` (its primary subtag), or the first one.
  const std::string& title_for(std::string_view language) const;
};

// The diagonal watermark of subscriber copies (`nashr distribute`, docs/distribute.md): optional,
// off when the style has no <watermark>. Drawn over the page's content, translucent, so that filled
// boxes do not hide it and it does not hide them.
enum class WatermarkText { name, stamp };  // "Jane Doe · A-1042", or the whole stamp line
struct WatermarkStyle {
  SourceLocation location;
  bool enabled = false;
  WatermarkText text = WatermarkText::name;
  double size = 30;                    // points
  Color colour{0.5, 0.5, 0.5};
  double opacity = 0.2;                // 0.05 to 0.5: it must leave the content readable
};
inline constexpr double kMinWatermarkOpacity = 0.05;
inline constexpr double kMaxWatermarkOpacity = 0.5;

// A field of the running header or footer, filled in per page by layout.
enum class RunningField {
  series_title,
  series_title_persian,
  issn,
  volume,
  issue,
  date,              // Gregorian, in the report's language
  date_solar_hijri,  // Solar Hijri, in Persian
  title,
  publisher,
  contact,  // the report's contact e-mail and web address ("info@… · https://…"), from <meta><contact>
  page,
  pages,
};
const char* to_string(RunningField field);

struct TemplatePart {
  bool is_field = false;
  std::string literal;  // !is_field
  RunningField field = RunningField::page;
};

// "{series-title} · ISSN {issn}" parsed into literal text and fields.
struct RunningText {
  SourceLocation location;
  std::string lang;
  Direction dir = Direction::auto_detect;
  std::vector<TemplatePart> start;  // at the start edge of the line (left in LTR, right in RTL)
  std::vector<TemplatePart> centre;
  std::vector<TemplatePart> end;
  bool on_first_page = false;
};

// Lists (<list>, optional): without it a list item is spaced as a paragraph. With it, items are
// item_space apart, the list space_before and space_after from the text around it, and bullets
// drawn bullet_size times the body size (Vazirmatn's bullet is a fifth of an em, a middle dot).
struct ListStyle {
  SourceLocation location;
  bool given = false;
  double item_space = 0;  // points
  double space_before = 0;
  double space_after = 0;
  double bullet_size = 1;
};

// The cover page (<cover>, docs/report-format.md "The cover"): made from the report's metadata and
// put before the issue's first page when the style has one.
struct CoverStyle {
  SourceLocation location;
  bool enabled = false;  // the style has a <cover>
  bool barcode = true;   // the ISSN's EAN-13 (977…) with the issue number as its EAN-2 add-on
  // The barcode's two-digit price/variant code (GS1: "00" when the issue has no price variants).
  Located<std::string> price_code{"00", {}};
  // The editions whose PDF carries the cover (editions="print archive"); all of them by default.
  std::vector<Edition> editions = {Edition::screen, Edition::print, Edition::archive};
};

struct StyleSheet {
  std::string name;
  std::filesystem::path path;
  std::filesystem::path fonts_dir;  // absolute; FontFace::files are relative to it
  std::string lang;
  Direction dir = Direction::ltr;  // the default direction of reports in this style
  PageGeometry page;
  std::array<RoleStyle, kFontRoleCount> roles;  // indexed by FontRole
  ParagraphStyle paragraph;
  std::array<HeadingStyle, 3> headings;  // levels 1–3
  SummaryBoxStyle summary_box;
  RunningText header;
  RunningText footer;
  CoverStyle cover;
  ListStyle list;
  WatermarkStyle watermark;  // optional

  const RoleStyle& role(FontRole r) const { return roles[static_cast<std::size_t>(r)]; }
  const HeadingStyle& heading(int level) const { return headings[static_cast<std::size_t>(level - 1)]; }
};

// Reads and validates a style sheet. Font files must exist under the fonts/ folder beside the
// styles/ folder (or nashr's own fonts/). Every problem goes to `sink`; fails when any error was
// found, with a copy of the first (location without a line only for an I/O error).
Result<StyleSheet> read_style(const std::string& path, DiagnosticSink& sink);

// The style as indented text, for tests and `nashr build --dump=model`.
std::string dump_style(const StyleSheet& style);

// "12pt", "4.2mm", "1.5cm", "0.5in" in points; fails on anything else (no unit, negative).
Result<double, std::string> parse_length(std::string_view text);

// "#1f3a5f" (or "#abc").
Result<Color, std::string> parse_colour(std::string_view text);

}  // namespace nashr
