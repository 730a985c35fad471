#pragma once
// The piece cache behind shape() (see shape.cpp for when shaping piece by piece gives the glyphs
// of whole runs): per thread and font setup, the glyphs of each piece and of each word shaped with
// tatweels, and how the setup's lookups use the space. Not part of the stage's interface.
#include <cassert>
#include <cstdint>
#include <cstring>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <vector>

#include "shape/shape.h"

namespace nashr::shaping {

inline constexpr std::uint32_t kHbContext = 5;  // HarfBuzz's CONTEXT_LENGTH
// How much of the text after a space is tried with the space: a kerning pair or a ligature of up
// to four glyphs.
inline constexpr std::uint32_t kSpaceReach = 3;
// Runs of one setup shaped whole before pieces and their cache are used (see shape_run_by_pieces).
inline constexpr std::size_t kWholeRunsFirst = 64;
// Past this many pieces a thread's cache starts afresh (a few MB; an issue rarely gets there).
inline constexpr std::size_t kMaxCachedPieces = 200000;


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
inline std::uint64_t after_space_key(std::u16string_view after) {
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

// This thread's caches.
WordCaches& word_caches();

// How the lookups HarfBuzz applies to `run` use the space glyph.
SpaceUse space_use(const TextRun& run);

// Whether `after` (the text after a space) shapes differently with the space before it than apart.
bool joins_space(const TextRun& run, std::u16string_view after);

// This thread's cache for `run`'s setup (font, direction, script, language, features).
SetupCache& setup_cache(WordCaches& caches, const TextRun& run);

}  // namespace nashr::shaping
