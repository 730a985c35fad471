// English hyphenation in the line setter (LineSetter::find_hyphens, add_hyphen): which words may
// take a hyphen and where (hyphenation.h's patterns), and the hyphen drawn at a line's end.
#include <algorithm>

#include "fonts/font_db.h"
#include "linebreak/hyphenation.h"
#include "linebreak/line_setter.h"

namespace nashr::line_setting {

namespace {

bool ascii_letter(char16_t c) {
  return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z');
}

bool capital(char16_t c) {
  return c >= u'A' && c <= u'Z';
}

// Characters that mark a token as a web address, an e-mail address, a code or a compound: none of
// its words is hyphenated (a hyphenated compound breaks only at its own hyphen).
bool marks_unhyphenated_token(char16_t c) {
  return c == u'@' || c == u'/' || c == u':' || c == u'_' || c == u'-' || c == u'.' || c == u'\\' ||
         c == u'=' || c == u'#' || c == u'&' || c == u'~' || c == u'+' || (c >= u'0' && c <= u'9') ||
         c == 0x2010 || c == 0x2011;
}

// Punctuation a word may carry around its letters and still be hyphenated («(hyphenation),»).
bool clinging_punctuation(char16_t c) {
  return c == u'(' || c == u')' || c == u'[' || c == u']' || c == u'"' || c == u'\'' || c == u',' ||
         c == u';' || c == u'!' || c == u'?' || c == 0x2018 || c == 0x2019 || c == 0x201C || c == 0x201D;
}

}  // namespace

// Whether `word` may be hyphenated, and its letters [core_begin, core_end): an English word in
// Latin script outside any isolate (codes, addresses, numbers), ASCII letters only with at most
// punctuation around them, not all capitals nor with capitals inside (an acronym or a name like
// HarfBuzz), in a token (space to space) with no web-address, e-mail, code or compound characters.
bool LineSetter::may_hyphenate(const Word& word, std::uint32_t& core_begin, std::uint32_t& core_end) const {
  const auto min_letters = static_cast<std::uint32_t>(kHyphenMinBefore + kHyphenMinAfter);
  if (word.split || word.join != 0 || word.end - word.begin < min_letters) return false;
  const TextRun& run = run_at(word.begin);
  if (run_of_[word.end - 1] != run_of_[word.begin] || run.font == nullptr || run.script != "Latn" ||
      run.rtl() || !(run.language == "en" || run.language.starts_with("en-"))) {
    return false;
  }
  if (run.span < styled_.spans.size() && styled_.spans[run.span].isolation != SpanIsolation::none) return false;
  core_begin = word.begin;
  core_end = word.end;
  while (core_begin < core_end && clinging_punctuation(text_[core_begin])) ++core_begin;
  while (core_end > core_begin && (clinging_punctuation(text_[core_end - 1]) || text_[core_end - 1] == u'.'))
    --core_end;
  if (core_end - core_begin < min_letters) return false;
  for (std::uint32_t i = core_begin; i < core_end; ++i) {
    if (!ascii_letter(text_[i]) || (i > core_begin && capital(text_[i]))) return false;
  }
  // The token around the word, from space to space.
  std::uint32_t token_begin = word.begin, token_end = word.end;
  while (token_begin > 0 && !space_[token_begin - 1] && !is_hard_break(text_[token_begin - 1])) --token_begin;
  while (token_end < text_.size() && !space_[token_end] && !is_hard_break(text_[token_end])) ++token_end;
  for (std::uint32_t i = token_begin; i < token_end; ++i) {
    const bool sentence_end = text_[i] == u'.' && (i + 1 == token_end || clinging_punctuation(text_[i + 1]));
    if (marks_unhyphenated_token(text_[i]) && !sentence_end) return false;
  }
  return true;
}

// The hyphenation points of the paragraph's words (hyphens_), never in its last word.
void LineSetter::find_hyphens() {
  hyphens_.clear();
  if (!settings_.hyphenate || words_.size() < 2) return;
  for (std::size_t w = 0; w + 1 < words_.size(); ++w) {
    Word& word = words_[w];
    std::uint32_t core_begin = 0, core_end = 0;
    if (!may_hyphenate(word, core_begin, core_end)) continue;
    const std::vector<std::uint8_t>& points = english_hyphen_points(text_.substr(core_begin, core_end - core_begin));
    word.first_hyphen = static_cast<std::uint32_t>(hyphens_.size());
    for (const std::uint8_t point : points) {
      const std::uint32_t at = core_begin + point;
      // Not inside a ligature (fi, ffl): its glyph cannot be cut.
      if (cluster_start_[at]) hyphens_.push_back(at);
    }
    word.hyphen_count = static_cast<std::uint32_t>(hyphens_.size()) - word.first_hyphen;
  }
}

double LineSetter::hyphen_width(const TextRun& run) const {
  if (run.font == nullptr) return 0;
  const std::uint32_t glyph = run.font->glyph_for(U'-');
  return glyph == 0 ? 0 : points(run.font->advance(glyph), run);
}

// A line that ends at a hyphenation point gets the hyphen, at the end of its last run, carrying
// as its text the rest of the word's letters (on the next line), and those letters carry none
// there (drop_hyphenated_rest): every reader then gives the word back whole at the end of the
// first line ("scien-" + "tific" came back as two words in all of them: poppler, MuPDF and pdf.js
// keep the "-" and the line break, PDFium a U+FFFE). docs/pdf.md, "Hyphenated words".
void LineSetter::add_hyphen(const BrokenLine& broken, std::uint32_t content_end) {
  hyphenated_rest_end_ = 0;
  if (broken.break_at >= items_.size() || sources_[broken.break_at].role != Role::hyphenation) return;
  if (line_slices_.empty() || content_end == 0) return;
  RunSlice& slice = line_slices_.back();
  const TextRun& run = itemized_.runs[slice.run];
  const std::uint32_t glyph = run.font == nullptr ? 0 : run.font->glyph_for(U'-');
  if (glyph == 0 || slice.last_segment != line_segments_.size()) return;
  std::uint32_t rest_end = content_end;
  while (rest_end < text_.size() && ascii_letter(text_[rest_end])) ++rest_end;
  hyphenated_rest_end_ = rest_end;
  ShapedGlyph hyphen;
  hyphen.glyph = glyph;
  hyphen.cluster = content_end - 1;
  hyphen.x_advance = run.font->advance(glyph);
  line_segments_.push_back({line_glyphs_.size(), line_glyphs_.size() + 1});
  line_glyphs_.push_back({hyphen, {}, content_end - 1, points(hyphen.x_advance, run), false});
  slice.last_segment = line_segments_.size();
  spread_hyphenated_rest(content_end, rest_end);
}

// The hyphen's text is the rest of the word, text_[content_end, rest_end). MuPDF (up to 1.28 at
// least) ignores a ToUnicode entry of more than 8 UTF-16 units (PDF_MRANGE_CAP), so a longer rest
// is spread over the word's last glyphs before the hyphen: their texts and the rest, in order,
// cut into as few pieces of at most 8 characters as there are glyphs (ASCII letters only).
void LineSetter::spread_hyphenated_rest(std::uint32_t content_end, std::uint32_t rest_end) {
  constexpr std::size_t kMostPerGlyph = 8;
  const std::size_t hyphen = line_glyphs_.size() - 1;
  std::size_t first = hyphen;  // the first glyph whose text is rewritten
  std::size_t length = rest_end - content_end;
  while (length > kMostPerGlyph * (hyphen - first + 1) && first > 0) {
    const LineGlyph& before = line_glyphs_[first - 1];
    if (before.text.empty() || before.position >= content_end || !ascii_letter(text_[before.position])) break;
    --first;
    length += before.text.size();
  }
  std::string letters;
  for (std::size_t g = first; g < hyphen; ++g) letters.append(line_glyphs_[g].text.view());
  for (std::uint32_t i = content_end; i < rest_end; ++i) letters.push_back(static_cast<char>(text_[i]));
  const std::size_t glyphs = hyphen - first + 1;
  std::size_t at = 0;
  for (std::size_t g = first; g <= hyphen; ++g) {
    // Even pieces, the longer ones first.
    const std::size_t size = letters.size() / glyphs + ((g - first) < letters.size() % glyphs ? 1 : 0);
    line_glyphs_[g].text = GlyphText(std::string_view(letters).substr(at, size));
    at += size;
  }
}

// The letters of a word hyphenated at the previous line's end: their text went with the hyphen.
void LineSetter::drop_hyphenated_rest(std::uint32_t begin) {
  if (hyphenated_rest_end_ <= begin) return;
  for (LineGlyph& glyph : line_glyphs_) {
    if (glyph.position >= begin && glyph.position < hyphenated_rest_end_) glyph.text = {};
  }
}

}  // namespace nashr::line_setting
