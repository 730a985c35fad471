// resolve: notes (their markers, their texts at the foot or the end) and cited sources.
#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "locale/persian_text.h"
#include "resolve/resolver.h"

namespace nashr::resolving {

namespace {

// The marker's size and rise as shares of the text's size (a superscript).
constexpr double kMarkerShare = 0.62;
constexpr double kMarkerRise = 0.36;
// The notes' heading after the body (endnotes) when the style gives no title in the language.
constexpr const char* kNotesTitleEnglish = "Notes";
constexpr const char* kNotesTitlePersian = "یادداشت‌ها";

// The primary subtag of a language: "fa" for "fa-IR".
std::string primary(const std::string& lang) {
  return lang.substr(0, lang.find('-'));
}

// Built-in formats, in the spirit of Chicago's notes (used when the style sheet gives none).
const char* default_format(bool persian) {
  return persian ? "[{author}، ]«{title}»[، {publisher}][، {date}][، {url}][ (دسترسی: {accessed})]."
                 : "[{author}, ]\u201c{title}\u201d[, {publisher}][, {date}][, {url}][ (accessed {accessed})].";
}

// A bracketed group or a stretch of text outside groups, split into literal text and fields.
struct FormatPiece {
  bool field = false;
  std::string text;  // the literal, or the field's name
};
using FormatGroup = std::vector<FormatPiece>;

// "[{author}, ]“{title}”" → groups: [{author} ", "], ["“" {title} "”"]: text outside brackets is a
// group that is never dropped (it shows even when its fields are empty).
std::vector<std::pair<bool, FormatGroup>> parse_format(const std::string& pattern) {
  std::vector<std::pair<bool, FormatGroup>> groups;  // (optional, pieces)
  groups.emplace_back(false, FormatGroup{});
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    const char c = pattern[i];
    if (c == '[' || c == ']') {
      groups.emplace_back(c == '[', FormatGroup{});
      continue;
    }
    FormatGroup& group = groups.back().second;
    if (c == '{') {
      const std::size_t close = pattern.find('}', i);
      if (close == std::string::npos) break;  // (the style reader refuses it)
      group.push_back({true, pattern.substr(i + 1, close - i - 1)});
      i = close;
      continue;
    }
    if (group.empty() || group.back().field) group.push_back({false, {}});
    group.back().text += c;
  }
  return groups;
}

}  // namespace

RunStyle Resolver::note_run(const std::string& lang) const {
  RunStyle run = body_run(lang);
  if (style_.notes.size > 0) run.face.size = style_.notes.size;
  else run.face.size = style_.role(FontRole::caption).size;
  return run;
}

double Resolver::note_leading() const {
  if (style_.notes.leading > 0) return style_.notes.leading;
  return leading_for(style_.role(FontRole::caption), note_run(report_.lang).face.size);
}

void Resolver::note_marker(const Inline& note, const RunStyle& run, BlockBuilder& builder) {
  const std::size_t index = notes_.size();
  ResolvedNote resolved;
  resolved.location = note.location;
  // Not ids a report can use (':' is not in an XML name): a section's id never collides with them.
  resolved.anchor = "note:" + std::to_string(index + 1);
  resolved.back_anchor = "note:" + std::to_string(index + 1) + ":marker";
  int shown = static_cast<int>(index + 1 - article_first_note_);  // each article numbers its own
  if (style_.notes.numbering == NoteNumbering::page) {
    // From 1 on each page: the marker's page comes from the previous layout pass (typeset lays out
    // again until every marker keeps its page); before the first, every note shows 1.
    const auto page = pages_.find(resolved.back_anchor);
    const int on = page == pages_.end() ? 0 : page->second;
    page_references_.push_back({resolved.back_anchor, on, note.location});
    shown = on == 0 ? 1 : ++notes_on_page_[on];
  }
  resolved.number = number(shown, is_persian_language(run.language));

  RunStyle marker = run;
  marker.face.size = run.face.size * kMarkerShare;
  marker.rise = run.face.size * kMarkerRise;
  marker.link = builder.add_link(SpanLink{{}, resolved.anchor});
  generated(builder, resolved.number, marker, SpanIsolation::ltr, note.location);
  builder.add_note_marker(index);

  // The note's own paragraph: its number (linked back to the marker), then its text.
  BlockBuilder text(chain_cache_, style_, note.dir, note.location);
  body_settings(text);
  text.settings().first_line_indent = 0;
  RunStyle note_style = note_run(note.lang);
  RunStyle number_style = note_style;
  number_style.link = text.add_link(SpanLink{{}, resolved.back_anchor});
  generated(text, resolved.number, number_style, SpanIsolation::ltr, note.location);
  text.append(". ", note_style, note.location);
  inlines(note.children, note_style, text);
  resolved.text = text.finish(measure_, note_leading());
  notes_.push_back(std::move(resolved));
}

namespace {

// `run` in language `lang`: an isolate in direction `dir` when `lang` is in the other script's
// language than the text around (an English source or author in a Persian note, or the reverse).
RunStyle in_own_language(RunStyle run, const std::string& lang, Direction dir, BlockBuilder& builder) {
  const std::string own = language_or(lang, run.language);
  if (is_persian_language(own) != is_persian_language(run.language)) {
    run.isolation = to_isolation(dir);
    run.isolate_group = builder.new_isolate_group();
  }
  run.language = own;
  return run;
}

}  // namespace

void Resolver::source_text(const MetaText& text, RunStyle run, BlockBuilder& builder) {
  builder.append(text.text, in_own_language(std::move(run), text.lang, text.dir, builder), text.location);
}

void Resolver::source(const Source& source, RunStyle run, BlockBuilder& builder) {
  // A source is written in its own language's format.
  run = in_own_language(std::move(run), source.lang, source.dir, builder);
  const bool persian = is_persian_language(run.language);
  std::string pattern = default_format(persian);
  for (const SourceFormat& format : style_.notes.formats) {
    if (primary(format.lang) == primary(run.language)) pattern = format.pattern;
  }
  const auto date_text = [&](const std::optional<SourceDate>& date) -> std::string {
    if (!date) return {};
    Result<std::string> text =
        persian ? format_solar_hijri_date(date->gregorian) : format_gregorian_date(date->gregorian, run.language);
    return text ? *text : to_iso_date(date->gregorian);
  };
  const auto empty = [&](const std::string& field) {
    if (field == "author") return source.authors.empty();
    if (field == "title") return source.title.text.empty();
    if (field == "publisher") return source.publisher.text.empty();
    if (field == "date") return !source.date.has_value();
    if (field == "accessed") return !source.accessed.has_value();
    return source.url.value.empty();
  };
  for (const auto& [optional, group] : parse_format(pattern)) {
    if (optional && std::any_of(group.begin(), group.end(),
                                [&](const FormatPiece& piece) { return piece.field && empty(piece.text); })) {
      continue;
    }
    for (const FormatPiece& piece : group) {
      if (!piece.field) {
        builder.append(piece.text, run, source.location);
      } else if (piece.text == "author") {
        for (std::size_t i = 0; i < source.authors.size(); ++i) {
          if (i > 0) {
            const bool last = i + 1 == source.authors.size();
            builder.append(persian ? (last ? " و " : "، ") : (last ? " and " : ", "), run, source.location);
          }
          source_text(source.authors[i], run, builder);
        }
      } else if (piece.text == "title") {
        source_text(source.title, run, builder);
      } else if (piece.text == "publisher") {
        source_text(source.publisher, run, builder);
      } else if (piece.text == "date" || piece.text == "accessed") {
        builder.append(date_text(piece.text == "date" ? source.date : source.accessed), run, source.location);
      } else if (piece.text == "url" && !source.url.value.empty()) {
        RunStyle address = run;
        address.link = builder.add_link(SpanLink{source.url.value, {}});
        address.url = true;
        if (run.isolation == SpanIsolation::ltr) {
          builder.append(source.url.value, address, source.url.location);  // in the source's isolate
        } else {
          generated(builder, source.url.value, address, SpanIsolation::ltr, source.url.location);
        }
      }
    }
  }
  if (source.example) builder.append(persian ? " [نمونه]" : " [example]", run, source.location);
}

void Resolver::add_notes(ResolvedDocument& doc) {
  doc.footnotes.space_before = style_.notes.space_before;
  doc.footnotes.rule_length = style_.notes.rule_length > 0 ? style_.notes.rule_length : measure_ / 3;
  doc.footnotes.rule_colour = style_.role(FontRole::body).colour;
  endnotes(doc.blocks);
  for (std::size_t i = 0; i < doc.blocks.size(); ++i) {
    if (!doc.blocks[i].text) continue;
    for (const NoteMarker& marker : doc.blocks[i].text->note_markers) notes_[marker.note].marker_block = i;
  }
  doc.notes = std::move(notes_);
}

void Resolver::endnotes(std::vector<ResolvedBlock>& out) {
  if (endnotes_done_ < notes_.size() && style_.notes.placement == NotePlacement::end) {
    // The endnotes: a heading in the report's language, then one block per note.
    const bool persian = is_persian_language(report_.lang);
    std::string title = persian ? kNotesTitlePersian : kNotesTitleEnglish;
    for (const auto& [lang, text] : style_.notes.titles) {
      if (primary(lang) == primary(report_.lang)) title = text;
    }
    const HeadingStyle& heading = style_.heading(1);
    BlockBuilder builder(chain_cache_, style_, rtl_ ? Direction::rtl : Direction::ltr, notes_[endnotes_done_].location);
    ragged(builder);
    RunStyle run;
    run.face = {FontRole::heading, FontWeight::bold, FontSlant::upright, heading.size, heading.colour};
    run.language = language_or(report_.lang, "und");
    builder.append(title, run, notes_[endnotes_done_].location);
    ResolvedBlock block = text_block(BlockKind::heading, notes_[endnotes_done_].location, Context{}, builder,
                                     leading_for(style_.role(FontRole::heading), heading.size));
    block.space_before = heading.space_before;
    block.space_after = heading.space_after;
    block.keep_with_next = true;
    block.anchor = generated_id();
    block.outline_level = 1 + outline_offset_;  // an article's under the article
    block.outline_title = title;
    out.push_back(std::move(block));
    for (std::size_t n = endnotes_done_; n < notes_.size(); ++n) {
      ResolvedNote& note = notes_[n];
      ResolvedBlock text;
      text.kind = BlockKind::note;
      text.location = note.location;
      text.text = std::move(note.text);
      note.text.reset();
      text.anchor = note.anchor;
      text.space_after = style_.paragraph.space_after / 2;
      out.push_back(std::move(text));
    }
  }
  endnotes_done_ = notes_.size();
}

}  // namespace nashr::resolving
