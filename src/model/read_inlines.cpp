// The report reader (report_reader.h): inline content, its white space and its Persian text.
// g++ 12 warns falsely on `"literal" + std::string` under -O3 (GCC bug 105329).
#pragma GCC diagnostic ignored "-Wrestrict"

#include <algorithm>

#include "base/byte_scan.h"
#include "locale/persian_text.h"
#include "model/report_reader.h"
#include "model/xml_rules.h"

namespace nashr {

namespace {

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

void collect_leaves(InlineContent& content, std::vector<Inline*>& leaves) {
  for (Inline& node : content) {
    if (node.kind == InlineKind::text || node.kind == InlineKind::line_break || node.kind == InlineKind::ref ||
        node.kind == InlineKind::source)
      leaves.push_back(&node);
    else if (node.kind != InlineKind::note)  // a note's text is a paragraph of its own, collapsed apart
      collect_leaves(node.children, leaves);
  }
}

void remove_empty_text(InlineContent& content) {
  std::erase_if(content,
                [](const Inline& node) { return node.kind == InlineKind::text && node.text.empty(); });
  for (Inline& node : content) remove_empty_text(node.children);
}

// HTML white space: no space at the start or end of the block or next to a line break, and no
// two spaces in a row across element boundaries. Preserved text is left as written.
void collapse(InlineContent& content) {
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
    // A word made later (a reference) or text of its own (a source, the style's): the spaces around it stay.
    if (leaf->kind == InlineKind::ref || leaf->kind == InlineKind::source) {
      after_space = false;
      last_text = nullptr;
      continue;
    }
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

}  // namespace

InlineContent ReportReader::read_inline_block(const XmlNode& element, const Context& context) {
  return read_inline_block(element, element.children, context);
}

InlineContent ReportReader::read_inline_block(const XmlNode& element, std::span<const XmlNode> children,
                                              const Context& context) {
  InlineContent content = read_inlines(element, children, context);
  collapse(content);
  return content;
}

InlineContent ReportReader::read_inlines(const XmlNode& element, std::span<const XmlNode> children,
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

Inline ReportReader::read_inline(const XmlNode& element, const Context& parent) {
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
  if (name == "ref") return read_ref(element, parent);
  if (name == "note") return read_note(element, parent);
  if (name == "source") return read_source(element, parent);
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
    } else if (href != nullptr && href->value.size() > kLongestAddress) {
      sink_.error(href->value_location,
                  "the web address is " + std::to_string(href->value.size()) + " bytes long, over the limit of " +
                      std::to_string(kLongestAddress),
                  "link to a shorter address (browsers and PDF readers refuse longer ones)");
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
  if (name == "link") context.in_link = true;
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
    } else if (element.attribute("href") == nullptr) {  // (an address too long is reported already)
      sink_.error(element.location, "<link> has no text", "write the words that lead to the section");
    }
  }
  return node;
}

// <ref to="id" show="label|number|page"/>: empty; its text is made by resolve once the target's
// number (and, for show="page", its page) is known. The id is checked with the links' ids.
Inline ReportReader::read_ref(const XmlNode& element, const Context& parent) {
  Inline node;
  node.kind = InlineKind::ref;
  node.location = element.location;
  check_attributes(element, with({"to", "show"}, kLanguageAttributes), sink_);
  const Context context = enter(element, parent);
  node.lang = context.lang;
  node.dir = context.dir;
  if (!element.children.empty()) {
    sink_.error(element.location, "<ref/> must be empty: its text is made from its target",
                "write <ref to=\"id\"/> and the words around it outside it");
  }
  if (const XmlAttribute* show = element.attribute("show")) {
    static const std::vector<std::string> kShows = {"label", "number", "page"};
    if (!contains(kShows, show->value)) {
      bad_value(*show, kShows);
    } else {
      node.show = static_cast<RefShow>(std::find(kShows.begin(), kShows.end(), show->value) - kShows.begin());
    }
  }
  const XmlAttribute* to = element.attribute("to");
  if (to == nullptr) {
    sink_.error(element.location, "<ref/> needs a to attribute", "name the id of a section or figure: to=\"background\"");
    return node;
  }
  node.target_id = to->value;
  links_.emplace_back(to->value, to->value_location);
  return node;
}

std::string ReportReader::persian_checked(const XmlNode& run, const Context& context) {
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

void ReportReader::append_text(InlineContent& content, const XmlNode& run, const Context& context) {
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

std::string outline_text(const InlineContent& content) {
  std::string out;
  for (const Inline& node : content) {
    if (node.kind == InlineKind::text)
      out += node.text;
    else if (node.kind == InlineKind::line_break)
      out += ' ';
    else if (node.kind != InlineKind::note)
      out += outline_text(node.children);
  }
  return out;
}

}  // namespace nashr
