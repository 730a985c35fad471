#pragma once
// A parsed XML file as a small, library-neutral tree in which every element, attribute and text
// run knows where it came from (line and column). tinyxml2 stays inside xml_source.cpp: it is the
// well-formedness gate; the tree itself comes from our own scan of the source, because tinyxml2
// drops white-space-only text between elements (`<em>a</em> <b>b</b>` would lose its space) and
// reports line numbers only.
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/result.h"

namespace nashr {

struct XmlAttribute {
  std::string name;
  std::string value;              // entity references decoded
  SourceLocation location;        // the attribute's name
  SourceLocation value_location;  // the first character of its value
};

struct XmlNode {
  enum class Kind { element, text };
  Kind kind = Kind::element;
  SourceLocation location;  // an element's '<', a text run's first character

  // Elements.
  std::string name;
  std::vector<XmlAttribute> attributes;
  std::vector<XmlNode> children;

  // Text runs: the characters with entity references decoded and CDATA unwrapped. Adjacent text
  // and CDATA merge into one run; comments and processing instructions are left out.
  std::string text;
  // (offset in `text`, byte offset in the source) at the start of each stretch copied verbatim,
  // so a diagnostic can point at a single character (see XmlDocument::text_location).
  std::vector<std::pair<std::size_t, std::size_t>> anchors;

  bool is_element() const { return kind == Kind::element; }
  bool is_text() const { return kind == Kind::text; }
  const XmlAttribute* attribute(std::string_view attribute_name) const;
};

class XmlDocument {
 public:
  FileName path;  // interned: every node's location copies it
  std::string source;  // the file's bytes
  XmlNode root;

  // Line and column (1-based; the column counts Unicode characters, as editors do) of a byte offset.
  SourceLocation location_at(std::size_t offset) const;
  // Where the character at `offset` of a text run's `text` came from.
  SourceLocation text_location(const XmlNode& text_run, std::size_t offset) const;

  // Builds the line table; called by the parser.
  void index_lines();

 private:
  std::vector<std::size_t> line_starts_;
  // The last location found: nodes are located in increasing order, often many on one long line
  // (a paragraph's inline elements), so counting columns goes on from there instead of from the
  // line's start. A cache, not state: location_at stays logically const.
  mutable std::size_t last_offset_ = 0;
  mutable std::size_t last_line_ = 0;
  mutable int last_column_ = 1;
};

// Reads and parses `path`. A file that cannot be read fails with a diagnostic without a line (an
// I/O error); malformed XML fails with the line and column of the problem.
Result<XmlDocument> parse_xml_file(const std::string& path);

// The same for text already in memory; `path` is used in locations only.
Result<XmlDocument> parse_xml_text(const std::string& path, std::string text);

}  // namespace nashr
