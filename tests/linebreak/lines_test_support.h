#pragma once
// What the break_lines tests share: the sample paragraph, a fixture that itemizes, shapes and sets
// a paragraph, and the checks every set paragraph must pass (the text round-trips, runs abut,
// justified lines fill the measure).
#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "../text/text_test_support.h"
#include "fonts/font_db.h"
#include "linebreak/lines.h"
#include "shape/shape.h"
#include "text/itemize.h"

namespace nashr::testing {

// The sample issue's Persian paragraph (Vazirmatn advances are used in realistic_paragraph_test too).
// clang-format counts bytes, not characters, and keeps re-wrapping Persian strings.
// clang-format off
inline constexpr const char* kPersian =
    "بلاروس و ایران همچنان به تحکیم روابط دوجانبهٔ خود ادامه می‌دهند و هدفشان مشارکتی پایدار و "
    "چندجانبه است. دیدارهای اخیر در سطح عالی، از جمله گفت‌وگوهای مینسک میان نخست‌وزیر بلاروس و "
    "وزیر صنعت، معدن و تجارت ایران، بر تعهد مشترک دو کشور به گسترش همکاری تأکید می‌کند.";
// clang-format on

inline std::vector<FontChain> vazirmatn_fonts() {
  return {{"arabic", {kVazirmatn}}, {"latin", {kNotoSerif}}};
}
inline std::vector<FontChain> naskh_fonts() {
  return {{"arabic", {kNaskh, kVazirmatn}}, {"latin", {kNotoSerif}}};
}

struct SetParagraph {
  StyledParagraph styled;
  std::unique_ptr<ItemizedParagraph> itemized;
  ShapedParagraph shaped;
  Lines lines;
  DiagnosticSink sink;
};

class BreakLines : public ::testing::Test {
 protected:
  std::unique_ptr<SetParagraph> set(StyledParagraph styled, const LineSettings& settings) {
    auto out = std::make_unique<SetParagraph>();
    out->styled = std::move(styled);
    out->itemized = std::make_unique<ItemizedParagraph>(itemize(out->styled, fonts_, out->sink));
    out->shaped = shape(*out->itemized);
    out->lines = break_lines(out->styled, *out->itemized, out->shaped, settings, out->sink);
    return out;
  }
  FontDb fonts_{FontDb::default_fonts_dir()};
};

// The text a reader copies: every line's glyph texts in run order (reading order), lines joined
// by a space. Tatweels and isolate controls carry no text.
inline std::string copied_text(const Lines& lines) {
  std::string out;
  for (std::size_t k = 0; k < lines.lines.size(); ++k) {
    if (k > 0) out += ' ';
    for (const LineRun& run : lines.lines[k].runs) {
      // Glyphs are in visual order: an RTL run is read from its last glyph.
      if (run.rtl) {
        for (auto it = run.glyphs.rbegin(); it != run.glyphs.rend(); ++it) out += it->text;
      } else {
        for (const PlacedGlyph& glyph : run.glyphs) out += glyph.text;
      }
    }
  }
  return out;
}

// The source text with hard breaks and runs of spaces as one space: what copied_text must give
// back when nothing but the spaces (and hard breaks) at line ends is dropped.
inline std::string normalised(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text.compare(i, 3, "\u2028") == 0) {
      if (out.empty() || out.back() != ' ') out += ' ';
      i += 2;
    } else if (text[i] == ' ') {
      if (out.empty() || out.back() != ' ') out += ' ';
    } else {
      out += text[i];
    }
  }
  return out;
}

inline double left_edge(const Line& line) {
  double left = 1e9;
  for (const LineRun& run : line.runs) left = std::min(left, run.x);
  return left;
}
inline double right_edge(const Line& line) {
  double right = -1e9;
  for (const LineRun& run : line.runs) right = std::max(right, run.x + run.width);
  return right;
}

// Runs abut in visual order: no gap and no overlap between neighbours.
inline void expect_runs_abut(const Line& line) {
  std::vector<const LineRun*> visual;
  for (const LineRun& run : line.runs) visual.push_back(&run);
  std::sort(visual.begin(), visual.end(), [](const LineRun* a, const LineRun* b) { return a->x < b->x; });
  for (std::size_t i = 1; i < visual.size(); ++i) {
    EXPECT_NEAR(visual[i]->x, visual[i - 1]->x + visual[i - 1]->width, 1e-6);
  }
}

inline std::uint32_t tatweel_glyph(const Font* font) {
  return font->glyph_for(U'\u0640');
}

inline int count_tatweels(const Lines& lines) {
  int count = 0;
  for (const Line& line : lines.lines) {
    for (const LineRun& run : line.runs) {
      for (const PlacedGlyph& glyph : run.glyphs) {
        if (glyph.glyph_id == tatweel_glyph(run.font)) {
          EXPECT_TRUE(glyph.text.empty()) << "a tatweel carries text";
          ++count;
        }
      }
    }
  }
  return count;
}

// The checks every set paragraph must pass.
inline std::string without_spaces(std::string text) {
  std::erase(text, ' ');
  return text;
}

// `inside_words`: some lines break inside a word (an over-long one), not at a space.
inline void expect_well_set(const SetParagraph& p, const LineSettings& settings, bool inside_words = false) {
  ASSERT_FALSE(p.lines.lines.empty());
  if (inside_words) {
    EXPECT_EQ(without_spaces(copied_text(p.lines)), without_spaces(normalised(p.styled.text)));
  } else {
    EXPECT_EQ(copied_text(p.lines), normalised(p.styled.text));
  }
  for (std::size_t k = 0; k < p.lines.lines.size(); ++k) {
    const Line& line = p.lines.lines[k];
    SCOPED_TRACE("line " + std::to_string(k + 1));
    expect_runs_abut(line);
    for (std::size_t r = 1; r < line.runs.size(); ++r)
      EXPECT_LT(line.runs[r - 1].text_begin, line.runs[r].text_begin);
    EXPECT_GT(line.ascent, 0);
    EXPECT_GT(line.descent, 0);
    EXPECT_EQ(line.ends_paragraph, k + 1 == p.lines.lines.size());
    const double indent = k == 0 ? settings.first_line_indent : 0;
    if (line.justified) {
      // Justified lines fill the measure exactly (the first one after its indent).
      EXPECT_NEAR(right_edge(line) - left_edge(line) + indent, settings.width, 0.01);
      EXPECT_NEAR(line.width, settings.width, 1e-6);
    }
    // Flush with the start side: the right edge in RTL, the left in LTR.
    if (settings.alignment == Alignment::justify || settings.alignment == Alignment::start) {
      if (line.rtl) {
        EXPECT_NEAR(right_edge(line), settings.width - indent, 0.01);
      } else {
        EXPECT_NEAR(left_edge(line), indent, 0.01);
      }
    }
  }
}

inline LineSettings justified(double width, bool kashida) {
  LineSettings settings;
  settings.width = width;
  settings.kashida = kashida;
  return settings;
}

}  // namespace nashr::testing
