#include "pdf/marked_content.h"

namespace nashr {

void MarkedContent::write(const char* text) {
  if (out_ != nullptr) *out_ += text;
}

// Opens a sequence for `owner`: an element's with the next MCID, or an artifact's.
// `leave_open`: the property list stays open for the caller's /ActualText, and the tag is /Span
// (poppler reads an /ActualText only in a /Span's properties; the element's type is in the tree).
void MarkedContent::open(std::uint32_t owner, bool leave_open) {
  open_ = owner;
  if (is_element(owner)) {
    if (out_ != nullptr) {
      *out_ += '/';
      *out_ += leave_open ? "Span" : structure_type(tree_->elements[owner].role);
      *out_ += "<</MCID ";
      *out_ += std::to_string(mcids_.size());
      *out_ += leave_open ? "" : ">>BDC\n";
    }
    mcids_.push_back(owner);
  } else if (owner == kHeaderArtifact) {
    write("/Artifact<</Type/Pagination/Subtype/Header>>BDC\n");
  } else if (owner == kFooterArtifact) {
    write("/Artifact<</Type/Pagination/Subtype/Footer>>BDC\n");
  } else {
    write("/Artifact BMC\n");
  }
}

bool MarkedContent::before_text(std::uint32_t tag, bool actual_text) {
  if (tree_ == nullptr) return false;
  const std::uint32_t wanted = owner(tag);
  // In an artifact the run's own /Span may nest: it holds no MCID.
  actual_text = actual_text && is_element(wanted);
  if (open_in_text_ && wanted == open_ && !actual_text) return false;
  if (open_in_text_) write("EMC\n");
  open(wanted, actual_text);
  open_in_text_ = !actual_text;  // with an /ActualText, the caller's EMC ends it
  return actual_text;
}

void MarkedContent::before_end_text() {
  if (tree_ == nullptr || !open_in_text_) return;
  write("EMC\n");
  open_in_text_ = false;
}

void MarkedContent::begin_graphic(bool image, std::uint32_t tag) {
  if (tree_ == nullptr) return;
  before_end_text();  // the caller has ended the text object; nothing is open by now
  const std::uint32_t wanted = owner(tag);
  open(image || !is_element(wanted) ? wanted : kNoElement);
}

void MarkedContent::follow(const PageItem& item, bool actual_text) {
  if (tree_ == nullptr) return;
  if (const auto* run = std::get_if<GlyphRun>(&item)) {
    if (!run->glyphs.empty()) before_text(run->tag, actual_text);
  } else if (const auto* box = std::get_if<Box>(&item)) {
    if (box->filled || box->stroke_width > 0) begin_graphic(false, kNoElement);
  } else if (const auto* rule = std::get_if<Rule>(&item)) {
    begin_graphic(false, rule->tag);
  } else if (const auto* image = std::get_if<Image>(&item)) {
    begin_graphic(true, image->tag);
  }
}

void MarkedContent::end_graphic() { write(tree_ == nullptr ? "" : "EMC\n"); }

}  // namespace nashr
