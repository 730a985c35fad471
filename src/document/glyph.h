#pragma once
// A glyph as shaped and placed, with the text it stands for in the PDF's text layer.
#include <array>
#include <cstdint>
#include <iosfwd>
#include <string>
#include <string_view>

#include "base/utf8.h"

namespace nashr {

// The text a glyph stands for (UTF-8), in 4 bytes: up to 3 bytes inline (a Latin, Arabic-script
// or ZWNJ character: almost every cluster), longer texts (ligatures, bases with marks) interned once
// for the process. A std::string here was 32 of the 48 bytes of every glyph of an issue, and every
// glyph of an issue is held at once before it is paginated.
class GlyphText {
 public:
  GlyphText() = default;
  // NOLINT(google-explicit-constructor): a string in all but storage. Inline for the usual short
  // text (every glyph of an issue is made through here); longer ones go to the pool.
  GlyphText(std::string_view text) {  // NOLINT
    if (text.size() <= kTag) {
      // Byte by byte, not a loop: g++ turns the loop into a call to memmove, which cost more than
      // everything else of placing a glyph.
      static_assert(kTag == 3);
      if (text.size() > 0) bytes_[0] = text[0];
      if (text.size() > 1) bytes_[1] = text[1];
      if (text.size() > 2) bytes_[2] = text[2];
      bytes_[kTag] = static_cast<char>(text.size());
    } else {
      intern(text);
    }
  }
  GlyphText(const std::string& text) : GlyphText(std::string_view(text)) {}  // NOLINT
  GlyphText(const char* text) : GlyphText(std::string_view(text)) {}         // NOLINT

  // The text of one code point (UTF-8 of the Basic Multilingual Plane takes at most 3 bytes:
  // inline): what a line's glyphs take, one character each, as they are set, without building a
  // string first.
  static GlyphText of(char32_t c) {
    char bytes[4];
    return GlyphText(std::string_view(bytes, encode_utf8(c, bytes)));
  }

  std::string_view view() const;
  operator std::string_view() const { return view(); }  // NOLINT
  std::string str() const { return std::string(view()); }
  bool empty() const { return bytes_[kTag] == 0; }
  std::size_t size() const { return view().size(); }
  // Equal texts have equal keys (inline bytes, or the pool index): a cheap hash and comparison.
  std::uint32_t key() const {
    return static_cast<std::uint32_t>(static_cast<unsigned char>(bytes_[0])) |
           static_cast<std::uint32_t>(static_cast<unsigned char>(bytes_[1])) << 8 |
           static_cast<std::uint32_t>(static_cast<unsigned char>(bytes_[2])) << 16 |
           static_cast<std::uint32_t>(static_cast<unsigned char>(bytes_[kTag])) << 24;
  }
  // The text is a single code point (no order to reverse in right-to-left runs).
  bool single_code_point() const {
    const auto tag = static_cast<unsigned char>(bytes_[kTag]);
    if (tag == kInterned) return false;  // four bytes or more: at least one code point beyond the first
    for (std::size_t i = 1; i < tag; ++i) {
      if ((static_cast<unsigned char>(bytes_[i]) & 0xC0) != 0x80) return false;  // a second lead byte
    }
    return true;
  }

  friend bool operator==(const GlyphText& a, const GlyphText& b) { return a.view() == b.view(); }
  friend bool operator==(const GlyphText& a, std::string_view b) { return a.view() == b; }
  friend bool operator==(const GlyphText& a, const std::string& b) { return a.view() == b; }
  friend bool operator==(const GlyphText& a, const char* b) { return a.view() == std::string_view(b); }
  friend std::ostream& operator<<(std::ostream& out, const GlyphText& text);

 private:
  void intern(std::string_view text);

  static constexpr std::size_t kTag = 3;            // inline length (0..3), or kInterned
  static constexpr unsigned char kInterned = 0xFF;  // bytes_[0..2]: index into the process's pool
  std::array<char, 4> bytes_{};
};

// One glyph as HarfBuzz positioned it. Advances and offsets are in font units (the font's
// units_per_em), exactly as shaped, so the writer can reproduce them without rounding drift.
// 16 bytes: an issue holds every glyph at once before it is paginated. Offsets fit 16 bits (a mark
// is never 16 em from its base); the advance does not (a stretched space can be wider).
struct PlacedGlyph {
  std::uint32_t glyph_id = 0;
  std::int32_t x_advance = 0;
  std::int16_t x_offset = 0;
  std::int16_t y_offset = 0;  // positive is up, as in HarfBuzz
  // The Unicode text (UTF-8, logical order) that this glyph stands for in the text layer: the whole
  // cluster on one glyph of the cluster, preferably its base (the writer moves it from a
  // zero-advance mark to an adjacent text-less base, because readers put a space before a mark
  // drawn at an offset); empty on the other glyphs of the cluster and on inserted glyphs (kashida)
  // that must not appear in copied text. Mirrored brackets keep their logical text: the glyph of
  // ")" drawn for "(" in RTL text carries "(".
  GlyphText text;
};

}  // namespace nashr
