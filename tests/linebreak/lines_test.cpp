// break_lines on real shaped paragraphs: items from glyph runs and ICU's break opportunities,
// justification with spaces and kashida, per-line bidi, the text layer. Goldens in golden/lines_*.txt
// (re-record: NASHR_UPDATE_GOLDENS=1 ctest --preset release -R 'linebreak\.'; docs/layout.md).
#include "linebreak/lines.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include "../text/text_test_support.h"
#include "fonts/font_db.h"
#include "golden.h"
#include "shape/shape.h"
#include "text/itemize.h"

namespace nashr {
namespace {

using testing::kNaskh;
using testing::kNotoSerif;
using testing::kVazirmatn;

// The sample issue's Persian paragraph (Vazirmatn advances are used in realistic_paragraph_test too).
constexpr const char* kPersian =
    "بلاروس و ایران همچنان به تحکیم روابط دوجانبهٔ خود ادامه می‌دهند و هدفشان مشارکتی پایدار و "
    "چندجانبه است. دیدارهای اخیر در سطح عالی، از جمله گفت‌وگوهای مینسک میان نخست‌وزیر بلاروس و "
    "وزیر صنعت، معدن و تجارت ایران، بر تعهد مشترک دو کشور به گسترش همکاری تأکید می‌کند.";

std::vector<FontChain> vazirmatn_fonts() {
  return {{"arabic", {kVazirmatn}}, {"latin", {kNotoSerif}}};
}
std::vector<FontChain> naskh_fonts() {
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

TEST_F(BreakLines, Explore) {
  LineSettings settings;
  settings.width = 200;
  settings.kashida = true;
  auto p = set(testing::paragraph(kPersian, TextDirection::rtl, "fa", vazirmatn_fonts()), settings);
  (void)naskh_fonts;
  std::printf("%s", dump_lines(p->lines).c_str());
  for (const auto& d : p->sink.diagnostics()) std::printf("%s\n", format_diagnostic(d).c_str());
}

}  // namespace
}  // namespace nashr
