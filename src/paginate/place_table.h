#pragma once
// paginate's internals: placing lines (paginate.cpp), a table's slices (place_table.cpp) and a
// contents entry's page number and leaders (place_contents.cpp).
#include <optional>
#include <vector>

#include "base/diagnostics.h"
#include "document/page.h"
#include "linebreak/lines.h"
#include "resolve/resolved_document.h"
#include "table/table_layout.h"

namespace nashr {
struct SetBlock;  // paginate.h
}

namespace nashr::paginating {

class Tagging;

// What a line's content belongs to in a tagged PDF (tag_structure.h): its block's element (kNoElement:
// an artifact), and the text whose spans say which runs are in another language.
struct LineTags {
  Tagging* tagging = nullptr;
  std::uint32_t leaf = kNoElement;
  const TextBlock* text = nullptr;
};

// Draws a line's runs with its measure's left edge at `x` and its baseline at `baseline`, with the
// link areas of runs whose span links somewhere; the glyphs move to the page. The first line drawn
// outside the page becomes `off_page`.
// With `tags`, the line is marked as its leaf's content, links and spans in another language as theirs.
void place_line(Line& line, double x, double baseline, const std::vector<SpanLink>* links, Page& page,
                std::optional<Diagnostic>& off_page, const LineTags& tags = {});

// A contents entry's page number, flush with the body's end edge (`body_left`, `body_width`), and its
// leaders between the end of the title's last line `title` (its measure's left edge at `left`, not
// placed yet) and the number, on `baseline` (place_contents.cpp). The number belongs to the entry's
// element (`tags` of the title's line; its link to a Link in it); the leaders are artifacts.
struct BodyEdges {
  double left = 0;
  double width = 0;
};
void place_contents_page(const ResolvedDocument& resolved, BodyEdges body, const Line& title, double left,
                         double baseline, const ResolvedBlock& block, SetBlock& set, Page& page,
                         std::optional<Diagnostic>& off_page, const LineTags& tags = {});

// Where one slice of a table goes and what borders it on this page.
struct SliceOnPage {
  std::size_t slice = 0;
  double left = 0;  // the table's left edge on the page
  double top = 0;   // the slice's top on the page
  bool repeated = false;    // a repeated head (the head's lines are always copied, never moved)
  bool page_top = false;    // the table's first slice on this page: the frame above it
  bool page_foot = false;   // its last slice on this page: the frame below it
  Tagging* tagging = nullptr;  // the cells' elements (a repeated head is an artifact)
  std::size_t block = 0;       // the table's block
};

// Draws a slice of a table: the cells' shading, the rules, and the lines whose tops are in it.
void place_table_slice(const ResolvedTable& table, TableLayout& layout, const SliceOnPage& where, Page& page,
                       std::optional<Diagnostic>& off_page);

}  // namespace nashr::paginating
