#include "shape/harfbuzz_shaping.h"

#include <cassert>
#include <memory>

#include "fonts/font_db.h"

namespace nashr::shaping {

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

}  // namespace

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

// Whether finish_glyphs() may change or drop the glyph of `c`: controls (General_Category Cc),
// line and paragraph separators (Zl, Zp; itemize maps every line ending to U+2028) and the
// isolate controls itemize inserts.
bool needs_finishing(char16_t c) {
  if (c >= 0x2066 && c <= 0x2069) return true;  // LRI, RLI, FSI, PDI
  switch (hb_unicode_general_category(hb_unicode_funcs_get_default(), c)) {
    case HB_UNICODE_GENERAL_CATEGORY_CONTROL:
    case HB_UNICODE_GENERAL_CATEGORY_LINE_SEPARATOR:
    case HB_UNICODE_GENERAL_CATEGORY_PARAGRAPH_SEPARATOR: return true;
    default: return false;
  }
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

}  // namespace nashr::shaping
