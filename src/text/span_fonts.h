#pragma once
// Each span's fonts, loaded (once per thread and font chain list) and ready to choose from by
// script, and which spans share a style. Not part of the stage's interface (itemize.h).
#include <unicode/uscript.h>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "base/diagnostics.h"
#include "fonts/font_db.h"
#include "document/styled_paragraph.h"

namespace nashr::itemizing {

// One script's chain with its fonts loaded and its size-adjust.
struct ScriptChain {
  UScriptCode script = USCRIPT_INVALID_CODE;
  std::vector<const Font*> fonts;
  double size_adjust = 1;
};

// A span's fallback chains with their fonts loaded.
struct ResolvedSpan {
  const StyledSpan* style = nullptr;
  std::uint32_t style_group = 0;  // spans with equal style share a group (and may share a run)
  std::vector<ScriptChain> chains;
  std::vector<const Font*> any_script;  // the "*" chain
  std::vector<const Font*> every_font;  // all of them in order, for the last resort
  std::vector<FontFeature> features;

  const std::vector<const Font*>& chain_for(UScriptCode script) const {
    for (const ScriptChain& chain : chains) {
      if (chain.script == script) return chain.fonts;
    }
    return any_script.empty() ? every_font : any_script;
  }
  // The size-adjust of the chain chain_for(script) gives (1 for "*" and the last resort).
  double size_adjust_for(UScriptCode script) const {
    for (const ScriptChain& chain : chains) {
      if (chain.script == script) return chain.size_adjust;
    }
    return 1;
  }
};

// The spans' fonts, loading each chain list once (a font that cannot be loaded is an error at the
// span's location, an unknown script in a chain a warning) and grouping spans whose style is equal.
std::vector<ResolvedSpan> resolve_spans(const std::vector<StyledSpan>& spans, FontDb& fonts,
                                        DiagnosticSink& sink);

// The script a font chain names (ISO 15924 code or Unicode name); USCRIPT_INVALID_CODE if none.
UScriptCode script_from_name(const std::string& name);

}  // namespace nashr::itemizing
