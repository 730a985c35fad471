#include "shape/shape.h"

#include <hb-ot.h>
#include <hb.h>

#include <algorithm>
#include <array>
#include <cassert>
#include <cstdio>
#include <cstring>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <utility>

#include "base/utf8.h"

namespace nashr {

namespace {

struct BufferDestroyer {
  void operator()(hb_buffer_t* buffer) const { hb_buffer_destroy(buffer); }
};

// One buffer per thread, cleared for each run: HarfBuzz keeps its allocation, so shaping a
// paragraph allocates only the output vectors.
hb_buffer_t* scratch_buffer() {
  thread_local std::unique_ptr<hb_buffer_t, BufferDestroyer> buffer(hb_buffer_create());
  return buffer.get();
}

// A run's features as HarfBuzz wants them; on the stack for the usual handful.
class HbFeatures {
 public:
  explicit HbFeatures(const std::vector<FontFeature>& features) {
    if (features.size() > inline_.size()) heap_.resize(features.size());
    hb_feature_t* out = heap_.empty() ? inline_.data() : heap_.data();
    data_ = out;
    size_ = static_cast<unsigned>(features.size());
    for (const FontFeature& feature : features) {
      *out++ = {hb_tag_from_string(feature.tag.data(), static_cast<int>(feature.tag.size())), feature.value,
                HB_FEATURE_GLOBAL_START, HB_FEATURE_GLOBAL_END};
    }
  }
  HbFeatures(const HbFeatures&) = delete;
  HbFeatures& operator=(const HbFeatures&) = delete;

  const hb_feature_t* data() const { return data_; }
  unsigned size() const { return size_; }

 private:
  std::array<hb_feature_t, 8> inline_{};
  std::vector<hb_feature_t> heap_;
  const hb_feature_t* data_ = nullptr;
  unsigned size_ = 0;
};

bool is_line_or_paragraph_separator(hb_unicode_general_category_t category) {
  return category == HB_UNICODE_GENERAL_CATEGORY_LINE_SEPARATOR ||
         category == HB_UNICODE_GENERAL_CATEGORY_PARAGRAPH_SEPARATOR;
}

// Shapes context[item_offset, item_offset + item_length) with `run`'s font, direction, script,
// language and features, the rest of `context` being the text around it. `bot`/`eot`: nothing
// precedes (follows) `context`. Returns the scratch buffer holding the result.
hb_buffer_t* shape_in_context(const TextRun& run, std::u16string_view context, std::uint32_t item_offset,
                              std::uint32_t item_length, bool bot, bool eot) {
  hb_buffer_t* buffer = scratch_buffer();
  hb_buffer_clear_contents(buffer);
  hb_buffer_add_utf16(buffer, reinterpret_cast<const uint16_t*>(context.data()),
                      static_cast<int>(context.size()), item_offset, static_cast<int>(item_length));
  hb_buffer_set_direction(buffer, run.rtl() ? HB_DIRECTION_RTL : HB_DIRECTION_LTR);
  hb_buffer_set_script(buffer, hb_script_from_string(run.script.data(), static_cast<int>(run.script.size())));
  hb_buffer_set_language(buffer,
                         hb_language_from_string(run.language.data(), static_cast<int>(run.language.size())));
  hb_buffer_set_cluster_level(buffer, HB_BUFFER_CLUSTER_LEVEL_MONOTONE_CHARACTERS);
  unsigned flags = HB_BUFFER_FLAG_DEFAULT;
  if (bot) flags |= HB_BUFFER_FLAG_BOT;
  if (eot) flags |= HB_BUFFER_FLAG_EOT;
  hb_buffer_set_flags(buffer, static_cast<hb_buffer_flags_t>(flags));
  const HbFeatures features(run.features);
  hb_shape(run.font->hb_font(), buffer, features.data(), features.size());
  return buffer;
}

// The glyphs HarfBuzz left in `buffer`, with clusters moved by `cluster_offset`, appended to `out`.
void append_glyphs(hb_buffer_t* buffer, std::uint32_t cluster_offset, std::vector<ShapedGlyph>& out) {
  unsigned count = 0;
  const hb_glyph_info_t* infos = hb_buffer_get_glyph_infos(buffer, &count);
  const hb_glyph_position_t* positions = hb_buffer_get_glyph_positions(buffer, nullptr);
  out.reserve(out.size() + count);
  for (unsigned i = 0; i < count; ++i) {
    out.push_back(
        {.glyph = infos[i].codepoint,
         .cluster = infos[i].cluster + cluster_offset,
         .x_advance = positions[i].x_advance,
         .x_offset = positions[i].x_offset,
         .y_offset = positions[i].y_offset,
         .unsafe_to_break = (hb_glyph_info_get_glyph_flags(&infos[i]) & HB_GLYPH_FLAG_UNSAFE_TO_BREAK) != 0});
  }
}

// Whether finish_glyphs() may change or drop the glyph of `c`: controls (itemize's isolates among
// them, and the line breaks it maps to U+2028), line and paragraph separators.
bool needs_finishing(char16_t c) {
  return c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0x2028 || c == 0x2029 || (c >= 0x2066 && c <= 0x2069);
}

// What shape() does to HarfBuzz's glyphs of the paragraph's text, glyphs[first, end).
void finish_glyphs(const ItemizedParagraph& paragraph, const TextRun& run, std::vector<ShapedGlyph>& glyphs,
                   std::size_t first) {
  const std::u16string& text = paragraph.text();
  hb_unicode_funcs_t* unicode = hb_unicode_funcs_get_default();
  std::size_t kept = first;
  for (std::size_t i = first; i < glyphs.size(); ++i) {
    ShapedGlyph glyph = glyphs[i];
    // The isolate controls itemize added are not the author's text: drop their (empty) glyphs.
    if (paragraph.inserted[glyph.cluster] && glyph.x_advance == 0) continue;
    const char16_t c = text[glyph.cluster];
    if (c == 0x2028 || c == 0x2029) {
      // A hard line break (itemize maps every line ending to U+2028) draws nothing, whatever the
      // font has for it; the line breaker ends the line there.
      if (glyph.glyph == 0) glyph.glyph = run.font->glyph_for(U' ');
      glyph.x_advance = 0;
    } else if (glyph.glyph == 0 &&
               hb_unicode_general_category(unicode, c) == HB_UNICODE_GENERAL_CATEGORY_CONTROL) {
      // Controls such as tab have no glyph in text fonts: a space, not a .notdef box.
      glyph.glyph = run.font->glyph_for(U' ');
      glyph.x_advance = run.font->advance(glyph.glyph);
    }
    glyphs[kept++] = glyph;
  }
  glyphs.resize(kept);
}

// Shapes text[begin, end) of `run`, seeing text[context_begin, context_end) around it, and appends
// the glyphs to `out`.
void shape_range(const ItemizedParagraph& paragraph, const TextRun& run, std::uint32_t begin,
                 std::uint32_t end, std::uint32_t context_begin, std::uint32_t context_end,
                 std::vector<ShapedGlyph>& out) {
  if (run.font == nullptr || begin >= end) return;
  const std::u16string& text = paragraph.text();
  assert(context_begin <= begin && end <= context_end && context_end <= text.size());
  // No text before (paragraph start or line edge): the beginning of text; likewise at the end.
  hb_buffer_t* buffer =
      shape_in_context(run, std::u16string_view(text).substr(context_begin, context_end - context_begin),
                       begin - context_begin, end - begin, begin == context_begin, end == context_end);
  const std::size_t first = out.size();
  append_glyphs(buffer, context_begin, out);
  finish_glyphs(paragraph, run, out, first);
}

// ---- Shaping word by word, with a cache ------------------------------------------------------
//
// Most of an issue's words occur many times, so shape() shapes a run one piece at a time (a word
// with the spaces after it) and remembers each piece's glyphs. A piece shaped alone gets the glyphs
// it gets inside its run when nothing reaches across the space that ends the previous piece:
//  - HarfBuzz's context characters are used only for Arabic joining (and to decide whether a
//    leading mark needs a dotted circle), where the nearest non-transparent character decides. A
//    piece after a space therefore keys on that space alone, a piece ending in a space on no
//    following context; other pieces (at a run's edges) key on all the context HarfBuzz takes.
//  - The font's lookups for this run (its shape plan) may involve the space glyph. Not at all: any
//    space splits. Only as input or output (Vazirmatn kerns a space before "T", and makes a spacing
//    mark of a space followed by a haraka): a space splits unless the text after it shapes
//    differently together with the space than apart from it (tried once per distinct beginning).
//    As context (lookbehind or lookahead): the run is shaped whole.
// tests/shape checks that shaping by pieces gives the glyphs of whole runs, on the sample issues
// and on synthetic ones, for every font and style we ship.

constexpr std::uint32_t kHbContext = 5;  // HarfBuzz's CONTEXT_LENGTH
// How much of the text after a space is tried with the space: a kerning pair or a ligature of up
// to four glyphs.
constexpr std::uint32_t kSpaceReach = 3;
// Runs of one setup shaped whole before pieces and their cache are used (see shape_run_by_pieces).
constexpr std::size_t kWholeRunsFirst = 64;
// Past this many pieces a thread's cache starts afresh (a few MB; an issue rarely gets there).
constexpr std::size_t kMaxCachedPieces = 200000;

// The pieces of one setup in one open-addressing table whose keys and glyphs live in one arena,
// each piece's glyphs right after its key: a lookup reads a slot and one stretch of the arena,
// where a node-based map chased a bucket, a node, a heap string and a heap vector (those cache
// misses were most of shaping's time).
class PieceTable {
 public:
  struct Glyphs {
    std::uint32_t offset = 0;  // bytes into the arena
    std::uint32_t count = 0;
    bool plain = false;  // nothing for finish_glyphs() to do: no controls, line or isolate marks
  };

  // The glyphs of `key`, or null when it was never added.
  const Glyphs* find(std::u16string_view key, std::uint64_t hash) const {
    if (slots_.empty()) return nullptr;
    for (std::size_t i = hash & mask(); slots_[i].hash != 0; i = (i + 1) & mask()) {
      const Slot& slot = slots_[i];
      if (slot.hash == hash && slot.key_length == key.size() &&
          std::memcmp(arena_.data() + slot.key_offset, key.data(), key.size() * sizeof(char16_t)) == 0) {
        return &slot.glyphs;
      }
    }
    return nullptr;
  }

  const Glyphs& add(std::u16string_view key, std::uint64_t hash, std::span<const ShapedGlyph> glyphs,
                    bool plain) {
    if ((size_ + 1) * 4 > slots_.size() * 3) grow();
    std::size_t i = hash & mask();
    while (slots_[i].hash != 0) i = (i + 1) & mask();
    Slot& slot = slots_[i];
    slot.hash = hash;
    slot.key_offset = static_cast<std::uint32_t>(arena_.size());
    slot.key_length = static_cast<std::uint32_t>(key.size());
    append_bytes(key.data(), key.size() * sizeof(char16_t));
    arena_.resize((arena_.size() + 7) & ~std::size_t{7});
    slot.glyphs = {static_cast<std::uint32_t>(arena_.size()), static_cast<std::uint32_t>(glyphs.size()),
                   plain};
    append_bytes(glyphs.data(), glyphs.size() * sizeof(ShapedGlyph));
    ++size_;
    return slot.glyphs;
  }

  // Appends the piece's glyphs to `out` with `cluster_offset` added to their clusters.
  void append_glyphs_to(const Glyphs& entry, std::uint32_t cluster_offset,
                        std::vector<ShapedGlyph>& out) const {
    const unsigned char* data = arena_.data() + entry.offset;
    for (std::uint32_t k = 0; k < entry.count; ++k) {
      ShapedGlyph glyph;
      std::memcpy(&glyph, data + k * sizeof(ShapedGlyph), sizeof(ShapedGlyph));
      glyph.cluster += cluster_offset;
      out.push_back(glyph);
    }
  }

  // FNV-1a over UTF-16 units; never 0, which marks an empty slot.
  static std::uint64_t hash(std::u16string_view key) {
    std::uint64_t h = 0xcbf29ce484222325u;
    for (const char16_t unit : key) h = (h ^ unit) * 0x100000001b3u;
    return (h ^ (h >> 29)) | 1;
  }

 private:
  static_assert(std::is_trivially_copyable_v<ShapedGlyph>, "glyphs are stored as bytes");
  struct Slot {
    std::uint64_t hash = 0;
    std::uint32_t key_offset = 0;
    std::uint32_t key_length = 0;
    Glyphs glyphs;
  };
  std::size_t mask() const { return slots_.size() - 1; }
  void grow() {
    std::vector<Slot> old =
        std::exchange(slots_, std::vector<Slot>(slots_.empty() ? 1024 : slots_.size() * 2));
    for (const Slot& slot : old) {
      if (slot.hash == 0) continue;
      std::size_t i = slot.hash & mask();
      while (slots_[i].hash != 0) i = (i + 1) & mask();
      slots_[i] = slot;
    }
  }
  void append_bytes(const void* data, std::size_t size) {
    const std::size_t at = arena_.size();
    arena_.resize(at + size);
    if (size > 0) std::memcpy(arena_.data() + at, data, size);
  }

  std::vector<Slot> slots_;
  std::vector<unsigned char> arena_;
  std::size_t size_ = 0;
};

// Up to kSpaceReach UTF-16 units (the text after a space) as one integer key: how many, then the
// units. Never 0: the text after a space is never empty.
std::uint64_t after_space_key(std::u16string_view after) {
  static_assert(kSpaceReach <= 3, "three units and a count fit in 64 bits");
  assert(!after.empty());
  std::uint64_t key = after.size();
  for (std::size_t k = 0; k < after.size(); ++k) key |= std::uint64_t{after[k]} << (16 * (k + 1));
  return key;
}

// after_space_key() → a yes or no, in a flat table (looked up once per piece of Vazirmatn's text).
class SpaceJoinTable {
 public:
  // The answer for `key`, or null when not known yet.
  const bool* find(std::uint64_t key) const {
    if (slots_.empty()) return nullptr;
    for (std::size_t i = spread(key) & mask(); slots_[i].key != 0; i = (i + 1) & mask()) {
      if (slots_[i].key == key) return &slots_[i].joins;
    }
    return nullptr;
  }
  bool add(std::uint64_t key, bool joins) {
    if ((size_ + 1) * 2 > slots_.size()) {
      std::vector<Slot> old =
          std::exchange(slots_, std::vector<Slot>(slots_.empty() ? 256 : slots_.size() * 2));
      for (const Slot& slot : old) {
        if (slot.key != 0) place(slot);
      }
    }
    place({key, joins});
    ++size_;
    return joins;
  }

 private:
  struct Slot {
    std::uint64_t key = 0;
    bool joins = false;
  };
  static std::uint64_t spread(std::uint64_t key) { return (key * 0x9E3779B97F4A7C15u) >> 20; }
  std::size_t mask() const { return slots_.size() - 1; }
  void place(const Slot& slot) {
    std::size_t i = spread(slot.key) & mask();
    while (slots_[i].key != 0) i = (i + 1) & mask();
    slots_[i] = slot;
  }
  std::vector<Slot> slots_;
  std::size_t size_ = 0;
};

enum class SpaceUse { none, input, context };

// One font, direction, script, language and feature set: how its lookups use the space, and the
// pieces shaped with it (glyph clusters count from the piece's first character).
struct SetupCache {
  SpaceUse space_use = SpaceUse::context;
  bool space_use_known = false;
  std::size_t whole_runs = 0;  // runs shaped whole before the setup earned its cache
  PieceTable pieces;
  // after_space_key(text after a space) → it shapes differently with the space before it
  SpaceJoinTable joins_space;
  PieceTable substitutes;  // shape_substitute()'s words with tatweels, by substitute_key()
};

struct WordCaches {
  std::unordered_map<std::string, SetupCache> by_setup;
  std::size_t pieces = 0;
  std::u16string key;  // scratch
  // The previous run's setup: consecutive runs mostly share it, and comparing is cheaper than
  // building the key. The font is compared by serial: last_run.font may be gone with its FontDb.
  TextRun last_run;
  std::uint64_t last_font_serial = 0;
  SetupCache* last_setup = nullptr;
};

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

WordCaches& word_caches() {
  thread_local WordCaches caches;
  return caches;
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

// This thread's cache for `run`'s setup (font, direction, script, language, features).
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

// The key of text[begin, end): the context HarfBuzz would see, reduced to what decides (above),
// then the piece itself.
void piece_key(std::u16string_view text, std::uint32_t begin, std::uint32_t end, std::u16string& key) {
  key.clear();
  const auto length = static_cast<std::uint32_t>(text.size());
  if (begin > 0 && text[begin - 1] == u' ') {
    key += u'\x01';
  } else {
    const std::uint32_t from = begin > kHbContext ? begin - kHbContext : 0;
    key += static_cast<char16_t>(u'\x10' + (begin - from));
    key.append(text.substr(from, begin - from));
  }
  if (text[end - 1] == u' ') {
    key += u'\x02';
  } else {
    const std::uint32_t to = std::min(length, end + kHbContext);
    key += static_cast<char16_t>(u'\x20' + (to - end));
    key.append(text.substr(end, to - end));
  }
  key.append(text.substr(begin, end - begin));
}

// Shapes the run piece by piece through the cache, appending the glyphs to `out` in visual order.
// False (and nothing appended) when the run's lookups see the space as context, or, with
// `warm_up`, while the setup has not yet had kWholeRunsFirst runs.
bool shape_run_by_pieces(const ItemizedParagraph& paragraph, const TextRun& run, bool warm_up,
                         std::vector<ShapedGlyph>& out) {
  const std::u16string_view text = paragraph.text();
  WordCaches& caches = word_caches();
  SetupCache& setup = setup_cache(caches, run);
  // Finding how the lookups use the space costs milliseconds per setup (every lookup's glyphs are
  // collected): a setup's first runs are shaped whole, so short documents never pay for it.
  if (!setup.space_use_known) {
    if (warm_up && ++setup.whole_runs <= kWholeRunsFirst) return false;
    setup.space_use = space_use(run);
    setup.space_use_known = true;
  }
  if (setup.space_use == SpaceUse::context) return false;

  // Whether the piece ending at `end` (after a space) must go on into the next word.
  auto joined = [&](std::uint32_t end) {
    if (setup.space_use == SpaceUse::none) return false;
    const std::u16string_view after = text.substr(end, std::min(kSpaceReach, run.end - end));
    const std::uint64_t key = after_space_key(after);
    const bool* known = setup.joins_space.find(key);
    return known != nullptr ? *known : setup.joins_space.add(key, joins_space(run, after));
  };

  struct Piece {
    std::uint32_t begin;
    PieceTable::Glyphs glyphs;  // offsets, not pointers: adding a piece may move the arena
  };
  thread_local std::vector<Piece> pieces;
  thread_local std::vector<ShapedGlyph> fresh;
  pieces.clear();
  std::size_t glyph_total = 0;
  for (std::uint32_t begin = run.begin; begin < run.end;) {
    std::uint32_t end = begin;
    do {
      while (end < run.end && text[end] != u' ') ++end;
      while (end < run.end && text[end] == u' ') ++end;
    } while (end < run.end && joined(end));
    piece_key(text, begin, end, caches.key);
    const std::uint64_t hash = PieceTable::hash(caches.key);
    const PieceTable::Glyphs* found = setup.pieces.find(caches.key, hash);
    if (found == nullptr) {
      fresh.clear();
      append_glyphs(shape_in_context(run, text, begin, end - begin, begin == 0, end == text.size()), 0,
                    fresh);
      for (ShapedGlyph& glyph : fresh) glyph.cluster -= begin;
      const std::u16string_view own = text.substr(begin, end - begin);
      found =
          &setup.pieces.add(caches.key, hash, fresh, std::none_of(own.begin(), own.end(), needs_finishing));
      ++caches.pieces;
    }
    pieces.push_back({begin, *found});
    glyph_total += found->count;
    begin = end;
  }
  const std::size_t first = out.size();
  out.reserve(first + glyph_total);
  auto append = [&](const Piece& piece) {
    const std::size_t piece_first = out.size();
    setup.pieces.append_glyphs_to(piece.glyphs, piece.begin, out);
    if (!piece.glyphs.plain) finish_glyphs(paragraph, run, out, piece_first);
  };
  if (run.rtl()) {
    for (auto piece = pieces.rbegin(); piece != pieces.rend(); ++piece) append(*piece);
  } else {
    for (const Piece& piece : pieces) append(piece);
  }
  return true;
}

// The run's text for the dump; invisible characters (ZWNJ, isolates, controls) as <U+XXXX>.
std::string visible_text(std::u16string_view text) {
  std::string out;
  hb_unicode_funcs_t* unicode = hb_unicode_funcs_get_default();
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char32_t c = code_point_at(text, i, text.size());
    const hb_unicode_general_category_t category = hb_unicode_general_category(unicode, c);
    if (category == HB_UNICODE_GENERAL_CATEGORY_FORMAT || category == HB_UNICODE_GENERAL_CATEGORY_CONTROL ||
        is_line_or_paragraph_separator(category)) {
      char label[16];
      std::snprintf(label, sizeof label, "<U+%04X>", static_cast<unsigned>(c));
      out += label;
    } else {
      append_utf8(out, c);
    }
  }
  return out;
}

}  // namespace

ShapedParagraph shape(const ItemizedParagraph& paragraph, ShapeStrategy strategy) {
  ShapedParagraph result;
  result.text = paragraph.text();
  result.paragraph_level = paragraph.bidi.paragraph_level();
  result.runs.reserve(paragraph.runs.size());
  const auto length = static_cast<std::uint32_t>(paragraph.text().size());
  for (const TextRun& run : paragraph.runs) {
    ShapedRun shaped{.run = run, .glyphs = {}};
    const bool by_piece =
        strategy != ShapeStrategy::whole_runs && run.font != nullptr &&
        shape_run_by_pieces(paragraph, run, strategy == ShapeStrategy::automatic, shaped.glyphs);
    if (!by_piece) shape_range(paragraph, run, run.begin, run.end, 0, length, shaped.glyphs);
    result.runs.push_back(std::move(shaped));
  }
  return result;
}

std::vector<ShapedGlyph> reshape(const ItemizedParagraph& paragraph, const TextRun& run, std::uint32_t begin,
                                 std::uint32_t end, LineEdges edges) {
  assert(run.begin <= begin && begin <= end && end <= run.end && "reshape outside its run");
  std::vector<ShapedGlyph> glyphs;
  const auto length = static_cast<std::uint32_t>(paragraph.text().size());
  shape_range(paragraph, run, begin, end, edges.line_start ? begin : 0, edges.line_end ? end : length,
              glyphs);
  return glyphs;
}

std::vector<ShapedGlyph> shape_substitute(const ItemizedParagraph& paragraph, const TextRun& run,
                                          std::uint32_t begin, std::uint32_t end,
                                          std::u16string_view substitute, LineEdges edges) {
  assert(run.begin <= begin && begin <= end && end <= run.end && "substitute outside its run");
  std::vector<ShapedGlyph> glyphs;
  if (run.font == nullptr || substitute.empty()) return glyphs;
  // HarfBuzz looks at no more than a few characters of context on either side.
  constexpr std::uint32_t kContext = 8;
  const std::u16string& text = paragraph.text();
  const auto length = static_cast<std::uint32_t>(text.size());
  const std::uint32_t before_begin = edges.line_start ? begin : (begin > kContext ? begin - kContext : 0);
  const std::uint32_t after_end = edges.line_end ? end : std::min(length, end + kContext);
  std::u16string context = text.substr(before_begin, begin - before_begin);
  context.append(substitute);
  context.append(text, end, after_end - end);
  const std::uint32_t offset = begin - before_begin;
  const bool bot = before_begin == 0 || edges.line_start;
  const bool eot = after_end == length || edges.line_end;

  // Most words with kashida recur (a word, its tatweels and spaces around it): their glyphs are
  // kept per thread. The key is everything HarfBuzz is given, with the context reduced as for
  // pieces: a space next to the word ends the context that Arabic joining reads.
  WordCaches& caches = word_caches();
  SetupCache& setup = setup_cache(caches, run);
  std::u16string& key = caches.key;
  key.assign(1, static_cast<char16_t>((bot ? 1 : 0) | (eot ? 2 : 0)));
  if (edges.line_start) {
    key += u'\x03';
  } else if (begin > 0 && text[begin - 1] == u' ') {
    key += u'\x01';
  } else {
    key += static_cast<char16_t>(u'\x10' + offset);
    key.append(text, before_begin, offset);
  }
  if (edges.line_end) {
    key += u'\x04';
  } else if (end < length && text[end] == u' ') {
    key += u'\x02';
  } else {
    key += static_cast<char16_t>(u'\x20' + (after_end - end));
    key.append(text, end, after_end - end);
  }
  key.append(substitute);
  const std::uint64_t hash = PieceTable::hash(key);
  if (const PieceTable::Glyphs* found = setup.substitutes.find(key, hash)) {
    setup.substitutes.append_glyphs_to(*found, 0, glyphs);
    return glyphs;
  }
  hb_buffer_t* buffer =
      shape_in_context(run, context, offset, static_cast<std::uint32_t>(substitute.size()), bot, eot);
  append_glyphs(buffer, 0, glyphs);
  for (ShapedGlyph& glyph : glyphs) glyph.cluster -= offset;
  setup.substitutes.add(key, hash, glyphs, false);
  ++caches.pieces;
  return glyphs;
}

std::span<const ShapedGlyph> glyphs_in(const ShapedRun& run, std::uint32_t begin, std::uint32_t end) {
  const std::vector<ShapedGlyph>& glyphs = run.glyphs;
  auto inside = [&](const ShapedGlyph& glyph) { return glyph.cluster >= begin && glyph.cluster < end; };
  const auto first = std::find_if(glyphs.begin(), glyphs.end(), inside);
  const auto last = std::find_if_not(first, glyphs.end(), inside);
  return {glyphs.data() + (first - glyphs.begin()), static_cast<std::size_t>(last - first)};
}

bool safe_to_break_at(const ShapedRun& run, std::uint32_t position) {
  if (position <= run.run.begin || position >= run.run.end) return true;
  bool starts_cluster = false;
  for (const ShapedGlyph& glyph : run.glyphs) {
    if (glyph.cluster != position) continue;
    if (glyph.unsafe_to_break) return false;
    starts_cluster = true;
  }
  return starts_cluster;
}

double width_in_points(const ShapedRun& run) {
  if (run.run.font == nullptr) return 0;
  long long units = 0;
  for (const ShapedGlyph& glyph : run.glyphs) units += glyph.x_advance;
  return static_cast<double>(units) * run.run.font_size / run.run.font->units_per_em();
}

std::string dump_shaped(const ShapedParagraph& paragraph) {
  std::string out;
  out.append("paragraph level=").append(std::to_string(paragraph.paragraph_level));
  out.append(" length=").append(std::to_string(paragraph.text.size()));
  out.append(" runs=").append(std::to_string(paragraph.runs.size())).append("\n");
  char number[64];
  for (std::size_t r = 0; r < paragraph.runs.size(); ++r) {
    const ShapedRun& glyph_run = paragraph.runs[r];
    const TextRun& run = glyph_run.run;
    std::snprintf(number, sizeof number, "%g", run.font_size);
    out.append("run ").append(std::to_string(r));
    out.append(" [")
        .append(std::to_string(run.begin))
        .append(",")
        .append(std::to_string(run.end))
        .append(")");
    out.append(" level=").append(std::to_string(run.level)).append(run.rtl() ? " rtl" : " ltr");
    out.append(" script=").append(run.script).append(" lang=").append(run.language);
    out.append(" font=").append(run.font != nullptr ? run.font->postscript_name() : std::string("(none)"));
    out.append(" size=").append(number).append(" features=");
    for (std::size_t f = 0; f < run.features.size(); ++f) {
      if (f > 0) out.append(",");
      out.append(run.features[f].tag);
      if (run.features[f].value != 1) out.append("=").append(std::to_string(run.features[f].value));
    }
    out.append(" text=\"")
        .append(visible_text(std::u16string_view(paragraph.text).substr(run.begin, run.end - run.begin)))
        .append("\"\n  [");
    for (std::size_t g = 0; g < glyph_run.glyphs.size(); ++g) {
      const ShapedGlyph& glyph = glyph_run.glyphs[g];
      if (g > 0) out.append("|");
      out.append(run.font->glyph_name(glyph.glyph)).append("=").append(std::to_string(glyph.cluster));
      if (glyph.x_offset != 0 || glyph.y_offset != 0) {
        out.append("@")
            .append(std::to_string(glyph.x_offset))
            .append(",")
            .append(std::to_string(glyph.y_offset));
      }
      out.append("+").append(std::to_string(glyph.x_advance));
      if (glyph.unsafe_to_break) out.append("#1");
    }
    out.append("]\n");
  }
  return out;
}

}  // namespace nashr
