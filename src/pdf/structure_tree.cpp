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

// The tree's objects, element by element, then the ParentTree and the IDTree.
class TreeWriter {
 public:
  TreeWriter(HpdfDocument& pdf, const StructureTree& tree, const TaggedContent& content, const std::vector<PdfDict>& pages)
      : pdf_(pdf), tree_(tree), content_(content), pages_(pages), own_(tree.elements.size()),
        first_(tree.elements.size(), kNone), dicts_(tree.elements.size()), children_(tree.elements.size()),
        loose_(content.pieces.size()) {}

  // Each element's content and first piece; false when nothing is tagged.
  bool gather();
  void write_elements(PdfDict root);
  void write_parent_tree(PdfDict root);
  void write_id_tree(PdfDict root);

 private:
  void write_element(std::size_t e, PdfDict root);
  void write_reference(const TaggedContent::Piece& piece, PdfArray kids);

  HpdfDocument& pdf_;
  const StructureTree& tree_;
  const TaggedContent& content_;
  const std::vector<PdfDict>& pages_;
  std::vector<std::vector<std::size_t>> own_;  // per element, its pieces
  std::vector<std::size_t> first_;  // per element, its first piece in content order, its own or a descendant's
  std::vector<PdfDict> dicts_;
  std::vector<std::vector<std::uint32_t>> children_;
  // Links drawn in artifacts (pieces without element): a Link element each, holding only the
  // annotation, after the rest of the Document.
  std::vector<PdfDict> loose_;
  std::vector<std::size_t> loose_pieces_;
  std::map<std::string, std::uint32_t> ids_;
};

bool TreeWriter::gather() {
  const std::size_t count = tree_.elements.size();
  for (std::size_t p = 0; p < content_.pieces.size(); ++p) {
    if (content_.pieces[p].element < count) own_[content_.pieces[p].element].push_back(p);
  }
  for (std::size_t e = count; e-- > 0;) {
    if (!own_[e].empty()) first_[e] = std::min(first_[e], own_[e].front());
    const std::uint32_t parent = tree_.elements[e].parent;
    if (parent != kNoElement && parent < e) first_[parent] = std::min(first_[parent], first_[e]);
  }
  return count > 0 && first_[0] != kNone;
}

// An indirect dictionary per element with content (others are left out), in element order.
void TreeWriter::write_elements(PdfDict root) {
  for (std::size_t e = 0; e < dicts_.size(); ++e) {
    if (first_[e] == kNone) continue;
    dicts_[e] = pdf_.new_indirect_dict();
    if (e > 0) children_[tree_.elements[e].parent].push_back(static_cast<std::uint32_t>(e));
  }
  root.add("K", dicts_[0]);
  for (std::size_t p = 0; p < content_.pieces.size(); ++p) {
    if (content_.pieces[p].element != kNoElement || content_.pieces[p].mcid >= 0) continue;
    loose_[p] = pdf_.new_indirect_dict();
    loose_pieces_.push_back(p);
  }
  for (std::size_t e = 0; e < dicts_.size(); ++e) {
    if (first_[e] != kNone) write_element(e, root);
  }
  for (const std::size_t p : loose_pieces_) {
    const PdfDict link = loose_[p];
    link.add_name("S", "Link");
    link.add("P", dicts_[0]);
    link.add("Pg", pages_[content_.pieces[p].page]);
    const PdfArray kids = pdf_.new_array();
    link.add("K", kids);
    write_reference(content_.pieces[p], kids);
  }
}

void TreeWriter::write_element(std::size_t e, PdfDict root) {
  const StructureElement& element = tree_.elements[e];
  const PdfDict dict = dicts_[e];
  // No /Type: optional for structure elements, and 18 bytes of each of thousands of objects.
  dict.add_name("S", structure_type(element.role));
  dict.add("P", e == 0 ? root : dicts_[element.parent]);
  if (!element.id.empty()) {
    dict.add("ID", pdf_.text_string(element.id));
    ids_.emplace(element.id, static_cast<std::uint32_t>(e));
  }
  if (!element.lang.empty()) dict.add("Lang", pdf_.text_string(element.lang));
  if (!element.alt.empty()) dict.add("Alt", pdf_.text_string(element.alt));
  add_table_attributes(pdf_, dict, element);
  // Kids: the element's own content and its children, in content order when its content holds
  // theirs (a P with a Link), else its content first and its children in document order.
  std::vector<Kid> kids;
  for (const std::size_t piece : own_[e]) kids.push_back({piece, false, piece});
  for (const std::uint32_t child : children_[e]) kids.push_back({element.mixed ? first_[child] : kNone, true, child});
  if (element.mixed) {
    std::stable_sort(kids.begin(), kids.end(), [](const Kid& a, const Kid& b) { return a.order < b.order; });
  }
  const std::size_t page = own_[e].empty() ? kNone : content_.pieces[own_[e].front()].page;
  if (page != kNone) dict.add("Pg", pages_[page]);
  const PdfArray array = pdf_.new_array();
  dict.add("K", array);
  for (const Kid& kid : kids) {
    if (kid.child) {
      array.add(dicts_[kid.index]);
      continue;
    }
    const TaggedContent::Piece& piece = content_.pieces[kid.index];
    if (piece.mcid >= 0 && piece.page == page) {
      array.add_number(piece.mcid);  // on the element's /Pg
    } else {
      write_reference(piece, array);
    }
  }
  if (e == 0) {
    for (const std::size_t p : loose_pieces_) array.add(loose_[p]);
  }
}

// An MCR (marked content on another page than the element's /Pg) or an OBJR (an annotation).
void TreeWriter::write_reference(const TaggedContent::Piece& piece, PdfArray kids) {
  const PdfDict reference = pdf_.new_dict();
  kids.add(reference);
  reference.add_name("Type", piece.mcid >= 0 ? "MCR" : "OBJR");
  reference.add("Pg", pages_[piece.page]);
  if (piece.mcid >= 0) {
    reference.add_number("MCID", piece.mcid);
  } else {
    reference.add("Obj", content_.annotations[piece.annotation]);
  }
}

// Per page with marked content (its /StructParents is its index) the element of each MCID, then
// per annotation (its /StructParent follows the pages') its element.
void TreeWriter::write_parent_tree(PdfDict root) {
  std::vector<std::vector<std::uint32_t>> page_mcids(pages_.size());
  std::vector<bool> page_has_links(pages_.size(), false);
  for (const TaggedContent::Piece& piece : content_.pieces) {
    if (piece.mcid < 0) {
      page_has_links[piece.page] = true;
      continue;
    }
    std::vector<std::uint32_t>& mcids = page_mcids[piece.page];
    const auto mcid = static_cast<std::size_t>(piece.mcid);
    if (mcids.size() <= mcid) mcids.resize(mcid + 1, kNoElement);
    mcids[mcid] = piece.element;
  }
  std::vector<std::pair<std::int32_t, PdfObject>> entries;
  for (std::size_t p = 0; p < pages_.size(); ++p) {
    if (page_has_links[p]) pages_[p].add_name("Tabs", "S");  // tab order: the structure's
    if (page_mcids[p].empty()) continue;
    pages_[p].add_number("StructParents", static_cast<std::int32_t>(p));
    const PdfArray elements = pdf_.new_array();
    for (const std::uint32_t element : page_mcids[p]) elements.add(dicts_[element]);
    entries.emplace_back(static_cast<std::int32_t>(p), elements);
  }
  for (std::size_t p = 0; p < content_.pieces.size(); ++p) {
    const TaggedContent::Piece& piece = content_.pieces[p];
    if (piece.mcid >= 0) continue;
    const auto key = static_cast<std::int32_t>(pages_.size() + piece.annotation);
    content_.annotations[piece.annotation].add_number("StructParent", key);
    entries.emplace_back(key, piece.element == kNoElement ? loose_[p] : dicts_[piece.element]);
  }
  const PdfDict parent_tree = pdf_.new_indirect_dict();
  root.add("ParentTree", parent_tree);
  write_number_tree(pdf_, parent_tree, entries);
  root.add_number("ParentTreeNextKey", static_cast<std::int32_t>(pages_.size() + content_.annotations.size()));
}

// The notes' /IDs (a name tree in one node, keys in byte order).
void TreeWriter::write_id_tree(PdfDict root) {
  if (ids_.empty()) return;
  const PdfDict id_tree = pdf_.new_dict();
  root.add("IDTree", id_tree);
  const PdfArray names = pdf_.new_array();
  id_tree.add("Names", names);
  for (const auto& [id, element] : ids_) {
    names.add(pdf_.text_string(id));
    names.add(dicts_[element]);
  }
}

}  // namespace

Result<void> write_structure_tree(HpdfDocument& pdf, const StructureTree& tree, const TaggedContent& content,
                                  const std::vector<PdfDict>& pages) {
  TreeWriter writer(pdf, tree, content, pages);
  if (!writer.gather()) return Ok{};
  const PdfDict root = pdf.new_indirect_dict();
  root.add_name("Type", "StructTreeRoot");
  writer.write_elements(root);
  if (auto checked = pdf.check("structure elements"); !checked) return checked;
  writer.write_parent_tree(root);
  writer.write_id_tree(root);
  PdfDict catalog = pdf.catalog();
  catalog.add("StructTreeRoot", root);
  const PdfDict mark_info = pdf.new_dict();
  catalog.add("MarkInfo", mark_info);
  mark_info.add_boolean("Marked", true);
  return pdf.check("structure tree");
}

}  // namespace nashr
