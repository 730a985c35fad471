#pragma once
// The logical structure of a document for a tagged PDF (docs/pdf.md, "Tagged PDF"): structure
// elements in document order, made by the paginator, and the marks on the pages that say which
// element (or which artifact) each piece drawn belongs to. The PDF writer turns them into the
// structure tree and the content streams' marked content.
#include <cstdint>
#include <string>
#include <vector>

namespace nashr {

// The standard structure types used (PDF 1.7, 14.8.4): no role map is needed. The summary box is a
// Sect (PDF 2.0's Aside is unknown to PDF 1.7 readers: poppler rejects it).
enum class StructureRole : std::uint8_t {
  document, h1, h2, h3, p, l, li, lbl, lbody, table, tr, th, td, figure, caption, link, note, sect,
  block_quote, span,
};

// The type's name in the PDF ("Document", "H1", "BlockQuote"…).
inline const char* structure_type(StructureRole role) {
  static const char* const names[] = {"Document", "H1",     "H2",     "H3",   "P",    "L",      "LI",
                                      "Lbl",      "LBody",  "Table",  "TR",   "TH",   "TD",     "Figure",
                                      "Caption",  "Link",   "Note",   "Sect", "BlockQuote", "Span"};
  return names[static_cast<std::size_t>(role)];
}

inline constexpr std::uint32_t kNoElement = UINT32_MAX;

struct StructureElement {
  StructureRole role = StructureRole::p;
  std::uint32_t parent = kNoElement;  // kNoElement for the root (element 0, the Document)
  std::string alt;   // a figure's /Alt
  std::string lang;  // /Lang when it differs from the parent's ("fa", "en")
  std::string id;    // /ID (notes: PDF/UA wants one)
  // The element's content sits inside its children's (a P that holds a Link): its kids go in the
  // order their content is drawn. Otherwise (containers) in element order, which is document order
  // even where drawing order is not (a figure floated to the next page).
  bool mixed = false;
  // A table cell's spans, for its /A (table attributes); a TH's scope is its column.
  std::uint16_t row_span = 1;
  std::uint16_t column_span = 1;
};

// Element 0 is the Document; every other element's parent comes before it. Empty: not tagged.
struct StructureTree {
  std::vector<StructureElement> elements;
  std::string lang;  // the document's language, the Catalog's /Lang
  bool empty() const { return elements.empty(); }
};

// A page item (page.h) that begins or ends content: what is drawn between a begin and its end
// belongs to the element, or is an artifact of the page's running header or footer. Begins and
// ends nest; content outside every mark, rules and boxes are artifacts.
struct ContentMark {
  enum class Kind : std::uint8_t { element, header, footer, end };
  Kind kind = Kind::element;
  std::uint32_t element = kNoElement;
};

}  // namespace nashr
