#include "text/itemize.h"

#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf16.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "base/utf8.h"
#include "locale/persian_text.h"
#include "text/character_table.h"
#include "text/decode_text.h"
#include "text/resolve_scripts.h"
#include "text/span_fonts.h"

namespace nashr {

namespace {

using itemizing::ResolvedSpan;

// A character no font of its span has: the span it was first met in, and how often it came.
struct Missing {
  std::uint32_t span;
  std::size_t count;
};

// "U+0xxx NAME 'c'" for the warning about a missing glyph (the character itself when it is visible).
std::string code_point_label(char32_t c) {
  char hex[16];
  std::snprintf(hex, sizeof hex, "U+%04X", static_cast<unsigned>(c));
  std::string label = hex;
  char name[128];
  UErrorCode status = U_ZERO_ERROR;
  const int32_t length = u_charName(static_cast<UChar32>(c), U_UNICODE_CHAR_NAME, name, sizeof name, &status);
  if (U_SUCCESS(status) && length > 0) label += std::string(" ") + name;
  const bool surrogate = c >= 0xD800 && c <= 0xDFFF;  // a lone one: not a character to show
  if (c >= 0x20 && !surrogate && c <= 0x10FFFF && !itemizing::needs_no_glyph(static_cast<UChar32>(c))) {
    label += " '";
    append_utf8(label, c);
    label += "'";
  }
  return label;
}

// The font for code point `c` of span `span`: the first font of its script's `chain` that has it,
// then any other font of the span; `previous` (the font before it in the same span and script, or
// null) when it needs no glyph, or when it is a combining mark that font has. With no font having
// it, it is counted in `missing` and stays in `previous` (or the chain's first font).
// The span's features for a run in `font`: `locl` off for Persian in a font whose Persian locl
// turns the Persian digits into Urdu forms (Font::persian_locl_changes_digits).
std::vector<FontFeature> run_features(const ResolvedSpan& style, const Font* font) {
  if (font == nullptr || !font->persian_locl_changes_digits() || !is_persian_language(style.style->language))
    return style.features;
  std::vector<FontFeature> features = style.features;
  std::erase_if(features, [](const FontFeature& feature) { return feature.tag == "locl"; });
  features.push_back({"locl", 0});  // HarfBuzz turns it on unless told
  return features;
}

const Font* choose_font(UChar32 c, std::uint32_t span, const ResolvedSpan& style,
                        const std::vector<const Font*>& chain, const Font* previous,
                        std::map<char32_t, Missing>& missing) {
  const Font* fallback = previous != nullptr ? previous : (chain.empty() ? nullptr : chain.front());
  if (itemizing::needs_no_glyph(c)) return fallback;
  const Font* chosen = nullptr;
  for (std::size_t k = 0; chosen == nullptr && k < chain.size(); ++k) {
    if (chain[k]->covers(static_cast<char32_t>(c))) chosen = chain[k];
  }
  // ٫ and ٬ from a font that draws them as a slash or a Latin comma: the next one that draws them
  // right, if the chain has one (issue 17: «۴۲٫۵٪» read as «۴۲/۵» in Vazirmatn).
  if (chosen != nullptr && chosen->misdraws_arabic_separator(static_cast<char32_t>(c))) {
    for (const Font* font : chain) {
      if (font->covers(static_cast<char32_t>(c)) && !font->misdraws_arabic_separator(static_cast<char32_t>(c))) {
        chosen = font;
        break;
      }
    }
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
    chosen = fallback;
  }
  return chosen;
}

// The language stretches go on with text[start, end) of span `span` (a new stretch where a span of
// another language begins).
void extend_languages(std::vector<LanguageSpan>& languages, std::uint32_t start, std::uint32_t end,
                      bool new_span, const std::string& language) {
  if (new_span && (languages.empty() || languages.back().language != language)) {
    languages.push_back({start, end, language});
  } else {
    languages.back().end = end;
  }
}

// One pass over the text, a code point at a time: its font (choose_font()), then the run it extends
// or starts (runs are cut wherever level, script, font or span style changes), the language
// stretches and the inter-word spaces. Fills result.runs and result.spaces; returns the language
// stretches. Characters drawn without a glyph (ZWNJ, isolates, line breaks) stay in the font before
// them so they do not split a run.
std::vector<LanguageSpan> assign_fonts_and_runs(ItemizedParagraph& result, const std::vector<std::uint32_t>& span_of,
                                                const std::vector<UScriptCode>& scripts,
                                                const std::vector<ResolvedSpan>& resolved,
                                                std::map<char32_t, Missing>& missing) {
  const std::u16string& text = result.text();
  const auto length = static_cast<std::uint32_t>(text.size());
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
                                       span_of[i] == previous_span && scripts[i] == previous_script &&
                                       result.levels[i] == result.runs.back().level &&
                                       !current_chain->empty() && previous_font == current_chain->front() &&
                                       (previous_font->covers(unit) || itemizing::needs_no_glyph(unit)) &&
                                       !previous_font->misdraws_arabic_separator(unit)) {
      ++i;
      result.runs.back().end = i;
      languages.back().end = i;
      if (itemizing::is_inter_word_space(unit)) result.spaces.push_back(i - 1);
      continue;
    }
    const std::uint32_t start = i;
    UChar32 c = 0;
    U16_NEXT(text.data(), i, length, c);
    const std::uint32_t span = span_of[start];
    const UScriptCode script = scripts[start];
    const ResolvedSpan& style = resolved[span];
    if (span != chain_span || script != chain_script) {
      current_chain = &style.chain_for(script);
      chain_span = span;
      chain_script = script;
    }
    const Font* previous = span == previous_span && script == previous_script ? previous_font : nullptr;
    const Font* chosen = choose_font(c, span, style, *current_chain, previous, missing);

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
                                    .font_size = style.style->font_size * style.size_adjust_for(script),
                                    .features = run_features(style, chosen),
                                    .span = span});
      run_group = style.style_group;
    }
    extend_languages(languages, start, i, span != previous_span, style.style->language);
    if (itemizing::is_inter_word_space(c)) result.spaces.push_back(start);
    previous_font = chosen;
    previous_span = span;
    previous_script = script;
  }
  return languages;
}

// One warning per character no font has, at its span, naming the fonts tried.
void warn_missing_glyphs(const std::map<char32_t, Missing>& missing, const std::vector<ResolvedSpan>& resolved,
                         DiagnosticSink& sink) {
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
}

}  // namespace

std::string script_code(const std::string& name) {
  const UScriptCode script = itemizing::script_from_name(name);
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

  itemizing::DecodedText decoded = itemizing::decode(paragraph.text, *spans);
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
  result.levels.assign(result.bidi.levels().begin(), result.bidi.levels().end());
  result.source_offsets = std::move(decoded.source_offsets);
  result.inserted = std::move(decoded.inserted);

  const std::vector<ResolvedSpan> resolved = itemizing::resolve_spans(*spans, fonts, sink);
  std::vector<std::uint32_t> group_of_span(resolved.size());
  for (std::size_t s = 0; s < resolved.size(); ++s) group_of_span[s] = resolved[s].style_group;
  const std::vector<UScriptCode> scripts = itemizing::resolve_scripts(result.text(), decoded.span_of, group_of_span);

  std::map<char32_t, Missing> missing;
  const std::vector<LanguageSpan> languages =
      assign_fonts_and_runs(result, decoded.span_of, scripts, resolved, missing);
  warn_missing_glyphs(missing, resolved, sink);
  result.breaks = find_break_opportunities(result.text(), languages);
  // Web addresses break by URL rules: each stretch of text whose span is one.
  const std::u16string& text = result.text();
  const bool has_url = std::any_of(spans->begin(), spans->end(), [](const StyledSpan& span) { return span.url; });
  for (std::uint32_t i = 0; has_url && i < text.size() && i < decoded.span_of.size();) {
    const std::uint32_t span = decoded.span_of[i];
    std::uint32_t end = i + 1;
    while (end < text.size() && end < decoded.span_of.size() && decoded.span_of[end] == span) ++end;
    if (span < spans->size() && (*spans)[span].url) apply_url_breaks(result.breaks, text, i, end);
    i = end;
  }
  return result;
}

}  // namespace nashr
