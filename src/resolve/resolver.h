#pragma once
// resolve's internals: the Resolver walks the report and the style sheet and makes the blocks. Its
// parts live in resolve.cpp (inline content, the body), resolve_front.cpp (masthead, summaries) and
// resolve_running.cpp (contact, running lines, document information).
#include <functional>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "resolve/block_builder.h"
#include "resolve/numbering.h"

namespace nashr::resolving {

// Layout constants of the house design that the style format does not (yet) expose. Points.
inline constexpr double kListIndentStep = 18;         // each list level indents its text by this much
inline constexpr double kMarkerGap = 4.5;             // between a list marker's end and the item's text
inline constexpr double kQuoteIndent = 18;            // a block quote's indent on both sides
inline constexpr double kFigureMaxHeightShare = 0.6;  // a figure takes at most this share of the text height
inline constexpr double kLowestFigureDpi = 150;        // a raster figure printed coarser is warned about
inline constexpr double kSummaryMargin = 12;          // outside the summary box, above and below
inline constexpr double kContactSpaceBefore = 12;
inline constexpr double kCopyrightSpaceBefore = 6;
inline constexpr double kMastheadRuleSpace = 14;  // below the masthead's rule
inline constexpr std::string_view kIssnLabel = "ISSN ";

// Masthead lines as a share of the masthead role's size (the title is the role's size).
inline constexpr double kMastheadSeriesShare = 0.7;
inline constexpr double kMastheadDetailShare = 0.45;
inline constexpr double kMastheadSubtitleShare = 0.62;
inline constexpr double kMastheadAuthorShare = 0.5;
// The masthead's grid unit when the style sets none, as a share of the body's leading: half a line.
inline constexpr double kMastheadDefaultGridShare = 0.5;

class Resolver {
 public:
  Resolver(const Report& report, const StyleSheet& style, DiagnosticSink& sink, const PageNumbers& pages)
      : report_(report), style_(style), sink_(sink), pages_(pages), numbers_(report) {}

  ResolvedDocument run();

 private:
  // Where a block sits: indents from the body's edges, and whether it is inside a box or quote.
  struct Context {
    double indent_start = 0;
    double indent_end = 0;
    int box_group = -1;
    bool in_quote = false;
    int list_depth = 0;
  };

  // ---- inline content ---------------------------------------------------------------------------

  void inlines(const InlineContent& content, RunStyle run, BlockBuilder& builder);
  void inline_node(const Inline& node, RunStyle run, BlockBuilder& builder);
  // <ref>: the target's label and number, its number, or its page, linked to the target.
  void reference(const Inline& node, RunStyle run, BlockBuilder& builder);
  // A label template ("Figure {number}") with its number in an isolate and its title as text.
  static void label_text(BlockBuilder& builder, const std::string& label, const std::string& number,
                         const std::string& title, const RunStyle& run, const SourceLocation& location);

  // Generated text in an isolate of its own (a number, an ISSN, a date): never reordered by the
  // surrounding text.
  static void generated(BlockBuilder& builder, const std::string& text, RunStyle run, SpanIsolation isolation,
                        const SourceLocation& location);

  // ---- helpers ------------------------------------------------------------------------------------

  RunStyle body_run(const std::string& lang) const;
  ResolvedBlock text_block(BlockKind kind, const SourceLocation& location, const Context& context,
                           BlockBuilder& builder, double leading);
  void body_settings(BlockBuilder& builder) const;
  static void ragged(BlockBuilder& builder);
  std::string number(int value, bool persian) const;
  // Collects the blocks' ids into ids_ and returns about how many blocks they resolve to.
  std::size_t survey(const Blocks& blocks);
  std::string generated_id();

  // ---- masthead -------------------------------------------------------------------------------------

  void masthead_line(std::vector<ResolvedBlock>& out, const SourceLocation& location, double share,
                     const std::function<void(BlockBuilder&, RunStyle)>& fill,
                     FontWeight weight = FontWeight::regular, double space_before = 0);
  void meta_text(BlockBuilder& builder, RunStyle run, const MetaText& text) const;
  void masthead(std::vector<ResolvedBlock>& out);
  static std::string medium_label(IssnMedium medium, bool persian);
  void volume_issue(BlockBuilder& b, RunStyle run, bool persian, const SourceLocation& location) const;
  void append_date(BlockBuilder& b, RunStyle run, const Result<std::string>& date,
                   const SourceLocation& location) const;

  // ---- summaries ------------------------------------------------------------------------------------

  void summary(const Summary& summary, int group, std::vector<ResolvedBlock>& out);

  // ---- body -----------------------------------------------------------------------------------------

  void body_block(const Block& block, const Context& context, std::vector<ResolvedBlock>& out,
                  BlockKind paragraph_kind = BlockKind::paragraph);
  void paragraph(const Paragraph& paragraph, const Context& context, std::vector<ResolvedBlock>& out,
                 BlockKind kind);
  void section(const Section& section, const Context& context, std::vector<ResolvedBlock>& out,
               BlockKind kind);
  void list(const List& list, const Context& context, std::vector<ResolvedBlock>& out, BlockKind kind);
  TextBlock marker(const List& list, int counter, bool persian, const Context& context,
                   const SourceLocation& location);
  void quote(const Quote& quote, const Context& context, std::vector<ResolvedBlock>& out);
  // A block that is not text (a figure, a table) at its place: indents, box and anchor.
  ResolvedBlock placed_block(BlockKind kind, const SourceLocation& location, const Context& context,
                             const std::string& anchor);
  void figure(const Figure& figure, const Context& context, std::vector<ResolvedBlock>& out);
  // A table and its numbered caption (resolve_table.cpp).
  void table(const Table& table, const Context& context, std::vector<ResolvedBlock>& out);
  ResolvedCell table_cell(const TableCell& cell, const Table& table, bool header, bool rtl);
  // The figure's size on the page (width as asked, aspect kept); errors and the resolution warning.
  void figure_size(const Figure& figure, const Context& context, ResolvedBlock& block);
  void caption(const Figure& figure, const Context& context, std::vector<ResolvedBlock>& out);

  // ---- notes and sources (resolve_notes.cpp) ----------------------------------------------------

  // The note's superscript marker in `builder`'s text; the note's own text is set apart.
  void note_marker(const Inline& note, const RunStyle& run, BlockBuilder& builder);
  // A cited source as the style's format for its language says.
  void source(const Source& source, RunStyle run, BlockBuilder& builder);
  void source_text(const MetaText& text, RunStyle run, BlockBuilder& builder);
  // Footnotes into doc.notes; endnotes as blocks after the body, under the style's title.
  void add_notes(ResolvedDocument& doc);
  // The endnotes not yet set (an article's, at its end), under the style's title.
  void endnotes(std::vector<ResolvedBlock>& out);
  RunStyle note_run(const std::string& lang) const;
  double note_leading() const;

  // ---- articles of an issue (resolve_article.cpp) ------------------------------------------------

  // A new page, the article's title (an outline entry), subtitle and authors, its summaries and body,
  // and its endnotes; its sections and notes numbered from 1.
  void article(const Article& article, std::vector<ResolvedBlock>& out);
  void article_title(const Article& article, std::vector<ResolvedBlock>& out);

  // ---- table of contents (resolve_contents.cpp) -----------------------------------------------

  // The contents (title and one entry per outline heading) at each <toc/>'s place in doc.blocks.
  void add_contents(ResolvedDocument& doc);
  std::vector<ResolvedBlock> contents(const std::vector<ResolvedBlock>& blocks, const SourceLocation& location);
  ResolvedBlock contents_entry(const ResolvedBlock& heading, const SourceLocation& location);
  ResolvedBlock contents_byline(const ResolvedBlock& heading, const SourceLocation& location);

  // ---- contact ----------------------------------------------------------------------------------

  void contact(std::vector<ResolvedBlock>& out);

  // The copyright line after the contact sentence, small, in the caption role.
  void copyright(std::vector<ResolvedBlock>& out);

  // The e-mail and web address as links in LTR isolates.
  void contact_addresses(BlockBuilder& builder, RunStyle run, std::string_view separator) const;

  // ---- running header and footer --------------------------------------------------------------

  RunningLine running_line(const RunningText& text);
  TextBlock running_part(const std::vector<TemplatePart>& parts, const SourceLocation& location,
                         const std::string& lang, Direction dir, Alignment alignment);

  // ---- document information ---------------------------------------------------------------------

  DocumentInfo info() const;
  const Report& report_;
  const StyleSheet& style_;
  DiagnosticSink& sink_;
  const PageNumbers& pages_;
  NumberedTargets numbers_;
  std::vector<PageReference> page_references_;
  ChainCache chain_cache_;
  bool rtl_ = false;
  double measure_ = 0;
  double text_height_ = 0;
  std::set<std::string> ids_;
  int generated_ids_ = 0;
  std::vector<ResolvedNote> notes_;
  std::map<int, int> notes_on_page_;  // per-page note numbering: the notes numbered so far on each page
  struct ContentsPlace {
    std::size_t block = 0;  // the index in doc.blocks the contents go before
    SourceLocation location;
  };
  std::vector<ContentsPlace> contents_at_;
  std::size_t endnotes_done_ = 0;       // notes_ before it are set as endnotes already
  std::size_t article_first_note_ = 0;  // notes are numbered from the article's first
  int outline_offset_ = 0;              // 1 inside an article: its sections go under its title
  int articles_ = 0;
  int box_groups_ = 0;
  bool wants_contents_ = false;  // the body has a <toc/>: headings keep what the contents show of them  // the articles' summary boxes, numbered after the report's
  std::vector<ArticleMark> articles_placed_;
};

}  // namespace nashr::resolving
