// The report reader (report_reader.h): articles included into an issue (<include href>), each read
// from its own file (docs/report-format.md, "Several articles in one issue").
// g++ 12 warns falsely on `"literal" + std::string` under -O3 (GCC bug 105329).
#pragma GCC diagnostic ignored "-Wrestrict"

#include <algorithm>
#include <memory>
#include <system_error>

#include "model/report_reader.h"
#include "model/xml_rules.h"

namespace nashr {

namespace fs = std::filesystem;

namespace {

bool inside(const fs::path& child, const fs::path& folder) {
  const fs::path relative = child.lexically_relative(folder);
  return !relative.empty() && *relative.begin() != "..";
}

// "issue.xml → articles/one.xml → articles/two.xml": the chain of includes, relative to the issue's folder.
std::string chain_text(const std::vector<fs::path>& chain, const fs::path& folder, const fs::path& last) {
  std::string text;
  for (const fs::path& file : chain) text += file.lexically_relative(folder).string() + " → ";
  return text + last.lexically_relative(folder).string();
}

}  // namespace

std::optional<Block> ReportReader::read_include(const XmlNode& element, const Context& context, bool in_body,
                                                const std::string& parent_name) {
  if (!in_body) {
    sink_.error(element.location, "<include> is not allowed in <" + parent_name + ">",
                "an article is included directly in <body>: <include href=\"articles/one.xml\"/>");
    return std::nullopt;
  }
  check_attributes(element, {"href"}, sink_);
  if (!element.children.empty())
    sink_.error(element.location, "<include> must be empty", "write <include href=\"articles/one.xml\"/>");
  const XmlAttribute* href = element.attribute("href");
  if (href == nullptr) {
    sink_.error(element.location, "<include> needs an href attribute",
                "name the article's file, e.g. href=\"articles/one.xml\"");
    return std::nullopt;
  }
  const std::optional<fs::path> path = article_path(*href);
  if (!path) return std::nullopt;
  // Named as the including file was (relative when it was given relative): the article's diagnostics
  // read like the issue's.
  const fs::path shown = (fs::path(doc_.path.str()).parent_path() / href->value).lexically_normal();
  Result<XmlDocument> document = parse_xml_file(shown.string(), 1);
  if (!document) {
    sink_.report(document.error());  // located in the article's file
    return std::nullopt;
  }
  // A reader of the article's file with this reader's ids and sink: the article's ids and links are
  // the issue's, and its diagnostics name its own file.
  ReportReader reader(*document, sink_, options_, path->parent_path());
  reader.defer_ids_ = false;
  reader.ids_ = std::move(ids_);
  reader.include_chain_ = include_chain_;
  reader.include_chain_.push_back(fs::weakly_canonical(*path));
  reader.issue_folder_ = issue_folder_;
  reader.in_article_ = true;
  Article article = reader.read_article(document->root, context, href->value, *path);
  ids_ = std::move(reader.ids_);
  links_.insert(links_.end(), reader.links_.begin(), reader.links_.end());
  article.location = element.location;  // the include: where the article stands in the issue
  return Block{std::move(article)};
}

std::optional<fs::path> ReportReader::article_path(const XmlAttribute& href) {
  const std::string& written = href.value;
  const std::string keep_inside = "keep articles in the issue's folder or below it, e.g. articles/one.xml";
  if (written.empty() || fs::path(written).is_absolute()) {
    sink_.error(href.value_location,
                written.empty() ? "empty article path" : "article path '" + written + "' is absolute", keep_inside);
    return std::nullopt;
  }
  const fs::path path = (folder_ / written).lexically_normal();
  if (!inside(path, issue_folder_)) {
    sink_.error(href.value_location, "article path '" + written + "' leaves the issue's folder", keep_inside);
    return std::nullopt;
  }
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) {
    sink_.error(href.value_location, "article file '" + written + "' does not exist",
                "the path is relative to the folder of the file that includes it: " + folder_.string());
    return std::nullopt;
  }
  // A symbolic link may still point outside.
  const fs::path real = fs::canonical(path, ec);
  const fs::path real_folder = fs::canonical(issue_folder_, ec);
  if (!ec && !inside(real, real_folder)) {
    sink_.error(href.value_location, "article path '" + written + "' leads outside the issue's folder through a link",
                keep_inside);
    return std::nullopt;
  }
  if (std::find(include_chain_.begin(), include_chain_.end(), real) != include_chain_.end()) {
    sink_.error(href.value_location,
                "an include cycle: " + chain_text(include_chain_, real_folder, real) + " is read already",
                "an article cannot include the issue or an article that includes it; remove this <include>");
    return std::nullopt;
  }
  return path;
}

Article ReportReader::read_article(const XmlNode& root, const Context& parent, const std::string& href,
                                   const fs::path& path) {
  Article article;
  article.location = root.location;
  auto content = std::make_shared<ArticleContent>();
  article.content = content;
  content->href = href;
  content->path = path;
  if (root.name != "article") {
    sink_.error(root.location, "the root element is <" + root.name + ">, expected <article>",
                "an included file is an article: <article xml:lang=\"en\"><title>…</title><body>…</body></article>");
    return article;
  }
  check_attributes(root, kLanguageAttributes, sink_);
  const Context context = enter(root, parent);
  article.lang = context.lang;
  article.dir = context.dir;
  check_no_text(root, sink_);
  const XmlNode* title = nullptr;
  const XmlNode* subtitle = nullptr;
  const XmlNode* body = nullptr;
  for (const XmlNode& child : root.children) {
    if (!child.is_element()) continue;
    const XmlNode** single = child.name == "title" ? &title : child.name == "subtitle" ? &subtitle
                             : child.name == "body" ? &body : nullptr;
    if (single != nullptr) {
      if (*single != nullptr) duplicate(child, **single);
      else *single = &child;
    } else if (child.name == "author") {
      content->authors.push_back(meta_text(child, context));
    } else if (child.name == "summary") {
      content->summaries.push_back(read_summary(child, context));
    } else {
      report_unknown_element(child, "article", {"title", "subtitle", "author", "summary", "body"}, sink_);
    }
  }
  if (title == nullptr) {
    sink_.error(root.location, "the article has no <title>", "add <title>…</title> after <article>");
  } else {
    content->title = meta_text(*title, context);
    check_pdf_text(content->title.text, content->title.location, "the article's title as an entry of the PDF's outline");
  }
  if (subtitle != nullptr) content->subtitle = meta_text(*subtitle, context);
  if (body == nullptr) {
    sink_.error(root.location, "the article has no <body>", "add <body> with its sections");
  } else {
    check_attributes(*body, kLanguageAttributes, sink_);
    content->body = read_blocks(*body, enter(*body, context), 1);
    if (content->body.empty()) sink_.error(body->location, "<body> is empty", "add sections or paragraphs");
  }
  return article;
}

}  // namespace nashr
