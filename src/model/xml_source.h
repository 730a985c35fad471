#pragma once
// A parsed XML file as a small, library-neutral tree in which every element, attribute and text
// run knows where it came from (line and column). tinyxml2 parses; it stays inside src/model/'s
// xml_*.cpp, which place its nodes in the source (it reports line numbers only) and take back the
// white-space-only text it drops between elements (`<em>a</em> <b>b</b>` would lose its space).
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
  std::size_t value_offset = 0;   // the same as a byte offset in the source
};

struct XmlNode {
  enum class Kind { element, text };
  Kind kind = Kind::element;
  SourceLocation location;  // an element's '<', a text run's first character
  std::size_t offset = 0;   // the same as a byte offset in the source

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
  FileName path;       // interned: every node's location copies it
  std::string source;  // the file's bytes
  XmlNode root;

  // Line and column (1-based; the column counts Unicode characters, as editors do) of a byte offset.
  // Counts from the line's start each time; XmlLocator is the fast way for many lookups in order.
  // Safe to call from several threads.
  SourceLocation location_at(std::size_t offset) const;
  // Where the character at `offset` of a text run's `text` came from.
  SourceLocation text_location(const XmlNode& text_run, std::size_t offset) const;

  // Builds the line table; called by the parser. A line ends at a line feed, a carriage return
  // and line feed, or a carriage return alone (old Mac files), as in XML's end-of-line handling.
  void index_lines();
  // The byte offset where 1-based `line` starts (the source's size past its last line), `line`
  // counted as tinyxml2 counts its error lines: at line feeds only.
  std::size_t offset_of_line(int line) const;

 private:
  friend class XmlLocator;
  std::vector<std::size_t> line_starts_;
  // tinyxml2's lines, when a lone carriage return makes them differ from line_starts_.
  std::vector<std::size_t> line_feed_starts_;
};

// Bounds on what one element holds, checked as the file is read (located errors): bounded input
// keeps every later stage's work bounded. 65,535 bytes is the longest string a PDF (libharu) holds.
inline constexpr std::size_t kMostAttributes = 64;
inline constexpr std::size_t kLongestValue = 65535;  // an attribute value or a text run, in bytes
// Unicode's stream-safe text format: at most 30 combining marks in a row.
inline constexpr std::size_t kMostCombiningMarks = 30;

// Locations in one document, found fast when asked for in (mostly) increasing order, often many on
// one long line (a paragraph's inline elements): counting columns goes on from the last location
// instead of from the line's start. One locator per thread: it keeps that last location.
class XmlLocator {
 public:
  explicit XmlLocator(const XmlDocument& document) : doc_(&document) {}

  SourceLocation location_at(std::size_t offset);
  SourceLocation text_location(const XmlNode& text_run, std::size_t offset);

 private:
  const XmlDocument* doc_;
  std::size_t last_offset_ = 0;
  std::size_t last_line_ = 0;
  int last_column_ = 1;
};

// From this size on, a file is read on several threads when `threads` is 0 (below, a second
// thread would cost more than it saves).
inline constexpr std::size_t kParallelReadingBytes = 64 * 1024;

// Reads and parses `path`. A file that cannot be read fails with a diagnostic without a line (an
// I/O error); malformed XML fails with the line and column of the problem: the first byte that is
// not UTF-8, else the first problem tinyxml2 meets, else the first of what it lets through and XML
// does not (a bare '&', an unknown entity, text or elements after the root, …). Before tinyxml2
// reads it, a character XML forbids (a control character other than tab, line feed and carriage
// return; U+FFFE, U+FFFF) and an element with more than kMostAttributes attributes (tinyxml2's
// check for a repeated attribute is quadratic) are refused; after it, a value or text run longer
// than kLongestValue and more than kMostCombiningMarks combining marks in a row.
//
// `threads`: 1 does everything on the calling thread; otherwise (0: one per core for a file from
// kParallelReadingBytes on) the UTF-8 check runs beside tinyxml2's parse, and the elements two
// levels below the root are built on the pool's threads. The tree or the diagnostic is the same.
Result<XmlDocument> parse_xml_file(const std::string& path, unsigned threads = 0);

// The same for text already in memory; `path` is used in locations only.
Result<XmlDocument> parse_xml_text(const std::string& path, std::string text, unsigned threads = 0);

}  // namespace nashr
