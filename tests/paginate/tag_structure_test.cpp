// The tagged PDF's structure elements from resolved blocks (src/paginate/tag_structure.*): roles,
// parents, list items, tables, figures' alt, notes, and /Lang where a block or a span is in the
// other language.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "paginate/tag_structure.h"

namespace nashr {
namespace {

using paginating::Tagging;

TextBlock text_in(const std::string& language, const std::string& text = "words") {
  TextBlock block;
  block.paragraph.text = text;
  StyledSpan span;
  span.begin = 0;
  span.end = text.size();
  span.language = language;
  block.paragraph.spans.push_back(span);
  return block;
}

ResolvedBlock block_of(BlockKind kind, const std::string& language = "en") {
  ResolvedBlock block;
  block.kind = kind;
  if (kind != BlockKind::figure && kind != BlockKind::table) block.text = text_in(language);
  return block;
}

struct Tree {
  StructureTree tree;
  std::string role(std::uint32_t element) const { return structure_type(tree.elements.at(element).role); }
  std::string parent_role(std::uint32_t element) const { return role(tree.elements.at(element).parent); }
};

TEST(TagStructure, BlocksBecomeTheStandardElementsInDocumentOrder) {
  ResolvedDocument resolved;
  resolved.info.language = "en-GB";
  std::vector<ResolvedBlock>& blocks = resolved.blocks;
  blocks.push_back(block_of(BlockKind::masthead));                      // 0: an artifact
  ResolvedBlock title = block_of(BlockKind::summary_title);               // 1: Sect > H1
  title.box_group = 0;
  blocks.push_back(title);
  ResolvedBlock summary = block_of(BlockKind::summary, "fa");             // 2: Sect > P /Lang fa
  summary.box_group = 0;
  blocks.push_back(summary);
  ResolvedBlock heading = block_of(BlockKind::heading);                   // 3: H2
  heading.outline_level = 2;
  blocks.push_back(heading);
  blocks.push_back(block_of(BlockKind::paragraph));                       // 4: P, a footnote's marker
  ResolvedBlock item = block_of(BlockKind::list_item);                    // 5: L > LI > LBody
  item.list_depth = 1;
  item.marker = text_in("en", "•");
  blocks.push_back(item);
  ResolvedBlock nested = item;                                            // 6: … LBody > L > LI > LBody
  nested.list_depth = 2;
  blocks.push_back(nested);
  ResolvedBlock more = block_of(BlockKind::paragraph);                    // 7: a P in the first LBody
  more.list_depth = 1;
  blocks.push_back(more);
  ResolvedBlock figure = block_of(BlockKind::figure);                     // 8: Figure /Alt
  figure.alt = "A map";
  blocks.push_back(figure);
  blocks.push_back(block_of(BlockKind::caption));                         // 9: Caption
  blocks.push_back(block_of(BlockKind::figure));                          // 10: alt="": an artifact
  ResolvedBlock table = block_of(BlockKind::table);                       // 11: Table > TR > TH, TD
  auto cells = std::make_shared<ResolvedTable>();
  ResolvedCell head;
  head.header = true;
  head.has_text = true;
  head.text = text_in("en");
  ResolvedCell body = head;
  body.header = false;
  body.row = 1;
  body.column_span = 2;
  cells->cells = {head, body};
  table.table = cells;
  blocks.push_back(table);
  ResolvedNote note;
  note.anchor = "note-1";
  note.marker_block = 4;
  note.text = text_in("en");
  resolved.notes.push_back(note);

  Tree built;
  Tagging tagging(resolved, built.tree);
  EXPECT_EQ(built.tree.lang, "en");
  EXPECT_EQ(built.role(0), "Document");
  EXPECT_EQ(tagging.block(0), kNoElement);
  EXPECT_EQ(built.role(tagging.block(1)), "H1");
  EXPECT_EQ(built.parent_role(tagging.block(1)), "Sect");
  EXPECT_EQ(built.role(tagging.block(2)), "P");
  EXPECT_EQ(built.tree.text(built.tree.elements[tagging.block(2)].lang), "fa");
  EXPECT_EQ(built.tree.text(built.tree.elements[tagging.block(1)].lang), "");  // the document's
  EXPECT_EQ(built.role(tagging.block(3)), "H2");
  EXPECT_EQ(built.parent_role(tagging.block(3)), "Document");
  EXPECT_EQ(built.role(tagging.block(4)), "P");
  // A footnote follows the block that holds its marker, with its anchor as /ID.
  EXPECT_EQ(built.role(tagging.note(0)), "Note");
  EXPECT_EQ(built.tree.text(built.tree.elements[tagging.note(0)].id), "note-1");
  EXPECT_EQ(tagging.note(0), tagging.block(4) + 1);
  // Lists: the item's first paragraph is its LBody; its Lbl a sibling before it.
  const std::uint32_t lbody = tagging.block(5);
  EXPECT_EQ(built.role(lbody), "LBody");
  EXPECT_EQ(built.parent_role(lbody), "LI");
  EXPECT_EQ(built.role(tagging.label(5)), "Lbl");
  EXPECT_EQ(built.tree.elements[tagging.label(5)].parent, built.tree.elements[lbody].parent);
  EXPECT_LT(tagging.label(5), lbody);
  EXPECT_EQ(built.parent_role(built.tree.elements[lbody].parent), "L");
  const std::uint32_t inner = tagging.block(6);
  EXPECT_EQ(built.role(inner), "LBody");
  const std::uint32_t inner_list = built.tree.elements[built.tree.elements[inner].parent].parent;
  EXPECT_EQ(built.role(inner_list), "L");
  EXPECT_EQ(built.tree.elements[inner_list].parent, lbody);
  EXPECT_EQ(built.role(tagging.block(7)), "P");
  EXPECT_EQ(built.tree.elements[tagging.block(7)].parent, lbody);
  // Figures and tables.
  EXPECT_EQ(built.role(tagging.block(8)), "Figure");
  EXPECT_EQ(built.tree.text(built.tree.elements[tagging.block(8)].alt), "A map");
  EXPECT_EQ(built.parent_role(tagging.block(8)), "Document");
  EXPECT_EQ(built.role(tagging.block(9)), "Caption");
  EXPECT_EQ(tagging.block(10), kNoElement);
  EXPECT_EQ(built.role(tagging.block(11)), "Table");
  EXPECT_EQ(built.role(tagging.cell(11, 0)), "TH");
  EXPECT_EQ(built.role(tagging.cell(11, 1)), "TD");
  EXPECT_EQ(built.tree.elements[tagging.cell(11, 1)].column_span, 2);
  EXPECT_NE(built.tree.elements[tagging.cell(11, 0)].parent, built.tree.elements[tagging.cell(11, 1)].parent);
  EXPECT_EQ(built.parent_role(tagging.cell(11, 0)), "TR");
  // Every parent comes before its child.
  for (std::size_t e = 1; e < built.tree.elements.size(); ++e) EXPECT_LT(built.tree.elements[e].parent, e);
}

TEST(TagStructure, LinksAndSpansInTheOtherLanguageAreInlineElementsMadeOnce) {
  ResolvedDocument resolved;
  resolved.info.language = "fa";
  ResolvedBlock paragraph;
  paragraph.kind = BlockKind::paragraph;
  paragraph.text = text_in("fa", "متن");
  StyledSpan english;
  english.language = "en-US";
  paragraph.text->paragraph.spans.push_back(english);
  resolved.blocks.push_back(paragraph);
  StructureTree tree;
  Tagging tagging(resolved, tree);
  const std::uint32_t p = tagging.block(0);
  LineRun run;
  run.span = 0;
  EXPECT_EQ(tagging.inline_element(p, run, &*resolved.blocks[0].text, false), kNoElement);  // the P's own
  const std::uint32_t link = tagging.inline_element(p, run, &*resolved.blocks[0].text, true);
  EXPECT_EQ(std::string(structure_type(tree.elements[link].role)), "Link");
  EXPECT_EQ(tagging.inline_element(p, run, &*resolved.blocks[0].text, true), link);  // its next line
  run.span = 1;
  // The paragraph's text is released after setting (typeset): what was kept of it still tells.
  paginating::keep_languages(*resolved.blocks[0].text);
  resolved.blocks[0].text->paragraph = {};
  const std::uint32_t span = tagging.inline_element(p, run, &*resolved.blocks[0].text, false);
  EXPECT_EQ(std::string(structure_type(tree.elements[span].role)), "Span");
  EXPECT_EQ(tree.text(tree.elements[span].lang), "en");
  EXPECT_EQ(tree.elements[span].parent, p);
  EXPECT_TRUE(tree.elements[p].mixed);
}

}  // namespace
}  // namespace nashr
