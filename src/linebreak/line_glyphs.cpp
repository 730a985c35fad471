// A line's glyphs (LineSetter::collect_glyphs): the paragraph's shaping where the line leaves it
// whole, words shaped again at cut edges and with tatweels, each glyph with its text for the PDF's
// text layer; and the line's visual runs.
#include <algorithm>
#include <cassert>

#include "linebreak/line_setter.h"

namespace nashr::line_setting {

namespace {

// Texts of glyphs (visual order) whose clusters index `text`: the characters from a cluster to
// the next cluster (or `end`) go on the cluster's first glyph with an advance (its base), minus
// the characters `skip` rejects; characters before the first cluster go with the first cluster.
// HarfBuzz (cluster level MONOTONE_CHARACTERS) gives a mark its own cluster and glyph (Naskh's
// hamza above in «هٔ»); a cluster of combining marks drawn without advance joins the text of the
// cluster before it, so readers copy «هٔ», not «ه» and a stray «ٔ».
// The texts go to `out` (parallel to `glyphs`, texts empty); `clusters` and `scratch` are
// scratch space.
template <typename Skip>
void cluster_texts(std::span<const ShapedGlyph> glyphs, std::u16string_view text, std::uint32_t begin,
                   std::uint32_t end, Skip skip, std::vector<TextCluster>& clusters, std::string& scratch,
                   std::span<LineGlyph> out) {
  assert(out.size() == glyphs.size());
  // The usual segment: one glyph per UTF-16 unit of [begin, end), in order one way or the other, and
  // no mark without advance: every glyph is its own cluster and carries its own character, which
  // is what the general case below finds too, without sorting clusters or building strings.
  const std::size_t count = glyphs.size();
  if (count > 0 && count == end - begin && end <= text.size()) {
    const bool forward = glyphs[0].cluster == begin;
    const bool backward = glyphs[0].cluster == end - 1;
    bool simple = forward || backward;
    for (std::size_t g = 0; simple && g < count; ++g) {
      const std::uint32_t expected =
          forward ? begin + static_cast<std::uint32_t>(g) : end - 1 - static_cast<std::uint32_t>(g);
      simple = glyphs[g].cluster == expected &&
               (glyphs[g].x_advance != 0 || !letter_properties(text[glyphs[g].cluster]).combining_mark());
    }
    if (simple) {
      for (std::size_t g = 0; g < count; ++g) {
        const std::uint32_t position = glyphs[g].cluster;
        const char16_t c = text[position];
        if (c >= 0xD800 && c <= 0xDFFF) {
          scratch.clear();
          append_utf8_of(scratch, text, position, position + 1, skip);  // a lone surrogate
          out[g].text = GlyphText(scratch);
        } else if (!skip(position)) {
          out[g].text = GlyphText::of(c);
        }
      }
      return;
    }
  }
  // The glyphs of a cluster are consecutive: one entry per cluster, with the glyph carrying its text.
  clusters.clear();
  for (std::size_t g = 0; g < glyphs.size(); ++g) {
    if (clusters.empty() || glyphs[clusters.back().base].cluster != glyphs[g].cluster) {
      clusters.push_back({glyphs[g].cluster, g, glyphs[g].x_advance != 0});
    } else if (glyphs[g].x_advance != 0) {
      if (!clusters.back().spacing) clusters.back().base = g;
      clusters.back().spacing = true;
    }
  }
  // Logical order: clusters are monotone in a shaped run, so the visual order is already sorted
  // (left to right) or reversed (right to left); sort only what is neither.
  bool ascending = true, descending = true;
  for (std::size_t k = 1; k < clusters.size(); ++k) {
    ascending = ascending && clusters[k - 1].position < clusters[k].position;
    descending = descending && clusters[k - 1].position > clusters[k].position;
  }
  if (descending && !ascending) {
    std::reverse(clusters.begin(), clusters.end());
  } else if (!ascending) {
    std::sort(clusters.begin(), clusters.end(),
              [](const TextCluster& a, const TextCluster& b) { return a.position < b.position; });
  }
  // The cluster whose glyph takes the text of the marks after it; its text is gathered in
  // `scratch` until the next owner.
  std::size_t owner = 0;
  scratch.clear();
  const auto close_owner = [&] { out[clusters[owner].base].text = GlyphText(scratch); };
  for (std::size_t k = 0; k < clusters.size(); ++k) {
    const std::uint32_t from = k == 0 ? std::min(begin, clusters[k].position) : clusters[k].position;
    const std::uint32_t to =
        k + 1 == clusters.size() ? std::max(end, clusters[k].position) : clusters[k + 1].position;
    const bool mark =
        k > 0 && !clusters[k].spacing && from < text.size() && letter_properties(text[from]).combining_mark();
    if (!mark) {
      if (k > 0) close_owner();
      owner = k;
      scratch.clear();
    }
    append_utf8_of(scratch, text, from, to, skip);
  }
  if (!clusters.empty()) close_owner();
}

}  // namespace

// The line's glyphs, run by run in logical order (line_glyphs_, line_segments_, line_slices_).
void LineSetter::collect_glyphs(std::uint32_t begin, std::uint32_t content_end) {
  line_glyphs_.clear();
  line_segments_.clear();
  line_slices_.clear();
  // Runs cover the text in order: start at the line's.
  for (auto r = static_cast<std::uint32_t>(begin < run_of_.size() ? run_of_[begin] : 0);
       r < itemized_.runs.size(); ++r) {
    const TextRun& run = itemized_.runs[r];
    if (run.begin >= content_end) break;
    const std::uint32_t from = std::max(run.begin, begin), to = std::min(run.end, content_end);
    if (from >= to || run.font == nullptr) continue;
    line_slices_.push_back(slice_run(r, from, to, begin, content_end));
  }
}

std::span<const ShapedGlyph> LineSetter::glyph_slice(std::uint32_t run_index, std::uint32_t begin,
                                                     std::uint32_t end) const {
  // Clusters are monotone in the run, so the glyphs of [begin, end) lie between the glyphs of its
  // first and its last cluster, whichever way the run goes.
  std::uint32_t first = begin, last = end;
  while (first < end && !cluster_start_[first]) ++first;
  while (last > first && !cluster_start_[last - 1]) --last;
  if (first >= last) return {};
  const std::vector<ShapedGlyph>& glyphs = shaped_.runs[run_index].glyphs;
  const std::uint32_t lo = std::min(first_glyph_[first], first_glyph_[last - 1]);
  const std::uint32_t hi = std::max(last_glyph_[first], last_glyph_[last - 1]) + 1;
  return {glyphs.data() + lo, hi - lo};
}

void LineSetter::append_segment(std::span<const ShapedGlyph> glyphs, const TextRun& run) {
  line_segments_.push_back({line_glyphs_.size(), line_glyphs_.size() + glyphs.size()});
  for (const ShapedGlyph& glyph : glyphs) {
    line_glyphs_.push_back({glyph, {}, glyph.cluster, points(glyph.x_advance, run), false});
  }
}

void LineSetter::original_segment(std::uint32_t run_index, std::uint32_t begin, std::uint32_t end) {
  const ShapedRun& shaped = shaped_.runs[run_index];
  const std::span<const ShapedGlyph> glyphs = glyph_slice(run_index, begin, end);
  assert(std::all_of(glyphs.begin(), glyphs.end(),
                     [&](const ShapedGlyph& g) { return g.cluster >= begin && g.cluster < end; }));
  append_segment(glyphs, shaped.run);
  cluster_texts(
      glyphs, text_, begin, end, [&](std::uint32_t i) { return skipped(i); }, text_clusters_, cluster_text_,
      std::span(line_glyphs_).subspan(line_segments_.back().first));
}

void LineSetter::reshaped_segment(std::uint32_t run_index, std::uint32_t begin, std::uint32_t end,
                                  LineEdges edges, std::uint32_t join, int tatweels) {
  const TextRun& run = itemized_.runs[run_index];
  if (tatweels <= 0) {
    const std::vector<ShapedGlyph> glyphs = reshape(itemized_, run, begin, end, edges);
    append_segment(glyphs, run);
    cluster_texts(
        glyphs, text_, begin, end, [&](std::uint32_t i) { return skipped(i); }, text_clusters_, cluster_text_,
        std::span(line_glyphs_).subspan(line_segments_.back().first));
    return;
  }
  // The word with `tatweels` U+0640 before text[join], shaped again so every join stays right.
  const std::uint32_t at = join - begin;
  const auto count = static_cast<std::uint32_t>(tatweels);
  std::u16string substitute(text_.substr(begin, join - begin));
  substitute.append(count, kTatweel);
  substitute.append(text_.substr(join, end - join));
  const std::vector<ShapedGlyph> glyphs = shape_substitute(itemized_, run, begin, end, substitute, edges);
  const auto is_tatweel = [&](std::uint32_t i) { return i >= at && i < at + count; };
  const auto to_paragraph = [&](std::uint32_t i) {
    return i < at ? begin + i : i < at + count ? join : begin + i - count;
  };
  append_segment(glyphs, run);
  const std::span<LineGlyph> added = std::span(line_glyphs_).subspan(line_segments_.back().first);
  cluster_texts(
      glyphs, substitute, 0, static_cast<std::uint32_t>(substitute.size()),
      [&](std::uint32_t i) { return is_tatweel(i) || skipped(to_paragraph(i)); }, text_clusters_, cluster_text_,
      added);
  for (LineGlyph& glyph : added) {
    glyph.glyph.cluster = to_paragraph(glyph.glyph.cluster);
    glyph.position = glyph.glyph.cluster;
  }
}

// The glyphs of run `run_index` on a line, for its text [begin, end): the paragraph's shaping,
// reshaped where the line cuts the run at a glyph HarfBuzz flagged unsafe to break (the word at
// that edge only) and where a word takes kashida (tatweels_: word index → count). Its segments
// and glyphs are appended to the line's (line_segments_, line_glyphs_).
RunSlice LineSetter::slice_run(std::uint32_t run_index, std::uint32_t begin, std::uint32_t end,
                               std::uint32_t line_begin, std::uint32_t content_end) {
  const TextRun& run = itemized_.runs[run_index];
  RunSlice slice{run_index, begin, end, line_segments_.size(), 0};
  const bool start_cut = begin == line_begin && begin > run.begin;
  const bool end_cut = end == content_end && end < run.end;

  struct Range {
    std::uint32_t begin, end, join;
    int tatweels;
  };
  std::vector<Range> ranges;
  if (start_cut) {
    std::uint32_t first = begin;
    while (first < end && itemized_.inserted[first]) ++first;
    if (first < end && !safe_at(run_index, first)) {
      const int w = word_at(first);
      ranges.push_back({begin, w >= 0 ? std::min(end, words_[static_cast<std::size_t>(w)].end) : end, 0, 0});
    }
  }
  if (end_cut && !safe_at(run_index, end)) {
    const int w = word_at(end - 1);
    ranges.push_back(
        {w >= 0 ? std::max(begin, words_[static_cast<std::size_t>(w)].begin) : begin, end, 0, 0});
  }
  for (const auto& [w, count] : tatweels_) {
    const Word& word = words_[static_cast<std::size_t>(w)];
    if (word.join < begin || word.join >= end) continue;
    ranges.push_back({std::max(word.begin, begin), std::min(word.end, end), word.join, count});
  }
  std::sort(ranges.begin(), ranges.end(), [](const Range& a, const Range& b) { return a.begin < b.begin; });
  std::vector<Range> merged;
  for (const Range& range : ranges) {
    if (!merged.empty() && range.begin < merged.back().end) {
      merged.back().end = std::max(merged.back().end, range.end);
      if (range.tatweels > 0) {
        merged.back().join = range.join;
        merged.back().tatweels = range.tatweels;
      }
    } else {
      merged.push_back(range);
    }
  }
  std::uint32_t at = begin;
  for (const Range& range : merged) {
    if (at < range.begin) original_segment(run_index, at, range.begin);
    const LineEdges edges{.line_start = start_cut && range.begin == begin,
                          .line_end = end_cut && range.end == end};
    reshaped_segment(run_index, range.begin, range.end, edges, range.join, range.tatweels);
    at = range.end;
  }
  if (at < end) original_segment(run_index, at, end);
  slice.last_segment = line_segments_.size();
  return slice;
}

// The visual runs of the line [begin, end) (bidi rules L1 and L2). A line whose units all have the
// paragraph's level (most lines of a one-script paragraph) is one run at that level: rule L1 only
// ever sets levels to the paragraph's, so ICU would find the same; it is asked only for the others.
const std::vector<VisualRun>& LineSetter::visual_runs(std::uint32_t begin, std::uint32_t end) {
  const std::uint8_t level = itemized_.bidi.paragraph_level();
  const std::span<const std::uint8_t> levels = itemized_.bidi.levels();
  if (begin < end && end <= levels.size() &&
      std::all_of(levels.begin() + begin, levels.begin() + end, [&](std::uint8_t l) { return l == level; })) {
    line_visual_runs_.assign(1, VisualRun{begin, end, level});
  } else {
    line_visual_runs_ = itemized_.visual_runs(begin, end);
  }
  return line_visual_runs_;
}

}  // namespace nashr::line_setting
