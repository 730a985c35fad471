// resolve: the contact lines, the running header and footer, the document information.
#include <algorithm>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "locale/persian_text.h"
#include "resolve/resolver.h"

namespace nashr {
namespace resolving {

void Resolver::contact(std::vector<ResolvedBlock>& out) {
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

void Resolver::copyright(std::vector<ResolvedBlock>& out) {
  const MetaText& copyright = report_.meta.copyright;
  if (copyright.text.empty()) return;
  const RoleStyle& role = style_.role(FontRole::caption);
  BlockBuilder builder(chain_cache_, style_, rtl_ ? Direction::rtl : Direction::ltr, copyright.location);
  ragged(builder);
  RunStyle run;
  run.face = {FontRole::caption, FontWeight::regular, FontSlant::upright, role.size, role.colour};
  run.language = language_or(report_.lang, style_.lang);
  meta_text(builder, run, copyright);
  ResolvedBlock block = text_block(BlockKind::contact, copyright.location, Context{}, builder, role.leading);
  block.space_before = kCopyrightSpaceBefore;
  out.push_back(std::move(block));
}

void Resolver::contact_addresses(BlockBuilder& builder, RunStyle run, std::string_view separator) const {
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

RunningLine Resolver::running_line(const RunningText& text) {
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

TextBlock Resolver::running_part(const std::vector<TemplatePart>& parts, const SourceLocation& location,
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
          const bool labelled = i > 0 && !parts[i - 1].is_field && parts[i - 1].literal.ends_with(kIssnLabel);
          generated(builder, (labelled ? std::string(kIssnLabel) : std::string()) + meta.issns.front().number,
                    run, SpanIsolation::ltr, meta.issns.front().location);
        }
        break;
      case RunningField::volume:
        generated(builder, number(meta.volume.value, persian), run, SpanIsolation::ltr, meta.volume.location);
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
      case RunningField::article:
        // Filled per page by the paginator, in its own direction (an English title in a Persian line).
        generated(builder, "{article}", run, SpanIsolation::first_strong, location);
        break;
    }
  }
  return builder.finish(measure_, role.leading);
}

DocumentInfo Resolver::info() const {
  const Metadata& meta = report_.meta;
  DocumentInfo info;
  info.title = meta.title.text;
  for (const MetaText& author : meta.authors)
    info.author += (info.author.empty() ? "" : std::string(kInfoListSeparator)) + author.text;
  info.subject = meta.subtitle.text.empty() ? meta.series_title.text : meta.subtitle.text;
  for (const MetaText& keyword : meta.keywords)
    info.keywords += (info.keywords.empty() ? "" : std::string(kInfoListSeparator)) + keyword.text;
  info.language = report_.lang;
  if (!meta.issns.empty()) info.issn = meta.issns.front().number;
  info.issue_date = meta.date.value;
  info.volume = meta.volume.value;
  info.issue = meta.issue.value;
  return info;
}

}  // namespace resolving

StyledParagraph fill_page_numbers(const TextBlock& part, bool persian_digits, int page, int pages,
                                  std::string_view article) {
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
    } else if (rest.starts_with("{article}")) {
      field = "{article}";
      value = article;
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
