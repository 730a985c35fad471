#include "model/xml_markup.h"

// g++ 12 warns falsely on `"literal" + std::string` under -O3 (GCC bug 105329).
#pragma GCC diagnostic ignored "-Wrestrict"

#include <algorithm>
#include <cassert>
#include <cstring>
#include <optional>

#include "base/thread_pool.h"
#include "base/utf8.h"

namespace nashr {

namespace {

// Ours, in front of the text: its value "x" is the third byte of tinyxml2's copy.
constexpr std::string_view kAnchor = "<?x?>";

bool is_xml_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

bool is_xml_char(char32_t c) {
  return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) ||
         (c >= 0x10000 && c <= 0x10FFFF);
}

// The code point a character reference's digits ("x6CC" or "1740") name, if they are well formed.
std::optional<char32_t> character_reference(std::string_view digits) {
  const bool hex = !digits.empty() && digits.front() == 'x';
  if (hex) digits.remove_prefix(1);
  if (digits.empty() || digits.size() > 8) return std::nullopt;
  char32_t value = 0;
  for (char d : digits) {
    int v = -1;
    if (d >= '0' && d <= '9') v = d - '0';
    if (hex && d >= 'a' && d <= 'f') v = d - 'a' + 10;
    if (hex && d >= 'A' && d <= 'F') v = d - 'A' + 10;
    if (v < 0) return std::nullopt;
    value = value * (hex ? 16 : 10) + static_cast<char32_t>(v);
  }
  return value;
}

}  // namespace

std::size_t byte_order_mark_size(std::string_view text) {
  return text.starts_with("\xEF\xBB\xBF") ? 3 : 0;
}

TinyXmlParse::TinyXmlParse(std::string_view text) {
  std::string copy;
  copy.reserve(kAnchor.size() + text.size());
  copy.append(kAnchor).append(text);
  // The byte order mark is the file's, not a character of its content; behind our declaration
  // tinyxml2 would take it for text.
  copy.replace(kAnchor.size(), byte_order_mark_size(text), byte_order_mark_size(text), ' ');
  document_.Parse(copy.data(), copy.size());
  if (!ok()) return;
  const tinyxml2::XMLNode* anchor = document_.FirstChild();
  assert(anchor != nullptr && anchor->ToDeclaration() != nullptr);
  text_start_ = anchor->Value() - 2 + kAnchor.size();
}

std::string TinyXmlParse::error_element() const {
  const char* text = document_.ErrorStr();
  if (text == nullptr) return "";
  static constexpr std::string_view kLabel = "XMLElement name=";
  const std::string_view error(text);
  const std::size_t label = error.find(kLabel);
  return label == std::string_view::npos ? "" : std::string(error.substr(label + kLabel.size()));
}

const tinyxml2::XMLNode* TinyXmlParse::first_node() const {
  return ok() ? document_.FirstChild()->NextSibling() : nullptr;
}

Diagnostic malformed_xml(XmlLocator& locator, std::size_t offset, std::string message, std::string hint) {
  return make_error(locator.location_at(offset), "malformed XML: " + std::move(message), std::move(hint));
}

std::size_t XmlTreeBuilder::skip_space(std::size_t offset) const {
  while (offset < bytes_.size() && is_tinyxml_space(bytes_[offset])) ++offset;
  return offset;
}

std::size_t XmlTreeBuilder::end_of(std::size_t start, std::string_view terminator) const {
  // tinyxml2 found the terminator, or its parse would have failed.
  const std::size_t found = bytes_.find(terminator, start);
  assert(found != std::string_view::npos);
  return found == std::string_view::npos ? bytes_.size() : found + terminator.size();
}

void XmlTreeBuilder::read_ahead(unsigned threads) {
  const tinyxml2::XMLNode* root = parse_.first_node();
  while (root != nullptr && root->ToElement() == nullptr) root = root->NextSibling();
  if (root == nullptr) return;
  for (const tinyxml2::XMLElement* child = root->FirstChildElement(); child != nullptr;
       child = child->NextSiblingElement()) {
    for (const tinyxml2::XMLElement* grandchild = child->FirstChildElement(); grandchild != nullptr;
         grandchild = grandchild->NextSiblingElement()) {
      ahead_.emplace_back().element = grandchild;
      grandchild->Name();  // tinyxml2 finishes a name on first use: here, before the threads read it
    }
  }
  run_tasks(ahead_.size(), threads, [&](std::size_t task, unsigned) {
    ReadAhead& ahead = ahead_[task];
    XmlLocator locator = locator_;
    XmlTreeBuilder builder(bytes_, parse_, locator);
    ahead.end = builder.read_element(*ahead.element, parse_.offset_of(ahead.element->Name()) - 1, ahead.node);
  });
}

Result<std::size_t> XmlTreeBuilder::read_comment(std::size_t start) {
  const std::size_t end = end_of(start + 4, "-->");
  // XML allows no "--" inside a comment, nor a '-' before its "-->"; tinyxml2 does not check.
  const std::string_view content = bytes_.substr(start + 4, end - 3 - (start + 4));
  std::size_t dashes = content.find("--");
  if (dashes == std::string_view::npos && content.ends_with('-')) dashes = content.size() - 1;
  if (dashes != std::string_view::npos)
    return fail(malformed_xml(locator_, start + 4 + dashes, "'--' is not allowed inside a comment",
                              "write the dashes apart, e.g. '- -', or use an en dash"));
  return end;
}

Result<void> XmlTreeBuilder::read_document(XmlNode& root) {
  bool have_root = false;
  bool have_doctype = false;
  std::size_t cursor = byte_order_mark_size(bytes_);
  for (const tinyxml2::XMLNode* node = parse_.first_node(); node != nullptr; node = node->NextSibling()) {
    const std::size_t start = skip_space(cursor);
    if (const tinyxml2::XMLElement* element = node->ToElement()) {
      if (have_root)
        return fail(malformed_xml(locator_, start, "content after the root element",
                                  "an XML file has one root element"));
      Result<std::size_t> end = read_element(*element, start, root);
      if (!end) return fail(end.error());
      cursor = *end;
      have_root = true;
    } else if (node->ToText() != nullptr && !node->ToText()->CData()) {
      return fail(malformed_xml(locator_, start, "text outside the root element"));
    } else if (node->ToComment() != nullptr) {
      Result<std::size_t> end = read_comment(start);
      if (!end) return fail(end.error());
      cursor = *end;
    } else if (node->ToDeclaration() != nullptr) {
      cursor = end_of(start + 2, "?>");  // tinyxml2 takes only those before any other node
    } else if (!have_root && bytes_.substr(start).starts_with("<!DOCTYPE")) {
      if (have_doctype)
        return fail(malformed_xml(locator_, start, "a second <!DOCTYPE>", "an XML file has at most one"));
      have_doctype = true;
      cursor = end_of(start + 2, ">");
    } else if (have_root) {
      return fail(malformed_xml(locator_, start, "content after the root element",
                                "an XML file has one root element"));
    } else {
      return fail(malformed_xml(locator_, start, "expected the root element"));
    }
  }
  // tinyxml2 stops without a word at an end tag outside any element, and at a NUL byte.
  const std::size_t rest = skip_space(cursor);
  if (rest < bytes_.size()) {
    if (bytes_[rest] != '<') return fail(malformed_xml(locator_, rest, "text outside the root element"));
    if (have_root)
      return fail(malformed_xml(locator_, rest, "content after the root element",
                                "an XML file has one root element"));
  }
  if (!have_root) return fail(malformed_xml(locator_, rest, "expected the root element"));
  return Ok{};
}

Result<std::size_t> XmlTreeBuilder::read_content(const tinyxml2::XMLNode* first, std::size_t cursor,
                                                 XmlNode& parent) {
  for (const tinyxml2::XMLNode* node = first; node != nullptr; node = node->NextSibling()) {
    const tinyxml2::XMLText* text = node->ToText();
    if (text != nullptr && !text->CData()) {
      // tinyxml2's text begins where the node before it ended, white space and all, and ends at a '<'.
      const void* lt = std::memchr(bytes_.data() + cursor, '<', bytes_.size() - cursor);
      const std::size_t end = lt == nullptr ? bytes_.size() : static_cast<const char*>(lt) - bytes_.data();
      if (Result<void> appended = append_text(parent, cursor, end); !appended) return fail(appended.error());
      cursor = end;
      continue;
    }
    // The white space before any other node is text that tinyxml2 dropped.
    const std::size_t start = skip_space(cursor);
    if (start > cursor) {
      if (Result<void> appended = append_text(parent, cursor, start); !appended)
        return fail(appended.error());
    }
    if (const tinyxml2::XMLElement* element = node->ToElement()) {
      const bool read_ahead = next_ahead_ < ahead_.size() && ahead_[next_ahead_].element == element;
      ReadAhead* ahead = read_ahead ? &ahead_[next_ahead_++] : nullptr;
      // (Read ahead where the '<' is; if it is not, reading it again reports why.)
      if (ahead != nullptr && ahead->node.offset == start) {
        if (!*ahead->end) return fail(ahead->end->error());
        parent.children.push_back(std::move(ahead->node));
        cursor = **ahead->end;
        continue;
      }
      // Read in place (nothing else is added to `parent.children` meanwhile); on failure the
      // whole tree is thrown away.
      Result<std::size_t> end = read_element(*element, start, parent.children.emplace_back());
      if (!end) return fail(end.error());
      cursor = *end;
    } else if (text != nullptr) {
      const std::size_t content = start + 9;  // after "<![CDATA["
      cursor = end_of(content, "]]>");
      XmlNode& run = text_run(parent, content);
      run.anchors.push_back({run.text.size(), content});
      run.text.append(bytes_.substr(content, cursor - 3 - content));
    } else if (node->ToComment() != nullptr) {
      Result<std::size_t> end = read_comment(start);
      if (!end) return fail(end.error());
      cursor = *end;
    } else {
      // A <!…> construct (tinyxml2 refuses processing instructions here).
      return fail(malformed_xml(locator_, start, "cannot read a <!...> construct"));
    }
  }
  const std::size_t end = skip_space(cursor);
  if (end > cursor) {
    if (Result<void> appended = append_text(parent, cursor, end); !appended) return fail(appended.error());
  }
  return end;
}

Result<std::size_t> XmlTreeBuilder::read_element(const tinyxml2::XMLElement& element, std::size_t start,
                                                 XmlNode& node) {
  const std::size_t name_offset = parse_.offset_of(element.Name());
  if (name_offset != start + 1) {
    // tinyxml2 reads "</name/>" as an empty element, and "< name" as an element; XML does not.
    if (bytes_[start + 1] == '/')
      return fail(malformed_xml(locator_, start, "expected '>' after </" + std::string(element.Name())));
    return fail(malformed_xml(locator_, start, "expected an element name after '<'",
                              "write '&lt;' for a literal '<'"));
  }
  node.kind = XmlNode::Kind::element;
  node.location = locator_.location_at(start);
  node.offset = start;
  node.name = element.Name();
  Result<std::size_t> tag_end = read_attributes(element, name_offset + node.name.size(), node);
  if (!tag_end) return fail(tag_end.error());
  const std::size_t close = skip_space(*tag_end);  // at "/>" or '>'
  if (element.ClosingType() == tinyxml2::XMLElement::CLOSED) return close + 2;
  Result<std::size_t> content_end = read_content(element.FirstChild(), close + 1, node);
  if (!content_end) return fail(content_end.error());
  return read_end_tag(node, *content_end);
}

Result<std::size_t> XmlTreeBuilder::read_attributes(const tinyxml2::XMLElement& element, std::size_t name_end,
                                                    XmlNode& node) {
  std::size_t after = name_end;
  for (const tinyxml2::XMLAttribute* read = element.FirstAttribute(); read != nullptr; read = read->Next()) {
    const std::size_t name_offset = parse_.offset_of(read->Name());
    if (!is_xml_space(bytes_[name_offset - 1]))
      return fail(malformed_xml(locator_, name_offset, "expected white space before an attribute"));
    XmlAttribute attribute;
    attribute.name = read->Name();
    attribute.location = locator_.location_at(name_offset);
    const std::size_t value_offset = parse_.offset_of(read->Value());
    const std::size_t value_end = bytes_.find(bytes_[value_offset - 1], value_offset);  // the closing quote
    attribute.value_location = locator_.location_at(value_offset);
    attribute.value_offset = value_offset;
    for (std::size_t i = value_offset; i < value_end;) {
      const char c = bytes_[i];
      if (c == '&') {
        Result<std::size_t> next = read_reference(i, value_end, attribute.value);
        if (!next) return fail(next.error());
        i = *next;
        continue;
      }
      if (c == '<') return fail(malformed_xml(locator_, i, "'<' must be written '&lt;'"));
      attribute.value += is_xml_space(c) ? ' ' : c;
      ++i;
    }
    node.attributes.push_back(std::move(attribute));
    after = value_end + 1;
  }
  return after;
}

Result<std::size_t> XmlTreeBuilder::read_end_tag(const XmlNode& node, std::size_t close) {
  if (bytes_.compare(close, 2, "</") != 0) {
    // tinyxml2 reads "< /name>" as an end tag.
    return fail(malformed_xml(locator_, close, "expected an element name after '<'",
                              "write '&lt;' for a literal '<'"));
  }
  // tinyxml2 compared the name; it also reads attributes in an end tag.
  const std::size_t after_name = skip_space(close + 2 + node.name.size());
  if (after_name >= bytes_.size() || bytes_[after_name] != '>')
    return fail(malformed_xml(locator_, close, "expected '>' after </" + node.name));
  return after_name + 1;
}

XmlNode& XmlTreeBuilder::text_run(XmlNode& parent, std::size_t offset) {
  if (parent.children.empty() || !parent.children.back().is_text()) {
    XmlNode& run = parent.children.emplace_back();
    run.kind = XmlNode::Kind::text;
    run.location = locator_.location_at(offset);
    run.offset = offset;
  }
  return parent.children.back();
}

Result<void> XmlTreeBuilder::append_text(XmlNode& parent, std::size_t from, std::size_t to) {
  XmlNode& run = text_run(parent, from);
  run.anchors.push_back({run.text.size(), from});
  // Plain text up to the next reference, copied at once.
  for (std::size_t i = from; i < to;) {
    const void* ampersand = std::memchr(bytes_.data() + i, '&', to - i);
    const std::size_t stop = ampersand == nullptr ? to : static_cast<const char*>(ampersand) - bytes_.data();
    run.text.append(bytes_.data() + i, stop - i);
    if (stop == to) break;
    Result<std::size_t> next = read_reference(stop, to, run.text);
    if (!next) return fail(next.error());
    i = *next;
    run.anchors.push_back({run.text.size(), i});
  }
  return Ok{};
}

// tinyxml2 9 passes what is not one of XML's references through as it is (a bare '&', `&nbsp;`):
// the reader has always refused those, at the '&'.
Result<std::size_t> XmlTreeBuilder::read_reference(std::size_t ampersand, std::size_t end, std::string& out) {
  constexpr std::size_t kLongest = 12;  // "&#x0010FFFF;" is 12 bytes
  const std::string_view within = bytes_.substr(ampersand, std::min(end - ampersand, kLongest + 1));
  const std::size_t length = within.find(';');
  if (length == std::string_view::npos) {
    return fail(malformed_xml(locator_, ampersand, "'&' must be written '&amp;'",
                              "write '&amp;' for a literal ampersand"));
  }
  const std::string_view entity = within.substr(1, length - 1);
  static constexpr std::pair<std::string_view, char> kEntities[] = {
      {"lt", '<'}, {"gt", '>'}, {"amp", '&'}, {"quot", '"'}, {"apos", '\''}};
  for (const auto& [name, character] : kEntities) {
    if (entity == name) {
      out += character;
      return ampersand + length + 1;
    }
  }
  if (entity.size() < 2 || entity.front() != '#') {
    return fail(malformed_xml(
        locator_, ampersand, "unknown entity '&" + std::string(entity) + ";'",
        "XML knows only &lt; &gt; &amp; &quot; &apos;; write the character itself or &#xHHHH;"));
  }
  const std::optional<char32_t> character = character_reference(entity.substr(1));
  if (!character || (!is_xml_char(*character) && (*character > 0xFFFF || (*character >= 0xD800 && *character <= 0xDFFF)))) {
    return fail(malformed_xml(locator_, ampersand,
                              "'&" + std::string(entity) + ";' is not a valid character reference",
                              "write &#xHHHH; with the character's hexadecimal code point"));
  }
  if (!is_xml_char(*character)) {
    // A control character written as a reference is as forbidden as the character itself.
    return fail(malformed_xml(locator_, ampersand,
                              "'&" + std::string(entity) + ";' names a character XML does not allow",
                              "remove it; of the control characters XML allows only tab, line feed and "
                              "carriage return"));
  }
  append_utf8(out, *character);
  return ampersand + length + 1;
}

}  // namespace nashr
