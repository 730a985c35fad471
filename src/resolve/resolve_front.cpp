// resolve: the masthead and the summaries.
#include <algorithm>
#include <string>
#include <vector>

#include "locale/calendar.h"
#include "locale/persian_text.h"
#include "resolve/resolver.h"

namespace nashr {
namespace resolving {

void Resolver::masthead_line(std::vector<ResolvedBlock>& out, const SourceLocation& location, double share,
                             const std::function<void(BlockBuilder&, RunStyle)>& fill, FontWeight weight,
                             double space_before) {
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

void Resolver::meta_text(BlockBuilder& builder, RunStyle run, const MetaText& text) const {
  run.language = language_or(text.lang, run.language);
  // Text in the other direction than the line's is isolated so it keeps its own order.
  const bool other_direction = (text.dir == Direction::rtl) != rtl_;
  if (other_direction) run.isolation = to_isolation(text.dir);
  builder.append(text.text, run, text.location);
}

void Resolver::masthead(std::vector<ResolvedBlock>& out) {
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
    masthead_line(out, meta.issns.front().location, kMastheadDetailShare, [&](BlockBuilder& b, RunStyle run) {
      for (std::size_t i = 0; i < meta.issns.size(); ++i) {
        const Issn& issn = meta.issns[i];
        if (i > 0) b.append(" · ", run, issn.location);
        generated(b, "ISSN " + issn.number, run, SpanIsolation::ltr, issn.location);
        if (meta.issns.size() > 1)
          b.append(" (" + medium_label(issn.medium, persian) + ")", run, issn.location);
      }
    });
  }

  masthead_line(out, meta.volume.location, kMastheadDetailShare,
                [&](BlockBuilder& b, RunStyle run) { volume_issue(b, run, persian, meta.volume.location); });

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

std::string Resolver::medium_label(IssnMedium medium, bool persian) {
  if (persian) return medium == IssnMedium::print ? "چاپی" : "برخط";
  return medium == IssnMedium::print ? "print" : "online";
}

void Resolver::volume_issue(BlockBuilder& b, RunStyle run, bool persian,
                            const SourceLocation& location) const {
  const Metadata& meta = report_.meta;
  b.append(persian ? "دورهٔ " : "Volume ", run, location);
  generated(b, number(meta.volume.value, persian), run, SpanIsolation::ltr, meta.volume.location);
  b.append(persian ? "، شمارهٔ " : ", Issue ", run, location);
  generated(b, number(meta.issue.value, persian), run, SpanIsolation::ltr, meta.issue.location);
}

void Resolver::append_date(BlockBuilder& b, RunStyle run, const Result<std::string>& date,
                           const SourceLocation& location) const {
  if (!date) {
    sink_.warning(location, "cannot format the issue date: " + date.error().message);
    return;
  }
  // A date with month names in Persian takes its direction from its first strong letter; one
  // with only digits stays LTR (FSI without a strong letter is LRI).
  generated(b, *date, run, SpanIsolation::first_strong, location);
}

void Resolver::summary(const Summary& summary, int group, std::vector<ResolvedBlock>& out) {
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

}  // namespace resolving
}  // namespace nashr
