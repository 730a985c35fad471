#include "pdf/structure_tree.h"

#include <algorithm>
#include <condition_variable>
#include <limits>
#include <map>
#include <memory>
#include <mutex>
#include <new>
#include <span>
#include <string>
#include <string_view>
#include <utility>

#include "base/pdf_text_size.h"
#include "base/thread_pool.h"
#include "pdf/text_encoding.h"

namespace nashr {

namespace {

constexpr std::size_t kNone = std::numeric_limits<std::size_t>::max();
// Entries per leaf of the ParentTree's number tree: a reader looks a key up through two small
// arrays instead of one of every page.
constexpr std::size_t kNumberTreeLeaf = 256;

void append_reference(std::string& out, std::uint32_t object_number) {
  out += std::to_string(object_number);
  out += " 0 R";
}

// A text string, chosen as HpdfDocument::text_string chooses (and pdf_text_string_size measures):
// literal when printable ASCII (with ( ) \ escaped), else UTF-16BE with its byte order mark, in hex.
void append_text_string(std::string& out, std::string_view utf8) {
  if (is_printable_ascii(utf8)) {
    out += '(';
    for (const char c : utf8) {
      if (c == '(' || c == ')' || c == '\\') out += '\\';
      out += c;
    }
    out += ')';
    return;
  }
  out += '<';
  out += hex(utf16be_with_bom(utf8));
  out += '>';
}

// A table cell's attributes: a header's scope, and its spans.
void append_table_attributes(std::string& out, const StructureElement& element) {
  const bool header = element.role == StructureRole::th;
  if (!header && element.row_span == 1 && element.column_span == 1) return;
  out += "/A<</O/Table";
  if (header) out += "/Scope/Column";
  if (element.row_span > 1) out += "/RowSpan " + std::to_string(element.row_span);
  if (element.column_span > 1) out += "/ColSpan " + std::to_string(element.column_span);
  out += ">>";
}

// Values 0..count-1 grouped by key in two flat arrays, each group in value order: a vector per key
// would cost 24 bytes and an allocation for each of tens of thousands of elements.
class Groups {
 public:
  Groups() = default;
  // `key_of(value)`: the value's key, or `keys` or more to leave it out.
  template <class KeyOf>
  Groups(std::size_t keys, std::size_t count, KeyOf key_of) : starts_(keys + 1, 0) {
    for (std::size_t value = 0; value < count; ++value) {
      if (const std::size_t key = key_of(value); key < keys) ++starts_[key + 1];
    }
    for (std::size_t key = 0; key < keys; ++key) starts_[key + 1] += starts_[key];
    values_.resize(starts_.back());
    std::vector<std::uint32_t> next(starts_.begin(), starts_.end() - 1);
    for (std::size_t value = 0; value < count; ++value) {
      if (const std::size_t key = key_of(value); key < keys) values_[next[key]++] = static_cast<std::uint32_t>(value);
    }
  }
  std::span<const std::uint32_t> of(std::size_t key) const {
    return {values_.data() + starts_[key], values_.data() + starts_[key + 1]};
  }

 private:
  std::vector<std::uint32_t> starts_;
  std::vector<std::uint32_t> values_;
};

struct Kid {
  std::size_t order;  // a piece's index, or a child's first piece
  bool child;
  std::size_t index;  // the piece or the child element
};

// The tree's objects. Made in three groups, each numbered in order: the elements with content, the
// Link elements of links drawn in artifacts, then the ParentTree's nodes; write_entries finds what
// an object is from its number.
class TreeObjects final : public DictEntries {
 public:
  TreeObjects(HpdfDocument& pdf, const StructureTree& tree, const TaggedContent& content,
              const std::vector<PdfDict>& pages)
      : pdf_(pdf), tree_(tree), content_(content), pages_(pages), first_(tree.elements.size(), kNone),
        dicts_(tree.elements.size()) {}

  // Each element's content and first piece; false when nothing is tagged.
  bool gather();
  ~TreeObjects() override;
  // The objects, each page's /StructParents and each annotation's /StructParent, and the root's
  // entries.
  Result<void> make_objects(PdfDict root);
  // Renders every object's entries ahead of the save, on a worker of the pool (with `threads` > 1)
  // while the save writes the objects made before them (the pages, their contents, the fonts):
  // the tree's entries were 17 ms of a 1000-page issue's 40 ms save, on the build's serial end.
  void render_ahead(unsigned threads);
  void write_entries(std::uint32_t object_number, std::string& out) const override;

 private:
  enum class Kind : std::uint8_t { element, loose_link, parent_tree };
  struct Object {
    Kind kind;
    std::uint32_t index;  // the element, the piece, or the ParentTree's node (0: its root)
  };
  struct Entry {  // one key of the ParentTree
    std::int32_t key;
    std::uint32_t index;  // a page with MCIDs, or an annotation's piece
    bool annotation;
  };

  bool add_object(PdfDict dict, Kind kind, std::size_t index);
  void render() const;
  // Renders here if no worker has begun, else waits for the worker (a worker busy elsewhere, with
  // a report of a batch that waits for this thread, is never waited for).
  void finish_rendering() const;
  void write_object(std::size_t object, std::string& out) const;
  void write_element(std::size_t e, std::string& out) const;
  void write_loose_link(std::size_t piece, std::string& out) const;
  void write_parent_tree_node(std::size_t node, std::string& out) const;
  void write_nums(std::size_t from, std::size_t to, std::string& out) const;
  void write_content_reference(const TaggedContent::Piece& piece, std::string& out) const;
  std::uint32_t page_number(std::size_t page) const { return HpdfDocument::object_number(pages_[page]); }
  std::uint32_t element_number(std::uint32_t element) const;

  HpdfDocument& pdf_;
  const StructureTree& tree_;
  const TaggedContent& content_;
  const std::vector<PdfDict>& pages_;
  Groups own_;  // per element, its pieces
  std::vector<std::size_t> first_;  // per element, its first piece in content order, its own or a descendant's
  std::vector<PdfDict> dicts_;      // per element with content
  Groups children_;  // per element, its children with content
  // Links drawn in artifacts (pieces without element): a Link element each, holding only the
  // annotation, after the rest of the Document.
  std::vector<std::uint32_t> loose_pieces_;
  std::vector<std::uint32_t> loose_numbers_;
  std::vector<std::vector<std::uint32_t>> page_mcids_;  // per page, the element of each MCID
  std::vector<Entry> entries_;
  std::vector<std::uint32_t> leaf_numbers_;  // the ParentTree's leaves, when it has more than one
  std::uint32_t root_number_ = 0;
  std::uint32_t first_object_ = 0;
  std::vector<Object> objects_;  // by object number from first_object_
  // The objects' entries rendered ahead, one after the other: object i's are [offsets_[i],
  // offsets_[i + 1]). Empty until rendered, and when rendering ran out of memory (the save then
  // writes each object's entries itself).
  mutable std::string rendered_;
  mutable std::vector<std::size_t> offsets_;
  // Whether the rendering was posted to a worker, is running (on it or on the save's thread) or is
  // over. Shared with the posted job, which may run after this object is gone: it then finds the
  // rendering over (or cancelled) and does nothing.
  struct Rendering {
    enum class Step : std::uint8_t { none, posted, running, over };
    std::mutex mutex;
    std::condition_variable over;
    Step step = Step::none;
  };
  std::shared_ptr<Rendering> rendering_ = std::make_shared<Rendering>();
};

TreeObjects::~TreeObjects() {
  std::unique_lock<std::mutex> lock(rendering_->mutex);
  if (rendering_->step == Rendering::Step::posted) rendering_->step = Rendering::Step::over;  // not begun: cancelled
  rendering_->over.wait(lock, [this] { return rendering_->step != Rendering::Step::running; });
}

bool TreeObjects::gather() {
  const std::size_t count = tree_.elements.size();
  own_ = Groups(count, content_.pieces.size(), [&](std::size_t p) { return content_.pieces[p].element; });
  for (std::size_t e = count; e-- > 0;) {
    if (!own_.of(e).empty()) first_[e] = std::min<std::size_t>(first_[e], own_.of(e).front());
    const std::uint32_t parent = tree_.elements[e].parent;
    if (parent != kNoElement && parent < e) first_[parent] = std::min(first_[parent], first_[e]);
  }
  return count > 0 && first_[0] != kNone;
}

bool TreeObjects::add_object(PdfDict dict, Kind kind, std::size_t index) {
  const std::uint32_t number = HpdfDocument::object_number(dict);
  if (number == 0) return false;  // libharu's error is recorded
  if (objects_.empty()) first_object_ = number;
  // libharu numbers objects in the order they are made (hpdf_document.h): nothing else is made
  // between these, so their numbers follow each other.
  if (number != first_object_ + objects_.size()) return false;
  objects_.push_back({kind, static_cast<std::uint32_t>(index)});
  return true;
}

Result<void> TreeObjects::make_objects(PdfDict root) {
  root_number_ = HpdfDocument::object_number(root);
  bool numbered = true;
  for (std::size_t e = 0; e < dicts_.size(); ++e) {
    if (first_[e] == kNone) continue;
    dicts_[e] = pdf_.new_indirect_dict_written_by(*this);
    numbered = add_object(dicts_[e], Kind::element, e) && numbered;
  }
  children_ = Groups(dicts_.size(), dicts_.size(), [&](std::size_t e) {
    return e > 0 && first_[e] != kNone ? std::size_t{tree_.elements[e].parent} : kNone;
  });
  for (std::size_t p = 0; p < content_.pieces.size(); ++p) {
    if (content_.pieces[p].element != kNoElement || content_.pieces[p].mcid >= 0) continue;
    const PdfDict link = pdf_.new_indirect_dict_written_by(*this);
    numbered = add_object(link, Kind::loose_link, p) && numbered;
    loose_pieces_.push_back(static_cast<std::uint32_t>(p));
    loose_numbers_.push_back(HpdfDocument::object_number(link));
  }

  // The ParentTree: per page with marked content (its /StructParents is its index) the element of
  // each MCID, then per annotation (its /StructParent follows the pages') its element.
  page_mcids_.resize(pages_.size());
  std::vector<bool> page_has_links(pages_.size(), false);
  for (const TaggedContent::Piece& piece : content_.pieces) {
    if (piece.mcid < 0) {
      page_has_links[piece.page] = true;
      continue;
    }
    std::vector<std::uint32_t>& mcids = page_mcids_[piece.page];
    const auto mcid = static_cast<std::size_t>(piece.mcid);
    if (mcids.size() <= mcid) mcids.resize(mcid + 1, kNoElement);
    mcids[mcid] = piece.element;
  }
  for (std::size_t p = 0; p < pages_.size(); ++p) {
    if (page_has_links[p]) pages_[p].add_name("Tabs", "S");  // tab order: the structure's
    if (page_mcids_[p].empty()) continue;
    pages_[p].add_number("StructParents", static_cast<std::int32_t>(p));
    entries_.push_back({static_cast<std::int32_t>(p), static_cast<std::uint32_t>(p), false});
  }
  for (std::size_t p = 0; p < content_.pieces.size(); ++p) {
    const TaggedContent::Piece& piece = content_.pieces[p];
    if (piece.mcid >= 0) continue;
    const auto key = static_cast<std::int32_t>(pages_.size() + piece.annotation);
    content_.annotations[piece.annotation].add_number("StructParent", key);
    entries_.push_back({key, static_cast<std::uint32_t>(p), true});
  }
  const PdfDict parent_tree = pdf_.new_indirect_dict_written_by(*this);
  numbered = add_object(parent_tree, Kind::parent_tree, 0) && numbered;
  if (entries_.size() > kNumberTreeLeaf) {
    for (std::size_t from = 0, leaf = 1; from < entries_.size(); from += kNumberTreeLeaf, ++leaf) {
      const PdfDict node = pdf_.new_indirect_dict_written_by(*this);
      numbered = add_object(node, Kind::parent_tree, leaf) && numbered;
      leaf_numbers_.push_back(HpdfDocument::object_number(node));
    }
  }
  if (Result<void> checked = pdf_.check("structure elements"); !checked) return checked;
  if (!numbered) return fail(make_error({}, "cannot write the PDF: structure elements: objects out of order"));

  root.add("K", dicts_[0]);
  root.add("ParentTree", parent_tree);
  root.add_number("ParentTreeNextKey", static_cast<std::int32_t>(pages_.size() + content_.annotations.size()));
  // The notes' /IDs (a name tree in one node, keys in byte order).
  std::map<std::string_view, std::uint32_t> ids;
  for (std::size_t e = 0; e < dicts_.size(); ++e) {
    if (first_[e] != kNone && tree_.elements[e].id != kNoText) ids.emplace(tree_.text(tree_.elements[e].id), e);
  }
  if (!ids.empty()) {
    const PdfDict id_tree = pdf_.new_dict();
    root.add("IDTree", id_tree);
    const PdfArray names = pdf_.new_array();
    id_tree.add("Names", names);
    for (const auto& [id, element] : ids) {
      names.add(pdf_.text_string(id));
      names.add(dicts_[element]);
    }
  }
  return Ok{};
}

std::uint32_t TreeObjects::element_number(std::uint32_t element) const {
  return HpdfDocument::object_number(dicts_[element]);
}

void TreeObjects::render() const {
  try {
    std::vector<std::size_t> offsets;
    offsets.reserve(objects_.size() + 1);
    std::string rendered;
    for (std::size_t i = 0; i < objects_.size(); ++i) {
      offsets.push_back(rendered.size());
      write_object(i, rendered);
    }
    offsets.push_back(rendered.size());
    rendered_ = std::move(rendered);
    offsets_ = std::move(offsets);
  } catch (const std::bad_alloc&) {  // the save writes each object's entries itself
  }
}

void TreeObjects::render_ahead(unsigned threads) {
  if (thread_count(threads) < 2) return;  // the save writes each object's entries as it goes
  rendering_->step = Rendering::Step::posted;
  // `this` is used only once the job has claimed the rendering; the destructor waits for that.
  run_later(
      [this, rendering = rendering_] {
        {
          const std::lock_guard<std::mutex> lock(rendering->mutex);
          if (rendering->step != Rendering::Step::posted) return;
          rendering->step = Rendering::Step::running;
        }
        render();
        {
          const std::lock_guard<std::mutex> lock(rendering->mutex);
          rendering->step = Rendering::Step::over;
        }
        rendering->over.notify_all();
      },
      thread_count(threads));
}

void TreeObjects::finish_rendering() const {
  std::unique_lock<std::mutex> lock(rendering_->mutex);
  if (rendering_->step == Rendering::Step::posted) {
    rendering_->step = Rendering::Step::running;
    lock.unlock();
    render();
    lock.lock();
    rendering_->step = Rendering::Step::over;
    rendering_->over.notify_all();
    return;
  }
  rendering_->over.wait(lock, [this] { return rendering_->step != Rendering::Step::running; });
}

void TreeObjects::write_entries(std::uint32_t object_number, std::string& out) const {
  const std::size_t object = object_number - first_object_;
  finish_rendering();
  if (offsets_.empty()) {
    write_object(object, out);
  } else {
    out.append(rendered_, offsets_[object], offsets_[object + 1] - offsets_[object]);
  }
}

void TreeObjects::write_object(std::size_t i, std::string& out) const {
  const Object& object = objects_[i];
  switch (object.kind) {
    case Kind::element: write_element(object.index, out); break;
    case Kind::loose_link: write_loose_link(object.index, out); break;
    case Kind::parent_tree: write_parent_tree_node(object.index, out); break;
  }
}

void TreeObjects::write_element(std::size_t e, std::string& out) const {
  const StructureElement& element = tree_.elements[e];
  // No /Type: optional for structure elements, and 18 bytes of each of thousands of objects.
  out += "/S/";
  out += structure_type(element.role);
  out += "/P ";
  append_reference(out, e == 0 ? root_number_ : element_number(element.parent));
  const auto append_text_entry = [&](const char* key, std::uint32_t text) {
    if (text == kNoText) return;
    out += key;
    append_text_string(out, tree_.text(text));
  };
  append_text_entry("/ID", element.id);
  append_text_entry("/Lang", element.lang);
  append_text_entry("/Alt", element.alt);
  append_table_attributes(out, element);
  // Kids: the element's own content and its children, in content order when its content holds
  // theirs (a P with a Link), else its content first and its children in document order.
  std::vector<Kid> kids;
  kids.reserve(own_.of(e).size() + children_.of(e).size());
  for (const std::uint32_t piece : own_.of(e)) kids.push_back({piece, false, piece});
  for (const std::uint32_t child : children_.of(e)) kids.push_back({element.mixed ? first_[child] : kNone, true, child});
  if (element.mixed) {
    std::stable_sort(kids.begin(), kids.end(), [](const Kid& a, const Kid& b) { return a.order < b.order; });
  }
  const std::size_t page = own_.of(e).empty() ? kNone : content_.pieces[own_.of(e).front()].page;
  if (page != kNone) {
    out += "/Pg ";
    append_reference(out, page_number(page));
  }
  out += "/K[";
  for (const Kid& kid : kids) {
    if (kid.child) {
      append_reference(out, element_number(static_cast<std::uint32_t>(kid.index)));
    } else if (const TaggedContent::Piece& piece = content_.pieces[kid.index]; piece.mcid >= 0 && piece.page == page) {
      out += std::to_string(piece.mcid);  // on the element's /Pg
    } else {
      write_content_reference(piece, out);
    }
    out += ' ';
  }
  if (e == 0) {
    for (const std::uint32_t number : loose_numbers_) {
      append_reference(out, number);
      out += ' ';
    }
  }
  if (out.back() == ' ') out.pop_back();
  out += ']';
}

void TreeObjects::write_loose_link(std::size_t piece, std::string& out) const {
  out += "/S/Link/P ";
  append_reference(out, element_number(0));
  out += "/Pg ";
  append_reference(out, page_number(content_.pieces[piece].page));
  out += "/K[";
  write_content_reference(content_.pieces[piece], out);
  out += ']';
}

// An MCR (marked content on another page than the element's /Pg) or an OBJR (an annotation).
void TreeObjects::write_content_reference(const TaggedContent::Piece& piece, std::string& out) const {
  out += piece.mcid >= 0 ? "<</Type/MCR/Pg " : "<</Type/OBJR/Pg ";
  append_reference(out, page_number(piece.page));
  if (piece.mcid >= 0) {
    out += "/MCID ";
    out += std::to_string(piece.mcid);
  } else {
    out += "/Obj ";
    append_reference(out, HpdfDocument::object_number(content_.annotations[piece.annotation]));
  }
  out += ">>";
}

// Node 0 is the root: the /Nums of every entry, or /Kids of leaves of kNumberTreeLeaf entries.
void TreeObjects::write_parent_tree_node(std::size_t node, std::string& out) const {
  if (node == 0 && leaf_numbers_.empty()) {
    write_nums(0, entries_.size(), out);
    return;
  }
  if (node == 0) {
    out += "/Kids[";
    for (const std::uint32_t number : leaf_numbers_) {
      append_reference(out, number);
      out += ' ';
    }
    out.back() = ']';  // there are two leaves or more
    return;
  }
  const std::size_t from = (node - 1) * kNumberTreeLeaf;
  const std::size_t to = std::min(entries_.size(), from + kNumberTreeLeaf);
  out += "/Limits[" + std::to_string(entries_[from].key) + ' ' + std::to_string(entries_[to - 1].key) + "]";
  write_nums(from, to, out);
}

void TreeObjects::write_nums(std::size_t from, std::size_t to, std::string& out) const {
  out += "/Nums[";
  for (std::size_t i = from; i < to; ++i) {
    const Entry& entry = entries_[i];
    out += std::to_string(entry.key);
    out += ' ';
    if (entry.annotation) {
      const TaggedContent::Piece& piece = content_.pieces[entry.index];
      if (piece.element == kNoElement) {
        const auto loose = std::lower_bound(loose_pieces_.begin(), loose_pieces_.end(), entry.index);
        append_reference(out, loose_numbers_[static_cast<std::size_t>(loose - loose_pieces_.begin())]);
      } else {
        append_reference(out, element_number(piece.element));
      }
    } else {
      out += '[';
      for (const std::uint32_t element : page_mcids_[entry.index]) {
        append_reference(out, element_number(element));
        out += ' ';
      }
      if (out.back() == ' ') out.pop_back();
      out += ']';
    }
    out += ' ';
  }
  if (out.back() == ' ') out.pop_back();
  out += ']';
}

}  // namespace

Result<std::unique_ptr<DictEntries>> write_structure_tree(HpdfDocument& pdf, const StructureTree& tree,
                                                          const TaggedContent& content,
                                                          const std::vector<PdfDict>& pages, unsigned threads) {
  auto objects = std::make_unique<TreeObjects>(pdf, tree, content, pages);
  if (!objects->gather()) return std::unique_ptr<DictEntries>();
  const PdfDict root = pdf.new_indirect_dict();
  root.add_name("Type", "StructTreeRoot");
  if (Result<void> made = objects->make_objects(root); !made) return fail(made.error());
  PdfDict catalog = pdf.catalog();
  catalog.add("StructTreeRoot", root);
  const PdfDict mark_info = pdf.new_dict();
  catalog.add("MarkInfo", mark_info);
  mark_info.add_boolean("Marked", true);
  if (Result<void> checked = pdf.check("structure tree"); !checked) return fail(checked.error());
  objects->render_ahead(threads);
  return std::unique_ptr<DictEntries>(std::move(objects));
}

}  // namespace nashr
