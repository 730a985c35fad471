#include "paginate/footnotes.h"

#include "paginate/place_table.h"
#include "paginate/tag_structure.h"

#include <algorithm>
#include <cstdio>

#include "paginate/paginate.h"

namespace nashr {

namespace {

// Lines keep the block's leading, so baselines stay evenly spaced even when a line mixes fonts whose
// nominal ascent and descent (Noto Naskh Arabic's are tall) add up to a little more; only a line
// that is much taller (a larger inline size) grows.
constexpr double kLineGrowthThreshold = 1.25;

// The most of a page's body one note keeps on its marker's page; the rest goes on at the next
// pages' feet. Half a page: the text above the notes never shrinks to a few lines.
constexpr double kMostNoteShare = 0.5;
// The fewest lines of a split note on either page (as the orphan and widow rules of paragraphs).
constexpr std::size_t kFewestSplitLines = 2;
// Cost of a page whose note goes on at the next page's foot (as a page about 17 % short).
constexpr double kSplitNoteCost = 30;
// Passes of the page breaker: the second keeps room for the notes carried to the next pages.
constexpr int kMostPasses = 3;

// The line boxes of a note's lines.
std::vector<FlowLine> note_flow(const Lines& lines, double leading) {
  double ascent = 0;
  double descent = 0;
  for (const Line& line : lines.lines) {
    ascent = std::max(ascent, line.ascent);
    descent = std::max(descent, line.descent);
  }
  std::vector<FlowLine> flow;
  for (const Line& line : lines.lines) flow.push_back(flow_line(line, leading, ascent, descent));
  return flow;
}

double note_leading(const ResolvedDocument& resolved, std::size_t note) {
  return resolved.notes[note].text ? resolved.notes[note].text->leading : 0;
}

// The room a note keeps on its marker's page: all its lines and the gap above it, or as many lines
// as fit in kMostNoteShare of the body (at least the first two).
double kept_room(const std::vector<FlowLine>& lines, double gap, double body_height) {
  double room = gap;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (i >= kFewestSplitLines && room + lines[i].height > kMostNoteShare * body_height) break;
    room += lines[i].height;
  }
  return room;
}

// The least room a note keeps on its marker's page: its first lines (kFewestSplitLines), the rest
// going on at the next page's foot; a note of one line more than that is kept whole.
double least_room(const std::vector<FlowLine>& lines, double gap) {
  const std::size_t kept = lines.size() <= kFewestSplitLines + 1 ? lines.size() : kFewestSplitLines;
  double room = gap;
  for (std::size_t i = 0; i < kept; ++i) room += lines[i].height;
  return room;
}

// Lines of notes a page carries to the next one, whose first line keeps room for them.
struct Carry {
  std::size_t page = 0;  // the page that begins with the carried lines
  double height = 0;
  friend bool operator==(const Carry&, const Carry&) = default;
};

}  // namespace

FlowLine flow_line(const Line& line, double leading, double block_ascent, double block_descent) {
  const double content = line.ascent + line.descent;
  const double height = content > leading * kLineGrowthThreshold ? content : leading;
  return {height, (height + block_ascent - block_descent) / 2};
}

Footnotes set_footnotes(const ResolvedDocument& resolved, const std::vector<SetBlock>& blocks) {
  Footnotes notes;
  if (resolved.notes.empty()) return notes;
  notes.marker_line.assign(resolved.notes.size(), 0);
  bool any = false;
  for (std::size_t b = 0; b < resolved.blocks.size(); ++b) {
    const ResolvedBlock& block = resolved.blocks[b];
    if (!block.text || block.text->note_markers.empty()) continue;
    const std::vector<Line>& lines = blocks[b].lines.lines;
    for (const NoteMarker& marker : block.text->note_markers) {
      for (std::size_t l = 0; l < lines.size(); ++l) {
        const bool here = std::any_of(lines[l].runs.begin(), lines[l].runs.end(),
                                      [&](const LineRun& run) { return run.span == marker.span; });
        if (here) {
          notes.marker_line[marker.note] = l;
          break;
        }
      }
    }
    for (const auto& [note, set] : blocks[b].notes) {
      if (notes.lines.empty()) notes.lines.resize(resolved.notes.size());
      notes.lines[note] = set;
      any = true;
    }
  }
  if (!any) notes.lines.clear();
  return notes;
}

namespace {

// Fills notes.pages from the pages' markers: each page's notes after what the page before carried,
// as many lines as the room under its text holds. Returns what each page carried to the next.
std::vector<Carry> fill_feet(const ResolvedDocument& resolved, const PageBreaks& breaks,
                             const PageBreakParams& params, const std::vector<std::vector<FlowLine>>& note_lines,
                             Footnotes& notes) {
  std::vector<std::vector<std::size_t>> by_page(breaks.pages.size());
  for (std::size_t n = 0; n < resolved.notes.size(); ++n) {
    if (note_lines[n].empty()) continue;
    const std::size_t block = resolved.notes[n].marker_block;
    std::size_t page = breaks.block_first_page[block];
    if (page == kNoPage) continue;
    // The marker's line may be on a later page than the block's first line.
    while (page + 1 < breaks.pages.size() &&
           std::none_of(breaks.pages[page].lines.begin(), breaks.pages[page].lines.end(), [&](const PlacedLine& l) {
             return l.block == block && l.line == notes.marker_line[n];
           })) {
      ++page;
    }
    by_page[page].push_back(n);
  }
  notes.pages.assign(breaks.pages.size(), {});
  std::vector<Carry> carries;
  std::vector<NoteSlice> waiting;  // what is left of notes begun on earlier pages
  for (std::size_t p = 0; p < breaks.pages.size(); ++p) {
    const PlannedPage& page = breaks.pages[p];
    const double text = page.lines.empty() ? 0 : page.lines.back().top + page.lines.back().height;
    double room = page.body_height - text - params.notes_separator;
    for (std::size_t n : by_page[p]) waiting.push_back({n, 0, note_lines[n].size(), false});
    std::vector<NoteSlice> later;
    for (NoteSlice& slice : waiting) {
      const double gap = slice.first_line == 0 ? resolved.footnotes.note_gap : 0;
      std::size_t end = slice.first_line;
      double used = gap;
      while (end < slice.end_line && later.empty() && used + note_lines[slice.note][end].height <= room + 0.01) {
        used += note_lines[slice.note][end++].height;
      }
      if (end > slice.first_line) {
        notes.pages[p].push_back({slice.note, slice.first_line, end, slice.continued});
        room -= used;
      }
      if (end < slice.end_line) later.push_back({slice.note, end, slice.end_line, true});
    }
    waiting = std::move(later);
    double carried = 0;
    for (const NoteSlice& slice : waiting) {
      for (std::size_t l = slice.first_line; l < slice.end_line; ++l) carried += note_lines[slice.note][l].height;
    }
    if (carried > 0 && p + 1 < breaks.pages.size()) carries.push_back({p + 1, carried});
  }
  // What the last page could not hold goes on pages of notes alone.
  while (!waiting.empty()) {
    notes.pages.emplace_back();
    std::vector<NoteSlice> later;
    double room = breaks.pages.empty() ? 0 : breaks.pages.back().body_height - params.notes_separator;
    for (NoteSlice& slice : waiting) {
      std::size_t end = slice.first_line;
      double used = 0;
      while (end < slice.end_line && later.empty() &&
             (end == slice.first_line || used + note_lines[slice.note][end].height <= room)) {
        used += note_lines[slice.note][end++].height;
      }
      notes.pages.back().push_back({slice.note, slice.first_line, end, slice.continued});
      room -= used;
      if (end < slice.end_line) later.push_back({slice.note, end, slice.end_line, true});
    }
    waiting = std::move(later);
  }
  return carries;
}

}  // namespace

PageBreaks break_pages_with_footnotes(const ResolvedDocument& resolved, std::vector<FlowBlock> flow,
                                      PageBreakParams params, Footnotes& notes, DiagnosticSink& sink) {
  const double body_height = params.page_heights.front();
  params.notes_separator = resolved.footnotes.space_before + resolved.footnotes.rule_gap;
  params.split_note_cost = kSplitNoteCost;
  std::vector<std::vector<FlowLine>> note_lines(resolved.notes.size());
  for (std::size_t n = 0; n < resolved.notes.size(); ++n) {
    if (!notes.lines[n].lines.empty()) note_lines[n] = note_flow(notes.lines[n], note_leading(resolved, n));
    if (note_lines[n].empty()) continue;
    FlowBlock& block = flow[resolved.notes[n].marker_block];
    if (block.lines.empty()) continue;
    FlowLine& line = block.lines[std::min(notes.marker_line[n], block.lines.size() - 1)];
    line.notes += kept_room(note_lines[n], resolved.footnotes.note_gap, body_height);
    line.notes_least += least_room(note_lines[n], resolved.footnotes.note_gap);
  }
  const std::vector<FlowBlock> kept = flow;
  std::vector<Carry> carries;
  PageBreaks breaks;
  for (int pass = 0; pass < kMostPasses; ++pass) {
    DiagnosticSink pass_sink;
    breaks = break_pages(flow, params, pass_sink);
    const std::vector<Carry> now = fill_feet(resolved, breaks, params, note_lines, notes);
    if (now == carries || pass + 1 == kMostPasses) {
      for (const Diagnostic& diagnostic : pass_sink.diagnostics()) sink.report(diagnostic);
      break;
    }
    carries = now;
    // Room for the carried lines on the page they go on to, at its first line.
    flow = kept;
    for (const Carry& carry : carries) {
      const PlacedLine& first = breaks.pages[carry.page].lines.front();
      flow[first.block].lines[first.line].notes += carry.height;
      flow[first.block].lines[first.line].notes_least += std::min(carry.height, kMostNoteShare * body_height);
    }
  }
  return breaks;
}

void place_footnotes(const ResolvedDocument& resolved, const std::vector<NoteSlice>& slices, Footnotes& notes,
                     double left, double width, double bottom, Page& page, std::optional<Diagnostic>& off_page,
                     paginating::Tagging* tagging) {
  if (slices.empty()) return;
  const FootnoteArea& area = resolved.footnotes;
  std::vector<std::vector<FlowLine>> flows;
  double height = 0;
  for (const NoteSlice& slice : slices) {
    flows.push_back(note_flow(notes.lines[slice.note], note_leading(resolved, slice.note)));
    if (slice.first_line == 0 && &slice != &slices.front()) height += area.note_gap;
    for (std::size_t l = slice.first_line; l < slice.end_line; ++l) height += flows.back()[l].height;
  }
  double top = bottom - height;
  // The short rule on the start side; the whole measure above a note continued from the page before.
  const double rule_y = top - area.rule_gap;
  const double rule_length = slices.front().continued ? width : std::min(width, area.rule_length);
  const double rule_left = resolved.rtl ? left + width - rule_length : left;
  page.items.emplace_back(Rule{{rule_left, rule_y}, {rule_left + rule_length, rule_y}, 0.5, area.rule_colour});
  for (std::size_t s = 0; s < slices.size(); ++s) {
    const NoteSlice& slice = slices[s];
    const ResolvedNote& note = resolved.notes[slice.note];
    if (slice.first_line == 0 && s > 0) top += area.note_gap;
    if (slice.first_line == 0) page.items.emplace_back(Anchor{note.anchor, {left, top}, false});
    for (std::size_t l = slice.first_line; l < slice.end_line; ++l) {
      Line& line = notes.lines[slice.note].lines[l];
      const paginating::LineTags tags{tagging, tagging == nullptr ? kNoElement : tagging->note(slice.note),
                                      &*note.text};
      paginating::place_line(line, left, top + flows[s][l].baseline, &note.text->links, page, off_page, tags);
      top += flows[s][l].height;
    }
  }
}

void add_marker_anchors(const ResolvedDocument& resolved, const PlannedPage& planned, const Footnotes& notes,
                        double body_top, double body_left, Page& page) {
  for (const PlacedLine& placed : planned.lines) {
    const ResolvedBlock& block = resolved.blocks[placed.block];
    if (!block.text || block.text->note_markers.empty()) continue;
    for (const NoteMarker& marker : block.text->note_markers) {
      if (notes.marker_line.empty() || notes.marker_line[marker.note] != placed.line) continue;
      page.items.emplace_back(
          Anchor{resolved.notes[marker.note].back_anchor, {body_left, body_top + placed.top}, false});
    }
  }
}

std::string format_footnotes(const Footnotes& notes) {
  std::string out;
  for (std::size_t p = 0; p < notes.pages.size(); ++p) {
    if (notes.pages[p].empty()) continue;
    out += "page " + std::to_string(p + 1) + " notes:";
    for (const NoteSlice& slice : notes.pages[p]) {
      out += " note " + std::to_string(slice.note + 1) + " lines " + std::to_string(slice.first_line) + "-" +
             std::to_string(slice.end_line) + (slice.continued ? " (continued)" : "");
      if (&slice != &notes.pages[p].back()) out += ";";
    }
    out += "\n";
  }
  return out;
}

}  // namespace nashr
