#include "text/bidi.h"

#include <unicode/ubidi.h>
#include <unicode/uchar.h>
#include <unicode/utf16.h>

#include <climits>
#include <string>
#include <string_view>

namespace nashr {

namespace {

struct UBiDiCloser {
  void operator()(UBiDi* bidi) const { ubidi_close(bidi); }
};
using UBiDiHandle = std::unique_ptr<UBiDi, UBiDiCloser>;

Diagnostic icu_failure(const char* what, UErrorCode status) {
  return make_error({}, std::string("bidi analysis failed in ") + what + ": " + u_errorName(status));
}

}  // namespace

struct BidiParagraph::Impl {
  std::u16string text;    // ubidi keeps a pointer to it: never reallocated after setPara
  UBiDiHandle paragraph;  // null for left-to-right text (below)
  std::vector<std::uint8_t> levels;
};

namespace {

// True when the UBA gives every character of `text` level 0 at paragraph level 0: no
// right-to-left letter (R, AL), no Arabic number (AN), no embedding, override or isolate. Then left
// letters, European numbers (rule W7 makes them L) and neutrals between them all resolve to L. Most
// paragraphs of an English issue are such, and ubidi_setPara costs far more than this look.
bool resolves_all_left_to_right(std::u16string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char16_t unit = text[i];
    if (unit < 0x80) continue;  // ASCII: L, EN, ES, ET, CS, ON, WS, B, S or BN
    UChar32 c = unit;
    if (U16_IS_LEAD(unit) && i + 1 < text.size() && U16_IS_TRAIL(text[i + 1])) {
      c = U16_GET_SUPPLEMENTARY(unit, text[i + 1]);
      ++i;
    }
    switch (u_charDirection(c)) {
      case U_RIGHT_TO_LEFT:
      case U_RIGHT_TO_LEFT_ARABIC:
      case U_ARABIC_NUMBER:
      case U_LEFT_TO_RIGHT_EMBEDDING:
      case U_RIGHT_TO_LEFT_EMBEDDING:
      case U_LEFT_TO_RIGHT_OVERRIDE:
      case U_RIGHT_TO_LEFT_OVERRIDE:
      case U_POP_DIRECTIONAL_FORMAT:
      case U_LEFT_TO_RIGHT_ISOLATE:
      case U_RIGHT_TO_LEFT_ISOLATE:
      case U_FIRST_STRONG_ISOLATE:
      case U_POP_DIRECTIONAL_ISOLATE: return false;
      default: break;
    }
  }
  return true;
}

}  // namespace

BidiParagraph::BidiParagraph(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
BidiParagraph::BidiParagraph(BidiParagraph&&) noexcept = default;
BidiParagraph& BidiParagraph::operator=(BidiParagraph&&) noexcept = default;
BidiParagraph::~BidiParagraph() = default;

Result<BidiParagraph> BidiParagraph::analyse(std::u16string text, Direction direction) {
  if (text.size() > static_cast<std::size_t>(INT32_MAX)) {
    return fail(make_error(
        {}, "paragraph too long for bidi analysis (" + std::to_string(text.size()) + " UTF-16 units)"));
  }
  auto impl = std::make_unique<Impl>();
  impl->text = std::move(text);
  if (direction != Direction::rtl && resolves_all_left_to_right(impl->text)) {
    impl->levels.assign(impl->text.size(), 0);
    return BidiParagraph(std::move(impl));
  }
  UErrorCode status = U_ZERO_ERROR;
  impl->paragraph.reset(ubidi_open());
  if (!impl->paragraph) return fail(icu_failure("ubidi_open", U_MEMORY_ALLOCATION_ERROR));
  const UBiDiLevel level = direction == Direction::ltr   ? UBiDiLevel{0}
                           : direction == Direction::rtl ? UBiDiLevel{1}
                                                             : UBiDiLevel{UBIDI_DEFAULT_LTR};
  const auto length = static_cast<int32_t>(impl->text.size());
  ubidi_setPara(impl->paragraph.get(), impl->text.data(), length, level, nullptr, &status);
  if (U_FAILURE(status)) return fail(icu_failure("ubidi_setPara", status));
  if (length > 0) {
    const UBiDiLevel* levels = ubidi_getLevels(impl->paragraph.get(), &status);
    if (U_FAILURE(status)) return fail(icu_failure("ubidi_getLevels", status));
    impl->levels.assign(levels, levels + length);
  }
  return BidiParagraph(std::move(impl));
}

const std::u16string& BidiParagraph::text() const {
  return impl_->text;
}

std::uint8_t BidiParagraph::paragraph_level() const {
  return impl_->paragraph ? ubidi_getParaLevel(impl_->paragraph.get()) : 0;
}

std::span<const std::uint8_t> BidiParagraph::levels() const {
  return impl_->levels;
}

namespace {

// The UBiDi object for [begin, end): the paragraph object itself for the whole text (which may hold
// several UBA paragraphs, as conformance tests do), otherwise a line object from ubidi_setLine.
// `line` owns the line object when one is made.
UBiDi* line_object(UBiDi* paragraph, std::uint32_t begin, std::uint32_t end, std::uint32_t length,
                   UBiDiHandle& line) {
  if (begin == 0 && end == length) return paragraph;
  assert(begin < end && end <= length && "bidi line outside the paragraph");
  line.reset(ubidi_open());
  if (!line) return nullptr;
  UErrorCode status = U_ZERO_ERROR;
  ubidi_setLine(paragraph, static_cast<int32_t>(begin), static_cast<int32_t>(end), line.get(), &status);
  // setLine fails only for a line that crosses a paragraph separator; itemize() maps those to
  // U+2028, so this is our bug.
  assert(U_SUCCESS(status) && "ubidi_setLine failed");
  return U_SUCCESS(status) ? line.get() : nullptr;
}

}  // namespace

std::vector<std::uint8_t> BidiParagraph::line_levels(std::uint32_t begin, std::uint32_t end) const {
  std::vector<std::uint8_t> result;
  if (begin >= end) return result;
  if (!impl_->paragraph) return std::vector<std::uint8_t>(end - begin, 0);
  UBiDiHandle line;
  UBiDi* bidi =
      line_object(impl_->paragraph.get(), begin, end, static_cast<std::uint32_t>(impl_->text.size()), line);
  if (bidi == nullptr) return result;
  UErrorCode status = U_ZERO_ERROR;
  const UBiDiLevel* levels = ubidi_getLevels(bidi, &status);
  if (U_FAILURE(status)) return result;
  result.assign(levels, levels + (end - begin));
  return result;
}

std::vector<VisualRun> BidiParagraph::visual_runs(std::uint32_t begin, std::uint32_t end) const {
  std::vector<VisualRun> runs;
  if (begin >= end) return runs;
  if (!impl_->paragraph) return {VisualRun{begin, end, 0}};
  UBiDiHandle line;
  UBiDi* bidi =
      line_object(impl_->paragraph.get(), begin, end, static_cast<std::uint32_t>(impl_->text.size()), line);
  if (bidi == nullptr) return runs;
  UErrorCode status = U_ZERO_ERROR;
  const int32_t count = ubidi_countRuns(bidi, &status);
  if (U_FAILURE(status)) return runs;
  const UBiDiLevel* levels = ubidi_getLevels(bidi, &status);
  if (U_FAILURE(status)) return runs;
  runs.reserve(static_cast<std::size_t>(count));
  for (int32_t i = 0; i < count; ++i) {
    int32_t start = 0;
    int32_t length = 0;
    ubidi_getVisualRun(bidi, i, &start, &length);
    // ICU's runs are maximal stretches of one level (ubidiln.cpp, getRuns).
    runs.push_back({begin + static_cast<std::uint32_t>(start),
                    begin + static_cast<std::uint32_t>(start + length), levels[start]});
  }
  return runs;
}

bool is_removed_by_rule_x9(char32_t code_point) {
  switch (u_charDirection(static_cast<UChar32>(code_point))) {
    case U_LEFT_TO_RIGHT_EMBEDDING:
    case U_RIGHT_TO_LEFT_EMBEDDING:
    case U_LEFT_TO_RIGHT_OVERRIDE:
    case U_RIGHT_TO_LEFT_OVERRIDE:
    case U_POP_DIRECTIONAL_FORMAT:
    case U_BOUNDARY_NEUTRAL: return true;
    default: return false;
  }
}

}  // namespace nashr
