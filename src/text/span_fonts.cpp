#include "text/span_fonts.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <unordered_map>

namespace nashr::itemizing {

UScriptCode script_from_name(const std::string& name) {
  const int32_t value = u_getPropertyValueEnum(UCHAR_SCRIPT, name.c_str());
  return value == UCHAR_INVALID_CODE ? USCRIPT_INVALID_CODE : static_cast<UScriptCode>(value);
}

namespace {

std::vector<FontFeature> features_for(const StyledSpan& span) {
  if (!span.features.empty()) return span.features;
  std::vector<FontFeature> features{{"kern", 1}, {"liga", 1}};
  // Persian letter forms come from the font's `locl` for Persian (itemize turns it off in a font whose
  // Persian locl gives Urdu digits, Font::persian_locl_changes_digits).
  if (span.language == "fa" || span.language.rfind("fa-", 0) == 0) features.push_back({"locl", 1});
  return features;
}

// Font chains compared by their path strings (std::filesystem::path's == compares component by
// component, which costs more than the rest of a paragraph's style work).
bool same_fonts(const FontChains& shared_a, const FontChains& shared_b) {
  const std::vector<FontChain>& a = shared_a.chains();
  const std::vector<FontChain>& b = shared_b.chains();
  if (&a == &b) return true;  // one shared list
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i].script != b[i].script || a[i].size_adjust != b[i].size_adjust || a[i].fonts.size() != b[i].fonts.size())
      return false;
    for (std::size_t k = 0; k < a[i].fonts.size(); ++k) {
      if (a[i].fonts[k].native() != b[i].fonts[k].native()) return false;
    }
  }
  return true;
}

bool same_style(const StyledSpan& a, const StyledSpan& b) {
  return a.language == b.language && a.font_size == b.font_size && a.features == b.features && a.look == b.look &&
         same_fonts(a.fonts, b.fonts);
}

// A span's chains with their fonts loaded, as ResolvedSpan holds them.
struct LoadedChains {
  std::vector<ScriptChain> chains;
  std::vector<const Font*> any_script;
  std::vector<const Font*> every_font;
};

struct ChainCache {
  std::uint64_t db_serial = 0;  // the FontDb the fonts came from
  std::unordered_map<std::string, LoadedChains> entries;
  std::string key;  // scratch
};

ChainCache& chain_cache() {
  thread_local ChainCache cache;
  return cache;
}

// The chains as text: script, then the font paths, per chain.
void chain_key(const FontChains& chains, std::string& key) {
  key.clear();
  for (const FontChain& chain : chains) {
    key += chain.script;
    // The factor's bytes, not its text: this key is built for every span of the issue.
    key.append(reinterpret_cast<const char*>(&chain.size_adjust), sizeof chain.size_adjust);
    for (const auto& path : chain.fonts) {
      key += '\x1f';
      key += path.native();
    }
    key += '\x1e';
  }
}

class SpanResolver {
 public:
  SpanResolver(FontDb& fonts, DiagnosticSink& sink) : fonts_(fonts), sink_(sink) {}

  const Font* load(const std::filesystem::path& path, const SourceLocation& location) {
    for (const auto& [known, font] : loaded_) {
      if (known == path.native()) return font;
    }
    Result<const Font*> font = fonts_.load(path);
    const Font* result = nullptr;
    if (font.ok()) {
      result = font.value();
    } else {
      Diagnostic error = font.error();
      error.location = location;
      sink_.report(std::move(error));
    }
    loaded_.emplace_back(path.native(), result);
    return result;
  }

  ResolvedSpan resolve(const StyledSpan& span) {
    ResolvedSpan resolved;
    resolved.style = &span;
    resolved.features = features_for(span);
    // Every paragraph of an issue names the same few chains: loaded chains are kept per thread by
    // FontDb and chain text, unless loading them reported something (which must be reported again).
    ChainCache& cache = chain_cache();
    if (cache.db_serial != fonts_.serial()) {
      cache.entries.clear();
      cache.db_serial = fonts_.serial();
    }
    chain_key(span.fonts, cache.key);
    if (auto found = cache.entries.find(cache.key); found != cache.entries.end()) {
      resolved.chains = found->second.chains;
      resolved.any_script = found->second.any_script;
      resolved.every_font = found->second.every_font;
      return resolved;
    }
    const std::size_t reported = sink_.diagnostics().size();
    auto add_unique = [](std::vector<const Font*>& list, const Font* font) {
      if (font != nullptr && std::find(list.begin(), list.end(), font) == list.end()) list.push_back(font);
    };
    for (const FontChain& chain : span.fonts) {
      std::vector<const Font*> loaded;
      for (const auto& path : chain.fonts) add_unique(loaded, load(path, span.location));
      for (const Font* font : loaded) add_unique(resolved.every_font, font);
      if (chain.script == "*") {
        resolved.any_script = std::move(loaded);
        continue;
      }
      const UScriptCode script = script_from_name(chain.script);
      if (script == USCRIPT_INVALID_CODE) {
        sink_.warning(span.location, "unknown script '" + chain.script + "' in a font fallback chain",
                      "use an ISO 15924 code such as Arab or Latn, or a Unicode script name, or * for any");
        continue;
      }
      resolved.chains.push_back({script, std::move(loaded), chain.size_adjust});
    }
    if (sink_.diagnostics().size() == reported) {
      cache.entries.emplace(cache.key,
                            LoadedChains{resolved.chains, resolved.any_script, resolved.every_font});
    }
    return resolved;
  }

 private:
  FontDb& fonts_;
  DiagnosticSink& sink_;
  std::vector<std::pair<std::string, const Font*>> loaded_;  // a paragraph names a few fonts
};

}  // namespace

std::vector<ResolvedSpan> resolve_spans(const std::vector<StyledSpan>& spans, FontDb& fonts,
                                        DiagnosticSink& sink) {
  SpanResolver resolver(fonts, sink);
  std::vector<ResolvedSpan> resolved;
  resolved.reserve(spans.size());
  for (std::size_t s = 0; s < spans.size(); ++s) {
    // Spans of a paragraph mostly share their fonts: resolve each distinct chain list once.
    std::size_t same = 0;
    while (same < s && !same_fonts(spans[same].fonts, spans[s].fonts)) ++same;
    if (same < s) {
      ResolvedSpan copy = resolved[same];
      copy.style = &spans[s];
      copy.features = features_for(spans[s]);
      resolved.push_back(std::move(copy));
    } else {
      resolved.push_back(resolver.resolve(spans[s]));
    }
    resolved.back().style_group = static_cast<std::uint32_t>(s);
    for (std::size_t earlier = 0; earlier < s; ++earlier) {
      if (same_style(spans[earlier], spans[s])) {
        resolved.back().style_group = resolved[earlier].style_group;
        break;
      }
    }
  }
  return resolved;
}

}  // namespace nashr::itemizing
