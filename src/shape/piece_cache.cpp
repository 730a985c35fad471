#include "shape/piece_cache.h"

#include <hb-ot.h>
#include <hb.h>

#include <algorithm>

#include "fonts/font_db.h"
#include "shape/harfbuzz_shaping.h"

namespace nashr::shaping {

namespace {

// Whether runs `a` (whose font had serial `a_font_serial`) and `b` have one setup.
bool same_setup(const TextRun& a, std::uint64_t a_font_serial, const TextRun& b) {
  if (a_font_serial != b.font->serial() || a.rtl() != b.rtl() || a.script != b.script ||
      a.language != b.language || a.features.size() != b.features.size()) {
    return false;
  }
  for (std::size_t i = 0; i < a.features.size(); ++i) {
    if (a.features[i].tag != b.features[i].tag || a.features[i].value != b.features[i].value) return false;
  }
  return true;
}

// Everything but the text that HarfBuzz is given for a run.
std::string setup_key(const TextRun& run) {
  std::string key = std::to_string(run.font->serial());
  key += run.rtl() ? "|rtl|" : "|ltr|";
  key += run.script;
  key += '|';
  key += run.language;
  for (const FontFeature& feature : run.features) {
    key += '|';
    key += feature.tag;
    key += '=';
    key += std::to_string(feature.value);
  }
  return key;
}

}  // namespace

WordCaches& word_caches() {
  thread_local WordCaches caches;
  return caches;
}

// How the lookups HarfBuzz applies to `run` use the space glyph.
SpaceUse space_use(const TextRun& run) {
  hb_font_t* font = run.font->hb_font();
  hb_face_t* face = hb_font_get_face(font);
  hb_codepoint_t space = 0;
  if (!hb_font_get_nominal_glyph(font, U' ', &space)) return SpaceUse::context;
  hb_segment_properties_t properties = HB_SEGMENT_PROPERTIES_DEFAULT;
  properties.direction = run.rtl() ? HB_DIRECTION_RTL : HB_DIRECTION_LTR;
  properties.script = hb_script_from_string(run.script.data(), static_cast<int>(run.script.size()));
  properties.language = hb_language_from_string(run.language.data(), static_cast<int>(run.language.size()));
  const HbFeatures features(run.features);
  hb_shape_plan_t* plan =
      hb_shape_plan_create_cached(face, &properties, features.data(), features.size(), nullptr);
  SpaceUse use = SpaceUse::none;
  hb_set_t* lookups = hb_set_create();
  hb_set_t* sets[4] = {hb_set_create(), hb_set_create(), hb_set_create(), hb_set_create()};
  for (hb_tag_t table : {HB_OT_TAG_GSUB, HB_OT_TAG_GPOS}) {
    hb_set_clear(lookups);
    hb_ot_shape_plan_collect_lookups(plan, table, lookups);
    for (hb_codepoint_t lookup = HB_SET_VALUE_INVALID; hb_set_next(lookups, &lookup);) {
      for (hb_set_t* set : sets) hb_set_clear(set);
      hb_ot_layout_lookup_collect_glyphs(face, table, lookup, sets[0], sets[1], sets[2], sets[3]);
      if (hb_set_has(sets[0], space) || hb_set_has(sets[2], space)) use = SpaceUse::context;
      if (use == SpaceUse::none && (hb_set_has(sets[1], space) || hb_set_has(sets[3], space))) {
        use = SpaceUse::input;
      }
    }
  }
  for (hb_set_t* set : sets) hb_set_destroy(set);
  hb_set_destroy(lookups);
  hb_shape_plan_destroy(plan);
  return use;
}

// Whether `after` (the text after a space) shapes differently with the space before it than apart.
bool joins_space(const TextRun& run, std::u16string_view after) {
  std::u16string text = u" ";
  text.append(after);
  const auto length = static_cast<std::uint32_t>(text.size());
  std::vector<ShapedGlyph> together, space, rest;
  append_glyphs(shape_in_context(run, text, 0, length, false, false), 0, together);
  append_glyphs(shape_in_context(run, text, 0, 1, false, false), 0, space);
  append_glyphs(shape_in_context(run, text, 1, length - 1, false, false), 0, rest);
  std::vector<ShapedGlyph>& apart = run.rtl() ? rest : space;
  const std::vector<ShapedGlyph>& second = run.rtl() ? space : rest;
  apart.insert(apart.end(), second.begin(), second.end());
  auto same = [](const ShapedGlyph& a, const ShapedGlyph& b) {
    return a.glyph == b.glyph && a.cluster == b.cluster && a.x_advance == b.x_advance &&
           a.x_offset == b.x_offset && a.y_offset == b.y_offset;
  };
  return !std::equal(together.begin(), together.end(), apart.begin(), apart.end(), same);
}

SetupCache& setup_cache(WordCaches& caches, const TextRun& run) {
  if (caches.pieces > kMaxCachedPieces) {
    caches.by_setup.clear();
    caches.pieces = 0;
    caches.last_setup = nullptr;
  }
  if (caches.last_setup == nullptr || !same_setup(caches.last_run, caches.last_font_serial, run)) {
    caches.last_setup = &caches.by_setup[setup_key(run)];
    caches.last_run = run;
    caches.last_font_serial = run.font->serial();
  }
  return *caches.last_setup;
}

}  // namespace nashr::shaping
