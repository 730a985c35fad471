#pragma once
// How resolve asks for a paragraph's lines to be set: the line stage's settings.
#include <vector>

#include "document/alignment.h"
#include "document/color.h"

namespace nashr {

struct LineSettings {
  double width = 0;                          // the measure, points
  double first_line_indent = 0;              // points, on the paragraph's start side (right in RTL)
  Alignment alignment = Alignment::justify;  // `start` = ragged
  bool kashida = false;  // Persian lines may stretch with kashida after spaces hit their limit
  bool hyphenate = false;  // English words may break at a hyphen (docs/layout.md, "Hyphenation")
  // Per StyledParagraph span (index = span): the colour of its glyphs. Missing entries: black.
  std::vector<Color> span_colors;
  // Per span: how far its baseline is raised (points; a note's superscript marker). Missing: 0.
  std::vector<double> span_rises;
};

}  // namespace nashr
