// The report reader: XmlDocument → Report, checking the vocabulary of docs/report-format.md as it
// goes and collecting every error.
// g++ 12 warns falsely on `"literal" + std::string` under -O3 (GCC bug 105329).
#pragma GCC diagnostic ignored "-Wrestrict"

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <exception>
#include <fstream>
#include <iterator>
#include <map>
#include <optional>
#include <span>
#include <system_error>
#include <thread>

#include "base/byte_scan.h"
#include "locale/persian_text.h"
#include "model/image_check.h"
#include "model/report.h"
#include "model/xml_rules.h"
#include "model/xml_source.h"

namespace nashr {

namespace fs = std::filesystem;

const char* to_string(InlineKind kind) {
  switch (kind) {
    case InlineKind::text: return "text";
    case InlineKind::emphasis: return "em";
    case InlineKind::strong: return "strong";
    case InlineKind::link: return "link";
    case InlineKind::span: return "span";
    case InlineKind::isolate: return "isolate";
    case InlineKind::line_break: return "br";
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
  return format == ImageFormat::png ? "png" : "jpeg";
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
  return {folder.parent_path() / "styles" / (style + ".xml"), folder / "styles" / (style + ".xml"),
          fs::path(NASHR_SOURCE_DIR) / "styles" / (style + ".xml")};
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

namespace {

const std::vector<std::string> kBlockElements = {"p", "ul", "ol", "quote", "figure", "page-break"};
const std::vector<std::string> kInlineElements = {"em", "strong", "link", "span", "isolate", "br"};
const std::vector<std::string> kLanguageAttributes = {"xml:lang", "dir", "xml:space"};

std::vector<std::string> with(std::vector<std::string> names, const std::vector<std::string>& more) {
  names.insert(names.end(), more.begin(), more.end());
  return names;
}

bool contains(const std::vector<std::string>& names, std::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

bool is_xml_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// The offset of the first XML white space in text[from, end), or text.size(). All four are below
// 0x21; another control character there is passed over.
std::size_t find_xml_space(std::string_view text, std::size_t from) {
  return find_byte(
      text, from, [](std::uint64_t word) { return bytes_below(word, 0x21); },
      [](unsigned char byte) { return is_xml_space(static_cast<char>(byte)); });
}

// Language, direction and white-space mode in force at an element.
struct Context {
  std::string lang;
  Direction dir = Direction::auto_detect;
  bool preserve_space = false;
  bool in_isolate = false;
};

bool is_ncname(std::string_view id) {
  if (id.empty()) return false;
  auto letter = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; };
  if (!letter(id[0])) return false;
  return std::all_of(id.begin(), id.end(),
                     [&](char c) { return letter(c) || (c >= '0' && c <= '9') || c == '-' || c == '.'; });
}

class ReportReader {
 public:
  ReportReader(const XmlDocument& document, DiagnosticSink& sink, const ReadOptions& options)
      : doc_(document), locator_(document), sink_(sink), options_(options) {}

  // A reader of one part of <body>, beside the reader of the whole (see read_body).
  ReportReader(const XmlDocument& document, DiagnosticSink& sink, const ReadOptions& options,
               const fs::path& folder)
      : doc_(document),
        locator_(document),
        sink_(sink),
        options_(options),
        folder_(folder),
        defer_ids_(true) {}

  Report read() {
    Report report;
    report.path = doc_.path;
    std::error_code ec;
    report.folder = fs::absolute(fs::path(doc_.path.str()), ec).parent_path().lexically_normal();
    folder_ = report.folder;
    const XmlNode& root = doc_.root;
    report.location = root.location;
    if (root.name != "report") {
      sink_.error(root.location, "the root element is <" + root.name + ">, expected <report>",
                  "a report starts with <report xml:lang=\"en\" style=\"persian-files\">");
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
    }
    check_links();
    return report;
  }

 private:
  // ---- attributes and context --------------------------------------------------------------------

  Context enter(const XmlNode& element, Context context) {
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

  static bool is_rtl_language(std::string_view lang) {
    const std::string primary(lang.substr(0, lang.find('-')));
    return primary == "fa" || primary == "ar" || primary == "he" || primary == "ur" || primary == "ps" ||
           primary == "ckb" || primary == "yi" || primary == "dv";
  }

  void bad_value(const XmlAttribute& attribute, const std::vector<std::string>& allowed) {
    report_bad_value(attribute, allowed, sink_);
  }

  void duplicate(const XmlNode& element, const XmlNode& first) {
    sink_.error(
        element.location,
        "<" + element.name + "> is given twice (first at line " + std::to_string(first.location.line) + ")",
        "keep one");
  }

  void read_style_attribute(const XmlNode& root, Report& report) {
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
    sink_.error(style->value_location,
                "style '" + name + "' not found (looked for " + candidates.front().string() + ")", hint);
  }

  // ---- metadata ----------------------------------------------------------------------------------

  MetaText meta_text(const XmlNode& element, const Context& parent) {
    check_attributes(element, kLanguageAttributes, sink_);
    const Context context = enter(element, parent);
    MetaText text;
    text.lang = context.lang;
    text.dir = context.dir;
    text.location = element.location;
    std::string raw;
    bool located = false;
    for (const XmlNode& child : element.children) {
      if (child.is_element()) {
        sink_.error(child.location, "<" + element.name + "> holds plain text only, not <" + child.name + ">",
                    "remove the markup");
        continue;
      }
      if (!located) {
        const std::size_t first = child.text.find_first_not_of(" \t\r\n");
        if (first != std::string::npos) {
          text.location = locator_.text_location(child, first);
          located = true;
        }
      }
      raw += persian_checked(child, context);
    }
    text.text = collapse_white_space(raw);
    if (text.text.empty()) {
      sink_.error(element.location, "<" + element.name + "> is empty", "write its text or remove it");
    }
    return text;
  }

  Located<int> positive_number(const XmlNode& element) {
    check_attributes(element, {}, sink_);
    Located<int> number;
    const std::string text = plain_text(doc_, element, sink_, &number.location);
    const bool digits = !text.empty() && text.size() <= 6 &&
                        std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (!digits || std::stoi(text) < 1) {
      sink_.error(number.location, "<" + element.name + "> must be a whole number from 1, not '" + text + "'",
                  "write it with ASCII digits, e.g. <" + element.name + ">29</" + element.name + ">");
      return number;
    }
    number.value = std::stoi(text);
    return number;
  }

  Located<CalendarDate> iso_date(const XmlNode& element) {
    check_attributes(element, {}, sink_);
    Located<CalendarDate> date;
    const std::string text = plain_text(doc_, element, sink_, &date.location);
    const bool shape =
        text.size() == 10 && text[4] == '-' && text[7] == '-' &&
        std::all_of(text.begin(), text.end(), [](char c) { return (c >= '0' && c <= '9') || c == '-'; });
    if (!shape) {
      sink_.error(date.location, "'" + text + "' is not an ISO 8601 date",
                  "write the date as YYYY-MM-DD, e.g. 2025-01-20");
      return date;
    }
    const CalendarDate value{std::stoi(text.substr(0, 4)), std::stoi(text.substr(5, 2)),
                             std::stoi(text.substr(8, 2))};
    if (!is_valid_gregorian_date(value)) {
      static const char* kMonths[] = {"January", "February", "March",     "April",   "May",      "June",
                                      "July",    "August",   "September", "October", "November", "December"};
      std::string hint = "months run from 01 to 12";
      if (value.month >= 1 && value.month <= 12) {
        hint = std::string(kMonths[value.month - 1]) + " " + std::to_string(value.year) + " has " +
               std::to_string(gregorian_days_in_month(value.year, value.month)) + " days";
      }
      sink_.error(date.location, "impossible date " + text, hint);
      return date;
    }
    date.value = value;
    return date;
  }

  Issn read_issn(const XmlNode& element) {
    check_attributes(element, {"medium"}, sink_);
    Issn issn;
    if (const XmlAttribute* medium = element.attribute("medium")) {
      if (medium->value == "print")
        issn.medium = IssnMedium::print;
      else if (medium->value == "online")
        issn.medium = IssnMedium::online;
      else
        bad_value(*medium, {"print", "online"});
    } else {
      sink_.error(element.location, "<issn> needs a medium attribute",
                  "write medium=\"print\" or medium=\"online\"");
    }
    std::string text = plain_text(doc_, element, sink_, &issn.location);
    if (text.starts_with("ISSN ")) text = text.substr(5);
    const bool shape =
        text.size() == 9 && text[4] == '-' &&
        std::all_of(text.begin(), text.begin() + 4, [](char c) { return c >= '0' && c <= '9'; }) &&
        std::all_of(text.begin() + 5, text.begin() + 8, [](char c) { return c >= '0' && c <= '9'; }) &&
        ((text[8] >= '0' && text[8] <= '9') || text[8] == 'X' || text[8] == 'x');
    if (!shape) {
      sink_.error(issn.location, "'" + text + "' is not an ISSN",
                  "write four digits, a hyphen and four more, e.g. 2975-0598");
      return issn;
    }
    if (text[8] == 'x') text[8] = 'X';
    const char expected = issn_check_digit(text.substr(0, 4) + text.substr(5, 3));
    if (text[8] != expected) {
      sink_.error(issn.location, "ISSN " + text + " has a wrong check digit",
                  "the check digit for " + text.substr(0, 8) + " is " + std::string(1, expected));
    }
    issn.number = text;
    return issn;
  }

  Metadata read_meta(const XmlNode& meta_element, const Context& parent) {
    Metadata meta;
    meta.location = meta_element.location;
    check_attributes(meta_element, kLanguageAttributes, sink_);
    const Context context = enter(meta_element, parent);
    check_no_text(meta_element, sink_);
    static const std::vector<std::string> kAllowed = {"series-title", "issn",      "volume",  "issue",
                                                      "date",         "publisher", "title",   "subtitle",
                                                      "author",       "keyword",   "contact", "copyright"};
    std::map<std::string, const XmlNode*> seen;
    bool have_series = false;
    for (const XmlNode& child : meta_element.children) {
      if (!child.is_element()) continue;
      const std::string& name = child.name;
      if (!contains(kAllowed, name)) {
        report_unknown_element(child, "meta", kAllowed, sink_);
        continue;
      }
      const bool repeatable =
          name == "issn" || name == "author" || name == "keyword" || name == "series-title";
      if (!repeatable) {
        if (seen.count(name)) {
          duplicate(child, *seen[name]);
          continue;
        }
        seen[name] = &child;
      }
      if (name == "series-title") {
        MetaText text = meta_text(child, context);
        MetaText& slot = is_persian_language(text.lang) ? meta.series_title_persian : meta.series_title;
        if (!slot.text.empty()) {
          sink_.error(child.location, "a second <series-title> in " + text.lang,
                      "give one series title in the report's language and one in Persian (xml:lang=\"fa\")");
        }
        slot = std::move(text);
        have_series = true;
      } else if (name == "issn") {
        meta.issns.push_back(read_issn(child));
      } else if (name == "volume") {
        meta.volume = positive_number(child);
      } else if (name == "issue") {
        meta.issue = positive_number(child);
      } else if (name == "date") {
        meta.date = iso_date(child);
      } else if (name == "publisher") {
        meta.publisher = meta_text(child, context);
      } else if (name == "title") {
        meta.title = meta_text(child, context);
      } else if (name == "subtitle") {
        meta.subtitle = meta_text(child, context);
      } else if (name == "author") {
        meta.authors.push_back(meta_text(child, context));
      } else if (name == "keyword") {
        meta.keywords.push_back(meta_text(child, context));
      } else if (name == "contact") {
        meta.contact = read_contact(child, context);
      } else if (name == "copyright") {
        meta.copyright = meta_text(child, context);
      }
    }
    if (meta.series_title.text.empty() && !meta.series_title_persian.text.empty()) {
      meta.series_title = meta.series_title_persian;  // a Persian-only series
    }
    auto require = [&](bool present, const char* element, const char* example) {
      if (!present) {
        sink_.error(meta_element.location, std::string("missing required metadata <") + element + ">",
                    std::string("add ") + example + " inside <meta>");
      }
    };
    require(have_series, "series-title", "<series-title>Persian Files</series-title>");
    require(!meta.issns.empty(), "issn", "<issn medium=\"online\">2975-0598</issn>");
    require(seen.count("volume") > 0, "volume", "<volume>29</volume>");
    require(seen.count("issue") > 0, "issue", "<issue>2</issue>");
    require(seen.count("date") > 0, "date", "<date>2025-01-20</date>");
    require(seen.count("publisher") > 0, "publisher", "<publisher>SpecialEurasia OSINT Unit</publisher>");
    require(seen.count("title") > 0, "title", "<title>…</title>");
    return meta;
  }

  Contact read_contact(const XmlNode& element, const Context& parent) {
    Contact contact;
    contact.location = element.location;
    check_attributes(element, kLanguageAttributes, sink_);
    const Context context = enter(element, parent);
    contact.lang = context.lang;
    contact.dir = context.dir;
    check_no_text(element, sink_);
    for (const XmlNode& child : element.children) {
      if (!child.is_element()) continue;
      if (child.name == "email") {
        check_attributes(child, {}, sink_);
        contact.email.value = plain_text(doc_, child, sink_, &contact.email.location);
        const std::string& email = contact.email.value;
        const std::size_t at = email.find('@');
        if (at == std::string::npos || at == 0 || email.find('@', at + 1) != std::string::npos ||
            email.find('.', at) == std::string::npos || email.find(' ') != std::string::npos) {
          sink_.error(contact.email.location, "'" + email + "' is not an e-mail address",
                      "write it as name@example.com");
        }
      } else if (child.name == "url") {
        check_attributes(child, {}, sink_);
        contact.url.value = plain_text(doc_, child, sink_, &contact.url.location);
        check_url(contact.url.value, contact.url.location);
      } else if (child.name == "sentence") {
        check_attributes(child, kLanguageAttributes, sink_);
        contact.sentence = read_inline_block(child, enter(child, context));
      } else {
        report_unknown_element(child, "contact", {"email", "url", "sentence"}, sink_);
      }
    }
    return contact;
  }

  bool check_url(const std::string& url, const SourceLocation& location) {
    const bool ok = (url.starts_with("https://") || url.starts_with("http://")) && url.size() > 8 &&
                    url.find(' ') == std::string::npos;
    if (!ok) {
      sink_.error(location, "'" + url + "' is not a web address",
                  "write it in full, e.g. https://www.example.com/");
    }
    return ok;
  }

  // ---- blocks ------------------------------------------------------------------------------------

  Summary read_summary(const XmlNode& element, const Context& parent) {
    Summary summary;
    check_attributes(element, kLanguageAttributes, sink_);
    const Context context = enter(element, parent);
    set_base(summary, element, context);
    const XmlNode* heading = find_heading(element, "heading");
    if (heading != nullptr) {
      check_attributes(*heading, kLanguageAttributes, sink_);
      summary.heading = read_inline_block(*heading, enter(*heading, context));
    }
    summary.blocks = read_blocks(element, context, 0, "heading");
    if (summary.blocks.empty())
      sink_.error(element.location, "<summary> is empty", "write the executive summary");
    return summary;
  }

  template <class B>
  void set_base(B& block, const XmlNode& element, const Context& context) {
    block.location = element.location;
    block.lang = context.lang;
    block.dir = context.dir;
  }

  // The first child element called `name` (a heading, an attribution); a second one is reported.
  const XmlNode* find_heading(const XmlNode& element, std::string_view name) {
    const XmlNode* found = nullptr;
    for (const XmlNode& child : element.children) {
      if (!child.is_element() || child.name != name) continue;
      if (found != nullptr)
        duplicate(child, *found);
      else
        found = &child;
    }
    return found;
  }

  // The block children of `element`, leaving out child elements called `skip` (read by the
  // caller); `section_level` is the level a <section> child would have (0: none allowed here).
  Blocks read_blocks(const XmlNode& element, const Context& context, int section_level,
                     std::string_view skip = {}) {
    return read_blocks(element, element.children, context, section_level, skip);
  }

  // The same for some of the element's children (a part of <body>).
  Blocks read_blocks(const XmlNode& element, std::span<const XmlNode> children, const Context& context,
                     int section_level, std::string_view skip = {}) {
    Blocks blocks;
    std::vector<std::string> allowed = kBlockElements;
    if (section_level > 0) allowed.push_back("section");
    if (!skip.empty()) allowed.emplace_back(skip);
    for (const XmlNode& child : children) {
      if (!child.is_element()) {
        if (!is_blank(child.text)) {
          sink_.error(child.location, "text is not allowed directly in <" + element.name + ">",
                      "put it in a paragraph: <p>…</p>");
        }
        continue;
      }
      if (child.name == skip) continue;
      if (std::optional<Block> block = read_block(child, context, section_level, allowed, element.name)) {
        blocks.push_back(std::move(*block));
      }
    }
    return blocks;
  }

  std::optional<Block> read_block(const XmlNode& child, const Context& context, int section_level,
                                  const std::vector<std::string>& allowed, const std::string& parent_name) {
    const std::string& name = child.name;
    if (name == "section" && section_level > 0) return Block{read_section(child, context, section_level)};
    if (name == "p") {
      check_attributes(child, kLanguageAttributes, sink_);
      const Context inner = enter(child, context);
      Paragraph paragraph;
      set_base(paragraph, child, inner);
      paragraph.content = read_inline_block(child, inner);
      if (paragraph.content.empty()) {
        sink_.warning(child.location, "empty paragraph",
                      "remove it; use <page-break/> or style spacing for space");
      }
      return Block{std::move(paragraph)};
    }
    if (name == "ul" || name == "ol") return Block{read_list(child, context)};
    if (name == "quote") return Block{read_quote(child, context)};
    if (name == "figure") return Block{read_figure(child, context)};
    if (name == "page-break") {
      check_attributes(child, {}, sink_);
      if (!child.children.empty())
        sink_.error(child.location, "<page-break/> must be empty", "write <page-break/>");
      PageBreak page_break;
      set_base(page_break, child, context);
      return Block{page_break};
    }
    if (name == "section") {
      sink_.error(child.location, "<section> is not allowed in <" + parent_name + ">",
                  "sections go in <body> or in another <section>");
      return std::nullopt;
    }
    if (contains(kInlineElements, name)) {
      sink_.error(child.location, "<" + name + "> is inline and must be inside a paragraph",
                  "wrap it in <p>…</p>");
      return std::nullopt;
    }
    report_unknown_element(child, parent_name, allowed, sink_);
    return std::nullopt;
  }

  Section read_section(const XmlNode& element, const Context& parent, int level) {
    Section section;
    check_attributes(element, with({"id"}, kLanguageAttributes), sink_);
    const Context context = enter(element, parent);
    set_base(section, element, context);
    section.level = level;
    if (level == 4) {
      sink_.error(element.location, "sections nest at most three deep; this one is at level 4",
                  "make it a sibling of its parent section, or turn its parts into a list");
    }
    if (const XmlAttribute* id = element.attribute("id")) {
      section.id = id->value;
      register_id(*id);
    }
    const XmlNode* heading = find_heading(element, "heading");
    if (heading == nullptr) {
      sink_.error(element.location, "<section> has no <heading>",
                  "start the section with <heading>…</heading>");
    } else {
      check_attributes(*heading, kLanguageAttributes, sink_);
      section.heading = read_inline_block(*heading, enter(*heading, context));
      if (section.heading.empty())
        sink_.error(heading->location, "empty <heading>", "write the section's title");
    }
    section.blocks = read_blocks(element, context, level + 1, "heading");
    // A section whose only children were wrong has been reported already; "empty" would be noise.
    const bool had_elements =
        std::any_of(element.children.begin(), element.children.end(),
                    [](const XmlNode& child) { return child.is_element() && child.name != "heading"; });
    if (section.blocks.empty() && !had_elements) {
      sink_.error(element.location,
                  "section" + (section.id.empty() ? std::string() : " '" + section.id + "'") + " is empty",
                  "write its paragraphs, or remove the section");
    }
    return section;
  }

  List read_list(const XmlNode& element, const Context& parent) {
    List list;
    list.numbered = element.name == "ol";
    check_attributes(element,
                     with(list.numbered ? std::vector<std::string>{"start"} : std::vector<std::string>{},
                          kLanguageAttributes),
                     sink_);
    const Context context = enter(element, parent);
    set_base(list, element, context);
    if (const XmlAttribute* start = element.attribute("start")) {
      const std::string& v = start->value;
      if (v.empty() || v.size() > 6 ||
          !std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        sink_.error(start->value_location, "start must be a whole number, not '" + v + "'",
                    "e.g. start=\"3\"");
      } else {
        list.start = std::stoi(v);
      }
    }
    check_no_text(element, sink_);
    for (const XmlNode& child : element.children) {
      if (!child.is_element()) continue;
      if (child.name != "li") {
        report_unknown_element(child, element.name, {"li"}, sink_);
        continue;
      }
      list.items.push_back(read_item(child, context));
    }
    if (list.items.empty())
      sink_.error(element.location, "<" + element.name + "> has no items", "add <li>…</li>");
    return list;
  }

  // <li> holds inline content and blocks; each stretch of inline content becomes a Paragraph.
  ListItem read_item(const XmlNode& element, const Context& parent) {
    ListItem item;
    item.location = element.location;
    check_attributes(element, kLanguageAttributes, sink_);
    const Context context = enter(element, parent);
    // The stretch of inline children since the last block child: [stretch_begin, i).
    const std::span<const XmlNode> children = element.children;
    std::size_t stretch_begin = 0;
    auto flush = [&](std::size_t stretch_end) {
      if (stretch_end == stretch_begin) return;
      InlineContent content =
          read_inline_block(element, children.subspan(stretch_begin, stretch_end - stretch_begin), context);
      if (!content.empty()) {
        Paragraph paragraph;
        set_base(paragraph, element, context);
        paragraph.location = content.front().location;
        paragraph.content = std::move(content);
        item.blocks.push_back(Block{std::move(paragraph)});
      }
    };
    const std::vector<std::string> blocks = {"p", "ul", "ol", "quote", "figure"};
    for (std::size_t i = 0; i < children.size(); ++i) {
      const XmlNode& child = children[i];
      if (child.is_element() && contains(blocks, child.name)) {
        flush(i);
        stretch_begin = i + 1;
        if (std::optional<Block> block = read_block(child, context, 0, blocks, "li"))
          item.blocks.push_back(std::move(*block));
      }
    }
    flush(children.size());
    if (item.blocks.empty()) sink_.error(element.location, "empty list item", "write its text or remove it");
    return item;
  }

  Quote read_quote(const XmlNode& element, const Context& parent) {
    Quote quote;
    check_attributes(element, kLanguageAttributes, sink_);
    const Context context = enter(element, parent);
    set_base(quote, element, context);
    if (const XmlNode* attribution = find_heading(element, "attribution")) {
      check_attributes(*attribution, kLanguageAttributes, sink_);
      quote.attribution = read_inline_block(*attribution, enter(*attribution, context));
    }
    quote.blocks = read_blocks(element, context, 0, "attribution");
    if (quote.blocks.empty())
      sink_.error(element.location, "<quote> is empty", "put the quoted text in <p>…</p>");
    return quote;
  }

  Figure read_figure(const XmlNode& element, const Context& parent) {
    Figure figure;
    check_attributes(element, with({"src", "id", "alt"}, kLanguageAttributes), sink_);
    const Context context = enter(element, parent);
    set_base(figure, element, context);
    if (const XmlAttribute* id = element.attribute("id")) {
      figure.id = id->value;
      register_id(*id);
    }
    if (const XmlAttribute* alt = element.attribute("alt")) figure.alt = alt->value;
    check_no_text(element, sink_);
    for (const XmlNode& child : element.children) {
      if (!child.is_element()) continue;
      if (child.name == "caption") {
        check_attributes(child, kLanguageAttributes, sink_);
        figure.caption = read_inline_block(child, enter(child, context));
      } else {
        report_unknown_element(child, "figure", {"caption"}, sink_);
      }
    }
    const XmlAttribute* src = element.attribute("src");
    if (src == nullptr) {
      sink_.error(element.location, "<figure> needs a src attribute",
                  "name the image, e.g. src=\"images/map.png\"");
      return figure;
    }
    figure.image_as_written = src->value;
    resolve_image(*src, figure);
    return figure;
  }

  void resolve_image(const XmlAttribute& src, Figure& figure) {
    const std::string& written = src.value;
    const fs::path given(written);
    const std::string keep_inside = "keep images in the report's folder or below it, e.g. images/map.png";
    if (written.empty()) {
      sink_.error(src.value_location, "empty figure path", keep_inside);
      return;
    }
    if (given.is_absolute()) {
      sink_.error(src.value_location,
                  "figure path '" + written + "' is absolute and leaves the report's folder", keep_inside);
      return;
    }
    const fs::path path = (folder_ / given).lexically_normal();
    const auto inside = [](const fs::path& child, const fs::path& folder) {
      const fs::path relative = child.lexically_relative(folder);
      return !relative.empty() && *relative.begin() != "..";
    };
    if (!inside(path, folder_)) {
      sink_.error(src.value_location, "figure path '" + written + "' leaves the report's folder",
                  keep_inside);
      return;
    }
    std::error_code ec;
    if (!fs::is_regular_file(path, ec)) {
      sink_.error(src.value_location, "figure file '" + written + "' does not exist",
                  "the path is relative to the report's folder: " + folder_.string());
      return;
    }
    // A symbolic link may still point outside.
    const fs::path real = fs::canonical(path, ec);
    const fs::path real_folder = fs::canonical(folder_, ec);
    if (!ec && !inside(real, real_folder)) {
      sink_.error(src.value_location,
                  "figure path '" + written + "' leads outside the report's folder through a link",
                  keep_inside);
      return;
    }
    const Result<CheckedImage> image = check_image(path, written, src.value_location);
    if (!image) {
      sink_.report(image.error());
      return;
    }
    figure.image = path;
    figure.format = image->format;
    figure.pixel_width = image->width;
    figure.pixel_height = image->height;
  }

  // ---- <body> in parts, on several threads -------------------------------------------------------

  // <body>'s blocks. A large body is cut between top-level children into parts of about the same
  // size in bytes, each read by a reader of its own into its own sink, on this thread and the
  // helpers, whichever is free. The parts are joined in order, so blocks, links and diagnostics
  // come out exactly as a reading in one go would give them, whoever read which part (ids are
  // settled at the join, see register_id).
  Blocks read_body(const XmlNode& body, const Context& context) {
    const std::span<const XmlNode> children = body.children;
    const unsigned threads = reading_threads(options_.threads, doc_.source.size());
    // More parts than threads, each taken by the next thread free: one that runs slower (a heap
    // still growing, another process on its core) reads fewer.
    constexpr unsigned kPartsPerThread = 8;
    const std::vector<std::size_t> cuts =
        threads < 2 ? std::vector<std::size_t>{0} : part_starts(children, threads * kPartsPerThread);
    if (cuts.size() == 1) return read_blocks(body, context, 1);

    struct Part {
      std::span<const XmlNode> children;
      DiagnosticSink sink;
      std::optional<ReportReader> reader;
      Blocks blocks;
      std::exception_ptr failure;
    };
    std::vector<Part> parts(cuts.size());
    for (std::size_t k = 0; k < cuts.size(); ++k) {
      const std::size_t end = k + 1 < cuts.size() ? cuts[k + 1] : children.size();
      parts[k].children = children.subspan(cuts[k], end - cuts[k]);
      parts[k].reader.emplace(doc_, parts[k].sink, options_, folder_);
    }
    std::atomic<std::size_t> next_part{0};
    auto read_parts = [&] {
      for (std::size_t k = next_part++; k < parts.size(); k = next_part++) {
        Part& part = parts[k];
        try {
          part.blocks = part.reader->read_blocks(body, part.children, context, 1);
        } catch (...) {
          part.failure = std::current_exception();
        }
      }
    };
    {
      std::vector<std::jthread> helpers;  // joined when this scope ends, whatever happens
      for (unsigned thread = 1; thread < threads; ++thread) {
        try {
          helpers.emplace_back(read_parts);
        } catch (const std::system_error&) {
          break;  // no more threads to be had: the others read the rest
        }
      }
      read_parts();
    }
    Blocks blocks;
    for (Part& part : parts) {
      if (part.failure) std::rethrow_exception(part.failure);
      join_part(*part.reader, part.sink);
      std::move(part.blocks.begin(), part.blocks.end(), std::back_inserter(blocks));
    }
    return blocks;
  }

  // Threads that read <body>: as many as asked for (at most 8); for 0, one per core for a file from
  // kParallelReadingBytes on, else 1.
  static unsigned reading_threads(unsigned requested, std::size_t bytes) {
    constexpr unsigned kMaxThreads = 8;  // the parts are top-level sections: a few are enough
    if (requested == 0) {
      if (bytes < kParallelReadingBytes) return 1;
      requested = std::thread::hardware_concurrency();
    }
    return std::clamp(requested, 1u, kMaxThreads);
  }

  // Where each of about `parts` parts starts (indices into `children`, the first 0): cuts before
  // top-level children, at about equal byte offsets; fewer parts when there are few children.
  std::vector<std::size_t> part_starts(std::span<const XmlNode> children, unsigned parts) const {
    std::vector<std::size_t> starts = {0};
    if (parts < 2 || children.size() < 2) return starts;
    const std::size_t first = children.front().offset;
    // After <body> come only its end tag and the report's: the file's end is where the last child ends.
    const std::size_t total = doc_.source.size() - first;
    std::size_t next = 1;
    for (unsigned k = 1; k < parts; ++k) {
      const std::size_t target = first + total * k / parts;
      while (next < children.size() && children[next].offset < target) ++next;
      if (next >= children.size()) break;
      // The child boundary nearer the target.
      if (next > starts.back() + 1 && target - children[next - 1].offset < children[next].offset - target)
        --next;
      if (next > starts.back()) starts.push_back(next);
      ++next;
    }
    return starts;
  }

  // Passes a part's diagnostics on in order, settling its ids where they were met.
  void join_part(const ReportReader& part, const DiagnosticSink& part_sink) {
    const std::vector<Diagnostic>& diagnostics = part_sink.diagnostics();
    std::size_t id = 0;
    for (std::size_t i = 0; i <= diagnostics.size(); ++i) {
      while (id < part.deferred_ids_.size() && part.deferred_ids_[id].first == i) {
        register_id(*part.deferred_ids_[id++].second);
      }
      if (i < diagnostics.size()) sink_.report(diagnostics[i]);
    }
    links_.insert(links_.end(), part.links_.begin(), part.links_.end());
  }

  // ---- ids and links -----------------------------------------------------------------------------

  void register_id(const XmlAttribute& id) {
    if (defer_ids_) {
      // Whether the id is taken depends on the parts read before this one: settled in order when
      // the parts are joined (join_part), at the same place among the diagnostics.
      deferred_ids_.push_back({sink_.diagnostics().size(), &id});
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

  void check_links() {
    std::vector<std::string> known;
    for (const auto& entry : ids_) known.push_back(entry.first);
    for (const auto& [target, location] : links_) {
      if (ids_.count(target)) continue;
      const std::string closest = closest_name(target, known);
      sink_.error(location, "link to '" + target + "', but no section or figure has that id",
                  closest.empty() ? "give the target section id=\"" + target + "\""
                                  : "did you mean '" + closest + "'?");
    }
  }

  // ---- inline content ----------------------------------------------------------------------------

  // The inline content of a block-level element (a paragraph, heading, caption…), white space
  // collapsed.
  InlineContent read_inline_block(const XmlNode& element, const Context& context) {
    return read_inline_block(element, element.children, context);
  }

  // The same for some of the element's children (a stretch of a list item).
  InlineContent read_inline_block(const XmlNode& element, std::span<const XmlNode> children,
                                  const Context& context) {
    InlineContent content = read_inlines(element, children, context);
    collapse(content);
    return content;
  }

  InlineContent read_inlines(const XmlNode& element, std::span<const XmlNode> children,
                             const Context& context) {
    InlineContent content;
    for (const XmlNode& child : children) {
      if (child.is_text()) {
        append_text(content, child, context);
        continue;
      }
      if (!contains(kInlineElements, child.name)) {
        if (contains(kBlockElements, child.name) || child.name == "section") {
          sink_.error(child.location,
                      "<" + child.name + "> is a block and cannot be inside <" + element.name + ">",
                      "close the <" + element.name + "> before it");
        } else {
          report_unknown_element(child, element.name, kInlineElements, sink_);
        }
        continue;
      }
      content.push_back(read_inline(child, context));
    }
    return content;
  }

  Inline read_inline(const XmlNode& element, const Context& parent) {
    Inline node;
    node.location = element.location;
    const std::string& name = element.name;
    if (name == "br") {
      check_attributes(element, {}, sink_);
      node.kind = InlineKind::line_break;
      node.lang = parent.lang;
      node.dir = parent.dir;
      if (!element.children.empty()) sink_.error(element.location, "<br/> must be empty", "write <br/>");
      return node;
    }
    std::vector<std::string> attributes = kLanguageAttributes;
    if (name == "link") attributes = with({"href", "to"}, kLanguageAttributes);
    if (name == "isolate") attributes = {"kind", "dir"};
    check_attributes(element, attributes, sink_);
    Context context = enter(element, parent);
    if (name == "em") node.kind = InlineKind::emphasis;
    if (name == "strong") node.kind = InlineKind::strong;
    if (name == "span") {
      node.kind = InlineKind::span;
      node.starts_isolate =
          element.attribute("dir") != nullptr || (element.attribute("xml:lang") && context.dir != parent.dir);
      if (!element.attribute("xml:lang") && !element.attribute("dir") && !element.attribute("xml:space")) {
        sink_.warning(element.location, "<span> without xml:lang or dir does nothing",
                      "give it xml:lang and dir, or remove it");
      }
    }
    if (name == "isolate") {
      node.kind = InlineKind::isolate;
      node.starts_isolate = true;
      if (!element.attribute("dir")) context.dir = Direction::ltr;
      context.in_isolate = true;
      const XmlAttribute* kind = element.attribute("kind");
      static const std::vector<std::string> kKinds = {"number", "code", "issn", "date",
                                                      "email",  "url",  "phone"};
      if (kind == nullptr) {
        sink_.error(element.location, "<isolate> needs a kind attribute",
                    "say what it holds: kind=\"number\", \"code\", \"issn\", \"date\", \"email\", \"url\" or "
                    "\"phone\"");
      } else if (!contains(kKinds, kind->value)) {
        bad_value(*kind, kKinds);
      } else {
        node.isolate =
            static_cast<IsolateKind>(std::find(kKinds.begin(), kKinds.end(), kind->value) - kKinds.begin());
      }
    }
    if (name == "link") {
      node.kind = InlineKind::link;
      const XmlAttribute* href = element.attribute("href");
      const XmlAttribute* to = element.attribute("to");
      if ((href == nullptr) == (to == nullptr)) {
        sink_.error(element.location, "<link> needs either href (a web address) or to (a section id)",
                    "write <link href=\"https://…\"> or <link to=\"background\">");
      } else if (href != nullptr) {
        node.href = href->value;
        const bool mailto = href->value.starts_with("mailto:") && href->value.find('@') != std::string::npos;
        if (!mailto) check_url(href->value, href->value_location);
      } else {
        node.target_id = to->value;
        links_.emplace_back(to->value, to->value_location);
      }
    }
    node.lang = context.lang;
    node.dir = context.dir;
    node.children = read_inlines(element, element.children, context);
    if (node.kind == InlineKind::link && node.children.empty()) {
      if (!node.href.empty()) {
        // An empty external link shows its address, as a URL isolate.
        Inline address;
        address.kind = InlineKind::text;
        address.location = node.location;
        address.lang = node.lang;
        address.dir = Direction::ltr;
        address.text = node.href.starts_with("mailto:") ? node.href.substr(7) : node.href;
        Inline isolate = address;
        isolate.kind = InlineKind::isolate;
        isolate.isolate = node.href.starts_with("mailto:") ? IsolateKind::email : IsolateKind::url;
        isolate.starts_isolate = true;
        isolate.text.clear();
        isolate.children.push_back(std::move(address));
        node.children.push_back(std::move(isolate));
      } else {
        sink_.error(element.location, "<link> has no text", "write the words that lead to the section");
      }
    }
    return node;
  }

  // Lints and normalises Persian text; returns the (possibly normalised) characters.
  std::string persian_checked(const XmlNode& run, const Context& context) {
    if (!is_persian_language(context.lang)) return run.text;
    for (const PersianLintFinding& finding : lint_persian(run.text)) {
      if (finding.issue == PersianIssue::latin_digits && context.in_isolate) continue;
      sink_.warning(locator_.text_location(run, finding.offset), finding.message, finding.hint);
    }
    NormalisedPersian normalised = normalise_persian(run.text);
    if (options_.report_normalisations) {
      for (const PersianChange& change : normalised.changes) {
        sink_.warning(locator_.text_location(run, change.offset),
                      "'" + change.found + "' in Persian text was normalised to '" + change.replacement + "'",
                      "write the Persian form (ISIRI 6219): ی ک, Persian digits ۰–۹, هٔ");
      }
    }
    return std::move(normalised.text);
  }

  void append_text(InlineContent& content, const XmlNode& run, const Context& context) {
    std::string normalised;
    std::string_view text = run.text;
    if (is_persian_language(context.lang)) {
      normalised = persian_checked(run, context);
      text = normalised;
    }
    Inline node;
    node.kind = InlineKind::text;
    node.lang = context.lang;
    node.dir = context.dir;
    node.preserved_space = context.preserve_space;
    const std::size_t first = run.text.find_first_not_of(" \t\r\n");
    node.location = locator_.text_location(run, first == std::string::npos ? 0 : first);
    if (!context.preserve_space) {
      // Runs of white space become one space here; spaces at boundaries are settled in collapse().
      std::string collapsed;
      collapsed.reserve(text.size());
      for (std::size_t i = 0; i < text.size();) {
        std::size_t end = find_xml_space(text, i);
        collapsed.append(text.data() + i, end - i);
        if (end == text.size()) break;
        collapsed += ' ';
        while (end < text.size() && is_xml_space(text[end])) ++end;
        i = end;
      }
      node.text = std::move(collapsed);
      content.push_back(std::move(node));
      return;
    }
    // Preserved: every newline is a line break.
    std::size_t start = 0;
    for (;;) {
      const std::size_t newline = text.find('\n', start);
      Inline piece = node;
      piece.location = locator_.text_location(run, std::min(start, run.text.size()));
      piece.text = text.substr(start, newline == std::string::npos ? std::string::npos : newline - start);
      if (!piece.text.empty() && piece.text.back() == '\r') piece.text.pop_back();
      if (!piece.text.empty()) content.push_back(piece);
      if (newline == std::string::npos) break;
      Inline line_break = node;
      line_break.kind = InlineKind::line_break;
      line_break.preserved_space = false;
      line_break.text.clear();
      line_break.location = locator_.text_location(run, std::min(newline, run.text.size()));
      content.push_back(std::move(line_break));
      start = newline + 1;
    }
  }

  // HTML white space: no space at the start or end of the block or next to a line break, and no
  // two spaces in a row across element boundaries. Preserved text is left as written.
  static void collapse(InlineContent& content) {
    std::vector<Inline*> leaves;
    collect_leaves(content, leaves);
    bool after_space = true;  // the block's start counts as a space
    Inline* last_text = nullptr;
    auto trim_last = [&] {
      if (last_text != nullptr && !last_text->preserved_space && !last_text->text.empty() &&
          last_text->text.back() == ' ') {
        last_text->text.pop_back();
      }
    };
    for (Inline* leaf : leaves) {
      if (leaf->kind == InlineKind::line_break) {
        trim_last();
        after_space = true;
        last_text = nullptr;
        continue;
      }
      if (leaf->preserved_space) {
        if (!leaf->text.empty()) {
          after_space = leaf->text.back() == ' ';
          last_text = leaf;
        }
        continue;
      }
      if (after_space && !leaf->text.empty() && leaf->text.front() == ' ') leaf->text.erase(0, 1);
      if (!leaf->text.empty()) {
        after_space = leaf->text.back() == ' ';
        last_text = leaf;
      }
    }
    trim_last();
    remove_empty_text(content);
  }

  static void collect_leaves(InlineContent& content, std::vector<Inline*>& leaves) {
    for (Inline& node : content) {
      if (node.kind == InlineKind::text || node.kind == InlineKind::line_break)
        leaves.push_back(&node);
      else
        collect_leaves(node.children, leaves);
    }
  }

  static void remove_empty_text(InlineContent& content) {
    std::erase_if(content,
                  [](const Inline& node) { return node.kind == InlineKind::text && node.text.empty(); });
    for (Inline& node : content) remove_empty_text(node.children);
  }

  const XmlDocument& doc_;
  XmlLocator locator_;
  DiagnosticSink& sink_;
  const ReadOptions& options_;
  fs::path folder_;
  std::map<std::string, SourceLocation> ids_;
  std::vector<std::pair<std::string, SourceLocation>> links_;
  // A part's reader: ids are settled when the parts are joined. Each with the number of
  // diagnostics reported before it.
  bool defer_ids_ = false;
  std::vector<std::pair<std::size_t, const XmlAttribute*>> deferred_ids_;
};

}  // namespace

Result<Report> read_report(const std::string& path, DiagnosticSink& sink, const ReadOptions& options) {
  Result<XmlDocument> document = parse_xml_file(path, options.threads);
  if (!document) {
    sink.report(document.error());
    return fail(document.error());
  }
  DiagnosticSink local;
  ReportReader reader(*document, local, options);
  Report report = reader.read();
  const std::optional<Diagnostic> first_error = report_in_source_order(local, sink);
  if (first_error) return fail(*first_error);
  return report;
}

}  // namespace nashr
