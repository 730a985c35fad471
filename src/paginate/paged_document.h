#pragma once
// The paginator's output and the only thing the PDF writer sees: pages of placed items.
// Units are PDF points (1/72 in). Page coordinates have their origin at the page's top-left corner
// with y growing downwards (the layout's natural direction); the PDF writer flips them.
#include <array>
#include <cstdint>
#include <iosfwd>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "base/source_location.h"

namespace nashr {

class Font;

struct Point {
  double x = 0;
  double y = 0;
};

struct Rect {
  double x = 0;  // left
  double y = 0;  // top
  double width = 0;
  double height = 0;
};

struct Color {
  double r = 0, g = 0, b = 0;  // 0..1, DeviceRGB
  friend bool operator==(const Color&, const Color&) = default;
};

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

// Glyphs in visual (left-to-right drawing) order, starting at the baseline point `origin`.
// Runs are written to the page in the order of Page::items; readers that follow that order (pdf.js,
// `pdftotext -raw`) put a line together right only when its runs come in reading (logical) order,
// so the paginator emits each line's runs in logical order, whatever their positions.
struct GlyphRun {
  const Font* font = nullptr;
  double size = 10;  // points
  Point origin;
  Color color;
  bool rtl = false;  // the run's text is right-to-left (affects how multi-character text is written)
  std::vector<PlacedGlyph> glyphs;
};

struct Rule {
  Point from;
  Point to;
  double thickness = 0.5;
  Color color;
};

struct Box {
  Rect rect;
  bool filled = false;
  Color fill;
  double stroke_width = 0;  // 0: no stroke
  Color stroke;
};

struct Image {
  Rect rect;
  std::string path;  // a PNG or JPEG file, already validated by the reader
};

// A clickable area: to an external URI, or (when uri is empty) to a named destination.
struct Link {
  Rect rect;
  std::string uri;
  std::string destination;
};

// A named destination (a section id) at a point on the page.
struct Anchor {
  std::string name;
  Point position;
};

using PageItem = std::variant<GlyphRun, Rule, Box, Image, Link, Anchor>;

struct Page {
  double width = 595.276;  // A4
  double height = 841.89;
  std::vector<PageItem> items;  // drawn in this order (later items paint over earlier ones)
};

// The outline (bookmarks): one entry per heading, in document order, with its nesting level.
struct OutlineEntry {
  std::string title;        // UTF-8, may be Persian
  int level = 1;            // 1 = top level
  std::string destination;  // a named destination (Anchor) on some page
};

struct DocumentInfo {
  std::string title;
  std::string author;
  std::string subject;
  std::string keywords;
  std::string language;    // BCP 47, e.g. "en" or "fa"
  std::string issn;        // e.g. "2975-0598"; goes into the metadata
  std::string issue_date;  // ISO 8601 date, the fallback for the PDF's dates
};

struct PageLabelRange {
  int first_page = 0;  // 0-based index of the first page the style applies to
  enum class Style { decimal, roman_lower, roman_upper, none } style = Style::decimal;
  std::string prefix;
  int start = 1;
};

struct PagedDocument {
  DocumentInfo info;
  std::vector<Page> pages;
  std::vector<OutlineEntry> outline;
  std::vector<PageLabelRange> page_labels;
};

}  // namespace nashr
