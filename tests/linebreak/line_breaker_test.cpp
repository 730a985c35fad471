#include "linebreak/line_breaker.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "golden.h"

namespace nashr {
namespace {

// A test paragraph in a monospace world: every character is 1 unit wide.
struct TestParagraph {
  std::vector<BreakItem> items;
  std::vector<std::string> labels;  // box labels, parallel to items

  void add(BreakItem item, std::string label = {}) {
    items.push_back(item);
    labels.push_back(std::move(label));
  }
};

struct Space {
  double width = 2;
  double stretch = 1;
  double shrink = 1;
  double kashida = 0;  // kashida stretch carried by each inter-word glue
};

// Words separated by ' '. Inside a word, '-' is a hyphenation point (flagged penalty, width 1,
// cost 50) and '~' a kashida opportunity (non-breaking glue of `kashida_max`). A word "|" is a
// forced break.
TestParagraph words(std::string_view text, Space space = {}, double kashida_max = 0) {
  TestParagraph p;
  bool first = true;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t next = text.find(' ', pos);
    if (next == std::string_view::npos) next = text.size();
    const std::string_view word = text.substr(pos, next - pos);
    pos = next + 1;
    if (word.empty()) continue;
    if (word == "|") {
      p.add(BreakItem::forced_break());
      first = true;
      continue;
    }
    if (!first) p.add(BreakItem::glue(space.width, space.stretch, space.shrink, space.kashida));
    first = false;
    std::string piece;
    for (const char c : word) {
      if (c == '-' || c == '~') {
        p.add(BreakItem::box(static_cast<double>(piece.size())), piece);
        piece.clear();
        p.add(c == '-' ? BreakItem::penalty(1, 50, true) : BreakItem::kashida(kashida_max));
      } else {
        piece += c;
      }
    }
    p.add(BreakItem::box(static_cast<double>(piece.size())), piece);
  }
  return p;
}

LineBreakParams width(double w) {
  LineBreakParams params;
  params.line_widths = {w};
  return params;
}

std::vector<std::string> texts_of(const TestParagraph& p, const LineBreaks& result) {
  std::vector<std::string> texts;
  for (const BrokenLine& line : result.lines) {
    std::string text;
    for (std::size_t i = line.begin; i < line.end; ++i) {
      if (p.items[i].kind == BreakItemKind::box) text += p.labels[i];
      if (p.items[i].kind == BreakItemKind::glue && p.items[i].breakable) text += ' ';
    }
    if (line.penalty_width > 0) text += '-';
    texts.push_back(text);
  }
  return texts;
}

void expect_golden(const std::string& name, const TestParagraph& p, const LineBreaks& result) {
  testing::expect_matches_golden(NASHR_TEST_DIR "/golden", name,
                                 format_line_breaks(p.items, result, p.labels));
}

// Verified by hand (space 2 +1 -1, width 12):
//   first-fit:  "a bb ccc d" (13, shrink 3, r=-1/3) / "eee fffff" (10, stretch 1, r=2, badness 800) / "gggg"
//   total-fit:  "a bb ccc" (10, stretch 2, r=1, badness 100, loose)
//               / "d eee fffff" (13, shrink 2, r=-0.5, badness 12.5, decent) / "gggg" (fill, badness 0)
//   demerits (10+100)² + (10+12.5)² + (10+0)² = 12100 + 506.25 + 100 = 12706.25.
TEST(LineBreaker, TotalFitBeatsFirstFit) {
  const TestParagraph p = words("a bb ccc d eee fffff gggg");
  const LineBreakParams params = width(12);

  const LineBreaks first = compute_first_fit_breaks(p.items, params);
  EXPECT_EQ(texts_of(p, first), (std::vector<std::string>{"a bb ccc d", "eee fffff", "gggg"}));
  EXPECT_NEAR(first.lines[1].adjustment_ratio, 2.0, 1e-12);
  EXPECT_NEAR(first.lines[1].badness, 800.0, 1e-9);
  EXPECT_TRUE(first.lines[1].underfull);

  const LineBreaks best = compute_line_breaks(p.items, params);
  EXPECT_EQ(best.method, BreakMethod::total_fit);
  EXPECT_EQ(texts_of(p, best), (std::vector<std::string>{"a bb ccc", "d eee fffff", "gggg"}));
  ASSERT_EQ(best.lines.size(), 3u);
  EXPECT_NEAR(best.lines[0].adjustment_ratio, 1.0, 1e-12);
  EXPECT_NEAR(best.lines[0].badness, 100.0, 1e-9);
  EXPECT_EQ(best.lines[0].fitness, FitnessClass::loose);
  EXPECT_NEAR(best.lines[1].adjustment_ratio, -0.5, 1e-12);
  EXPECT_NEAR(best.lines[1].badness, 12.5, 1e-9);
  EXPECT_EQ(best.lines[1].fitness, FitnessClass::decent);
  EXPECT_NEAR(best.lines[2].badness, 0.0, 1e-12);
  EXPECT_NEAR(best.lines[2].fill_width, 8.0, 1e-12);
  EXPECT_NEAR(best.total_demerits, 12706.25, 1e-9);
  EXPECT_LT(best.total_demerits, first.total_demerits);

  expect_golden("total_fit_vs_first_fit", p, best);
  expect_golden("first_fit", p, first);
}

TEST(LineBreaker, JustifiedLinesFillTheirWidthExactly) {
  const TestParagraph p = words("a bb ccc d eee fffff gggg");
  const LineBreaks result = compute_line_breaks(p.items, width(12));
  // Line 1: two spaces stretched by 1 each; line 2: two spaces shrunk by 0.5 each.
  const JustifiedLine first = justify_line(p.items, result.lines[0]);
  ASSERT_EQ(first.glue.size(), 2u);
  EXPECT_DOUBLE_EQ(first.glue[0].width, 3);
  EXPECT_DOUBLE_EQ(first.glue[1].width, 3);
  EXPECT_DOUBLE_EQ(first.width, 12);
  const JustifiedLine second = justify_line(p.items, result.lines[1]);
  ASSERT_EQ(second.glue.size(), 2u);
  EXPECT_DOUBLE_EQ(second.glue[0].width, 1.5);
  EXPECT_DOUBLE_EQ(second.width, 12);
  // The last line keeps natural spaces: "gggg" alone, flush start.
  const JustifiedLine last = justify_line(p.items, result.lines[2]);
  EXPECT_TRUE(last.glue.empty());
  EXPECT_DOUBLE_EQ(last.width, 4);
  EXPECT_DOUBLE_EQ(last.start_offset, 0);
}

TEST(LineBreaker, EmptyParagraphHasNoLines) {
  const LineBreaks none = compute_line_breaks({}, width(10));
  EXPECT_EQ(none.method, BreakMethod::empty);
  EXPECT_TRUE(none.lines.empty());
  // Only discardable items: still nothing to set.
  const std::vector<BreakItem> glue_only{BreakItem::glue(2, 1, 1), BreakItem::forced_break()};
  EXPECT_TRUE(compute_line_breaks(glue_only, width(10)).lines.empty());
}

TEST(LineBreaker, OneWordIsOneRaggedLine) {
  const TestParagraph p = words("word");
  const LineBreaks result = compute_line_breaks(p.items, width(10));
  ASSERT_EQ(result.lines.size(), 1u);
  const BrokenLine& line = result.lines[0];
  EXPECT_EQ(line.begin, 0u);
  EXPECT_EQ(line.end, 1u);
  EXPECT_EQ(line.break_at, 1u);
  EXPECT_DOUBLE_EQ(line.natural_width, 4);
  EXPECT_DOUBLE_EQ(line.fill_width, 6);
  EXPECT_DOUBLE_EQ(line.badness, 0);
  EXPECT_DOUBLE_EQ(result.total_demerits, 100);  // (line_penalty + 0)²
}

TEST(LineBreaker, TrailingGlueIsDropped) {
  TestParagraph p = words("aa bb");
  p.add(BreakItem::glue(2, 1, 1));
  const LineBreaks result = compute_line_breaks(p.items, width(20));
  ASSERT_EQ(result.lines.size(), 1u);
  EXPECT_EQ(result.lines[0].end, 3u);
  EXPECT_DOUBLE_EQ(result.lines[0].natural_width, 6);
}

// Issue 17: lone_word_last_line_demerits keeps a single word off the last line where another
// feasible set of breaks exists, and never puts one there.
TEST(LineBreaker, LoneWordLastLineIsAvoided) {
  const TestParagraph p = words("aaaa bb ccc dd eeee f gg hhh ii jjjjj kk lll");
  int avoided = 0;
  for (double w = 8; w <= 30; w += 1) {
    LineBreakParams params = width(w);
    const LineBreaks plain = compute_line_breaks(p.items, params);
    params.lone_word_last_line_demerits = 10000;
    const LineBreaks penalised = compute_line_breaks(p.items, params);
    const auto lone = [&](const LineBreaks& result) {
      const std::vector<std::string> lines = texts_of(p, result);
      return lines.size() > 1 && lines.back().find(' ') == std::string::npos;
    };
    EXPECT_FALSE(lone(penalised) && !lone(plain)) << "width " << w;
    avoided += lone(plain) && !lone(penalised);
  }
  EXPECT_GT(avoided, 0) << "no width gave a lone last word: the test proves nothing";
}

TEST(LineBreaker, ForcedBreaksEndLinesAndCollapse) {
  // A forced break mid-paragraph ends the line; the line before it is a justified line unless the
  // caller puts fill glue before the break (a manual line break).
  TestParagraph p = words("aaa bb | cc dd | | ee");
  LineBreaks result = compute_line_breaks(p.items, width(6));
  EXPECT_EQ(texts_of(p, result), (std::vector<std::string>{"aaa bb", "cc dd", "ee"}));
  EXPECT_TRUE(result.lines[0].final_fill == false);
  EXPECT_DOUBLE_EQ(result.lines[0].space_ratio, -1);  // 7 into 6: the one space shrinks fully

  // With fill glue before each break, the short lines stay natural.
  TestParagraph q;
  q.add(BreakItem::box(2), "xx");
  q.add(BreakItem::fill());
  q.add(BreakItem::forced_break());
  q.add(BreakItem::box(3), "yyy");
  q.add(BreakItem::forced_break());  // at the very end: no empty last line
  result = compute_line_breaks(q.items, width(10));
  ASSERT_EQ(result.lines.size(), 2u);
  EXPECT_DOUBLE_EQ(result.lines[0].fill_width, 8);
  EXPECT_EQ(result.lines[0].break_at, 2u);
  EXPECT_DOUBLE_EQ(result.lines[0].badness, 0);
  EXPECT_EQ(result.lines[1].begin, 3u);
  EXPECT_EQ(result.lines[1].end, 4u);
  const JustifiedLine first = justify_line(q.items, result.lines[0]);
  ASSERT_EQ(first.glue.size(), 1u);
  EXPECT_DOUBLE_EQ(first.glue[0].width, 8);
  expect_golden("forced_breaks", p, compute_line_breaks(p.items, width(6)));
}

TEST(LineBreaker, SecondPassWhenNothingFitsTheTolerance) {
  // Width 14, words of 5: two words make 12 (r = 2, badness 800 > 200) and three make 19 (overfull),
  // so no first-pass solution exists; the retry accepts the loose lines.
  const TestParagraph p = words("aaaaa bbbbb ccccc ddddd eeeee");
  const LineBreaks result = compute_line_breaks(p.items, width(14));
  EXPECT_EQ(result.method, BreakMethod::total_fit_retry);
  EXPECT_EQ(texts_of(p, result), (std::vector<std::string>{"aaaaa bbbbb", "ccccc ddddd", "eeeee"}));
  EXPECT_TRUE(result.lines[0].underfull);
  EXPECT_NEAR(result.lines[0].badness, 800, 1e-9);
  EXPECT_FALSE(result.lines[2].underfull);
  expect_golden("retry_pass", p, result);
}

TEST(LineBreaker, OverlongBoxFallsBackToFirstFitAndIsReported) {
  const TestParagraph p = words("aa bbbbbbbbbbbbbbbbbb cc dd");
  const LineBreaks result = compute_line_breaks(p.items, width(10));
  EXPECT_EQ(result.method, BreakMethod::first_fit);
  EXPECT_EQ(texts_of(p, result), (std::vector<std::string>{"aa", "bbbbbbbbbbbbbbbbbb", "cc dd"}));
  EXPECT_TRUE(result.lines[1].overfull);
  EXPECT_FALSE(result.lines[0].overfull);
  ASSERT_EQ(result.overlong_boxes.size(), 1u);
  EXPECT_EQ(result.overlong_boxes[0].item, 2u);
  EXPECT_DOUBLE_EQ(result.overlong_boxes[0].width, 18);
  EXPECT_DOUBLE_EQ(result.overlong_boxes[0].available, 10);
  expect_golden("overlong_box", p, result);

  // The caller's last resort: split the box into pieces with a break between and break again.
  TestParagraph split = words("aa bbbbbbbbb-bbbbbbbbb cc dd");
  const LineBreaks again = compute_line_breaks(split.items, width(10));
  EXPECT_NE(again.method, BreakMethod::first_fit);
  EXPECT_TRUE(again.overlong_boxes.empty());
  for (const BrokenLine& line : again.lines) EXPECT_FALSE(line.overfull);
}

TEST(LineBreaker, VariableLineWidthsLastOneRepeats) {
  // A narrow first line (as beside a drop cap or a list marker), then full lines.
  const TestParagraph p = words("aa bb cc dd ee ff gg hh ii");
  LineBreakParams params;
  params.line_widths = {6, 11};
  const LineBreaks result = compute_line_breaks(p.items, params);
  ASSERT_GE(result.lines.size(), 3u);
  EXPECT_DOUBLE_EQ(result.lines[0].target_width, 6);
  for (std::size_t i = 1; i < result.lines.size(); ++i) EXPECT_DOUBLE_EQ(result.lines[i].target_width, 11);
  EXPECT_EQ(texts_of(p, result)[0], "aa bb");
  for (const BrokenLine& line : result.lines) EXPECT_FALSE(line.overfull);
  EXPECT_DOUBLE_EQ(line_width_at(params, 0), 6);
  EXPECT_DOUBLE_EQ(line_width_at(params, 7), 11);
  expect_golden("variable_widths", p, result);
}

TEST(LineBreaker, RaggedAlignmentsKeepNaturalSpacesAndOffsetTheLine) {
  const TestParagraph p = words("aa bb ccc dd eeee f gg");
  for (const Alignment alignment : {Alignment::start, Alignment::end, Alignment::center}) {
    LineBreakParams params = width(10);
    params.alignment = alignment;
    const LineBreaks result = compute_line_breaks(p.items, params);
    ASSERT_FALSE(result.lines.empty());
    for (const BrokenLine& line : result.lines) {
      EXPECT_LE(line.natural_width, 10);
      const double free = 10 - line.natural_width;
      const double expected = alignment == Alignment::start ? 0
                              : alignment == Alignment::end ? free
                                                                : free / 2;
      EXPECT_DOUBLE_EQ(line.start_offset, expected);
      const JustifiedLine set = justify_line(p.items, line);
      EXPECT_DOUBLE_EQ(set.width, line.natural_width);
      for (const JustifiedGlue& g : set.glue) EXPECT_DOUBLE_EQ(g.width, 2);
    }
  }
  // With a ragged stretch of 4 units (40 %) every line is within the first pass's tolerance:
  // "aa bb" (free 4, r = 1) / "ccc dd" (free 3) / "eeee f" (free 3) / "gg" ("eeee f gg" is 11).
  LineBreakParams params = width(10);
  params.alignment = Alignment::end;
  params.ragged_stretch_fraction = 0.4;
  const LineBreaks ragged = compute_line_breaks(p.items, params);
  EXPECT_EQ(ragged.method, BreakMethod::total_fit);
  EXPECT_LE(ragged.total_demerits, compute_first_fit_breaks(p.items, params).total_demerits);
  expect_golden("ragged_end", p, ragged);
}

TEST(LineBreaker, KashidaStretchesOnceSpacesReachAQuarterOfTheirWidth) {
  // "aa bb cc" in 12: natural 10 (two spaces of 2), shortfall 2. Space stretch 0.5 each = 1;
  // kashida 1 per word join (two joins) = 2. Spaces take half their stretch (ratio 0.5: 1.25× their
  // width), kashida the other 1.5 (ratio 0.75).
  Space space{2, 0.5, 0.5};
  const TestParagraph p = words("a~a bb c~c", space, 1);
  LineBreakParams params = width(12);
  params.ragged_last_line = false;  // justify the (only) line
  const LineBreaks result = compute_line_breaks(p.items, params);
  ASSERT_EQ(result.lines.size(), 1u);
  const BrokenLine& line = result.lines[0];
  EXPECT_DOUBLE_EQ(line.shortfall, 2);
  EXPECT_DOUBLE_EQ(line.adjustment_ratio, 2.0 / 3.0);  // rated against space + kashida stretch
  EXPECT_DOUBLE_EQ(line.space_ratio, 0.5);
  EXPECT_DOUBLE_EQ(line.kashida_ratio, 0.75);
  EXPECT_DOUBLE_EQ(line.kashida_width, 1.5);
  JustifiedLine set = justify_line(p.items, line);
  EXPECT_DOUBLE_EQ(set.width, 12);
  double kashida = 0;
  for (const JustifiedGlue& g : set.glue) kashida += g.kashida;
  EXPECT_DOUBLE_EQ(kashida, 1.5);

  // A smaller shortfall stays in the spaces.
  params.line_widths = {10.5};
  const LineBreaks small = compute_line_breaks(p.items, params);
  EXPECT_DOUBLE_EQ(small.lines[0].space_ratio, 0.5);
  EXPECT_DOUBLE_EQ(small.lines[0].kashida_width, 0);

  // When the caller could insert only part of the kashida, the rest goes back to the spaces.
  set = justify_line(p.items, line, 0.25);
  EXPECT_DOUBLE_EQ(set.width, 12);
  kashida = 0;
  for (const JustifiedGlue& g : set.glue) kashida += g.kashida;
  EXPECT_DOUBLE_EQ(kashida, 0.25);
  ASSERT_EQ(set.glue.size(), 4u);  // kashida, space, space, kashida
  EXPECT_DOUBLE_EQ(set.glue[0].kashida, 0.125);
  EXPECT_DOUBLE_EQ(set.glue[1].width, 2 + 0.5 * 1.75);
  expect_golden("kashida", p, result);
}

TEST(LineBreaker, KashidaBeyondTheShortfallShrinksTheSpaces) {
  // "a~a bb c~c" in 12: shortfall 2, spaces stretch 1 in all and shrink 0.5, kashida up to 4.
  // Whole tatweels may come to more than the line needs (2.5 here): the excess 0.5 comes out of
  // the spaces at their shrink (ratio -1), and the line still fills its width.
  const TestParagraph p = words("a~a bb c~c", Space{2, 0.5, 0.25}, 2);
  LineBreakParams params = width(12);
  params.ragged_last_line = false;
  const LineBreaks result = compute_line_breaks(p.items, params);
  ASSERT_EQ(result.lines.size(), 1u);
  const JustifiedLine set = justify_line(p.items, result.lines[0], 2.5);
  EXPECT_DOUBLE_EQ(set.width, 12);
  ASSERT_EQ(set.glue.size(), 4u);
  EXPECT_DOUBLE_EQ(set.glue[1].width, 2 - 0.25);
  EXPECT_DOUBLE_EQ(set.glue[0].kashida + set.glue[3].kashida, 2.5);
}

TEST(LineBreaker, KashidaGlueIsNeverABreak) {
  // One long word made of joins: it cannot break at its kashida glue even though it is too wide.
  TestParagraph p = words("aaa~bbb~ccc dd", Space{}, 1);
  const LineBreaks result = compute_line_breaks(p.items, width(8));
  ASSERT_EQ(result.lines.size(), 2u);
  EXPECT_EQ(result.lines[0].end, 5u);  // the whole word, overfull
  EXPECT_TRUE(result.lines[0].overfull);
  EXPECT_EQ(result.overlong_boxes.size(), 0u);  // no single box is wider than the line
}

TEST(LineBreaker, HyphenBreakAddsItsWidth) {
  const TestParagraph p = words("aaa bbb-ccc ddd");
  const LineBreaks result = compute_line_breaks(p.items, width(9));
  EXPECT_EQ(texts_of(p, result), (std::vector<std::string>{"aaa bbb-", "ccc ddd"}));
  EXPECT_DOUBLE_EQ(result.lines[0].penalty_width, 1);
  EXPECT_TRUE(result.lines[0].flagged);
  EXPECT_DOUBLE_EQ(result.lines[0].natural_width, 9);
  // (10 + 0)² + 50² for the hyphen + final-flagged demerits on the last line (10 + 0)² + 5000.
  EXPECT_DOUBLE_EQ(result.total_demerits, 100 + 2500 + 100 + 5000);
}

// ---- an exhaustive oracle ----------------------------------------------------------------------
// For small random paragraphs, every subset of legal breaks is tried with the cost model written
// out again independently; the breaker's total-fit demerits must equal the minimum.

struct OracleLine {
  bool feasible = false;
  double badness = 0;
  double ratio = 0;
};

OracleLine oracle_line(const std::vector<BreakItem>& items, std::size_t from, std::size_t to, bool last,
                       double target) {
  double width = 0, stretch = 0, shrink = 0;
  for (std::size_t i = from; i < to; ++i) {
    if (items[i].kind == BreakItemKind::penalty) continue;
    width += items[i].width;
    stretch += items[i].stretch;
    shrink += items[i].shrink;
  }
  if (to < items.size() && items[to].kind == BreakItemKind::penalty) width += items[to].width;
  OracleLine line;
  const double s = target - width;
  if (s > 0 && last) return {true, 0, 0};
  if (s > 0) {
    line.ratio = stretch > 0 ? s / stretch : 1e9;
  } else if (s < 0) {
    if (shrink == 0 || s / shrink < -1) return line;
    line.ratio = s / shrink;
  }
  line.feasible = true;
  line.badness = std::min(10000.0, 100 * std::pow(std::abs(line.ratio), 3));
  return line;
}

int oracle_fitness(double r) {
  return r < -0.5 ? 0 : r <= 0.5 ? 1 : r <= 1 ? 2 : 3;
}

double oracle_minimum(const std::vector<BreakItem>& items, const std::vector<double>& widths,
                      double tolerance) {
  std::vector<std::size_t> legal;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if ((items[i].kind == BreakItemKind::glue && i > 0 && items[i - 1].kind == BreakItemKind::box) ||
        (items[i].kind == BreakItemKind::penalty && items[i].cost < 10000)) {
      legal.push_back(i);
    }
  }
  double best = std::numeric_limits<double>::infinity();
  for (unsigned long mask = 0; mask < (1ul << legal.size()); ++mask) {
    std::vector<std::size_t> breaks;
    for (std::size_t k = 0; k < legal.size(); ++k)
      if (mask & (1ul << k)) breaks.push_back(legal[k]);
    breaks.push_back(items.size());
    std::size_t from = 0;
    double total = 0;
    int previous_fitness = 1;
    bool previous_flagged = false;
    bool ok = true;
    for (std::size_t index = 0; index < breaks.size(); ++index) {
      const std::size_t b = breaks[index];
      const double target = widths[std::min(index, widths.size() - 1)];
      if (from >= b) {
        ok = false;
        break;
      }
      const bool last = b == items.size();
      const OracleLine line = oracle_line(items, from, b, last, target);
      if (!line.feasible || line.badness > tolerance) {
        ok = false;
        break;
      }
      const int fitness = oracle_fitness(line.ratio);  // a last line that shrinks can be tight
      const bool flagged = !last && items[b].kind == BreakItemKind::penalty && items[b].flagged;
      const double cost = !last && items[b].kind == BreakItemKind::penalty ? items[b].cost : 0;
      double d = (10 + line.badness) * (10 + line.badness) + (cost >= 0 ? cost * cost : -cost * cost);
      if (flagged && previous_flagged) d += 10000;
      if (last && previous_flagged) d += 5000;
      if (std::abs(fitness - previous_fitness) > 1) d += 10000;
      total += d;
      previous_fitness = fitness;
      previous_flagged = flagged;
      from = b + 1;
      while (from < items.size() && items[from].kind != BreakItemKind::box) ++from;
    }
    if (ok) best = std::min(best, total);
  }
  return best;
}

TEST(LineBreaker, TotalFitMatchesExhaustiveSearch) {
  std::mt19937 random(20261128);
  int solved = 0;
  for (int trial = 0; trial < 300; ++trial) {
    std::string text;
    const int count = std::uniform_int_distribution<int>(3, 9)(random);
    for (int w = 0; w < count; ++w) {
      const int length = std::uniform_int_distribution<int>(1, 7)(random);
      const char letter = static_cast<char>('a' + w);
      const bool hyphen = length >= 4 && random() % 3 == 0;
      if (!text.empty()) text.push_back(' ');
      for (int c = 0; c < length; ++c) {
        if (hyphen && c == 2) text.push_back('-');
        text.push_back(letter);
      }
    }
    // Some word ends get a penalty before their space: encouraged (negative cost) or discouraged.
    const TestParagraph plain = words(text);
    TestParagraph p;
    for (std::size_t i = 0; i < plain.items.size(); ++i) {
      p.add(plain.items[i], plain.labels[i]);
      const bool word_end = plain.items[i].kind == BreakItemKind::box && i + 1 < plain.items.size() &&
                            plain.items[i + 1].kind == BreakItemKind::glue;
      if (word_end && random() % 4 == 0) {
        static constexpr double kCosts[] = {-300, -50, 0, 150};
        p.add(BreakItem::penalty(0, kCosts[random() % 4]));
      }
    }
    const double target = std::uniform_int_distribution<int>(7, 18)(random);
    // Every third trial has a narrower (or wider) first and second line.
    LineBreakParams params = width(target);
    if (trial % 3 == 0) {
      params.line_widths = {target - 3, target + 2, target};
    }
    const double expected = oracle_minimum(p.items, params.line_widths, 200);
    const LineBreaks result = compute_line_breaks(p.items, params);
    if (std::isinf(expected)) {
      EXPECT_NE(result.method, BreakMethod::total_fit) << text << " in " << target;
      continue;
    }
    ++solved;
    EXPECT_EQ(result.method, BreakMethod::total_fit) << text << " in " << target;
    const LineBreaks greedy = compute_first_fit_breaks(p.items, params);
    EXPECT_LE(result.total_demerits, greedy.total_demerits + 1e-9) << text << " in " << target;
    EXPECT_NEAR(result.total_demerits, expected, 1e-6 * std::max(1.0, std::abs(expected)))
        << text << " in " << target;
    for (const BrokenLine& line : result.lines) {
      if (line.final_fill) continue;
      EXPECT_NEAR(justify_line(p.items, line).width, line.target_width, 1e-9) << text << " in " << target;
    }
  }
  EXPECT_GT(solved, 100);  // the trials must exercise the optimiser, not only the fallbacks
}

// With a single line width the pass takes shortcuts (it stops rating active nodes at the first
// line too short to be feasible, and finds candidates by fitness class alone). A width repeated
// twice means the same lines but the general path: both must break every paragraph alike, with
// and without kashida, fill, forced breaks, hyphens and the negative widths that turn the first
// shortcut off.
TEST(LineBreaker, OneWidthShortcutsChangeNoBreak) {
  std::mt19937 random(611);
  const auto uniform = [&](double low, double high) {
    return std::uniform_real_distribution<double>(low, high)(random);
  };
  int multi_line = 0, retried = 0;
  for (int trial = 0; trial < 3000; ++trial) {
    std::vector<BreakItem> items;
    const int count = std::uniform_int_distribution<int>(5, 150)(random);
    const bool negative = trial % 7 == 0;
    for (int i = 0; i < count; ++i) {
      const unsigned kind = random() % 20;
      if (kind < 10) {
        items.push_back(BreakItem::box(uniform(negative ? -4 : 0, 40)));
      } else if (kind < 16) {
        const double space = uniform(1, 5);
        BreakItem glue = BreakItem::glue(space, space / 2, space / 3, random() % 3 == 0 ? uniform(0, 8) : 0);
        glue.breakable = random() % 8 != 0;
        items.push_back(glue);
      } else if (kind < 17) {
        items.push_back(BreakItem::kashida(uniform(0, 8)));
      } else if (kind < 18) {
        items.push_back(BreakItem::fill());
        items.push_back(BreakItem::forced_break());
      } else {
        items.push_back(BreakItem::penalty(random() % 2 == 0 ? 3 : 0,
                                           std::uniform_int_distribution<int>(-50, 150)(random),
                                           random() % 2 == 0));
      }
    }
    LineBreakParams one;
    one.line_widths = {uniform(40, 340)};
    one.alignment = static_cast<Alignment>(random() % 4);
    LineBreakParams repeated = one;
    repeated.line_widths = {one.line_widths[0], one.line_widths[0]};
    const LineBreaks a = compute_line_breaks(items, one);
    const LineBreaks b = compute_line_breaks(items, repeated);
    ASSERT_EQ(format_line_breaks(items, a), format_line_breaks(items, b)) << "trial " << trial;
    multi_line += a.lines.size() > 2;
    retried += a.method == BreakMethod::total_fit_retry;
  }
  EXPECT_GT(multi_line, 1000);
  EXPECT_GT(retried, 100);
}

TEST(LineBreaker, FormatsNamesAndUnlabelledBoxes) {
  EXPECT_STREQ(to_string(BreakMethod::total_fit_retry), "total-fit-retry");
  EXPECT_STREQ(to_string(FitnessClass::very_loose), "very-loose");
  const std::vector<BreakItem> items{BreakItem::box(3.5), BreakItem::glue(1, 1, 0), BreakItem::box(2)};
  const std::string dump = format_line_breaks(items, compute_line_breaks(items, width(10)));
  EXPECT_NE(dump.find("|[3.50] [2.00]|"), std::string::npos) << dump;
}

}  // namespace
}  // namespace nashr
