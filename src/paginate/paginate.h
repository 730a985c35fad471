#pragma once
// paginate: set blocks → pages of placed items (the PDF writer's input). Runs the page breaker over
// the blocks' lines, places lines, markers, figures, summary boxes, rules, links and anchors on the
// pages, adds the running header and footer, and fills in the outline and document info.
#include <functional>
#include <optional>
#include <vector>

#include "base/diagnostics.h"
#include "linebreak/lines.h"
#include "paginate/page_breaker.h"
#include "paginate/paged_document.h"
#include "resolve/resolved_document.h"

namespace nashr {

// One resolved block after the text stages: its lines, and its list marker's lines.
struct SetBlock {
  Lines lines;
  std::optional<Lines> marker;
};

// Sets one paragraph of text (itemize → shape → break_lines); the paginator uses it for the running
// header and footer, whose page numbers are known only after page breaking.
using SetText = std::function<Lines(const TextBlock&)>;

struct Pagination {
  PagedDocument document;
  PageBreaks breaks;  // the page breaker's plan, for `--dump=pages` of the plan and tests
};

// `blocks[i]` belongs to `resolved.blocks[i]`. The glyphs move out of `blocks` into the pages
// instead of being copied (half the peak memory); `blocks` keep their lines' geometry only.
Pagination paginate(const ResolvedDocument& resolved, std::vector<SetBlock>&& blocks, const SetText& set_text,
                    DiagnosticSink& sink);

}  // namespace nashr
