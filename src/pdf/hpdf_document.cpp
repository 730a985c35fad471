// The only file that includes libharu (see hpdf_document.h).
#include "pdf/hpdf_document.h"

#include <hpdf.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <deque>
#include <exception>
#include <new>
#include <vector>

#include "base/pdf_text_size.h"
#include "pdf/text_encoding.h"

namespace nashr {

namespace {

// ---- libharu's memory ---------------------------------------------------------------------------

// libharu's objects (tens of thousands of small dictionaries, numbers and names for a 1000-page
// issue) in large blocks of our own, all freed at once after the document: one malloc and free
// each cost more than the object, and freeing them one by one was most of the end of the write.
// Not libharu's own memory pool: Debian's build of it does not align what it hands out, so every
// object would sit at a misaligned address (undefined behaviour, which the sanitizers report).
// What libharu frees while building (an outgrown array's old items, the empty streams
// set_stream_bytes replaces) stays until the end: little next to what stays alive anyway (libharu's
// objects for the RTL 1000-page issue take about 26 MiB, a dictionary entry alone 140 bytes; large
// pieces from the heap instead, freed when libharu frees them, were measured: more memory, not less).
class HpdfArena {
 public:
  // Null when out of memory: libharu reports it as an error.
  void* allocate(std::size_t size) noexcept {
    size = (size + kAlignment - 1) / kAlignment * kAlignment;
    if (size > left_) {
      const std::size_t block = std::max(size, kBlockBytes);
      if (blocks_.size() == blocks_.capacity()) {
        try {
          blocks_.reserve(blocks_.size() * 2 + 16);
        } catch (const std::bad_alloc&) {
          return nullptr;
        }
      }
      auto* memory =
          static_cast<std::byte*>(::operator new (block, std::align_val_t{kAlignment}, std::nothrow));
      if (memory == nullptr) return nullptr;
      blocks_.emplace_back(memory);  // cannot throw: the room is reserved
      next_ = memory;
      left_ = block;
    }
    void* result = next_;
    next_ += size;
    left_ -= size;
    return result;
  }

 private:
  static constexpr std::size_t kAlignment = alignof(std::max_align_t);
  static constexpr std::size_t kBlockBytes = std::size_t{1} << 20;
  struct BlockDeleter {
    void operator()(std::byte* block) const { ::operator delete (block, std::align_val_t{kAlignment}); }
  };
  using Block = std::unique_ptr<std::byte, BlockDeleter>;
  std::vector<Block> blocks_;
  std::byte* next_ = nullptr;
  std::size_t left_ = 0;
};

// libharu's allocation callbacks carry no user data: they reach the arena of the document that
// lives on the calling thread (libharu allocates only on the thread that builds the document).
// Frees are no-ops: the arena frees everything with the document.
thread_local HpdfArena* current_arena = nullptr;

void* allocate_for_libharu(HPDF_UINT size) {
  return current_arena != nullptr ? current_arena->allocate(size) : nullptr;
}

void free_for_libharu(void*) {}

// Makes `arena` the calling thread's arena for libharu while it lives.
class UseArena {
 public:
  explicit UseArena(HpdfArena& arena) : previous_(current_arena) { current_arena = &arena; }
  ~UseArena() { current_arena = previous_; }
  UseArena(const UseArena&) = delete;
  UseArena& operator=(const UseArena&) = delete;

 private:
  HpdfArena* previous_;
};

// ---- errors ---------------------------------------------------------------------------------------

struct HpdfErrors {
  HPDF_STATUS error = HPDF_OK;
  HPDF_STATUS detail = 0;
};

void record_hpdf_error(HPDF_STATUS error, HPDF_STATUS detail, void* user_data) {
  auto* errors = static_cast<HpdfErrors*>(user_data);
  if (errors->error == HPDF_OK) {
    errors->error = error;
    errors->detail = detail;
  }
}

const char* describe_hpdf_error(HPDF_STATUS error) {
  switch (error) {
    case HPDF_FAILD_TO_ALLOC_MEM: return "out of memory";
    case HPDF_INVALID_PNG_IMAGE: return "the PNG image is not valid";
    case HPDF_UNSUPPORTED_JPEG_FORMAT: return "the JPEG format is not supported";
    case HPDF_INVALID_JPEG_DATA: return "the JPEG data is not valid";
    case HPDF_LIBPNG_ERROR: return "libpng could not read the image";
    case HPDF_INVALID_PAGE: return "invalid page";
    case HPDF_PAGE_INVALID_SIZE: return "the page size is out of range (3 to 14400 points)";
    case HPDF_DICT_COUNT_ERR: return "too many entries in one dictionary";
    case HPDF_ARRAY_COUNT_ERR: return "too many entries in one array";
    case HPDF_NAME_OUT_OF_RANGE: return "a name is too long";
    case HPDF_STRING_OUT_OF_RANGE: return "a string is too long";
    case HPDF_XREF_COUNT_ERR: return "too many objects";
    case HPDF_INVALID_OBJECT: return "invalid object";
    default: return "internal error";
  }
}

// ---- streams --------------------------------------------------------------------------------------

// A stream's bytes kept by the writer, read by libharu at save time through a callback stream:
// libharu's own memory stream would copy them twice, a byte at a time.
struct StringSource {
  const std::string* bytes = nullptr;
  std::size_t position = 0;
};

HPDF_STATUS read_string_source(HPDF_Stream stream, HPDF_BYTE* buffer, HPDF_UINT* size) {
  auto* source = static_cast<StringSource*>(stream->attr);
  const std::size_t left = source->bytes->size() - source->position;
  const std::size_t count = std::min<std::size_t>(*size, left);
  std::memcpy(buffer, source->bytes->data() + source->position, count);
  source->position += count;
  *size = static_cast<HPDF_UINT>(count);
  return source->position == source->bytes->size() ? HPDF_STREAM_EOF : HPDF_OK;
}

HPDF_STATUS seek_string_source(HPDF_Stream stream, HPDF_INT position, HPDF_WhenceMode mode) {
  auto* source = static_cast<StringSource*>(stream->attr);
  const auto size = static_cast<std::int64_t>(source->bytes->size());
  std::int64_t target = position;
  if (mode == HPDF_SEEK_CUR) target += static_cast<std::int64_t>(source->position);
  if (mode == HPDF_SEEK_END) target = size - position;
  if (target < 0 || target > size) return HPDF_SetError(stream->error, HPDF_STREAM_EOF, 0);
  source->position = static_cast<std::size_t>(target);
  return HPDF_OK;
}

HPDF_INT32 tell_string_source(HPDF_Stream stream) {
  return static_cast<HPDF_INT32>(static_cast<StringSource*>(stream->attr)->position);
}

HPDF_UINT32 size_string_source(HPDF_Stream stream) {
  return static_cast<HPDF_UINT32>(static_cast<StringSource*>(stream->attr)->bytes->size());
}

// The filter of a stream we compress ourselves: libharu writes the stream's bytes as they are
// (its own filter is off) and calls this before closing the stream's dictionary.
HPDF_STATUS write_flate_filter(HPDF_Dict, HPDF_Stream stream) {
  return HPDF_Stream_WriteStr(stream, "/Filter /FlateDecode\012");
}

// The /Filter of a stream copied as it was stored: its text is the dictionary's attr (a plain stream
// dictionary has none of its own).
HPDF_STATUS write_stored_filter(HPDF_Dict dict, HPDF_Stream stream) {
  const auto* filter = static_cast<const std::string*>(dict->attr);
  if (filter == nullptr || filter->empty()) return HPDF_OK;
  return HPDF_Stream_WriteStr(stream, (*filter + "\012").c_str());
}

// libharu's output stream for saving: appends to a std::string (no memory stream to copy out of).
HPDF_STATUS append_to_string(HPDF_Stream stream, const HPDF_BYTE* data, HPDF_UINT size) {
  try {
    static_cast<std::string*>(stream->attr)->append(reinterpret_cast<const char*>(data), size);
  } catch (const std::exception&) {  // out of memory, or past max_size
    return HPDF_SetError(stream->error, HPDF_FAILD_TO_ALLOC_MEM, 0);
  }
  return HPDF_OK;
}

// The entries of a dictionary made by new_indirect_dict_written_by: its attr is their writer.
HPDF_STATUS write_dict_entries(HPDF_Dict dict, HPDF_Stream stream) {
  std::string entries;
  try {
    static_cast<const DictEntries*>(dict->attr)->write_entries(dict->header.obj_id & 0x00FFFFFF, entries);
  } catch (const std::exception&) {  // out of memory
    return HPDF_SetError(stream->error, HPDF_FAILD_TO_ALLOC_MEM, 0);
  }
  return HPDF_Stream_Write(stream, reinterpret_cast<const HPDF_BYTE*>(entries.data()),
                           static_cast<HPDF_UINT>(entries.size()));
}

HPDF_Dict dict_of(void* handle) {
  return static_cast<HPDF_Dict>(handle);
}

HPDF_Array array_of(void* handle) {
  return static_cast<HPDF_Array>(handle);
}

}  // namespace

// ---- handles --------------------------------------------------------------------------------------

void PdfDict::add(const char* key, PdfObject value) const {
  if (handle_ != nullptr) HPDF_Dict_Add(dict_of(handle_), key, value.handle_);
}

void PdfDict::add_name(const char* key, const char* name) const {
  if (handle_ != nullptr) HPDF_Dict_AddName(dict_of(handle_), key, name);
}

void PdfDict::add_number(const char* key, std::int32_t value) const {
  if (handle_ != nullptr) HPDF_Dict_AddNumber(dict_of(handle_), key, value);
}

void PdfDict::add_real(const char* key, double value) const {
  if (handle_ != nullptr) HPDF_Dict_AddReal(dict_of(handle_), key, static_cast<HPDF_REAL>(value));
}

void PdfDict::add_boolean(const char* key, bool value) const {
  if (handle_ != nullptr) HPDF_Dict_AddBoolean(dict_of(handle_), key, value ? HPDF_TRUE : HPDF_FALSE);
}

void PdfArray::add(PdfObject value) const {
  if (handle_ != nullptr) HPDF_Array_Add(array_of(handle_), value.handle_);
}

void PdfArray::add_name(const char* name) const {
  if (handle_ != nullptr) HPDF_Array_AddName(array_of(handle_), name);
}

void PdfArray::add_number(std::int32_t value) const {
  if (handle_ != nullptr) HPDF_Array_AddNumber(array_of(handle_), value);
}

void PdfArray::add_real(double value) const {
  if (handle_ != nullptr) HPDF_Array_AddReal(array_of(handle_), static_cast<HPDF_REAL>(value));
}

// ---- the document ---------------------------------------------------------------------------------

struct HpdfDocument::State {
  HpdfErrors errors;
  HpdfArena arena;
  UseArena use_arena{arena};
  // Not freed with HPDF_Free: every byte libharu holds (the document, its objects, their streams)
  // came from `arena` through the allocation callbacks, and nothing else (no file, no font file),
  // so the arena frees it all at once. HPDF_Free would walk every object only to call the no-op
  // free: 8-13 ms of a 1000-page issue, on the build's one-core end (bench/README.md).
  HPDF_Doc pdf = nullptr;
  std::vector<HPDF_Page> pages;
  std::deque<StringSource> sources;  // what libharu reads the streams from; never moves
  std::deque<std::string> filters;   // stored streams' /Filter entries (write_stored_filter); never move
};

HpdfDocument::HpdfDocument() : state_(std::make_unique<State>()) {}

HpdfDocument::~HpdfDocument() = default;

Result<std::unique_ptr<HpdfDocument>> HpdfDocument::create(bool compress_images) {
  std::unique_ptr<HpdfDocument> document(new HpdfDocument());
  State& state = *document->state_;
  state.pdf = HPDF_NewEx(record_hpdf_error, allocate_for_libharu, free_for_libharu, 0, &state.errors);
  if (state.pdf == nullptr) return fail(make_error({}, "cannot start a PDF document: out of memory"));
  HPDF_SetCompressionMode(state.pdf, compress_images ? HPDF_COMP_IMAGE : HPDF_COMP_NONE);
  return document;
}

Result<void> HpdfDocument::check(const std::string& what) {
  HPDF_STATUS status = state_->errors.error;
  HPDF_STATUS detail = state_->errors.detail;
  // libharu's internal HPDF_SetError records an error without calling the handler.
  if (status == HPDF_OK) {
    status = HPDF_GetError(state_->pdf);
    detail = HPDF_GetErrorDetail(state_->pdf);
  }
  if (status == HPDF_OK) return Ok{};
  char code[64];
  std::snprintf(code, sizeof code, " (libharu error 0x%04X, detail %u)", static_cast<unsigned>(status),
                static_cast<unsigned>(detail));
  return fail(make_error({}, "cannot write the PDF: " + what + ": " + describe_hpdf_error(status) + code));
}

PdfDict HpdfDocument::new_dict() {
  return PdfDict(HPDF_Dict_New(state_->pdf->mmgr));
}

PdfDict HpdfDocument::new_indirect_dict_written_by(const DictEntries& entries) {
  PdfDict dict = new_indirect_dict();
  if (!dict) return dict;
  dict_of(dict.handle_)->attr = const_cast<DictEntries*>(&entries);  // libharu's attr is not const
  dict_of(dict.handle_)->write_fn = write_dict_entries;
  return dict;
}

std::uint32_t HpdfDocument::object_number(PdfObject object) {
  if (object.handle_ == nullptr) return 0;
  const HPDF_UINT32 id = static_cast<HPDF_Obj_Header*>(object.handle_)->obj_id;
  return (id & HPDF_OTYPE_INDIRECT) != 0 ? id & 0x00FFFFFF : 0;
}

PdfDict HpdfDocument::new_indirect_dict() {
  HPDF_Dict dict = HPDF_Dict_New(state_->pdf->mmgr);
  if (dict == nullptr) return {};
  if (HPDF_Xref_Add(state_->pdf->xref, dict) != HPDF_OK) return {};  // frees dict on failure
  return PdfDict(dict);
}

PdfArray HpdfDocument::new_array() {
  return PdfArray(HPDF_Array_New(state_->pdf->mmgr));
}

PdfArray HpdfDocument::new_indirect_array() {
  HPDF_Array array = HPDF_Array_New(state_->pdf->mmgr);
  if (array == nullptr) return {};
  if (HPDF_Xref_Add(state_->pdf->xref, array) != HPDF_OK) return {};  // frees array on failure
  return PdfArray(array);
}

PdfObject HpdfDocument::null_object() {
  return PdfObject(HPDF_Null_New(state_->pdf->mmgr));
}

PdfObject HpdfDocument::boolean(bool value) {
  return PdfObject(HPDF_Boolean_New(state_->pdf->mmgr, value ? HPDF_TRUE : HPDF_FALSE));
}

PdfObject HpdfDocument::number(std::int32_t value) {
  return PdfObject(HPDF_Number_New(state_->pdf->mmgr, value));
}

PdfObject HpdfDocument::real(double value) {
  return PdfObject(HPDF_Real_New(state_->pdf->mmgr, static_cast<HPDF_REAL>(value)));
}

PdfObject HpdfDocument::name(const char* name) {
  return PdfObject(HPDF_Name_New(state_->pdf->mmgr, name));
}

PdfObject HpdfDocument::ascii_string(const char* text) {
  return PdfObject(HPDF_String_New(state_->pdf->mmgr, text, nullptr));
}

PdfObject HpdfDocument::binary(std::string_view bytes) {
  std::string copy(bytes);  // libharu takes a mutable pointer (and copies)
  return PdfObject(HPDF_Binary_New(state_->pdf->mmgr, reinterpret_cast<HPDF_BYTE*>(copy.data()),
                                   static_cast<HPDF_UINT>(copy.size())));
}

// The readers bound the texts that become text strings by this limit (base/pdf_text_size.h).
static_assert(kLongestPdfString == HPDF_LIMIT_MAX_STRING_LEN);

PdfObject HpdfDocument::text_string(std::string_view utf8) {
  // The same choice as pdf_text_string_size, with which the readers measure these texts.
  if (is_printable_ascii(utf8)) return ascii_string(std::string(utf8).c_str());
  return binary(utf16be_with_bom(utf8));
}

PdfDict HpdfDocument::catalog() {
  return PdfDict(state_->pdf->catalog);
}

PdfDict HpdfDocument::trailer() {
  return PdfDict(state_->pdf->trailer);
}

void HpdfDocument::set_producer_and_creator(const char* text) {
  HPDF_SetInfoAttr(state_->pdf, HPDF_INFO_PRODUCER, text);
  HPDF_SetInfoAttr(state_->pdf, HPDF_INFO_CREATOR, text);
}

PdfDict HpdfDocument::info() {
  return PdfDict(state_->pdf->info);
}

PdfDict HpdfDocument::add_page(double width, double height) {
  HPDF_Page page = HPDF_AddPage(state_->pdf);
  if (page == nullptr) return {};
  HPDF_Page_SetWidth(page, static_cast<HPDF_REAL>(width));
  HPDF_Page_SetHeight(page, static_cast<HPDF_REAL>(height));
  state_->pages.push_back(page);
  return PdfDict(page);
}

const char* HpdfDocument::font_resource_name(PdfDict page, PdfDict font) {
  return HPDF_Page_GetLocalFontName(dict_of(page.handle_), dict_of(font.handle_));
}

// Named as libharu names its own images, in the page's /XObject resources; drawn from our own
// content stream, so the page's stream gets its bytes once, compressed.
const char* HpdfDocument::image_resource_name(PdfDict page, PdfDict image) {
  HPDF_Page pdf_page = dict_of(page.handle_);
  HPDF_Dict loaded = dict_of(image.handle_);
  auto* attributes = static_cast<HPDF_PageAttr>(pdf_page->attr);
  if (attributes->xobjects == nullptr) {
    auto* resources =
        static_cast<HPDF_Dict>(HPDF_Page_GetInheritableItem(pdf_page, "Resources", HPDF_OCLASS_DICT));
    HPDF_Dict xobjects = HPDF_Dict_New(state_->pdf->mmgr);
    if (resources == nullptr || xobjects == nullptr || HPDF_Dict_Add(resources, "XObject", xobjects) != HPDF_OK) {
      return nullptr;
    }
    attributes->xobjects = xobjects;
  }
  const char* name = HPDF_Dict_GetKeyByObj(attributes->xobjects, loaded);
  if (name == nullptr) {
    const std::string new_name = 'X' + std::to_string(attributes->xobjects->list->count + 1);
    if (HPDF_Dict_Add(attributes->xobjects, new_name.c_str(), loaded) != HPDF_OK) return nullptr;
    name = HPDF_Dict_GetKeyByObj(attributes->xobjects, loaded);
  }
  return name;
}

PdfArray HpdfDocument::annotations(PdfDict page) {
  HPDF_Page pdf_page = dict_of(page.handle_);
  auto annotations = static_cast<HPDF_Array>(HPDF_Dict_GetItem(pdf_page, "Annots", HPDF_OCLASS_ARRAY));
  if (annotations == nullptr) {
    annotations = HPDF_Array_New(state_->pdf->mmgr);
    HPDF_Dict_Add(pdf_page, "Annots", annotations);
  }
  return PdfArray(annotations);
}

PdfDict HpdfDocument::page_contents(PdfDict page) {
  return PdfDict(static_cast<HPDF_PageAttr>(dict_of(page.handle_)->attr)->contents);
}

PdfDict HpdfDocument::load_png(std::string_view bytes) {
  return PdfDict(HPDF_LoadPngImageFromMem(state_->pdf, reinterpret_cast<const HPDF_BYTE*>(bytes.data()),
                                          static_cast<HPDF_UINT>(bytes.size())));
}

PdfDict HpdfDocument::load_jpeg(std::string_view bytes) {
  return PdfDict(HPDF_LoadJpegImageFromMem(state_->pdf, reinterpret_cast<const HPDF_BYTE*>(bytes.data()),
                                           static_cast<HPDF_UINT>(bytes.size())));
}

PdfDict HpdfDocument::add_outline_entry(PdfDict parent) {
  return PdfDict(HPDF_CreateOutline(state_->pdf, dict_of(parent.handle_), "", nullptr));
}

void HpdfDocument::open_outline_entry(PdfDict entry) {
  if (entry) HPDF_Outline_SetOpened(dict_of(entry.handle_), HPDF_TRUE);
}

void HpdfDocument::show_outline_on_opening() {
  HPDF_SetPageMode(state_->pdf, HPDF_PAGE_MODE_USE_OUTLINE);
}

PdfDict HpdfDocument::new_stream() {
  return PdfDict(HPDF_DictStream_New(state_->pdf->mmgr, state_->pdf->xref));
}

Result<void> HpdfDocument::set_stream_bytes(PdfDict stream, const std::string& bytes, bool deflated) {
  HPDF_Dict dict = dict_of(stream.handle_);
  if (deflated) dict->write_fn = write_flate_filter;
  StringSource& source = state_->sources.emplace_back(StringSource{&bytes, 0});
  HPDF_Stream reader = HPDF_CallbackReader_New(state_->pdf->mmgr, read_string_source, seek_string_source,
                                               tell_string_source, size_string_source, &source);
  if (reader == nullptr) return check("streams");
  HPDF_Stream_Free(dict->stream);  // empty: nothing was written to it
  dict->stream = reader;
  return Ok{};
}

Result<void> HpdfDocument::set_stored_stream_bytes(PdfDict stream, const std::string& bytes, std::string filter) {
  if (auto set = set_stream_bytes(stream, bytes, false); !set) return set;
  HPDF_Dict dict = dict_of(stream.handle_);
  dict->attr = &state_->filters.emplace_back(std::move(filter));
  dict->write_fn = write_stored_filter;
  return Ok{};
}

Result<std::string> HpdfDocument::save(std::size_t stream_bytes) {
  HPDF_Doc pdf = state_->pdf;
  // A page keeps its contents' stream as the target of libharu's drawing calls: no dangling one.
  for (HPDF_Page page : state_->pages) {
    auto* attributes = static_cast<HPDF_PageAttr>(page->attr);
    attributes->stream = attributes->contents->stream;
  }
  // Last: several libharu calls reset the version. Type0 fonts with CIDSet and ToUnicode: 1.7.
  pdf->pdf_version = HPDF_VER_17;
  std::string bytes;
  // Untouched capacity costs no memory: room for the streams and a few hundred bytes an object.
  bytes.reserve(stream_bytes + std::size_t{512} * pdf->xref->entries->count + (std::size_t{1} << 20));
  pdf->stream = HPDF_CallbackWriter_New(pdf->mmgr, append_to_string, &bytes);
  if (pdf->stream == nullptr) {
    if (Result<void> checked = check("saving"); !checked) return fail(checked.error());
    return fail(make_error({}, "cannot write the PDF: saving: out of memory"));
  }
  HPDF_SaveToStream(pdf);
  if (Result<void> checked = check("saving"); !checked) return fail(checked.error());
  return bytes;
}

}  // namespace nashr
