#include "text/decode_text.h"

#include <algorithm>
#include <numeric>

#include "base/utf8.h"

namespace nashr::itemizing {

namespace {

constexpr char16_t kLeftToRightIsolate = 0x2066;
constexpr char16_t kRightToLeftIsolate = 0x2067;
constexpr char16_t kFirstStrongIsolate = 0x2068;
constexpr char16_t kPopDirectionalIsolate = 0x2069;
constexpr char32_t kLineSeparator = 0x2028;

// Characters that end a line inside our one paragraph: the paragraph separators of the UBA (class
// B: LF, CR, U+001C–U+001E, NEL, U+2029), which would split the paragraph in ubidi, and the other
// mandatory breaks (VT, FF). They become U+2028, which is a hard break and class WS.
bool is_line_ending(char32_t c) {
  if (c >= 0x20) return c == 0x85 || c == 0x2029;
  return c == '\n' || c == '\r' || c == 0x0B || c == 0x0C || c == 0x1C || c == 0x1D || c == 0x1E;
}

char16_t isolate_opener(SpanIsolation isolation) {
  switch (isolation) {
    case SpanIsolation::ltr: return kLeftToRightIsolate;
    case SpanIsolation::rtl: return kRightToLeftIsolate;
    case SpanIsolation::first_strong: return kFirstStrongIsolate;
    case SpanIsolation::none: break;
  }
  return 0;
}

}  // namespace

DecodedText decode(const std::string& utf8, const std::vector<StyledSpan>& spans) {
  DecodedText out;
  // A UTF-8 sequence never gives more UTF-16 units than it has bytes; each span adds at most two
  // isolate controls.
  const std::size_t capacity = utf8.size() + 2 * spans.size();
  out.text.resize(capacity);
  out.source_offsets.resize(capacity);
  out.span_of.resize(capacity);
  out.inserted.resize(capacity);

  const auto length = static_cast<std::uint32_t>(utf8.size());
  // Spans in text order, clipped to the text and to each other (they are meant not to overlap).
  std::vector<std::uint32_t> order(spans.size());
  std::iota(order.begin(), order.end(), 0u);
  auto by_begin = [&](std::uint32_t a, std::uint32_t b) { return spans[a].begin < spans[b].begin; };
  if (!std::is_sorted(order.begin(), order.end(), by_begin)) {
    std::stable_sort(order.begin(), order.end(), by_begin);
  }
  struct Bounds {
    std::uint32_t span, begin, end;
  };
  std::vector<Bounds> bounds;
  std::uint32_t covered = 0;
  for (std::uint32_t index : order) {
    const auto begin = std::max<std::uint32_t>(
        static_cast<std::uint32_t>(std::min<std::size_t>(spans[index].begin, length)), covered);
    const auto end = static_cast<std::uint32_t>(std::min<std::size_t>(spans[index].end, length));
    if (begin >= end) continue;
    bounds.push_back({index, begin, end});
    covered = end;
  }

  std::size_t next = 0;
  std::ptrdiff_t open = -1;  // index into bounds
  std::uint32_t current_span = bounds.empty() ? 0 : bounds.front().span;
  std::size_t i = 0;
  // The next span goes on the isolate the open one is in (see StyledSpan::isolate_group).
  const auto same_isolate = [&](std::uint32_t a, std::uint32_t b) {
    return spans[a].isolation != SpanIsolation::none && spans[a].isolation == spans[b].isolation &&
           spans[a].isolate_group >= 0 && spans[a].isolate_group == spans[b].isolate_group;
  };
  bool continued = false;  // the span opening now goes on the isolate just left open
  while (true) {
    const auto at = static_cast<std::uint32_t>(i);
    if (open >= 0 && bounds[static_cast<std::size_t>(open)].end <= at) {
      const std::uint32_t span = bounds[static_cast<std::size_t>(open)].span;
      continued = next < bounds.size() && bounds[next].begin == at && same_isolate(span, bounds[next].span);
      if (spans[span].isolation != SpanIsolation::none && !continued) out.push(kPopDirectionalIsolate, at, span, true);
      open = -1;
    }
    if (next < bounds.size() && bounds[next].begin <= at) {
      open = static_cast<std::ptrdiff_t>(next);
      current_span = bounds[next].span;
      if (const char16_t opener = isolate_opener(spans[current_span].isolation); opener != 0 && !continued) {
        out.push(opener, at, current_span, true);
      }
      continued = false;
      ++next;
    }
    if (at >= length) break;
    bool valid = true;
    char32_t c = next_code_point(utf8, i, &valid);  // a malformed byte: U+FFFD
    if (!valid) ++out.invalid_sequences;
    if (c == '\r' && i < length && utf8[i] == '\n') continue;  // CRLF: one break
    if (is_line_ending(c)) c = kLineSeparator;
    out.push(c, at, current_span, false);
  }
  out.text.resize(out.size);
  out.source_offsets.resize(out.size);
  out.span_of.resize(out.size);
  out.inserted.resize(out.size);
  return out;
}

}  // namespace nashr::itemizing
