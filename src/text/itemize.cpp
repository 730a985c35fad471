#include "text/itemize.h"

#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <map>
#include <numeric>
#include <string>
#include <unordered_map>
#include <vector>

namespace nashr {

namespace {

constexpr char16_t kLeftToRightIsolate = 0x2066;
constexpr char16_t kRightToLeftIsolate = 0x2067;
constexpr char16_t kFirstStrongIsolate = 0x2068;
constexpr char16_t kPopDirectionalIsolate = 0x2069;
constexpr char32_t kLineSeparator = 0x2028;
constexpr char32_t kReplacementCharacter = 0xFFFD;

// Characters that end a line inside our one paragraph. As UBA paragraph separators (class B) they
// would split the paragraph in ubidi, so they become U+2028, which is a hard break and class WS.
bool is_line_ending(UChar32 c) {
  if (c >= 0x20) return c == 0x85 || c == 0x2029;
  return c == '\n' || c == '\r' || c == 0x0B || c == 0x0C || c == 0x1C || c == 0x1D || c == 0x1E;
}

// Characters HarfBuzz handles without a glyph of their own (default ignorables are hidden, controls
// and separators are not drawn): they never make a font "missing".
bool needs_no_glyph(UChar32 c) {
  // Fast path for the bulk of our text: printable ASCII and the Arabic block (whose only default
  // ignorable is U+061C ARABIC LETTER MARK).
  if ((c >= 0x20 && c < 0x7F) || (c >= 0x0600 && c <= 0x06FF && c != 0x061C)) return false;
  if (u_hasBinaryProperty(c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT)) return true;
  const int8_t type = u_charType(c);
  return type == U_CONTROL_CHAR || type == U_LINE_SEPARATOR || type == U_PARAGRAPH_SEPARATOR;
}

std::string code_point_label(char32_t c) {
  char hex[16];
  std::snprintf(hex, sizeof hex, "U+%04X", static_cast<unsigned>(c));
  std::string label = hex;
  char name[128];
  UErrorCode status = U_ZERO_ERROR;
  const int32_t length = u_charName(static_cast<UChar32>(c), U_UNICODE_CHAR_NAME, name, sizeof name, &status);
  if (U_SUCCESS(status) && length > 0) label += std::string(" ") + name;
  if (c >= 0x20 && !needs_no_glyph(static_cast<UChar32>(c))) {
    char utf8[5] = {};
    int32_t at = 0;
    UBool error = false;
    U8_APPEND(reinterpret_cast<uint8_t*>(utf8), at, 4, static_cast<UChar32>(c), error);
    if (!error) label += std::string(" '") + std::string(utf8, static_cast<std::size_t>(at)) + "'";
  }
  return label;
}

UScriptCode script_from_name(const std::string& name) {
  const int32_t value = u_getPropertyValueEnum(UCHAR_SCRIPT, name.c_str());
  return value == UCHAR_INVALID_CODE ? USCRIPT_INVALID_CODE : static_cast<UScriptCode>(value);
}

std::vector<FontFeature> features_for(const StyledSpan& span) {
  if (!span.features.empty()) return span.features;
  std::vector<FontFeature> features{{"kern", 1}, {"liga", 1}};
  // Persian digit and letter forms (e.g. Noto Naskh's Persian ۴ ۵ ۶) come from the font's `locl`.
  if (span.language == "fa" || span.language.rfind("fa-", 0) == 0) features.push_back({"locl", 1});
  return features;
}

// A span's fallback chains with their fonts loaded.
struct ResolvedSpan {
  const StyledSpan* style = nullptr;
  std::uint32_t style_group = 0;  // spans with equal style share a group (and may share a run)
  std::vector<std::pair<UScriptCode, std::vector<const Font*>>> chains;
  std::vector<const Font*> any_script;  // the "*" chain
  std::vector<const Font*> every_font;  // all of them in order, for the last resort
  std::vector<FontFeature> features;

  const std::vector<const Font*>& chain_for(UScriptCode script) const {
    for (const auto& [chain_script, fonts] : chains) {
      if (chain_script == script) return fonts;
    }
    return any_script.empty() ? every_font : any_script;
  }
};

// Font chains compared by their path strings (std::filesystem::path's == compares component by
// component, which costs more than the rest of a paragraph's style work).
bool same_fonts(const FontChains& shared_a, const FontChains& shared_b) {
  const std::vector<FontChain>& a = shared_a.chains();
  const std::vector<FontChain>& b = shared_b.chains();
  if (&a == &b) return true;  // one shared list
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i].script != b[i].script || a[i].fonts.size() != b[i].fonts.size()) return false;
    for (std::size_t k = 0; k < a[i].fonts.size(); ++k) {
      if (a[i].fonts[k].native() != b[i].fonts[k].native()) return false;
    }
  }
  return true;
}

bool same_style(const StyledSpan& a, const StyledSpan& b) {
  return a.language == b.language && a.font_size == b.font_size && a.features == b.features &&
         same_fonts(a.fonts, b.fonts);
}

// A span's chains with their fonts loaded, as ResolvedSpan holds them.
struct LoadedChains {
  std::vector<std::pair<UScriptCode, std::vector<const Font*>>> chains;
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
      resolved.chains.emplace_back(script, std::move(loaded));
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

// The paragraph as UTF-16 with the isolate controls for isolated spans, and where each unit came from.
struct DecodedText {
  std::u16string text;
  std::vector<std::uint32_t> source_offsets;
  std::vector<std::uint32_t> span_of;
  std::vector<std::uint8_t> inserted;
  std::size_t size = 0;  // units written; the arrays are sized for the worst case, then trimmed
  std::size_t invalid_sequences = 0;

  void push_unit(char16_t unit, std::uint32_t source, std::uint32_t span) {
    text[size] = unit;
    source_offsets[size] = source;
    span_of[size] = span;
    ++size;
  }
  void push(char32_t c, std::uint32_t source, std::uint32_t span, bool is_inserted) {
    if (is_inserted) inserted[size] = 1;
    if (c > 0xFFFF) {
      push_unit(static_cast<char16_t>(U16_LEAD(c)), source, span);
      push_unit(static_cast<char16_t>(U16_TRAIL(c)), source, span);
    } else {
      push_unit(static_cast<char16_t>(c), source, span);
    }
  }
};

char16_t isolate_opener(SpanIsolation isolation) {
  switch (isolation) {
    case SpanIsolation::ltr: return kLeftToRightIsolate;
    case SpanIsolation::rtl: return kRightToLeftIsolate;
    case SpanIsolation::first_strong: return kFirstStrongIsolate;
    case SpanIsolation::none: break;
  }
  return 0;
}

DecodedText decode(const std::string& utf8, const std::vector<StyledSpan>& spans) {
  DecodedText out;
  // A UTF-8 sequence never gives more UTF-16 units than it has bytes; each span adds at most two
  // isolate controls.
  const std::size_t capacity = utf8.size() + 2 * spans.size();
  out.text.resize(capacity);
  out.source_offsets.resize(capacity);
  out.span_of.resize(capacity);
  out.inserted.resize(capacity);

  const auto length = static_cast<std::uint32_t>(utf8.size());
  // Spans in text order, clipped to the text and to each other (they are meant not to overlap).
  std::vector<std::uint32_t> order(spans.size());
  std::iota(order.begin(), order.end(), 0u);
  auto by_begin = [&](std::uint32_t a, std::uint32_t b) { return spans[a].begin < spans[b].begin; };
  if (!std::is_sorted(order.begin(), order.end(), by_begin)) {
    std::stable_sort(order.begin(), order.end(), by_begin);
  }
  struct Bounds {
    std::uint32_t span, begin, end;
  };
  std::vector<Bounds> bounds;
  std::uint32_t covered = 0;
  for (std::uint32_t index : order) {
    const auto begin = std::max<std::uint32_t>(
        static_cast<std::uint32_t>(std::min<std::size_t>(spans[index].begin, length)), covered);
    const auto end = static_cast<std::uint32_t>(std::min<std::size_t>(spans[index].end, length));
    if (begin >= end) continue;
    bounds.push_back({index, begin, end});
    covered = end;
  }

  std::size_t next = 0;
  std::ptrdiff_t open = -1;  // index into bounds
  std::uint32_t current_span = bounds.empty() ? 0 : bounds.front().span;
  const auto* bytes = reinterpret_cast<const uint8_t*>(utf8.data());
  int32_t i = 0;
  while (true) {
    const auto at = static_cast<std::uint32_t>(i);
    if (open >= 0 && bounds[static_cast<std::size_t>(open)].end <= at) {
      const std::uint32_t span = bounds[static_cast<std::size_t>(open)].span;
      if (spans[span].isolation != SpanIsolation::none) out.push(kPopDirectionalIsolate, at, span, true);
      open = -1;
    }
    if (next < bounds.size() && bounds[next].begin <= at) {
      open = static_cast<std::ptrdiff_t>(next);
      current_span = bounds[next].span;
      if (const char16_t opener = isolate_opener(spans[current_span].isolation); opener != 0) {
        out.push(opener, at, current_span, true);
      }
      ++next;
    }
    if (at >= length) break;
    UChar32 c = 0;
    U8_NEXT(bytes, i, static_cast<int32_t>(length), c);
    if (c < 0) {
      c = kReplacementCharacter;
      ++out.invalid_sequences;
    }
    if (c == '\r' && static_cast<std::uint32_t>(i) < length && bytes[i] == '\n') continue;  // CRLF: one break
    if (is_line_ending(c)) c = kLineSeparator;
    out.push(static_cast<char32_t>(c), at, current_span, false);
  }
  out.text.resize(out.size);
  out.source_offsets.resize(out.size);
  out.span_of.resize(out.size);
  out.inserted.resize(out.size);
  return out;
}

// Script and paired-bracket type of U+0000..U+07FF (ASCII, Latin-1, Arabic), read from ICU once:
// nearly every character of our text, and asking ICU each time is a large part of itemize's cost.
struct CharacterInfo {
  std::int16_t script;
  std::uint8_t bracket;
};
constexpr UChar32 kTableLimit = 0x800;

std::array<CharacterInfo, kTableLimit> make_character_table() {
  std::array<CharacterInfo, kTableLimit> table{};
  for (UChar32 c = 0; c < kTableLimit; ++c) {
    UErrorCode status = U_ZERO_ERROR;
    table[static_cast<std::size_t>(c)] = {
        static_cast<std::int16_t>(uscript_getScript(c, &status)),
        static_cast<std::uint8_t>(u_getIntPropertyValue(c, UCHAR_BIDI_PAIRED_BRACKET_TYPE))};
  }
  return table;
}

struct CharacterProperties {
  const std::array<CharacterInfo, kTableLimit>& table;

  UScriptCode script(UChar32 c) const {
    if (c < kTableLimit) return static_cast<UScriptCode>(table[static_cast<std::size_t>(c)].script);
    UErrorCode status = U_ZERO_ERROR;
    return uscript_getScript(c, &status);
  }
  UBidiPairedBracketType bracket_type(UChar32 c) const {
    if (c < kTableLimit)
      return static_cast<UBidiPairedBracketType>(table[static_cast<std::size_t>(c)].bracket);
    return static_cast<UBidiPairedBracketType>(u_getIntPropertyValue(c, UCHAR_BIDI_PAIRED_BRACKET_TYPE));
  }
};

CharacterProperties character_properties() {
  static const std::array<CharacterInfo, kTableLimit> table = make_character_table();
  return {table};
}

// Inter-word glue: Zs except the fixed-width U+2007 and U+202F. None in the Arabic block.
bool is_inter_word_space(UChar32 c) {
  if (c == ' ') return true;
  if (c < 0xA0 || (c >= 0x0600 && c <= 0x06FF)) return false;
  return c != 0x2007 && c != 0x202F && u_charType(c) == U_SPACE_SEPARATOR;
}

// Scripts per UTF-16 unit: Common and Inherited characters take the script of what precedes them
// in their span (or, at the start of a span, of the first real script after them, or failing that
// the script before the span); a closing bracket takes the script of its opening bracket; a Common
// character with Script_Extensions that exclude the current script (Arabic comma in Latin text)
// takes its own. Neutrals resolve within their span's style group (group_of_span[span_of[i]]): a
// space that starts an English span after a Persian name belongs with the English words.
std::vector<UScriptCode> resolve_scripts(const std::u16string& text,
                                         const std::vector<std::uint32_t>& span_of,
                                         const std::vector<std::uint32_t>& group_of_span) {
  const auto length = static_cast<int32_t>(text.size());
  std::vector<UScriptCode> scripts(text.size(), USCRIPT_COMMON);
  struct OpenBracket {
    UChar32 closing;
    UScriptCode script;
  };
  std::vector<OpenBracket> brackets;
  constexpr std::size_t kMaxBracketDepth = 64;
  UScriptCode current = USCRIPT_COMMON;     // COMMON: not known yet in this span
  UScriptCode last_known = USCRIPT_COMMON;  // the script before this span
  int32_t unresolved_from = 0;              // neutrals from here on wait for a script
  UScriptCode extensions[32];
  const CharacterProperties properties = character_properties();

  auto fill = [&](UScriptCode script, int32_t from, int32_t upto) {
    std::fill(scripts.begin() + from, scripts.begin() + upto, script);
  };
  auto settle = [&](UScriptCode script, int32_t upto) {
    fill(script, unresolved_from, upto);
    for (OpenBracket& bracket : brackets) {
      if (bracket.script == USCRIPT_COMMON) bracket.script = script;
    }
  };

  for (int32_t i = 0; i < length;) {
    const int32_t start = i;
    UChar32 c = 0;
    U16_NEXT(text.data(), i, length, c);
    if (start > 0 &&
        span_of[static_cast<std::size_t>(start)] != span_of[static_cast<std::size_t>(start) - 1] &&
        group_of_span[span_of[static_cast<std::size_t>(start)]] !=
            group_of_span[span_of[static_cast<std::size_t>(start) - 1]]) {
      if (current != USCRIPT_COMMON) {
        last_known = current;
        current = USCRIPT_COMMON;
        unresolved_from = start;
      } else if (last_known != USCRIPT_COMMON) {
        fill(last_known, unresolved_from, start);  // a span of neutrals only (an isolated ISSN)
        unresolved_from = start;
      }
    }
    UErrorCode status = U_ZERO_ERROR;
    UScriptCode script = properties.script(c);
    if (script == USCRIPT_UNKNOWN) script = USCRIPT_COMMON;  // unassigned: neutral
    UScriptCode assigned = current;
    if (script == USCRIPT_COMMON || script == USCRIPT_INHERITED) {
      const auto bracket = properties.bracket_type(c);
      if (bracket == U_BPT_OPEN) {
        if (brackets.size() == kMaxBracketDepth) brackets.erase(brackets.begin());
        brackets.push_back({u_getBidiPairedBracket(c), current});
      } else if (bracket == U_BPT_CLOSE) {
        // U+232A and U+3009 are canonically equivalent closers: match either.
        auto matches = [c](UChar32 closing) {
          return closing == c || (closing == 0x232A && c == 0x3009) || (closing == 0x3009 && c == 0x232A);
        };
        for (std::size_t k = brackets.size(); k > 0; --k) {
          if (matches(brackets[k - 1].closing)) {
            // After the pair the text continues in the script it had before the opening bracket.
            if (brackets[k - 1].script != USCRIPT_COMMON) current = assigned = brackets[k - 1].script;
            brackets.resize(k - 1);
            break;
          }
        }
      } else if (c >= 0x80) {  // ASCII has no Script_Extensions
        status = U_ZERO_ERROR;
        const int32_t count = uscript_getScriptExtensions(c, extensions, 32, &status);
        const bool specific = U_SUCCESS(status) && count > 0 && extensions[0] != USCRIPT_COMMON &&
                              extensions[0] != USCRIPT_INHERITED;
        if (specific) {
          const bool fits = std::find(extensions, extensions + count, current) != extensions + count;
          if (current == USCRIPT_COMMON) {
            settle(extensions[0], start);
            current = extensions[0];
            assigned = current;
          } else if (!fits) {
            assigned = extensions[0];
          }
        }
      }
    } else {
      if (current == USCRIPT_COMMON) settle(script, start);
      current = script;
      assigned = script;
    }
    for (int32_t k = start; k < i; ++k) scripts[static_cast<std::size_t>(k)] = assigned;
  }
  if (current == USCRIPT_COMMON && last_known != USCRIPT_COMMON) fill(last_known, unresolved_from, length);
  return scripts;
}

}  // namespace

std::string script_code(const std::string& name) {
  const UScriptCode script = script_from_name(name);
  if (script == USCRIPT_INVALID_CODE) return {};
  const char* code = uscript_getShortName(script);
  return code == nullptr ? std::string() : std::string(code);
}

ItemizedParagraph itemize(const StyledParagraph& paragraph, FontDb& fonts, DiagnosticSink& sink) {
  // A paragraph without spans still gets one style: no fonts, so every character is reported.
  std::vector<StyledSpan> default_span;
  const std::vector<StyledSpan>* spans = &paragraph.spans;
  if (spans->empty()) {
    StyledSpan whole;
    whole.end = paragraph.text.size();
    whole.location = paragraph.location;
    default_span.push_back(std::move(whole));
    spans = &default_span;
  }

  DecodedText decoded = decode(paragraph.text, *spans);
  if (decoded.invalid_sequences > 0) {
    sink.warning(paragraph.location,
                 "paragraph text is not valid UTF-8 (" + std::to_string(decoded.invalid_sequences) +
                     " bad sequence(s), shown as U+FFFD)",
                 "save the file as UTF-8");
  }

  Result<BidiParagraph> analysed = BidiParagraph::analyse(std::move(decoded.text), paragraph.dir);
  if (!analysed) {
    Diagnostic error = analysed.error();
    error.location = paragraph.location;
    sink.report(std::move(error));
    return ItemizedParagraph(BidiParagraph::analyse(u"", paragraph.dir).value());
  }
  ItemizedParagraph result(std::move(analysed).value());
  const std::u16string& text = result.text();
  const auto length = static_cast<std::uint32_t>(text.size());
  result.levels.assign(result.bidi.levels().begin(), result.bidi.levels().end());
  result.source_offsets = std::move(decoded.source_offsets);
  result.inserted = std::move(decoded.inserted);

  // Styles: load each span's fonts once and group spans whose style is equal.
  SpanResolver resolver(fonts, sink);
  std::vector<ResolvedSpan> resolved;
  resolved.reserve(spans->size());
  for (std::size_t s = 0; s < spans->size(); ++s) {
    // Spans of a paragraph mostly share their fonts: resolve each distinct chain list once.
    std::size_t same = 0;
    while (same < s && !same_fonts((*spans)[same].fonts, (*spans)[s].fonts)) ++same;
    if (same < s) {
      ResolvedSpan copy = resolved[same];
      copy.style = &(*spans)[s];
      copy.features = features_for((*spans)[s]);
      resolved.push_back(std::move(copy));
    } else {
      resolved.push_back(resolver.resolve((*spans)[s]));
    }
    resolved.back().style_group = static_cast<std::uint32_t>(s);
    for (std::size_t earlier = 0; earlier < s; ++earlier) {
      if (same_style((*spans)[earlier], (*spans)[s])) {
        resolved.back().style_group = resolved[earlier].style_group;
        break;
      }
    }
  }

  std::vector<std::uint32_t> group_of_span(resolved.size());
  for (std::size_t s = 0; s < resolved.size(); ++s) group_of_span[s] = resolved[s].style_group;
  const std::vector<UScriptCode> scripts = resolve_scripts(text, decoded.span_of, group_of_span);

  // Fonts per code point: the first font of the script's chain that has the glyph, then any other
  // font of the span; characters drawn without a glyph (ZWNJ, isolates, line breaks) stay in the
  // font before them so they do not split a run.
  struct Missing {
    std::uint32_t span;
    std::size_t count;
  };
  std::map<char32_t, Missing> missing;
  // One pass per code point: its font, then the run it extends or starts (runs cut wherever level,
  // script, font or span style changes), the language stretches and the inter-word spaces.
  std::vector<LanguageSpan> languages;
  const Font* previous_font = nullptr;
  std::uint32_t previous_span = UINT32_MAX;
  UScriptCode previous_script = USCRIPT_INVALID_CODE;
  std::uint32_t run_group = UINT32_MAX;
  const std::vector<const Font*>* current_chain = nullptr;  // the chain for (chain_span, chain_script)
  std::uint32_t chain_span = UINT32_MAX;
  UScriptCode chain_script = USCRIPT_INVALID_CODE;
  for (std::uint32_t i = 0; i < length;) {
    // The usual character: same span, script and level as the one before, and the font before it
    // (its chain's first) has it or it needs no glyph. Its run, language stretch and span go on.
    if (const char16_t unit = text[i]; previous_font != nullptr && !U16_IS_SURROGATE(unit) &&
                                       decoded.span_of[i] == previous_span && scripts[i] == previous_script &&
                                       result.levels[i] == result.runs.back().level &&
                                       !current_chain->empty() && previous_font == current_chain->front() &&
                                       (previous_font->covers(unit) || needs_no_glyph(unit))) {
      ++i;
      result.runs.back().end = i;
      languages.back().end = i;
      if (is_inter_word_space(unit)) result.spaces.push_back(i - 1);
      continue;
    }
    const std::uint32_t start = i;
    UChar32 c = 0;
    U16_NEXT(text.data(), i, length, c);
    const std::uint32_t span = decoded.span_of[start];
    const UScriptCode script = scripts[start];
    const ResolvedSpan& style = resolved[span];
    if (span != chain_span || script != chain_script) {
      current_chain = &style.chain_for(script);
      chain_span = span;
      chain_script = script;
    }
    const std::vector<const Font*>& chain = *current_chain;
    const Font* previous = span == previous_span && script == previous_script ? previous_font : nullptr;
    const Font* chosen = nullptr;
    if (needs_no_glyph(c)) {
      chosen = previous != nullptr ? previous : (chain.empty() ? nullptr : chain.front());
    } else {
      for (std::size_t k = 0; chosen == nullptr && k < chain.size(); ++k) {
        if (chain[k]->covers(static_cast<char32_t>(c))) chosen = chain[k];
      }
      // A combining mark stays in its base's font when that font has it. Everything else, spaces and
      // punctuation included, takes the first font of the chain that has it, so the word spaces
      // of a Persian line all come from the main font even after a fallback parenthesis.
      if (chosen != previous && previous != nullptr && (U_GET_GC_MASK(c) & U_GC_M_MASK) != 0 &&
          previous->covers(static_cast<char32_t>(c))) {
        chosen = previous;
      }
      for (std::size_t k = 0; chosen == nullptr && k < style.every_font.size(); ++k) {
        if (style.every_font[k]->covers(static_cast<char32_t>(c))) chosen = style.every_font[k];
      }
      if (chosen == nullptr) {
        auto [entry, inserted] = missing.try_emplace(static_cast<char32_t>(c), Missing{span, 0});
        ++entry->second.count;
        chosen = previous != nullptr ? previous : (chain.empty() ? nullptr : chain.front());
      }
    }

    const std::uint8_t level = result.levels[start];
    if (!result.runs.empty() && result.runs.back().level == level && previous_script == script &&
        previous_font == chosen && run_group == style.style_group) {
      result.runs.back().end = i;
    } else {
      const char* code = uscript_getShortName(script);
      result.runs.push_back(TextRun{.begin = start,
                                    .end = i,
                                    .level = level,
                                    .script = code == nullptr ? "Zyyy" : code,
                                    .language = style.style->language,
                                    .font = chosen,
                                    .font_size = style.style->font_size,
                                    .features = style.features,
                                    .span = span});
      run_group = style.style_group;
    }

    if (span != previous_span) {
      if (!languages.empty() && languages.back().language == style.style->language) {
        languages.back().end = i;
      } else {
        languages.push_back({start, i, style.style->language});
      }
    } else {
      languages.back().end = i;
    }
    if (is_inter_word_space(c)) {
      result.spaces.push_back(start);
    }
    previous_font = chosen;
    previous_span = span;
    previous_script = script;
  }
  for (const auto& [code_point, where] : missing) {
    const StyledSpan& span = *resolved[where.span].style;
    std::string fonts_tried;
    for (const Font* font : resolved[where.span].every_font) {
      fonts_tried += (fonts_tried.empty() ? "" : ", ") + font->postscript_name();
    }
    std::string message = "no font has a glyph for " + code_point_label(code_point);
    if (where.count > 1) message += " (" + std::to_string(where.count) + " times in this paragraph)";
    sink.warning(span.location, std::move(message),
                 fonts_tried.empty()
                     ? "the span has no font: give its style a font fallback chain"
                     : "add a font that covers it to the fallback chain (tried " + fonts_tried + ")");
  }

  result.breaks = find_break_opportunities(text, languages);
  return result;
}

}  // namespace nashr
