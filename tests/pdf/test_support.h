#pragma once
// Helpers for the PDF writer's tests: glyph runs shaped with HarfBuzz directly (the text engine is
// another stage), documents built from them, and the real PDF readers run as processes.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "fonts/font_db.h"
#include "document/page.h"

namespace nashr::testing {

// Shapes `text` as one run (Arabic script and Persian when RTL or when the text has Arabic-block
// characters such as Persian digits; else Latin and English). Glyphs come
// out in visual order; each cluster's text (logical order) goes on its first glyph.
GlyphRun shape_run(const Font& font, std::string_view text, bool rtl, double size, Point origin);

// The advance of a run in points.
double run_width(const GlyphRun& run);

// One segment of a line: text in one font and direction.
struct Segment {
  const Font* font = nullptr;
  std::string text;
  bool rtl = false;
};

// Places segments, given in visual order (left to right), one after the other on a baseline. With
// `align_right`, the line ends at `right` (an RTL paragraph); else it starts at `left`.
std::vector<GlyphRun> place_line(const std::vector<Segment>& visual_segments, double size, double left,
                                 double right, double baseline, bool align_right);

struct Fonts {
  FontDb db{FontDb::default_fonts_dir()};
  const Font* vazirmatn = nullptr;
  const Font* vazirmatn_bold = nullptr;
  const Font* naskh = nullptr;
  const Font* serif = nullptr;
  Fonts();
};

// A line of a test document and the text pdftotext must give back for it (logical order).
struct SampleLine {
  std::vector<Segment> visual_segments;
  bool rtl = false;
  std::string expected_text;
  // poppler's reorderText joins neutral characters (spaces, brackets, commas) to the section on
  // their visual right, so in RTL text those next to a number or a Latin word come back misplaced;
  // such lines are compared letter by letter, not character by character.
  bool neutrals_at_direction_change = false;
  // pdf.js adds or drops spaces where a line changes runs or a glyph carries a combining mark.
  bool pdfjs_spacing_differs = false;
  // pdf.js turns a glyph without ToUnicode entry (a mark whose cluster text sits on its base) into
  // its raw code and breaks the line's order; see docs/pdf.md. Not compared with pdf.js.
  bool pdfjs_mangles_marks = false;
};

// The test lines: Persian in Vazirmatn and in Noto Naskh (with Vazirmatn parentheses), ZWNJ words,
// lam-alef, Persian digits, a Latin acronym inside Persian, and Latin in Noto Serif.
std::vector<SampleLine> sample_lines(const Fonts& fonts);

std::string persian_digits(int value);

// A document of `page_count` pages filled with the sample lines, with a rule, boxes, links, anchors,
// an outline with Persian titles and page labels. Images only when `image_dir` is not empty.
PagedDocument sample_document(const Fonts& fonts, int page_count,
                              const std::filesystem::path& image_dir = {});

struct Process {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs a shell command (arguments already quoted), capturing stdout and stderr.
Process run_command(const std::string& command);

std::string shell_quote(std::string_view text);

// A fresh empty folder under the build tree for one test.
std::filesystem::path scratch_folder(std::string_view name);

}  // namespace nashr::testing
