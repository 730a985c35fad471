#pragma once
// One Type0 font per font file: the CIDs the document's glyphs get, and the font's objects (the
// Type0 font, its CIDFontType2, descriptor, subset, widths and ToUnicode map).
//
// A CID stands for one (glyph, text, width) triple so that every occurrence of a glyph extracts as
// the text it had there (text_layer.h decides the text); CIDs are dense, given in order of first
// use over the whole document, CID 0 is .notdef.
#include <cstdint>
#include <functional>
#include <limits>
#include <string>
#include <unordered_map>
#include <vector>

#include "base/result.h"
#include "fonts/font_db.h"
#include "document/page.h"
#include "pdf/content_stream.h"
#include "pdf/hpdf_document.h"
#include "pdf/text_layer.h"

namespace nashr {

// A CID as written: its glyph, its ToUnicode text (text_layer_text: multi-character text of RTL
// runs reversed; U+200D on a kashida) and its /W width (millionths of an em: the font's advance,
// a kashida's as drawn).
struct CidGlyph {
  std::uint32_t glyph = 0;
  std::string text;
  std::int32_t width = 0;
};

class CidFont {
 public:
  // The mark carriers (text_layer.h, split_marks) are the font's invisible glyph: no ink, no advance.
  explicit CidFont(const Font& font) : font_(&font), carrier_glyph_(font.invisible_glyph()) {}

  const Font& font() const { return *font_; }
  // Index = CID; CID 0 is .notdef.
  const std::vector<CidGlyph>& by_cid() const { return by_cid_; }
  const CidActualTexts& actual_texts() const { return actual_texts_; }

  // The code of each glyph of `run` (drawn in this font) into codes[0, run.glyphs.size()),
  // giving new CIDs in order of first use; returns whether the run needs an /ActualText span
  // (needs_actual_text). Fails when a glyph is not in the font or the font would need more than
  // 65535 CIDs.
  Result<bool> assign(const GlyphRun& run, GlyphCode* codes);

 private:
  // What makes a CID. `text` is GlyphText::key(); `rtl` only when the text has several code
  // points, since only those are written reversed in RTL runs.
  struct CidKey {
    std::uint32_t glyph = 0;
    std::uint32_t text = 0;
    std::int32_t width = 0;  // millionths of an em
    bool rtl = false;
    friend bool operator==(const CidKey&, const CidKey&) = default;
  };
  struct CidKeyHash {
    std::size_t operator()(const CidKey& key) const;
  };
  // Per glyph id, for the glyph loop: the width of the glyph as the font has it (millionths
  // of an em; kUnknownWidth until first drawn), and the last CID given to the glyph, which is
  // almost always the one it needs next, sparing the hash lookup.
  static constexpr std::int32_t kUnknownWidth = std::numeric_limits<std::int32_t>::min();
  struct GlyphCache {
    std::int32_t plain_width = kUnknownWidth;
    std::uint32_t text = 0;  // the last CID's GlyphText::key()
    std::int32_t width = 0;  // the last CID's width
    std::uint16_t cid = 0;   // the last CID; 0: none yet
    bool rtl_run = false;    // the last CID's run direction: with the text, it decides CidKey::rtl
  };

  // The CID of (glyph, text, width), given when first asked for.
  Result<std::uint16_t> cid_for(std::uint32_t glyph, GlyphText text, std::int32_t width, bool rtl_run, bool joining);

  const Font* font_;
  std::uint32_t carrier_glyph_ = 0;
  std::unordered_map<CidKey, std::uint16_t, CidKeyHash> cid_of_;
  std::vector<CidGlyph> by_cid_{CidGlyph{}};
  std::vector<GlyphCache> glyph_cache_;
  CidActualTexts actual_texts_;
  // Scratch for assign(), kept to spare an allocation per run.
  std::vector<GlyphText> texts_;
};

// Makes an indirect stream whose bytes (compressed by the writer) are `bytes`.
using StreamMaker = std::function<PdfDict(std::string bytes)>;

// The font's objects, `type0` (made when the font was first drawn) filled in: the subset of the
// glyphs its CIDs use (HarfBuzz), its descriptor with the font's own metrics, the CIDFontType2 with
// /W and /CIDToGIDMap, and the ToUnicode map.
Result<void> write_cid_font(HpdfDocument& pdf, const CidFont& font, PdfDict type0, const StreamMaker& new_stream);

}  // namespace nashr
