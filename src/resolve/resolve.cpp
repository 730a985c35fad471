// resolve: the report model and the style sheet → styled blocks (see resolved_document.h).
#include <algorithm>
#include <cstdio>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <variant>
#include <vector>

#include "locale/persian_text.h"
#include "resolve/resolved_document.h"
#include "locale/calendar.h"

namespace nashr {

const char* to_string(BlockKind kind) {
  switch (kind) {
    case BlockKind::masthead: return "masthead";
    case BlockKind::heading: return "heading";
    case BlockKind::paragraph: return "paragraph";
    case BlockKind::list_item: return "list-item";
    case BlockKind::quote: return "quote";
    case BlockKind::summary_title: return "summary-title";
    case BlockKind::summary: return "summary";
    case BlockKind::figure: return "figure";
    case BlockKind::caption: return "caption";
    case BlockKind::contact: return "contact";
    case BlockKind::page_break: return "page-break";
  }
  return "?";
}

bool RunningLine::empty() const {
  return start.paragraph.text.empty() && centre.paragraph.text.empty() && end.paragraph.text.empty();
}

namespace {

// Layout constants of the house design that the style format does not (yet) expose. Points.
constexpr double kListIndentStep = 18;         // each list level indents its text by this much
constexpr double kMarkerGap = 4.5;             // between a list marker's end and the item's text
constexpr double kQuoteIndent = 18;            // a block quote's indent on both sides
constexpr double kFigureMaxHeightShare = 0.6;  // a figure takes at most this share of the text height
constexpr double kSummaryMargin = 12;          // outside the summary box, above and below
constexpr double kContactSpaceBefore = 12;
constexpr double kCopyrightSpaceBefore = 6;
constexpr double kMastheadRuleSpace = 14;  // below the masthead's rule
constexpr std::string_view kIssnLabel = "ISSN ";
// Links are drawn in this blue (a darker shade of the usual web blue, readable in print and in grey).
constexpr Color kLinkColor = rgb8(0x1f, 0x5f, 0xa8);

// Masthead lines as a share of the masthead role's size (the title is the role's size).
constexpr double kMastheadSeriesShare = 0.7;
constexpr double kMastheadDetailShare = 0.45;
constexpr double kMastheadSubtitleShare = 0.62;
constexpr double kMastheadAuthorShare = 0.5;

SpanIsolation to_isolation(Direction direction) {
  switch (direction) {
    case Direction::ltr: return SpanIsolation::ltr;
    case Direction::rtl: return SpanIsolation::rtl;
    case Direction::auto_detect: return SpanIsolation::first_strong;
  }
  return SpanIsolation::first_strong;
}

std::string language_or(const std::string& lang, const std::string& fallback) {
  return lang.empty() ? (fallback.empty() ? std::string("und") : fallback) : lang;
}

// The font look of a span before it becomes chains.
struct Face {
  FontRole role = FontRole::body;
  FontWeight weight = FontWeight::regular;
  FontSlant slant = FontSlant::upright;
  double size = 10;
  Color colour;
  friend bool operator==(const Face&, const Face&) = default;
};

// Everything that makes two runs of text different spans.
struct RunStyle {
  Face face;
  std::string language;
  SpanIsolation isolation = SpanIsolation::none;
  int isolate_group = -1;  // runs of one isolating inline share it (one span when they look alike)
  int link = -1;           // index into the block's link targets
  friend bool operator==(const RunStyle&, const RunStyle&) = default;
};

// A span's font chains depend only on its face's role, weight and slant and on whether its
// language is written in Arabic script: built once per resolve for each of those, not per span.
using ChainKey = std::tuple<FontRole, FontWeight, FontSlant, bool>;
using ChainCache = std::map<ChainKey, FontChains>;

// Builds one TextBlock: text and spans appended run by run; like runs next to each other merge.
class BlockBuilder {
 public:
  BlockBuilder(ChainCache& chain_cache, const StyleSheet& style, Direction dir, SourceLocation location)
      : chain_cache_(chain_cache), style_(style) {
    block_.paragraph.dir = dir;
    block_.paragraph.location = std::move(location);
  }

  void append(std::string_view text, const RunStyle& run, const SourceLocation& location) {
    if (text.empty()) return;
    const std::size_t begin = block_.paragraph.text.size();
    block_.paragraph.text += text;
    const std::size_t end = block_.paragraph.text.size();
    if (!styles_.empty() && styles_.back() == run && block_.paragraph.spans.back().end == begin) {
      block_.paragraph.spans.back().end = end;
      return;
    }
    StyledSpan span;
    span.begin = begin;
    span.end = end;
    span.language = run.language.empty() ? "und" : run.language;
    span.isolation = run.isolation;
    span.font_size = run.face.size;
    span.fonts = chains(run.face, run.language);
    span.location = location;
    block_.paragraph.spans.push_back(std::move(span));
    block_.settings.span_colors.push_back(run.link >= 0 ? kLinkColor : run.face.colour);
    styles_.push_back(run);
  }

  int add_link(SpanLink link) {
    links_.push_back(std::move(link));
    return static_cast<int>(links_.size()) - 1;
  }

  int new_isolate_group() { return next_group_++; }

  bool empty() const { return block_.paragraph.text.empty(); }

  TextBlock finish(double width, double leading) {
    block_.settings.width = std::max(0.0, width);
    block_.leading = leading;
    // Links per span, trailing non-links dropped.
    for (std::size_t i = 0; i < styles_.size(); ++i) {
      if (styles_[i].link < 0) continue;
      block_.links.resize(i + 1);
      block_.links[i] = links_[static_cast<std::size_t>(styles_[i].link)];
    }
    return std::move(block_);
  }

  LineSettings& settings() { return block_.settings; }

 private:
  // One shared list per distinct set of chains (see FontChains), found by the chains' paths.
  static FontChains shared(std::vector<FontChain> chains) {
    static std::mutex mutex;
    static std::unordered_map<std::string, std::weak_ptr<const std::vector<FontChain>>> known;
    std::string key;
    for (const FontChain& chain : chains) {
      key += chain.script;
      for (const std::filesystem::path& path : chain.fonts) key.append(1, '\0').append(path.native());
      key += '\1';
    }
    const std::lock_guard<std::mutex> lock(mutex);
    std::weak_ptr<const std::vector<FontChain>>& slot = known[key];
    std::shared_ptr<const std::vector<FontChain>> list = slot.lock();
    if (!list) {
      list = std::make_shared<const std::vector<FontChain>>(std::move(chains));
      slot = list;
    }
    return FontChains(std::move(list));
  }

  FontChains chains(const Face& face, const std::string& language) const {
    const bool persian = is_persian_language(language) || language.rfind("ar", 0) == 0;
    const ChainKey key{face.role, face.weight, face.slant, persian};
    const auto cached = chain_cache_.find(key);
    if (cached != chain_cache_.end()) return cached->second;
    FontChains built = build_chains(face, persian);
    chain_cache_.emplace(key, built);
    return built;
  }

  FontChains build_chains(const Face& face, bool persian) const {
    const RoleStyle& role = style_.role(face.role);
    // Arabic script has no italic: its faces stay upright whatever the emphasis.
    const FontFace& arabic = role.face(Script::arabic, face.weight, FontSlant::upright);
    const FontFace& latin = role.face(Script::latin, face.weight, face.slant);
    auto paths = [&](const FontFace& f) {
      std::vector<std::filesystem::path> out;
      for (const std::string& file : f.files) out.push_back(style_.fonts_dir / file);
      return out;
    };
    std::vector<std::filesystem::path> any = paths(persian ? arabic : latin);
    for (const std::filesystem::path& path : paths(persian ? latin : arabic)) {
      if (std::find(any.begin(), any.end(), path) == any.end()) any.push_back(path);
    }
    return shared(
        {FontChain{"Arab", paths(arabic)}, FontChain{"Latn", paths(latin)}, FontChain{"*", std::move(any)}});
  }

  ChainCache& chain_cache_;
  const StyleSheet& style_;
  TextBlock block_;
  std::vector<RunStyle> styles_;
  std::vector<SpanLink> links_;
  int next_group_ = 0;
};

double leading_for(const RoleStyle& role, double size) {
  return role.size > 0 ? role.leading * size / role.size : size * 1.2;
}

class Resolver {
 public:
  Resolver(const Report& report, const StyleSheet& style, DiagnosticSink& sink)
      : report_(report), style_(style), sink_(sink) {}

  ResolvedDocument run() {
    ResolvedDocument doc;
    doc.page = style_.page;
    doc.rtl = report_.dir == Direction::rtl ||
              (report_.dir == Direction::auto_detect &&
               (style_.dir == Direction::rtl || is_persian_language(report_.lang)));
    rtl_ = doc.rtl;
    measure_ = style_.page.width - style_.page.margin_left - style_.page.margin_right;
    text_height_ = style_.page.height - style_.page.margin_top - style_.page.margin_bottom;
    collect_ids(report_.body);

    masthead(doc.blocks);
    for (std::size_t i = 0; i < report_.summaries.size(); ++i)
      summary(report_.summaries[i], static_cast<int>(i), doc.blocks);
    for (const Block& block : report_.body) body_block(block, Context{}, doc.blocks);
    contact(doc.blocks);

    doc.header = running_line(style_.header);
    doc.footer = running_line(style_.footer);
    const SummaryBoxStyle& box = style_.summary_box;
    doc.summary_background = box.background;
    doc.summary_border = box.border;
    doc.summary_border_width = box.border_width;
    doc.summary_padding = box.padding;
    doc.summary_margin = kSummaryMargin;
    doc.info = info();
    return doc;
  }

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

  void inlines(const InlineContent& content, RunStyle run, BlockBuilder& builder) {
    for (const Inline& node : content) inline_node(node, run, builder);
  }

  void inline_node(const Inline& node, RunStyle run, BlockBuilder& builder) {
    run.language = language_or(node.lang, run.language);
    switch (node.kind) {
      case InlineKind::text: builder.append(node.text, run, node.location); return;
      case InlineKind::line_break: builder.append("\u2028", run, node.location); return;
      case InlineKind::emphasis: run.face.slant = FontSlant::italic; break;
      case InlineKind::strong: run.face.weight = FontWeight::bold; break;
      case InlineKind::link:
        run.link = builder.add_link(SpanLink{node.href, node.href.empty() ? node.target_id : std::string()});
        break;
      case InlineKind::span:
        if (node.starts_isolate) {
          run.isolation = to_isolation(node.dir);
          run.isolate_group = builder.new_isolate_group();
        }
        break;
      case InlineKind::isolate:
        // Marked data (numbers, ISSN, dates, addresses): an isolate in its own direction (LTR unless
        // the editor said otherwise), so digits and "@" keep their order in any surrounding text.
        run.isolation = to_isolation(node.dir);
        run.isolate_group = builder.new_isolate_group();
        break;
    }
    inlines(node.children, run, builder);
  }

  // Generated text in an isolate of its own (a number, an ISSN, a date): never reordered by the
  // surrounding text.
  static void generated(BlockBuilder& builder, const std::string& text, RunStyle run, SpanIsolation isolation,
                        const SourceLocation& location) {
    run.isolation = isolation;
    run.isolate_group = builder.new_isolate_group();
    builder.append(text, run, location);
  }

  std::string plain_text(const InlineContent& content) const {
    std::string out;
    for (const Inline& node : content) {
      if (node.kind == InlineKind::text)
        out += node.text;
      else if (node.kind == InlineKind::line_break)
        out += ' ';
      else
        out += plain_text(node.children);
    }
    return out;
  }

  // ---- helpers ------------------------------------------------------------------------------------

  RunStyle body_run(const std::string& lang) const {
    const RoleStyle& body = style_.role(FontRole::body);
    RunStyle run;
    run.face = {FontRole::body, FontWeight::regular, FontSlant::upright, body.size, body.colour};
    run.language = language_or(lang, report_.lang);
    return run;
  }

  ResolvedBlock text_block(BlockKind kind, const SourceLocation& location, const Context& context,
                           BlockBuilder& builder, double leading) {
    ResolvedBlock block;
    block.kind = kind;
    block.location = location;
    block.indent_start = context.indent_start;
    block.indent_end = context.indent_end;
    block.box_group = context.box_group;
    block.text = builder.finish(measure_ - context.indent_start - context.indent_end, leading);
    return block;
  }

  void body_settings(BlockBuilder& builder) const {
    LineSettings& settings = builder.settings();
    settings.alignment =
        style_.paragraph.align == Alignment::justify ? Alignment::justify : Alignment::start;
    settings.kashida = style_.paragraph.kashida;
    settings.first_line_indent = style_.paragraph.first_line_indent;
  }

  static void ragged(BlockBuilder& builder) {
    builder.settings().alignment = Alignment::start;
    builder.settings().kashida = false;
    builder.settings().first_line_indent = 0;
  }

  std::string number(int value, bool persian) const {
    const std::string digits = std::to_string(value);
    return persian ? to_persian_digits(digits) : digits;
  }

  void collect_ids(const Blocks& blocks) {
    for (const Block& block : blocks) {
      if (const auto* section = std::get_if<Section>(&block.value)) {
        if (!section->id.empty()) ids_.insert(section->id);
        collect_ids(section->blocks);
      } else if (const auto* figure = std::get_if<Figure>(&block.value)) {
        if (!figure->id.empty()) ids_.insert(figure->id);
      } else if (const auto* quote = std::get_if<Quote>(&block.value)) {
        collect_ids(quote->blocks);
      } else if (const auto* list = std::get_if<List>(&block.value)) {
        for (const ListItem& item : list->items) collect_ids(item.blocks);
      }
    }
  }

  std::string generated_id() {
    for (;;) {
      std::string id = "section-" + std::to_string(++generated_ids_);
      if (ids_.insert(id).second) return id;
    }
  }

  // ---- masthead -------------------------------------------------------------------------------------

  void masthead_line(std::vector<ResolvedBlock>& out, const SourceLocation& location, double share,
                     const std::function<void(BlockBuilder&, RunStyle)>& fill,
                     FontWeight weight = FontWeight::regular, double space_before = 0) {
    const RoleStyle& role = style_.role(FontRole::masthead);
    BlockBuilder builder(chain_cache_, style_, rtl_ ? Direction::rtl : Direction::ltr, location);
    ragged(builder);
    RunStyle run;
    run.face = {FontRole::masthead, weight, FontSlant::upright, role.size * share, role.colour};
    run.language = language_or(report_.lang, style_.lang);
    fill(builder, run);
    if (builder.empty()) return;
    ResolvedBlock block =
        text_block(BlockKind::masthead, location, Context{}, builder, leading_for(role, role.size * share));
    block.space_before = space_before;
    out.push_back(std::move(block));
  }

  void meta_text(BlockBuilder& builder, RunStyle run, const MetaText& text) const {
    run.language = language_or(text.lang, run.language);
    // Text in the other direction than the line's is isolated so it keeps its own order.
    const bool other_direction = (text.dir == Direction::rtl) != rtl_;
    if (other_direction) run.isolation = to_isolation(text.dir);
    builder.append(text.text, run, text.location);
  }

  void masthead(std::vector<ResolvedBlock>& out) {
    const Metadata& meta = report_.meta;
    const bool persian = is_persian_language(report_.lang);
    const std::size_t first = out.size();

    auto series = [&](const MetaText& text) {
      if (text.text.empty()) return;
      masthead_line(
          out, text.location, kMastheadSeriesShare,
          [&](BlockBuilder& b, RunStyle run) { meta_text(b, run, text); }, FontWeight::bold);
    };
    if (rtl_) {
      series(meta.series_title_persian);
      series(meta.series_title);
    } else {
      series(meta.series_title);
      series(meta.series_title_persian);
    }

    // "ISSN 2975-0598", or "ISSN 1234-5679 (print) · ISSN 2975-0598 (online)": ISSN digits are Latin
    // in every language (the ISSN is an identifier), each ISSN an LTR isolate.
    if (!meta.issns.empty()) {
      masthead_line(out, meta.issns.front().location, kMastheadDetailShare,
                    [&](BlockBuilder& b, RunStyle run) {
                      for (std::size_t i = 0; i < meta.issns.size(); ++i) {
                        const Issn& issn = meta.issns[i];
                        if (i > 0) b.append(" · ", run, issn.location);
                        generated(b, "ISSN " + issn.number, run, SpanIsolation::ltr, issn.location);
                        if (meta.issns.size() > 1)
                          b.append(" (" + medium_label(issn.medium, persian) + ")", run, issn.location);
                      }
                    });
    }

    masthead_line(out, meta.volume.location, kMastheadDetailShare, [&](BlockBuilder& b, RunStyle run) {
      volume_issue(b, run, persian, meta.volume.location);
    });

    masthead_line(out, meta.date.location, kMastheadDetailShare, [&](BlockBuilder& b, RunStyle run) {
      if (persian) {
        append_date(b, run, format_solar_hijri_date(meta.date.value), meta.date.location);
        b.append(" · ", run, meta.date.location);
      }
      append_date(b, run, format_gregorian_date(meta.date.value, report_.lang), meta.date.location);
    });

    if (!meta.publisher.text.empty()) {
      masthead_line(out, meta.publisher.location, kMastheadDetailShare,
                    [&](BlockBuilder& b, RunStyle run) { meta_text(b, run, meta.publisher); });
    }
    masthead_line(
        out, meta.title.location, 1.0, [&](BlockBuilder& b, RunStyle run) { meta_text(b, run, meta.title); },
        FontWeight::bold, style_.role(FontRole::masthead).size * 0.5);
    if (!meta.subtitle.text.empty()) {
      masthead_line(out, meta.subtitle.location, kMastheadSubtitleShare,
                    [&](BlockBuilder& b, RunStyle run) { meta_text(b, run, meta.subtitle); });
    }
    if (!meta.authors.empty()) {
      masthead_line(
          out, meta.authors.front().location, kMastheadAuthorShare,
          [&](BlockBuilder& b, RunStyle run) {
            for (std::size_t i = 0; i < meta.authors.size(); ++i) {
              if (i > 0) b.append(persian ? "، " : ", ", run, meta.authors[i].location);
              meta_text(b, run, meta.authors[i]);
            }
          },
          FontWeight::regular, 4);
    }
    if (out.size() > first) {
      out.back().rule_after = true;
      out.back().space_after = kMastheadRuleSpace;
    }
  }

  static std::string medium_label(IssnMedium medium, bool persian) {
    if (persian) return medium == IssnMedium::print ? "چاپی" : "برخط";
    return medium == IssnMedium::print ? "print" : "online";
  }

  void volume_issue(BlockBuilder& b, RunStyle run, bool persian, const SourceLocation& location) const {
    const Metadata& meta = report_.meta;
    b.append(persian ? "دورهٔ " : "Volume ", run, location);
    generated(b, number(meta.volume.value, persian), run, SpanIsolation::ltr, meta.volume.location);
    b.append(persian ? "، شمارهٔ " : ", Issue ", run, location);
    generated(b, number(meta.issue.value, persian), run, SpanIsolation::ltr, meta.issue.location);
  }

  void append_date(BlockBuilder& b, RunStyle run, const Result<std::string>& date,
                   const SourceLocation& location) const {
    if (!date) {
      sink_.warning(location, "cannot format the issue date: " + date.error().message);
      return;
    }
    // A date with month names in Persian takes its direction from its first strong letter; one
    // with only digits stays LTR (FSI without a strong letter is LRI).
    generated(b, *date, run, SpanIsolation::first_strong, location);
  }

  // ---- summaries ------------------------------------------------------------------------------------

  void summary(const Summary& summary, int group, std::vector<ResolvedBlock>& out) {
    const SummaryBoxStyle& box = style_.summary_box;
    Context context;
    context.indent_start = context.indent_end = box.padding + box.border_width;
    context.box_group = group;
    const std::string lang = language_or(summary.lang, report_.lang);
    const Direction dir = summary.dir;

    const RoleStyle& heading_role = style_.role(FontRole::heading);
    const double size = style_.heading(2).size;
    BlockBuilder builder(chain_cache_, style_, dir, summary.location);
    ragged(builder);
    RunStyle run;
    run.face = {FontRole::heading, FontWeight::bold, FontSlant::upright, size, box.title_colour};
    run.language = lang;
    if (!summary.heading.empty())
      inlines(summary.heading, run, builder);
    else
      builder.append(box.title_for(lang), run, summary.location);
    ResolvedBlock title = text_block(BlockKind::summary_title, summary.location, context, builder,
                                     leading_for(heading_role, size));
    title.keep_with_next = true;
    title.space_before = box.padding;
    title.space_after = style_.heading(2).space_after;
    out.push_back(std::move(title));

    const std::size_t first_body = out.size();
    for (const Block& block : summary.blocks) body_block(block, context, out, BlockKind::summary);
    if (out.size() > first_body) out.back().space_after = box.padding;
    // The first body block sits right under the title, whatever its own space before.
    if (out.size() > first_body) out[first_body].space_before = 0;
  }

  // ---- body -----------------------------------------------------------------------------------------

  void body_block(const Block& block, const Context& context, std::vector<ResolvedBlock>& out,
                  BlockKind paragraph_kind = BlockKind::paragraph) {
    std::visit(
        [&](const auto& value) {
          using T = std::decay_t<decltype(value)>;
          if constexpr (std::is_same_v<T, Paragraph>) {
            paragraph(value, context, out, context.in_quote ? BlockKind::quote : paragraph_kind);
          } else if constexpr (std::is_same_v<T, Section>) {
            section(value, context, out, paragraph_kind);
          } else if constexpr (std::is_same_v<T, List>) {
            list(value, context, out, paragraph_kind);
          } else if constexpr (std::is_same_v<T, Quote>) {
            quote(value, context, out);
          } else if constexpr (std::is_same_v<T, Figure>) {
            figure(value, context, out);
          } else if constexpr (std::is_same_v<T, PageBreak>) {
            ResolvedBlock page_break;
            page_break.kind = BlockKind::page_break;
            page_break.location = value.location;
            out.push_back(std::move(page_break));
          }
        },
        block.value);
  }

  void paragraph(const Paragraph& paragraph, const Context& context, std::vector<ResolvedBlock>& out,
                 BlockKind kind) {
    BlockBuilder builder(chain_cache_, style_, paragraph.dir, paragraph.location);
    body_settings(builder);
    inlines(paragraph.content, body_run(paragraph.lang), builder);
    if (builder.empty()) return;
    ResolvedBlock block =
        text_block(kind, paragraph.location, context, builder, style_.role(FontRole::body).leading);
    block.space_before = style_.paragraph.space_before;
    block.space_after = style_.paragraph.space_after;
    out.push_back(std::move(block));
  }

  void section(const Section& section, const Context& context, std::vector<ResolvedBlock>& out,
               BlockKind kind) {
    const HeadingStyle& heading = style_.heading(section.level);
    const RoleStyle& role = style_.role(FontRole::heading);
    BlockBuilder builder(chain_cache_, style_, section.dir, section.location);
    ragged(builder);
    RunStyle run;
    run.face = {FontRole::heading, FontWeight::bold, FontSlant::upright, heading.size,
                heading.colour};
    run.language = language_or(section.lang, report_.lang);
    inlines(section.heading, run, builder);
    if (!builder.empty()) {
      ResolvedBlock block =
          text_block(BlockKind::heading, section.location, context, builder, leading_for(role, heading.size));
      block.space_before = heading.space_before;
      block.space_after = heading.space_after;
      block.keep_with_next = true;
      block.anchor = section.id.empty() ? generated_id() : section.id;
      block.outline_level = section.level;
      block.outline_title = plain_text(section.heading);
      out.push_back(std::move(block));
    }
    for (const Block& child : section.blocks) body_block(child, context, out, kind);
  }

  void list(const List& list, const Context& context, std::vector<ResolvedBlock>& out, BlockKind kind) {
    const bool persian = is_persian_language(language_or(list.lang, report_.lang));
    Context inner = context;
    inner.indent_start += kListIndentStep;
    inner.list_depth += 1;
    int counter = list.start;
    for (const ListItem& item : list.items) {
      const std::size_t first = out.size();
      for (const Block& block : item.blocks) body_block(block, inner, out, kind);
      // The marker goes on the item's first text block; an item starting with a nested list or a
      // figure still gets its marker on the first block that has text.
      for (std::size_t i = first; i < out.size(); ++i) {
        if (!out[i].text) continue;
        if (out[i].kind == BlockKind::paragraph) out[i].kind = BlockKind::list_item;
        out[i].marker = marker(list, counter, persian, inner, item.location);
        break;
      }
      ++counter;
    }
  }

  TextBlock marker(const List& list, int counter, bool persian, const Context& context,
                   const SourceLocation& location) {
    BlockBuilder builder(chain_cache_, style_, list.dir, location);
    // Flush against the item's text: the end side of the marker box.
    builder.settings().alignment = Alignment::end;
    RunStyle run = body_run(list.lang);
    if (list.numbered) {
      generated(builder, number(counter, persian), run, SpanIsolation::ltr, location);
      builder.append(".", run, location);
    } else {
      // "•" then "–" for nested lists: "◦" (U+25E6) is in none of the pinned fonts.
      builder.append(context.list_depth % 2 == 1 ? "•" : "–", run, location);
    }
    return builder.finish(kListIndentStep - kMarkerGap, style_.role(FontRole::body).leading);
  }

  void quote(const Quote& quote, const Context& context, std::vector<ResolvedBlock>& out) {
    Context inner = context;
    inner.indent_start += kQuoteIndent;
    inner.indent_end += kQuoteIndent;
    inner.in_quote = true;
    for (const Block& block : quote.blocks) body_block(block, inner, out, BlockKind::quote);
    if (quote.attribution.empty()) return;
    BlockBuilder builder(chain_cache_, style_, quote.dir, quote.location);
    ragged(builder);
    builder.settings().alignment = Alignment::end;
    const RunStyle run = body_run(quote.lang);
    builder.append("— ", run, quote.attribution.front().location);
    inlines(quote.attribution, run, builder);
    ResolvedBlock block = text_block(BlockKind::quote, quote.attribution.front().location, inner, builder,
                                     style_.role(FontRole::body).leading);
    block.space_after = style_.paragraph.space_after;
    out.push_back(std::move(block));
  }

  void figure(const Figure& figure, const Context& context, std::vector<ResolvedBlock>& out) {
    ResolvedBlock block;
    block.kind = BlockKind::figure;
    block.location = figure.location;
    block.indent_start = context.indent_start;
    block.indent_end = context.indent_end;
    block.box_group = context.box_group;
    block.anchor = figure.id;
    block.image = figure.image;
    const double available = std::max(0.0, measure_ - context.indent_start - context.indent_end);
    const double max_height = text_height_ * kFigureMaxHeightShare;
    if (figure.pixel_width > 0 && figure.pixel_height > 0) {
      const double aspect = static_cast<double>(figure.pixel_height) / figure.pixel_width;
      block.image_width = available;
      block.image_height = available * aspect;
      if (block.image_height > max_height) {
        block.image_height = max_height;
        block.image_width = max_height / aspect;
      }
    }
    block.space_before = style_.paragraph.space_after;
    block.space_after = style_.paragraph.space_after;
    block.keep_with_next = !figure.caption.empty();
    out.push_back(std::move(block));
    if (figure.caption.empty()) return;

    const RoleStyle& role = style_.role(FontRole::caption);
    BlockBuilder builder(chain_cache_, style_, figure.dir, figure.location);
    ragged(builder);
    RunStyle run;
    run.face = {FontRole::caption, FontWeight::regular, FontSlant::upright, role.size, role.colour};
    run.language = language_or(figure.lang, report_.lang);
    inlines(figure.caption, run, builder);
    ResolvedBlock caption =
        text_block(BlockKind::caption, figure.caption.front().location, context, builder, role.leading);
    caption.space_after = style_.paragraph.space_after * 2;
    out.push_back(std::move(caption));
  }

  // ---- contact ----------------------------------------------------------------------------------

  void contact(std::vector<ResolvedBlock>& out) {
    const Contact& contact = report_.meta.contact;
    BlockBuilder builder(chain_cache_, style_, contact.dir, contact.location);
    ragged(builder);
    const RunStyle run = body_run(contact.lang);
    if (!contact.sentence.empty()) {
      inlines(contact.sentence, run, builder);
    } else {
      contact_addresses(builder, run, " · ");
    }
    if (builder.empty()) {
      copyright(out);
      return;
    }
    ResolvedBlock block = text_block(BlockKind::contact, contact.location, Context{}, builder,
                                     style_.role(FontRole::body).leading);
    block.space_before = kContactSpaceBefore;
    out.push_back(std::move(block));
    copyright(out);
  }

  // The copyright line after the contact sentence, small, in the caption role.
  void copyright(std::vector<ResolvedBlock>& out) {
    const MetaText& copyright = report_.meta.copyright;
    if (copyright.text.empty()) return;
    const RoleStyle& role = style_.role(FontRole::caption);
    BlockBuilder builder(chain_cache_, style_, rtl_ ? Direction::rtl : Direction::ltr,
                         copyright.location);
    ragged(builder);
    RunStyle run;
    run.face = {FontRole::caption, FontWeight::regular, FontSlant::upright, role.size, role.colour};
    run.language = language_or(report_.lang, style_.lang);
    meta_text(builder, run, copyright);
    ResolvedBlock block =
        text_block(BlockKind::contact, copyright.location, Context{}, builder, role.leading);
    block.space_before = kCopyrightSpaceBefore;
    out.push_back(std::move(block));
  }

  // The e-mail and web address as links in LTR isolates.
  void contact_addresses(BlockBuilder& builder, RunStyle run, std::string_view separator) const {
    const Contact& contact = report_.meta.contact;
    bool any = false;
    for (const auto* field : {&contact.email, &contact.url}) {
      if (field->value.empty()) continue;
      if (any) builder.append(separator, run, field->location);
      RunStyle linked = run;
      linked.link = builder.add_link(
          SpanLink{field == &contact.email ? "mailto:" + field->value : field->value, std::string()});
      generated(builder, field->value, linked, SpanIsolation::ltr, field->location);
      any = true;
    }
  }

  // ---- running header and footer --------------------------------------------------------------

  RunningLine running_line(const RunningText& text) {
    RunningLine line;
    line.on_first_page = text.on_first_page;
    const std::string lang = language_or(text.lang, language_or(style_.lang, report_.lang));
    line.persian_digits = is_persian_language(lang);
    Direction dir = text.dir;
    if (dir == Direction::auto_detect) dir = rtl_ ? Direction::rtl : Direction::ltr;
    line.start = running_part(text.start, text.location, lang, dir, Alignment::start);
    line.centre = running_part(text.centre, text.location, lang, dir, Alignment::center);
    line.end = running_part(text.end, text.location, lang, dir, Alignment::end);
    return line;
  }

  TextBlock running_part(const std::vector<TemplatePart>& parts, const SourceLocation& location,
                         const std::string& lang, Direction dir, Alignment alignment) {
    const RoleStyle& role = style_.role(FontRole::caption);
    BlockBuilder builder(chain_cache_, style_, dir, location);
    ragged(builder);
    builder.settings().alignment = alignment;
    RunStyle run;
    run.face = {FontRole::caption, FontWeight::regular, FontSlant::upright, role.size, role.colour};
    run.language = lang;
    const bool persian = is_persian_language(lang);
    const bool line_rtl = dir == Direction::rtl;
    const Metadata& meta = report_.meta;
    auto meta_field = [&](const MetaText& text) {
      RunStyle r = run;
      r.language = language_or(text.lang, lang);
      if ((text.dir == Direction::rtl) != line_rtl) r.isolation = to_isolation(text.dir);
      builder.append(text.text, r, text.location);
    };
    for (std::size_t i = 0; i < parts.size(); ++i) {
      const TemplatePart& part = parts[i];
      if (!part.is_field) {
        std::string_view literal = part.literal;
        // "ISSN {issn}": the label belongs to the number; both go into one LTR isolate below, or an
        // RTL line would show "2975-0598 ISSN".
        if (i + 1 < parts.size() && parts[i + 1].is_field && parts[i + 1].field == RunningField::issn &&
            literal.ends_with(kIssnLabel)) {
          literal.remove_suffix(kIssnLabel.size());
        }
        builder.append(literal, run, location);
        continue;
      }
      switch (part.field) {
        case RunningField::series_title: meta_field(meta.series_title); break;
        case RunningField::series_title_persian: meta_field(meta.series_title_persian); break;
        case RunningField::issn:
          if (!meta.issns.empty()) {
            const bool labelled =
                i > 0 && !parts[i - 1].is_field && parts[i - 1].literal.ends_with(kIssnLabel);
            generated(builder,
                      (labelled ? std::string(kIssnLabel) : std::string()) + meta.issns.front().number, run,
                      SpanIsolation::ltr, meta.issns.front().location);
          }
          break;
        case RunningField::volume:
          generated(builder, number(meta.volume.value, persian), run, SpanIsolation::ltr,
                    meta.volume.location);
          break;
        case RunningField::issue:
          generated(builder, number(meta.issue.value, persian), run, SpanIsolation::ltr, meta.issue.location);
          break;
        case RunningField::date:
          append_date(builder, run, format_gregorian_date(meta.date.value, lang), meta.date.location);
          break;
        case RunningField::date_solar_hijri:
          append_date(builder, run, format_solar_hijri_date(meta.date.value), meta.date.location);
          break;
        case RunningField::title: meta_field(meta.title); break;
        case RunningField::publisher: meta_field(meta.publisher); break;
        case RunningField::contact: contact_addresses(builder, run, " · "); break;
        case RunningField::page: generated(builder, "{page}", run, SpanIsolation::ltr, location); break;
        case RunningField::pages: generated(builder, "{pages}", run, SpanIsolation::ltr, location); break;
      }
    }
    return builder.finish(measure_, role.leading);
  }

  // ---- document information ---------------------------------------------------------------------

  DocumentInfo info() const {
    const Metadata& meta = report_.meta;
    DocumentInfo info;
    info.title = meta.title.text;
    for (const MetaText& author : meta.authors)
      info.author += (info.author.empty() ? "" : ", ") + author.text;
    info.subject = meta.subtitle.text.empty() ? meta.series_title.text : meta.subtitle.text;
    for (const MetaText& keyword : meta.keywords)
      info.keywords += (info.keywords.empty() ? "" : ", ") + keyword.text;
    info.language = report_.lang;
    if (!meta.issns.empty()) info.issn = meta.issns.front().number;
    info.issue_date = meta.date.value;
    return info;
  }

  const Report& report_;
  const StyleSheet& style_;
  DiagnosticSink& sink_;
  ChainCache chain_cache_;
  bool rtl_ = false;
  double measure_ = 0;
  double text_height_ = 0;
  std::set<std::string> ids_;
  int generated_ids_ = 0;
};

}  // namespace

ResolvedDocument resolve(const Report& report, const StyleSheet& style, DiagnosticSink& sink) {
  return Resolver(report, style, sink).run();
}

StyledParagraph fill_page_numbers(const TextBlock& part, bool persian_digits, int page, int pages) {
  const StyledParagraph& in = part.paragraph;
  StyledParagraph out = in;
  out.text.clear();
  auto digits = [&](int value) {
    const std::string text = std::to_string(value);
    return persian_digits ? to_persian_digits(text) : text;
  };
  // (old offset just after a replaced field, accumulated change in length) pairs, in order.
  std::vector<std::pair<std::size_t, std::ptrdiff_t>> shifts;
  std::ptrdiff_t shift = 0;
  std::size_t i = 0;
  while (i < in.text.size()) {
    std::string_view rest = std::string_view(in.text).substr(i);
    std::string_view field;
    std::string value;
    if (rest.starts_with("{pages}")) {
      field = "{pages}";
      value = digits(pages);
    } else if (rest.starts_with("{page}")) {
      field = "{page}";
      value = digits(page);
    }
    if (field.empty()) {
      out.text += in.text[i++];
      continue;
    }
    out.text += value;
    i += field.size();
    shift += static_cast<std::ptrdiff_t>(value.size()) - static_cast<std::ptrdiff_t>(field.size());
    shifts.emplace_back(i, shift);
  }
  // An offset at or after a field's end moves by the change so far; one inside a field (never made
  // by resolve) moves to the field's new end.
  auto moved = [&](std::size_t offset) {
    std::ptrdiff_t by = 0;
    for (const auto& [after, total] : shifts) {
      if (offset >= after) by = total;
    }
    return static_cast<std::size_t>(std::min<std::ptrdiff_t>(static_cast<std::ptrdiff_t>(offset) + by,
                                                             static_cast<std::ptrdiff_t>(out.text.size())));
  };
  for (StyledSpan& span : out.spans) {
    span.begin = moved(span.begin);
    span.end = moved(span.end);
  }
  return out;
}

}  // namespace nashr
