#include "pdf/content_stream.h"

#include <charconv>
#include <cmath>
#include <cstring>
#include <optional>
#include <string_view>
#include <system_error>
#include <utility>

#include "fonts/font_db.h"
#include "pdf/marked_content.h"
#include "pdf/text_layer.h"

namespace nashr {

namespace {

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

}  // namespace

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

namespace {

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
  // Hands the gathered bytes to the string (before anything else appends to it). Out of line:
  // with std::string::append inlined into the glyph loop, write_glyph_run took 5 % more
  // instructions (callgrind, rtl100).
  [[gnu::noinline]] void flush() {
    out_.append(buffer_, used_);
    used_ = 0;
  }

 private:
  static constexpr std::size_t kCapacity = 4096;
  std::string& out_;
  std::size_t used_ = 0;
  char buffer_[kCapacity];
};

// A page's content stream, written with the fewest operators that draw the same thing: text stays
// in one text object until a graphic interrupts it, and the colour, font and rise are set only when
// they change (they outlive BT/ET; rules and boxes save and restore the graphics state around
// themselves). Each run starts with a Td from the previous run's origin, tracked as written so that
// rounding never accumulates.
class PageContent {
 public:
  PageContent(const StructureTree* structure, ColourOperators colours)
      : marks_(structure, &bytes_), cmyk_(colours == ColourOperators::cmyk) {}
  std::string& bytes() { return bytes_; }
  MarkedContent& marks() { return marks_; }

  void number(double value) { append_number(bytes_, value); }
  void text(std::string_view text) { bytes_ += text; }

  // Ends the text object (before a graphic, an image or the end of the page).
  void end_text() {
    marks_.before_end_text();
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
      colour(color, false);
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

  // The fill (or, when `stroke`, the stroke) colour: rg/RG, or k/K in the print edition.
  void colour(const Color& colour, bool stroke) {
    if (cmyk_) {
      const Cmyk inks = print_inks(colour);
      for (const float ink : {inks.c, inks.m, inks.y, inks.k}) {
        number(ink);
        bytes_ += ' ';
      }
      bytes_ += stroke ? "K\n" : "k\n";
      return;
    }
    const char* op = stroke ? "RG" : "rg";
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
  MarkedContent marks_;
  bool cmyk_ = false;
  bool in_text_ = false;
  std::optional<Color> fill_;  // the page's fill colour outside q/Q; unknown until first set
  const char* font_name_ = nullptr;
  double size_ = 0;
  double rise_ = 0;
  Point line_;  // the text line matrix's origin, as written
};

// One CID's share of a span (see begin_actual_text).
void put_share(const CidActualTexts::Share& share, bool literal, ContentBatch& out) {
  if (literal && share.spilled == nullptr) {
    char* at = out.room(CidActualTexts::kInline);
    std::memcpy(at, share.bytes, CidActualTexts::kInline);
    out.advance_to(at + share.size);
    return;
  }
  const std::string_view bytes =
      share.spilled != nullptr ? std::string_view(*share.spilled) : std::string_view(share.bytes, share.size);
  if (literal) {
    out.put(bytes);
    return;
  }
  for (std::size_t at = 0; at < bytes.size(); ++at) {  // the literal's bytes, unescaped, as hex
    unsigned byte = static_cast<unsigned char>(bytes[at]);
    if (byte == '\\') byte = bytes[++at] == 'r' ? '\r' : static_cast<unsigned char>(bytes[at]);
    static const char digits[] = "0123456789ABCDEF";
    out.put(digits[byte >> 4]);
    out.put(digits[byte & 15]);
  }
}

// The TJ arrays of one glyph run (see CidFont::assign for the codes).
// A right-to-left run that needs it is a span with its text as /ActualText (text_layer.h): the
// readers that read it take the text from there, whatever the glyphs' order, positions and
// ToUnicode entries. The text is the CIDs' shares, made once per CID (text_layer.h,
// CidActualTexts): per glyph a copy of a few bytes, through the batch.
// `in_properties`: a tagged page's sequence has opened the property list (marked_content.h).
void begin_actual_text(const CidActualTexts& shares, const GlyphCode* codes, std::size_t count, bool literal,
                       bool in_properties, ContentBatch& out) {
  if (!in_properties) out.put("/Span<<");
  out.put(literal ? std::string_view("/ActualText(\xFE\xFF") : std::string_view("/ActualText<FEFF"));
  // Spans are written for right-to-left runs only: a mark carrier's share goes before its glyph's.
  for (std::size_t i = 0; i < count; ++i) {
    if (codes[i].carrier != 0) put_share(shares[codes[i].carrier], literal, out);
    put_share(shares[codes[i].cid], literal, out);
  }
  out.put(literal ? ")>>BDC\n" : ">>>BDC\n");
}

void write_glyph_run(const GlyphRun& run, const char* font_name, const GlyphCode* codes,
                     const CidActualTexts* actual_texts, double page_height, bool literal, PageContent& content) {
  content.begin_run(run.color, font_name, run.size, {run.origin.x, page_height - run.origin.y});
  const bool in_properties = content.marks().before_text(run.tag, actual_texts != nullptr);

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
  if (actual_texts != nullptr) begin_actual_text(*actual_texts, codes, run.glyphs.size(), literal, in_properties, out);
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
    const auto put_code = [&](std::uint16_t cid) {
      if (literal) {
        out.put_code_literal(cid);
      } else {
        out.put_code_hex(cid);
      }
    };
    if (codes[i].carrier != 0 && run.rtl) put_code(codes[i].carrier);
    put_code(codes[i].cid);
    if (codes[i].carrier != 0 && !run.rtl) put_code(codes[i].carrier);
    if (codes[i].span_end != 0) put_code(codes[i].span_end);
    drawn += codes[i].width;
    pen += glyph.x_advance;
  }
  close();
  if (actual_texts != nullptr) out.put("EMC\n");
}

}  // namespace

// A page's content stream: everything drawn on the page, from the page's items and its plan alone
// (safe on any thread while the sequential pass goes on with later pages).
std::string page_content(const Page& page, const PagePlan& plan, bool literal, ColourOperators colours) {
  PageContent content(plan.structure, colours);
  // About the size the glyph loop writes (a glyph takes 2 to 3 bytes, more with TJ numbers).
  content.bytes().reserve(plan.codes.size() * 3 + 4096);
  std::size_t next_name = 0;
  std::size_t next_run = 0;
  const GlyphCode* codes = plan.codes.data();
  for (const PageItem& item : page.items) {
    if (const auto* run = std::get_if<GlyphRun>(&item)) {
      if (run->glyphs.empty()) continue;
      const CidActualTexts* actual_texts = next_run < plan.actual_texts.size() ? plan.actual_texts[next_run] : nullptr;
      ++next_run;
      write_glyph_run(*run, plan.names[next_name++], codes, actual_texts, page.height, literal, content);
      codes += run->glyphs.size();
    } else if (const auto* rule = std::get_if<Rule>(&item)) {
      content.end_text();
      content.marks().begin_graphic(false, rule->tag);
      content.text("q\n");
      content.colour(rule->color, true);
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
      content.marks().end_graphic();
    } else if (const auto* box = std::get_if<Box>(&item)) {
      const bool stroked = box->stroke_width > 0;
      if (!box->filled && !stroked) continue;
      content.end_text();
      content.marks().begin_graphic(false, kNoElement);
      content.text("q\n");
      if (box->filled) content.colour(box->fill, false);
      if (stroked) {
        content.colour(box->stroke, true);
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
      content.marks().end_graphic();
    } else if (const auto* image = std::get_if<Image>(&item)) {
      content.end_text();
      content.marks().begin_graphic(true, image->tag);
      content.text("q\n");
      if (image->clip) {
        content.number(image->clip->x);
        content.text(" ");
        content.number(page.height - image->clip->y - image->clip->height);
        content.text(" ");
        content.number(image->clip->width);
        content.text(" ");
        content.number(image->clip->height);
        content.text(" re W n\n");
      }
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
      content.marks().end_graphic();
    }
    // Links are annotations, not content; anchors were collected before the pages were written.
  }
  content.end_text();
  return std::move(content.bytes());
}

}  // namespace nashr
