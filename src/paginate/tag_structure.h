#pragma once
// paginate: the structure elements of a tagged PDF (document/structure.h), made from the resolved
// blocks in document order; the paginator gives each item it places its element (its `tag`).
// docs/pdf.md, "Tagged PDF", lists the elements and where each block's content goes.
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "document/page.h"
#include "linebreak/lines.h"
#include "resolve/resolved_document.h"

namespace nashr::paginating {

class Tagging {
 public:
  // Every block's elements, into `tree` (which must outlive this).
  Tagging(const ResolvedDocument& resolved, StructureTree& tree);

  // The element a block's lines or image belong to; kNoElement: an artifact (the masthead, a
  // figure with alt="").
  std::uint32_t block(std::size_t index) const { return blocks_[index]; }
  // A list item's Lbl, for its marker.
  std::uint32_t label(std::size_t index) const { return labels_[index]; }
  // A footnote's Note.
  std::uint32_t note(std::size_t index) const { return notes_[index]; }
  // A table cell's TH or TD (`cell` indexes ResolvedTable::cells of the block).
  std::uint32_t cell(std::size_t block, std::size_t cell) const;

  // The element a run of `leaf`'s text goes to when not the leaf itself: a Link for a run that
  // links somewhere, a Span with its /Lang for a run in another language than the leaf's; made at
  // first use, one per span of the paragraph. kNoElement: the leaf.
  std::uint32_t inline_element(std::uint32_t leaf, const LineRun& run, const TextBlock* text, bool link);

 private:
  std::uint32_t add(StructureRole role, std::uint32_t parent, std::string_view lang = {});
  // A text of the tree (an /Alt or /ID), and a language's, added once.
  std::uint32_t add_text(std::string text);
  std::uint32_t add_language(std::string_view lang);
  // The language `element` has, its own or its nearest ancestor's, else the document's.
  std::string_view inherited_language(std::uint32_t element) const;
  std::uint32_t leaf_for(const ResolvedBlock& block, std::uint32_t parent);
  void add_table(std::size_t index, const ResolvedBlock& block, std::uint32_t parent);
  std::uint32_t container_for(std::size_t index, const ResolvedBlock& block);

  StructureTree& tree_;
  std::vector<std::uint32_t> blocks_, labels_, notes_;
  std::map<std::size_t, std::vector<std::uint32_t>> cells_;
  std::map<std::pair<std::uint32_t, std::uint32_t>, std::uint32_t> inline_;  // (leaf, span) → element
  std::map<std::string, std::uint32_t, std::less<>> languages_;  // their index in tree_.texts
  // The open containers while the blocks are gone through: role, element, and for lists their depth.
  struct Open {
    StructureRole role;
    std::uint32_t element;
    int depth;
  };
  std::vector<Open> open_;
};

// The primary language subtag ("fa" of "fa-IR"); empty for "und".
std::string_view primary_language(std::string_view language);

// Fills `text`'s span_languages and main_language from its paragraph (before typeset releases it).
void keep_languages(TextBlock& text);

}  // namespace nashr::paginating
