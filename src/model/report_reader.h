#pragma once
// The reader behind read_report (report.h): XmlDocument → Report, checking the vocabulary of
// docs/report-format.md as it goes and collecting every error. Internal to src/model/; its parts
// are read_report.cpp (the report, attributes and context, ids and links), read_metadata.cpp,
// read_blocks.cpp, read_body.cpp (<body> in parts, on several threads) and read_inlines.cpp.
#include <filesystem>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/pdf_text_size.h"
#include "model/report.h"
#include "model/xml_source.h"

namespace nashr {

// A link's web address, in bytes (browsers refuse much longer ones; a long one is copied into
// every line it spans).
inline constexpr std::size_t kLongestAddress = 8192;
// The PDF writer percent-encodes every byte that is not printable ASCII (three bytes for one): the
// longest address stays a string libharu takes.
static_assert(3 * kLongestAddress <= kLongestPdfString);
// libharu's limits on a PDF: a name (a section's or figure's id names its destination) has at most
// 127 bytes; a dictionary (the named destinations: one per section and per figure with an id) at
// most 4,095 entries.
inline constexpr std::size_t kLongestId = 127;
inline constexpr std::size_t kMostDestinations = 4095;

class ReportReader {
 public:
  ReportReader(const XmlDocument& document, DiagnosticSink& sink, const ReadOptions& options)
      : doc_(document), locator_(document), sink_(sink), options_(options) {}

  // A reader of one part of <body>, beside the reader of the whole (see read_body).
  ReportReader(const XmlDocument& document, DiagnosticSink& sink, const ReadOptions& options,
               const std::filesystem::path& folder)
      : doc_(document),
        locator_(document),
        sink_(sink),
        options_(options),
        folder_(folder),
        defer_ids_(true) {}

  Report read();

 private:
  // Language, direction and white-space mode in force at an element.
  struct Context {
    std::string lang;
    Direction dir = Direction::auto_detect;
    bool preserve_space = false;
    bool in_isolate = false;
    bool in_heading = false;  // notes are refused in headings (docs/report-format.md, "Notes")
    bool in_note = false;
    bool in_link = false;
  };

  static const std::vector<std::string> kBlockElements;
  static const std::vector<std::string> kInlineElements;
  static const std::vector<std::string> kLanguageAttributes;

  static std::vector<std::string> with(std::vector<std::string> names, const std::vector<std::string>& more) {
    names.insert(names.end(), more.begin(), more.end());
    return names;
  }
  static bool contains(const std::vector<std::string>& names, std::string_view name);

  // ---- attributes and context -------------------------------------------------------------------------
  Context enter(const XmlNode& element, Context context);
  void bad_value(const XmlAttribute& attribute, const std::vector<std::string>& allowed);
  void duplicate(const XmlNode& element, const XmlNode& first);
  void read_style_attribute(const XmlNode& root, Report& report);

  // ---- metadata ---------------------------------------------------------------------------------------
  MetaText meta_text(const XmlNode& element, const Context& parent);
  Located<int> positive_number(const XmlNode& element);
  Located<CalendarDate> iso_date(const XmlNode& element);
  Issn read_issn(const XmlNode& element);
  Metadata read_meta(const XmlNode& meta_element, const Context& parent);
  Contact read_contact(const XmlNode& element, const Context& parent);
  bool check_url(const std::string& url, const SourceLocation& location);
  // An error at `location` when `text` takes more than kLongestPdfString bytes as a PDF text string
  // (base/pdf_text_size.h), which libharu would refuse; `what` says what it becomes in the PDF.
  void check_pdf_text(std::string_view text, const SourceLocation& location, const std::string& what);
  // The same for a list of texts the PDF joins with kInfoListSeparator (authors, keywords),
  // located at the element whose text takes the joined text over the limit.
  void check_pdf_text_list(const std::vector<MetaText>& texts, const std::string& what);

  // ---- blocks -----------------------------------------------------------------------------------------
  Summary read_summary(const XmlNode& element, const Context& parent);
  template <class B>
  void set_base(B& block, const XmlNode& element, const Context& context) {
    block.location = element.location;
    block.lang = context.lang;
    block.dir = context.dir;
  }
  // The first child element called `name` (a heading, an attribution); a second one is reported.
  const XmlNode* find_heading(const XmlNode& element, std::string_view name);
  // The block children of `element`, leaving out child elements called `skip` (read by the
  // caller); `section_level` is the level a <section> child would have (0: none allowed here).
  Blocks read_blocks(const XmlNode& element, const Context& context, int section_level,
                     std::string_view skip = {});
  // The same for some of the element's children (a part of <body>).
  Blocks read_blocks(const XmlNode& element, std::span<const XmlNode> children, const Context& context,
                     int section_level, std::string_view skip = {});
  std::optional<Block> read_block(const XmlNode& child, const Context& context, int section_level,
                                  const std::vector<std::string>& allowed, const std::string& parent_name);
  Section read_section(const XmlNode& element, const Context& parent, int level);
  // <include href>: an article from its own file, only directly in <body> (read_article.cpp).
  std::optional<Block> read_include(const XmlNode& element, const Context& context, bool in_body,
                                    const std::string& parent_name);
  // The article file's path when it is inside the issue's folder, exists and closes no cycle; else
  // nothing (the error reported at the href).
  std::optional<std::filesystem::path> article_path(const XmlAttribute& href);
  // The root <article> of an included file.
  Article read_article(const XmlNode& root, const Context& parent, const std::string& href,
                       const std::filesystem::path& path);
  // <toc/>: allowed only directly in <body> (`in_body`); an error elsewhere.
  std::optional<Block> read_toc(const XmlNode& element, const Context& context, bool in_body,
                                const std::string& parent_name);
  // A warning at each <toc/> of a body without sections: it would list nothing.
  void check_toc_has_sections(const Blocks& body);
  List read_list(const XmlNode& element, const Context& parent);
  // <li> holds inline content and blocks; each stretch of inline content becomes a Paragraph.
  ListItem read_item(const XmlNode& element, const Context& parent);
  Quote read_quote(const XmlNode& element, const Context& parent);
  Figure read_figure(const XmlNode& element, const Context& parent);
  void read_figure_width(const XmlAttribute& width, Figure& figure);
  void resolve_image(const XmlAttribute& src, Figure& figure);
  std::optional<CoverArt> read_cover_art(const XmlNode& element);
  // <table> (read_table.cpp).
  Table read_table(const XmlNode& element, const Context& parent);
  TableColumn read_column(const XmlNode& element);
  TableRow read_row(const XmlNode& element, const Context& parent, bool header);
  TableCell read_cell(const XmlNode& element, const Context& parent);
  std::optional<CellAlignment> read_alignment(const XmlNode& element);
  void place_cells(Table& table, std::size_t first, std::size_t end);

  // ---- <body> in parts, on several threads ------------------------------------------------------------
  // <body>'s blocks. A large body is cut between top-level children into parts of about the same
  // size in bytes, each read by a reader of its own into its own sink, on the pool's threads (this
  // one included), whichever is free. The parts are joined in order, so blocks, links and
  // diagnostics come out exactly as a reading in one go would give them, whoever read which part
  // (ids are settled at the join, see register_id).
  Blocks read_body(const XmlNode& body, const Context& context);
  // Where each of about `parts` parts starts (indices into `children`, the first 0): cuts before
  // top-level children, at about equal byte offsets; fewer parts when there are few children.
  std::vector<std::size_t> part_starts(std::span<const XmlNode> children, unsigned parts) const;
  // Passes a part's diagnostics on in order, settling its ids where they were met.
  void join_part(const ReportReader& part, const DiagnosticSink& part_sink);

  // ---- ids and links ----------------------------------------------------------------------------------
  void register_id(const XmlAttribute& id);
  void check_links();
  // Reports the destination (section, figure with an id) after kMostDestinations, if any.
  void check_destination_count(const Blocks& body);

  // ---- inline content ---------------------------------------------------------------------------------
  // The inline content of a block-level element (a paragraph, heading, caption…), white space
  // collapsed.
  InlineContent read_inline_block(const XmlNode& element, const Context& context);
  // The same for some of the element's children (a stretch of a list item).
  InlineContent read_inline_block(const XmlNode& element, std::span<const XmlNode> children,
                                  const Context& context);
  InlineContent read_inlines(const XmlNode& element, std::span<const XmlNode> children,
                             const Context& context);
  Inline read_inline(const XmlNode& element, const Context& parent);
  Inline read_ref(const XmlNode& element, const Context& parent);
  // ---- notes and sources (read_notes.cpp) ---------------------------------------------------------
  Inline read_note(const XmlNode& element, const Context& parent);
  Inline read_source(const XmlNode& element, const Context& parent);
  SourceDate source_date(const XmlNode& element);
  // The heading's context: a note there is refused.
  Context heading_context(const XmlNode& heading, const Context& parent) {
    Context context = enter(heading, parent);
    context.in_heading = true;
    return context;
  }
  // Lints and normalises Persian text; returns the (possibly normalised) characters.
  std::string persian_checked(const XmlNode& run, const Context& context);
  void append_text(InlineContent& content, const XmlNode& run, const Context& context);

  const XmlDocument& doc_;
  XmlLocator locator_;
  DiagnosticSink& sink_;
  const ReadOptions& options_;
  std::filesystem::path folder_;
  std::map<std::string, SourceLocation> ids_;
  std::vector<std::pair<std::string, SourceLocation>> links_;
  // A part's reader: ids are settled when the parts are joined. Each with the number of
  // diagnostics reported before it.
  bool defer_ids_ = false;
  std::vector<std::pair<std::size_t, const XmlAttribute*>> deferred_ids_;
  // The files being read, the issue's first, as canonical paths: an include of one of them is a cycle.
  std::vector<std::filesystem::path> include_chain_;
  std::filesystem::path issue_folder_;  // the issue's folder: no article outside it
  bool in_article_ = false;
};

}  // namespace nashr
