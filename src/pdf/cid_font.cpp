#include "pdf/cid_font.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include "pdf/font_subset.h"
#include "pdf/text_encoding.h"
#include "pdf/text_layer.h"

namespace nashr {

std::size_t CidFont::CidKeyHash::operator()(const CidKey& key) const {
  std::uint64_t h = (std::uint64_t{key.glyph} << 32 | key.text) * 0x9E3779B97F4A7C15ULL;
  h ^= (static_cast<std::uint64_t>(static_cast<std::uint32_t>(key.width)) << 1 | (key.rtl ? 1 : 0)) +
       0x7F4A7C159E3779B9ULL + (h << 6) + (h >> 2);
  return static_cast<std::size_t>(h);
}

Result<std::uint16_t> CidFont::cid_for(std::uint32_t glyph, GlyphText text, std::int32_t width, bool rtl_run,
                                       bool joining) {
  const bool rtl_text = rtl_run && !text.empty() && !text.single_code_point();
  auto [cid_slot, new_cid] = cid_of_.try_emplace(CidKey{glyph, text.key(), width, rtl_text}, 0);
  if (!new_cid) return cid_slot->second;
  if (by_cid_.size() > 0xFFFF) {
    cid_of_.erase(cid_slot);
    return fail(make_error({}, "font " + font_->path().string() + " needs more than 65535 glyph forms in one PDF"));
  }
  cid_slot->second = static_cast<std::uint16_t>(by_cid_.size());
  std::string visual = joining ? std::string() : text_layer_text(text.view(), rtl_run);
  std::string share;
  append_actual_text_share(visual, true, share);
  actual_texts_.set(cid_slot->second, std::move(share));
  by_cid_.push_back(CidGlyph{glyph, joining ? std::string(kTextOfJoiningGlyph) : std::move(visual), width});
  return cid_slot->second;
}

Result<bool> CidFont::assign(const GlyphRun& run, GlyphCode* codes) {
  const double upem = font_->units_per_em();
  const double to_thousandths = 1000.0 / upem;
  const std::uint32_t glyph_count = font_->glyph_count();
  const std::size_t count = run.glyphs.size();
  if (glyph_cache_.size() != glyph_count) glyph_cache_.assign(glyph_count, {});
  const auto width_of = [&](std::uint32_t glyph, std::int32_t extra) {
    return static_cast<std::int32_t>(
        round_half_away((font_->advance(glyph) + extra) * to_thousandths * kWidthUnitsPerThousandth));
  };
  text_on_spacing_glyphs(run.glyphs, texts_);
  bool joining_glyphs = false;

  for (std::size_t i = 0; i < count; ++i) {
    const PlacedGlyph& glyph = run.glyphs[i];
    if (glyph.glyph_id >= glyph_count) {
      return fail(make_error({}, "glyph " + std::to_string(glyph.glyph_id) + " is not in font " +
                                     font_->path().string() + " (a bug in the layout stages)"));
    }
    const GlyphText text = texts_[i];
    GlyphCache& cache = glyph_cache_[glyph.glyph_id];
    // A joining glyph (kashida) is as wide as drawn, so that no TJ number follows it: pdf.js
    // skips the glyph (its text is a format character) and would lose that number.
    const bool joining = is_joining_glyph(glyph, text);
    joining_glyphs = joining_glyphs || joining;
    std::int32_t width = 0;
    if (joining) {
      width = width_of(glyph.glyph_id, glyph.x_advance - font_->advance(glyph.glyph_id));
    } else {
      if (cache.plain_width == kUnknownWidth) cache.plain_width = width_of(glyph.glyph_id, 0);
      width = cache.plain_width;
    }
    // A glyph whose text holds marks besides its letters keeps the letters; a carrier takes the
    // marks (text_layer.h, split_marks). The cache knows only whole texts: such glyphs go by the map.
    std::uint16_t carrier = 0;
    GlyphText own = text;
    if (!joining && !text.single_code_point() && glyph.x_advance > 0 && carrier_glyph_ != 0) {
      if (std::optional<SplitMarks> split = split_marks(text.view())) {
        Result<std::uint16_t> marks = cid_for(carrier_glyph_, GlyphText(split->marks), 0, run.rtl, false);
        if (!marks) return fail(marks.error());
        carrier = *marks;
        own = GlyphText(split->letters);
      }
    }
    std::uint16_t cid = cache.cid;
    if (carrier != 0) {
      Result<std::uint16_t> letters = cid_for(glyph.glyph_id, own, width, run.rtl, false);
      if (!letters) return fail(letters.error());
      cid = *letters;
    } else if (cid == 0 || cache.text != text.key() || cache.width != width || cache.rtl_run != run.rtl) {
      Result<std::uint16_t> found = cid_for(glyph.glyph_id, text, width, run.rtl, joining);
      if (!found) return fail(found.error());
      cid = *found;
      cache.text = text.key();
      cache.width = width;
      cache.cid = cid;
      cache.rtl_run = run.rtl;
    }
    codes[i] = GlyphCode{cid, width, carrier};
  }
  const bool span = run.rtl && needs_actual_text(run.glyphs, texts_);
  if (span && joining_glyphs && carrier_glyph_ != 0) {
    Result<std::uint16_t> end = cid_for(carrier_glyph_, GlyphText(kTextOfSpanEnd), 0, run.rtl, false);
    if (!end) return fail(end.error());
    codes[count - 1].span_end = *end;
  }
  return span;
}

namespace {

// The descriptor: the font's own metrics in 1/1000 em, the subset and the CIDs it has.
PdfDict write_descriptor(HpdfDocument& pdf, const Font& font, const std::string& base_font, PdfDict font_file,
                         PdfDict cid_set) {
  const FontMetrics& metrics = font.metrics();
  const double scale = 1000.0 / font.units_per_em();
  auto scaled = [&](double value) { return static_cast<std::int32_t>(std::lround(value * scale)); };
  const PdfDict descriptor = pdf.new_indirect_dict();
  if (!descriptor) return descriptor;
  descriptor.add_name("Type", "FontDescriptor");
  descriptor.add_name("FontName", base_font.c_str());
  std::int32_t flags = 4;  // symbolic: the glyphs are addressed by CID, not by a standard encoding
  if (metrics.fixed_pitch) flags |= 1;
  if (metrics.serif) flags |= 2;
  if (metrics.italic || metrics.italic_angle != 0) flags |= 64;
  descriptor.add_number("Flags", flags);
  const PdfArray bbox = pdf.new_array();
  descriptor.add("FontBBox", bbox);
  for (int value : {metrics.bbox_x_min, metrics.bbox_y_min, metrics.bbox_x_max, metrics.bbox_y_max}) {
    bbox.add_number(scaled(value));
  }
  descriptor.add_real("ItalicAngle", metrics.italic_angle);
  descriptor.add_number("Ascent", scaled(metrics.ascender));
  descriptor.add_number("Descent", scaled(metrics.descender));
  descriptor.add_number("CapHeight", scaled(metrics.cap_height != 0 ? metrics.cap_height : metrics.ascender));
  if (metrics.x_height != 0) descriptor.add_number("XHeight", scaled(metrics.x_height));
  descriptor.add_number("StemV", metrics.bold ? 140 : 80);  // no stem width in TrueType: the usual guess
  descriptor.add("FontFile2", font_file);
  descriptor.add("CIDSet", cid_set);
  return descriptor;
}

// /W: the font's own advances (the content stream's TJ numbers correct them to HarfBuzz's), in
// runs of consecutive CIDs; libharu caps arrays, so long runs are split.
void write_widths(HpdfDocument& pdf, PdfDict cid_font, const std::vector<CidGlyph>& by_cid) {
  const PdfArray widths = pdf.new_array();
  cid_font.add("W", widths);
  constexpr std::size_t kWidthsPerRun = 2000;
  for (std::size_t first = 1; first < by_cid.size(); first += kWidthsPerRun) {
    widths.add_number(static_cast<std::int32_t>(first));
    const PdfArray run = pdf.new_array();
    widths.add(run);
    for (std::size_t cid = first; cid < std::min(by_cid.size(), first + kWidthsPerRun); ++cid) {
      run.add_real(by_cid[cid].width / kWidthUnitsPerThousandth);
    }
  }
}

// /CIDSet: one bit a CID, all used.
std::string cid_set_bits(std::size_t cid_count) {
  std::string bits((cid_count + 7) / 8, '\0');
  for (std::size_t cid = 0; cid < cid_count; ++cid) bits[cid / 8] |= static_cast<char>(0x80 >> (cid % 8));
  return bits;
}

// /CIDToGIDMap: two bytes a CID, the glyph's id in the subset.
std::string cid_to_gid_map(const std::vector<CidGlyph>& by_cid, const FontSubset& subset) {
  std::string map;
  map.reserve(by_cid.size() * 2);
  for (const CidGlyph& cid : by_cid) {
    const std::uint32_t mapped = subset.new_glyph.at(cid.glyph);
    map += static_cast<char>(mapped >> 8);
    map += static_cast<char>(mapped & 0xFF);
  }
  return map;
}

}  // namespace

Result<void> write_cid_font(HpdfDocument& pdf, const CidFont& embedded, PdfDict type0, const StreamMaker& new_stream) {
  const Font& font = embedded.font();
  const std::vector<CidGlyph>& by_cid = embedded.by_cid();
  std::vector<std::uint32_t> glyphs;
  for (const CidGlyph& cid : by_cid) glyphs.push_back(cid.glyph);
  std::sort(glyphs.begin(), glyphs.end());
  glyphs.erase(std::unique(glyphs.begin(), glyphs.end()), glyphs.end());
  Result<FontSubset> subset = subset_font(font, glyphs);
  if (!subset) return fail(subset.error());
  const std::string base_font = subset_tag(font.postscript_name(), glyphs) + '+' +
                                (font.postscript_name().empty() ? std::string("Font") : font.postscript_name());

  // FontFile2: the subset, and the descriptor with the font's own metrics.
  const auto subset_size = static_cast<std::int32_t>(subset->bytes.size());
  const PdfDict font_file = new_stream(std::move(subset->bytes));
  if (!font_file) return pdf.check("embedded font");
  font_file.add_number("Length1", subset_size);
  const PdfDict cid_set = new_stream(cid_set_bits(by_cid.size()));
  const PdfDict descriptor = cid_set ? write_descriptor(pdf, font, base_font, font_file, cid_set) : PdfDict();
  if (!descriptor) return pdf.check("font descriptor");

  const PdfDict cid_to_gid = new_stream(cid_to_gid_map(by_cid, *subset));
  std::vector<std::pair<std::uint32_t, std::string>> texts;
  texts.reserve(by_cid.size());
  for (const CidGlyph& cid : by_cid) texts.emplace_back(cid.glyph, cid.text);
  const PdfDict to_unicode = new_stream(to_unicode_cmap(texts));
  const PdfDict cid_font = pdf.new_indirect_dict();
  if (!cid_to_gid || !to_unicode || !cid_font) return pdf.check("CID font");
  cid_font.add_name("Type", "Font");
  cid_font.add_name("Subtype", "CIDFontType2");
  cid_font.add_name("BaseFont", base_font.c_str());
  const PdfDict system_info = pdf.new_dict();
  cid_font.add("CIDSystemInfo", system_info);
  system_info.add("Registry", pdf.ascii_string("Adobe"));
  system_info.add("Ordering", pdf.ascii_string("Identity"));
  system_info.add_number("Supplement", 0);
  cid_font.add("FontDescriptor", descriptor);
  cid_font.add_number("DW", 0);
  write_widths(pdf, cid_font, by_cid);
  cid_font.add("CIDToGIDMap", cid_to_gid);

  type0.add_name("Type", "Font");
  type0.add_name("Subtype", "Type0");
  type0.add_name("BaseFont", base_font.c_str());
  type0.add_name("Encoding", "Identity-H");
  const PdfArray descendants = pdf.new_array();
  type0.add("DescendantFonts", descendants);
  descendants.add(cid_font);
  type0.add("ToUnicode", to_unicode);
  return pdf.check("font " + font.path().filename().string());
}

}  // namespace nashr
