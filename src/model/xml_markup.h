#pragma once
// Inside the XML reader (xml_source.cpp): tinyxml2 reads the markup, and these place what it read
// in the source. tinyxml2 9 gives line numbers only and drops white-space-only text, but it parses
// in place in a copy of the text, so where a name or value lies in that copy is its byte offset;
// the bytes between the nodes it found give their extents and the white space it dropped.
#include <tinyxml2.h>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "model/xml_source.h"

namespace nashr {

// tinyxml2's parse of a text, with a declaration of ours in front of it (an XML declaration may
// only come first, and any number may), whose place in tinyxml2's copy anchors every offset.
class TinyXmlParse {
 public:
  explicit TinyXmlParse(std::string_view text);
  TinyXmlParse(const TinyXmlParse&) = delete;
  TinyXmlParse& operator=(const TinyXmlParse&) = delete;

  bool ok() const { return document_.ErrorID() == tinyxml2::XML_SUCCESS; }
  tinyxml2::XMLError error() const { return document_.ErrorID(); }
  int error_line() const { return document_.ErrorLineNum(); }
  // The element tinyxml2's error names ("XMLElement name=…"), or "".
  std::string error_element() const;

  // The first node of the text (after our declaration); null when there is none or on failure.
  const tinyxml2::XMLNode* first_node() const;
  // The offset in the text of a name or value tinyxml2 gives (a pointer into its copy).
  std::size_t offset_of(const char* in_copy) const { return static_cast<std::size_t>(in_copy - text_start_); }

 private:
  tinyxml2::XMLDocument document_{true, tinyxml2::PRESERVE_WHITESPACE};
  const char* text_start_ = nullptr;  // where the text begins in tinyxml2's copy
};

// 3 when `text` starts with UTF-8's byte order mark, else 0.
std::size_t byte_order_mark_size(std::string_view text);

// tinyxml2's white space (what it skips between markup): isspace of an ASCII byte, without the
// call per byte (XMLUtil::IsWhiteSpace).
inline bool is_tinyxml_space(char c) {
  return c == ' ' || (c >= '\t' && c <= '\r');
}

// "malformed XML: `message`" at `offset`.
Diagnostic malformed_xml(XmlLocator& locator, std::size_t offset, std::string message, std::string hint = {});

// Builds XmlNodes from a successful TinyXmlParse of `bytes`, reading the bytes between the nodes.
// `bytes` is the parsed text; offsets in it are offsets in the document `locator` locates (when
// explaining a failure, a copy of the source with some markup blanked out).
class XmlTreeBuilder {
 public:
  XmlTreeBuilder(std::string_view bytes, const TinyXmlParse& parse, XmlLocator& locator)
      : bytes_(bytes), parse_(parse), locator_(locator) {}

  // Reads the elements two levels below the root (a report's sections, its metadata's fields) on
  // up to `threads` threads, each with a locator of its own, for read_document to take in order.
  void read_ahead(unsigned threads);

  // The document's nodes from parse.first_node(): its one root element into `root`, with the
  // errors the reader has always reported that tinyxml2 lets through (references, text or
  // content outside the root, '<' in attribute values, …).
  Result<void> read_document(XmlNode& root);

  // The nodes from `first` on, as the content of `parent`, the first beginning at `cursor`.
  // Returns where the content ends: after the last node and the white space after it.
  Result<std::size_t> read_content(const tinyxml2::XMLNode* first, std::size_t cursor, XmlNode& parent);

 private:
  Result<std::size_t> read_element(const tinyxml2::XMLElement& element, std::size_t cursor, XmlNode& node);
  Result<std::size_t> read_attributes(const tinyxml2::XMLElement& element, std::size_t name_end,
                                      XmlNode& node);
  Result<std::size_t> read_end_tag(const XmlNode& node, std::size_t cursor);
  Result<void> append_text(XmlNode& parent, std::size_t from, std::size_t to);
  Result<void> decode(std::size_t from, std::size_t to, std::string& out, XmlNode* text_run);
  Result<std::size_t> read_reference(std::size_t ampersand, std::size_t end, std::string& out);
  XmlNode& text_run(XmlNode& parent, std::size_t offset);
  // A comment that starts at `start`: where it ends, or what XML refuses in it.
  Result<std::size_t> read_comment(std::size_t start);
  std::size_t skip_space(std::size_t offset) const;
  // Where a comment, CDATA section, processing instruction or <!…> construct that starts at
  // `start` ends, after `terminator`.
  std::size_t end_of(std::size_t start, std::string_view terminator) const;

  struct ReadAhead {
    const tinyxml2::XMLElement* element = nullptr;
    XmlNode node;
    std::optional<Result<std::size_t>> end;
  };

  std::string_view bytes_;
  const TinyXmlParse& parse_;
  XmlLocator& locator_;
  std::vector<ReadAhead> ahead_;  // in document order
  std::size_t next_ahead_ = 0;
};

// Why tinyxml2 could not read `document.source` (`failed`), located: the reader's own words where
// the failure can be placed exactly, else tinyxml2's reason at its line.
Diagnostic explain_xml_failure(const XmlDocument& document, const TinyXmlParse& failed);

}  // namespace nashr
