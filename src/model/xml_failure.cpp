// Why tinyxml2 refused a file, said where it is. tinyxml2 9 gives an error code, the line where
// the construct it could not read begins and sometimes the element's name, and throws its tree
// away. The explainer finds the place by asking tinyxml2 again, about copies of the source cut or
// blanked so that it reads the part in question to its end (an element's content, a start tag's
// attributes), and reads at most a name and an attribute's '=' and quote at the place so found.
#include <algorithm>
#include <cstring>
#include <optional>
#include <vector>

#include "model/xml_markup.h"

// g++ 12 warns falsely on `"literal" + std::string` under -O3 (GCC bug 105329).
#pragma GCC diagnostic ignored "-Wrestrict"

namespace nashr {

namespace {

// An end tag tinyxml2 stops at outside any element, put after the source when its last text
// runs to the end of the file.
constexpr std::string_view kEndTag = "</x>";
// Bounds on the attempts on one failure (each parses a copy of the source or of a start tag).
constexpr std::size_t kMostCandidates = 64;
constexpr std::size_t kMostCuts = 256;
constexpr std::size_t kLongestTag = 1 << 20;

bool is_name_start(char c) {
  return tinyxml2::XMLUtil::IsNameStartChar(static_cast<unsigned char>(c));
}

// The name (by tinyxml2's rules) at `offset`, or "".
std::string_view name_at(std::string_view source, std::size_t offset) {
  std::size_t end = offset;
  if (end < source.size() && is_name_start(source[end])) {
    ++end;
    while (end < source.size() && tinyxml2::XMLUtil::IsNameChar(static_cast<unsigned char>(source[end])))
      ++end;
  }
  return source.substr(offset, end - offset);
}

std::size_t skip_space(std::string_view source, std::size_t offset) {
  while (offset < source.size() && is_tinyxml_space(source[offset])) ++offset;
  return offset;
}

// Where "<name" followed by a byte no name has begins in source[from, to).
std::vector<std::size_t> start_tags(std::string_view source, std::string_view name, std::size_t from,
                                    std::size_t to) {
  std::vector<std::size_t> found;
  const std::string opening = "<" + std::string(name);
  for (std::size_t at = source.find(opening, from); at < to && found.size() < kMostCandidates;
       at = source.find(opening, at + 1)) {
    if (name_at(source, at + 1).size() == name.size()) found.push_back(at);
  }
  return found;
}

std::string tinyxml2_message(tinyxml2::XMLError error) {
  switch (error) {
    case tinyxml2::XML_ERROR_PARSING_ELEMENT: return "cannot read an element";
    case tinyxml2::XML_ERROR_PARSING_ATTRIBUTE: return "cannot read an attribute (given twice, or unquoted?)";
    case tinyxml2::XML_ERROR_PARSING_TEXT: return "cannot read the text";
    case tinyxml2::XML_ERROR_PARSING_CDATA: return "cannot read a CDATA section";
    case tinyxml2::XML_ERROR_PARSING_COMMENT: return "cannot read a comment";
    case tinyxml2::XML_ERROR_PARSING_DECLARATION: return "cannot read the XML declaration";
    case tinyxml2::XML_ERROR_PARSING_UNKNOWN: return "cannot read a <!...> construct";
    case tinyxml2::XML_ERROR_EMPTY_DOCUMENT: return "the file is empty";
    case tinyxml2::XML_ERROR_MISMATCHED_ELEMENT: return "a closing tag does not match its opening tag";
    case tinyxml2::XML_ELEMENT_DEPTH_EXCEEDED: return "elements nest too deeply";
    default: return std::string("cannot parse (") + tinyxml2::XMLDocument::ErrorIDToName(error) + ")";
  }
}

// A copy of `text` in which everything before `start` is white space (its line breaks kept), so
// that tinyxml2 reads from `start` on while the offsets stay those of the text.
std::string blanked_before(std::string_view text, std::size_t start) {
  std::string copy(text.size(), ' ');
  for (std::size_t i = text.find('\n'); i < start; i = text.find('\n', i + 1)) copy[i] = '\n';
  std::memcpy(copy.data() + start, text.data() + start, text.size() - start);
  return copy;
}

// A located reason, and where the construct it is about begins: what comes before was read by
// tinyxml2, so the reader's own checks can look there for a problem that comes first.
struct Explanation {
  Diagnostic diagnostic;
  std::size_t construct = 0;
};

class FailureExplainer {
 public:
  // `text`: the source, or a copy that is the same up to the failure.
  FailureExplainer(const XmlDocument& document, std::string_view text)
      : document_(document), source_(text), locator_(document) {}

  Diagnostic explain(const TinyXmlParse& failed);

 private:
  // The element whose content tinyxml2 could not end: where its start tag and its content end,
  // or a problem inside it.
  struct Unclosed {
    std::size_t start = 0;
    std::size_t content_end = 0;
    std::optional<Diagnostic> problem;
  };
  std::optional<Unclosed> find_unclosed(const std::string& name, int line);
  std::optional<Unclosed> unclosed_at(const std::string& name, std::size_t start);
  std::optional<Explanation> describe(const std::string& name, const Unclosed& unclosed);
  std::optional<Explanation> unclosed_element(const std::string& name, int line);
  std::optional<Explanation> unclosed_at_end();
  std::optional<Explanation> bad_tag(const std::string& name, int line, std::size_t end);
  std::optional<Explanation> start_tag_problem(std::size_t start, std::size_t name_end, std::size_t end);
  std::optional<Explanation> attribute_problem(const tinyxml2::XMLElement& read, std::size_t start,
                                               std::size_t cut);
  std::optional<Explanation> end_tag_problem(std::size_t close, const std::string& name);
  std::optional<Explanation> unclosed_construct(std::string_view opener, std::string_view terminator,
                                                const char* what, int line);
  std::optional<Explanation> lone_less_than(int line);
  std::optional<Diagnostic> earlier_problem(std::size_t boundary);
  Explanation at(std::size_t offset, std::string message, std::string hint = {},
                 std::size_t construct = kHere) {
    return {malformed_xml(locator_, offset, std::move(message), std::move(hint)),
            construct == kHere ? offset : construct};
  }

  static constexpr std::size_t kHere = std::string_view::npos;
  static constexpr std::size_t kToNextTag = std::string_view::npos;
  std::size_t line_start(int line) const { return std::min(document_.offset_of_line(line), source_.size()); }
  std::size_t line_end(int line) const {
    return std::min(document_.offset_of_line(line + 1), source_.size());
  }
  bool on_line(std::size_t offset, int line) const {
    return offset >= line_start(line) && offset < line_end(line);
  }

  const XmlDocument& document_;
  std::string_view source_;
  XmlLocator locator_;
};

Diagnostic FailureExplainer::explain(const TinyXmlParse& failed) {
  const int line = std::max(failed.error_line(), 1);
  const std::string element = failed.error_element();
  std::optional<Explanation> explained;
  bool about_an_element = true;
  switch (failed.error()) {
    case tinyxml2::XML_ERROR_MISMATCHED_ELEMENT: explained = unclosed_element(element, line); break;
    case tinyxml2::XML_ERROR_PARSING_TEXT:  // the last text runs to the end of the file
    case tinyxml2::XML_ERROR_PARSING:       // an element not closed at the end, or one without a name
      explained = unclosed_at_end();
      break;
    case tinyxml2::XML_ERROR_PARSING_ATTRIBUTE:  // the line of the attribute
      explained = bad_tag(element, line, line_end(line));
      break;
    case tinyxml2::XML_ERROR_PARSING_ELEMENT:  // the line of the tag, which may run on
      explained = bad_tag(element, line, kToNextTag);
      break;
    case tinyxml2::XML_ERROR_PARSING_COMMENT:
      explained = unclosed_construct("<!--", "-->", "comment", line);
      about_an_element = false;
      break;
    case tinyxml2::XML_ERROR_PARSING_CDATA:
      explained = unclosed_construct("<![CDATA[", "]]>", "CDATA section", line);
      about_an_element = false;
      break;
    case tinyxml2::XML_ERROR_PARSING_DECLARATION:
      // Also a processing instruction after other nodes, which tinyxml2 refuses.
      explained = unclosed_construct("<?", "?>", "processing instruction", line);
      about_an_element = false;
      break;
    case tinyxml2::XML_ERROR_PARSING_UNKNOWN:
      explained = unclosed_construct("<!DOCTYPE", ">", "DOCTYPE", line);
      about_an_element = false;
      break;
    default: about_an_element = false; break;
  }
  if (!explained && about_an_element) explained = lone_less_than(line);
  if (!explained) {
    // tinyxml2's reason on its line, at the first character that is not blank.
    std::size_t offset = line_start(line);
    while (offset < source_.size() && (source_[offset] == ' ' || source_[offset] == '\t')) ++offset;
    explained = at(offset, tinyxml2_message(failed.error()),
                   "check that every element is closed and every '&' is written '&amp;'", line_start(line));
  }
  if (std::optional<Diagnostic> earlier = earlier_problem(explained->construct)) return *earlier;
  return explained->diagnostic;
}

// tinyxml2 names the element whose end tag does not match, and the line of its start tag.
std::optional<FailureExplainer::Unclosed> FailureExplainer::find_unclosed(const std::string& name, int line) {
  if (name.empty()) return std::nullopt;
  for (std::size_t start : start_tags(source_, name, line_start(line), line_end(line))) {
    if (std::optional<Unclosed> found = unclosed_at(name, start)) return found;
  }
  return std::nullopt;
}

// Whether the element that starts at `start` is the one not closed. With everything before it
// blanked and its start tag made a <!…> construct, tinyxml2 reads the element's content as the
// document's and stops without a word at the first end tag outside it: the one that ends the
// content (or kEndTag, after the end of the text).
std::optional<FailureExplainer::Unclosed> FailureExplainer::unclosed_at(const std::string& name,
                                                                        std::size_t start) {
  std::string copy = blanked_before(source_, start);
  copy[start + 1] = '!';
  copy += kEndTag;
  const TinyXmlParse parse(copy);
  const tinyxml2::XMLNode* tag = parse.first_node();
  // The content fails on its own: an element inside failed first.
  if (tag == nullptr || tag->ToUnknown() == nullptr) return std::nullopt;
  const std::size_t tag_end = copy.find('>', start) + 1;
  if (copy[tag_end - 2] == '/') return std::nullopt;  // an empty element, "<name …/>"
  XmlNode content;
  XmlTreeBuilder builder(copy, parse, locator_);
  Result<std::size_t> end = builder.read_content(tag->NextSibling(), tag_end, content);
  if (!end) return Unclosed{start, 0, end.error()};  // a problem inside the element comes first
  if (*end < source_.size() && source_.compare(*end, 2, "</") == 0 && name_at(source_, *end + 2) == name)
    return std::nullopt;  // closed; another element failed
  return Unclosed{start, *end, std::nullopt};
}

std::optional<Explanation> FailureExplainer::describe(const std::string& name, const Unclosed& unclosed) {
  if (unclosed.problem) return Explanation{*unclosed.problem, unclosed.start};
  if (unclosed.content_end >= source_.size())
    return at(unclosed.start, "<" + name + "> is never closed", "add </" + name + ">");
  if (source_.compare(unclosed.content_end, 2, "</") != 0) return std::nullopt;
  const std::string_view closing = name_at(source_, unclosed.content_end + 2);
  const SourceLocation opened = locator_.location_at(unclosed.start);
  return at(unclosed.content_end,
            "</" + std::string(closing) + "> does not close <" + name + "> (opened at line " +
                std::to_string(opened.line) + ", column " + std::to_string(opened.column) + ")",
            "check the spelling and that every element is closed in order");
}

std::optional<Explanation> FailureExplainer::unclosed_element(const std::string& name, int line) {
  const std::optional<Unclosed> unclosed = find_unclosed(name, line);
  return unclosed ? describe(name, *unclosed) : std::nullopt;
}

// With an end tag after the text, tinyxml2 names the innermost element still open at its end (or
// reads it all, when the last text is outside the root).
std::optional<Explanation> FailureExplainer::unclosed_at_end() {
  const std::string text = std::string(source_) + std::string(kEndTag);
  const TinyXmlParse closed(text);
  if (closed.ok()) {
    // The text is outside any element.
    XmlTreeBuilder builder(text, closed, locator_);
    XmlNode root;
    if (Result<void> read = builder.read_document(root); !read) return Explanation{read.error(), 0};
    return std::nullopt;
  }
  if (closed.error() != tinyxml2::XML_ERROR_MISMATCHED_ELEMENT) return std::nullopt;
  return unclosed_element(closed.error_element(), std::max(closed.error_line(), 1));
}

// The tag tinyxml2 could not read. Named (an attribute's error, or a start tag running to the
// end): the nearest tag of that name up to the line of the error, which may be far below the tag's
// start when a value lacks its closing quote; else the first bad tag on the line. Its attributes
// are looked at up to `end` (kToNextTag: up to the next '<').
std::optional<Explanation> FailureExplainer::bad_tag(const std::string& name, int line, std::size_t end) {
  std::vector<std::size_t> tags;
  if (name.empty()) {
    for (std::size_t lt = source_.find('<', line_start(line)); lt < line_end(line);
         lt = source_.find('<', lt + 1))
      tags.push_back(lt);
  } else {
    for (std::size_t lt = source_.rfind('<', line_end(line) - 1);
         lt != std::string_view::npos && tags.size() < kMostCandidates;
         lt = lt == 0 ? std::string_view::npos : source_.rfind('<', lt - 1))
      if (name_at(source_, skip_space(source_, lt + 1 + (source_.compare(lt, 2, "</") == 0))) == name)
        tags.push_back(lt);
  }
  for (std::size_t lt : tags) {
    const bool end_tag = source_.compare(lt, 2, "</") == 0;
    const std::size_t name_start = skip_space(source_, lt + (end_tag ? 2 : 1));
    const std::string tag_name(name_at(source_, name_start));
    if (tag_name.empty()) continue;
    // tinyxml2 reads "< name" as an element.
    if (!end_tag && name_start != lt + 1)
      return at(lt, "expected an element name after '<'", "write '&lt;' for a literal '<'");
    std::optional<Explanation> found =
        end_tag ? end_tag_problem(lt, tag_name)
                : start_tag_problem(
                      lt, name_start + tag_name.size(),
                      end != kToNextTag ? end : std::min(source_.find('<', lt + 1), source_.size()));
    if (found) return found;
  }
  return std::nullopt;
}

// The longest stretch of the start tag at `start`, cut after its name, at white space or after a
// quote, that tinyxml2 reads as an empty element when "/>" is put after it: the attributes in it
// are good (the reader checks them as it always has), and the bad one begins after it.
std::optional<Explanation> FailureExplainer::start_tag_problem(std::size_t start, std::size_t name_end,
                                                               std::size_t end) {
  if (end - start > kLongestTag) return std::nullopt;
  std::size_t cuts = 0;
  for (std::size_t cut = std::max(end, name_end); cut >= name_end && cuts < kMostCuts; --cut) {
    const bool at_space = cut < source_.size() && is_tinyxml_space(source_[cut]);
    const bool after_quote = source_[cut - 1] == '"' || source_[cut - 1] == '\'';
    if (cut != name_end && !at_space && !after_quote) continue;
    ++cuts;
    const TinyXmlParse parse(std::string(source_.substr(start, cut - start)) + "/>");
    const tinyxml2::XMLNode* node = parse.first_node();
    const tinyxml2::XMLElement* read = node != nullptr ? node->ToElement() : nullptr;
    if (read == nullptr || node->NextSibling() != nullptr ||
        read->ClosingType() != tinyxml2::XMLElement::CLOSED)
      continue;
    const std::string copy = blanked_before(source_.substr(0, cut), start) + "/>";
    const TinyXmlParse in_place(copy);
    XmlTreeBuilder builder(copy, in_place, locator_);
    XmlNode scratch;
    if (Result<void> checked = builder.read_document(scratch); !checked)
      return Explanation{checked.error(), start};
    return attribute_problem(*read, start, cut);
  }
  return std::nullopt;
}

// What is wrong after the attributes tinyxml2 read (`read`'s) in the start tag at `start`, which
// end at `cut`.
std::optional<Explanation> FailureExplainer::attribute_problem(const tinyxml2::XMLElement& read,
                                                               std::size_t start, std::size_t cut) {
  const std::size_t next = skip_space(source_, cut);
  if (next >= source_.size()) return at(start, "<" + std::string(read.Name()) + "> is never closed");
  if (source_[next] == '>' || source_.compare(next, 2, "/>") == 0) return std::nullopt;  // a good tag
  if (next == cut) return at(next, "expected white space before an attribute", {}, start);
  const std::string name(name_at(source_, next));
  if (name.empty()) return at(next, "expected an attribute name", {}, start);
  if (read.Attribute(name.c_str()) != nullptr)
    return at(next, "attribute '" + name + "' is given twice", {}, start);
  std::size_t after = skip_space(source_, next + name.size());
  if (after >= source_.size() || source_[after] != '=')
    return at(after, "attribute '" + name + "' has no value", "write name=\"value\"", start);
  after = skip_space(source_, after + 1);
  if (after >= source_.size() || (source_[after] != '"' && source_[after] != '\''))
    return at(after, "attribute values must be quoted", {}, start);
  if (source_.find(source_[after], after + 1) == std::string_view::npos)
    return at(next, "attribute value is never closed", {}, start);
  return std::nullopt;  // a good attribute: not the start tag that failed
}

// An end tag with something other than '>' after its name (tinyxml2 reads attributes there).
// Put right, it either closes its element (then the rest was the problem) or does not.
std::optional<Explanation> FailureExplainer::end_tag_problem(std::size_t close, const std::string& name) {
  const std::size_t after = skip_space(source_, close + 2 + name.size());
  if (after < source_.size() && source_[after] == '>') return std::nullopt;  // a good end tag
  const std::string mended = std::string(source_.substr(0, close)) + "</" + name + ">";
  const TinyXmlParse parse(mended);
  if (parse.ok() ||
      parse.error() == tinyxml2::XML_ERROR_PARSING)  // it closed its element; outer ones stay open
    return at(close, "expected '>' after </" + name);
  if (parse.error() != tinyxml2::XML_ERROR_MISMATCHED_ELEMENT) return std::nullopt;
  FailureExplainer in_mended(document_, mended);
  const std::optional<Unclosed> unclosed =
      in_mended.find_unclosed(parse.error_element(), std::max(parse.error_line(), 1));
  if (!unclosed || (!unclosed->problem && unclosed->content_end != close)) return std::nullopt;
  return in_mended.describe(parse.error_element(), *unclosed);
}

// A comment, CDATA section, processing instruction or DOCTYPE that is never closed begins after
// the last terminator of its kind.
std::optional<Explanation> FailureExplainer::unclosed_construct(std::string_view opener,
                                                                std::string_view terminator, const char* what,
                                                                int line) {
  const std::size_t last = source_.rfind(terminator);
  const std::size_t start =
      source_.find(opener, last == std::string_view::npos ? 0 : last + terminator.size());
  if (start == std::string_view::npos || !on_line(start, line)) return std::nullopt;
  return at(start, std::string(what) + " is never closed");
}

// A '<' on the line that no name follows (tinyxml2 reads "< name" as an element).
std::optional<Explanation> FailureExplainer::lone_less_than(int line) {
  const std::size_t end = line_end(line);
  for (std::size_t lt = source_.find('<', line_start(line)); lt < end; lt = source_.find('<', lt + 1)) {
    std::size_t next = lt + 1;
    if (next < source_.size() && (source_[next] == '!' || source_[next] == '?')) continue;
    if (next < source_.size() && source_[next] == '/') ++next;
    if (next >= source_.size() || !is_name_start(source_[next]))
      return at(lt, "expected an element name after '<'", "write '&lt;' for a literal '<'");
  }
  return std::nullopt;
}

// What the reader refuses before `boundary`, a '<' where tinyxml2's trouble begins (a bare '&',
// '<' in an attribute value, …: tinyxml2 lets those through): the text up to it, with the
// elements still open there closed, read as a whole file.
std::optional<Diagnostic> FailureExplainer::earlier_problem(std::size_t boundary) {
  std::string mended(source_.substr(0, boundary));
  for (int closed = 0;; ++closed) {
    // tinyxml2 names the innermost element still open; after the last, it stops at kEndTag.
    const TinyXmlParse probe(mended + std::string(kEndTag));
    if (probe.ok()) break;
    if (probe.error() != tinyxml2::XML_ERROR_MISMATCHED_ELEMENT || closed > TINYXML2_MAX_ELEMENT_DEPTH)
      return std::nullopt;
    mended += "</" + probe.error_element() + ">";
  }
  mended += kEndTag;
  const TinyXmlParse parse(mended);
  XmlTreeBuilder builder(mended, parse, locator_);
  XmlNode root;
  const Result<void> read = builder.read_document(root);
  if (read.ok()) return std::nullopt;
  const SourceLocation found = read.error().location;
  const SourceLocation limit = locator_.location_at(boundary);
  if (std::pair(found.line, found.column) >= std::pair(limit.line, limit.column)) return std::nullopt;
  return read.error();
}

}  // namespace

Diagnostic explain_xml_failure(const XmlDocument& document, const TinyXmlParse& failed) {
  return FailureExplainer(document, document.source).explain(failed);
}

}  // namespace nashr
