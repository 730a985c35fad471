#include "linebreak/lines.h"

#include <cmath>
#include <cstdio>

#include "fonts/font_db.h"
#include "linebreak/line_setter.h"

namespace nashr {

namespace line_setting {

Lines LineSetter::run() {
  Lines lines;
  if (text_.empty()) return lines;
  analyse();
  find_words();
  build_items();
  LineBreakParams params;
  params.line_widths = {settings_.width};
  params.alignment = settings_.alignment;
  params.lone_word_last_line_demerits = kLoneWordLastLineDemerits;
  params.max_flagged_lines_in_row = kMaxHyphenatedLinesInRow;
  LineBreaks breaks = compute_line_breaks(items_, params);
  if (!breaks.overlong_boxes.empty()) {
    // A word wider than the measure: warn at its source, break it between clusters, break again.
    std::vector<bool> warned(words_.size(), false);
    for (const OverlongBox& box : breaks.overlong_boxes) {
      const int w = sources_[box.item].word;
      if (w < 0 || warned[static_cast<std::size_t>(w)]) continue;
      warned[static_cast<std::size_t>(w)] = true;
      Word& word = words_[static_cast<std::size_t>(w)];
      warn_overlong(word, width(word.begin, word.end), box.available);
      word.split = true;
      word.join = 0;
    }
    build_items();
    breaks = compute_line_breaks(items_, params);
  }
  lines.method = breaks.method;
  // Each line's text runs from its first box to the next line's first box: the spaces it broke at
  // stay at its end (not drawn), so the lines partition the paragraph's text.
  std::vector<std::uint32_t> starts;
  for (std::size_t k = 0; k < breaks.lines.size(); ++k) {
    std::uint32_t start = 0;
    if (k > 0) {
      start = static_cast<std::uint32_t>(text_.size());
      for (std::size_t i = breaks.lines[k].begin; i < items_.size(); ++i) {
        if (sources_[i].role == Role::text) {
          start = sources_[i].begin;
          break;
        }
      }
    }
    starts.push_back(start);
  }
  lines.lines.reserve(breaks.lines.size());
  for (std::size_t k = 0; k < breaks.lines.size(); ++k) {
    const std::uint32_t end =
        k + 1 < starts.size() ? starts[k + 1] : static_cast<std::uint32_t>(text_.size());
    lines.lines.push_back(set_line(breaks, k, starts[k], end));
  }
  return lines;
}

}  // namespace line_setting

Lines break_lines(const StyledParagraph& styled, const ItemizedParagraph& itemized,
                  const ShapedParagraph& shaped, const LineSettings& settings, DiagnosticSink& sink) {
  // Per thread, so paragraphs set on different threads never share them.
  thread_local line_setting::LineSetterBuffers buffers;
  line_setting::LineSetter setter(styled, itemized, shaped, settings, sink, std::move(buffers));
  Lines lines = setter.run();
  buffers = setter.release_buffers();
  return lines;
}

std::string dump_lines(const Lines& lines) {
  std::string out;
  out.append("lines ")
      .append(std::to_string(lines.lines.size()))
      .append(" method ")
      .append(to_string(lines.method));
  out.append("\n");
  for (std::size_t k = 0; k < lines.lines.size(); ++k) {
    const Line& line = lines.lines[k];
    out.append("line ").append(std::to_string(k + 1)).append(line.rtl ? " rtl" : " ltr");
    out.append(" width ")
        .append(dump_number(line.width, 3))
        .append(" natural ")
        .append(dump_number(line.natural_width, 3));
    out.append(" ascent ")
        .append(dump_number(line.ascent, 3))
        .append(" descent ")
        .append(dump_number(line.descent, 3));
    if (line.justified) out.append(" justified");
    if (line.ends_paragraph) out.append(" last");
    if (line.location.known()) out.append(" ").append(to_string(line.location));
    out.append("\n");
    for (const LineRun& run : line.runs) {
      out.append("  run [")
          .append(std::to_string(run.text_begin))
          .append(",")
          .append(std::to_string(run.text_end))
          .append(") x ")
          .append(dump_number(run.x, 3))
          .append(" width ")
          .append(dump_number(run.width, 3))
          .append(run.rtl ? " rtl " : " ltr ")
          .append(run.font != nullptr ? run.font->postscript_name() : std::string("(none)"))
          .append(" ")
          .append(dump_number(run.size, 1))
          .append(" span ")
          .append(std::to_string(run.span));
      if (run.color != Color{}) {
        out.append(" rgb ")
            .append(dump_number(run.color.r, 2))
            .append(",")
            .append(dump_number(run.color.g, 2));
        out.append(",").append(dump_number(run.color.b, 2));
      }
      out.append("\n    ");
      for (std::size_t g = 0; g < run.glyphs.size(); ++g) {
        const PlacedGlyph& glyph = run.glyphs[g];
        if (g > 0) out.append("|");
        out.append(run.font != nullptr ? run.font->glyph_name(glyph.glyph_id)
                                       : std::to_string(glyph.glyph_id));
        if (!glyph.text.empty()) out.append("'").append(glyph.text).append("'");
        if (glyph.x_offset != 0 || glyph.y_offset != 0) {
          out.append("@")
              .append(std::to_string(glyph.x_offset))
              .append(",")
              .append(std::to_string(glyph.y_offset));
        }
        out.append("+").append(std::to_string(glyph.x_advance));
      }
      out.append("\n");
    }
  }
  return out;
}

GlyphRun take_glyph_run(LineRun& run, Point origin) {
  GlyphRun glyphs;
  glyphs.font = run.font;
  glyphs.size = run.size;
  glyphs.origin = {origin.x, origin.y - run.rise};
  glyphs.color = run.color;
  glyphs.rtl = run.rtl;
  glyphs.glyphs = std::move(run.glyphs);
  return glyphs;
}

}  // namespace nashr
