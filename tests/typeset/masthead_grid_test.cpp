// Issue 17, item 8: the masthead's lines on a baseline grid. The Persian sample's masthead stepped
// 23.7, 13.6 and 15.5 pt, the English one's 19.3, 18.2 and 12.2 pt. Read back from the typeset first
// page: the baselines of the runs between the body's top and the masthead's rule are each a whole
// number of grid units below the body's top, within 0.01 pt.
#include "typeset/typeset.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <string>
#include <variant>
#include <vector>

#include "model/report.h"
#include "style/style_sheet.h"
#include "support/diagnostics_text.h"

namespace nashr {
namespace {

namespace fs = std::filesystem;

const fs::path kReports = fs::path(NASHR_SOURCE_DIR) / "reports";

struct Loaded {
  Report report;
  StyleSheet style;
};

Loaded load(const fs::path& path) {
  DiagnosticSink sink;
  Result<Report> report = read_report(path.string(), sink);
  EXPECT_TRUE(report.ok()) << testing::describe(sink);
  if (!report.ok()) return {};
  Result<StyleSheet> style = read_style(report->style_path.string(), sink);
  EXPECT_TRUE(style.ok()) << testing::describe(sink);
  if (!style.ok()) return {};
  return {std::move(*report), std::move(*style)};
}

// The distinct baselines of the first page's masthead, from the body's top (in page order).
std::vector<double> masthead_baselines(Loaded loaded) {
  FontDb fonts(FontDb::default_fonts_dir());
  DiagnosticSink sink;
  const double body_top = loaded.style.page.margin_top;
  Result<TypesetReport> typeset_report = typeset(std::move(loaded.report), loaded.style, fonts, {}, sink);
  EXPECT_TRUE(typeset_report.ok()) << testing::describe(sink);
  if (!typeset_report.ok() || typeset_report->document.pages.empty()) return {};
  const Page& page = typeset_report->document.pages.front();
  // The masthead's rule: the first rule in the body (a running header's rule is in the top margin).
  double rule = 0;
  for (const PageItem& item : page.items) {
    const Rule* line = std::get_if<Rule>(&item);
    if (line != nullptr && line->from.y > body_top && (rule == 0 || line->from.y < rule)) rule = line->from.y;
  }
  EXPECT_GT(rule, 0) << "no masthead rule on the first page";
  std::vector<double> baselines;
  for (const PageItem& item : page.items) {
    const GlyphRun* run = std::get_if<GlyphRun>(&item);
    if (run == nullptr || run->origin.y < body_top || run->origin.y > rule) continue;
    const double y = run->origin.y - body_top;
    if (baselines.empty() || std::abs(baselines.back() - y) > 0.001) baselines.push_back(y);
  }
  return baselines;
}

void expect_on_grid(const std::vector<double>& baselines, double grid, const std::string& what) {
  ASSERT_GE(baselines.size(), 7u) << what;  // series (two), ISSN, volume, date, title, authors
  std::string steps;
  bool on_grid = true;
  for (std::size_t i = 0; i < baselines.size(); ++i) {
    const double step = i == 0 ? baselines[0] : baselines[i] - baselines[i - 1];
    steps += " " + std::to_string(step);
    const double units = std::round(step / grid);
    on_grid = on_grid && units >= 1 && std::abs(step - units * grid) <= 0.01;
  }
  EXPECT_TRUE(on_grid) << what << ": not every step is a whole number of " << grid
                       << " pt units; the steps (the first from the body's top):" << steps;
}

// The sample styles set no grid: the unit is half the body's leading (7.5 pt).
TEST(MastheadGrid, BothSamplesStepByWholeUnitsOfHalfTheBodyLeading) {
  for (const char* name : {"persian-files-29-2-fa.xml", "persian-files-29-2.xml"}) {
    Loaded loaded = load(kReports / name);
    const double grid = loaded.style.role(FontRole::body).leading / 2;
    EXPECT_NEAR(grid, 7.5, 1e-9) << name;
    expect_on_grid(masthead_baselines(std::move(loaded)), grid, name);
  }
}

// A grid the style sets (<masthead grid>) is the unit, in either direction.
TEST(MastheadGrid, TheStylesGridIsTheUnit) {
  for (const char* name : {"persian-files-29-2-fa.xml", "persian-files-29-2.xml"}) {
    Loaded loaded = load(kReports / name);
    loaded.style.masthead.grid = 4;
    expect_on_grid(masthead_baselines(std::move(loaded)), 4, std::string(name) + " on a 4 pt grid");
  }
}

}  // namespace
}  // namespace nashr
