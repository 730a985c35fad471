// The shaped paragraph as text (dump_shaped), for golden tests and --dump=shape.
#include <hb.h>

#include <cstdio>
#include <string>
#include <string_view>

#include "base/utf8.h"
#include "fonts/font_db.h"
#include "shape/shape.h"

namespace nashr {

namespace {

bool is_line_or_paragraph_separator(hb_unicode_general_category_t category) {
  return category == HB_UNICODE_GENERAL_CATEGORY_LINE_SEPARATOR ||
         category == HB_UNICODE_GENERAL_CATEGORY_PARAGRAPH_SEPARATOR;
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

