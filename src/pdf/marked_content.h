#pragma once
// A tagged page's marked content (docs/pdf.md, "Tagged PDF"): which structure element or artifact
// each piece of a content stream belongs to, from the `tag` of each page item (document/page.h). Pure,
// like content_stream.h: the content-stream job writes the operators through it, and the sequential
// pass goes over the same items with it to learn each MCID's element (for the ParentTree), without
// writing anything. Both take the same decisions from the same items.
//
// Text runs of one element share a sequence (its MCID) until content of another element comes or
// a graphic interrupts the text object; a sequence opened inside BT closes before ET. Every rule and
// box is an artifact of its own; an image is its element's sequence of its own. Content outside
// every element (covers, rules, boxes, the masthead) is an artifact: the running header's and
// footer's of type Pagination.
#include <cstdint>
#include <string>
#include <vector>

#include "document/page.h"

namespace nashr {

class MarkedContent {
 public:
  // `tree`: the document's structure; null for an untagged file (every call then does nothing).
  // `out`: where the operators go; null to only follow the decisions.
  MarkedContent(const StructureTree* tree, std::string* out) : tree_(tree), out_(out) {}

  bool tagged() const { return tree_ != nullptr; }
  // Before the glyphs of a run tagged `tag`, inside the text object. A run of an element with an
  // /ActualText (`actual_text`) is a sequence of its own with the /ActualText in its property list:
  // poppler ends the enclosing MCID's content at the EMC of a nested sequence without an MCID. Then
  // the property list is left open ("/Span<</MCID 3") for the caller to finish
  // ("/ActualText(…)>>BDC") and true is returned; the caller ends it with EMC after the run.
  bool before_text(std::uint32_t tag, bool actual_text = false);
  // Before ET (the text object ends): the open sequence closes.
  void before_end_text();
  // Around a graphic drawn outside a text object: an image of its element, else an artifact (the
  // running header's for its rule).
  void begin_graphic(bool image, std::uint32_t tag);
  void end_graphic();

  // The same decisions as the content stream's for one item, writing nothing (the sequential pass).
  void follow(const PageItem& item, bool actual_text = false);

  // The element of each MCID given on the page, in MCID order.
  const std::vector<std::uint32_t>& mcid_elements() const { return mcids_; }

 private:
  // What a sequence belongs to: an element, or an artifact (kNoElement, kHeaderArtifact,
  // kFooterArtifact).
  std::uint32_t owner(std::uint32_t tag) const {
    return tag < tree_->elements.size() || tag == kHeaderArtifact || tag == kFooterArtifact ? tag : kNoElement;
  }
  bool is_element(std::uint32_t owner) const { return owner < tree_->elements.size(); }
  void open(std::uint32_t owner, bool leave_open = false);
  void write(const char* text);

  const StructureTree* tree_;
  std::string* out_;
  bool open_in_text_ = false;
  std::uint32_t open_ = kNoElement;
  std::vector<std::uint32_t> mcids_;
};

}  // namespace nashr
