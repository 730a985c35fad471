// paginate: the structure elements of a tagged PDF from the resolved blocks (tag_structure.h).
#include "paginate/tag_structure.h"

#include <algorithm>

namespace nashr::paginating {

std::string_view primary_language(std::string_view language) {
  const std::size_t dash = language.find_first_of("-_");
  const std::string_view primary = language.substr(0, dash);
  return primary == "und" ? std::string_view() : primary;
}

namespace {

// The language most of a block's text is in, or empty.
std::string_view main_language(const TextBlock& text) {
  if (!text.span_languages.empty() || text.paragraph.spans.empty()) return text.main_language;
  std::map<std::string_view, std::size_t> bytes;
  for (const StyledSpan& span : text.paragraph.spans) {
    const std::string_view language = primary_language(span.language);
    if (!language.empty()) bytes[language] += span.end - span.begin;
  }
  std::string_view best;
  std::size_t most = 0;
  for (const auto& [language, count] : bytes) {
    if (count > most) best = language, most = count;
  }
  return best;
}

// A span's primary language, from the paragraph or what was kept of it.
std::string_view span_language(const TextBlock& text, std::size_t span) {
  if (span < text.span_languages.size()) return text.span_languages[span];
  return span < text.paragraph.spans.size() ? primary_language(text.paragraph.spans[span].language)
                                            : std::string_view();
}

}  // namespace

void keep_languages(TextBlock& text) {
  if (!text.span_languages.empty()) return;
  text.main_language = std::string(main_language(text));
  for (const StyledSpan& span : text.paragraph.spans) text.span_languages.emplace_back(primary_language(span.language));
}

namespace {

StructureRole heading_role(int level) {
  return level <= 1 ? StructureRole::h1 : level == 2 ? StructureRole::h2 : StructureRole::h3;
}

}  // namespace

Tagging::Tagging(const ResolvedDocument& resolved, StructureTree& tree) : tree_(tree) {
  tree_.lang = std::string(primary_language(resolved.info.language));
  add(StructureRole::document, kNoElement);
  const std::size_t count = resolved.blocks.size();
  blocks_.assign(count, kNoElement);
  labels_.assign(count, kNoElement);
  notes_.assign(resolved.notes.size(), kNoElement);
  std::vector<std::vector<std::size_t>> notes_of_block(count);
  for (std::size_t n = 0; n < resolved.notes.size(); ++n) {
    const ResolvedNote& note = resolved.notes[n];
    if (note.text && note.marker_block < count) notes_of_block[note.marker_block].push_back(n);
  }
  for (std::size_t i = 0; i < count; ++i) {
    const ResolvedBlock& block = resolved.blocks[i];
    if (block.kind == BlockKind::masthead || block.kind == BlockKind::page_break) continue;
    const std::uint32_t parent = container_for(i, block);
    if (block.kind == BlockKind::table) {
      add_table(i, block, parent);
    } else if (block.kind == BlockKind::list_item && labels_[i] != kNoElement) {
      // An item's first paragraph is its LBody's own content: no P of its own (a smaller tree).
      blocks_[i] = parent;
      const std::string_view lang = block.text ? main_language(*block.text) : std::string_view();
      if (lang != inherited_language(tree_.elements[parent].parent)) tree_.elements[parent].lang = add_language(lang);
    } else {
      blocks_[i] = leaf_for(block, parent);
    }
    // A footnote follows the block that refers to it (its marker is a Link to it).
    for (const std::size_t n : notes_of_block[i]) {
      const std::string_view language = main_language(*resolved.notes[n].text);
      notes_[n] = add(StructureRole::note, parent, language);
      tree_.elements[notes_[n]].id = add_text(resolved.notes[n].anchor);
    }
  }
}

std::string_view Tagging::inherited_language(std::uint32_t element) const {
  for (std::uint32_t up = element; up != kNoElement; up = tree_.elements[up].parent) {
    if (tree_.elements[up].lang != kNoText) return tree_.text(tree_.elements[up].lang);
  }
  return tree_.lang;
}

std::uint32_t Tagging::add_text(std::string text) {
  tree_.texts.push_back(std::move(text));
  return static_cast<std::uint32_t>(tree_.texts.size() - 1);
}

std::uint32_t Tagging::add_language(std::string_view lang) {
  if (lang.empty()) return kNoText;
  const auto found = languages_.find(lang);
  if (found != languages_.end()) return found->second;
  const std::uint32_t index = add_text(std::string(lang));
  languages_.emplace(std::string(lang), index);
  return index;
}

std::uint32_t Tagging::add(StructureRole role, std::uint32_t parent, std::string_view lang) {
  StructureElement element;
  element.role = role;
  element.parent = parent;
  // A language is written only where it differs from the one the element inherits.
  if (lang != inherited_language(parent)) element.lang = add_language(lang);
  tree_.elements.push_back(element);
  return static_cast<std::uint32_t>(tree_.elements.size() - 1);
}

// The containers a block sits in, opened and closed as the blocks go: the summary box (Sect), the
// lists (L, then LI with Lbl and LBody per item), a block quote, the table of contents (TOC).
std::uint32_t Tagging::container_for(std::size_t index, const ResolvedBlock& block) {
  struct Want {
    StructureRole role;
    int depth;
  };
  std::vector<Want> wanted;
  if (block.box_group >= 0) wanted.push_back({StructureRole::sect, block.box_group});
  for (int depth = 1; depth <= block.list_depth; ++depth) {
    wanted.push_back({StructureRole::l, depth});
    wanted.push_back({StructureRole::li, depth});
    wanted.push_back({StructureRole::lbody, depth});
  }
  if (block.kind == BlockKind::quote) wanted.push_back({StructureRole::block_quote, 0});
  if (block.kind == BlockKind::contents_entry) wanted.push_back({StructureRole::toc, 0});
  const bool new_item = block.marker.has_value() && block.list_depth > 0;
  std::size_t keep = 0;
  while (keep < open_.size() && keep < wanted.size() && open_[keep].role == wanted[keep].role &&
         open_[keep].depth == wanted[keep].depth &&
         !(new_item && open_[keep].role == StructureRole::li && open_[keep].depth == block.list_depth)) {
    ++keep;
  }
  open_.resize(keep);
  for (std::size_t k = keep; k < wanted.size(); ++k) {
    const std::uint32_t parent = open_.empty() ? 0 : open_.back().element;
    const std::uint32_t element = add(wanted[k].role, parent);
    open_.push_back({wanted[k].role, element, wanted[k].depth});
    if (wanted[k].role == StructureRole::li && new_item && wanted[k].depth == block.list_depth) {
      labels_[index] = add(StructureRole::lbl, element);
    }
  }
  return open_.empty() ? 0 : open_.back().element;
}

std::uint32_t Tagging::leaf_for(const ResolvedBlock& block, std::uint32_t parent) {
  const std::string_view lang = block.text ? main_language(*block.text) : std::string_view();
  switch (block.kind) {
    case BlockKind::heading: return add(heading_role(block.outline_level), parent, lang);
    case BlockKind::summary_title: return add(StructureRole::h1, parent, lang);
    case BlockKind::caption: return add(StructureRole::caption, parent, lang);
    case BlockKind::contents_entry: return add(StructureRole::toci, parent, lang);
    case BlockKind::figure: {
      if (block.alt.empty()) return kNoElement;  // alt="": decorative, an artifact
      const std::uint32_t figure = add(StructureRole::figure, parent);
      tree_.elements[figure].alt = add_text(block.alt);
      return figure;
    }
    case BlockKind::note: {
      const std::uint32_t note = add(StructureRole::note, parent, lang);
      tree_.elements[note].id = add_text(block.anchor.empty() ? "endnote-" + std::to_string(note) : block.anchor);
      return note;
    }
    default: return add(StructureRole::p, parent, lang);
  }
}

void Tagging::add_table(std::size_t index, const ResolvedBlock& block, std::uint32_t parent) {
  const std::uint32_t table = add(StructureRole::table, parent);
  blocks_[index] = table;
  if (!block.table) return;
  std::vector<std::uint32_t>& cells = cells_[index];
  std::uint32_t row = kNoElement;
  std::size_t row_index = SIZE_MAX;
  for (const ResolvedCell& cell : block.table->cells) {
    if (cell.row != row_index) {
      row = add(StructureRole::tr, table);
      row_index = cell.row;
    }
    const std::string_view lang = cell.has_text ? main_language(cell.text) : std::string_view();
    const std::uint32_t element = add(cell.header ? StructureRole::th : StructureRole::td, row, lang);
    tree_.elements[element].row_span = static_cast<std::uint16_t>(std::max(1, cell.row_span));
    tree_.elements[element].column_span = static_cast<std::uint16_t>(std::max(1, cell.column_span));
    cells.push_back(element);
  }
}

std::uint32_t Tagging::cell(std::size_t block, std::size_t cell) const {
  const auto found = cells_.find(block);
  return found == cells_.end() || cell >= found->second.size() ? kNoElement : found->second[cell];
}

std::uint32_t Tagging::inline_element(std::uint32_t leaf, const LineRun& run, const TextBlock* text, bool link) {
  if (leaf == kNoElement || text == nullptr) return kNoElement;
  const std::string_view language = span_language(*text, run.span);
  const bool other_language = !language.empty() && language != inherited_language(leaf);
  if (!link && !other_language) return kNoElement;
  auto [found, inserted] = inline_.try_emplace({leaf, run.span}, kNoElement);
  if (inserted) {
    found->second = add(link ? StructureRole::link : StructureRole::span, leaf,
                        other_language ? language : std::string_view());
    tree_.elements[leaf].mixed = true;
  }
  return found->second;
}

}  // namespace nashr::paginating
