// Setting one broken line: its kashida, its glyphs, the widths of its spaces, its place on the
// measure, its runs in visual order and its ascent and descent (LineSetter::set_line and its steps).
#include <algorithm>
#include <cmath>
#include <cstdint>

#include "fonts/font_db.h"
#include "linebreak/kashida.h"
#include "linebreak/line_setter.h"

namespace nashr::line_setting {

namespace {

// PlacedGlyph keeps offsets in 16 bits; no font offsets a mark by 16 em, but a bad font must not wrap.
std::int16_t glyph_offset(std::int32_t units) {
  return static_cast<std::int16_t>(std::clamp<std::int32_t>(units, INT16_MIN, INT16_MAX));
}

}  // namespace

Line LineSetter::set_line(const LineBreaks& breaks, std::size_t index, std::uint32_t begin,
                          std::uint32_t end) {
  const BrokenLine& broken = breaks.lines[index];
  Line line;
  line.rtl = (itemized_.bidi.paragraph_level() & 1) != 0;
  line.ends_paragraph = index + 1 == breaks.lines.size();
  line.location = location_of(begin);
  // Spaces, hard breaks and isolate controls at the line's end are not drawn.
  std::uint32_t content_end = end;
  while (content_end > begin && (space_[content_end - 1] || skipped(content_end - 1))) --content_end;
  const double indent = index == 0 && settings_.first_line_indent > 0 ? settings_.first_line_indent : 0;

  const double kashida_used = spread_kashida(broken);
  collect_glyphs(begin, content_end);
  drop_hyphenated_rest(begin);
  add_hyphen(broken, content_end);
  justify_glue(broken, kashida_used, begin, content_end, indent, line);
  place_runs(line, begin, end, start_x(line, indent));
  set_metrics(line, begin, end);
  return line;
}

// Kashida: whole tatweels spread over the line's joins (tatweels_, by word). Returns the width they
// take, or -1 when the line asks for no kashida; what cannot be placed goes back to the spaces.
double LineSetter::spread_kashida(const BrokenLine& broken) {
  tatweels_.clear();
  if (broken.kashida_width <= 0) return -1;
  std::vector<KashidaOpportunity> joins;
  std::vector<int> join_words;
  double quantum = 0;
  for (std::size_t i = broken.begin; i < broken.end; ++i) {
    if (sources_[i].role != Role::kashida) continue;
    const Word& word = words_[static_cast<std::size_t>(sources_[i].word)];
    joins.push_back({i, word.kashida_class, items_[i].kashida_stretch});
    join_words.push_back(sources_[i].word);
    if (quantum == 0) quantum = run_tatweel_width_[run_of_[sources_[i].begin]];
  }
  // Whole tatweels, rounded up while the joins have room: the spaces then stay just under their
  // limit instead of going beyond it by up to one tatweel.
  double capacity = 0;
  for (const KashidaOpportunity& join : joins) capacity += join.max_extension;
  const double request = std::min(capacity, std::ceil(broken.kashida_width / quantum - 1e-6) * quantum);
  const KashidaDistribution spread = spread_kashida_in_rounds(request, joins, quantum);
  for (std::size_t k = 0; k < joins.size(); ++k) {
    const Word& word = words_[static_cast<std::size_t>(join_words[k])];
    const double own = run_tatweel_width_[run_of_[word.join]];
    const int count = std::min(kKashidaMaxTatweels, static_cast<int>(std::lround(spread.extensions[k] / own)));
    // Items come in word order and a word has one join: tatweels_ stays sorted by word.
    if (count > 0) tatweels_.emplace_back(join_words[k], count);
  }
  return spread.used;
}

// Glue widths: justified by the breaker, then corrected for what reshaping and whole tatweels
// changed, so a justified line fills the measure exactly. Sets the line's widths and whether it
// is justified, and the width of every glyph of a space.
void LineSetter::justify_glue(const BrokenLine& broken, double kashida_used, std::uint32_t begin,
                              std::uint32_t content_end, double indent, Line& line) {
  collect_glues(broken, kashida_used, begin, content_end);
  const LineExtent extent = measure_glyphs(indent);
  double glue_total = 0, glue_natural_total = 0;
  for (const LineGlue& glue : line_glues_) {
    glue_total += glue.width;
    glue_natural_total += glue.natural;
  }
  // A line with no space to stretch (one word, or the piece of one) stays at its width, flush
  // with the start side; so does an overfull line (first fit), whose spaces keep their minimum.
  line.justified = settings_.alignment == Alignment::justify && !broken.final_fill &&
                   broken.fill_width == 0 && !line_glues_.empty() && !broken.overfull;
  if (line.justified) {
    const double residual = settings_.width - (extent.fixed + glue_total);
    for (LineGlue& glue : line_glues_) {
      glue.width += glue_natural_total > 0 ? residual * glue.natural / glue_natural_total
                                           : residual / static_cast<double>(line_glues_.size());
    }
    glue_total += residual;
  } else {
    glue_total = 0;
    for (LineGlue& glue : line_glues_) {
      glue.width = std::max(glue.width, glue.natural * (1 - kSpaceShrink));
      glue_total += glue.width;
    }
  }
  for (LineGlyph& glyph : line_glyphs_) {
    if (glyph.glue) glyph.width = line_glues_[static_cast<std::size_t>(glue_slot_[glyph.position])].width;
  }
  for (const LineGlue& glue : line_glues_) glue_slot_[glue.position] = -1;
  line.natural_width = extent.natural;
  line.width = extent.fixed + glue_total;
}

// The line's drawn spaces (line_glues_, glue_slot_ indexing them by position) at the widths the
// breaker justified them to.
void LineSetter::collect_glues(const BrokenLine& broken, double kashida_used, std::uint32_t begin,
                               std::uint32_t content_end) {
  const JustifiedLine justified = justify_line(items_, broken, kashida_used);
  line_glues_.clear();
  for (const JustifiedGlue& glue : justified.glue) {
    if (sources_[glue.item].role != Role::space) continue;
    const std::uint32_t position = sources_[glue.item].begin;
    if (position < begin || position >= content_end) continue;
    glue_slot_[position] = static_cast<std::int32_t>(line_glues_.size());
    line_glues_.push_back({position, glue.width, items_[glue.item].width});
  }
}

// The widths of the line's glyphs with the indent: all but the spaces (fixed), and all at their
// natural widths. Marks the first glyph of each drawn space as its glue.
LineExtent LineSetter::measure_glyphs(double indent) {
  LineExtent extent{indent, indent};
  for (const Segment& segment : line_segments_) {
    std::uint32_t last_glue = UINT32_MAX;
    for (std::size_t g = segment.first; g < segment.last; ++g) {
      LineGlyph& glyph = line_glyphs_[g];
      if (glue_slot_[glyph.position] >= 0 && glyph.position != last_glue) {
        glyph.glue = true;
        last_glue = glyph.position;
        extent.natural += line_glues_[static_cast<std::size_t>(glue_slot_[glyph.position])].natural;
      } else {
        extent.fixed += glyph.width;
        extent.natural += glyph.width;
      }
    }
  }
  return extent;
}

// Where the line's content starts, from the left edge of the measure: the free space goes on the
// start side as the alignment says; an RTL line runs from the right.
double LineSetter::start_x(const Line& line, double indent) const {
  const double free_space = settings_.width - line.width;
  double start_offset = 0;
  if (settings_.alignment == Alignment::end) start_offset = free_space;
  if (settings_.alignment == Alignment::center) start_offset = free_space / 2;
  const double visual_width = line.width - indent;
  return line.rtl ? settings_.width - start_offset - indent - visual_width : start_offset + indent;
}

// The line's runs: visual order (bidi rule L2 for this line), each visual run cut at TextRun
// boundaries and placed from `x` rightwards; then sorted into reading order.
void LineSetter::place_runs(Line& line, std::uint32_t begin, std::uint32_t end, double x) {
  double carry = 0;  // rounding of stretched spaces to font units, carried along the line
  // Every line of an issue is held until it is paginated: its runs get exactly their room, not
  // what doubling leaves (a 1000-page issue's peak was 4 MB higher).
  const std::vector<VisualRun>& visuals = visual_runs(begin, end);
  const auto overlaps = [](const RunSlice& slice, const VisualRun& visual) {
    return slice.begin < visual.end && visual.begin < slice.end;
  };
  std::size_t pieces = 0;
  for (const VisualRun& visual : visuals) {
    for (const RunSlice& slice : line_slices_) pieces += overlaps(slice, visual);
  }
  line.runs.reserve(pieces);
  for (const VisualRun& visual : visuals) {
    line_pieces_.clear();
    for (std::size_t s = 0; s < line_slices_.size(); ++s) {
      if (overlaps(line_slices_[s], visual)) line_pieces_.push_back(s);
    }
    if (visual.rtl()) std::reverse(line_pieces_.begin(), line_pieces_.end());
    for (const std::size_t s : line_pieces_) {
      LineRun out = placed_run(line_slices_[s], visual, x, carry);
      if (out.glyphs.empty()) continue;
      x += out.width;
      line.runs.push_back(std::move(out));
    }
  }
  std::sort(line.runs.begin(), line.runs.end(),
            [](const LineRun& a, const LineRun& b) { return a.text_begin < b.text_begin; });
}

// The glyphs of `slice` inside `visual`, as a run placed at `x`; stretched spaces are rounded to
// font units, the rounding carried on in `carry`.
LineRun LineSetter::placed_run(const RunSlice& slice, const VisualRun& visual, double x, double& carry) const {
  const TextRun& run = itemized_.runs[slice.run];
  const std::uint32_t from = std::max(slice.begin, visual.begin), to = std::min(slice.end, visual.end);
  const std::size_t first_glyph = line_segments_[slice.first_segment].first;
  const std::size_t last_glyph = line_segments_[slice.last_segment - 1].last;
  LineRun out;
  // Exactly the glyphs emitted below: every glyph of the issue is held until it is paginated.
  // A slice inside the visual run (the common case) has all its glyphs in it.
  std::size_t glyph_count = last_glyph - first_glyph;
  if (from > slice.begin || to < slice.end) {
    glyph_count = 0;
    for (std::size_t g = first_glyph; g < last_glyph; ++g) {
      glyph_count += line_glyphs_[g].position >= from && line_glyphs_[g].position < to;
    }
  }
  out.glyphs.reserve(glyph_count);
  out.font = run.font;
  out.size = run.font_size;
  out.color = run.span < settings_.span_colors.size() ? settings_.span_colors[run.span] : Color{};
  out.rise = run.span < settings_.span_rises.size() ? settings_.span_rises[run.span] : 0;
  out.rtl = run.rtl();
  out.span = run.span;
  out.text_begin = from;
  out.text_end = to;
  out.x = x;
  const double units_per_point = run.font->units_per_em() / run.font_size;
  std::int64_t units = 0;
  const auto emit = [&](const Segment& segment) {
    for (std::size_t g = segment.first; g < segment.last; ++g) {
      const LineGlyph& glyph = line_glyphs_[g];
      if (glyph.position < from || glyph.position >= to) continue;
      PlacedGlyph placed{glyph.glyph.glyph, glyph.glyph.x_advance, glyph_offset(glyph.glyph.x_offset),
                         glyph_offset(glyph.glyph.y_offset), glyph.text};
      if (glyph.glue) {
        const double exact = (glyph.width + carry) * units_per_point;
        placed.x_advance = static_cast<std::int32_t>(std::lround(exact));
        carry = (exact - placed.x_advance) / units_per_point;
      }
      units += placed.x_advance;
      out.glyphs.push_back(placed);
    }
  };
  if (run.rtl()) {
    for (std::size_t k = slice.last_segment; k-- > slice.first_segment;) emit(line_segments_[k]);
  } else {
    for (std::size_t k = slice.first_segment; k < slice.last_segment; ++k) emit(line_segments_[k]);
  }
  out.width = points(units, run);
  return out;
}

// Ascent and descent: the line's fonts at their sizes (the fonts of its text when nothing is drawn).
void LineSetter::set_metrics(Line& line, std::uint32_t begin, std::uint32_t end) const {
  const auto take_metrics = [&line](const Font* font, double size) {
    if (font == nullptr) return;
    const FontMetrics& metrics = font->metrics();
    line.ascent = std::max(line.ascent, metrics.ascender * size / metrics.units_per_em);
    line.descent = std::max(line.descent, -metrics.descender * size / metrics.units_per_em);
  };
  // At the span's own size: a script's size-adjust makes its letters look as large as the others',
  // it does not make the line taller (Noto Naskh's nominal ascent and descent are tall already).
  const auto nominal = [&](std::uint32_t span, double size) {
    return span < styled_.spans.size() ? std::min(size, styled_.spans[span].font_size) : size;
  };
  for (const LineRun& run : line.runs) take_metrics(run.font, nominal(run.span, run.size));
  if (line.runs.empty()) {
    for (const TextRun& run : itemized_.runs) {
      if (run.begin < std::max(end, begin + 1) && begin < run.end)
        take_metrics(run.font, nominal(run.span, run.font_size));
    }
  }
}

}  // namespace nashr::line_setting
