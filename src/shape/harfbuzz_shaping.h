#pragma once
// Shaping with HarfBuzz, shared by shape() (shape.cpp) and the piece cache (piece_cache.cpp): one
// call to hb_shape on a thread's scratch buffer, the glyphs it gives, and what shape() makes of
// them. Not part of the stage's interface (shape.h).
#include <hb.h>

#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

#include "shape/shape.h"

namespace nashr::shaping {

// A run's features as HarfBuzz wants them; on the stack for the usual handful.
class HbFeatures {
 public:
  explicit HbFeatures(const std::vector<FontFeature>& features) {
    if (features.size() > inline_.size()) heap_.resize(features.size());
    hb_feature_t* out = heap_.empty() ? inline_.data() : heap_.data();
    data_ = out;
    size_ = static_cast<unsigned>(features.size());
    for (const FontFeature& feature : features) {
      *out++ = {hb_tag_from_string(feature.tag.data(), static_cast<int>(feature.tag.size())), feature.value,
                HB_FEATURE_GLOBAL_START, HB_FEATURE_GLOBAL_END};
    }
  }
  HbFeatures(const HbFeatures&) = delete;
  HbFeatures& operator=(const HbFeatures&) = delete;

  const hb_feature_t* data() const { return data_; }
  unsigned size() const { return size_; }

 private:
  std::array<hb_feature_t, 8> inline_{};
  std::vector<hb_feature_t> heap_;
  const hb_feature_t* data_ = nullptr;
  unsigned size_ = 0;
};

// Shapes context[item_offset, item_offset + item_length) with `run`'s font, direction, script,
// language and features, the rest of `context` being the text around it. `bot`/`eot`: nothing
// precedes (follows) `context`. Returns the scratch buffer holding the result.
hb_buffer_t* shape_in_context(const TextRun& run, std::u16string_view context, std::uint32_t item_offset,
                              std::uint32_t item_length, bool bot, bool eot);

// The glyphs HarfBuzz left in `buffer`, with clusters moved by `cluster_offset`, appended to `out`.
void append_glyphs(hb_buffer_t* buffer, std::uint32_t cluster_offset, std::vector<ShapedGlyph>& out);

// Whether finish_glyphs() may change or drop the glyph of `c`: controls (General_Category Cc),
// line and paragraph separators (Zl, Zp; itemize maps every line ending to U+2028) and the
// isolate controls itemize inserts.
bool needs_finishing(char16_t c);

// What shape() does to HarfBuzz's glyphs of the paragraph's text, glyphs[first, end).
void finish_glyphs(const ItemizedParagraph& paragraph, const TextRun& run, std::vector<ShapedGlyph>& glyphs,
                   std::size_t first);

// Shapes text[begin, end) of `run`, seeing text[context_begin, context_end) around it, and appends
// the glyphs to `out`.
void shape_range(const ItemizedParagraph& paragraph, const TextRun& run, std::uint32_t begin,
                 std::uint32_t end, std::uint32_t context_begin, std::uint32_t context_end,
                 std::vector<ShapedGlyph>& out);

}  // namespace nashr::shaping
