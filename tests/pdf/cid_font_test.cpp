// CIDs: one per (glyph, text, width), dense and in order of first use; their ToUnicode text and
// widths; kashida-widened glyphs get a CID of their own.
#include "pdf/cid_font.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "test_support.h"

namespace nashr {
namespace {

using testing::Fonts;

GlyphRun run_of(const Font& font, bool rtl, std::vector<PlacedGlyph> glyphs) {
  GlyphRun run;
  run.font = &font;
  run.rtl = rtl;
  run.glyphs = std::move(glyphs);
  return run;
}

PlacedGlyph glyph(std::uint32_t id, std::int32_t advance, std::string_view text) {
  return PlacedGlyph{id, advance, 0, 0, GlyphText(text)};
}

// The font's advance in millionths of an em, as /W has it.
std::int32_t width(const Font& font, std::uint32_t glyph_id, std::int32_t extra = 0) {
  return static_cast<std::int32_t>(
      std::lround((font.advance(glyph_id) + extra) * 1000.0 / font.units_per_em() * 1000.0));
}

std::vector<std::uint16_t> cids(const std::vector<GlyphCode>& codes) {
  std::vector<std::uint16_t> out;
  for (const GlyphCode& code : codes) out.push_back(code.cid);
  return out;
}

TEST(CidFont, CidsAreDenseInOrderOfFirstUseOnePerGlyphAndText) {
  Fonts fonts;
  const Font& font = *fonts.serif;
  CidFont cid_font(font);
  std::vector<GlyphCode> codes(4);
  ASSERT_TRUE(cid_font.assign(run_of(font, false, {glyph(40, 500, "a"), glyph(30, 500, "b"), glyph(40, 500, "a"),
                                                   glyph(40, 500, "x")}),
                              codes.data())
                  .ok());
  EXPECT_EQ(cids(codes), (std::vector<std::uint16_t>{1, 2, 1, 3}));  // glyph 40 as "x" is a CID of its own
  const std::vector<CidGlyph>& by_cid = cid_font.by_cid();
  ASSERT_EQ(by_cid.size(), 4u);  // CID 0 is .notdef
  EXPECT_EQ(by_cid[0].glyph, 0u);
  EXPECT_EQ(by_cid[1].glyph, 40u);
  EXPECT_EQ(by_cid[1].text, "a");
  EXPECT_EQ(by_cid[2].glyph, 30u);
  EXPECT_EQ(by_cid[3].text, "x");
  EXPECT_EQ(by_cid[1].width, width(font, 40));
  EXPECT_EQ(codes[0].width, by_cid[1].width);
  EXPECT_EQ(codes[1].width, width(font, 30));

  // A later run goes on from the CIDs given so far.
  std::vector<GlyphCode> more(2);
  ASSERT_TRUE(cid_font.assign(run_of(font, false, {glyph(30, 500, "b"), glyph(50, 500, "c")}), more.data()).ok());
  EXPECT_EQ(cids(more), (std::vector<std::uint16_t>{2, 4}));
}

TEST(CidFont, MultiCharacterTextOfRightToLeftRunsIsWrittenReversed) {
  Fonts fonts;
  const Font& font = *fonts.vazirmatn;
  CidFont cid_font(font);
  std::vector<GlyphCode> codes(3);
  ASSERT_TRUE(
      cid_font.assign(run_of(font, true, {glyph(20, 600, "لا"), glyph(21, 600, "ی"), glyph(22, 600, "ab")}), codes.data())
          .ok());
  EXPECT_EQ(cid_font.by_cid()[1].text, "ال");
  EXPECT_EQ(cid_font.by_cid()[2].text, "ی");
  EXPECT_EQ(cid_font.by_cid()[3].text, "ba");
  // The same glyph and text in a left-to-right run is another CID: its text is not reversed.
  std::vector<GlyphCode> ltr(1);
  ASSERT_TRUE(cid_font.assign(run_of(font, false, {glyph(20, 600, "لا")}), ltr.data()).ok());
  EXPECT_EQ(ltr[0].cid, 4);
  EXPECT_EQ(cid_font.by_cid()[4].text, "لا");
}

TEST(CidFont, AKashidaIsAJoinerAsWideAsDrawnAndWidensNothing) {
  Fonts fonts;
  const Font& font = *fonts.vazirmatn;
  CidFont cid_font(font);
  std::vector<GlyphCode> codes(5);
  // ب, a kashida (no text) of 300 units, ز, a kashida of 500 units, ب again.
  ASSERT_TRUE(cid_font.assign(run_of(font, true, {glyph(20, 400, "ب"), glyph(21, 300, ""), glyph(22, 400, "ز"),
                                                  glyph(21, 500, ""), glyph(20, 400, "ب")}),
                              codes.data())
                  .ok());
  // The letters keep the font's widths (one CID for both ب); each kashida length is a CID of its
  // own, as wide as drawn (in font units: width() adds to the font's advance), mapped to U+200D.
  EXPECT_EQ(cids(codes), (std::vector<std::uint16_t>{1, 2, 3, 4, 1}));
  EXPECT_EQ(codes[0].width, width(font, 20));
  EXPECT_EQ(codes[1].width, width(font, 21, 300 - font.advance(21)));
  EXPECT_EQ(codes[3].width, width(font, 21, 500 - font.advance(21)));
  EXPECT_EQ(cid_font.by_cid()[2].text, "\u200D");
  EXPECT_EQ(cid_font.by_cid()[4].text, "\u200D");
}

TEST(CidFont, EachCidHasItsActualTextShareAndTheRunSaysWhetherItNeedsASpan) {
  Fonts fonts;
  const Font& font = *fonts.vazirmatn;
  CidFont cid_font(font);
  std::vector<GlyphCode> codes(3);
  // Visual order: lam-alef (its text reversed, as in ToUnicode), a kashida, ب.
  Result<bool> span =
      cid_font.assign(run_of(font, true, {glyph(20, 600, "لا"), glyph(21, 300, ""), glyph(22, 400, "ب")}), codes.data());
  ASSERT_TRUE(span.ok());
  EXPECT_TRUE(*span);
  const auto share = [&](std::uint16_t cid) {
    const CidActualTexts::Share& bytes = cid_font.actual_texts()[cid];
    return std::string(bytes.bytes, bytes.size);
  };
  EXPECT_EQ(share(codes[0].cid), std::string("\x06\x27\x06\x44", 4));
  EXPECT_EQ(share(codes[1].cid), "");  // the kashida: nothing
  EXPECT_EQ(share(codes[2].cid), "\x06\\(");  // "(" escaped
  // One word of single characters needs no span; a left-to-right run never does.
  ASSERT_TRUE(cid_font.assign(run_of(font, true, {glyph(22, 400, "ب")}), codes.data()).ok());
  EXPECT_FALSE(*cid_font.assign(run_of(font, true, {glyph(22, 400, "ب")}), codes.data()));
  EXPECT_FALSE(*cid_font.assign(run_of(font, false, {glyph(20, 600, "لا"), glyph(21, 300, "")}), codes.data()));
}

TEST(CidFont, ASpanWithAKashidaEndsWithAnInvisibleMarkOutsideItsText) {
  Fonts fonts;
  const Font& font = *fonts.vazirmatn;
  CidFont cid_font(font);
  std::vector<GlyphCode> codes(4);
  // Two words, the first with a kashida: a span, and an end mark on its last glyph only.
  Result<bool> span = cid_font.assign(
      run_of(font, true, {glyph(20, 400, "ب"), glyph(21, 300, ""), glyph(23, 200, " "), glyph(22, 400, "ز")}),
      codes.data());
  ASSERT_TRUE(span.ok());
  EXPECT_TRUE(*span);
  const std::vector<CidGlyph>& by_cid = cid_font.by_cid();
  EXPECT_EQ(codes[0].span_end, 0);
  EXPECT_EQ(codes[1].span_end, 0);
  EXPECT_EQ(codes[2].span_end, 0);
  ASSERT_NE(codes[3].span_end, 0);
  EXPECT_EQ(by_cid[codes[3].span_end].glyph, font.invisible_glyph());
  EXPECT_EQ(by_cid[codes[3].span_end].text, "\u200D");
  EXPECT_EQ(by_cid[codes[3].span_end].width, 0);
  // A span without a kashida (its glyphs' texts are the span's) and a run without a span get none.
  std::vector<GlyphCode> plain(3);
  ASSERT_TRUE(*cid_font.assign(run_of(font, true, {glyph(20, 400, "ب"), glyph(23, 200, " "), glyph(22, 400, "ز")}),
                               plain.data()));
  EXPECT_EQ(plain[2].span_end, 0);
  std::vector<GlyphCode> ltr(2);
  ASSERT_FALSE(*cid_font.assign(run_of(font, false, {glyph(20, 400, "b"), glyph(21, 300, "")}), ltr.data()));
  EXPECT_EQ(ltr[1].span_end, 0);
}

TEST(CidFont, TheMarksOfAGlyphThatAdvancesGoOnAnInvisibleCarrier) {
  Fonts fonts;
  const Font& font = *fonts.vazirmatn;
  const std::uint32_t invisible = font.invisible_glyph();
  ASSERT_NE(invisible, 0u);
  EXPECT_EQ(invisible, font.glyph_for(U'\u200B'));  // Vazirmatn's zero width space: no ink, no advance
  CidFont cid_font(font);
  std::vector<GlyphCode> codes(3);
  // Visual order: Vazirmatn's precomposed «هٔ» (heh and hamza above), ب, then a lam-alef (no mark).
  Result<bool> span = cid_font.assign(
      run_of(font, true, {glyph(20, 800, "هٔ"), glyph(22, 400, "ب"), glyph(23, 600, "لا")}), codes.data());
  ASSERT_TRUE(span.ok());
  EXPECT_TRUE(*span);  // the glyph of two characters still asks for the span
  const std::vector<CidGlyph>& by_cid = cid_font.by_cid();
  ASSERT_NE(codes[0].carrier, 0);
  EXPECT_EQ(by_cid[codes[0].carrier].glyph, invisible);
  EXPECT_EQ(by_cid[codes[0].carrier].text, "ٔ");
  EXPECT_EQ(by_cid[codes[0].carrier].width, 0);
  EXPECT_EQ(by_cid[codes[0].cid].glyph, 20u);
  EXPECT_EQ(by_cid[codes[0].cid].text, "ه");  // the letter alone: pdf.js advances over it
  EXPECT_EQ(codes[0].width, width(font, 20));
  EXPECT_EQ(codes[1].carrier, 0);
  EXPECT_EQ(codes[2].carrier, 0);
  EXPECT_EQ(by_cid[codes[2].cid].text, "ال");
  // Two marks on one letter go together, reversed in a right-to-left run as any multi-character text.
  std::vector<GlyphCode> marked(1);
  ASSERT_TRUE(cid_font.assign(run_of(font, true, {glyph(22, 400, "بَّ")}), marked.data()).ok());
  EXPECT_EQ(by_cid[marked[0].carrier].text, "َّ");
  EXPECT_EQ(by_cid[marked[0].cid].text, "ب");
  // A mark glyph that does not advance keeps its text (readers take it as a mark already).
  std::vector<GlyphCode> mark(1);
  ASSERT_TRUE(cid_font.assign(run_of(font, true, {glyph(24, 0, "ٔ")}), mark.data()).ok());
  EXPECT_EQ(mark[0].carrier, 0);
}

TEST(CidFont, AGlyphOutsideTheFontIsAnError) {
  Fonts fonts;
  const Font& font = *fonts.serif;
  CidFont cid_font(font);
  std::vector<GlyphCode> codes(1);
  Result<bool> assigned = cid_font.assign(run_of(font, false, {glyph(font.glyph_count(), 500, "a")}), codes.data());
  ASSERT_FALSE(assigned.ok());
  EXPECT_NE(assigned.error().message.find("NotoSerif-Regular.ttf"), std::string::npos) << assigned.error().message;
}

}  // namespace
}  // namespace nashr
