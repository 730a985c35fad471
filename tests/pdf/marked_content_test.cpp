// A tagged page's marked content (pdf/marked_content.h): the operators page_content writes around
// each piece, and that the sequential pass's walk gives the same MCIDs without writing.
#include "pdf/content_stream.h"
#include "pdf/marked_content.h"
#include "pdf/text_layer.h"

#include <gtest/gtest.h>

// g++ 12 warns falsely on the strings of PageItem's alternatives at -O2 (GCC bug 105329).
#pragma GCC diagnostic ignored "-Wrestrict"

#include <string>
#include <vector>

#include "test_support.h"

namespace nashr {
namespace {

using namespace std::string_literals;

StructureTree tree_of(std::vector<StructureRole> roles) {
  StructureTree tree;
  for (std::size_t i = 0; i < roles.size(); ++i) {
    StructureElement element;
    element.role = roles[i];
    element.parent = i == 0 ? kNoElement : 0;
    tree.elements.push_back(element);
  }
  return tree;
}

GlyphRun run_at(const Font& font, double x, std::uint32_t tag = kNoElement) {
  GlyphRun run;
  run.tag = tag;
  run.font = &font;
  run.size = 10;
  run.origin = {x, 100};
  run.glyphs = {PlacedGlyph{1, 500, 0, 0, {}}};
  return run;
}

TEST(MarkedContent, RunsOfOneElementShareASequenceAndGraphicsAreArtifacts) {
  testing::Fonts fonts;
  const StructureTree tree = tree_of({StructureRole::document, StructureRole::h1, StructureRole::p});
  Page page;
  page.height = 800;
  page.items = {run_at(*fonts.serif, 72, 1),                  // the heading
                run_at(*fonts.serif, 72, 2),                  // a paragraph's two lines
                run_at(*fonts.serif, 80, 2),
                Rule{{36, 90}, {384, 90}, 0.5, {}},           // a rule: an artifact
                run_at(*fonts.serif, 90, 2),                  // after it, a new sequence
                run_at(*fonts.serif, 72, kFooterArtifact),
                run_at(*fonts.serif, 72)};                    // outside every element
  PagePlan plan;
  plan.names = {"F1", "F1", "F1", "F1", "F1", "F1"};
  plan.codes = std::vector<GlyphCode>(6, GlyphCode{1, 500000});
  plan.structure = &tree;
  const std::string content = page_content(page, plan, false);
  EXPECT_EQ(content,
            "BT\n0 0 0 rg\n/F1 10 Tf\n72 700 Td\n/H1<</MCID 0>>BDC\n[<0001>]TJ\n"
            "0 0 Td\nEMC\n/P<</MCID 1>>BDC\n[<0001>]TJ\n8 0 Td\n[<0001>]TJ\n"
            "EMC\nET\n/Artifact BMC\nq\n0 0 0 RG\n0.5 w\n36 710 m 384 710 l S\nQ\nEMC\n"
            "BT\n90 700 Td\n/P<</MCID 2>>BDC\n[<0001>]TJ\n"
            "-18 0 Td\nEMC\n/Artifact<</Type/Pagination/Subtype/Footer>>BDC\n[<0001>]TJ\n"
            "0 0 Td\nEMC\n/Artifact BMC\n[<0001>]TJ\nEMC\nET\n");
  // The sequential pass's walk: the same MCIDs for the same elements, nothing written.
  MarkedContent walk(&tree, nullptr);
  for (const PageItem& item : page.items) walk.follow(item);
  EXPECT_EQ(walk.mcid_elements(), (std::vector<std::uint32_t>{1, 2, 2}));
  // Untagged: the same page without a single marked-content operator.
  plan.structure = nullptr;
  EXPECT_EQ(page_content(page, plan, false).find("BDC"), std::string::npos);
}

TEST(MarkedContent, TheRunningHeadersRuleIsItsArtifactAndAnImageIsItsFiguresSequence) {
  testing::Fonts fonts;
  const StructureTree tree = tree_of({StructureRole::document, StructureRole::figure});
  Page page;
  page.height = 800;
  Rule rule{{36, 90}, {384, 90}, 0.5, {}};
  rule.tag = kHeaderArtifact;
  Image figure;
  figure.rect = {72, 200, 100, 50};
  figure.tag = 1;
  Image decorative = figure;  // alt="": no element
  decorative.tag = kNoElement;
  page.items = {run_at(*fonts.serif, 72, kHeaderArtifact), rule, figure, decorative};
  PagePlan plan;
  plan.names = {"F1", "X1", "X1"};
  plan.codes = {GlyphCode{1, 500000}};
  plan.structure = &tree;
  const std::string content = page_content(page, plan, false);
  EXPECT_EQ(content,
            "BT\n0 0 0 rg\n/F1 10 Tf\n72 700 Td\n/Artifact<</Type/Pagination/Subtype/Header>>BDC\n[<0001>]TJ\n"
            "EMC\nET\n/Artifact<</Type/Pagination/Subtype/Header>>BDC\nq\n0 0 0 RG\n0.5 w\n36 710 m 384 710 l S\nQ\nEMC\n"
            "/Figure<</MCID 0>>BDC\nq\n100 0 0 50 72 550 cm\n/X1 Do\nQ\nEMC\n"
            "/Artifact BMC\nq\n100 0 0 50 72 550 cm\n/X1 Do\nQ\nEMC\n");
  MarkedContent walk(&tree, nullptr);
  for (const PageItem& item : page.items) walk.follow(item);
  EXPECT_EQ(walk.mcid_elements(), (std::vector<std::uint32_t>{1}));
}

TEST(MarkedContent, ARunWithActualTextIsASpanSequenceOfItsOwnWithTheElementsMcid) {
  testing::Fonts fonts;
  const StructureTree tree = tree_of({StructureRole::document, StructureRole::p});
  GlyphRun run = run_at(*fonts.serif, 72);
  run.rtl = true;
  Page page;
  page.height = 800;
  run.tag = 1;
  page.items = {run_at(*fonts.serif, 72, 1), run};
  CidActualTexts shares;
  std::string share;
  append_actual_text_share("a", true, share);
  shares.set(1, share);
  PagePlan plan;
  plan.names = {"F1", "F1"};
  plan.codes = std::vector<GlyphCode>(2, GlyphCode{1, 500000});
  plan.actual_texts = {nullptr, &shares};
  plan.structure = &tree;
  EXPECT_EQ(page_content(page, plan, true),
            "BT\n0 0 0 rg\n/F1 10 Tf\n72 700 Td\n/P<</MCID 0>>BDC\n[(\0\1)]TJ\n0 0 Td\nEMC\n"
            "/Span<</MCID 1/ActualText(\xFE\xFF\0a)>>BDC\n[(\0\1)]TJ\nEMC\nET\n"s);
  MarkedContent walk(&tree, nullptr);
  walk.follow(page.items[0]);
  walk.follow(page.items[1], true);
  EXPECT_EQ(walk.mcid_elements(), (std::vector<std::uint32_t>{1, 1}));
}

}  // namespace
}  // namespace nashr
