#pragma once
// The paginator's output and the only thing the PDF writer sees: pages of placed items.
// Units are PDF points (1/72 in). Page coordinates have their origin at the page's top-left corner
// with y growing downwards (the layout's natural direction); the PDF writer flips them.
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "document/color.h"
#include "document/document_info.h"
#include "document/geometry.h"
#include "document/glyph.h"
#include "document/shared_string.h"
#include "document/structure.h"

namespace nashr {

class Font;

// Glyphs in visual (left-to-right drawing) order, starting at the baseline point `origin`.
// Runs are written to the page in the order of Page::items; readers that follow that order (pdf.js,
// `pdftotext -raw`) put a line together right only when its runs come in reading (logical) order,
// so the paginator emits each line's runs in logical order, whatever their positions.
struct GlyphRun {
  const Font* font = nullptr;
  double size = 10;  // points
  Point origin;
  Color color;
  bool rtl = false;  // the run's text is right-to-left (affects how multi-character text is written)
  std::uint32_t tag = kNoElement;  // its structure element or artifact (structure.h)
  std::vector<PlacedGlyph> glyphs;
};

struct Rule {
  Point from;
  Point to;
  double thickness = 0.5;
  Color color;
  std::uint32_t tag = kNoElement;  // an artifact: plain, or the running header's
};

struct Box {
  Rect rect;
  bool filled = false;
  Color fill;
  double stroke_width = 0;  // 0: no stroke
  Color stroke;
};

struct Image {
  Rect rect;
  std::string path;  // a PNG or JPEG file, already validated by the reader
  // When set, only this part of the page shows the image (cover art scaled to cover its frame;
  // the print edition widens the frame into the bleed where it touches the trim).
  std::optional<Rect> clip;
  std::uint32_t tag = kNoElement;  // its Figure (structure.h); none: an artifact
};

// A clickable area over exactly the glyphs of one link on one line (a link set over several lines
// or pages has one per line): to an external URI, or (when uri is empty) to a named destination.
// The addresses are shared with every other area of the same link.
struct Link {
  Rect rect;
  SharedString uri;
  SharedString destination;
  std::uint32_t tag = kNoElement;  // the element of the text it covers (structure.h): its annotation's
};

// A destination at a point on the page: a named one (a section id, in the PDF's /Dests), or, when
// not `named` (notes and their markers: an issue may have thousands, over the 4,095 names libharu
// takes), one that links reach by page and position only.
struct Anchor {
  std::string name;
  Point position;
  bool named = true;
};

using PageItem = std::variant<GlyphRun, Rule, Box, Image, Link, Anchor>;

struct Page {
  double width = 595.276;  // A4
  double height = 841.89;
  std::vector<PageItem> items;  // drawn in this order (later items paint over earlier ones)
};

// The outline (bookmarks): one entry per heading, in document order, with its nesting level.
struct OutlineEntry {
  std::string title;        // UTF-8, may be Persian
  int level = 1;            // 1 = top level
  std::string destination;  // a named destination (Anchor) on some page
};

struct PageLabelRange {
  int first_page = 0;  // 0-based index of the first page the style applies to
  enum class Style { decimal, roman_lower, roman_upper, none } style = Style::decimal;
  std::string prefix;
  int start = 1;
};

struct PagedDocument {
  DocumentInfo info;
  std::vector<Page> pages;
  std::vector<OutlineEntry> outline;
  std::vector<PageLabelRange> page_labels;
  StructureTree structure;  // empty: an untagged PDF
};

}  // namespace nashr
