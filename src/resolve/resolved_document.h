#pragma once
// resolve: the report and its style sheet → blocks of styled text ready for the text engine, with
// everything the paginator needs to place them (measure, indents, spacing, keeps, markers, boxes,
// anchors, outline) and the running header and footer. No layout happens here: no fonts are
// measured, no lines broken. The masthead is blocks at the start of the flow.
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/diagnostics.h"
#include "document/line_settings.h"
#include "document/page.h"
#include "document/shared_string.h"
#include "document/styled_paragraph.h"
#include "model/report.h"
#include "resolve/numbering.h"
#include "style/style_sheet.h"

namespace nashr {

enum class BlockKind {
  masthead,       // a line of the first page's masthead (series, ISSN, volume/issue, dates, title…)
  heading,        // a section heading (level 1–3)
  paragraph,      // body text
  list_item,      // the text of one list item (its marker is `marker`)
  quote,          // a paragraph inside a block quote, or its attribution
  summary_title,  // the executive-summary box's title
  summary,        // a paragraph inside the executive-summary box
  figure,         // an image (its caption follows as a `caption` block)
  caption,
  table,  // a table (`table`; its caption is a `caption` block before or after it)
  contact,  // the contact sentence at the end of the body, then the copyright line
  page_break,
  note,  // an endnote's paragraph (footnotes are ResolvedDocument::notes, set at the pages' feet)
  contents_entry,  // a line of the table of contents (<toc/>): a heading's title, leaders, its page
};

const char* to_string(BlockKind kind);

// Where a span of a text block links to (index = StyledParagraph span): an external URI, or a
// named destination (a section or figure id). Both empty: not a link.
struct SpanLink {
  SharedString uri;  // shared by the link's spans and the page's link areas: copied once per link
  SharedString destination;
};

// One paragraph of text as the text engine and break_lines take it.
// A note's marker in a block's text: the span that draws it, and the note (ResolvedDocument::notes).
struct NoteMarker {
  std::uint32_t span = 0;
  std::size_t note = 0;
};

struct TextBlock {
  StyledParagraph paragraph;
  LineSettings settings;        // settings.width is the measure after indents
  std::vector<SpanLink> links;  // per span; may be shorter than the span list (no link)
  double leading = 12;          // baseline to baseline, points
  std::vector<NoteMarker> note_markers;  // in text order
  // For the PDF's tags, kept when the styled paragraph is released after setting (typeset): each
  // span's primary language (empty: undetermined) and the paragraph's main one (most of its text).
  std::vector<std::string> span_languages;
  std::string main_language;
};

// A note (<note>), numbered through the issue. A footnote's text is set at the foot of the page
// that holds its marker; an endnote's is a BlockKind::note block after the body.
struct ResolvedNote {
  SourceLocation location;
  std::string number;       // as the marker shows it ("3", "۳")
  std::string anchor;       // the note's named destination, linked from the marker
  std::string back_anchor;  // the marker's, linked from the note's number
  std::size_t marker_block = 0;  // the block whose text holds the marker
  std::optional<TextBlock> text;  // a footnote's text (its number first); empty for an endnote
};

// How footnotes sit at a page's foot: a short rule on the start side, then the notes.
struct FootnoteArea {
  double space_before = 9;  // between the text and the rule
  double rule_length = 0;   // points
  double rule_gap = 4;      // between the rule and the first note
  double note_gap = 1.5;    // between two notes
  Color rule_colour;
};

// One cell of a table: its text as a paragraph for the text stages (settings.width is the table
// stage's to set, once the columns' widths are known).
struct ResolvedCell {
  std::size_t row = 0;
  int column = 0;  // logical: 0 is the start side's (the right in a right-to-left table)
  int column_span = 1;
  int row_span = 1;
  CellAlignment align = CellAlignment::start;  // relative to the table's direction
  bool header = false;
  bool has_text = false;  // an empty cell has no paragraph to set
  TextBlock text;
};

// A table as the table stage lays it out (src/table/): columns, cells and how it looks.
struct ResolvedTable {
  std::vector<TableColumn> columns;
  std::vector<ResolvedCell> cells;  // row by row, each row from its start side
  std::size_t rows = 0;
  std::size_t header_rows = 0;
  bool rtl = false;   // columns run from the right
  double width = 0;   // the measure the table fills, points
  double page_height = 0;  // the page body's height: a row taller than a page is cut between lines
  TableStyle look;
};

// What the table of contents needs of a block, only in an issue with a <toc/>. Of a heading: its
// section's number ("2.1") and level (1–3, which the contents may leave out; 0: not a section, always
// listed), an article's authors (under its entry). Of a contents entry: its target's page number, set
// flush with the body's end edge on the entry's last line, and the leader drawn every `leader_space`
// points between the title and the number (none when the style's leader is empty).
struct ContentsParts {
  std::string number;
  int section_level = 0;
  std::string byline;
  std::optional<TextBlock> page_number;
  std::optional<TextBlock> leader;
  double leader_space = 0;
};

struct ResolvedBlock {
  BlockKind kind = BlockKind::paragraph;
  SourceLocation location;
  std::optional<TextBlock> text;  // every kind but figure and page_break
  // From the body's start and end edges (left and right in LTR documents, right and left in RTL).
  double indent_start = 0;
  double indent_end = 0;
  double space_before = 0;
  double space_after = 0;
  bool keep_with_next = false;  // headings, summary titles, a figure with its caption
  // A list item's marker ("•", "3.", "۳."), set right-aligned in the start-side indent on the
  // item's first line.
  std::optional<TextBlock> marker;
  // Blocks with the same box group ≥ 0 sit in one executive-summary box (background, border,
  // padding already in the indents); the paginator draws the box around them on each page.
  int box_group = -1;
  // A named destination at the block's first line (section ids; generated for headings without one).
  std::string anchor;
  // Headings: an outline entry with this title and level.
  int outline_level = 0;
  std::string outline_title;
  // What the contents need of a heading or an entry (shared: a ResolvedBlock is copied in tests; a
  // pointer, so that the blocks of an issue without contents stay as small as they were).
  std::shared_ptr<ContentsParts> contents;
  // A thin rule below the block across the measure (the masthead's last line).
  bool rule_after = false;
  // Figures: the image (PNG, JPEG or a PDF page) and its size on the page, scaled to fit the measure.
  std::filesystem::path image;
  double image_width = 0;
  double image_height = 0;
  // Tables: what the table stage lays out (shared: a ResolvedBlock is copied in tests).
  std::shared_ptr<const ResolvedTable> table;
  // A figure in the body's flow and its caption: when the figure does not fit in the rest of a page, it
  // floats to the top of the next one and the text after it fills the page (docs/layout.md, "Floats").
  bool floating = false;
  // Tagging (the PDF's structure tree): how deep in lists the block sits (0: not in a list), and a
  // figure's text alternative (its /Alt).
  int list_depth = 0;
  std::string alt;
};

// A reference to a page (<ref show="page">) as set: its target's anchor and the page number it shows
// (0: not known yet, the first layout pass). Layout is done again until every one shows its page.
struct PageReference {
  std::string anchor;
  int page = 0;
  SourceLocation location;  // the <ref>, <toc/> or <note> that shows it
};

// The running header or footer: three parts at the start, centre and end edges, with every field
// but the page numbers filled in. "{page}" and "{pages}" stay for the paginator to fill per page,
// in the running text's digits (Persian digits when its language is Persian).
struct RunningLine {
  // Single-paragraph blocks in the caption role, each with settings.width = the full measure and the
  // alignment of its edge (start, center, end), so the paginator may set all three across the line.
  TextBlock start;
  TextBlock centre;
  TextBlock end;
  bool persian_digits = false;
  bool on_first_page = false;
  bool empty() const;
};

// An article of the issue (<include>): its title block's anchor and its title, for the running
// lines' {article} field.
struct ArticleMark {
  std::string anchor;
  std::string title;
};

struct ResolvedDocument {
  PageGeometry page;
  bool rtl = false;  // the document's direction: mirrors margins' start/end sides and the running text
  std::vector<ResolvedBlock> blocks;
  RunningLine header;
  RunningLine footer;
  Color summary_background;
  Color summary_border;
  double summary_border_width = 0;
  double summary_padding = 0;
  // Space kept outside the summary box, above its first and below its last block (the box's own
  // padding is the first block's space_before and the last block's space_after, inside the box).
  double summary_margin = 0;
  // The masthead's baselines are whole multiples of this many points apart (the style's <masthead grid>,
  // else half the body's leading; paginate puts them on the grid).
  double masthead_grid = 0;
  DocumentInfo info;  // title, author, subject, keywords, language, ISSN, issue date for the PDF
  std::vector<PageReference> page_references;  // in reading order
  std::vector<ResolvedNote> notes;  // in marker order
  std::vector<ArticleMark> articles;  // in reading order; empty in an issue without articles
  std::string title;                  // the title: {article} before the first article
  FootnoteArea footnotes;
};

// `pages`: where the anchors were in the previous layout pass (empty in the first).
ResolvedDocument resolve(const Report& report, const StyleSheet& style, DiagnosticSink& sink,
                         const PageNumbers& pages = {});

// The document as indented text, one block per entry with its kind, source line:col, indents,
// spacing, keeps, box group, anchor and outline entry, then its text's settings and spans (range,
// language, isolation, size, colour, link, font files by name, text). For golden tests and
// `nashr build --dump=resolve`; independent of the checkout (file names only).
std::string dump_resolved(const ResolvedDocument& document);

// Replaces "{page}" and "{pages}" in a running part's text (digits as the line asks) and returns
// the paragraph to itemize, its span offsets adjusted.
// "{article}" becomes `article` (the title of the article the page is in).
StyledParagraph fill_page_numbers(const TextBlock& part, bool persian_digits, int page, int pages,
                                  std::string_view article = {});

}  // namespace nashr
