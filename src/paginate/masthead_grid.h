#pragma once
// The masthead on a baseline grid (docs/layout.md, "The masthead's grid"): its lines are set in
// several sizes and fonts, and boxes made from each line's own ascent and descent put their
// baselines at uneven steps (23.7, 13.6 and 15.5 pt in the Persian sample).
#include <vector>

#include "paginate/page_breaker.h"
#include "resolve/resolved_document.h"

namespace nashr {

struct SetBlock;  // paginate.h

// Reshapes the line boxes of the masthead (the blocks of kind masthead at the flow's start) so that
// every masthead baseline lies a whole number of `resolved.masthead_grid` units below the body's top:
// the first where its own box put it, rounded to the nearest unit; each next one where the boxes put
// it, its step rounded to the nearest whole number of units, but never fewer units than the mean of
// the two lines' leadings takes (rounded up). The space between masthead blocks goes into the steps.
void put_masthead_on_grid(const ResolvedDocument& resolved, const std::vector<SetBlock>& blocks,
                          std::vector<FlowBlock>& flow);

}  // namespace nashr
