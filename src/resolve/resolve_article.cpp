// resolve: the articles of an issue (<include href>, docs/report-format.md "Several articles in one
// issue"): each on a new page under its title, subtitle and authors, then its summaries, body and
// endnotes, its sections and notes numbered from 1.
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "locale/persian_text.h"
#include "resolve/resolver.h"

namespace nashr::resolving {

namespace {

// The article's title in the masthead role, at this share of its size; the subtitle and the authors.
constexpr double kArticleTitleShare = 0.85;
constexpr double kArticleSubtitleShare = 0.6;
constexpr double kArticleAuthorShare = 0.5;
constexpr double kArticleTitleSpaceAfter = 4;
constexpr double kArticleBylineSpaceAfter = 14;

}  // namespace

void Resolver::article(const Article& article, std::vector<ResolvedBlock>& out) {
  const ArticleContent& content = *article.content;
  // A new page for every article but one that starts the body right under the masthead.
  const bool after_body = !contents_at_.empty() || articles_ > 0 ||
                          (!out.empty() && out.back().kind != BlockKind::masthead && out.back().box_group < 0);
  if (after_body) {
    ResolvedBlock page_break;
    page_break.kind = BlockKind::page_break;
    page_break.location = article.location;
    out.push_back(std::move(page_break));
  }
  ++articles_;
  article_title(article, out);
  for (const Summary& summary : content.summaries) {
    this->summary(summary, static_cast<int>(report_.summaries.size()) + box_groups_++, out);
  }
  article_first_note_ = notes_.size();
  outline_offset_ = 1;
  for (const Block& block : content.body) body_block(block, Context{}, out);
  endnotes(out);
  outline_offset_ = 0;
}

void Resolver::article_title(const Article& article, std::vector<ResolvedBlock>& out) {
  const ArticleContent& content = *article.content;
  const RoleStyle& role = style_.role(FontRole::masthead);
  const Direction dir = article.dir == Direction::auto_detect ? (rtl_ ? Direction::rtl : Direction::ltr) : article.dir;
  const auto line = [&](double share, FontWeight weight, FontSlant slant, const std::vector<const MetaText*>& texts,
                        const std::string& separator) {
    BlockBuilder builder(chain_cache_, style_, dir, article.location);
    ragged(builder);
    RunStyle run;
    run.face = {FontRole::masthead, weight, slant, role.size * share, role.colour};
    run.language = language_or(article.lang, report_.lang);
    for (std::size_t i = 0; i < texts.size(); ++i) {
      if (i > 0) builder.append(separator, run, texts[i]->location);
      meta_text(builder, run, *texts[i]);
    }
    return text_block(BlockKind::masthead, texts.front()->location, Context{}, builder,
                      leading_for(role, role.size * share));
  };
  ResolvedBlock title = line(kArticleTitleShare, FontWeight::bold, FontSlant::upright, {&content.title}, {});
  title.anchor = "article:" + std::to_string(articles_);  // ':' is in no XML id: never a section's
  title.outline_level = 1;
  title.outline_title = content.title.text;
  title.keep_with_next = true;
  title.space_after = kArticleTitleSpaceAfter;
  const bool persian = is_persian_language(language_or(article.lang, report_.lang));
  const std::string separator = persian ? "، " : ", ";
  if (wants_contents_) {
    title.contents = std::make_shared<ContentsParts>();
    for (std::size_t i = 0; i < content.authors.size(); ++i) {
      title.contents->byline += (i > 0 ? separator : std::string()) + content.authors[i].text;
    }
  }
  articles_placed_.push_back({title.anchor, content.title.text});
  out.push_back(std::move(title));
  if (!content.subtitle.text.empty()) {
    ResolvedBlock subtitle = line(kArticleSubtitleShare, FontWeight::regular, FontSlant::upright, {&content.subtitle}, {});
    subtitle.keep_with_next = true;
    subtitle.space_after = kArticleTitleSpaceAfter;
    out.push_back(std::move(subtitle));
  }
  std::vector<const MetaText*> authors;
  for (const MetaText& author : content.authors) authors.push_back(&author);
  if (!authors.empty()) {
    ResolvedBlock byline = line(kArticleAuthorShare, FontWeight::regular, FontSlant::italic, authors, separator);
    byline.keep_with_next = true;
    out.push_back(std::move(byline));
  }
  out.back().space_after = kArticleBylineSpaceAfter;
  out.back().rule_after = true;
}

}  // namespace nashr::resolving
