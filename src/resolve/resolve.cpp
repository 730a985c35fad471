// resolve: the report model and the style sheet → styled blocks (see resolved_document.h).
#include <algorithm>
#include <cstdio>
#include <memory>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "locale/persian_text.h"
#include "resolve/resolver.h"

namespace nashr {
namespace resolving {

ResolvedDocument Resolver::run() {
  ResolvedDocument doc;
  doc.page = style_.page;
  doc.rtl =
      report_.dir == Direction::rtl || (report_.dir == Direction::auto_detect &&
                                        (style_.dir == Direction::rtl || is_persian_language(report_.lang)));
  rtl_ = doc.rtl;
  measure_ = style_.page.width - style_.page.margin_left - style_.page.margin_right;
  text_height_ = style_.page.height - style_.page.margin_top - style_.page.margin_bottom;
  const std::size_t body_blocks = survey(report_.body);
  wants_contents_ = std::any_of(report_.body.begin(), report_.body.end(), [](const Block& block) {
    return std::holds_alternative<TableOfContents>(block.value);
  });

  constexpr std::size_t kFrontAndBack = 32;  // the masthead's lines, the contact and copyright blocks
  std::size_t summary_blocks = 0;  // a box's title and its paragraphs (a list in one may count short)
  for (const Summary& summary : report_.summaries) summary_blocks += 1 + summary.blocks.size();
  doc.blocks.reserve(kFrontAndBack + summary_blocks + body_blocks);
  masthead(doc.blocks);
  for (std::size_t i = 0; i < report_.summaries.size(); ++i)
    summary(report_.summaries[i], static_cast<int>(i), doc.blocks);
  for (const Block& block : report_.body) body_block(block, Context{}, doc.blocks);
  add_notes(doc);
  contact(doc.blocks);
  add_contents(doc);
  // Every block is held until the issue is paginated: room left over by an estimate that was too
  // high, or by doubling past a low one, goes (moving every block once) when it is worth it.
  if (doc.blocks.capacity() - doc.blocks.size() > doc.blocks.size() / 16) doc.blocks.shrink_to_fit();

  doc.header = running_line(style_.header);
  doc.footer = running_line(style_.footer);
  const SummaryBoxStyle& box = style_.summary_box;
  doc.summary_background = box.background;
  doc.summary_border = box.border;
  doc.summary_border_width = box.border_width;
  doc.summary_padding = box.padding;
  doc.summary_margin = kSummaryMargin;
  doc.masthead_grid =
      style_.masthead.grid > 0 ? style_.masthead.grid : style_.role(FontRole::body).leading * kMastheadDefaultGridShare;
  doc.info = info();
  doc.page_references = std::move(page_references_);
  doc.articles = std::move(articles_placed_);
  doc.title = report_.meta.title.text;
  return doc;
}

void Resolver::inlines(const InlineContent& content, RunStyle run, BlockBuilder& builder) {
  for (const Inline& node : content) inline_node(node, run, builder);
}

void Resolver::inline_node(const Inline& node, RunStyle run, BlockBuilder& builder) {
  if (node.kind == InlineKind::source) return source(*node.source, run, builder);  // knows the note's language
  run.language = language_or(node.lang, run.language);
  switch (node.kind) {
    case InlineKind::text: builder.append(node.text, run, node.location); return;
    case InlineKind::line_break: builder.append("\u2028", run, node.location); return;
    case InlineKind::ref: reference(node, run, builder); return;
    case InlineKind::note: note_marker(node, run, builder); return;
    case InlineKind::source: return;  // (above)
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
      run.url = node.isolate == IsolateKind::url;
      break;
  }
  inlines(node.children, run, builder);
}

void Resolver::label_text(BlockBuilder& builder, const std::string& label, const std::string& number,
                          const std::string& title, const RunStyle& run, const SourceLocation& location) {
  std::size_t from = 0;
  while (from < label.size()) {
    const std::size_t number_at = label.find("{number}", from);
    const std::size_t title_at = label.find("{title}", from);
    const std::size_t field = std::min(number_at, title_at);
    if (field > from) builder.append(std::string_view(label).substr(from, field - from), run, location);
    if (field == std::string::npos) break;
    if (field == number_at) {
      generated(builder, number, run, SpanIsolation::ltr, location);
      from = field + 8;
    } else {
      // The title keeps its own direction (a Persian heading named in English text).
      generated(builder, title, run, SpanIsolation::first_strong, location);
      from = field + 7;
    }
  }
}

void Resolver::reference(const Inline& node, RunStyle run, BlockBuilder& builder) {
  const NumberedTarget* target = numbers_.with_id(node.target_id);
  if (target == nullptr) return;  // the reader reported the id
  const bool persian = is_persian_language(run.language);
  const NumberingLabels& labels = style_.numbering.labels_for(run.language);
  run.link = builder.add_link(SpanLink{std::string(), target->anchor});
  const auto digits = [&](const std::string& ascii) { return persian ? to_persian_digits(ascii) : ascii; };
  switch (node.show) {
    case RefShow::label:
      label_text(builder, labels.label(target->kind), digits(target->number), target->title, run, node.location);
      return;
    case RefShow::number:
      generated(builder, digits(target->number), run, SpanIsolation::ltr, node.location);
      return;
    case RefShow::page: {
      const auto page = pages_.find(target->anchor);
      const int number = page == pages_.end() ? 0 : page->second;
      page_references_.push_back({target->anchor, number, node.location});
      // Before the first pass has placed the target, a one-digit stand-in holds its place.
      label_text(builder, labels.page, digits(std::to_string(std::max(number, 1))), {}, run, node.location);
      return;
    }
  }
}

void Resolver::generated(BlockBuilder& builder, const std::string& text, RunStyle run,
                         SpanIsolation isolation, const SourceLocation& location) {
  run.isolation = isolation;
  run.isolate_group = builder.new_isolate_group();
  builder.append(text, run, location);
}

RunStyle Resolver::body_run(const std::string& lang) const {
  const RoleStyle& body = style_.role(FontRole::body);
  RunStyle run;
  run.face = {FontRole::body, FontWeight::regular, FontSlant::upright, body.size, body.colour};
  run.language = language_or(lang, report_.lang);
  return run;
}

ResolvedBlock Resolver::text_block(BlockKind kind, const SourceLocation& location, const Context& context,
                                   BlockBuilder& builder, double leading) {
  ResolvedBlock block;
  block.kind = kind;
  block.location = location;
  block.indent_start = context.indent_start;
  block.indent_end = context.indent_end;
  block.box_group = context.box_group;
  block.list_depth = context.list_depth;
  block.text = builder.finish(measure_ - context.indent_start - context.indent_end, leading);
  return block;
}

void Resolver::body_settings(BlockBuilder& builder) const {
  LineSettings& settings = builder.settings();
  settings.alignment = style_.paragraph.align == Alignment::justify ? Alignment::justify : Alignment::start;
  settings.kashida = style_.paragraph.kashida;
  settings.hyphenate = style_.paragraph.hyphenate;
  settings.first_line_indent = style_.paragraph.first_line_indent;
}

void Resolver::ragged(BlockBuilder& builder) {
  builder.settings().alignment = Alignment::start;
  builder.settings().kashida = false;
  builder.settings().hyphenate = false;
  builder.settings().first_line_indent = 0;
}

std::string Resolver::number(int value, bool persian) const {
  const std::string digits = std::to_string(value);
  return persian ? to_persian_digits(digits) : digits;
}

// Every id the blocks give (generated ids avoid them), and about how many blocks they resolve to: a
// block each, a figure's or table's caption, a quote's attribution, an article's title and its
// summaries' titles (notes and contents come on top). The issue's blocks are reserved from that
// count, not moved each time their vector doubles: 680 bytes each, 13,365 in the 1000-page RTL issue.
std::size_t Resolver::survey(const Blocks& blocks) {
  std::size_t count = 0;
  for (const Block& block : blocks) {
    if (const auto* section = std::get_if<Section>(&block.value)) {
      if (!section->id.empty()) ids_.insert(section->id);
      count += 1 + survey(section->blocks);
    } else if (const auto* figure = std::get_if<Figure>(&block.value)) {
      if (!figure->id.empty()) ids_.insert(figure->id);
      count += 2;
    } else if (const auto* table = std::get_if<Table>(&block.value)) {
      if (!table->id.empty()) ids_.insert(table->id);
      count += 2;
    } else if (const auto* article = std::get_if<Article>(&block.value)) {
      count += 4;
      for (const Summary& summary : article->content->summaries) count += 1 + survey(summary.blocks);
      count += survey(article->content->body);
    } else if (const auto* quote = std::get_if<Quote>(&block.value)) {
      count += 1 + survey(quote->blocks);
    } else if (const auto* list = std::get_if<List>(&block.value)) {
      for (const ListItem& item : list->items) count += survey(item.blocks);
    } else {
      count += 1;
    }
  }
  return count;
}

std::string Resolver::generated_id() {
  for (;;) {
    std::string id = "section-" + std::to_string(++generated_ids_);
    if (ids_.insert(id).second) return id;
  }
}

void Resolver::body_block(const Block& block, const Context& context, std::vector<ResolvedBlock>& out,
                          BlockKind paragraph_kind) {
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
        } else if constexpr (std::is_same_v<T, Table>) {
          table(value, context, out);
        } else if constexpr (std::is_same_v<T, Article>) {
          article(value, out);
        } else if constexpr (std::is_same_v<T, TableOfContents>) {
          contents_at_.push_back({out.size(), value.location});
        } else if constexpr (std::is_same_v<T, PageBreak>) {
          ResolvedBlock page_break;
          page_break.kind = BlockKind::page_break;
          page_break.location = value.location;
          out.push_back(std::move(page_break));
        }
      },
      block.value);
}

void Resolver::paragraph(const Paragraph& paragraph, const Context& context, std::vector<ResolvedBlock>& out,
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

void Resolver::section(const Section& section, const Context& context, std::vector<ResolvedBlock>& out,
                       BlockKind kind) {
  const HeadingStyle& heading = style_.heading(section.level);
  const RoleStyle& role = style_.role(FontRole::heading);
  BlockBuilder builder(chain_cache_, style_, section.dir, section.location);
  ragged(builder);
  RunStyle run;
  run.face = {FontRole::heading, FontWeight::bold, FontSlant::upright, heading.size, heading.colour};
  run.language = language_or(section.lang, report_.lang);
  inlines(section.heading, run, builder);
  if (!builder.empty()) {
    ResolvedBlock block =
        text_block(BlockKind::heading, section.location, context, builder, leading_for(role, heading.size));
    block.space_before = heading.space_before;
    block.space_after = heading.space_after;
    block.keep_with_next = true;
    block.anchor = section.id.empty() ? generated_id() : section.id;
    block.outline_level = section.level + outline_offset_;
    block.outline_title = outline_text(section.heading);
    if (wants_contents_) {
      block.contents = std::make_shared<ContentsParts>();
      block.contents->section_level = section.level;
      if (const NumberedTarget* target = numbers_.of(&section)) block.contents->number = target->number;
    }
    out.push_back(std::move(block));
  }
  for (const Block& child : section.blocks) body_block(child, context, out, kind);
}

void Resolver::list(const List& list, const Context& context, std::vector<ResolvedBlock>& out,
                    BlockKind kind) {
  const bool persian = is_persian_language(language_or(list.lang, report_.lang));
  Context inner = context;
  inner.indent_start += kListIndentStep;
  inner.list_depth += 1;
  int counter = list.start;
  for (std::size_t k = 0; k < list.items.size(); ++k) {
    const ListItem& item = list.items[k];
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
    if (style_.list.given && first < out.size()) {
      // The style's list spacing, not a paragraph's: items item_space apart, the list as a whole
      // space_before and space_after from the text around it (a nested list: item_space).
      const bool nested = context.list_depth > 0;
      out[first].space_before = k > 0 || nested ? style_.list.item_space : style_.list.space_before;
      out.back().space_after = k + 1 < list.items.size() || nested ? 0 : style_.list.space_after;
    }
    ++counter;
  }
}

TextBlock Resolver::marker(const List& list, int counter, bool persian, const Context& context,
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
    run.face.size *= style_.list.bullet_size;
    builder.append(context.list_depth % 2 == 1 ? "•" : "–", run, location);
  }
  // A marker is one line, never broken: the paginator sets it by its own width against the item's
  // text, so a wider "10." only reaches further into the indent (the body's measure is room enough).
  return builder.finish(std::max(measure_, kListIndentStep - kMarkerGap), style_.role(FontRole::body).leading);
}

void Resolver::quote(const Quote& quote, const Context& context, std::vector<ResolvedBlock>& out) {
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

ResolvedBlock Resolver::placed_block(BlockKind kind, const SourceLocation& location, const Context& context,
                                     const std::string& anchor) {
  ResolvedBlock block;
  block.kind = kind;
  block.location = location;
  block.indent_start = context.indent_start;
  block.indent_end = context.indent_end;
  block.box_group = context.box_group;
  block.list_depth = context.list_depth;
  block.anchor = anchor;
  return block;
}

void Resolver::figure(const Figure& figure, const Context& context, std::vector<ResolvedBlock>& out) {
  ResolvedBlock block = placed_block(BlockKind::figure, figure.location, context, figure.id);
  block.image = figure.image;
  block.alt = figure.alt;
  figure_size(figure, context, block);
  block.space_before = style_.paragraph.space_after;
  block.space_after = style_.paragraph.space_after;
  block.keep_with_next = true;  // with its caption, which holds at least its number
  // Figures in the body's flow float; inside a box, a list or a quote they stay where they are.
  block.floating = context.box_group < 0 && !context.in_quote && context.list_depth == 0;
  out.push_back(std::move(block));
  caption(figure, context, out);
}

void Resolver::figure_size(const Figure& figure, const Context& context, ResolvedBlock& block) {
  const double available = std::max(0.0, measure_ - context.indent_start - context.indent_end);
  const double natural_width = figure.format == ImageFormat::pdf ? figure.page_width : figure.pixel_width;
  const double natural_height = figure.format == ImageFormat::pdf ? figure.page_height : figure.pixel_height;
  if (!(natural_width > 0 && natural_height > 0)) return;
  const double aspect = natural_height / natural_width;
  if (!figure.width) {
    // Without a width: the measure, at most kFigureMaxHeightShare of the text height.
    const double max_height = text_height_ * kFigureMaxHeightShare;
    block.image_width = available;
    block.image_height = available * aspect;
    if (block.image_height > max_height) {
      block.image_height = max_height;
      block.image_width = max_height / aspect;
    }
  } else {
    const FigureWidth& asked = figure.width->value;
    double width = asked.fraction ? available * asked.value : asked.value;
    if (width > available + 0.01) {
      char sizes[128];
      std::snprintf(sizes, sizeof sizes, "%.1f mm wide, wider than the %.1f mm", width * 25.4 / 72, available * 25.4 / 72);
      sink_.error(figure.width->location, std::string("the figure would be ") + sizes + " of text width it has here",
                  "give a smaller width, or a share of the text width such as width=\"100%\"");
      width = available;
    }
    block.image_width = width;
    block.image_height = width * aspect;
    if (block.image_height > text_height_ * kFigureMaxHeightShare * 1.5) {
      // Taller than a page can hold with its caption: scaled down, aspect kept.
      block.image_height = text_height_ * kFigureMaxHeightShare * 1.5;
      block.image_width = block.image_height / aspect;
      sink_.warning(figure.width->location, "the figure is too tall for the page at this width; it is made smaller",
                    "give a smaller width");
    }
  }
  if (figure.format != ImageFormat::pdf && block.image_width > 0) {
    const double dpi = figure.pixel_width / (block.image_width / 72);
    if (dpi < kLowestFigureDpi) {
      char text[160];
      std::snprintf(text, sizeof text, "is printed at %.0f dpi (%d pixels across %.1f mm), below %.0f dpi",
                    dpi, figure.pixel_width, block.image_width * 25.4 / 72, kLowestFigureDpi);
      sink_.warning(figure.location, "figure '" + figure.image_as_written + "' " + text,
                    "use an image with more pixels, a smaller width, or a PDF chart (vectors print sharp at any size)");
    }
  }
}

// "Figure 2: " and the caption; a figure without a caption still gets its label and number.
void Resolver::caption(const Figure& figure, const Context& context, std::vector<ResolvedBlock>& out) {
  const RoleStyle& role = style_.role(FontRole::caption);
  BlockBuilder builder(chain_cache_, style_, figure.dir, figure.location);
  ragged(builder);
  RunStyle run;
  run.face = {FontRole::caption, FontWeight::regular, FontSlant::upright, role.size, role.colour};
  run.language = language_or(figure.lang, report_.lang);
  if (const NumberedTarget* number = numbers_.of(&figure)) {
    const bool persian = is_persian_language(run.language);
    const NumberingLabels& labels = style_.numbering.labels_for(run.language);
    RunStyle label = run;
    label.face.weight = FontWeight::bold;
    label_text(builder, labels.label(NumberedKind::figure), persian ? to_persian_digits(number->number) : number->number,
               {}, label, figure.location);
    if (!figure.caption.empty()) builder.append(labels.caption_separator, label, figure.location);
  }
  inlines(figure.caption, run, builder);
  if (builder.empty()) return;
  const SourceLocation& location = figure.caption.empty() ? figure.location : figure.caption.front().location;
  ResolvedBlock caption = text_block(BlockKind::caption, location, context, builder, role.leading);
  caption.space_after = style_.paragraph.space_after * 2;
  caption.floating = out.back().floating;
  out.push_back(std::move(caption));
}

}  // namespace resolving

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
    case BlockKind::table: return "table";
    case BlockKind::contact: return "contact";
    case BlockKind::page_break: return "page-break";
    case BlockKind::note: return "note";
    case BlockKind::contents_entry: return "contents-entry";
  }
  return "?";
}

bool RunningLine::empty() const {
  return start.paragraph.text.empty() && centre.paragraph.text.empty() && end.paragraph.text.empty();
}

ResolvedDocument resolve(const Report& report, const StyleSheet& style, DiagnosticSink& sink,
                         const PageNumbers& pages) {
  return resolving::Resolver(report, style, sink, pages).run();
}

}  // namespace nashr
