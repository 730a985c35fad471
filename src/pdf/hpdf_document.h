#pragma once
// The writer's one adapter to libharu: every HPDF_* call and every libharu internal is in
// hpdf_document.cpp, and the rest of the writer builds the PDF's objects through this small API.
// libharu numbers the objects in the order they are made indirect and writes dictionary entries in
// the order they are added, so the callers' order is the file's.
//
// libharu records the first error of a document; the calls here do not report one each (a group
// of calls is followed by HpdfDocument::check, which names what failed). Adding to an empty
// PdfDict or PdfArray (an object libharu could not make, out of memory) does nothing: the error is
// already recorded. HpdfDocument's page calls need a real page (check add_page's result).
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "base/result.h"

namespace nashr {

// A libharu object, owned by its HpdfDocument and valid while the document lives; empty when
// libharu could not make it.
class PdfObject {
 public:
  PdfObject() = default;
  explicit operator bool() const { return handle_ != nullptr; }

 private:
  explicit PdfObject(void* handle) : handle_(handle) {}
  void* handle_ = nullptr;
  friend class HpdfDocument;
  friend class PdfDict;
  friend class PdfArray;
};

// A dictionary: also a page, an outline entry, an image or a stream's dictionary.
class PdfDict : public PdfObject {
 public:
  PdfDict() = default;
  void add(const char* key, PdfObject value) const;
  void add_name(const char* key, const char* name) const;
  void add_number(const char* key, std::int32_t value) const;
  void add_real(const char* key, double value) const;  // as libharu's float
  void add_boolean(const char* key, bool value) const;

 private:
  explicit PdfDict(void* handle) : PdfObject(handle) {}
  friend class HpdfDocument;
};

class PdfArray : public PdfObject {
 public:
  PdfArray() = default;
  void add(PdfObject value) const;
  void add_name(const char* name) const;
  void add_number(std::int32_t value) const;
  void add_real(double value) const;  // as libharu's float

 private:
  explicit PdfArray(void* handle) : PdfObject(handle) {}
  friend class HpdfDocument;
};

// Writes the entries of dictionaries it made with HpdfDocument::new_indirect_dict_written_by, when
// the file is saved: objects of many small parts (the structure tree's elements, tens of thousands
// in a long issue) then cost no libharu object per part until then. `out` gets the entries as PDF
// syntax ("/S /P\n/P 12 0 R\n…"), written inside the dictionary's << >>.
class DictEntries {
 public:
  virtual ~DictEntries() = default;
  virtual void write_entries(std::uint32_t object_number, std::string& out) const = 0;
};

class HpdfDocument {
 public:
  // A new document whose objects live in an arena of its own (freed as a few blocks with the
  // document). `compress_images`: libharu deflates the images it loads; nothing else.
  static Result<std::unique_ptr<HpdfDocument>> create(bool compress_images);
  ~HpdfDocument();
  HpdfDocument(const HpdfDocument&) = delete;
  HpdfDocument& operator=(const HpdfDocument&) = delete;

  // Ok, or the document's first error as "cannot write the PDF: <what>: <reason> (libharu error
  // 0x…, detail …)".
  Result<void> check(const std::string& what);

  // ---- objects
  PdfDict new_dict();           // direct: written where it is added
  PdfDict new_indirect_dict();  // numbered, written on its own
  PdfArray new_array();
  PdfArray new_indirect_array();  // numbered, written on its own
  // Numbered, its entries written at save time by `entries` (which must live until save() returns).
  PdfDict new_indirect_dict_written_by(const DictEntries& entries);
  // The number of an indirect object (its "N 0 R"); 0 for a direct or an empty one.
  static std::uint32_t object_number(PdfObject object);
  PdfObject null_object();
  PdfObject boolean(bool value);
  PdfObject number(std::int32_t value);
  PdfObject real(double value);  // as libharu's float
  PdfObject name(const char* name);
  PdfObject ascii_string(const char* text);  // a literal string of these bytes
  PdfObject binary(std::string_view bytes);  // a hex string
  // A text string: literal when printable ASCII, else UTF-16BE with a byte order mark.
  PdfObject text_string(std::string_view utf8);
  PdfDict catalog();
  PdfDict trailer();
  // The Info dictionary's Producer and Creator; it is made by the first call.
  void set_producer_and_creator(const char* text);
  PdfDict info();

  // ---- pages and what they use
  PdfDict add_page(double width, double height);
  // The page's resource name for the Type0 font dictionary `font` (added to its resources).
  const char* font_resource_name(PdfDict page, PdfDict font);
  // The page's resource name for `image` (X1, X2, ...; added to its XObjects); null on failure.
  const char* image_resource_name(PdfDict page, PdfDict image);
  // The page's /Annots array, made when the page has none.
  PdfArray annotations(PdfDict page);
  // The stream dictionary of the page's contents.
  PdfDict page_contents(PdfDict page);
  PdfDict load_png(std::string_view bytes);
  PdfDict load_jpeg(std::string_view bytes);
  // An outline entry at the end of `parent`'s children (the outline's root when empty), with no
  // title yet.
  PdfDict add_outline_entry(PdfDict parent);
  // The entry's children shown (readers open the entry).
  void open_outline_entry(PdfDict entry);
  // The document opens with the outline shown.
  void show_outline_on_opening();

  // ---- streams
  // A new indirect stream, its bytes to come from set_stream_bytes.
  PdfDict new_stream();
  // The bytes of `stream` (also a page's contents): read in place at save time, so `bytes` must
  // live until save() returns. `deflated`: they are zlib data, so /Filter /FlateDecode is added.
  Result<void> set_stream_bytes(PdfDict stream, const std::string& bytes, bool deflated);
  // The same for bytes kept as they were stored elsewhere (an imported figure's image, its font):
  // `filter` is their /Filter entry as written ("/Filter /DCTDecode", or empty), which libharu would
  // otherwise drop from a stream it does not filter itself.
  Result<void> set_stored_stream_bytes(PdfDict stream, const std::string& bytes, std::string filter);

  // ---- saving
  // The file as PDF 1.7; `stream_bytes`, the streams' bytes together, sizes its buffer.
  Result<std::string> save(std::size_t stream_bytes);

 private:
  HpdfDocument();
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace nashr
