#include "pdf/pdf_writer.h"

#include <hpdf.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>

#ifdef __GLIBC__
#include <malloc.h>
#endif

#include <algorithm>
#include <array>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <deque>
#include <exception>
#include <functional>
#include <limits>
#include <map>
#include <memory>
#include <new>
#include <optional>
#include <string>
#include <system_error>
#include <unordered_map>
#include <utility>
#include <vector>

#include "base/file_io.h"
#include "base/thread_pool.h"
#include "base/version.h"
#include "fonts/font_db.h"
#include "pdf/font_subset.h"
#include "pdf/file_id.h"
#include "pdf/stream_deflate.h"
#include "pdf/text_encoding.h"

namespace nashr {

namespace fs = std::filesystem;

namespace {

// ---- small helpers -----------------------------------------------------------------------------

// Rounds half away from zero, like std::round, without a libm call in the glyph loop (the values
// are positions in thousandths of an em or ten-thousandths of a point, far below 2^53).
inline double round_half_away(double value) {
  return value >= 0 ? static_cast<double>(static_cast<std::int64_t>(value + 0.5))
                    : -static_cast<double>(static_cast<std::int64_t>(0.5 - value));
}

// A number rounded to ten-thousandths (PageContent::rounded) fits the fast path below when its
// magnitude is under 10^11: at most 1 + 11 + 1 + 4 characters.
constexpr double kFastNumberLimit = 1e15;  // in ten-thousandths
constexpr std::size_t kFastNumberChars = 24;

// Writes `units` ten-thousandths as a content-stream number (no trailing zeros, never "-0") at
// `at`, which has room for kFastNumberChars; returns the end.
char* write_ten_thousandths(char* at, std::int64_t units) {
  if (units == 0) {
    *at = '0';
    return at + 1;
  }
  if (units < 0) *at++ = '-';
  const std::uint64_t magnitude =
      units < 0 ? static_cast<std::uint64_t>(-units) : static_cast<std::uint64_t>(units);
  std::uint64_t whole = magnitude / 10000;
  const auto fraction = static_cast<unsigned>(magnitude % 10000);
  char digits[20];
  int count = 0;
  do {
    digits[count++] = static_cast<char>('0' + whole % 10);
    whole /= 10;
  } while (whole != 0);
  while (count > 0) *at++ = digits[--count];
  if (fraction != 0) {
    // All four decimals are written; the end moves back over the trailing zeros.
    at[0] = '.';
    at[1] = static_cast<char>('0' + fraction / 1000);
    at[2] = static_cast<char>('0' + fraction / 100 % 10);
    at[3] = static_cast<char>('0' + fraction / 10 % 10);
    at[4] = static_cast<char>('0' + fraction % 10);
    at += 5;
    while (at[-1] == '0') --at;
  }
  return at;
}

// Numbers in content streams: at most 4 decimals, no trailing zeros, never "-0". The value is
// rounded to ten-thousandths exactly as PageContent::rounded does, so what is written is what the
// writer tracks.
void append_number(std::string& out, double value) {
  const double scaled = value * 10000.0;
  if (!(std::abs(scaled) < kFastNumberLimit)) {  // out of the layout's range (or NaN)
    char buffer[400];
    const auto [end, code] = std::to_chars(buffer, buffer + sizeof buffer, std::isfinite(value) ? value : 0.0,
                                           std::chars_format::fixed, 4);
    out.append(buffer, code == std::errc() ? static_cast<std::size_t>(end - buffer) : 0);
    return;
  }
  char buffer[kFastNumberChars];
  const char* end = write_ten_thousandths(buffer, static_cast<std::int64_t>(round_half_away(scaled)));
  out.append(buffer, static_cast<std::size_t>(end - buffer));
}

// Content bytes gathered in a fixed buffer and appended to the page's string in large pieces: the
// glyph loop writes a few bytes per glyph, and a std::string append per piece cost more than the
// rest of the loop.
class ContentBatch {
 public:
  explicit ContentBatch(std::string& out) : out_(out) {}
  ~ContentBatch() { flush(); }
  ContentBatch(const ContentBatch&) = delete;
  ContentBatch& operator=(const ContentBatch&) = delete;

  // Room for `size` more bytes (at most kCapacity).
  char* room(std::size_t size) {
    if (used_ + size > kCapacity) flush();
    return buffer_ + used_;
  }
  void advance_to(char* end) { used_ = static_cast<std::size_t>(end - buffer_); }
  void put(char c) {
    char* at = room(1);
    *at = c;
    advance_to(at + 1);
  }
  void put(std::string_view text) {
    char* at = room(text.size());
    std::memcpy(at, text.data(), text.size());
    advance_to(at + text.size());
  }
  // A two-byte code in a literal string: the bytes as they are, but for the string's delimiters, the
  // escape character and CR (which a reader would take for an end of line and read as LF).
  void put_code_literal(unsigned value) {
    char* at = room(4);
    for (const unsigned byte : {(value >> 8) & 0xFF, value & 0xFF}) {
      if (byte == '(' || byte == ')' || byte == '\\') {
        *at++ = '\\';
        *at++ = static_cast<char>(byte);
      } else if (byte == '\r') {
        *at++ = '\\';
        *at++ = 'r';
      } else {
        *at++ = static_cast<char>(byte);
      }
    }
    advance_to(at);
  }
  // The same code as four hex digits in a hex string.
  void put_code_hex(unsigned value) {
    static const char digits[] = "0123456789ABCDEF";
    char* at = room(4);
    at[0] = digits[(value >> 12) & 15];
    at[1] = digits[(value >> 8) & 15];
    at[2] = digits[(value >> 4) & 15];
    at[3] = digits[value & 15];
    advance_to(at + 4);
  }
  // A number of millionths (of an em) written in thousandths.
  void put_thousandths(std::int64_t millionths) {
    constexpr auto kLimit = static_cast<std::int64_t>(kFastNumberLimit / 10);
    if (millionths >= kLimit || millionths <= -kLimit) {
      flush();
      append_number(out_, static_cast<double>(millionths) / 1000.0);
      return;
    }
    advance_to(write_ten_thousandths(room(kFastNumberChars), millionths * 10));
  }
  // Hands the gathered bytes to the string (before anything else appends to it).
  void flush() {
    out_.append(buffer_, used_);
    used_ = 0;
  }

 private:
  static constexpr std::size_t kCapacity = 4096;
  std::string& out_;
  std::size_t used_ = 0;
  char buffer_[kCapacity];
};

// "D:YYYYMMDDHHmmSS+00'00'": PDF/A validators reject the 'Z' form, so UTC is written as +00'00'.
std::string pdf_date(std::int64_t epoch) {
  const std::time_t time = static_cast<std::time_t>(epoch);
  std::tm utc{};
  gmtime_r(&time, &utc);
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "D:%04d%02d%02d%02d%02d%02d+00'00'", utc.tm_year + 1900,
                utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec);
  return buffer;
}

// Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's days_from_civil).
std::int64_t days_from_civil(int year, unsigned month, unsigned day) {
  year -= month <= 2 ? 1 : 0;
  const int era = (year >= 0 ? year : year - 399) / 400;
  const unsigned year_of_era = static_cast<unsigned>(year - era * 400);
  const unsigned day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const unsigned day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return static_cast<std::int64_t>(era) * 146097 + static_cast<std::int64_t>(day_of_era) - 719468;
}

// ---- libharu: errors and objects --------------------------------------------------------------

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

struct DocDeleter {
  void operator()(HPDF_Doc pdf) const { HPDF_Free(pdf); }
};

// libharu's objects (tens of thousands of small dictionaries, numbers and names for a 1000-page
// issue) in large blocks of our own, all freed at once after the document: one malloc and free
// each cost more than the object, and freeing them one by one was most of the end of the write.
// Not libharu's own memory pool: Debian's build of it does not align what it hands out, so every
// object would sit at a misaligned address (undefined behaviour, which the sanitizers report).
// What libharu frees while building (an outgrown array's old items, the empty streams
// fill_streams replaces) stays until the end: little next to what stays alive anyway (libharu's
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
  // Frees every block; nothing allocated from the arena may be used after this.
  void clear() {
    blocks_.clear();
    next_ = nullptr;
    left_ = 0;
  }

  // libharu's allocation callbacks carry no user data: they reach the arena of the thread's
  // builder (libharu allocates only on it; frees are no-ops, so HPDF_Free may run anywhere).
  static thread_local HpdfArena* current;
  static void* allocate_for_libharu(HPDF_UINT size) {
    return current != nullptr ? current->allocate(size) : nullptr;
  }
  static void free_for_libharu(void*) {}

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

thread_local HpdfArena* HpdfArena::current = nullptr;

// Makes `arena` the current thread's arena for libharu while it lives.
class UseArena {
 public:
  explicit UseArena(HpdfArena& arena) : previous_(HpdfArena::current) { HpdfArena::current = &arena; }
  ~UseArena() { HpdfArena::current = previous_; }
  UseArena(const UseArena&) = delete;
  UseArena& operator=(const UseArena&) = delete;

 private:
  HpdfArena* previous_;
};

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

// Widths in /W and positions inside a TJ array are in thousandths of an em; CIDs keep their width
// in millionths of an em (three decimals in /W), so that Vazirmatn's 2048-unit em (0.48828125
// thousandths per unit) needs no correction after nearly every glyph.
constexpr double kWidthUnitsPerThousandth = 1000.0;

// What makes a CID: one glyph with one text and one width. `text` is GlyphText::key(); `rtl` only
// when the text has several code points, since only those are written reversed in RTL runs.
struct CidKey {
  std::uint32_t glyph = 0;
  std::uint32_t text = 0;
  std::int32_t width = 0;  // millionths of an em
  bool rtl = false;
  friend bool operator==(const CidKey&, const CidKey&) = default;
};

struct CidKeyHash {
  std::size_t operator()(const CidKey& key) const {
    std::uint64_t h = (std::uint64_t{key.glyph} << 32 | key.text) * 0x9E3779B97F4A7C15ULL;
    h ^= (static_cast<std::uint64_t>(static_cast<std::uint32_t>(key.width)) << 1 | (key.rtl ? 1 : 0)) +
         0x7F4A7C159E3779B9ULL + (h << 6) + (h >> 2);
    return static_cast<std::size_t>(h);
  }
};

// A CID as written: its glyph, its ToUnicode text (see text_layer_text) and its /W width.
struct CidGlyph {
  std::uint32_t glyph = 0;
  std::string text;
  std::int32_t width = 0;  // millionths of an em
};

// The glyphs drawn with one font file, with the CIDs we give them. A CID stands for one
// (glyph, text, width) triple so that every occurrence of a glyph extracts as the text it had
// there; the width is the font's advance, widened where a kashida follows (see write_glyph_run).
struct EmbeddedFont {
  const Font* font = nullptr;
  HPDF_Dict type0 = nullptr;
  std::unordered_map<CidKey, std::uint16_t, CidKeyHash> cid_of;
  std::vector<CidGlyph> by_cid{CidGlyph{}};  // CID 0: .notdef

  // Per glyph id, for the glyph loop: the width of a glyph without a kashida after it (millionths
  // of an em; kUnknownWidth until first drawn), and the last CID given to the glyph, which is
  // almost always the one it needs next, sparing the hash lookup.
  static constexpr std::int32_t kUnknownWidth = std::numeric_limits<std::int32_t>::min();
  struct GlyphCache {
    std::int32_t plain_width = kUnknownWidth;
    std::uint32_t text = 0;  // the last CID's GlyphText::key()
    std::int32_t width = 0;  // the last CID's width
    std::uint16_t cid = 0;   // the last CID; 0: none yet
    bool rtl_run = false;    // the last CID's run direction: with the text, it decides CidKey::rtl
  };
  std::vector<GlyphCache> glyph_cache;
};

// A page's content stream, written with the fewest operators that draw the same thing: text stays
// in one text object until a graphic interrupts it, and the colour, font and rise are set only when
// they change (they outlive BT/ET; rules and boxes save and restore the graphics state around
// themselves). Each run starts with a Td from the previous run's origin, tracked as written so that
// rounding never accumulates.
class PageContent {
 public:
  std::string& bytes() { return bytes_; }

  void number(double value) { append_number(bytes_, value); }
  void text(std::string_view text) { bytes_ += text; }

  // Ends the text object (before a graphic, an image or the end of the page).
  void end_text() {
    if (in_text_) bytes_ += "ET\n";
    in_text_ = false;
  }

  // Starts a run at `origin` (PDF coordinates) with these colour, font and size.
  void begin_run(const Color& color, const char* font_name, double size, Point origin) {
    if (!in_text_) {
      bytes_ += "BT\n";
      in_text_ = true;
      line_ = {};
    }
    if (!fill_ || !(*fill_ == color)) {
      colour(color, "rg");
      fill_ = color;
    }
    if (font_name != font_name_ || size != size_) {
      bytes_ += '/';
      bytes_ += font_name;
      bytes_ += ' ';
      number(size);
      bytes_ += " Tf\n";
      font_name_ = font_name;
      size_ = size;
    }
    const double dx = rounded(origin.x - line_.x);
    const double dy = rounded(origin.y - line_.y);
    number(dx);
    bytes_ += ' ';
    number(dy);
    bytes_ += " Td\n";
    line_.x += dx;
    line_.y += dy;
  }

  double current_rise() const { return rise_; }
  // Sets the text rise (Ts) in points when it differs from the current one.
  void rise(double points) {
    if (points == rise_) return;
    number(points);
    bytes_ += " Ts\n";
    rise_ = points;
  }

  void colour(const Color& colour, const char* op) {
    number(colour.r);
    bytes_ += ' ';
    number(colour.g);
    bytes_ += ' ';
    number(colour.b);
    bytes_ += ' ';
    bytes_ += op;
    bytes_ += '\n';
  }

  // Content numbers have four decimals: what is written is what the position becomes.
  static double rounded(double value) { return round_half_away(value * 10000.0) / 10000.0; }

 private:
  std::string bytes_;
  bool in_text_ = false;
  std::optional<Color> fill_;  // the page's fill colour outside q/Q; unknown until first set
  const char* font_name_ = nullptr;
  double size_ = 0;
  double rise_ = 0;
  Point line_;  // the text line matrix's origin, as written
};

// A stream's bytes kept by the builder, read by libharu at save time through a callback stream.
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

// A glyph's code in the content stream, as the sequential pass chose it: its CID and the CID's
// width (millionths of an em).
struct GlyphCode {
  std::uint16_t cid = 0;
  std::int32_t width = 0;
};

// What a page's content stream needs from the writer's sequential pass (libharu's objects, and
// CIDs given in first-use order over the whole document), so that the content itself can be
// written on any thread with the same bytes: per non-empty glyph run its font's resource name and
// per image its XObject's name, in item order; per glyph of those runs its code.
struct PagePlan {
  std::vector<const char*> names;
  std::vector<GlyphCode> codes;
};

// The TJ arrays of one glyph run (see PdfBuilder::plan_glyph_run for the codes).
void write_glyph_run(const GlyphRun& run, const char* font_name, const GlyphCode* codes, double page_height,
                     bool literal, PageContent& content) {
  content.begin_run(run.color, font_name, run.size, {run.origin.x, page_height - run.origin.y});

  // HarfBuzz pen (font units) and the position where the text state will draw the next glyph
  // (millionths of an em: the unit of CID widths, and TJ numbers have three decimals), both
  // relative to the run's origin and both exact integers. A TJ number moves the text state to the
  // pen plus the glyph's offset when they are further apart than kTolerance; every number written
  // is added to `drawn` as written, so nothing drifts. Glyphs with nothing between them share one
  // string.
  constexpr std::int64_t kTolerance = 2;  // millionths of an em: 0.00002 pt at 10 pt
  const double upem = run.font->units_per_em();
  const double to_millionths = 1000.0 / upem * kWidthUnitsPerThousandth;
  const double rise_per_unit = run.size / upem;
  std::int64_t pen = 0;
  std::int64_t drawn = 0;
  ContentBatch out(content.bytes());
  // Glyph codes go into literal strings, two bytes a glyph: half the bytes of hex strings, which
  // deflate in half the time to a smaller file. Uncompressed files (for reading content streams
  // while debugging) keep hex strings.
  const char string_open = literal ? '(' : '<';
  const char string_close = literal ? ')' : '>';
  enum class Open { none, array, string } open = Open::none;
  auto close = [&] {
    if (open == Open::string) out.put(string_close);
    if (open != Open::none) out.put("]TJ\n");
    open = Open::none;
  };
  const std::size_t count = run.glyphs.size();
  for (std::size_t i = 0; i < count; ++i) {
    const PlacedGlyph& glyph = run.glyphs[i];
    const double rise = glyph.y_offset == 0 ? 0.0 : PageContent::rounded(glyph.y_offset * rise_per_unit);
    if (open != Open::none && rise != content.current_rise()) close();
    if (open == Open::none) {
      if (rise != content.current_rise()) {
        out.flush();
        content.rise(rise);
      }
      out.put('[');
      open = Open::array;
    }
    const double target = static_cast<double>(pen + glyph.x_offset) * to_millionths;
    const auto shift = static_cast<std::int64_t>(round_half_away(target - static_cast<double>(drawn)));
    if (shift > kTolerance || shift < -kTolerance) {
      if (open == Open::string) out.put(string_close);
      out.put_thousandths(-shift);  // TJ numbers move against the text direction
      open = Open::array;
      drawn += shift;
    }
    if (open != Open::string) out.put(string_open);
    open = Open::string;
    if (literal) {
      out.put_code_literal(codes[i].cid);
    } else {
      out.put_code_hex(codes[i].cid);
    }
    drawn += codes[i].width;
    pen += glyph.x_advance;
  }
  close();
}

// A page's content stream: everything drawn on the page, from the page's items and its plan alone
// (safe on any thread while the sequential pass goes on with later pages).
std::string page_content(const Page& page, const PagePlan& plan, bool literal) {
  PageContent content;
  // About the size the glyph loop writes (a glyph takes 2 to 3 bytes, more with TJ numbers).
  content.bytes().reserve(plan.codes.size() * 3 + 4096);
  std::size_t next_name = 0;
  const GlyphCode* codes = plan.codes.data();
  for (const PageItem& item : page.items) {
    if (const auto* run = std::get_if<GlyphRun>(&item)) {
      if (run->glyphs.empty()) continue;
      write_glyph_run(*run, plan.names[next_name++], codes, page.height, literal, content);
      codes += run->glyphs.size();
    } else if (const auto* rule = std::get_if<Rule>(&item)) {
      content.end_text();
      content.text("q\n");
      content.colour(rule->color, "RG");
      content.number(rule->thickness);
      content.text(" w\n");
      content.number(rule->from.x);
      content.text(" ");
      content.number(page.height - rule->from.y);
      content.text(" m ");
      content.number(rule->to.x);
      content.text(" ");
      content.number(page.height - rule->to.y);
      content.text(" l S\nQ\n");
    } else if (const auto* box = std::get_if<Box>(&item)) {
      const bool stroked = box->stroke_width > 0;
      if (!box->filled && !stroked) continue;
      content.end_text();
      content.text("q\n");
      if (box->filled) content.colour(box->fill, "rg");
      if (stroked) {
        content.colour(box->stroke, "RG");
        content.number(box->stroke_width);
        content.text(" w\n");
      }
      content.number(box->rect.x);
      content.text(" ");
      content.number(page.height - box->rect.y - box->rect.height);
      content.text(" ");
      content.number(box->rect.width);
      content.text(" ");
      content.number(box->rect.height);
      content.text(box->filled && stroked ? " re B\nQ\n" : box->filled ? " re f\nQ\n" : " re S\nQ\n");
    } else if (const auto* image = std::get_if<Image>(&item)) {
      content.end_text();
      content.text("q\n");
      content.number(image->rect.width);
      content.text(" 0 0 ");
      content.number(image->rect.height);
      content.text(" ");
      content.number(image->rect.x);
      content.text(" ");
      content.number(page.height - image->rect.y - image->rect.height);
      content.text(" cm\n/");
      content.text(plan.names[next_name++]);
      content.text(" Do\nQ\n");
    }
    // Links are annotations, not content; anchors were collected before the pages were written.
  }
  content.end_text();
  return std::move(content.bytes());
}

class PdfBuilder {
 public:
  explicit PdfBuilder(const PdfOptions& options) : options_(options) {}
  PdfBuilder(const PdfBuilder&) = delete;
  PdfBuilder& operator=(const PdfBuilder&) = delete;
  // `release`, when given, is document.pages itself: each page's items are freed once written.
  // The file is saved with a placeholder /ID (content_digest and set_id finish it).
  Result<SavedPdf> build(const PagedDocument& document, std::vector<Page>* release = nullptr);

 private:
  Result<void> check(const std::string& what);
  Diagnostic error(const std::string& message, const std::string& hint = {}) const {
    return make_error({}, message, hint);
  }

  Result<void> write_info(const DocumentInfo& info, const std::optional<std::int64_t>& epoch);
  Result<void> plan_page(const Page& page, HPDF_Page pdf_page, PagePlan& plan);
  Result<void> plan_glyph_run(const GlyphRun& run, HPDF_Page pdf_page, PagePlan& plan);
  Result<void> plan_image(const Image& image, HPDF_Page pdf_page, PagePlan& plan);
  Result<void> write_link(const Link& link, HPDF_Page pdf_page, double page_height);
  Result<void> write_destinations();
  Result<void> write_outline(const std::vector<OutlineEntry>& outline);
  Result<void> write_page_labels(const std::vector<PageLabelRange>& labels);
  Result<void> write_font(EmbeddedFont& font);
  Result<void> finish_jobs();
  Result<void> fill_streams();
  Result<SavedPdf> save(const std::optional<std::int64_t>& epoch);

  HPDF_Dict new_indirect_dict();
  HPDF_Dict new_stream(std::string bytes);
  // Gives `stream` the bytes of the pool's `job` (compressed, unless compression is off), handed
  // to libharu by fill_streams.
  void set_stream_job(HPDF_Dict stream, std::size_t job);
  void* text_string(std::string_view utf8);

  struct Destination {
    std::size_t page = 0;
    Point position;
    double page_height = 0;
  };

  const PdfOptions& options_;
  HpdfErrors errors_;
  HpdfArena arena_;  // libharu's memory: declared before owner_, so freed after the document
  std::unique_ptr<HPDF_Doc_Rec, DocDeleter> owner_;
  HPDF_Doc pdf_ = nullptr;
  std::vector<HPDF_Page> pages_;
  std::map<const Font*, EmbeddedFont> fonts_;
  std::vector<const Font*> font_order_;  // first use, for deterministic object order
  std::map<std::string, HPDF_Image> images_;
  std::map<std::string, Destination> destinations_;
  // Streams whose bytes come from the pool: the stream and its job.
  std::optional<DeflatePool> pool_;
  std::vector<std::pair<HPDF_Dict, std::size_t>> deflated_streams_;
  std::deque<StringSource> sources_;  // what libharu reads those streams from; never moves
  // Scratch for plan_glyph_run, kept to spare an allocation per run.
  std::vector<GlyphText> texts_;
  std::vector<std::int32_t> extra_;
};

Result<void> PdfBuilder::check(const std::string& what) {
  HPDF_STATUS status = errors_.error;
  HPDF_STATUS detail = errors_.detail;
  // libharu's internal HPDF_SetError records an error without calling the handler.
  if (status == HPDF_OK && pdf_ != nullptr) {
    status = HPDF_GetError(pdf_);
    detail = HPDF_GetErrorDetail(pdf_);
  }
  if (status == HPDF_OK) return Ok{};
  char code[64];
  std::snprintf(code, sizeof code, " (libharu error 0x%04X, detail %u)", static_cast<unsigned>(status),
                static_cast<unsigned>(detail));
  return fail(error("cannot write the PDF: " + what + ": " + describe_hpdf_error(status) + code));
}

HPDF_Dict PdfBuilder::new_indirect_dict() {
  HPDF_Dict dict = HPDF_Dict_New(pdf_->mmgr);
  if (dict == nullptr) return nullptr;
  if (HPDF_Xref_Add(pdf_->xref, dict) != HPDF_OK) return nullptr;  // frees dict on failure
  return dict;
}

// The filter of a stream we compress ourselves: libharu writes the stream's bytes as they are
// (its own filter is off) and calls this before closing the stream's dictionary.
HPDF_STATUS write_flate_filter(HPDF_Dict, HPDF_Stream stream) {
  return HPDF_Stream_WriteStr(stream, "/Filter /FlateDecode\012");
}

HPDF_Dict PdfBuilder::new_stream(std::string bytes) {
  HPDF_Dict stream = HPDF_DictStream_New(pdf_->mmgr, pdf_->xref);
  if (stream == nullptr) return nullptr;
  set_stream_job(stream, pool_->add(std::move(bytes)));
  return stream;
}

void PdfBuilder::set_stream_job(HPDF_Dict stream, std::size_t job) {
  if (options_.compress) stream->write_fn = write_flate_filter;
  deflated_streams_.emplace_back(stream, job);
}

Result<void> PdfBuilder::finish_jobs() {
  if (!pool_->finish()) {
    return fail(error("cannot compress the PDF's streams: out of memory"));
  }
  return Ok{};
}

// Waits for the pool and gives every compressed stream to libharu as a stream that reads our
// string in place: libharu's own memory stream would copy it twice, a byte at a time.
Result<void> PdfBuilder::fill_streams() {
  if (auto finished = finish_jobs(); !finished) return finished;
  for (const auto& [dict, job] : deflated_streams_) {
    StringSource& source = sources_.emplace_back(StringSource{&pool_->output(job), 0});
    HPDF_Stream reader = HPDF_CallbackReader_New(pdf_->mmgr, read_string_source, seek_string_source,
                                                 tell_string_source, size_string_source, &source);
    if (reader == nullptr) return check("streams");
    HPDF_Stream_Free(dict->stream);  // empty: nothing was written to it
    dict->stream = reader;
  }
  deflated_streams_.clear();
  // A page keeps its contents' stream as the target of libharu's drawing calls: no dangling one.
  for (HPDF_Page page : pages_) {
    auto* attributes = static_cast<HPDF_PageAttr>(page->attr);
    attributes->stream = attributes->contents->stream;
  }
  return check("streams");
}

// A PDF text string: literal when plain ASCII, else UTF-16BE with a byte order mark.
void* PdfBuilder::text_string(std::string_view utf8) {
  const bool ascii = std::all_of(utf8.begin(), utf8.end(), [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte >= 0x20 && byte < 0x7F;
  });
  if (ascii) return HPDF_String_New(pdf_->mmgr, std::string(utf8).c_str(), nullptr);
  std::string bytes = utf16be_with_bom(utf8);
  return HPDF_Binary_New(pdf_->mmgr, reinterpret_cast<HPDF_BYTE*>(bytes.data()),
                         static_cast<HPDF_UINT>(bytes.size()));
}

Result<void> PdfBuilder::write_info(const DocumentInfo& info, const std::optional<std::int64_t>& epoch) {
  const std::string producer = std::string("nashr ") + kVersion;
  HPDF_SetInfoAttr(pdf_, HPDF_INFO_PRODUCER, producer.c_str());
  HPDF_SetInfoAttr(pdf_, HPDF_INFO_CREATOR, producer.c_str());
  if (auto checked = check("document information"); !checked) return checked;
  HPDF_Dict dict = pdf_->info;
  const std::pair<const char*, const std::string*> entries[] = {{"Title", &info.title},
                                                                {"Author", &info.author},
                                                                {"Subject", &info.subject},
                                                                {"Keywords", &info.keywords}};
  for (const auto& [key, value] : entries) {
    if (!value->empty()) HPDF_Dict_Add(dict, key, text_string(*value));
  }
  if (!info.issn.empty()) HPDF_Dict_Add(dict, "ISSN", text_string(info.issn));
  if (epoch) {
    const std::string date = pdf_date(*epoch);
    HPDF_Dict_Add(dict, "CreationDate", HPDF_String_New(pdf_->mmgr, date.c_str(), nullptr));
    HPDF_Dict_Add(dict, "ModDate", HPDF_String_New(pdf_->mmgr, date.c_str(), nullptr));
  }
  if (!info.language.empty()) {
    HPDF_Dict_Add(pdf_->catalog, "Lang", HPDF_String_New(pdf_->mmgr, info.language.c_str(), nullptr));
  }
  // Readers open the title, not the file name, in their window bar.
  HPDF_Dict preferences = HPDF_Dict_New(pdf_->mmgr);
  HPDF_Dict_Add(pdf_->catalog, "ViewerPreferences", preferences);
  HPDF_Dict_AddBoolean(preferences, "DisplayDocTitle", HPDF_TRUE);
  return check("document information");
}

// The sequential part of a glyph run: its font registered (object order: first use), its
// resource name on the page, and each glyph's CID, given in first-use order.
Result<void> PdfBuilder::plan_glyph_run(const GlyphRun& run, HPDF_Page pdf_page, PagePlan& plan) {
  if (run.font == nullptr) return fail(error("a glyph run has no font (a bug in the layout stages)"));
  if (run.glyphs.empty()) return Ok{};
  auto [slot, inserted] = fonts_.try_emplace(run.font);
  EmbeddedFont& font = slot->second;
  if (inserted) {
    font.font = run.font;
    font_order_.push_back(run.font);
    font.type0 = new_indirect_dict();
    if (font.type0 == nullptr) return check("font dictionary");
  }
  const char* font_name = HPDF_Page_GetLocalFontName(pdf_page, font.type0);
  if (font_name == nullptr) return check("page font resources");

  const double upem = run.font->units_per_em();
  const double to_thousandths = 1000.0 / upem;
  const std::uint32_t glyph_count = run.font->glyph_count();
  const std::size_t count = run.glyphs.size();
  if (font.glyph_cache.size() != glyph_count) font.glyph_cache.assign(glyph_count, {});
  const auto width_of = [&](std::uint32_t glyph, std::int32_t extra) {
    return static_cast<std::int32_t>(
        round_half_away((run.font->advance(glyph) + extra) * to_thousandths * kWidthUnitsPerThousandth));
  };

  // The text each glyph carries. A cluster's text belongs on a spacing glyph: left on a mark (zero
  // advance, drawn at an offset) readers see a gap before it and insert a space, so it moves to the
  // adjacent text-less base glyph.
  // (One pass: each glyph's text is copied just before the glyph on its left is looked at.)
  texts_.resize(count);
  texts_[0] = run.glyphs[0].text;
  for (std::size_t i = 0; i < count; ++i) {
    if (i + 1 < count) texts_[i + 1] = run.glyphs[i + 1].text;
    if (texts_[i].empty() || run.glyphs[i].x_advance != 0) continue;
    for (std::size_t j : {i + 1, i - 1}) {
      if (j < count && texts_[j].empty() && run.glyphs[j].x_advance > 0) {
        texts_[j] = texts_[i];
        texts_[i] = GlyphText{};
        break;
      }
    }
  }

  // A glyph without text that advances (a kashida) would leave a gap between the characters around
  // it, which readers turn into a space inside the word. Its advance is added to the width of the
  // nearest glyph with text on its left, so that glyph's character reaches the next one.
  extra_.assign(count, 0);  // font units
  for (std::size_t i = 0; i < count; ++i) {
    if (!texts_[i].empty() || run.glyphs[i].x_advance <= 0) continue;
    for (std::size_t j = i; j-- > 0;) {
      if (!texts_[j].empty()) {
        extra_[j] += run.glyphs[i].x_advance;
        break;
      }
    }
  }

  plan.names.push_back(font_name);
  const std::size_t first_code = plan.codes.size();
  plan.codes.resize(first_code + count);
  GlyphCode* codes = plan.codes.data() + first_code;
  for (std::size_t i = 0; i < count; ++i) {
    const PlacedGlyph& glyph = run.glyphs[i];
    if (glyph.glyph_id >= glyph_count) {
      return fail(error("glyph " + std::to_string(glyph.glyph_id) + " is not in font " +
                        run.font->path().string() + " (a bug in the layout stages)"));
    }
    const GlyphText text = texts_[i];
    EmbeddedFont::GlyphCache& cache = font.glyph_cache[glyph.glyph_id];
    std::int32_t width = 0;
    if (extra_[i] == 0) {
      if (cache.plain_width == EmbeddedFont::kUnknownWidth) cache.plain_width = width_of(glyph.glyph_id, 0);
      width = cache.plain_width;
    } else {
      width = width_of(glyph.glyph_id, extra_[i]);
    }
    std::uint16_t cid = cache.cid;
    if (cid == 0 || cache.text != text.key() || cache.width != width || cache.rtl_run != run.rtl) {
      const bool rtl_text = run.rtl && !text.empty() && !text.single_code_point();
      auto [cid_slot, new_cid] =
          font.cid_of.try_emplace(CidKey{glyph.glyph_id, text.key(), width, rtl_text}, 0);
      if (new_cid) {
        if (font.by_cid.size() > 0xFFFF) {
          return fail(
              error("font " + run.font->path().string() + " needs more than 65535 glyph forms in one PDF"));
        }
        cid_slot->second = static_cast<std::uint16_t>(font.by_cid.size());
        font.by_cid.push_back(CidGlyph{glyph.glyph_id, text_layer_text(text.view(), run.rtl), width});
      }
      cid = cid_slot->second;
      cache.text = text.key();
      cache.width = width;
      cache.cid = cid;
      cache.rtl_run = run.rtl;
    }
    codes[i] = GlyphCode{cid, width};
  }
  return Ok{};
}

// The image loaded once per file, and its XObject name in the page's resources.
Result<void> PdfBuilder::plan_image(const Image& image, HPDF_Page pdf_page, PagePlan& plan) {
  auto cached = images_.find(image.path);
  HPDF_Image loaded = nullptr;
  if (cached != images_.end()) {
    loaded = cached->second;
  } else {
    Result<std::string> bytes = read_file(image.path);
    if (!bytes) return fail(bytes.error());
    const auto* data = reinterpret_cast<const HPDF_BYTE*>(bytes->data());
    const auto size = static_cast<HPDF_UINT>(bytes->size());
    if (bytes->size() >= 8 && std::memcmp(bytes->data(), "\x89PNG\r\n\x1a\n", 8) == 0) {
      loaded = HPDF_LoadPngImageFromMem(pdf_, data, size);
    } else if (bytes->size() >= 3 && std::memcmp(bytes->data(), "\xFF\xD8\xFF", 3) == 0) {
      loaded = HPDF_LoadJpegImageFromMem(pdf_, data, size);
    } else {
      return fail(make_error({image.path}, "not a PNG or JPEG image", "convert the image to PNG or JPEG"));
    }
    if (Result<void> loaded_ok = check("image"); loaded == nullptr || !loaded_ok) {
      const std::string reason =
          loaded_ok ? std::string("libharu could not read it") : loaded_ok.error().message;
      return fail(make_error({image.path}, "cannot embed the image: " + reason,
                             "check that the file opens in an image viewer"));
    }
    images_.emplace(image.path, loaded);
  }
  // The image as an XObject of the page's resources, named as libharu names them (X1, X2, ...),
  // drawn from our own content stream: the page's stream gets its bytes once, compressed.
  auto* attributes = static_cast<HPDF_PageAttr>(pdf_page->attr);
  if (attributes->xobjects == nullptr) {
    auto* resources =
        static_cast<HPDF_Dict>(HPDF_Page_GetInheritableItem(pdf_page, "Resources", HPDF_OCLASS_DICT));
    HPDF_Dict xobjects = HPDF_Dict_New(pdf_->mmgr);
    if (resources == nullptr || xobjects == nullptr ||
        HPDF_Dict_Add(resources, "XObject", xobjects) != HPDF_OK) {
      return check("image resources");
    }
    attributes->xobjects = xobjects;
  }
  const char* name = HPDF_Dict_GetKeyByObj(attributes->xobjects, loaded);
  if (name == nullptr) {
    const std::string new_name = 'X' + std::to_string(attributes->xobjects->list->count + 1);
    if (HPDF_Dict_Add(attributes->xobjects, new_name.c_str(), loaded) != HPDF_OK)
      return check("image resources");
    name = HPDF_Dict_GetKeyByObj(attributes->xobjects, loaded);
    if (name == nullptr) return check("image resources");
  }
  plan.names.push_back(name);
  return check("image " + image.path);
}

// URIs in PDF are 7-bit ASCII: anything else is percent-encoded (RFC 3987 → RFC 3986).
std::string ascii_uri(std::string_view uri) {
  static const char digits[] = "0123456789ABCDEF";
  std::string out;
  for (char c : uri) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte > 0x20 && byte < 0x7F) {
      out += c;
    } else {
      out += '%';
      out += digits[byte >> 4];
      out += digits[byte & 15];
    }
  }
  return out;
}

HPDF_Array rect_array(HPDF_MMgr mmgr, const Rect& rect, double page_height) {
  HPDF_Array array = HPDF_Array_New(mmgr);
  if (array == nullptr) return nullptr;
  HPDF_Array_AddReal(array, static_cast<HPDF_REAL>(rect.x));
  HPDF_Array_AddReal(array, static_cast<HPDF_REAL>(page_height - rect.y - rect.height));
  HPDF_Array_AddReal(array, static_cast<HPDF_REAL>(rect.x + rect.width));
  HPDF_Array_AddReal(array, static_cast<HPDF_REAL>(page_height - rect.y));
  return array;
}

Result<void> PdfBuilder::write_link(const Link& link, HPDF_Page pdf_page, double page_height) {
  if (link.uri.empty() && !destinations_.count(link.destination)) {
    return fail(error("a link points at '" + link.destination + "', which no section defines",
                      "check the id the link refers to"));
  }
  HPDF_Dict annotation = new_indirect_dict();
  if (annotation == nullptr) return check("link");
  HPDF_Dict_AddName(annotation, "Type", "Annot");
  HPDF_Dict_AddName(annotation, "Subtype", "Link");
  HPDF_Dict_Add(annotation, "Rect", rect_array(pdf_->mmgr, link.rect, page_height));
  // No border (readers draw one by default) and /F 4: printable, as PDF/A requires.
  HPDF_Array border = HPDF_Array_New(pdf_->mmgr);
  HPDF_Dict_Add(annotation, "Border", border);
  for (int i = 0; i < 3; ++i) HPDF_Array_AddNumber(border, 0);
  HPDF_Dict_AddNumber(annotation, "F", 4);
  if (!link.uri.empty()) {
    HPDF_Dict action = HPDF_Dict_New(pdf_->mmgr);
    HPDF_Dict_Add(annotation, "A", action);
    HPDF_Dict_AddName(action, "S", "URI");
    HPDF_Dict_Add(action, "URI", HPDF_String_New(pdf_->mmgr, ascii_uri(link.uri).c_str(), nullptr));
  } else {
    HPDF_Dict_Add(annotation, "Dest", HPDF_Name_New(pdf_->mmgr, link.destination.c_str()));
  }
  HPDF_Array annotations = static_cast<HPDF_Array>(HPDF_Dict_GetItem(pdf_page, "Annots", HPDF_OCLASS_ARRAY));
  if (annotations == nullptr) {
    annotations = HPDF_Array_New(pdf_->mmgr);
    HPDF_Dict_Add(pdf_page, "Annots", annotations);
  }
  HPDF_Array_Add(annotations, annotation);
  return check("link");
}

// The sequential part of a page: what needs libharu or the document's CIDs (page_content writes
// the rest on any thread).
Result<void> PdfBuilder::plan_page(const Page& page, HPDF_Page pdf_page, PagePlan& plan) {
  std::size_t glyphs = 0;
  for (const PageItem& item : page.items) {
    if (const auto* run = std::get_if<GlyphRun>(&item)) glyphs += run->glyphs.size();
  }
  plan.codes.reserve(glyphs);
  for (const PageItem& item : page.items) {
    if (const auto* run = std::get_if<GlyphRun>(&item)) {
      if (auto planned = plan_glyph_run(*run, pdf_page, plan); !planned) return planned;
    } else if (const auto* image = std::get_if<Image>(&item)) {
      if (auto planned = plan_image(*image, pdf_page, plan); !planned) return planned;
    } else if (const auto* link = std::get_if<Link>(&item)) {
      if (auto written = write_link(*link, pdf_page, page.height); !written) return written;
    }
  }
  return Ok{};
}

Result<void> PdfBuilder::write_destinations() {
  if (destinations_.empty()) return Ok{};
  HPDF_Dict dests = new_indirect_dict();
  if (dests == nullptr) return check("named destinations");
  HPDF_Dict_Add(pdf_->catalog, "Dests", dests);
  for (const auto& [name, destination] : destinations_) {
    HPDF_Array array = HPDF_Array_New(pdf_->mmgr);
    HPDF_Dict_Add(dests, name.c_str(), array);
    HPDF_Array_Add(array, pages_[destination.page]);
    HPDF_Array_AddName(array, "XYZ");
    HPDF_Array_AddReal(array, static_cast<HPDF_REAL>(destination.position.x));
    HPDF_Array_AddReal(array, static_cast<HPDF_REAL>(destination.page_height - destination.position.y));
    HPDF_Array_AddNumber(array, 0);  // keep the reader's zoom
  }
  return check("named destinations");
}

Result<void> PdfBuilder::write_outline(const std::vector<OutlineEntry>& outline) {
  if (outline.empty()) return Ok{};
  std::vector<HPDF_Outline> parents;  // parents[i]: the last entry at level i + 1
  for (const OutlineEntry& entry : outline) {
    if (!destinations_.count(entry.destination)) {
      return fail(error("the outline entry '" + entry.title + "' points at '" + entry.destination +
                        "', which no page defines (a bug in the layout stages)"));
    }
    const std::size_t level =
        static_cast<std::size_t>(std::clamp<int>(entry.level, 1, static_cast<int>(parents.size()) + 1));
    parents.resize(level - 1);
    HPDF_Outline parent = parents.empty() ? nullptr : parents.back();
    HPDF_Outline item = HPDF_CreateOutline(pdf_, parent, "", nullptr);
    if (item == nullptr) return check("outline");
    HPDF_Dict_Add(item, "Title", text_string(entry.title));
    HPDF_Dict_Add(item, "Dest", HPDF_Name_New(pdf_->mmgr, entry.destination.c_str()));
    if (level == 1) HPDF_Outline_SetOpened(item, HPDF_TRUE);
    parents.push_back(item);
  }
  HPDF_SetPageMode(pdf_, HPDF_PAGE_MODE_USE_OUTLINE);
  return check("outline");
}

Result<void> PdfBuilder::write_page_labels(const std::vector<PageLabelRange>& labels) {
  if (labels.empty()) return Ok{};
  std::vector<PageLabelRange> ranges = labels;
  std::stable_sort(ranges.begin(), ranges.end(), [](const PageLabelRange& a, const PageLabelRange& b) {
    return a.first_page < b.first_page;
  });
  if (ranges.front().first_page != 0)
    ranges.insert(ranges.begin(), PageLabelRange{});  // the tree needs page 0
  HPDF_Dict tree = HPDF_Dict_New(pdf_->mmgr);
  HPDF_Dict_Add(pdf_->catalog, "PageLabels", tree);
  HPDF_Array numbers = HPDF_Array_New(pdf_->mmgr);
  HPDF_Dict_Add(tree, "Nums", numbers);
  int previous = -1;
  for (const PageLabelRange& range : ranges) {
    if (range.first_page == previous) continue;  // the later duplicate would be ignored by readers
    previous = range.first_page;
    HPDF_Array_AddNumber(numbers, range.first_page);
    HPDF_Dict label = HPDF_Dict_New(pdf_->mmgr);
    HPDF_Array_Add(numbers, label);
    HPDF_Dict_AddName(label, "Type", "PageLabel");
    switch (range.style) {
      case PageLabelRange::Style::decimal: HPDF_Dict_AddName(label, "S", "D"); break;
      case PageLabelRange::Style::roman_lower: HPDF_Dict_AddName(label, "S", "r"); break;
      case PageLabelRange::Style::roman_upper: HPDF_Dict_AddName(label, "S", "R"); break;
      case PageLabelRange::Style::none: break;
    }
    if (!range.prefix.empty()) HPDF_Dict_Add(label, "P", text_string(range.prefix));
    if (range.start != 1) HPDF_Dict_AddNumber(label, "St", range.start);
  }
  return check("page labels");
}

// The Type0 font, its CIDFontType2 descendant, descriptor, subset, widths and text mapping.
Result<void> PdfBuilder::write_font(EmbeddedFont& embedded) {
  const Font& font = *embedded.font;
  std::vector<std::uint32_t> glyphs;
  for (const CidGlyph& cid : embedded.by_cid) glyphs.push_back(cid.glyph);
  std::sort(glyphs.begin(), glyphs.end());
  glyphs.erase(std::unique(glyphs.begin(), glyphs.end()), glyphs.end());
  Result<FontSubset> subset = subset_font(font, glyphs);
  if (!subset) return fail(subset.error());

  const std::string base_font =
      subset_tag(font.postscript_name(), glyphs) + '+' +
      (font.postscript_name().empty() ? std::string("Font") : font.postscript_name());
  const FontMetrics& metrics = font.metrics();
  const double scale = 1000.0 / font.units_per_em();
  auto scaled = [&](double value) { return static_cast<HPDF_INT32>(std::lround(value * scale)); };
  HPDF_MMgr mmgr = pdf_->mmgr;

  // FontFile2: the subset, and the descriptor with the font's own metrics.
  const auto subset_size = static_cast<HPDF_INT32>(subset->bytes.size());
  HPDF_Dict font_file = new_stream(std::move(subset->bytes));
  if (font_file == nullptr) return check("embedded font");
  HPDF_Dict_AddNumber(font_file, "Length1", subset_size);

  const std::size_t cid_count = embedded.by_cid.size();
  std::string cid_set((cid_count + 7) / 8, '\0');
  for (std::size_t cid = 0; cid < cid_count; ++cid) cid_set[cid / 8] |= static_cast<char>(0x80 >> (cid % 8));
  HPDF_Dict cid_set_stream = new_stream(std::move(cid_set));

  HPDF_Dict descriptor = new_indirect_dict();
  if (descriptor == nullptr || cid_set_stream == nullptr) return check("font descriptor");
  HPDF_Dict_AddName(descriptor, "Type", "FontDescriptor");
  HPDF_Dict_AddName(descriptor, "FontName", base_font.c_str());
  HPDF_INT32 flags = 4;  // symbolic: the glyphs are addressed by CID, not by a standard encoding
  if (metrics.fixed_pitch) flags |= 1;
  if (metrics.serif) flags |= 2;
  if (metrics.italic || metrics.italic_angle != 0) flags |= 64;
  HPDF_Dict_AddNumber(descriptor, "Flags", flags);
  HPDF_Array bbox = HPDF_Array_New(mmgr);
  HPDF_Dict_Add(descriptor, "FontBBox", bbox);
  for (int value : {metrics.bbox_x_min, metrics.bbox_y_min, metrics.bbox_x_max, metrics.bbox_y_max}) {
    HPDF_Array_AddNumber(bbox, scaled(value));
  }
  HPDF_Dict_AddReal(descriptor, "ItalicAngle", static_cast<HPDF_REAL>(metrics.italic_angle));
  HPDF_Dict_AddNumber(descriptor, "Ascent", scaled(metrics.ascender));
  HPDF_Dict_AddNumber(descriptor, "Descent", scaled(metrics.descender));
  HPDF_Dict_AddNumber(descriptor, "CapHeight",
                      scaled(metrics.cap_height != 0 ? metrics.cap_height : metrics.ascender));
  if (metrics.x_height != 0) HPDF_Dict_AddNumber(descriptor, "XHeight", scaled(metrics.x_height));
  HPDF_Dict_AddNumber(descriptor, "StemV",
                      metrics.bold ? 140 : 80);  // no stem width in TrueType: the usual guess
  HPDF_Dict_Add(descriptor, "FontFile2", font_file);
  HPDF_Dict_Add(descriptor, "CIDSet", cid_set_stream);

  // CIDToGIDMap: two bytes per CID, the glyph's id in the subset.
  std::string cid_to_gid;
  cid_to_gid.reserve(cid_count * 2);
  for (const CidGlyph& cid : embedded.by_cid) {
    const std::uint32_t mapped = subset->new_glyph.at(cid.glyph);
    cid_to_gid += static_cast<char>(mapped >> 8);
    cid_to_gid += static_cast<char>(mapped & 0xFF);
  }
  HPDF_Dict cid_to_gid_stream = new_stream(std::move(cid_to_gid));
  std::vector<std::pair<std::uint32_t, std::string>> texts;
  texts.reserve(cid_count);
  for (const CidGlyph& cid : embedded.by_cid) texts.emplace_back(cid.glyph, cid.text);
  HPDF_Dict to_unicode = new_stream(to_unicode_cmap(texts));
  HPDF_Dict cid_font = new_indirect_dict();
  if (cid_to_gid_stream == nullptr || to_unicode == nullptr || cid_font == nullptr) return check("CID font");

  HPDF_Dict_AddName(cid_font, "Type", "Font");
  HPDF_Dict_AddName(cid_font, "Subtype", "CIDFontType2");
  HPDF_Dict_AddName(cid_font, "BaseFont", base_font.c_str());
  HPDF_Dict system_info = HPDF_Dict_New(mmgr);
  HPDF_Dict_Add(cid_font, "CIDSystemInfo", system_info);
  HPDF_Dict_Add(system_info, "Registry", HPDF_String_New(mmgr, "Adobe", nullptr));
  HPDF_Dict_Add(system_info, "Ordering", HPDF_String_New(mmgr, "Identity", nullptr));
  HPDF_Dict_AddNumber(system_info, "Supplement", 0);
  HPDF_Dict_Add(cid_font, "FontDescriptor", descriptor);
  HPDF_Dict_AddNumber(cid_font, "DW", 0);
  // W: the font's own advances (the content stream's TJ numbers correct them to HarfBuzz's), in
  // runs of consecutive CIDs; libharu caps arrays, so long runs are split.
  HPDF_Array widths = HPDF_Array_New(mmgr);
  HPDF_Dict_Add(cid_font, "W", widths);
  constexpr std::size_t kWidthsPerRun = 2000;
  for (std::size_t first = 1; first < cid_count; first += kWidthsPerRun) {
    HPDF_Array_AddNumber(widths, static_cast<HPDF_INT32>(first));
    HPDF_Array run = HPDF_Array_New(mmgr);
    HPDF_Array_Add(widths, run);
    for (std::size_t cid = first; cid < std::min(cid_count, first + kWidthsPerRun); ++cid) {
      HPDF_Array_AddReal(run, static_cast<HPDF_REAL>(embedded.by_cid[cid].width / kWidthUnitsPerThousandth));
    }
  }
  HPDF_Dict_Add(cid_font, "CIDToGIDMap", cid_to_gid_stream);

  HPDF_Dict type0 = embedded.type0;
  HPDF_Dict_AddName(type0, "Type", "Font");
  HPDF_Dict_AddName(type0, "Subtype", "Type0");
  HPDF_Dict_AddName(type0, "BaseFont", base_font.c_str());
  HPDF_Dict_AddName(type0, "Encoding", "Identity-H");
  HPDF_Array descendants = HPDF_Array_New(mmgr);
  HPDF_Dict_Add(type0, "DescendantFonts", descendants);
  HPDF_Array_Add(descendants, cid_font);
  HPDF_Dict_Add(type0, "ToUnicode", to_unicode);
  return check("font " + font.path().filename().string());
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

Result<SavedPdf> PdfBuilder::build(const PagedDocument& document, std::vector<Page>* release) {
  Result<std::optional<std::int64_t>> epoch = pdf_date_epoch(options_, document.info);
  if (!epoch) return fail(epoch.error());
  if (document.pages.empty()) return fail(error("the document has no pages to write"));

  const UseArena use_arena(arena_);  // every libharu call that allocates is made below, on this thread
  owner_.reset(HPDF_NewEx(record_hpdf_error, HpdfArena::allocate_for_libharu, HpdfArena::free_for_libharu, 0,
                          &errors_));
  pdf_ = owner_.get();
  if (pdf_ == nullptr) return fail(error("cannot start a PDF document: out of memory"));
  // Page contents and fonts are compressed by the pool (set_stream_job); libharu only compresses
  // the images it loads.
  HPDF_SetCompressionMode(pdf_, options_.compress ? HPDF_COMP_IMAGE : HPDF_COMP_NONE);
  pool_.emplace(options_.compress ? options_.compression_level : DeflatePool::kStore, options_.threads);
  if (auto checked = write_info(document.info, *epoch); !checked) return fail(checked.error());

  for (std::size_t index = 0; index < document.pages.size(); ++index) {
    const Page& page = document.pages[index];
    HPDF_Page pdf_page = HPDF_AddPage(pdf_);
    if (pdf_page == nullptr) return fail(check("page").error());
    HPDF_Page_SetWidth(pdf_page, static_cast<HPDF_REAL>(page.width));
    HPDF_Page_SetHeight(pdf_page, static_cast<HPDF_REAL>(page.height));
    if (auto checked = check("page " + std::to_string(index + 1) + " size"); !checked)
      return fail(checked.error());
    pages_.push_back(pdf_page);
    for (const PageItem& item : page.items) {
      if (const auto* anchor = std::get_if<Anchor>(&item)) {
        // The first definition wins, as in HTML.
        destinations_.try_emplace(anchor->name, Destination{index, anchor->position, page.height});
      }
    }
  }
  // Pages in order on this thread for what must be sequential (libharu, CIDs in first-use order);
  // their content streams are written and compressed by the pool, on any thread: the bytes depend
  // on the page and its plan alone, so the file is the same for any number of threads.
  const bool literal = options_.compress;
  for (std::size_t index = 0; index < document.pages.size(); ++index) {
    PagePlan plan;
    if (auto planned = plan_page(document.pages[index], pages_[index], plan); !planned) {
      return fail(planned.error());
    }
    Page* written = release != nullptr ? &(*release)[index] : nullptr;
    const std::size_t job =
        pool_->add([&page = document.pages[index], plan = std::move(plan), literal, written] {
          std::string bytes = page_content(page, plan, literal);
          if (written != nullptr) std::vector<PageItem>().swap(written->items);
          return bytes;
        });
    // No libharu drawing call may write to the page after this (the images are drawn by us).
    set_stream_job(static_cast<HPDF_PageAttr>(pages_[index]->attr)->contents, job);
  }
  // The fonts (their subsets) and the document's other objects while the pool finishes the pages.
  for (const Font* font : font_order_) {
    if (auto written = write_font(fonts_.at(font)); !written) return fail(written.error());
  }
  if (auto written = write_destinations(); !written) return fail(written.error());
  if (auto written = write_outline(document.outline); !written) return fail(written.error());
  if (auto written = write_page_labels(document.page_labels); !written) return fail(written.error());
  if (release != nullptr) {
    if (auto finished = finish_jobs(); !finished) return fail(finished.error());
#ifdef __GLIBC__
    // The freed pages (about a third of the process's memory for a 1000-page issue) stay in
    // malloc's free lists, and the file's buffer and libharu's objects would come on top of them
    // as fresh memory, making the end of the write the process's peak.
    malloc_trim(0);
#endif
  }

  // A placeholder ID of fixed length, replaced by the content digest once the bytes exist.
  HPDF_Array id = HPDF_Array_New(pdf_->mmgr);
  HPDF_Dict_Add(pdf_->trailer, "ID", id);
  HPDF_BYTE zeros[kIdLength] = {};
  HPDF_Array_Add(id, HPDF_Binary_New(pdf_->mmgr, zeros, kIdLength));
  HPDF_Array_Add(id, HPDF_Binary_New(pdf_->mmgr, zeros, kIdLength));
  if (auto checked = check("trailer"); !checked) return fail(checked.error());

  if (auto filled = fill_streams(); !filled) return fail(filled.error());
  return save(*epoch);
}

Result<SavedPdf> PdfBuilder::save(const std::optional<std::int64_t>& epoch) {
  // Last: several libharu calls reset the version. Type0 fonts with CIDSet and ToUnicode: 1.7.
  pdf_->pdf_version = HPDF_VER_17;
  std::string bytes;
  // Untouched capacity costs no memory: room for the streams and a few hundred bytes an object.
  bytes.reserve(pool_->compressed_bytes() + std::size_t{512} * pdf_->xref->entries->count +
                (std::size_t{1} << 20));
  pdf_->stream = HPDF_CallbackWriter_New(pdf_->mmgr, append_to_string, &bytes);
  if (pdf_->stream == nullptr) return fail(check("saving").error());
  HPDF_SaveToStream(pdf_);
  if (auto checked = check("saving"); !checked) return fail(checked.error());
  return find_id_placeholders(std::move(bytes), epoch ? pdf_date(*epoch) : std::string());
}

}  // namespace

Result<std::optional<std::int64_t>> pdf_date_epoch(const PdfOptions& options, const DocumentInfo& info) {
  if (options.date_epoch) return std::optional<std::int64_t>(*options.date_epoch);
  if (const char* value = std::getenv("SOURCE_DATE_EPOCH"); value != nullptr && *value != '\0') {
    std::int64_t seconds = 0;
    const char* end = value + std::strlen(value);
    const auto [stop, code] = std::from_chars(value, end, seconds);
    if (code != std::errc() || stop != end || seconds < 0 || seconds > 253402300799) {
      return fail(make_error({}, std::string("SOURCE_DATE_EPOCH is not a number of seconds: '") + value + "'",
                             "set it to a whole number such as $(git log -1 --format=%ct), or unset it"));
    }
    return std::optional<std::int64_t>(seconds);
  }
  if (info.issue_date.empty()) return std::optional<std::int64_t>();
  int year = 0;
  unsigned month = 0, day = 0;
  char tail = 0;
  if (std::sscanf(info.issue_date.c_str(), "%4d-%2u-%2u%c", &year, &month, &day, &tail) != 3 || month < 1 ||
      month > 12 || day < 1 || day > 31 || info.issue_date.size() != 10) {
    return fail(make_error({}, "the issue date '" + info.issue_date + "' is not an ISO 8601 date",
                           "write it as YYYY-MM-DD, e.g. 2025-01-15"));
  }
  const std::int64_t epoch = days_from_civil(year, month, day) * 86400;
  // 2025-02-30 would roll over into March: a date that does not exist is an error too.
  const std::time_t time = static_cast<std::time_t>(epoch);
  std::tm utc{};
  gmtime_r(&time, &utc);
  if (utc.tm_year + 1900 != year || static_cast<unsigned>(utc.tm_mon + 1) != month ||
      static_cast<unsigned>(utc.tm_mday) != day) {
    return fail(make_error({}, "the issue date '" + info.issue_date + "' does not exist",
                           "check the day of the month"));
  }
  return std::optional<std::int64_t>(epoch);
}

namespace {

// The file with its /ID. The builder's memory is freed before the file is digested and written.
Result<std::string> identified_pdf(const PagedDocument& document, const PdfOptions& options,
                                   std::vector<Page>* release) {
  Result<SavedPdf> pdf = PdfBuilder(options).build(document, release);
  if (!pdf) return fail(pdf.error());
  set_id(*pdf, content_digest(*pdf));
  return std::move(pdf->bytes);
}

}  // namespace

Result<std::string> write_pdf(const PagedDocument& document, const PdfOptions& options) {
  return identified_pdf(document, options, nullptr);
}

Result<std::string> write_pdf(PagedDocument&& document, const PdfOptions& options) {
  return identified_pdf(document, options, &document.pages);
}

Result<std::string> write_document(const PagedDocument& document, OutputBackend backend,
                                   const PdfOptions& options) {
  if (backend == OutputBackend::pages) return dump_pages(document);
  return write_pdf(document, options);
}

Result<void> write_document_file(const PagedDocument& document, const fs::path& target, OutputBackend backend,
                                 const PdfOptions& options) {
  Result<std::string> bytes = write_document(document, backend, options);
  if (!bytes) return fail(bytes.error());
  return write_file_atomically(target, *bytes, options.fail_after_bytes);
}

Result<void> write_pdf_file(PagedDocument&& document, const fs::path& target, const PdfOptions& options) {
  Result<std::string> bytes = write_pdf(std::move(document), options);
  if (!bytes) return fail(bytes.error());
  return write_file_atomically(target, *bytes, options.fail_after_bytes);
}

}  // namespace nashr
