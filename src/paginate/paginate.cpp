#include "paginate/paginate.h"

#include "paginate/footnotes.h"

#include <algorithm>
#include <array>
#include <cassert>
#include <cmath>
#include <cstdio>
#include <limits>
#include <map>
#include <optional>
#include <string>

#include "paginate/masthead_grid.h"
#include "paginate/place_table.h"
#include "paginate/tag_structure.h"

namespace nashr {

namespace {

// The body area of every page: inside the margins.
struct Body {
  double left = 0;
  double top = 0;
  double width = 0;
  double height = 0;
  double right() const { return left + width; }
};

Body body_of(const PageGeometry& page) {
  return {page.margin_left, page.margin_top, page.width - page.margin_left - page.margin_right,
          page.height - page.margin_top - page.margin_bottom};
}

// Gap between a list marker and its item's text.
constexpr double kMarkerGap = 5;
// Space between the masthead's last line and its rule, and the rule's weight.
constexpr double kMastheadRuleGap = 7;
constexpr double kRuleThickness = 0.6;
// Where the running header and footer sit inside the top and bottom margins, as fractions of them,
// and the gap between the header's baseline and its rule.
constexpr double kHeaderBaseline = 0.55;
constexpr double kFooterBaseline = 0.5;
constexpr double kHeaderRuleGap = 5;
const Color kRunningRuleColor{0.55, 0.6, 0.68};

// The left edge of a block's measure on the page. Indents are logical: the start side is the
// right side in RTL documents.
double measure_left(const Body& body, const ResolvedDocument& resolved, const ResolvedBlock& block) {
  return body.left + (resolved.rtl ? block.indent_end : block.indent_start);
}

double measure_width(const Body& body, const ResolvedBlock& block) {
  return body.width - block.indent_start - block.indent_end;
}

FlowBlock flow_block(const ResolvedBlock& block, const SetBlock& set) {
  FlowBlock flow;
  switch (block.kind) {
    case BlockKind::page_break: return FlowBlock::page_break();
    case BlockKind::figure: flow = FlowBlock::unit(block.image_height); break;
    case BlockKind::table: {
      // Each slice (a band of rows, or part of a taller one) is a line the page may break after.
      std::vector<FlowLine> slices;
      if (set.table) {
        for (const TableSlice& slice : set.table->slices) slices.push_back({slice.height(), slice.height()});
        flow = FlowBlock::paragraph(std::move(slices));
        flow.repeat_lines = set.table->header_slices;
        flow.repeat_height = set.table->header_height;
        flow.min_first_lines = static_cast<int>(set.table->header_slices) + 2;  // the head and two rows
        flow.min_last_lines = 1;
      }
      break;
    }
    default: {
      std::vector<FlowLine> lines;
      const double leading = block.text ? block.text->leading : 12;
      double ascent = 0;
      double descent = 0;
      for (const Line& line : set.lines.lines) {
        ascent = std::max(ascent, line.ascent);
        descent = std::max(descent, line.descent);
      }
      for (const Line& line : set.lines.lines) lines.push_back(flow_line(line, leading, ascent, descent));
      flow = block.kind == BlockKind::heading ? FlowBlock::heading(std::move(lines))
                                              : FlowBlock::paragraph(std::move(lines));
    }
  }
  flow.space_before = block.space_before;
  flow.space_after = block.space_after + (block.rule_after ? 2 * kMastheadRuleGap : 0);
  flow.keep_with_next = flow.keep_with_next || block.keep_with_next;
  flow.floating = block.floating;
  flow.source = block.location;
  return flow;
}

double line_width(const Line& line) {
  double left = std::numeric_limits<double>::max();
  double right = std::numeric_limits<double>::lowest();
  for (const LineRun& run : line.runs) {
    left = std::min(left, run.x);
    right = std::max(right, run.x + run.width);
  }
  return line.runs.empty() ? 0 : right - left;
}

double line_left(const Line& line) {
  double left = std::numeric_limits<double>::max();
  for (const LineRun& run : line.runs) left = std::min(left, run.x);
  return line.runs.empty() ? 0 : left;
}

// Draws a line's runs with the line's left edge at `x` and its baseline at `baseline`; returns the
// link areas of runs whose span links somewhere. The glyphs move to the page: every line is placed
// once, and a second copy of every glyph of the issue would double the peak memory.
// Moves the line's glyphs onto the page and frees its runs: an issue's lines shrink as its pages
// grow, instead of both being held at once.
// Text outside the page box is lost to the reader whatever put it there (a style's lengths, a
// report's nesting, a word wider than the page): the first such line becomes the error that fails
// the build, at the line's source.
void check_on_page(const Line& line, const LineRun& run, double left, double baseline, const Page& page,
                   std::optional<Diagnostic>& off_page) {
  constexpr double kTolerance = 0.01;  // points: rounding, not layout
  if (off_page) return;
  const double right = left + run.width;
  const double top = baseline - line.ascent;
  const double bottom = baseline + line.descent;
  if (left >= -kTolerance && right <= page.width + kTolerance && top >= -kTolerance &&
      bottom <= page.height + kTolerance) {
    return;
  }
  char where[160];
  std::snprintf(where, sizeof where, "from (%.1f, %.1f) to (%.1f, %.1f) on a page of %.1f by %.1f points", left,
                top, right, bottom, page.width, page.height);
  off_page = make_error(line.location, std::string("this text would be drawn outside the page, ") + where,
                        "check the style's margins, indents and sizes, and the nesting of lists and quotes here");
}

// The link a run of a line belongs to, or null.
const SpanLink* link_of(const LineRun& run, const std::vector<SpanLink>* links) {
  if (links == nullptr || run.span >= links->size()) return nullptr;
  const SpanLink& link = (*links)[run.span];
  return link.uri.empty() && link.destination.empty() ? nullptr : &link;
}

constexpr std::size_t kNoArea = SIZE_MAX;

// One area per link and line over exactly the link's glyphs there: the runs of one link that touch
// on the line (a link set in two fonts, or in an isolate) share an area; two links never do, even
// side by side. The addresses are shared, not copied.
void add_link_area(const LineRun& run, const SpanLink& link, double left, double baseline, const Line& line,
                   std::size_t& open_area, std::uint32_t tag, Page& page) {
  constexpr double kTouching = 0.01;  // points: rounding, not a gap
  const Rect glyphs{left, baseline - line.ascent, run.width, line.ascent + line.descent};
  if (open_area != kNoArea) {
    Link& area = std::get<Link>(page.items[open_area]);
    const double area_right = area.rect.x + area.rect.width;
    if (area.uri == link.uri && area.destination == link.destination &&
        (std::abs(area_right - left) < kTouching || std::abs(left + run.width - area.rect.x) < kTouching)) {
      const double right = std::max(area_right, left + run.width);
      area.rect.x = std::min(area.rect.x, left);
      area.rect.width = right - area.rect.x;
      return;
    }
  }
  page.items.emplace_back(Link{glyphs, link.uri, link.destination, tag});
  open_area = page.items.size() - 1;
}

}  // namespace

void paginating::place_line(Line& line, double x, double baseline, const std::vector<SpanLink>* links, Page& page,
                            std::optional<Diagnostic>& off_page, const LineTags& tags) {
  std::size_t open_area = kNoArea;  // the link area the line's last linked run went to
  for (LineRun& run : line.runs) {
    if (run.glyphs.empty()) continue;
    check_on_page(line, run, x + run.x, baseline, page, off_page);
    const SpanLink* link = link_of(run, links);
    // The run's element: the line's leaf, or a Link or a Span in another language inside it.
    std::uint32_t tag = tags.leaf;
    if (tags.tagging != nullptr) {
      const std::uint32_t element = tags.tagging->inline_element(tags.leaf, run, tags.text, link != nullptr);
      if (element != kNoElement) tag = element;
    }
    GlyphRun& placed = std::get<GlyphRun>(page.items.emplace_back(take_glyph_run(run, {x + run.x, baseline})));
    placed.tag = tag;
    if (link != nullptr) {
      add_link_area(run, *link, x + run.x, baseline, line, open_area, tag, page);
    } else {
      open_area = kNoArea;
    }
  }
  std::vector<LineRun>().swap(line.runs);
}

namespace {

using paginating::place_line;

// The extent of one executive-summary box on one page.
struct BoxExtent {
  int group = -1;
  double top = std::numeric_limits<double>::max();
  double bottom = std::numeric_limits<double>::lowest();
  double padding = 0;
};

// Grows the extent of box `group` (none when negative) on the page over [top, bottom).
void extend_box(std::vector<BoxExtent>& boxes, int group, double top, double bottom, double padding) {
  if (group < 0) return;
  auto box = std::find_if(boxes.begin(), boxes.end(), [&](const BoxExtent& extent) { return extent.group == group; });
  if (box == boxes.end()) {
    boxes.push_back({group});
    box = boxes.end() - 1;
  }
  box->top = std::min(box->top, top);
  box->bottom = std::max(box->bottom, bottom);
  box->padding = padding;
}

// The running lines' parts, by part and text: most parts (the series, the contact line) read the
// same on every page, so each is set once and copied, not set again per page.
using RunningLineCache = std::map<std::pair<const TextBlock*, std::string>, Lines>;

// The parts of a running line, with the edge of the body each keeps to.
enum class Edge { start, centre, end };
struct Part {
  const TextBlock* text;
  Edge edge;
};
std::array<Part, 3> parts_of(const RunningLine& running) {
  return {Part{&running.start, Edge::start}, Part{&running.centre, Edge::centre},
          Part{&running.end, Edge::end}};
}

bool has_header(const ResolvedDocument& resolved, int number) {
  return !resolved.header.empty() && (number > 1 || resolved.header.on_first_page);
}
bool has_footer(const ResolvedDocument& resolved, int number) {
  return !resolved.footer.empty() && (number > 1 || resolved.footer.on_first_page);
}

// A page's running line: the lines of each part in parts_of() order (null: no text).
using RunningLineParts = std::array<const Lines*, 3>;

// The running lines of every page, the distinct parts set in one call of `set_texts` in the order
// the pages use them (headers before footers, parts from the start edge).
struct RunningLines {
  RunningLineCache cache;                        // the lines the parts point at
  std::vector<RunningLineParts> header, footer;  // by page index; all null where there is none
};

// The title of the article each page is in (the last one begun on it or before), for {article}; the
// issue's title on pages before the first article; none for an issue without articles (the issue's
// title on every page).
std::vector<std::string> article_titles(const ResolvedDocument& resolved, const PageBreaks& breaks, int page_count) {
  if (resolved.articles.empty()) return {};
  std::vector<std::string> titles(static_cast<std::size_t>(page_count), resolved.title);
  std::map<std::string, const std::string*, std::less<>> by_anchor;
  for (const ArticleMark& article : resolved.articles) by_anchor.emplace(article.anchor, &article.title);
  for (std::size_t i = 0; i < resolved.blocks.size() && i < breaks.block_first_page.size(); ++i) {
    const auto article = by_anchor.find(resolved.blocks[i].anchor);
    const std::size_t first = breaks.block_first_page[i];
    if (article == by_anchor.end() || first == kNoPage) continue;
    for (std::size_t p = first; p < titles.size(); ++p) titles[p] = *article->second;
  }
  return titles;
}

RunningLines set_running_lines(const ResolvedDocument& resolved, const Body& body, int page_count,
                               const std::vector<std::string>& articles, const SetTexts& set_texts) {
  RunningLines running_lines;
  running_lines.header.resize(static_cast<std::size_t>(page_count));
  running_lines.footer.resize(static_cast<std::size_t>(page_count));
  std::vector<TextBlock> texts;
  std::vector<RunningLineCache::iterator> entries;
  const auto collect = [&](const RunningLine& running, int number, RunningLineParts& lines) {
    const std::array<Part, 3> parts = parts_of(running);
    for (std::size_t k = 0; k < parts.size(); ++k) {
      const TextBlock& part = *parts[k].text;
      if (part.paragraph.text.empty()) continue;
      TextBlock filled = part;
      filled.paragraph = fill_page_numbers(part, running.persian_digits, number, page_count,
                                           articles.empty() ? std::string_view(resolved.title)
                                                            : std::string_view(articles[static_cast<std::size_t>(number - 1)]));
      filled.settings.width = body.width;
      auto [entry, is_new] = running_lines.cache.try_emplace({&part, filled.paragraph.text});
      lines[k] = &entry->second;  // map nodes stay put
      if (!is_new) continue;
      texts.push_back(std::move(filled));
      entries.push_back(entry);
    }
  };
  for (int number = 1; number <= page_count; ++number) {
    const auto index = static_cast<std::size_t>(number - 1);
    if (has_header(resolved, number)) collect(resolved.header, number, running_lines.header[index]);
    if (has_footer(resolved, number)) collect(resolved.footer, number, running_lines.footer[index]);
  }
  if (texts.empty()) return running_lines;
  std::vector<Lines> lines = set_texts(texts);
  assert(lines.size() == texts.size());
  for (std::size_t i = 0; i < entries.size() && i < lines.size(); ++i)
    entries[i]->second = std::move(lines[i]);
  return running_lines;
}

void add_running_line(const RunningLine& running, const RunningLineParts& parts_lines,
                      const ResolvedDocument& resolved, const Body& body, double baseline, std::uint32_t artifact,
                      Page& page, std::optional<Diagnostic>& off_page) {
  const std::array<Part, 3> parts = parts_of(running);
  for (std::size_t k = 0; k < parts.size(); ++k) {
    if (parts_lines[k] == nullptr) continue;
    Lines lines = *parts_lines[k];  // a copy: placing moves the glyphs out
    if (lines.lines.empty()) continue;
    Line& line = lines.lines.front();
    const double width = line_width(line);
    double left = body.left;
    const bool at_left = (parts[k].edge == Edge::start) != resolved.rtl;
    if (parts[k].edge == Edge::centre) {
      left = body.left + (body.width - width) / 2;
    } else if (!at_left) {
      left = body.right() - width;
    }
    place_line(line, left - line_left(line), baseline, &parts[k].text->links, page, off_page,
               {nullptr, artifact, nullptr});
  }
}

// The flow the page breaker takes: one block per resolved block, a box's margin outside its first
// and last blocks' spacing (its padding is inside them).
std::vector<FlowBlock> flow_of(const ResolvedDocument& resolved, const std::vector<SetBlock>& blocks) {
  std::vector<FlowBlock> flow;
  flow.reserve(blocks.size());
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    FlowBlock block = flow_block(resolved.blocks[i], blocks[i]);
    const int group = resolved.blocks[i].box_group;
    if (group >= 0 && (i == 0 || resolved.blocks[i - 1].box_group != group)) {
      block.space_before += resolved.summary_margin;
    }
    if (group >= 0 && (i + 1 == blocks.size() || resolved.blocks[i + 1].box_group != group)) {
      block.space_after += resolved.summary_margin;
    }
    flow.push_back(std::move(block));
  }
  put_masthead_on_grid(resolved, blocks, flow);
  return flow;
}

// Every run of a page becomes an item: reserved at once, the page's items take no more than they need.
std::size_t item_estimate(const PlannedPage& planned, const std::vector<SetBlock>& blocks) {
  std::size_t runs = 8;  // the running lines, rules, boxes and anchors besides
  for (const PlacedLine& placed : planned.lines) {
    const SetBlock& set = blocks[placed.block];
    if (placed.line < set.lines.lines.size()) runs += set.lines.lines[placed.line].runs.size() + 2;
  }
  return runs;
}

// Places the page's lines, figures, anchors, markers and rules; returns the extent of each box
// (summary) group on the page, for its background.
std::vector<BoxExtent> place_body(const ResolvedDocument& resolved, const Body& body, const PlannedPage& planned,
                                  std::vector<SetBlock>& blocks, Page& page, std::optional<Diagnostic>& off_page,
                                  paginating::Tagging* tagging) {
  // A block's element, kNoElement when untagged.
  const auto element = [tagging](std::size_t index) { return tagging ? tagging->block(index) : kNoElement; };
  std::vector<BoxExtent> boxes;
  for (std::size_t p = 0; p < planned.lines.size(); ++p) {
    const PlacedLine& placed = planned.lines[p];
    const ResolvedBlock& block = resolved.blocks[placed.block];
    SetBlock& set = blocks[placed.block];
    const double left = measure_left(body, resolved, block);
    const double width = measure_width(body, block);
    const double top = body.top + placed.top;
    const double baseline = body.top + placed.baseline;

    if (!block.anchor.empty() && placed.line == 0 && !placed.repeated) {
      page.items.emplace_back(Anchor{block.anchor, {left, top}, block.kind != BlockKind::note});
    }
    if (block.kind == BlockKind::table && set.table && block.table) {
      const bool page_top = p == 0 || planned.lines[p - 1].block != placed.block;
      const bool page_foot = p + 1 == planned.lines.size() || planned.lines[p + 1].block != placed.block;
      const double table_left = left + (resolved.rtl ? width - set.table->width : 0);
      paginating::place_table_slice(
          *block.table, *set.table,
          {placed.line, table_left, top, placed.repeated, page_top, page_foot, tagging, placed.block}, page, off_page);
      extend_box(boxes, block.box_group, top, top + placed.height, resolved.summary_padding);
      continue;
    }
    if (block.kind == BlockKind::figure) {
      Image image;
      image.rect = {left + (width - block.image_width) / 2, top, block.image_width, block.image_height};
      image.path = block.image.string();
      image.tag = element(placed.block);
      page.items.emplace_back(std::move(image));
      continue;
    }
    if (placed.line >= set.lines.lines.size()) continue;
    Line& line = set.lines.lines[placed.line];
    const paginating::LineTags tags{tagging, element(placed.block), block.text ? &*block.text : nullptr};
    if (set.contents && placed.line + 1 == set.lines.lines.size()) {
      // The number and leaders need the title's line before it is placed, and are read after it.
      const std::size_t number_from = page.items.size();
      paginating::place_contents_page(resolved, {body.left, body.width}, line, left, baseline, block, set, page,
                                      off_page, tags);
      const std::size_t title_from = page.items.size();
      place_line(line, left, baseline, block.text ? &block.text->links : nullptr, page, off_page, tags);
      std::rotate(page.items.begin() + static_cast<std::ptrdiff_t>(number_from),
                  page.items.begin() + static_cast<std::ptrdiff_t>(title_from), page.items.end());
    } else {
      place_line(line, left, baseline, block.text ? &block.text->links : nullptr, page, off_page, tags);
    }

    if (placed.line == 0 && set.marker && !set.marker->lines.empty()) {
      Line& marker = set.marker->lines.front();
      const double marker_width = line_width(marker);
      const double marker_left = resolved.rtl ? left + width + kMarkerGap : left - kMarkerGap - marker_width;
      place_line(marker, marker_left - line_left(marker), baseline, nullptr, page, off_page,
                 {tagging, tagging ? tagging->label(placed.block) : kNoElement, nullptr});
    }
    extend_box(boxes, block.box_group, top, top + placed.height, resolved.summary_padding);
    if (block.rule_after && placed.line + 1 == set.lines.lines.size()) {
      const double y = baseline + line.descent + kMastheadRuleGap;
      page.items.emplace_back(Rule{{body.left, y}, {body.right(), y}, kRuleThickness, resolved.summary_border});
    }
  }
  return boxes;
}

// Boxes go under the text they hold: inserted before the page's other items.
void put_boxes_under(const ResolvedDocument& resolved, const Body& body, const std::vector<BoxExtent>& boxes,
                     Page& page) {
  std::vector<PageItem> under;
  for (const BoxExtent& extent : boxes) {
    Box box;
    box.rect = {body.left, extent.top - extent.padding, body.width, extent.bottom - extent.top + 2 * extent.padding};
    box.filled = true;
    box.fill = resolved.summary_background;
    box.stroke_width = resolved.summary_border_width;
    box.stroke = resolved.summary_border;
    under.emplace_back(box);
  }
  page.items.insert(page.items.begin(), under.begin(), under.end());
}

// The header (with its rule) and the footer of page index `p`, where the style has them.
void add_running_lines(const ResolvedDocument& resolved, const Body& body, const RunningLines& running_lines,
                       int p, Page& page, std::optional<Diagnostic>& off_page) {
  const int number = p + 1;
  if (has_header(resolved, number)) {
    const double baseline = resolved.page.margin_top * kHeaderBaseline;
    add_running_line(resolved.header, running_lines.header[static_cast<std::size_t>(p)], resolved, body, baseline,
                     kHeaderArtifact, page, off_page);
    const double rule_y = baseline + kHeaderRuleGap;
    page.items.emplace_back(
        Rule{{body.left, rule_y}, {body.right(), rule_y}, 0.4, kRunningRuleColor, kHeaderArtifact});
  }
  if (has_footer(resolved, number)) {
    const double baseline = resolved.page.height - resolved.page.margin_bottom * kFooterBaseline;
    add_running_line(resolved.footer, running_lines.footer[static_cast<std::size_t>(p)], resolved, body, baseline,
                     kFooterArtifact, page, off_page);
  }
}

// libharu keeps a document's pages in one array, of at most 32,767 entries (HPDF_LIMIT_MAX_ARRAY):
// the writer failed on page 32,768 with no location. The issue is refused here instead, at the
// first block that begins past that page (or the last one that begins before it and runs on).
constexpr std::size_t kMostPages = 32767;

std::optional<Diagnostic> too_many_pages(const ResolvedDocument& resolved, const PageBreaks& breaks) {
  if (breaks.pages.size() <= kMostPages) return std::nullopt;
  SourceLocation location;
  for (std::size_t i = 0; i < resolved.blocks.size(); ++i) {
    const std::size_t first = breaks.block_first_page[i];
    if (first == kNoPage) continue;
    if (first >= kMostPages && location.line != 0) break;
    location = resolved.blocks[i].location;
    if (first >= kMostPages) break;
  }
  return make_error(location,
                    "the issue would have " + std::to_string(breaks.pages.size()) +
                        " pages, over the PDF writer's limit of " + std::to_string(kMostPages) +
                        "; page " + std::to_string(kMostPages + 1) + " would begin here",
                    "split the report into several issues");
}

PageBreakParams page_break_params(const ResolvedDocument& resolved) {
  PageBreakParams params;
  params.page_heights = {body_of(resolved.page).height};
  return params;
}

}  // namespace

PageBreaks plan_pages(const ResolvedDocument& resolved, const std::vector<SetBlock>& blocks, DiagnosticSink& sink) {
  Footnotes notes = set_footnotes(resolved, blocks);
  return plan_pages(resolved, blocks, notes, sink);
}

PageBreaks plan_pages(const ResolvedDocument& resolved, const std::vector<SetBlock>& blocks, Footnotes& notes,
                      DiagnosticSink& sink) {
  if (notes.any()) {
    return break_pages_with_footnotes(resolved, flow_of(resolved, blocks), page_break_params(resolved), notes, sink);
  }
  return break_pages(flow_of(resolved, blocks), page_break_params(resolved), sink);
}

PageNumbers anchor_pages(const ResolvedDocument& resolved, const PageBreaks& breaks) {
  PageNumbers pages;
  for (std::size_t i = 0; i < resolved.blocks.size(); ++i) {
    const std::size_t page = breaks.block_first_page[i];
    if (!resolved.blocks[i].anchor.empty() && page != kNoPage) {
      pages.emplace(resolved.blocks[i].anchor, static_cast<int>(page) + 1);
    }
  }
  return pages;
}

PageNumbers anchor_pages(const ResolvedDocument& resolved, const PageBreaks& breaks, const Footnotes& notes) {
  PageNumbers pages = anchor_pages(resolved, breaks);
  for (std::size_t p = 0; p < notes.pages.size(); ++p) {
    for (const NoteSlice& slice : notes.pages[p]) {
      if (!slice.continued && slice.note < resolved.notes.size()) {
        pages.emplace(resolved.notes[slice.note].back_anchor, static_cast<int>(p) + 1);
      }
    }
  }
  return pages;
}

Pagination paginate(const ResolvedDocument& resolved, std::vector<SetBlock>&& blocks, const SetTexts& set_texts,
                    DiagnosticSink& sink, bool tagged) {
  assert(blocks.size() == resolved.blocks.size());
  const Body body = body_of(resolved.page);

  Pagination result;
  Footnotes& notes = result.footnotes;
  notes = set_footnotes(resolved, blocks);
  result.breaks = plan_pages(resolved, blocks, notes, sink);
  if (std::optional<Diagnostic> error = too_many_pages(resolved, result.breaks)) {
    sink.report(*error);
    return result;
  }

  PagedDocument& document = result.document;
  document.info = resolved.info;
  // Pages of notes alone follow when the last page's notes run on.
  while (notes.pages.size() > result.breaks.pages.size()) result.breaks.pages.push_back({{}, body.height});
  const int page_count = static_cast<int>(result.breaks.pages.size());
  const RunningLines running_lines =
      set_running_lines(resolved, body, page_count, article_titles(resolved, result.breaks, page_count), set_texts);
  // An untagged PDF's pages carry no elements: no tree is made (docs/pdf.md, "Tagged PDF").
  std::optional<paginating::Tagging> tagging;
  if (tagged) tagging.emplace(resolved, document.structure);
  std::optional<Diagnostic> off_page;
  for (int p = 0; p < page_count; ++p) {
    const PlannedPage& planned = result.breaks.pages[static_cast<std::size_t>(p)];
    Page page;
    page.width = resolved.page.width;
    page.height = resolved.page.height;
    page.items.reserve(item_estimate(planned, blocks));
    if (!notes.marker_line.empty()) add_marker_anchors(resolved, planned, notes, body.top, body.left, page);
    const std::vector<BoxExtent> boxes = place_body(resolved, body, planned, blocks, page, off_page,
                                                           tagging ? &*tagging : nullptr);
    put_boxes_under(resolved, body, boxes, page);
    if (notes.any()) {
      place_footnotes(resolved, notes.pages[static_cast<std::size_t>(p)], notes, body.left, body.width,
                      body.top + body.height, page, off_page, tagging ? &*tagging : nullptr);
    }
    add_running_lines(resolved, body, running_lines, p, page, off_page);
    document.pages.push_back(std::move(page));
  }
  if (off_page) sink.report(*off_page);
  std::vector<SetBlock>().swap(blocks);  // what is left of the lines is no longer needed

  for (std::size_t i = 0; i < resolved.blocks.size(); ++i) {
    const ResolvedBlock& block = resolved.blocks[i];
    if (block.outline_level > 0 && !block.anchor.empty() && result.breaks.block_first_page[i] != kNoPage) {
      document.outline.push_back({block.outline_title, block.outline_level, block.anchor});
    }
  }
  if (!document.pages.empty()) document.page_labels.push_back({});
  return result;
}

}  // namespace nashr
