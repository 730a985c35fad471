// read_report and the report reader's start (report_reader.h): the report, its attributes and
// context, ids and links.
// g++ 12 warns falsely on `"literal" + std::string` under -O3 (GCC bug 105329).
#pragma GCC diagnostic ignored "-Wrestrict"

#include <algorithm>
#include <optional>
#include <system_error>

#include "base/data_dirs.h"
#include "model/report.h"
#include "model/report_reader.h"
#include "model/xml_rules.h"
#include "model/xml_source.h"

namespace nashr {

namespace fs = std::filesystem;

namespace {

bool is_ncname(std::string_view id) {
  if (id.empty()) return false;
  auto letter = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; };
  if (!letter(id[0])) return false;
  return std::all_of(id.begin(), id.end(),
                     [&](char c) { return letter(c) || (c >= '0' && c <= '9') || c == '-' || c == '.'; });
}

bool is_rtl_language(std::string_view lang) {
  const std::string primary(lang.substr(0, lang.find('-')));
  return primary == "fa" || primary == "ar" || primary == "he" || primary == "ur" || primary == "ps" ||
         primary == "ckb" || primary == "yi" || primary == "dv";
}

}  // namespace

const char* to_string(InlineKind kind) {
  switch (kind) {
    case InlineKind::text: return "text";
    case InlineKind::emphasis: return "em";
    case InlineKind::strong: return "strong";
    case InlineKind::link: return "link";
    case InlineKind::span: return "span";
    case InlineKind::isolate: return "isolate";
    case InlineKind::line_break: return "br";
    case InlineKind::ref: return "ref";
    case InlineKind::note: return "note";
    case InlineKind::source: return "source";
  }
  return "text";
}

const char* to_string(IsolateKind kind) {
  switch (kind) {
    case IsolateKind::number: return "number";
    case IsolateKind::code: return "code";
    case IsolateKind::issn: return "issn";
    case IsolateKind::date: return "date";
    case IsolateKind::email: return "email";
    case IsolateKind::url: return "url";
    case IsolateKind::phone: return "phone";
  }
  return "number";
}

const char* to_string(ImageFormat format) {
  switch (format) {
    case ImageFormat::png: return "png";
    case ImageFormat::jpeg: return "jpeg";
    case ImageFormat::pdf: return "pdf";
  }
  return "?";
}

const char* to_string(RefShow show) {
  switch (show) {
    case RefShow::label: return "label";
    case RefShow::number: return "number";
    case RefShow::page: return "page";
  }
  return "?";
}

const char* to_string(IssnMedium medium) {
  return medium == IssnMedium::print ? "print" : "online";
}

const BlockBase& Block::base() const {
  return std::visit([](const auto& block) -> const BlockBase& { return block; }, value);
}

std::vector<fs::path> style_candidates(const std::string& report_path, const std::string& style) {
  std::error_code ec;
  const fs::path folder = fs::absolute(fs::path(report_path), ec).parent_path().lexically_normal();
  if (style.find('/') != std::string::npos || style.ends_with(".xml")) {
    return {fs::path(style).is_absolute() ? fs::path(style) : folder / style};
  }
  std::vector<fs::path> candidates = {folder.parent_path() / "styles" / (style + ".xml"),
                                      folder / "styles" / (style + ".xml")};
  for (const fs::path& dir : data_dirs()) candidates.push_back(dir / "styles" / (style + ".xml"));
  return candidates;
}

std::optional<fs::path> find_style(const std::string& report_path, const std::string& style) {
  if (style.empty()) return std::nullopt;
  std::error_code ec;
  for (const fs::path& candidate : style_candidates(report_path, style)) {
    if (fs::is_regular_file(candidate, ec)) return candidate.lexically_normal();
  }
  return std::nullopt;
}

char issn_check_digit(std::string_view first_seven) {
  if (first_seven.size() != 7) return '\0';
  int sum = 0;
  for (std::size_t i = 0; i < 7; ++i) {
    if (first_seven[i] < '0' || first_seven[i] > '9') return '\0';
    sum += (first_seven[i] - '0') * static_cast<int>(8 - i);
  }
  const int check = 11 - sum % 11;
  if (check == 10) return 'X';
  if (check == 11) return '0';
  return static_cast<char>('0' + check);
}

const std::vector<std::string> ReportReader::kBlockElements = {"p",      "ul",    "ol",        "quote",
                                                               "figure", "table", "page-break"};
const std::vector<std::string> ReportReader::kInlineElements = {"em",   "strong",  "link", "span",   "isolate",
                                                                "br",   "ref",     "note", "source"};
const std::vector<std::string> ReportReader::kLanguageAttributes = {"xml:lang", "dir", "xml:space"};

bool ReportReader::contains(const std::vector<std::string>& names, std::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

Report ReportReader::read() {
  Report report;
  report.path = doc_.path;
  std::error_code ec;
  report.folder = fs::absolute(fs::path(doc_.path.str()), ec).parent_path().lexically_normal();
  folder_ = report.folder;
  issue_folder_ = report.folder;
  include_chain_ = {fs::weakly_canonical(fs::absolute(fs::path(doc_.path.str()), ec), ec)};
  const XmlNode& root = doc_.root;
  report.location = root.location;
  if (root.name != "report") {
    sink_.error(root.location, "the root element is <" + root.name + ">, expected <report>",
                root.name == "article"
                    ? "an article is built as part of the issue that includes it (<include href=\"…\"/>): build the issue"
                    : "a report starts with <report xml:lang=\"en\" style=\"persian-files\">");
    return report;
  }
  check_attributes(root, with({"style"}, kLanguageAttributes), sink_);
  Context context;
  if (!root.attribute("xml:lang")) {
    sink_.error(root.location, "<report> needs an xml:lang attribute",
                "write xml:lang=\"en\" or xml:lang=\"fa\"");
  }
  context = enter(root, context);
  report.lang = context.lang;
  report.dir = context.dir;
  read_style_attribute(root, report);

  check_no_text(root, sink_);
  const XmlNode* meta = nullptr;
  const XmlNode* body = nullptr;
  for (const XmlNode& child : root.children) {
    if (!child.is_element()) continue;
    if (child.name == "meta") {
      if (meta != nullptr)
        duplicate(child, *meta);
      else
        meta = &child;
    } else if (child.name == "summary") {
      report.summaries.push_back(read_summary(child, context));
    } else if (child.name == "body") {
      if (body != nullptr)
        duplicate(child, *body);
      else
        body = &child;
    } else {
      report_unknown_element(child, "report", {"meta", "summary", "body"}, sink_);
    }
  }
  if (meta == nullptr) {
    sink_.error(root.location, "the report has no <meta>",
                "add <meta> with the series title, ISSN, volume, "
                "issue, date, publisher and title");
  } else {
    report.meta = read_meta(*meta, context);
  }
  if (body == nullptr) {
    sink_.error(root.location, "the report has no <body>", "add <body> with its sections");
  } else {
    check_attributes(*body, kLanguageAttributes, sink_);
    const Context body_context = enter(*body, context);
    report.body = read_body(*body, body_context);
    if (report.body.empty()) sink_.error(body->location, "<body> is empty", "add sections or paragraphs");
    check_destination_count(report.body);
    check_toc_has_sections(report.body);
  }
  check_links();
  return report;
}

// ---- attributes and context ----------------------------------------------------------------------

ReportReader::Context ReportReader::enter(const XmlNode& element, Context context) {
  if (const XmlAttribute* lang = element.attribute("xml:lang")) {
    if (lang->value.empty() || lang->value.find(' ') != std::string::npos) {
      sink_.error(lang->value_location, "'" + lang->value + "' is not a language tag",
                  "use a BCP 47 tag such as en, fa or fa-IR");
    } else {
      context.lang = lang->value;
      // A new language without a direction of its own gets its natural direction.
      if (!element.attribute("dir"))
        context.dir = is_rtl_language(lang->value) ? Direction::rtl : Direction::ltr;
    }
  }
  if (const XmlAttribute* dir = element.attribute("dir")) {
    if (dir->value == "ltr")
      context.dir = Direction::ltr;
    else if (dir->value == "rtl")
      context.dir = Direction::rtl;
    else if (dir->value == "auto")
      context.dir = Direction::auto_detect;
    else
      bad_value(*dir, {"ltr", "rtl", "auto"});
  }
  if (const XmlAttribute* space = element.attribute("xml:space")) {
    if (space->value == "preserve")
      context.preserve_space = true;
    else if (space->value == "default")
      context.preserve_space = false;
    else
      bad_value(*space, {"default", "preserve"});
  }
  return context;
}

void ReportReader::bad_value(const XmlAttribute& attribute, const std::vector<std::string>& allowed) {
  report_bad_value(attribute, allowed, sink_);
}

void ReportReader::duplicate(const XmlNode& element, const XmlNode& first) {
  sink_.error(
      element.location,
      "<" + element.name + "> is given twice (first at line " + std::to_string(first.location.line) + ")",
      "keep one");
}

void ReportReader::read_style_attribute(const XmlNode& root, Report& report) {
  const XmlAttribute* style = root.attribute("style");
  if (style == nullptr) {
    sink_.error(root.location, "<report> needs a style attribute",
                "name a style from styles/, e.g. style=\"persian-files\"");
    return;
  }
  report.style = {style->value, style->value_location};
  const std::string& name = style->value;
  const bool is_path = name.find('/') != std::string::npos || name.ends_with(".xml");
  const std::vector<fs::path> candidates = style_candidates(doc_.path, name);
  if (std::optional<fs::path> found = find_style(doc_.path, name)) {
    report.style_path = *found;
    return;
  }
  std::error_code ec;
  std::vector<std::string> known;
  for (const fs::path& candidate : candidates) {
    for (const auto& entry : fs::directory_iterator(candidate.parent_path(), ec)) {
      if (entry.path().extension() == ".xml") known.push_back(entry.path().stem().string());
    }
  }
  std::sort(known.begin(), known.end());
  known.erase(std::unique(known.begin(), known.end()), known.end());
  std::string hint = "styles live in styles/<name>.xml next to the reports folder";
  if (!is_path && !known.empty()) hint = unknown_name_hint(name, known, "styles/", false);
  std::string looked;
  for (const fs::path& candidate : candidates) looked += (looked.empty() ? "" : ", ") + candidate.string();
  sink_.error(style->value_location, "style '" + name + "' not found (looked for " + looked + ")", hint);
}

// ---- ids and links ------------------------------------------------------------------------------

void ReportReader::register_id(const XmlAttribute& id) {
  if (defer_ids_) {
    // Whether the id is taken depends on the parts read before this one: settled in order when
    // the parts are joined (join_part), at the same place among the diagnostics.
    deferred_ids_.push_back({sink_.diagnostics().size(), &id});
    return;
  }
  if (id.value.size() > kLongestId) {
    sink_.error(id.value_location,
                "the id is " + std::to_string(id.value.size()) + " characters long, over the limit of " +
                    std::to_string(kLongestId),
                "use a short id (a PDF name holds at most " + std::to_string(kLongestId) + " bytes)");
    return;
  }
  if (!is_ncname(id.value)) {
    sink_.error(id.value_location, "'" + id.value + "' is not a valid id",
                "start with a letter; use letters, digits, '-', '_' and '.', e.g. id=\"background\"");
    return;
  }
  auto [it, inserted] = ids_.emplace(id.value, id.value_location);
  if (!inserted) {
    sink_.error(id.value_location,
                "id '" + id.value + "' is already used (line " + std::to_string(it->second.line) + ")",
                "give every section and figure its own id");
  }
}

void ReportReader::check_links() {
  std::vector<std::string> known;
  for (const auto& entry : ids_) known.push_back(entry.first);
  for (const auto& [target, location] : links_) {
    if (ids_.count(target)) continue;
    const std::string closest = closest_name(target, known);
    sink_.error(location, "link to '" + target + "', but no section, figure or table has that id",
                closest.empty() ? "give the target section id=\"" + target + "\""
                                : "did you mean '" + closest + "'?");
  }
}

void ReportReader::check_toc_has_sections(const Blocks& body) {
  const bool has_section = std::any_of(body.begin(), body.end(), [](const Block& block) {
    return std::holds_alternative<Section>(block.value) || std::holds_alternative<Article>(block.value);
  });
  if (has_section) return;
  for (const Block& block : body) {
    if (!std::holds_alternative<TableOfContents>(block.value)) continue;
    sink_.warning(block.base().location, "<toc/> in an issue without sections lists nothing",
                  "divide the body into <section>s with headings, or remove <toc/>");
  }
}

void ReportReader::check_destination_count(const Blocks& body) {
  std::size_t destinations = 0;
  const auto count = [&](const auto& self, const Blocks& blocks) -> bool {
    for (const Block& block : blocks) {
      if (const Quote* quote = std::get_if<Quote>(&block.value); quote != nullptr && !self(self, quote->blocks))
        return false;
      if (const List* list = std::get_if<List>(&block.value)) {
        for (const ListItem& item : list->items)
          if (!self(self, item.blocks)) return false;
      }
      if (const Article* article = std::get_if<Article>(&block.value);
          article != nullptr && !self(self, article->content->body))
        return false;
      const Section* section = std::get_if<Section>(&block.value);
      const Figure* figure = std::get_if<Figure>(&block.value);
      const Table* table = std::get_if<Table>(&block.value);
      if (section == nullptr && (figure == nullptr || figure->id.empty()) && (table == nullptr || table->id.empty()))
        continue;
      if (++destinations > kMostDestinations) {
        sink_.error(block.base().location,
                    "more than " + std::to_string(kMostDestinations) + " sections and figures with an id",
                    "a PDF holds at most " + std::to_string(kMostDestinations) +
                        " named destinations; split the report into several issues");
        return false;
      }
      if (section != nullptr && !self(self, section->blocks)) return false;
    }
    return true;
  };
  count(count, body);
}

Result<Report> read_report(const std::string& path, DiagnosticSink& sink, const ReadOptions& options) {
  Result<XmlDocument> document = parse_xml_file(path, options.threads);
  if (!document) {
    sink.report(document.error());
    return fail(document.error());
  }
  return read_report(*document, sink, options);
}

Result<Report> read_report(const XmlDocument& document, DiagnosticSink& sink, const ReadOptions& options) {
  DiagnosticSink local;
  ReportReader reader(document, local, options);
  Report report = reader.read();
  const std::optional<Diagnostic> first_error = report_in_source_order(local, sink);
  if (first_error) return fail(*first_error);
  return report;
}

}  // namespace nashr
