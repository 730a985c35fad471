#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>

#include "base/file_io.h"
#include "style/style_sheet.h"
#include "support/diagnostics_text.h"

namespace nashr {
namespace {

namespace fs = std::filesystem;

std::string shipped(const std::string& name) {
  return (fs::path(NASHR_SOURCE_DIR) / "styles" / (name + ".xml")).string();
}

using testing::describe;

TEST(Style, ShippedStylesReadCleanly) {
  for (const char* name : {"persian-files", "persian-files-fa"}) {
    DiagnosticSink sink;
    Result<StyleSheet> style = read_style(shipped(name), sink);
    ASSERT_TRUE(style.ok()) << describe(sink);
    EXPECT_TRUE(sink.diagnostics().empty()) << describe(sink);
    EXPECT_EQ(style->name, name);
    EXPECT_EQ(style->page.size, PageSize::a4);
    EXPECT_NEAR(style->page.width, 595.276, 0.001);
    EXPECT_NEAR(style->page.margin_left, 20 * 72 / 25.4, 1e-9);
    for (const RoleStyle& role : style->roles) {
      for (Script script : {Script::arabic, Script::latin}) {
        const FontFace& face = role.face(script, FontWeight::regular, FontSlant::upright);
        ASSERT_FALSE(face.files.empty());
        EXPECT_TRUE(fs::is_regular_file(style->fonts_dir / face.files.front())) << face.files.front();
      }
    }
  }
}

TEST(Style, HouseStyleAndRightToLeftStyleDiffer) {
  DiagnosticSink sink;
  Result<StyleSheet> house = read_style(shipped("persian-files"), sink);
  Result<StyleSheet> fa = read_style(shipped("persian-files-fa"), sink);
  ASSERT_TRUE(house.ok() && fa.ok()) << describe(sink);
  EXPECT_EQ(house->dir, Direction::ltr);
  EXPECT_EQ(fa->dir, Direction::rtl);
  EXPECT_FALSE(house->paragraph.kashida);
  EXPECT_TRUE(fa->paragraph.kashida);
  EXPECT_EQ(house->summary_box.title_for("en"), "Executive Summary");
  EXPECT_EQ(house->summary_box.title_for("fa"), "خلاصهٔ مدیریتی");
  EXPECT_EQ(fa->summary_box.title_for("fa-IR"), "خلاصهٔ مدیریتی");
  // Fallback chains: the Persian body face falls back to the other Arabic-script font.
  const FontFace& body =
      fa->role(FontRole::body).face(Script::arabic, FontWeight::regular, FontSlant::upright);
  EXPECT_EQ(body.files, (std::vector<std::string>{"vazirmatn/Vazirmatn-Regular.ttf",
                                                  "noto-naskh-arabic/NotoNaskhArabic-Regular.ttf"}));
  // No Arabic italic: asking for one gives the same weight upright.
  const FontFace& italic =
      house->role(FontRole::body).face(Script::arabic, FontWeight::bold, FontSlant::italic);
  EXPECT_EQ(italic.weight, FontWeight::bold);
  EXPECT_EQ(italic.slant, FontSlant::upright);
  ASSERT_FALSE(fa->footer.start.empty());
  EXPECT_TRUE(fa->footer.on_first_page);
  // The issue's running lines: header = series · ISSN · volume/issue, footer = contact · page / pages.
  for (const StyleSheet* sheet : {&*house, &*fa}) {
    ASSERT_EQ(sheet->footer.start.size(), 1u);
    EXPECT_TRUE(sheet->footer.start[0].is_field);
    EXPECT_EQ(sheet->footer.start[0].field, RunningField::contact);
    EXPECT_STREQ(to_string(RunningField::contact), "contact");
    ASSERT_EQ(sheet->header.centre.size(), 2u);
    EXPECT_EQ(sheet->header.centre[0].literal, "ISSN ");
    EXPECT_EQ(sheet->header.centre[1].field, RunningField::issn);
    bool has_issue = false;
    for (const TemplatePart& part : sheet->header.end) has_issue |= part.is_field && part.field == RunningField::issue;
    EXPECT_TRUE(has_issue);
  }
}

TEST(Style, ErrorsHaveLocations) {
  const std::string path = (fs::path(NASHR_TEST_DIR) / "bad" / "unknown-field.xml").string();
  DiagnosticSink sink;
  Result<StyleSheet> style = read_style(path, sink);
  ASSERT_FALSE(style.ok());
  const std::string all = describe(sink);
  EXPECT_EQ(sink.error_count(), 3u) << all;
  EXPECT_NE(all.find(":8:60: error: '#1a1a1g' is not a colour"), std::string::npos) << all;
  EXPECT_NE(all.find(":14:54: error: font file 'noto-serif/NotoSerif-Regualr.ttf' does not exist"),
            std::string::npos)
      << all;
  EXPECT_NE(all.find("error: unknown field {series-titel} in <start>"), std::string::npos) << all;
  EXPECT_NE(all.find("did you mean 'series-title'?"), std::string::npos) << all;
}

TEST(Style, LengthsAndColours) {
  EXPECT_DOUBLE_EQ(parse_length("12pt").value(), 12);
  EXPECT_DOUBLE_EQ(parse_length("1in").value(), 72);
  EXPECT_NEAR(parse_length("25.4mm").value(), 72, 1e-9);
  EXPECT_NEAR(parse_length("2.54cm").value(), 72, 1e-9);
  EXPECT_FALSE(parse_length("12").ok());
  EXPECT_FALSE(parse_length("-3pt").ok());
  EXPECT_FALSE(parse_length("pt").ok());
  EXPECT_FALSE(parse_length("1.2.3pt").ok());
  EXPECT_EQ(parse_colour("#1f3a5f").value(), (rgb8(0x1f, 0x3a, 0x5f)));
  EXPECT_EQ(parse_colour("#fff").value(), (rgb8(255, 255, 255)));
  EXPECT_FALSE(parse_colour("1f3a5f").ok());
  EXPECT_FALSE(parse_colour("#12345g").ok());
  EXPECT_EQ(to_string(rgb8(0x1f, 0x3a, 0x5f)), "#1f3a5f");
}

// CMYK for the print edition: alone (its RGB by rgb_from_cmyk) or after the screen's RGB; each ink
// 0 to 1 or 0% to 100%, anything else an error naming the ink.
TEST(StyleValues, CmykColours) {
  Color both = parse_colour("#1f3a5f cmyk(90%,60%,20%,35%)").value();
  EXPECT_EQ(to_string(both), "#1f3a5f cmyk(90%,60%,20%,35%)");
  ASSERT_TRUE(both.cmyk.has_value());
  EXPECT_FLOAT_EQ(both.cmyk->c, 0.9F);
  EXPECT_FLOAT_EQ(both.cmyk->k, 0.35F);
  Color alone = parse_colour("cmyk(0,0.2,1,0)").value();
  EXPECT_DOUBLE_EQ(alone.r, 1);
  EXPECT_NEAR(alone.g, 0.8, 1e-6);
  EXPECT_DOUBLE_EQ(alone.b, 0);
  EXPECT_EQ(parse_colour("device-cmyk(0 20% 1 0)").value(), alone);
  EXPECT_NEAR(parse_colour("cmyk(0,0,0,50%)").value().r, 0.5, 1e-6);
  EXPECT_EQ(parse_colour("cmyk(0,0,1.2,0)").error(), "the CMYK ink '1.2' is out of range (0 to 1)");
  EXPECT_EQ(parse_colour("cmyk(0,0,0,120%)").error(), "the CMYK ink '120%' is out of range (0% to 100%)");
  EXPECT_EQ(parse_colour("cmyk(-0.1,0,0,0)").error(), "the CMYK ink '-0.1' is out of range (0 to 1)");
  EXPECT_EQ(parse_colour("cmyk(0,0,0)").error(), "'cmyk(0,0,0)' needs four inks (cyan, magenta, yellow, black)");
  EXPECT_EQ(parse_colour("cmyk(0,0,0,0,0)").error(), "'cmyk(0,0,0,0,0)' has more than four inks");
  EXPECT_EQ(parse_colour("cmyk(a,0,0,0)").error(), "the CMYK ink 'a' is not a number");
  EXPECT_FALSE(parse_colour("cmyk(0,0,0,0) #fff").ok());
  EXPECT_FALSE(parse_colour("#fff #000").ok());
  EXPECT_FALSE(parse_colour("rgb(0,0,0)").ok());
}

// What the print edition writes: the style's inks, else grey-component replacement, so greys and
// black are K alone.
TEST(StyleValues, PrintInks) {
  EXPECT_EQ(print_inks(Color{}), (Cmyk{0, 0, 0, 1}));
  EXPECT_EQ(print_inks(Color{1, 1, 1}), (Cmyk{0, 0, 0, 0}));
  const Cmyk grey = print_inks(rgb8(0x1a, 0x1a, 0x1a));
  EXPECT_EQ(grey.c + grey.m + grey.y, 0);
  EXPECT_NEAR(grey.k, 1 - 0x1a / 255.0, 1e-6);
  const Cmyk navy = print_inks(rgb8(0x1f, 0x3a, 0x5f));
  EXPECT_NEAR(navy.c, (0x5f - 0x1f) / double(0x5f), 1e-6);
  EXPECT_EQ(navy.y, 0);
  EXPECT_EQ(print_inks(parse_colour("#000 cmyk(60%,40%,40%,100%)").value()), (Cmyk{0.6F, 0.4F, 0.4F, 1}));
}

// The house style with `from` replaced by `to`, read from a styles/ folder of its own (the fonts
// are found through NASHR_SOURCE_DIR).
std::string read_changed_style(const std::string& from, const std::string& to, DiagnosticSink& sink,
                               const std::string& folder = "nashr-style-limits") {
  std::string text = read_file(shipped("persian-files")).value();
  const std::size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  // A folder per test: ctest runs the tests at once.
  const fs::path path = fs::temp_directory_path() / folder / "styles" / "persian-files.xml";
  EXPECT_TRUE(write_file_atomically(path, text).ok());
  (void)read_style(path.string(), sink);
  return describe(sink);
}

// Issue 12, item 7: a font size of 0 made text invisible and an indent wider than the line put it
// at x ≈ 100,000 pt, both with exit 0; page sizes libharu refuses failed the build with "internal
// error" and no location. Every length has bounds, reported at its attribute with a hint.
TEST(Style, LengthsOutsideTheirBoundsAreLocatedErrors) {
  struct Case {
    std::string from, to, expected;
  };
  const std::vector<Case> cases = {
      {R"(size="10.5pt" leading="15pt")", R"(size="0pt" leading="15pt")", ":8:29: error: the font size 0pt is outside 2pt to 200pt"},
      {R"(size="10.5pt" leading="15pt")", R"(size="10.5pt" leading="0pt")", ":8:46: error: the leading 0pt is outside"},
      {R"(indent="0pt")", R"(indent="100000pt")", ":73:89: error: the indent 100000pt is not smaller than the measure"},
      {R"(<level n="1" size="14pt")", R"(<level n="1" size="900pt")", ":75:24: error: the heading size 900pt is outside"},
      {R"(space-after="6pt" indent)", R"(space-after="2000pt" indent)", ":73:76: error: the space after 2000pt is outside"},
      {R"(<page size="A4")", R"(<page size="custom" width="2pt" height="20000pt")",
       ":5:30: error: the page width 2pt is outside 3pt to 14400pt"},
      {R"(<page size="A4")", R"(<page size="custom" width="2pt" height="20000pt")",
       ":5:43: error: the page height 20000pt is outside 3pt to 14400pt"},
      {R"(left="20mm" right="20mm")", R"(left="100mm" right="100mm")",
       ":5:3: error: the left and right margins leave 28.3469pt of the page's 595.276pt width for text"},
      {R"(top="22mm")", R"(top="0mm")", ":5:24: error: the top margin 0pt has no room for the header"},
      {R"(border-width="0.75pt" padding="9pt")", R"(border-width="0.75pt" padding="200pt")",
       "error: the padding 200pt is outside 0pt to"},
      {R"(border-width="0.75pt")", R"(border-width="100pt")", "error: the border width 100pt is outside 0pt to 72pt"},
  };
  for (const Case& c : cases) {
    DiagnosticSink sink;
    const std::string all = read_changed_style(c.from, c.to, sink);
    EXPECT_NE(all.find(c.expected), std::string::npos) << c.to << "\n" << all;
    EXPECT_NE(all.find("hint: "), std::string::npos) << all;
  }
  DiagnosticSink unchanged;
  EXPECT_EQ(read_changed_style("<page", "<page", unchanged), "");
}

// Issue 17: <masthead grid> sets the masthead's baseline grid (0, for half the body's leading, without
// it); a grid out of its bounds, not a length or with another attribute is a located error.
TEST(Style, MastheadGridIsReadAndBounded) {
  DiagnosticSink sink;
  EXPECT_EQ(read_changed_style("</style>", "<masthead grid=\"6pt\"/></style>", sink, "nashr-masthead-grid"), "");
  DiagnosticSink again;
  Result<StyleSheet> style = read_style(
      (fs::temp_directory_path() / "nashr-masthead-grid" / "styles" / "persian-files.xml").string(), again);
  ASSERT_TRUE(style.ok()) << describe(again);
  EXPECT_DOUBLE_EQ(style->masthead.grid, 6);
  EXPECT_NE(dump_style(*style).find("\n  masthead grid 6.00pt\n"), std::string::npos) << dump_style(*style);
  Result<StyleSheet> shipped_style = read_style(shipped("persian-files"), again);
  ASSERT_TRUE(shipped_style.ok()) << describe(again);
  EXPECT_EQ(shipped_style->masthead.grid, 0);

  for (const auto& [to, expected] : std::vector<std::pair<std::string, std::string>>{
           {"<masthead grid=\"100pt\"/>", "error: the masthead's grid 100pt is outside 1pt to 72pt"},
           {"<masthead grid=\"0.5pt\"/>", "error: the masthead's grid 0.5pt is outside 1pt to 72pt"},
           {"<masthead grid=\"two\"/>", ":111:19: error: "},
           {"<masthead gird=\"6pt\"/>", ":111:13: error: "}}) {
    DiagnosticSink bad;
    const std::string all = read_changed_style("</style>", "  " + to + "\n</style>", bad, "nashr-masthead-grid-bad");
    EXPECT_NE(all.find(expected), std::string::npos) << to << "\n" << all;
  }
}

// Issue 15: the notes' settings and the source formats' fields are checked where they are written.
TEST(Style, NotesSettingsAndSourceFormatsAreLocatedErrors) {
  struct Case {
    std::string from, to, expected;
  };
  const std::vector<Case> cases = {
      {"[{author}, ]“{title}”", "[{autor}, ]“{title}”", "error: unknown field {autor} in the source format"},
      {"[{author}, ]“{title}”", "[{author}, ]“{name}”", "error: unknown field {name} in the source format"},
      {"“{title}”[, {publisher}]", "“{title}”[, {publisher}", "error: the source format's brackets are unbalanced"},
      {"“{title}”[, {publisher}]", "“{titel}”[, {publisher}]", "did you mean 'title'?"},
      {R"(size="8pt" leading="10.5pt")", R"(size="0pt" leading="10.5pt")", "error: the notes' size 0pt is outside 2pt to 200pt"},
      {R"(placement="foot")", R"(placement="side")", "error: "},
      {R"(placement="foot" numbering="issue")", R"(placement="end" numbering="page")",
       R"(error: numbering="page" needs footnotes)"},
      {R"(numbering="issue")", R"(numbering="pages")", R"(error: )"},
      {R"(<title xml:lang="en">Notes</title>)", R"(<title>Notes</title>)", "error: <title> needs xml:lang"},
  };
  for (const Case& c : cases) {
    DiagnosticSink sink;
    const std::string all = read_changed_style(c.from, c.to, sink, "nashr-style-notes");
    EXPECT_NE(all.find(c.expected), std::string::npos) << c.to << "\n" << all;
    EXPECT_NE(all.find("hint: "), std::string::npos) << all;
  }
}

// Issue 15: the table of contents' settings are read, and wrong ones are errors at their attribute.
TEST(Style, ContentsSettingsAreReadAndWrongOnesAreLocatedErrors) {
  const std::string notes = "<notes ";
  DiagnosticSink good;
  EXPECT_EQ(read_changed_style(notes,
                               "<toc levels=\"2\" indent=\"10pt\" leader=\"·\" leader-space=\"5pt\" numbers=\"on\" "
                               "number-room=\"40pt\"><title xml:lang=\"en\">In this issue</title></toc>\n  <notes ",
                               good, "nashr-style-toc"),
            "");
  struct Case {
    std::string to, expected;
  };
  const std::vector<Case> cases = {
      {R"(<toc levels="4"/>)", "error: "},
      {R"(<toc leader="--"/>)", "error: the contents' leader '--' is not one character"},
      {R"(<toc indent="900pt"/>)", "error: the contents' indent 900pt is outside 0pt to 200pt"},
      {R"(<toc numbers="yes"/>)", "error: "},
      {R"(<toc><title>Contents</title></toc>)", "error: <title> needs xml:lang"},
      {R"(<toc><entry/></toc>)", "error: unknown element <entry>"},
  };
  for (const Case& c : cases) {
    DiagnosticSink sink;
    const std::string all = read_changed_style(notes, c.to + "\n  <notes ", sink, "nashr-style-toc");
    EXPECT_NE(all.find(c.expected), std::string::npos) << c.to << "\n" << all;
    EXPECT_NE(all.find("hint: "), std::string::npos) << all;
  }
}

// Issue 12: a truncated font named by a style passed `check`; `build` failed with exit 3 and no
// location. The style reader opens each font once and refuses it where it is first named.
TEST(Style, ABrokenFontIsRefusedWhereItIsNamed) {
  const std::string report = (fs::path(NASHR_SOURCE_DIR) / "tests" / "bad-input" / "broken-font" / "styles" /
                              "broken-font.xml").string();
  DiagnosticSink sink;
  ASSERT_FALSE(read_style(report, sink).ok());
  const std::string all = describe(sink);
  EXPECT_EQ(sink.error_count(), 1u) << all;
  EXPECT_NE(all.find("broken-font.xml:10:54: error: font file 'NotoSans-Regular-truncated.ttf' is cut short"),
            std::string::npos)
      << all;
}

// Golden dumps of the shipped styles. Re-record with:
//   NASHR_UPDATE_GOLDENS=1 ctest --preset release -R 'style\.Golden'
TEST(Golden, ShippedStyles) {
  for (const std::string name : {"persian-files", "persian-files-fa"}) {
    DiagnosticSink sink;
    Result<StyleSheet> style = read_style(shipped(name), sink);
    ASSERT_TRUE(style.ok()) << describe(sink);
    const fs::path golden = fs::path(NASHR_TEST_DIR) / "golden" / (name + ".style.txt");
    const char* update = std::getenv("NASHR_UPDATE_GOLDENS");
    if (update != nullptr && std::string(update) == "1") {
      ASSERT_TRUE(write_file_atomically(golden, dump_style(*style)).ok());
      continue;
    }
    Result<std::string> expected = read_file(golden);
    ASSERT_TRUE(expected.ok()) << "record " << golden << " with NASHR_UPDATE_GOLDENS=1";
    EXPECT_EQ(dump_style(*style), *expected);
  }
}

}  // namespace
}  // namespace nashr
