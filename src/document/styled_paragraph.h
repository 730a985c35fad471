#pragma once
// The text engine's input: one paragraph of UTF-8 text with its inline spans, each already resolved
// by the style stage (language, direction, size, features, font fallback chains). Kept free of ICU
// and HarfBuzz so the style stage can build it without either.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <initializer_list>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "base/source_location.h"
#include "document/direction.h"

namespace nashr {

// How a span takes part in bidi. Spans with their own `dir` and spans the model marks as
// order-keeping (numbers, ISSN, dates, volume/issue, e-mail and web addresses) become isolates:
// LRI/RLI/FSI … PDI around the span. Never embeddings (LRE/RLE), which leak into the surroundings.
enum class SpanIsolation {
  none,         // part of the surrounding text
  ltr,          // LRI … PDI (a span with dir="ltr")
  rtl,          // RLI … PDI (a span with dir="rtl")
  first_strong  // FSI … PDI (dir="auto", or marked data such as ISSN 2975-0598: no strong letter → LTR)
};

// An OpenType feature for the whole span, e.g. {"kern", 1}, {"liga", 0}, {"ss01", 1}.
struct FontFeature {
  std::string tag;  // four characters
  std::uint32_t value = 1;

  friend bool operator==(const FontFeature&, const FontFeature&) = default;
};

// The fonts to try, in order, for the characters of one script. `script` is an ISO 15924 code or a
// Unicode script name ("Arab", "arabic", "Latn", "latin"); "*" is the chain for any other script.
// Paths are relative to FontDb's fonts folder (or absolute).
struct FontChain {
  std::string script;
  std::vector<std::filesystem::path> fonts;
  // The script's letters are set at this times the span's size (the style's size-adjust).
  double size_adjust = 1;

  friend bool operator==(const FontChain&, const FontChain&) = default;
};

// A span's font chains, shared by every span that has the same ones: an issue has hundreds of
// thousands of spans and a handful of distinct chains, and each path costs a few hundred bytes.
// Reads like a const std::vector<FontChain>; assigning a vector makes a new shared list.
class FontChains {
 public:
  using value_type = FontChain;
  using const_iterator = std::vector<FontChain>::const_iterator;

  FontChains() = default;
  FontChains(std::vector<FontChain> chains)  // NOLINT(google-explicit-constructor)
      : chains_(std::make_shared<const std::vector<FontChain>>(std::move(chains))) {}
  FontChains(std::initializer_list<FontChain> chains) : FontChains(std::vector<FontChain>(chains)) {}
  explicit FontChains(std::shared_ptr<const std::vector<FontChain>> shared) : chains_(std::move(shared)) {}

  const std::vector<FontChain>& chains() const { return chains_ ? *chains_ : none(); }
  operator const std::vector<FontChain>&() const { return chains(); }  // NOLINT
  const_iterator begin() const { return chains().begin(); }
  const_iterator end() const { return chains().end(); }
  std::size_t size() const { return chains().size(); }
  bool empty() const { return chains().empty(); }
  const FontChain& front() const { return chains().front(); }
  const FontChain& operator[](std::size_t i) const { return chains()[i]; }
  // The same shared list (cheap), or lists with equal chains.
  friend bool operator==(const FontChains& a, const FontChains& b) {
    return &a.chains() == &b.chains() || a.chains() == b.chains();
  }

 private:
  static const std::vector<FontChain>& none() {
    static const std::vector<FontChain> empty;
    return empty;
  }
  std::shared_ptr<const std::vector<FontChain>> chains_;
};

struct StyledSpan {
  std::size_t begin = 0;  // UTF-8 byte offsets into StyledParagraph::text, [begin, end)
  std::size_t end = 0;
  std::string language = "und";  // BCP 47: "fa", "en", ...
  SpanIsolation isolation = SpanIsolation::none;
  // Adjacent isolated spans with the same group (>= 0) are one isolate (one LRI … PDI), as the
  // runs of one isolating inline that look different (a link inside it); -1: an isolate of its own.
  int isolate_group = -1;
  double font_size = 10;  // points
  // Empty: kern, liga and locl on (HarfBuzz's defaults, set explicitly so the dump shows them).
  std::vector<FontFeature> features;
  // Tried for each character by its script; a character whose script has no chain tries "*", then
  // every other chain, before it is reported as missing.
  FontChains fonts;
  SourceLocation location;  // where the span's text starts, for missing-glyph diagnostics
  // What the span looks like besides its font (its colour, the link it belongs to), as a number the
  // style stage gives: spans whose looks differ never share a run, since a run is drawn in its
  // first span's colour and linked to its first span's target.
  std::uint32_t look = 0;
  // A web address: lines may break in it only where URL rules allow (after '/', before '.', '?',
  // '&', '#', '=' …), never with a hyphen; ICU's own opportunities inside it are replaced.
  bool url = false;
};

// One paragraph. Text outside every span takes the first span's style (a paragraph has at least
// one span). Hard line breaks are U+2028 LINE SEPARATOR in the text; '\n' is read as U+2028.
struct StyledParagraph {
  std::string text;  // UTF-8
  Direction dir = Direction::auto_detect;
  std::vector<StyledSpan> spans;
  SourceLocation location;
};

}  // namespace nashr
