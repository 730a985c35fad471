#pragma once
// A style sheet (styles/*.xml, schema/style.rng, documented in docs/report-format.md): page
// geometry, fonts per role and script with fallback chains, sizes, colours, paragraph and heading
// spacing, the executive-summary box and the running header and footer. Lengths are in PostScript
// points (1/72 in) whatever unit the file used.
#include <array>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "base/length.h"  // parse_length: the style's lengths
#include "base/result.h"
#include "document/alignment.h"
#include "document/color.h"
#include "document/edition.h"
#include "document/geometry.h"
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
  article,  // the title of the article the page is in (an issue of articles), else the issue's title
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

// The first page's masthead (<masthead>, optional): its lines' baselines are whole multiples of
// `grid` points apart (docs/layout.md, "The masthead's grid"); 0: half the body role's leading.
struct MastheadStyle {
  SourceLocation location;
  double grid = 0;  // points
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
  // Where the report's <cover-art> goes: the whole page (under everything else), or a box (points
  // from the page's top-left corner). Scaled to cover it, cropped to it; bleeds where it touches
  // the edge (print edition).
  enum class ArtPlacement { page, box } art = ArtPlacement::page;
  Rect art_box;
  SourceLocation art_location;  // the art attribute, else <cover>
};

// Tables (<table> in the style, optional; docs/report-format.md "Tables"): the cells' text, the
// rules and shading, the caption's side and the word its number follows ("Table", «جدول»).
struct TableStyle {
  SourceLocation location;
  double size = 9;      // the cells' text (the body role's fonts), points
  double leading = 12;  // baseline to baseline in a cell
  double padding = 4;   // inside each cell, on every side
  Color rule = rgb8(0x1f, 0x3a, 0x5f);
  double frame_width = 0.75;  // above the table, below its head and below the table (and its parts on each page)
  double rule_width = 0.25;   // between body rows; 0: none
  bool column_rules = false;  // rules between columns (rule_width)
  std::optional<Color> header_background;
  std::optional<Color> stripe;  // every other body row
  bool caption_below = false;   // the caption goes above the table unless caption="below"
};

// What the issue numbers (figures, tables, sections) and how references and captions name them: per
// language, a template per kind with {number} (and, for a section, {title}), the page template and
// the separator after a caption's label (<numbering>, docs/report-format.md). Optional: without it,
// or for a language it does not list, the built-in English or Persian words.
enum class NumberedKind { figure, table, section };
inline constexpr std::size_t kNumberedKindCount = 3;
const char* to_string(NumberedKind kind);

struct NumberingLabels {
  SourceLocation location;
  std::string lang;
  std::array<std::string, kNumberedKindCount> labels;  // by NumberedKind: "Figure {number}"
  std::string page;                                     // "page {number}"
  std::string caption_separator;                        // ": "
  const std::string& label(NumberedKind kind) const { return labels[static_cast<std::size_t>(kind)]; }
};

struct NumberingStyle {
  std::vector<NumberingLabels> labels;
  // The labels for `language` (its primary subtag), else the built-in ones for it (Persian or English).
  const NumberingLabels& labels_for(std::string_view language) const;
};

// The built-in words: «شکل {number}», «صفحهٔ {number}»… for Persian, "Figure {number}"… otherwise.
const NumberingLabels& default_numbering_labels(bool persian);

// "{number}" and "{title}" in `text` replaced.
std::string fill_label(const std::string& text, const std::string& number, const std::string& title = {});
// Notes (<notes>, docs/report-format.md "Notes and sources"): where they go, how they are numbered
// and set, and how a cited <source> reads in each language.
enum class NotePlacement { foot, end };      // at the foot of the marker's page, or after the body
enum class NoteNumbering { issue, page };  // 1, 2, 3… through the issue, or from 1 on each page
struct SourceFormat {
  SourceLocation location;
  std::string lang;     // "en", "fa": the format for notes in that language (by its primary subtag)
  std::string pattern;  // "{title}[, {publisher}]…": fields in braces, a bracketed group is dropped
                        // when a field in it is empty
};
struct NotesStyle {
  SourceLocation location;
  NotePlacement placement = NotePlacement::foot;
  NoteNumbering numbering = NoteNumbering::issue;
  double size = 0;         // points; 0: the caption role's size
  double leading = 0;      // points; 0: the caption role's leading scaled to `size`
  double rule_length = 0;  // the short rule above the footnotes, on the start side; 0: a third of the measure
  double space_before = 9;  // between the page's last line of text and the rule
  std::vector<std::pair<std::string, std::string>> titles;  // (xml:lang, text): the endnotes' heading
  std::vector<SourceFormat> formats;
};
// The fields a source format may name.
const std::vector<std::string>& source_format_fields();

// The table of contents (<toc> in the style, docs/report-format.md "Table of contents"): what a
// report's <toc/> lists and how. Optional: the defaults below.
struct TocStyle {
  SourceLocation location;
  int levels = 3;                // section levels listed (1–3)
  double indent = 14;            // points, per level below the first, on the start side
  std::string leader = ".";      // drawn between an entry's title and its page number; empty: none
  double leader_space = 4.5;     // points from one leader to the next
  bool numbers = false;          // the sections' numbers ("2.1") before their titles
  double number_room = 30;       // points kept on the end side for the page numbers
  std::vector<std::pair<std::string, std::string>> titles;  // (xml:lang, text): the contents' heading
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
  MastheadStyle masthead;
  WatermarkStyle watermark;  // optional
  TableStyle table;          // optional: the defaults above
  NumberingStyle numbering;  // optional
  NotesStyle notes;          // optional: the defaults above, and built-in source formats
  TocStyle toc;              // optional: the defaults above

  const RoleStyle& role(FontRole r) const { return roles[static_cast<std::size_t>(r)]; }
  const HeadingStyle& heading(int level) const { return headings[static_cast<std::size_t>(level - 1)]; }
};

// Reads and validates a style sheet. Font files must exist under the fonts/ folder beside the
// styles/ folder (or nashr's own fonts/). Every problem goes to `sink`; fails when any error was
// found, with a copy of the first (location without a line only for an I/O error).
Result<StyleSheet> read_style(const std::string& path, DiagnosticSink& sink);

// The style as indented text, for tests and `nashr build --dump=model`.
std::string dump_style(const StyleSheet& style);

// "#1f3a5f" (or "#abc"), "cmyk(0.9,0.6,0.2,0.35)" (or device-cmyk(), inks 0 to 1 or 0% to 100%,
// separated by commas or spaces), or both, RGB first: "#1f3a5f cmyk(90%,60%,20%,35%)". A colour
// given only in CMYK shows on screen as rgb_from_cmyk (document/color.h).
Result<Color, std::string> parse_colour(std::string_view text);
// The hint of every error parse_colour gives.
inline constexpr const char* kColourHint =
    "write #rrggbb, cmyk(c,m,y,k) with each ink 0 to 1 or 0% to 100%, or both: \"#1f3a5f cmyk(90%,60%,20%,35%)\"";

}  // namespace nashr
