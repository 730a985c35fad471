#pragma once
// The logical structure of a document for a tagged PDF (docs/pdf.md, "Tagged PDF"): structure
// elements in document order, made by the paginator, and the marks on the pages that say which
// element (or which artifact) each piece drawn belongs to. The PDF writer turns them into the
// structure tree and the content streams' marked content.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace nashr {

// The standard structure types used (PDF 1.7, 14.8.4): no role map is needed. The summary box is a
// Sect (PDF 2.0's Aside is unknown to PDF 1.7 readers: poppler rejects it).
enum class StructureRole : std::uint8_t {
  document, h1, h2, h3, p, l, li, lbl, lbody, table, tr, th, td, figure, caption, link, note, sect,
  block_quote, span, toc, toci,
};

// The type's name in the PDF ("Document", "H1", "BlockQuote"…).
inline const char* structure_type(StructureRole role) {
  static const char* const names[] = {"Document", "H1",     "H2",     "H3",   "P",    "L",      "LI",
                                      "Lbl",      "LBody",  "Table",  "TR",   "TH",   "TD",     "Figure",
                                      "Caption",  "Link",   "Note",   "Sect", "BlockQuote", "Span",
                                      "TOC",      "TOCI"};
  return names[static_cast<std::size_t>(role)];
}

// No element: content outside every element is an artifact (rules, boxes, the masthead, leaders).
inline constexpr std::uint32_t kNoElement = UINT32_MAX;

// An element's /Lang, /Alt or /ID: an index in StructureTree::texts, or none.
inline constexpr std::uint32_t kNoText = UINT32_MAX;

// 20 bytes: a 1,000-page issue has about 30,000 elements, so their texts live in the tree.
struct StructureElement {
  StructureRole role = StructureRole::p;
  // The element's content sits inside its children's (a P that holds a Link): its kids go in the
  // order their content is drawn. Otherwise (containers) in element order, which is document order
  // even where drawing order is not (a figure floated to the next page).
  bool mixed = false;
  // A table cell's spans, for its /A (table attributes); a TH's scope is its column.
  std::uint16_t row_span = 1;
  std::uint16_t column_span = 1;
  std::uint32_t parent = kNoElement;  // kNoElement for the root (element 0, the Document)
  std::uint32_t lang = kNoText;  // /Lang when it differs from the parent's ("fa", "en")
  std::uint32_t alt = kNoText;   // a figure's /Alt
  std::uint32_t id = kNoText;    // /ID (notes: PDF/UA wants one)
};

// Element 0 is the Document; every other element's parent comes before it. Empty: not tagged.
struct StructureTree {
  std::vector<StructureElement> elements;
  std::vector<std::string> texts;  // the elements' languages (each once), alternative texts and IDs
  std::string lang;  // the document's language, the Catalog's /Lang
  bool empty() const { return elements.empty(); }
  // An element's text (its lang, alt or id); empty for kNoText.
  std::string_view text(std::uint32_t index) const {
    return index < texts.size() ? std::string_view(texts[index]) : std::string_view();
  }
};

// What a page item's content belongs to in a tagged PDF (page.h's `tag`): an element's index in
// StructureTree::elements, or one of the artifacts below. Each drawn item carries its own, so the
// pages need no items of their own for the marks (an issue has hundreds of thousands of runs).
inline constexpr std::uint32_t kHeaderArtifact = kNoElement - 1;  // the running header (Pagination)
inline constexpr std::uint32_t kFooterArtifact = kNoElement - 2;  // the running footer (Pagination)

}  // namespace nashr
