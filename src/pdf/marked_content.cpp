#include "pdf/marked_content.h"

namespace nashr {

void MarkedContent::write(const char* text) {
  if (out_ != nullptr) *out_ += text;
}

void MarkedContent::mark(const ContentMark& mark) {
  if (tree_ == nullptr) return;
  if (mark.kind == ContentMark::Kind::end) {
    if (!stack_.empty()) stack_.pop_back();
  } else {
    stack_.push_back({mark.kind, mark.kind == ContentMark::Kind::element ? mark.element : kNoElement});
  }
}

MarkedContent::Owner MarkedContent::wanted() const {
  if (stack_.empty()) return {};
  const Owner& top = stack_.back();
  if (top.kind == ContentMark::Kind::element && top.element >= tree_->elements.size()) return {};
  return top;
}

std::uint32_t MarkedContent::current_element() const {
  const Owner owner = wanted();
  return owner.kind == ContentMark::Kind::element ? owner.element : kNoElement;
}

// Opens a sequence for `owner`: an element's with the next MCID, or an artifact's.
// `leave_open`: the property list stays open for the caller's /ActualText, and the tag is /Span
// (poppler reads an /ActualText only in a /Span's properties; the element's type is in the tree).
void MarkedContent::open(const Owner& owner, bool leave_open) {
  open_ = owner;
  const char* end = leave_open ? "" : ">>BDC\n";
  switch (owner.kind) {
    case ContentMark::Kind::element: {
      if (out_ != nullptr) {
        *out_ += '/';
        *out_ += leave_open ? "Span" : structure_type(tree_->elements[owner.element].role);
        *out_ += "<</MCID ";
        *out_ += std::to_string(mcids_.size());
        *out_ += end;
      }
      mcids_.push_back(owner.element);
      break;
    }
    case ContentMark::Kind::header: write("/Artifact<</Type/Pagination/Subtype/Header>>BDC\n"); break;
    case ContentMark::Kind::footer: write("/Artifact<</Type/Pagination/Subtype/Footer>>BDC\n"); break;
    case ContentMark::Kind::end: write("/Artifact BMC\n"); break;
  }
}

bool MarkedContent::before_text(bool actual_text) {
  if (tree_ == nullptr) return false;
  const Owner owner = wanted();
  // In an artifact the run's own /Span may nest: it holds no MCID.
  actual_text = actual_text && owner.kind == ContentMark::Kind::element;
  if (open_in_text_ && owner == open_ && !actual_text) return false;
  if (open_in_text_) write("EMC\n");
  open(owner, actual_text);
  open_in_text_ = true;
  if (actual_text) open_in_text_ = false;  // the caller's EMC ends it
  return actual_text;
}

void MarkedContent::before_end_text() {
  if (tree_ == nullptr || !open_in_text_) return;
  write("EMC\n");
  open_in_text_ = false;
}

void MarkedContent::begin_graphic(bool image) {
  if (tree_ == nullptr) return;
  before_end_text();  // the caller has ended the text object; nothing is open by now
  const Owner owner = wanted();
  if (image && owner.kind == ContentMark::Kind::element) {
    open(owner);
  } else if (owner.kind == ContentMark::Kind::header || owner.kind == ContentMark::Kind::footer) {
    open(owner);
  } else {
    open({});
  }
}

void MarkedContent::follow(const PageItem& item, bool actual_text) {
  if (tree_ == nullptr) return;
  if (const auto* mark = std::get_if<ContentMark>(&item)) {
    this->mark(*mark);
  } else if (const auto* run = std::get_if<GlyphRun>(&item)) {
    if (!run->glyphs.empty()) before_text(actual_text);
  } else if (const auto* box = std::get_if<Box>(&item)) {
    if (box->filled || box->stroke_width > 0) begin_graphic(false);
  } else if (std::holds_alternative<Rule>(item) || std::holds_alternative<Image>(item)) {
    begin_graphic(std::holds_alternative<Image>(item));
  }
}

void MarkedContent::end_graphic() { write(tree_ == nullptr ? "" : "EMC\n"); }

}  // namespace nashr
