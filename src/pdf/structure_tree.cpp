#include "pdf/structure_tree.h"

#include <algorithm>
#include <limits>
#include <map>
#include <string>
#include <utility>

namespace nashr {

namespace {

constexpr std::size_t kNone = std::numeric_limits<std::size_t>::max();
// Entries per leaf of the ParentTree's number tree: libharu's arrays have a limit, and a
// reader looks a key up through two small arrays instead of one of every page.
constexpr std::size_t kNumberTreeLeaf = 256;

// A number tree of (key, value) in key order: one /Nums, or leaves of kNumberTreeLeaf under /Kids.
void write_number_tree(HpdfDocument& pdf, PdfDict root, const std::vector<std::pair<std::int32_t, PdfObject>>& entries) {
  const auto fill = [&](PdfDict node, std::size_t from, std::size_t to) {
    const PdfArray nums = pdf.new_array();
    node.add("Nums", nums);
    for (std::size_t i = from; i < to; ++i) {
      nums.add_number(entries[i].first);
      nums.add(entries[i].second);
    }
  };
  if (entries.size() <= kNumberTreeLeaf) {
    fill(root, 0, entries.size());
    return;
  }
  const PdfArray kids = pdf.new_array();
  root.add("Kids", kids);
  for (std::size_t from = 0; from < entries.size(); from += kNumberTreeLeaf) {
    const std::size_t to = std::min(entries.size(), from + kNumberTreeLeaf);
    const PdfDict leaf = pdf.new_indirect_dict();
    kids.add(leaf);
    const PdfArray limits = pdf.new_array();
    leaf.add("Limits", limits);
    limits.add_number(entries[from].first);
    limits.add_number(entries[to - 1].first);
    fill(leaf, from, to);
  }
}

// A table cell's attributes: a header's scope, and its spans.
void add_table_attributes(HpdfDocument& pdf, PdfDict dict, const StructureElement& element) {
  const bool header = element.role == StructureRole::th;
  if (!header && element.row_span == 1 && element.column_span == 1) return;
  const PdfDict attributes = pdf.new_dict();
  dict.add("A", attributes);
  attributes.add_name("O", "Table");
  if (header) attributes.add_name("Scope", "Column");
  if (element.row_span > 1) attributes.add_number("RowSpan", element.row_span);
  if (element.column_span > 1) attributes.add_number("ColSpan", element.column_span);
}

struct Kid {
  std::size_t order;  // a piece's index, or a child's first piece
  bool child;
  std::size_t index;  // the piece or the child element
};

}  // namespace

Result<void> write_structure_tree(HpdfDocument& pdf, const StructureTree& tree, const TaggedContent& content,
                                  const std::vector<PdfDict>& pages) {
  const std::size_t count = tree.elements.size();
  std::vector<std::vector<std::size_t>> own(count);
  for (std::size_t p = 0; p < content.pieces.size(); ++p) {
    if (content.pieces[p].element < count) own[content.pieces[p].element].push_back(p);
  }
  // Each element's first piece in content order, its own or a descendant's; none: left out.
  std::vector<std::size_t> first(count, kNone);
  for (std::size_t e = count; e-- > 0;) {
    if (!own[e].empty()) first[e] = std::min(first[e], own[e].front());
    const std::uint32_t parent = tree.elements[e].parent;
    if (parent != kNoElement && parent < e) first[parent] = std::min(first[parent], first[e]);
  }
  if (count == 0 || first[0] == kNone) return Ok{};

  const PdfDict root = pdf.new_indirect_dict();
  root.add_name("Type", "StructTreeRoot");
  std::vector<PdfDict> dicts(count);
  std::vector<std::vector<std::uint32_t>> children(count);
  for (std::size_t e = 0; e < count; ++e) {
    if (first[e] == kNone) continue;
    dicts[e] = pdf.new_indirect_dict();
    if (e > 0) children[tree.elements[e].parent].push_back(static_cast<std::uint32_t>(e));
  }
  root.add("K", dicts[0]);
  // Links drawn in artifacts: a Link element each, holding only the annotation, after the rest.
  std::vector<PdfDict> loose(content.pieces.size());
  std::vector<std::size_t> loose_pieces;
  for (std::size_t p = 0; p < content.pieces.size(); ++p) {
    if (content.pieces[p].element != kNoElement || content.pieces[p].mcid >= 0) continue;
    loose[p] = pdf.new_indirect_dict();
    loose_pieces.push_back(p);
  }
  std::map<std::string, std::uint32_t> ids;
  for (std::size_t e = 0; e < count; ++e) {
    if (first[e] == kNone) continue;
    const StructureElement& element = tree.elements[e];
    const PdfDict dict = dicts[e];
    dict.add_name("Type", "StructElem");
    dict.add_name("S", structure_type(element.role));
    dict.add("P", e == 0 ? root : dicts[element.parent]);
    if (!element.id.empty()) {
      dict.add("ID", pdf.text_string(element.id));
      ids.emplace(element.id, static_cast<std::uint32_t>(e));
    }
    if (!element.lang.empty()) dict.add("Lang", pdf.text_string(element.lang));
    if (!element.alt.empty()) dict.add("Alt", pdf.text_string(element.alt));
    add_table_attributes(pdf, dict, element);
    // Kids: the element's own content and its children, in content order when its content holds
    // theirs (a P with a Link), else its content first and its children in document order.
    std::vector<Kid> kids;
    for (const std::size_t piece : own[e]) kids.push_back({piece, false, piece});
    for (const std::uint32_t child : children[e]) kids.push_back({element.mixed ? first[child] : kNone, true, child});
    if (element.mixed) std::stable_sort(kids.begin(), kids.end(), [](const Kid& a, const Kid& b) { return a.order < b.order; });
    const std::size_t page = own[e].empty() ? kNone : content.pieces[own[e].front()].page;
    if (page != kNone) dict.add("Pg", pages[page]);
    const PdfArray array = pdf.new_array();
    dict.add("K", array);
    if (e == 0) {
      for (const std::size_t p : loose_pieces) kids.push_back({kNone, false, p});
    }
    for (const Kid& kid : kids) {
      if (kid.child) {
        array.add(dicts[kid.index]);
        continue;
      }
      if (loose[kid.index]) {
        array.add(loose[kid.index]);
        continue;
      }
      const TaggedContent::Piece& piece = content.pieces[kid.index];
      if (piece.mcid >= 0 && piece.page == page) {
        array.add_number(piece.mcid);
        continue;
      }
      const PdfDict reference = pdf.new_dict();
      array.add(reference);
      reference.add_name("Type", piece.mcid >= 0 ? "MCR" : "OBJR");
      reference.add("Pg", pages[piece.page]);
      if (piece.mcid >= 0) {
        reference.add_number("MCID", piece.mcid);
      } else {
        reference.add("Obj", content.annotations[piece.annotation]);
      }
    }
  }
  for (const std::size_t p : loose_pieces) {
    const PdfDict link = loose[p];
    link.add_name("Type", "StructElem");
    link.add_name("S", "Link");
    link.add("P", dicts[0]);
    link.add("Pg", pages[content.pieces[p].page]);
    const PdfArray kids = pdf.new_array();
    link.add("K", kids);
    const PdfDict reference = pdf.new_dict();
    kids.add(reference);
    reference.add_name("Type", "OBJR");
    reference.add("Obj", content.annotations[content.pieces[p].annotation]);
  }
  if (auto checked = pdf.check("structure elements"); !checked) return checked;

  // The ParentTree: per page with marked content (its /StructParents is its index) the element of
  // each MCID, then per annotation (its /StructParent follows the pages') its element.
  std::vector<std::vector<std::uint32_t>> page_mcids(pages.size());
  std::vector<bool> page_has_links(pages.size(), false);
  for (const TaggedContent::Piece& piece : content.pieces) {
    if (piece.mcid < 0) {
      page_has_links[piece.page] = true;
      continue;
    }
    std::vector<std::uint32_t>& mcids = page_mcids[piece.page];
    if (mcids.size() <= static_cast<std::size_t>(piece.mcid)) mcids.resize(static_cast<std::size_t>(piece.mcid) + 1, kNoElement);
    mcids[static_cast<std::size_t>(piece.mcid)] = piece.element;
  }
  std::vector<std::pair<std::int32_t, PdfObject>> entries;
  for (std::size_t p = 0; p < pages.size(); ++p) {
    if (page_has_links[p]) pages[p].add_name("Tabs", "S");  // tab order: the structure's
    if (page_mcids[p].empty()) continue;
    pages[p].add_number("StructParents", static_cast<std::int32_t>(p));
    const PdfArray elements = pdf.new_indirect_array();
    for (const std::uint32_t element : page_mcids[p]) elements.add(dicts[element]);
    entries.emplace_back(static_cast<std::int32_t>(p), elements);
  }
  for (std::size_t p = 0; p < content.pieces.size(); ++p) {
    const TaggedContent::Piece& piece = content.pieces[p];
    if (piece.mcid >= 0) continue;
    const auto key = static_cast<std::int32_t>(pages.size() + piece.annotation);
    content.annotations[piece.annotation].add_number("StructParent", key);
    entries.emplace_back(key, piece.element == kNoElement ? loose[p] : dicts[piece.element]);
  }
  const PdfDict parent_tree = pdf.new_indirect_dict();
  root.add("ParentTree", parent_tree);
  write_number_tree(pdf, parent_tree, entries);
  root.add_number("ParentTreeNextKey", static_cast<std::int32_t>(pages.size() + content.annotations.size()));
  if (!ids.empty()) {
    const PdfDict id_tree = pdf.new_dict();
    root.add("IDTree", id_tree);
    const PdfArray names = pdf.new_array();
    id_tree.add("Names", names);
    for (const auto& [id, element] : ids) {
      names.add(pdf.text_string(id));
      names.add(dicts[element]);
    }
  }

  PdfDict catalog = pdf.catalog();
  catalog.add("StructTreeRoot", root);
  const PdfDict mark_info = pdf.new_dict();
  catalog.add("MarkInfo", mark_info);
  mark_info.add_boolean("Marked", true);
  return pdf.check("structure tree");
}

}  // namespace nashr
