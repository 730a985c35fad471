#pragma once
// A tagged PDF's structure tree (docs/pdf.md, "Tagged PDF"): StructTreeRoot, an element per
// structure element with content, the ParentTree from each page's MCIDs and each link annotation
// to its element, and MarkInfo (the catalog's /Lang is document_objects.h's). The elements and the
// ParentTree's leaves are libharu dictionaries whose entries are written at save time from the
// compact records here (HpdfDocument's DictEntries): a libharu object per key, name, number and
// array would cost about 2 KB an element, 50 MB on a 1,000-page issue. The content streams' marked
// content is marked_content.h's.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "base/result.h"
#include "document/structure.h"
#include "pdf/hpdf_document.h"

namespace nashr {

// What the writer's sequential pass learned from the pages, in the order it went through them.
struct TaggedContent {
  struct Piece {
    std::uint32_t element = kNoElement;
    std::uint32_t page = 0;
    std::int32_t mcid = -1;  // a marked-content sequence; -1: annotations[annotation]
    // kNoElement: an annotation in an artifact (a link in the running footer), given a Link
    // element of its own at the end of the Document.
    std::uint32_t annotation = 0;
  };
  std::vector<Piece> pieces;         // in content order: the order of an element's kids
  std::vector<PdfDict> annotations;  // the link annotations
};

// The tree's objects and the catalog's entries. `pages`: the PDF's pages by index. The result
// writes the objects' entries when the file is saved: keep it (and `tree`, `content`) until then.
// With `threads` > 1 it renders them at once on a worker, while the save writes the objects before
// them. Null when nothing is tagged.
Result<std::unique_ptr<DictEntries>> write_structure_tree(HpdfDocument& pdf, const StructureTree& tree,
                                                          const TaggedContent& content,
                                                          const std::vector<PdfDict>& pages, unsigned threads);

}  // namespace nashr
