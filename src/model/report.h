#pragma once
// The document model: one issue of a periodical as read from reports/*.xml (the format is
// docs/report-format.md; the schema schema/report.rng). Every node carries the SourceLocation it
// came from, so later stages can point diagnostics (a missing glyph, an overfull line) at the
// editor's file:line:col.
//
// What the reader already guarantees, so layout need not check again:
// - white space is collapsed as in HTML (runs of spaces, tabs and newlines are one space, none at
//   the start or end of a block or around a line break); under xml:space="preserve" it is kept,
//   and each newline there became an InlineKind::line_break;
// - every Inline and block knows its effective language and direction (inherited unless set);
// - Persian text (language "fa…") is normalised: ی ک, Persian digits, هٔ; ZWNJ kept;
// - ids are unique, internal links resolve, ISSNs have valid check digits, the date exists,
//   figures are PNG, JPEG or PDF files inside the report's folder, sections nest at most three deep,
//   every <ref> names an id that exists.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "base/result.h"
#include "document/direction.h"
#include "locale/calendar.h"

namespace nashr {

class XmlDocument;  // model/xml_source.h

// A value and where the editor wrote it.
template <class T>
struct Located {
  T value{};
  SourceLocation location;
};

// ---- inline content -----------------------------------------------------------------------------

enum class InlineKind {
  text,        // `text` holds the characters
  emphasis,    // <em>: children
  strong,      // <strong>: children
  link,        // <link>: children; `href` (external) or `target_id` (internal)
  span,        // <span xml:lang dir>: children in their own language/direction
  isolate,     // <isolate kind>: children kept in their own order (a directional isolate)
  line_break,  // <br/>, or a newline under xml:space="preserve"
  ref,         // <ref to="id" show="…"/>: text made from the target (its label and number, or page)
  note,        // <note>: children are the note's text, set as a footnote or endnote (never nested)
  source,      // <source> inside a note: `source` holds its parts, formatted by the style
};
const char* to_string(InlineKind kind);

// What an explicit isolate holds; also tells layout which digits to use. Generated numbers (ISSN,
// volume, page numbers) are isolates by construction and never appear here.
enum class IsolateKind { number, code, issn, date, email, url, phone };
const char* to_string(IsolateKind kind);

// What a cross-reference shows of its target (docs/report-format.md, `<ref>`): its label and number
// ("Figure 2", a section's number and title), the number alone, or the page it is on ("page 7").
enum class RefShow { label, number, page };
const char* to_string(RefShow show);
struct Source;

struct Inline {
  InlineKind kind = InlineKind::text;
  SourceLocation location;
  std::string lang;                // effective BCP 47 language, e.g. "en", "fa"
  Direction dir = Direction::ltr;  // effective direction
  bool starts_isolate = false;     // a span with its own dir, or an isolate: bidi isolate (FSI/LRI/RLI)
  bool preserved_space = false;    // kind == text under xml:space="preserve": spaces kept as written
  std::string text;                // kind == text
  std::string href;                // kind == link, external (http:, https:, mailto:)
  std::string target_id;           // kind == link (internal) or ref: the id of a section or figure
  RefShow show = RefShow::label;   // kind == ref
  IsolateKind isolate = IsolateKind::number;  // kind == isolate
  std::vector<Inline> children;               // emphasis, strong, link, span, isolate, note
  std::shared_ptr<const Source> source;       // kind == source
};
using InlineContent = std::vector<Inline>;

// ---- blocks ---------------------------------------------------------------------------------------

struct Block;
using Blocks = std::vector<Block>;

// Language and direction shared by every block.
struct BlockBase {
  SourceLocation location;
  std::string lang;
  Direction dir = Direction::ltr;
};

struct Paragraph : BlockBase {
  InlineContent content;
};

struct ListItem {
  SourceLocation location;
  Blocks blocks;  // inline content written straight into <li> becomes a Paragraph here
};

struct List : BlockBase {
  bool numbered = false;  // <ol> or <ul>
  int start = 1;          // first number of a numbered list
  std::vector<ListItem> items;
};

struct Quote : BlockBase {
  Blocks blocks;
  InlineContent attribution;  // may be empty
};

enum class ImageFormat { png, jpeg, pdf };  // pdf: the file's first page, vectors kept
const char* to_string(ImageFormat format);

// A figure's width as written: a fraction of the text width, or a length in points.
struct FigureWidth {
  bool fraction = false;
  double value = 0;  // 0–1 when a fraction, else points
};

struct Figure : BlockBase {
  std::string id;                // may be empty
  std::filesystem::path image;   // absolute, inside the report's folder, exists
  std::string image_as_written;  // the src attribute, for messages and dumps
  ImageFormat format = ImageFormat::png;
  int pixel_width = 0;  // from the image header; 0 for a PDF page
  int pixel_height = 0;
  double page_width = 0;  // a PDF page's visible box, points; 0 for an image
  double page_height = 0;
  // The printed width the author asked for (`width="50%"`, `"80mm"`); none: the measure's width.
  std::optional<Located<FigureWidth>> width;
  std::string alt;  // text alternative (PDF/UA); may be empty
  InlineContent caption;
};

struct PageBreak : BlockBase {};

// <toc/>: the issue's table of contents, its sections' titles with their pages (docs/report-format.md,
// "Table of contents"). Only directly in <body>.
struct TableOfContents : BlockBase {};

// ---- tables (docs/report-format.md, "Tables") ------------------------------------------------------

// How a cell's text sits in its column: start and end of the table's direction (right and left in
// a Persian table), centred, or numbers lined up on their decimal separator (٫ or .).
enum class CellAlignment { start, end, centre, decimal };
const char* to_string(CellAlignment alignment);

// A column's width: fitted to its cells' content (CSS's automatic table layout), fixed (points),
// or a proportional share ("2*") of what fixed and fitted columns leave.
enum class ColumnWidth { fitted, fixed, proportional };
const char* to_string(ColumnWidth width);

struct TableColumn {
  SourceLocation location;
  ColumnWidth width = ColumnWidth::fitted;
  double value = 0;  // points (fixed) or the share's weight (proportional)
  CellAlignment align = CellAlignment::start;
};

struct TableCell : BlockBase {
  int column = 0;  // the first column it covers, worked out by the reader (row spans from above skipped)
  int column_span = 1;
  int row_span = 1;
  std::optional<CellAlignment> align;  // none: the column's
  InlineContent content;               // may be empty (an empty cell)
};

struct TableRow {
  SourceLocation location;
  bool header = false;  // a row of <head>: repeated at the top of each page the table continues on
  std::vector<TableCell> cells;
};

struct Table : BlockBase {
  std::string id;  // may be empty; unique when given
  InlineContent caption;
  std::vector<TableColumn> columns;  // never empty once read (fitted columns when none are declared)
  std::vector<TableRow> rows;        // header rows first; never empty once read
  std::size_t header_rows() const;
};

struct Section : BlockBase {
  std::string id;  // may be empty; unique when given
  int level = 1;   // 1 for a section in <body>, up to 3
  InlineContent heading;
  Blocks blocks;  // never empty
};

// A piece of metadata text (white space collapsed, Persian normalised) in its language.
struct MetaText {
  SourceLocation location;
  std::string lang;
  Direction dir = Direction::ltr;
  std::string text;
};

// The executive summary; a report may carry one per language (e.g. English and Persian).
struct Summary : BlockBase {
  InlineContent heading;  // empty: the style's title for the summary box
  Blocks blocks;
};

// <include href="articles/one.xml"/> in <body>: an article of a periodical issue, read from a file of its
// own whose root is <article> (docs/report-format.md, "Several articles in one issue"). Its nodes'
// locations name the article's file.
struct ArticleContent {
  std::string href;            // as written
  std::filesystem::path path;  // absolute, inside the issue's folder
  MetaText title;              // required
  MetaText subtitle;           // text empty when not given
  std::vector<MetaText> authors;
  std::vector<Summary> summaries;
  Blocks body;  // never empty once read
};
struct Article : BlockBase {
  // Never null once read; behind a pointer so that every Block of a report stays as small as before.
  std::shared_ptr<const ArticleContent> content;
};

struct Block {
  std::variant<Paragraph, List, Quote, Figure, PageBreak, Section, Table, TableOfContents, Article> value;
  const BlockBase& base() const;
};

// ---- metadata --------------------------------------------------------------------------------------


enum class IssnMedium { print, online };
const char* to_string(IssnMedium medium);

struct Issn {
  SourceLocation location;
  std::string number;  // "2975-0598": four digits, hyphen, three digits and a check digit (0–9 or X)
  IssnMedium medium = IssnMedium::print;
};

struct Contact {
  SourceLocation location;
  Located<std::string> email;  // may be empty
  Located<std::string> url;    // may be empty
  InlineContent sentence;      // may be empty
  std::string lang;
  Direction dir = Direction::ltr;
};

// The cover's art (<cover-art src> in <meta>): an image or a PDF page, checked (and an image
// decoded) once by the reader, like a figure's.
struct CoverArt {
  SourceLocation location;       // the src attribute's value
  std::filesystem::path image;   // absolute, inside the report's folder, exists
  std::string image_as_written;  // the src attribute, for messages
  ImageFormat format = ImageFormat::png;
  int pixel_width = 0;  // from the image header; 0 for a PDF page
  int pixel_height = 0;
  double page_width = 0;  // a PDF page's visible box, points; 0 for an image
  double page_height = 0;
};

struct Metadata {
  SourceLocation location;
  MetaText series_title;          // required
  MetaText series_title_persian;  // the Persian series title; text empty when not given
  std::vector<Issn> issns;        // at least one
  Located<int> volume;            // required, ≥ 1
  Located<int> issue;             // required, ≥ 1
  Located<CalendarDate> date;     // required; a real Gregorian date
  MetaText publisher;             // required (publisher or unit)
  MetaText title;                 // required
  MetaText subtitle;              // text empty when not given
  std::vector<MetaText> authors;
  std::vector<MetaText> keywords;
  Contact contact;     // fields empty when not given
  MetaText copyright;  // text empty when not given
  std::optional<CoverArt> cover_art;  // <cover-art src="…"/>: the cover's picture
};

// A date in a source: written in the Gregorian or the Solar Hijri calendar, held as Gregorian.
struct SourceDate {
  SourceLocation location;
  CalendarDate gregorian;
  bool written_solar_hijri = false;  // <date calendar="solar-hijri">
};

// A cited source (<source> in a <note>): the parts of a Chicago-style note, formatted by the
// style sheet's <source-format> for the note's language.
struct Source {
  SourceLocation location;
  std::string lang;
  Direction dir = Direction::ltr;
  std::vector<MetaText> authors;
  MetaText title;      // required
  MetaText publisher;  // text empty when not given
  std::optional<SourceDate> date;
  Located<std::string> url;  // empty when not given
  std::optional<SourceDate> accessed;
  bool example = false;  // example="yes": an illustrative entry, marked as such in the note
};

// ---- the report ------------------------------------------------------------------------------------


struct Report {
  std::string path;              // as given to read_report
  std::filesystem::path folder;  // the report's folder (absolute); figures must stay inside it
  SourceLocation location;
  std::string lang;  // the report's xml:lang
  Direction dir = Direction::auto_detect;
  Located<std::string> style;        // the style attribute as written
  std::filesystem::path style_path;  // resolved styles/<name>.xml or the path given; exists
  Metadata meta;
  std::vector<Summary> summaries;
  Blocks body;  // sections and blocks in order
};

struct ReadOptions {
  // Report every Persian normalisation (ي→ی, ٤→۴, ۀ→هٔ) as a warning; `nashr check --strict` sets it
  // so that, with the sink's warnings-as-errors, such input is rejected. Off: normalised silently.
  bool report_normalisations = false;
  // Threads that read: 1 reads on the calling thread only; 0 is one per core (at most 8) for a
  // file from 64 KiB on, else 1 (docs/report-format.md, "How the reader works"). The report and
  // the diagnostics are the same for any number.
  unsigned threads = 0;
};

// Reads, validates and normalises a report. Every problem goes to `sink` (errors and lint
// warnings; reading goes on after an error so one run shows them all). Fails when any error was
// found; the failure is a copy of the first error (already in the sink, do not report it again),
// whose location has no line only when the file itself could not be read (an I/O error).
Result<Report> read_report(const std::string& path, DiagnosticSink& sink, const ReadOptions& options = {});
// The same for a document already parsed (`check` looks at the root first: a report or a style).
Result<Report> read_report(const XmlDocument& document, DiagnosticSink& sink, const ReadOptions& options = {});

// Where the style a report names lives: for a name, styles/<name>.xml beside the report's folder
// (the repository's styles/), then styles/ inside the report's folder, then styles/ in each of nashr's
// data folders (base/data_dirs.h);
// a value containing '/' or ending in ".xml" is a path relative to the report. `find_style` gives
// the first candidate that exists.
std::vector<std::filesystem::path> style_candidates(const std::string& report_path, const std::string& style);
std::optional<std::filesystem::path> find_style(const std::string& report_path, const std::string& style);

// A heading's text as the PDF's outline shows it: the text of every run, a line break as a space.
std::string outline_text(const InlineContent& content);

// The model as indented text, one node per line with its line:col, for `nashr build --dump=model`
// and golden tests. Paths are shown as written, so the dump does not depend on the checkout.
std::string dump_report(const Report& report);

// The ISSN check digit ('0'–'9' or 'X') for the first seven digits; '\0' if `first_seven` is not
// seven ASCII digits. Weights 8..2, check = 11 − (sum mod 11), 10 → X, 11 → 0.
char issn_check_digit(std::string_view first_seven);

}  // namespace nashr
