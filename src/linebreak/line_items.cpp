// The paragraph as Knuth–Plass items (LineSetter::analyse, find_words, choose_kashida, build_items):
// per-unit tables from the shaped runs, the words and their kashida joins, boxes, glue and penalties.
#include <algorithm>
#include <cstdio>

#include "fonts/font_db.h"
#include "linebreak/line_setter.h"

namespace nashr::line_setting {

void LineSetter::analyse() {
  const auto n = static_cast<std::uint32_t>(text_.size());
  run_of_.assign(n, 0);
  for (std::uint32_t r = 0; r < itemized_.runs.size(); ++r) {
    const std::uint32_t begin = std::min(itemized_.runs[r].begin, n),
                        end = std::min(itemized_.runs[r].end, n);
    if (begin < end) std::fill(run_of_.begin() + begin, run_of_.begin() + end, r);
  }
  // width_before_[i + 1] first sums the widths of cluster i, then the prefix sums are taken in place.
  width_before_.assign(n + 1, 0);
  cluster_start_.assign(n + 1, 0);
  unsafe_.assign(n + 1, 0);
  first_glyph_.assign(n + 1, 0);
  last_glyph_.assign(n + 1, 0);
  glue_slot_.assign(n + 1, -1);
  for (const ShapedRun& run : shaped_.runs) {
    for (std::uint32_t g = 0; g < run.glyphs.size(); ++g) {
      const ShapedGlyph& glyph = run.glyphs[g];
      if (glyph.cluster >= n) continue;
      width_before_[glyph.cluster + 1] += points(glyph.x_advance, run.run);
      if (!cluster_start_[glyph.cluster]) first_glyph_[glyph.cluster] = g;
      last_glyph_[glyph.cluster] = g;
      cluster_start_[glyph.cluster] = 1;
      if (glyph.unsafe_to_break) unsafe_[glyph.cluster] = 1;
    }
  }
  for (std::uint32_t i = 0; i < n; ++i) width_before_[i + 1] = width_before_[i] + width_before_[i + 1];
  space_.assign(n, 0);
  for (const std::uint32_t position : itemized_.spaces) {
    if (position < n) space_[position] = 1;
  }
  opportunity_.assign(n + 1, 0);
  for (const BreakOpportunity& opportunity : itemized_.breaks) {
    if (opportunity.position <= n) opportunity_[opportunity.position] = opportunity.hard ? 2 : 1;
  }
  run_tatweel_width_.assign(itemized_.runs.size(), 0);
  run_takes_kashida_.assign(itemized_.runs.size(), false);
  for (std::size_t r = 0; r < itemized_.runs.size(); ++r) {
    const TextRun& run = itemized_.runs[r];
    run_tatweel_width_[r] = tatweel_width(run);
    run_takes_kashida_[r] = run.script == "Arab" && run.rtl() && run_tatweel_width_[r] > 0;
  }
}

void LineSetter::find_words() {
  const auto n = static_cast<std::uint32_t>(text_.size());
  words_.clear();
  constexpr std::uint32_t kNone = UINT32_MAX;
  std::uint32_t open = kNone;  // start of the word being read
  const auto close = [&](std::uint32_t at) {
    if (open != kNone && open < at) words_.push_back({open, at, 0, 0, 0, false, 0, 0});
    open = kNone;
  };
  for (std::uint32_t i = 0; i < n; ++i) {
    if (opportunity_[i] != 0) close(i);
    if (space_[i] || is_hard_break(text_[i])) {
      close(i);
      continue;
    }
    if (open == kNone) open = i;
  }
  close(n);
  if (settings_.kashida) {
    for (Word& word : words_) choose_kashida(word);
  }
  find_hyphens();
}

double LineSetter::tatweel_width(const TextRun& run) const {
  if (run.font == nullptr) return 0;
  const std::uint32_t glyph = run.font->glyph_for(kTatweel);
  return glyph == 0 ? 0 : points(run.font->advance(glyph), run);
}

// The join of a word that takes its kashida, by the priority classes of PERSIAN.md (Uniscribe's
// Arabic justification classes), lowest first: 0 after a tatweel the author typed, 1 after
// seen/sad, 2 before a final heh or teh marbuta, 3 before a final alef, tah, lam, kaf or gaf, 4
// before reh or zain, 5 between a medial beh-like letter and reh, 6 between beh-like letters, 7 any
// other join. A join is between two letters of one Arabic run, the first dual-joining (or a
// tatweel), the second joining back, not lam-alef, not inside a ligature; none in a word of fewer
// than three letters (the join would sit at the word's end), with a combining mark (harakat, hamza
// above), in «الله» (lam lam heh) or with U+FDF2, nor across ZWNJ (no join there). Of the joins of
// the best class, the last in the word wins; one join per word.
void LineSetter::choose_kashida(Word& word) const {
  std::uint32_t best = 0, letters = 0;
  int best_class = kKashidaClasses;
  LetterProperties before;
  for (std::uint32_t j = word.begin; j < word.end; ++j) {
    const char16_t c = text_[j];
    const LetterProperties letter = letter_properties(c);
    if (letter.combining_mark() || itemized_.inserted[j] || c == 0xFDF2) return;
    if (j + 2 < word.end && c == 0x0644 && text_[j + 1] == 0x0644 && text_[j + 2] == 0x0647) return;
    if (letter.joins_back()) ++letters;  // the letters of Arabic script (not digits or punctuation)
    if (j > word.begin && kashida_fits_join(j, before, letter)) {
      const int join_class = kashida_class(j, word.end, text_[j - 1], before, letter);
      if (join_class <= best_class) {
        best = j;
        best_class = join_class;
      }
    }
    before = letter;
  }
  if (best == 0 || letters < 3) return;
  word.join = best;
  word.kashida_class = best_class;
  word.kashida_max = kKashidaMaxTatweels * run_tatweel_width_[run_of_[word.join]];
}

// The priority class of the join before text[j] (see choose_kashida).
int LineSetter::kashida_class(std::uint32_t j, std::uint32_t word_end, char16_t before_char, LetterProperties before,
                              LetterProperties after) const {
  using Group = LetterProperties::Group;
  // `after` takes its final form: it joins nothing after it (right-joining, the word's last letter,
  // or a ZWNJ or non-joining character next).
  const bool final = after.right_joining() || j + 1 >= word_end || !letter_properties(text_[j + 1]).joins_back();
  if (before_char == kTatweel) return 0;
  if (before.seen_or_sad()) return 1;
  if (final && after.group() == Group::heh) return 2;
  if (final && (after.alef() || after.lam() || after.group() == Group::tah || after.group() == Group::kaf)) return 3;
  if (after.group() == Group::reh) return before.group() == Group::beh_like ? 5 : 4;
  if (before.group() == Group::beh_like && after.group() == Group::beh_like) return 6;
  return 7;
}

// Whether the join between text[j - 1] (`before`) and text[j] (`after`) may take a kashida.
bool LineSetter::kashida_fits_join(std::uint32_t j, LetterProperties before, LetterProperties after) const {
  if (!(before.dual_joining() || text_[j - 1] == kTatweel) || !after.joins_back()) return false;
  if (before.lam() && after.alef()) return false;  // it would break the lam-alef ligature
  if (run_of_[j - 1] != run_of_[j] || !cluster_start_[j] || !cluster_start_[j - 1]) return false;
  return run_takes_kashida_[run_of_[j]];
}

void LineSetter::build_items() {
  items_.clear();
  sources_.clear();
  // A word is one box (three with kashida); each space, break or hard break adds one or two items.
  const std::size_t expected = 3 * words_.size() + itemized_.spaces.size() + itemized_.breaks.size() + 2;
  items_.reserve(expected);
  sources_.reserve(expected);
  const auto push = [this](const BreakItem& item, const ItemSource& source) { push_item(item, source); };
  if (settings_.first_line_indent > 0) push(BreakItem::box(settings_.first_line_indent), {Role::indent});
  const auto n = static_cast<std::uint32_t>(text_.size());
  std::size_t next_word = 0;
  bool after_word = false;
  for (std::uint32_t i = 0; i < n;) {
    if (next_word < words_.size() && words_[next_word].begin == i) {
      const Word& word = words_[next_word];
      const int w = static_cast<int>(next_word);
      if (after_word) {
        // Two words with no space between: ICU's break opportunity (after a hyphen, a slash, ...).
        const char16_t before = text_[i - 1];
        const bool hyphen = before == u'-' || before == 0x2010;
        push(BreakItem::penalty(0, hyphen ? kHyphenBreakCost : 0, hyphen), {Role::opportunity, i, i, w});
      }
      if (word.split) {
        std::uint32_t piece = word.begin;
        for (std::uint32_t p = word.begin + 1; p <= word.end; ++p) {
          // Cluster boundaries, but never before a ZWNJ or ZWJ: it belongs to the letters before it.
          const bool joiner = p < word.end && (text_[p] == 0x200C || text_[p] == 0x200D);
          const bool boundary =
              p == word.end ||
              (!joiner && ((cluster_start_[p] && !itemized_.inserted[p]) || run_of_[p] != run_of_[p - 1]));
          if (!boundary) continue;
          if (piece != word.begin) {
            push(BreakItem::penalty(0, kOverlongBreakCost), {Role::opportunity, piece, piece, w});
          }
          push(BreakItem::box(width(piece, p)), {Role::text, piece, p, w});
          piece = p;
        }
      } else if (word.hyphen_count > 0) {
        // A box per piece between hyphenation points, a flagged penalty as wide as the hyphen between.
        const double hyphen = hyphen_width(run_at(word.begin));
        std::uint32_t piece = word.begin;
        for (std::uint32_t h = word.first_hyphen; h < word.first_hyphen + word.hyphen_count; ++h) {
          push(BreakItem::box(width(piece, hyphens_[h])), {Role::text, piece, hyphens_[h], w});
          push(BreakItem::penalty(hyphen, kHyphenationCost, true), {Role::hyphenation, hyphens_[h], hyphens_[h], w});
          piece = hyphens_[h];
        }
        push(BreakItem::box(width(piece, word.end)), {Role::text, piece, word.end, w});
      } else if (word.join != 0) {
        push(BreakItem::box(width(word.begin, word.join)), {Role::text, word.begin, word.join, w});
        push(BreakItem::kashida(word.kashida_max), {Role::kashida, word.join, word.join, w});
        push(BreakItem::box(width(word.join, word.end)), {Role::text, word.join, word.end, w});
      } else {
        push(BreakItem::box(width(word.begin, word.end)), {Role::text, word.begin, word.end, w});
      }
      i = word.end;
      ++next_word;
      after_word = true;
      if (i < n && opportunity_[i] == 2 && !is_hard_break(text_[i - 1])) {
        // A mandatory break after a character other than U+2028 (a form feed, NEL).
        push(BreakItem::fill(), {Role::forced, i, i});
        push(BreakItem::forced_break(), {Role::forced, i, i});
        after_word = false;
      }
      continue;
    }
    if (space_[i]) {
      std::uint32_t run_end = i;
      while (run_end < n && space_[run_end]) ++run_end;
      const double natural = width(i, i + 1);
      BreakItem glue = BreakItem::glue(natural, natural * kSpaceStretch, natural * kSpaceShrink);
      glue.breakable = opportunity_[run_end] != 0;  // no break at U+00A0
      push(glue, {Role::space, i, i + 1});
    } else if (is_hard_break(text_[i])) {
      push(BreakItem::fill(), {Role::forced, i, i + 1});
      push(BreakItem::forced_break(), {Role::forced, i + 1, i + 1});
    }
    after_word = false;
    ++i;
  }
}

void LineSetter::push_item(const BreakItem& item, const ItemSource& source) {
  items_.push_back(item);
  items_.back().payload = items_.size() - 1;
  sources_.push_back(source);
}

int LineSetter::word_at(std::uint32_t position) const {
  const auto found = std::upper_bound(words_.begin(), words_.end(), position,
                                      [](std::uint32_t p, const Word& word) { return p < word.begin; });
  if (found == words_.begin()) return -1;
  const auto index = static_cast<int>(found - words_.begin()) - 1;
  return position < words_[static_cast<std::size_t>(index)].end ? index : -1;
}

SourceLocation LineSetter::location_of(std::uint32_t position) const {
  if (position < run_of_.size()) {
    const std::uint32_t span = run_at(position).span;
    if (span < styled_.spans.size() && styled_.spans[span].location.known())
      return styled_.spans[span].location;
  }
  return styled_.location;
}

void LineSetter::warn_overlong(const Word& word, double word_width, double available) {
  std::string text;
  append_utf8_of(text, text_, word.begin, word.end, [&](std::uint32_t i) { return skipped(i); });
  char numbers[96];
  std::snprintf(numbers, sizeof numbers, " (%.1f pt) does not fit the measure (%.1f pt)", word_width,
                available);
  sink_.warning(location_of(word.begin),
                "the word \u201C" + text + "\u201D" + numbers + "; it is broken between its letters",
                "allow a break in it (a space, or a hyphen in Latin text), shorten it, or widen the column");
}

}  // namespace nashr::line_setting
