// Footnotes at the feet of the pages (src/paginate/footnotes.*): paginate() on synthetic blocks whose
// lines are 12pt apart, with notes whose lines are 10pt apart, on A4 pages with 50pt margins.
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "../linebreak/golden.h"
#include "paginate/paginate.h"

namespace nashr {
namespace {

constexpr double kBodyLeading = 12;
constexpr double kNoteLeading = 10;

Line synthetic_line(std::uint32_t span) {
  LineRun run;
  run.span = span;
  run.width = 100;
  run.glyphs.resize(3);
  Line line;
  line.runs.push_back(run);
  line.ascent = 8;
  line.descent = 3;
  return line;
}

// A note in block `block`, its marker on line `marker_line`, `lines` long.
struct NoteSpec {
  std::size_t block;
  std::size_t marker_line;
  std::size_t lines;
};

struct Issue {
  ResolvedDocument resolved;
  std::vector<SetBlock> blocks;
  std::vector<std::size_t> note_lines;
};

// Paragraphs of `paragraph_lines` lines each; span 1 draws every line but the markers' (their own span).
Issue make_issue(const std::vector<std::size_t>& paragraph_lines, const std::vector<NoteSpec>& notes) {
  Issue issue;
  ResolvedDocument& resolved = issue.resolved;
  resolved.page.width = 595.276;
  resolved.page.height = 841.89;
  resolved.page.margin_top = resolved.page.margin_bottom = 50;
  resolved.page.margin_left = resolved.page.margin_right = 50;
  resolved.footnotes.rule_length = 150;
  for (std::size_t b = 0; b < paragraph_lines.size(); ++b) {
    ResolvedBlock block;
    block.location = {"issue.xml", static_cast<int>(b + 1), 1};
    block.text.emplace();
    block.text->leading = kBodyLeading;
    block.space_after = 6;
    SetBlock set;
    for (std::size_t l = 0; l < paragraph_lines[b]; ++l) set.lines.lines.push_back(synthetic_line(1));
    resolved.blocks.push_back(std::move(block));
    issue.blocks.push_back(std::move(set));
  }
  for (std::size_t n = 0; n < notes.size(); ++n) {
    const NoteSpec& spec = notes[n];
    const auto span = static_cast<std::uint32_t>(100 + n);
    resolved.blocks[spec.block].text->note_markers.push_back({span, n});
    issue.blocks[spec.block].lines.lines[spec.marker_line].runs.push_back(synthetic_line(span).runs.front());
    ResolvedNote note;
    note.number = std::to_string(n + 1);
    note.anchor = "note:" + note.number;
    note.back_anchor = note.anchor + ":marker";
    note.marker_block = spec.block;
    note.text.emplace();
    note.text->leading = kNoteLeading;
    resolved.notes.push_back(std::move(note));
    issue.note_lines.push_back(spec.lines);
    Lines lines;  // as typeset() sets them, beside the block that holds the marker
    for (std::size_t l = 0; l < spec.lines; ++l) lines.lines.push_back(synthetic_line(0));
    issue.blocks[spec.block].notes.emplace_back(n, std::move(lines));
  }
  return issue;
}

Pagination paginate_issue(Issue& issue, DiagnosticSink& sink) {
  return paginate(issue.resolved, std::move(issue.blocks),
                  [](std::span<const TextBlock> texts) { return std::vector<Lines>(texts.size()); }, sink);
}

std::string dump(const Pagination& pagination) {
  return format_page_breaks(pagination.breaks) + format_footnotes(pagination.footnotes);
}

// The page each anchor is on.
std::map<std::string, std::size_t> anchor_pages(const PagedDocument& document) {
  std::map<std::string, std::size_t> pages;
  for (std::size_t p = 0; p < document.pages.size(); ++p) {
    for (const PageItem& item : document.pages[p].items) {
      if (const auto* anchor = std::get_if<Anchor>(&item)) {
        EXPECT_FALSE(anchor->named) << anchor->name;  // notes never take one of the PDF's names
        pages[anchor->name] = p;
      }
    }
  }
  return pages;
}

// Every line of every note is placed once, each note starts on its marker's page, and the notes
// and their markers carry their destinations.
void expect_notes_with_markers(const Pagination& pagination, const Issue& issue) {
  std::vector<std::size_t> placed(issue.note_lines.size(), 0);
  std::vector<std::size_t> first_page(issue.note_lines.size(), kNoPage);
  for (std::size_t p = 0; p < pagination.footnotes.pages.size(); ++p) {
    for (const NoteSlice& slice : pagination.footnotes.pages[p]) {
      EXPECT_EQ(slice.first_line, placed[slice.note]) << "note " << slice.note + 1 << " page " << p + 1;
      placed[slice.note] = slice.end_line;
      if (slice.first_line == 0) first_page[slice.note] = p;
    }
  }
  const std::map<std::string, std::size_t> anchors = anchor_pages(pagination.document);
  for (std::size_t n = 0; n < issue.note_lines.size(); ++n) {
    EXPECT_EQ(placed[n], issue.note_lines[n]) << "note " << n + 1;
    const std::string number = std::to_string(n + 1);
    ASSERT_TRUE(anchors.count("note:" + number)) << number;
    ASSERT_TRUE(anchors.count("note:" + number + ":marker")) << number;
    EXPECT_EQ(anchors.at("note:" + number), anchors.at("note:" + number + ":marker")) << "note " << number;
    EXPECT_EQ(anchors.at("note:" + number), first_page[n]);
  }
}

TEST(Footnotes, ALongNoteGoesOnAtTheNextPagesFoot) {
  // A 50-line note (500pt, two thirds of the body) on line 30 of a 40-line paragraph.
  Issue issue = make_issue({40, 40, 40}, {{0, 30, 50}});
  DiagnosticSink sink;
  const Pagination pagination = paginate_issue(issue, sink);
  EXPECT_EQ(sink.error_count(), 0u);
  testing::expect_matches_golden(NASHR_TEST_DIR "/golden", "footnote_split", dump(pagination));
  ASSERT_GE(pagination.footnotes.pages.size(), 2u);
  ASSERT_EQ(pagination.footnotes.pages[0].size(), 1u);
  ASSERT_EQ(pagination.footnotes.pages[1].size(), 1u);
  EXPECT_FALSE(pagination.footnotes.pages[0][0].continued);
  EXPECT_TRUE(pagination.footnotes.pages[1][0].continued);
  EXPECT_GE(pagination.footnotes.pages[0][0].end_line, 2u);
  expect_notes_with_markers(pagination, issue);
}

TEST(Footnotes, NotesFillingHalfThePageShortenItsText) {
  // Five 7-line notes in one paragraph: about half the body.
  Issue issue = make_issue({20, 60, 40}, {{1, 1, 7}, {1, 3, 7}, {1, 5, 7}, {1, 7, 7}, {1, 9, 7}});
  DiagnosticSink sink;
  const Pagination pagination = paginate_issue(issue, sink);
  testing::expect_matches_golden(NASHR_TEST_DIR "/golden", "footnotes_half_page", dump(pagination));
  const std::vector<NoteSlice>& page_one = pagination.footnotes.pages.at(0);
  ASSERT_EQ(page_one.size(), 5u);
  // The page's text ends where the notes need their room: far above the foot.
  const PlannedPage& planned = pagination.breaks.pages.at(0);
  const double text = planned.lines.back().top + planned.lines.back().height;
  EXPECT_LT(text, planned.body_height * 0.55);
  EXPECT_LE(text + 35 * kNoteLeading, planned.body_height);
  expect_notes_with_markers(pagination, issue);
}

TEST(Footnotes, TheMarkersLineAndItsNoteShareAPageWhateverTheirPlace) {
  for (std::size_t marker = 0; marker < 45; marker += 4) {
    for (std::size_t lines : {1u, 3u, 12u, 40u}) {
      Issue issue = make_issue({50, 45, 30}, {{1, marker, lines}, {2, 3, 2}});
      DiagnosticSink sink;
      const Pagination pagination = paginate_issue(issue, sink);
      SCOPED_TRACE("marker on line " + std::to_string(marker) + ", note of " + std::to_string(lines) + " lines");
      expect_notes_with_markers(pagination, issue);
    }
  }
}

TEST(Footnotes, TheRuleIsShortOnTheStartSideAndLongAboveAContinuation) {
  for (const bool rtl : {false, true}) {
    Issue issue = make_issue({40, 40}, {{0, 30, 50}});
    issue.resolved.rtl = rtl;
    DiagnosticSink sink;
    const Pagination pagination = paginate_issue(issue, sink);
    std::vector<Rule> rules;
    for (const Page& page : pagination.document.pages) {
      for (const PageItem& item : page.items) {
        if (const auto* rule = std::get_if<Rule>(&item)) rules.push_back(*rule);
      }
    }
    ASSERT_EQ(rules.size(), 2u);
    EXPECT_NEAR(rules[0].to.x - rules[0].from.x, 150, 0.01);
    EXPECT_NEAR(rtl ? rules[0].to.x : rules[0].from.x, rtl ? 545.276 : 50, 0.01);
    EXPECT_NEAR(rules[1].to.x - rules[1].from.x, 495.276, 0.01);
  }
}

TEST(Footnotes, AnIssueWithoutNotesBreaksAsBefore) {
  Issue with = make_issue({40, 40, 40}, {});
  DiagnosticSink sink;
  const Pagination pagination = paginate_issue(with, sink);
  std::vector<FlowBlock> flow;
  for (int b = 0; b < 3; ++b) {
    FlowBlock block = FlowBlock::paragraph(std::vector<FlowLine>(40, FlowLine{kBodyLeading, 8.5}));
    block.space_after = 6;
    flow.push_back(block);
  }
  PageBreakParams params;
  params.page_heights = {741.89};
  DiagnosticSink plain_sink;
  EXPECT_EQ(format_page_breaks(pagination.breaks), format_page_breaks(break_pages(flow, params, plain_sink)));
  EXPECT_TRUE(pagination.footnotes.pages.empty());
}

}  // namespace
}  // namespace nashr
