// resolve: the table of contents (<toc/>): a title and one entry per heading of the PDF's outline,
// each with its page number (from the previous layout pass) and leaders (docs/report-format.md,
// "Table of contents").
#include <algorithm>
#include <iterator>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "locale/persian_text.h"
#include "resolve/resolver.h"

namespace nashr::resolving {

namespace {

// The contents' heading when the style gives no title in the report's language.
constexpr const char* kContentsTitleEnglish = "Contents";
constexpr const char* kContentsTitlePersian = "فهرست مطالب";
// Space above an entry of the first level, and above the deeper ones.
constexpr double kFirstLevelSpace = 5;
constexpr double kDeeperLevelSpace = 1;

std::string primary(const std::string& lang) {
  return lang.substr(0, lang.find('-'));
}

}  // namespace

void Resolver::add_contents(ResolvedDocument& doc) {
  if (contents_at_.empty()) return;
  // Each <toc/> lists the whole outline, the headings after it and before it alike; inserted from the
  // last place to the first, so that the places still to fill keep their indices.
  std::vector<std::size_t> inserted(contents_at_.size());
  std::vector<std::vector<ResolvedBlock>> made;
  for (const ContentsPlace& place : contents_at_) made.push_back(contents(doc.blocks, place.location));
  for (std::size_t k = contents_at_.size(); k-- > 0;) {
    inserted[k] = made[k].size();
    const auto at = doc.blocks.begin() + static_cast<std::ptrdiff_t>(contents_at_[k].block);
    doc.blocks.insert(at, std::make_move_iterator(made[k].begin()), std::make_move_iterator(made[k].end()));
  }
  for (ResolvedNote& note : doc.notes) {
    std::size_t shift = 0;
    for (std::size_t k = 0; k < contents_at_.size(); ++k) {
      if (contents_at_[k].block <= note.marker_block) shift += inserted[k];
    }
    note.marker_block += shift;
  }
}

std::vector<ResolvedBlock> Resolver::contents(const std::vector<ResolvedBlock>& blocks,
                                              const SourceLocation& location) {
  std::vector<ResolvedBlock> out;
  const bool persian = is_persian_language(report_.lang);
  std::string title = persian ? kContentsTitlePersian : kContentsTitleEnglish;
  for (const auto& [lang, text] : style_.toc.titles) {
    if (primary(lang) == primary(report_.lang)) title = text;
  }
  const HeadingStyle& heading = style_.heading(1);
  BlockBuilder builder(chain_cache_, style_, rtl_ ? Direction::rtl : Direction::ltr, location);
  ragged(builder);
  RunStyle run;
  run.face = {FontRole::heading, FontWeight::bold, FontSlant::upright, heading.size, heading.colour};
  run.language = language_or(report_.lang, "und");
  builder.append(title, run, location);
  ResolvedBlock block = text_block(BlockKind::heading, location, Context{}, builder,
                                   leading_for(style_.role(FontRole::heading), heading.size));
  block.space_before = heading.space_before;
  block.space_after = heading.space_after;
  block.keep_with_next = true;
  out.push_back(std::move(block));
  for (const ResolvedBlock& entry : blocks) {
    // Sections down to the style's levels; articles' titles and endnotes' headings (no section level) always.
    const ContentsParts* parts = entry.contents.get();
    if (entry.outline_level < 1 || entry.anchor.empty() || (parts && parts->section_level > style_.toc.levels)) continue;
    out.push_back(contents_entry(entry, location));
    if (parts && !parts->byline.empty()) out.push_back(contents_byline(entry, location));
  }
  return out;
}

// An article's authors under its entry, in italics.
ResolvedBlock Resolver::contents_byline(const ResolvedBlock& heading, const SourceLocation& location) {
  BlockBuilder builder(chain_cache_, style_, rtl_ ? Direction::rtl : Direction::ltr, location);
  ragged(builder);
  RunStyle run = body_run(report_.lang);
  run.face.slant = FontSlant::italic;
  builder.append(heading.contents->byline, run, location);
  Context context;
  context.indent_start = heading.outline_level * style_.toc.indent;
  context.indent_end = style_.toc.number_room;
  return text_block(BlockKind::contents_entry, location, context, builder, style_.role(FontRole::body).leading);
}

ResolvedBlock Resolver::contents_entry(const ResolvedBlock& heading, const SourceLocation& location) {
  const TocStyle& toc = style_.toc;
  const bool persian = is_persian_language(report_.lang);
  const Direction dir = rtl_ ? Direction::rtl : Direction::ltr;
  const double leading = style_.role(FontRole::body).leading;
  RunStyle run = body_run(report_.lang);
  if (heading.outline_level == 1) run.face.weight = FontWeight::bold;

  // The title (and the section's number), linked to the heading; the end side keeps room for the page.
  BlockBuilder builder(chain_cache_, style_, dir, location);
  ragged(builder);
  RunStyle title_run = run;
  title_run.link = builder.add_link(SpanLink{{}, heading.anchor});
  const std::string section_number = heading.contents ? heading.contents->number : std::string();
  if (toc.numbers && !section_number.empty()) {
    generated(builder, persian ? to_persian_digits(section_number) : section_number, title_run, SpanIsolation::ltr,
              location);
    builder.append(" ", title_run, location);
  }
  builder.append(heading.outline_title, title_run, location);
  Context context;
  context.indent_start = (heading.outline_level - 1) * toc.indent;
  context.indent_end = toc.number_room;
  ResolvedBlock entry = text_block(BlockKind::contents_entry, location, context, builder, leading);
  entry.space_before = heading.outline_level == 1 ? kFirstLevelSpace : kDeeperLevelSpace;

  // The page number: known from the previous pass; before the first, a one-digit stand-in.
  const auto page = pages_.find(heading.anchor);
  const int page_number = page == pages_.end() ? 0 : page->second;
  page_references_.push_back({heading.anchor, page_number, location});
  BlockBuilder digits(chain_cache_, style_, dir, location);
  ragged(digits);
  digits.settings().alignment = Alignment::end;
  RunStyle number_run = run;
  number_run.link = digits.add_link(SpanLink{{}, heading.anchor});
  generated(digits, number(std::max(page_number, 1), persian), number_run, SpanIsolation::ltr, location);
  entry.contents = std::make_shared<ContentsParts>();
  entry.contents->page_number = digits.finish(toc.number_room, leading);

  if (!toc.leader.empty()) {
    BlockBuilder leader(chain_cache_, style_, dir, location);
    ragged(leader);
    RunStyle leader_run = body_run(report_.lang);
    leader.append(toc.leader, leader_run, location);
    entry.contents->leader = leader.finish(measure_, leading);
    entry.contents->leader_space = toc.leader_space;
  }
  return entry;
}

}  // namespace nashr::resolving
