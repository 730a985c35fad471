// `nashr build --dump=model`: the model as indented text. One node per line: its kind, @line:col,
// [language direction], then its fields; text is JSON-quoted so spaces at the ends are visible.
#include <cstdio>
#include <sstream>

// g++ 12 warns falsely on `"literal" + std::string` under -O3 (GCC bug 105329).
#pragma GCC diagnostic ignored "-Wrestrict"

#include "base/json.h"
#include "model/report.h"

namespace nashr {

namespace {

class Dumper {
 public:
  std::string dump(const Report& report) {
    line(0, "report " + std::string(report.path.substr(report.path.find_last_of('/') + 1)) +
                at(report.location) + " [" + report.lang + " " + to_string(report.dir) +
                "] style=" + json_quote(report.style.value) + " -> " + report.style_path.filename().string());
    meta(report.meta);
    for (const Summary& summary : report.summaries) {
      line(1, "summary" + at(summary.location) + langdir(summary.lang, summary.dir));
      if (!summary.heading.empty()) {
        line(2, "heading");
        inlines(summary.heading, 3);
      }
      blocks(summary.blocks, 2);
    }
    line(1, "body");
    blocks(report.body, 2);
    return out_.str();
  }

 private:
  void line(int depth, const std::string& text) {
    out_ << std::string(static_cast<std::size_t>(depth) * 2, ' ') << text << '\n';
  }

  static std::string at(const SourceLocation& location) {
    return " @" + std::to_string(location.line) + ":" + std::to_string(location.column);
  }

  static std::string langdir(const std::string& lang, Direction dir) {
    return " [" + lang + " " + to_string(dir) + "]";
  }

  void meta_text(const char* name, const MetaText& text) {
    if (text.text.empty()) return;
    line(2,
         std::string(name) + at(text.location) + langdir(text.lang, text.dir) + " " + json_quote(text.text));
  }

  void meta(const Metadata& meta) {
    line(1, "meta" + at(meta.location));
    meta_text("series-title", meta.series_title);
    meta_text("series-title-persian", meta.series_title_persian);
    for (const Issn& issn : meta.issns) {
      line(2, std::string("issn") + at(issn.location) + " " + to_string(issn.medium) + " " + issn.number);
    }
    line(2, "volume" + at(meta.volume.location) + " " + std::to_string(meta.volume.value));
    line(2, "issue" + at(meta.issue.location) + " " + std::to_string(meta.issue.value));
    const CalendarDate& date = meta.date.value;
    char iso[16];
    std::snprintf(iso, sizeof iso, "%04d-%02d-%02d", date.year, date.month, date.day);
    line(2, "date" + at(meta.date.location) + " " + iso);
    if (is_valid_gregorian_date(date)) {
      line(3, "gregorian en " + json_quote(format_gregorian_date(date, "en").value_or(std::string("?"))));
      line(3, "gregorian fa " + json_quote(format_gregorian_date(date, "fa").value_or(std::string("?"))));
      line(3, "solar-hijri fa " + json_quote(format_solar_hijri_date(date).value_or(std::string("?"))));
    }
    meta_text("publisher", meta.publisher);
    meta_text("title", meta.title);
    meta_text("subtitle", meta.subtitle);
    for (const MetaText& author : meta.authors) meta_text("author", author);
    for (const MetaText& keyword : meta.keywords) meta_text("keyword", keyword);
    const Contact& contact = meta.contact;
    if (contact.location.line > 0) {
      line(2, "contact" + at(contact.location) + langdir(contact.lang, contact.dir));
      if (!contact.email.value.empty())
        line(3, "email" + at(contact.email.location) + " " + contact.email.value);
      if (!contact.url.value.empty()) line(3, "url" + at(contact.url.location) + " " + contact.url.value);
      if (!contact.sentence.empty()) {
        line(3, "sentence");
        inlines(contact.sentence, 4);
      }
    }
    meta_text("copyright", meta.copyright);
    if (const std::optional<CoverArt>& art = meta.cover_art) {
      line(2, "cover-art" + at(art->location) + " " + art->image_as_written + " " + to_string(art->format) + " " +
                  std::to_string(art->pixel_width) + "x" + std::to_string(art->pixel_height));
    }
  }

  void blocks(const Blocks& list, int depth) {
    for (const Block& block : list) {
      std::visit([&](const auto& b) { this->block(b, depth); }, block.value);
    }
  }

  void block(const Paragraph& p, int depth) {
    line(depth, "p" + at(p.location) + langdir(p.lang, p.dir));
    inlines(p.content, depth + 1);
  }

  void block(const List& list, int depth) {
    std::string head = list.numbered ? "ol" : "ul";
    if (list.numbered && list.start != 1) head += " start=" + std::to_string(list.start);
    line(depth, head + at(list.location) + langdir(list.lang, list.dir));
    for (const ListItem& item : list.items) {
      line(depth + 1, "li" + at(item.location));
      blocks(item.blocks, depth + 2);
    }
  }

  void block(const Quote& quote, int depth) {
    line(depth, "quote" + at(quote.location) + langdir(quote.lang, quote.dir));
    blocks(quote.blocks, depth + 1);
    if (!quote.attribution.empty()) {
      line(depth + 1, "attribution");
      inlines(quote.attribution, depth + 2);
    }
  }

  static std::string size_of(const Figure& figure) {
    if (figure.format != ImageFormat::pdf) {
      return std::to_string(figure.pixel_width) + "x" + std::to_string(figure.pixel_height);
    }
    char size[64];
    std::snprintf(size, sizeof size, "%.2fx%.2fpt", figure.page_width, figure.page_height);
    return size;
  }

  static std::string width_of(const Figure& figure) {
    if (!figure.width) return "";
    char width[64];
    if (figure.width->value.fraction) {
      std::snprintf(width, sizeof width, " width=%.4g%%", figure.width->value.value * 100);
    } else {
      std::snprintf(width, sizeof width, " width=%.2fpt", figure.width->value.value);
    }
    return width;
  }

  void block(const Figure& figure, int depth) {
    line(depth, "figure" + at(figure.location) + langdir(figure.lang, figure.dir) +
                    (figure.id.empty() ? "" : " id=" + figure.id) +
                    " src=" + json_quote(figure.image_as_written) + " " + to_string(figure.format) + " " +
                    size_of(figure) + width_of(figure) +
                    (figure.alt.empty() ? "" : " alt=" + json_quote(figure.alt)));
    if (!figure.caption.empty()) {
      line(depth + 1, "caption");
      inlines(figure.caption, depth + 2);
    }
  }

  void block(const Table& table, int depth) {
    line(depth, "table" + at(table.location) + langdir(table.lang, table.dir) +
                    (table.id.empty() ? "" : " id=" + table.id));
    if (!table.caption.empty()) {
      line(depth + 1, "caption");
      inlines(table.caption, depth + 2);
    }
    for (const TableColumn& column : table.columns) {
      char value[32];
      std::snprintf(value, sizeof value, "%g", column.value);
      line(depth + 1, std::string("column ") + to_string(column.width) +
                          (column.width == ColumnWidth::fitted ? "" : std::string(" ") + value) + " align=" +
                          to_string(column.align));
    }
    for (const TableRow& row : table.rows) {
      line(depth + 1, std::string(row.header ? "head-row" : "row") + at(row.location));
      for (const TableCell& cell : row.cells) {
        line(depth + 2, "cell" + at(cell.location) + langdir(cell.lang, cell.dir) + " column=" +
                            std::to_string(cell.column + 1) + " span=" + std::to_string(cell.column_span) + "x" +
                            std::to_string(cell.row_span) +
                            (cell.align ? std::string(" align=") + to_string(*cell.align) : ""));
        inlines(cell.content, depth + 3);
      }
    }
  }

  void block(const PageBreak& page_break, int depth) { line(depth, "page-break" + at(page_break.location)); }
  void block(const TableOfContents& toc, int depth) { line(depth, "toc" + at(toc.location)); }

  void block(const Article& article, int depth) {
    const ArticleContent& content = *article.content;
    line(depth, "article" + at(article.location) + langdir(article.lang, article.dir) + " href=" + content.href);
    line(depth + 1, "title" + at(content.title.location) + " " + json_quote(content.title.text));
    if (!content.subtitle.text.empty())
      line(depth + 1, "subtitle" + at(content.subtitle.location) + " " + json_quote(content.subtitle.text));
    for (const MetaText& author : content.authors)
      line(depth + 1, "author" + at(author.location) + " " + json_quote(author.text));
    for (const Summary& summary : content.summaries) {
      line(depth + 1, "summary" + at(summary.location) + langdir(summary.lang, summary.dir));
      blocks(summary.blocks, depth + 2);
    }
    blocks(content.body, depth + 1);
  }

  void block(const Section& section, int depth) {
    line(depth, "section" + at(section.location) + langdir(section.lang, section.dir) + " level=" +
                    std::to_string(section.level) + (section.id.empty() ? "" : " id=" + section.id));
    line(depth + 1, "heading");
    inlines(section.heading, depth + 2);
    blocks(section.blocks, depth + 1);
  }

  void inlines(const InlineContent& content, int depth) {
    for (const Inline& node : content) {
      std::string text = to_string(node.kind) + at(node.location) + langdir(node.lang, node.dir);
      if (node.starts_isolate) text += " isolated";
      if (node.kind == InlineKind::isolate) text += std::string(" kind=") + to_string(node.isolate);
      if (!node.href.empty()) text += " href=" + json_quote(node.href);
      if (!node.target_id.empty()) text += " to=" + node.target_id;
      if (node.kind == InlineKind::ref) text += std::string(" show=") + to_string(node.show);
      if (node.preserved_space) text += " preserved";
      if (node.kind == InlineKind::text) text += " " + json_quote(node.text);
      line(depth, text);
      if (node.source) source(*node.source, depth + 1);
      inlines(node.children, depth + 1);
    }
  }

  void source(const Source& source, int depth) {
    for (const MetaText& author : source.authors) line(depth, "author " + json_quote(author.text));
    line(depth, "title " + json_quote(source.title.text));
    if (!source.publisher.text.empty()) line(depth, "publisher " + json_quote(source.publisher.text));
    const auto date = [&](const char* name, const std::optional<SourceDate>& value) {
      if (!value) return;
      line(depth, std::string(name) + " " + to_iso_date(value->gregorian) +
                      (value->written_solar_hijri ? " (written solar-hijri)" : ""));
    };
    date("date", source.date);
    if (!source.url.value.empty()) line(depth, "url " + json_quote(source.url.value));
    date("accessed", source.accessed);
    if (source.example) line(depth, "example");
  }

  std::ostringstream out_;
};

}  // namespace

std::string dump_report(const Report& report) {
  return Dumper().dump(report);
}

}  // namespace nashr
