#pragma once
// paginate: set blocks → pages of placed items (the PDF writer's input). Runs the page breaker over
// the blocks' lines, places lines, markers, figures, summary boxes, rules, links and anchors on the
// pages, adds the running header and footer, and fills in the outline and document info.
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <vector>

#include "base/diagnostics.h"
#include "linebreak/lines.h"
#include "paginate/footnotes.h"
#include "paginate/page_breaker.h"
#include "table/table_layout.h"
#include "document/page.h"
#include "resolve/resolved_document.h"

namespace nashr {

// A contents entry's page number and its leader (one character, drawn as often as it fits), set.
struct SetContents {
  std::optional<Lines> page_number;
  std::optional<Lines> leader;
};

// One resolved block after the text stages: its lines, and its list marker's lines.
struct SetBlock {
  Lines lines;
  std::optional<Lines> marker;
  std::unique_ptr<TableLayout> table;  // a table's layout (src/table/)
  std::vector<std::pair<std::size_t, Lines>> notes;  // (note, its lines): the footnotes whose markers it holds
  std::unique_ptr<SetContents> contents;  // a contents entry's page number and leader
};

// Sets paragraphs of text (itemize → shape → break_lines), the lines of texts[i] at [i]; the
// paginator uses it for the running header and footer, whose page numbers are known only after
// page breaking. It asks once, for every page's parts in the order the pages use them, so the
// caller may set them on several threads and still report their diagnostics in that order.
using SetTexts = std::function<std::vector<Lines>(std::span<const TextBlock> texts)>;

struct Pagination {
  PagedDocument document;
  PageBreaks breaks;  // the page breaker's plan, for `--dump=pages` of the plan and tests
  Footnotes footnotes;  // the notes at each page's foot (their lines' glyphs moved to the pages)
};

// The page breaker's plan for the blocks, without placing anything: where each block begins. For a
// layout pass (typeset) that needs the pages of the anchors before the final one.
PageBreaks plan_pages(const ResolvedDocument& resolved, const std::vector<SetBlock>& blocks, DiagnosticSink& sink);
// The same with the footnotes already set (set_footnotes), which it places at the pages' feet.
PageBreaks plan_pages(const ResolvedDocument& resolved, const std::vector<SetBlock>& blocks, Footnotes& notes,
                      DiagnosticSink& sink);

// The 1-based page each anchor of `resolved` begins on in `breaks` (the first, when given twice).
PageNumbers anchor_pages(const ResolvedDocument& resolved, const PageBreaks& breaks);
// The same, and the page of each footnote's marker (its back_anchor): the page its note begins on
// (per-page note numbering).
PageNumbers anchor_pages(const ResolvedDocument& resolved, const PageBreaks& breaks, const Footnotes& notes);

// `blocks[i]` belongs to `resolved.blocks[i]`. The glyphs move out of `blocks` into the pages
// instead of being copied (half the peak memory); `blocks` keep their lines' geometry only.
// `tagged`: the document's structure tree is made and every item placed carries its element
// (document/structure.h); else the tree stays empty.
Pagination paginate(const ResolvedDocument& resolved, std::vector<SetBlock>&& blocks,
                    const SetTexts& set_texts, DiagnosticSink& sink, bool tagged = true);

}  // namespace nashr
