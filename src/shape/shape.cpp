#include "shape/shape.h"

#include <hb.h>

#include <algorithm>
#include <array>
#include <cassert>
#include <cstdio>
#include <memory>

#include "base/utf8.h"

namespace nashr {

namespace {

struct BufferDestroyer {
  void operator()(hb_buffer_t* buffer) const { hb_buffer_destroy(buffer); }
};

// One buffer per thread, cleared for each run: HarfBuzz keeps its allocation, so shaping a
// paragraph allocates only the output vectors.
hb_buffer_t* scratch_buffer() {
  thread_local std::unique_ptr<hb_buffer_t, BufferDestroyer> buffer(hb_buffer_create());
  return buffer.get();
}

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

bool is_line_or_paragraph_separator(hb_unicode_general_category_t category) {
  return category == HB_UNICODE_GENERAL_CATEGORY_LINE_SEPARATOR ||
         category == HB_UNICODE_GENERAL_CATEGORY_PARAGRAPH_SEPARATOR;
}

// Shapes context[item_offset, item_offset + item_length) with `run`'s font, direction, script,
// language and features, the rest of `context` being the text around it. `bot`/`eot`: nothing
// precedes (follows) `context`. Returns the scratch buffer holding the result.
hb_buffer_t* shape_in_context(const TextRun& run, std::u16string_view context, std::uint32_t item_offset,
                              std::uint32_t item_length, bool bot, bool eot) {
  hb_buffer_t* buffer = scratch_buffer();
  hb_buffer_clear_contents(buffer);
  hb_buffer_add_utf16(buffer, reinterpret_cast<const uint16_t*>(context.data()),
                      static_cast<int>(context.size()), item_offset, static_cast<int>(item_length));
  hb_buffer_set_direction(buffer, run.rtl() ? HB_DIRECTION_RTL : HB_DIRECTION_LTR);
  hb_buffer_set_script(buffer, hb_script_from_string(run.script.data(), static_cast<int>(run.script.size())));
  hb_buffer_set_language(buffer,
                         hb_language_from_string(run.language.data(), static_cast<int>(run.language.size())));
  hb_buffer_set_cluster_level(buffer, HB_BUFFER_CLUSTER_LEVEL_MONOTONE_CHARACTERS);
  unsigned flags = HB_BUFFER_FLAG_DEFAULT;
  if (bot) flags |= HB_BUFFER_FLAG_BOT;
  if (eot) flags |= HB_BUFFER_FLAG_EOT;
  hb_buffer_set_flags(buffer, static_cast<hb_buffer_flags_t>(flags));
  const HbFeatures features(run.features);
  hb_shape(run.font->hb_font(), buffer, features.data(), features.size());
  return buffer;
}

// Shapes text[begin, end) of `run`, seeing text[context_begin, context_end) around it, and appends
// the glyphs to `out`.
void shape_range(const ItemizedParagraph& paragraph, const TextRun& run, std::uint32_t begin,
                 std::uint32_t end, std::uint32_t context_begin, std::uint32_t context_end,
                 std::vector<ShapedGlyph>& out) {
  if (run.font == nullptr || begin >= end) return;
  const std::u16string& text = paragraph.text();
  assert(context_begin <= begin && end <= context_end && context_end <= text.size());
  // No text before (paragraph start or line edge): the beginning of text; likewise at the end.
  hb_buffer_t* buffer =
      shape_in_context(run, std::u16string_view(text).substr(context_begin, context_end - context_begin),
                       begin - context_begin, end - begin, begin == context_begin, end == context_end);

  unsigned count = 0;
  const hb_glyph_info_t* infos = hb_buffer_get_glyph_infos(buffer, &count);
  const hb_glyph_position_t* positions = hb_buffer_get_glyph_positions(buffer, nullptr);
  hb_unicode_funcs_t* unicode = hb_unicode_funcs_get_default();
  out.reserve(out.size() + count);
  for (unsigned i = 0; i < count; ++i) {
    ShapedGlyph glyph{
        .glyph = infos[i].codepoint,
        .cluster = infos[i].cluster + context_begin,
        .x_advance = positions[i].x_advance,
        .x_offset = positions[i].x_offset,
        .y_offset = positions[i].y_offset,
        .unsafe_to_break = (hb_glyph_info_get_glyph_flags(&infos[i]) & HB_GLYPH_FLAG_UNSAFE_TO_BREAK) != 0};
    // The isolate controls itemize added are not the author's text: drop their (empty) glyphs.
    if (paragraph.inserted[glyph.cluster] && glyph.x_advance == 0) continue;
    const char16_t c = text[glyph.cluster];
    if (c == 0x2028 || c == 0x2029) {
      // A hard line break (itemize maps every line ending to U+2028) draws nothing, whatever the
      // font has for it; the line breaker ends the line there.
      if (glyph.glyph == 0) glyph.glyph = run.font->glyph_for(U' ');
      glyph.x_advance = 0;
    } else if (glyph.glyph == 0 &&
               hb_unicode_general_category(unicode, c) == HB_UNICODE_GENERAL_CATEGORY_CONTROL) {
      // Controls such as tab have no glyph in text fonts: a space, not a .notdef box.
      glyph.glyph = run.font->glyph_for(U' ');
      glyph.x_advance = run.font->advance(glyph.glyph);
    }
    out.push_back(glyph);
  }
}

// The run's text for the dump; invisible characters (ZWNJ, isolates, controls) as <U+XXXX>.
std::string visible_text(std::u16string_view text) {
  std::string out;
  hb_unicode_funcs_t* unicode = hb_unicode_funcs_get_default();
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char32_t c = code_point_at(text, i, text.size());
    const hb_unicode_general_category_t category = hb_unicode_general_category(unicode, c);
    if (category == HB_UNICODE_GENERAL_CATEGORY_FORMAT || category == HB_UNICODE_GENERAL_CATEGORY_CONTROL ||
        is_line_or_paragraph_separator(category)) {
      char label[16];
      std::snprintf(label, sizeof label, "<U+%04X>", static_cast<unsigned>(c));
      out += label;
    } else {
      append_utf8(out, c);
    }
  }
  return out;
}

}  // namespace

ShapedParagraph shape(const ItemizedParagraph& paragraph) {
  ShapedParagraph result;
  result.text = paragraph.text();
  result.paragraph_level = paragraph.bidi.paragraph_level();
  result.runs.reserve(paragraph.runs.size());
  const auto length = static_cast<std::uint32_t>(paragraph.text().size());
  for (const TextRun& run : paragraph.runs) {
    ShapedRun shaped{.run = run, .glyphs = {}};
    shape_range(paragraph, run, run.begin, run.end, 0, length, shaped.glyphs);
    result.runs.push_back(std::move(shaped));
  }
  return result;
}

std::vector<ShapedGlyph> reshape(const ItemizedParagraph& paragraph, const TextRun& run, std::uint32_t begin,
                                 std::uint32_t end, LineEdges edges) {
  assert(run.begin <= begin && begin <= end && end <= run.end && "reshape outside its run");
  std::vector<ShapedGlyph> glyphs;
  const auto length = static_cast<std::uint32_t>(paragraph.text().size());
  shape_range(paragraph, run, begin, end, edges.line_start ? begin : 0, edges.line_end ? end : length,
              glyphs);
  return glyphs;
}

std::vector<ShapedGlyph> shape_substitute(const ItemizedParagraph& paragraph, const TextRun& run,
                                          std::uint32_t begin, std::uint32_t end,
                                          std::u16string_view substitute, LineEdges edges) {
  assert(run.begin <= begin && begin <= end && end <= run.end && "substitute outside its run");
  std::vector<ShapedGlyph> glyphs;
  if (run.font == nullptr || substitute.empty()) return glyphs;
  // HarfBuzz looks at no more than a few characters of context on either side.
  constexpr std::uint32_t kContext = 8;
  const std::u16string& text = paragraph.text();
  const auto length = static_cast<std::uint32_t>(text.size());
  const std::uint32_t before_begin = edges.line_start ? begin : (begin > kContext ? begin - kContext : 0);
  const std::uint32_t after_end = edges.line_end ? end : std::min(length, end + kContext);
  std::u16string context = text.substr(before_begin, begin - before_begin);
  context.append(substitute);
  context.append(text, end, after_end - end);
  const std::uint32_t offset = begin - before_begin;
  hb_buffer_t* buffer =
      shape_in_context(run, context, offset, static_cast<std::uint32_t>(substitute.size()),
                       before_begin == 0 || edges.line_start, after_end == length || edges.line_end);
  unsigned count = 0;
  const hb_glyph_info_t* infos = hb_buffer_get_glyph_infos(buffer, &count);
  const hb_glyph_position_t* positions = hb_buffer_get_glyph_positions(buffer, nullptr);
  glyphs.reserve(count);
  for (unsigned i = 0; i < count; ++i) {
    glyphs.push_back(
        {.glyph = infos[i].codepoint,
         .cluster = infos[i].cluster - offset,
         .x_advance = positions[i].x_advance,
         .x_offset = positions[i].x_offset,
         .y_offset = positions[i].y_offset,
         .unsafe_to_break = (hb_glyph_info_get_glyph_flags(&infos[i]) & HB_GLYPH_FLAG_UNSAFE_TO_BREAK) != 0});
  }
  return glyphs;
}

std::span<const ShapedGlyph> glyphs_in(const ShapedRun& run, std::uint32_t begin, std::uint32_t end) {
  const std::vector<ShapedGlyph>& glyphs = run.glyphs;
  auto inside = [&](const ShapedGlyph& glyph) { return glyph.cluster >= begin && glyph.cluster < end; };
  const auto first = std::find_if(glyphs.begin(), glyphs.end(), inside);
  const auto last = std::find_if_not(first, glyphs.end(), inside);
  return {glyphs.data() + (first - glyphs.begin()), static_cast<std::size_t>(last - first)};
}

bool safe_to_break_at(const ShapedRun& run, std::uint32_t position) {
  if (position <= run.run.begin || position >= run.run.end) return true;
  bool starts_cluster = false;
  for (const ShapedGlyph& glyph : run.glyphs) {
    if (glyph.cluster != position) continue;
    if (glyph.unsafe_to_break) return false;
    starts_cluster = true;
  }
  return starts_cluster;
}

double width_in_points(const ShapedRun& run) {
  if (run.run.font == nullptr) return 0;
  long long units = 0;
  for (const ShapedGlyph& glyph : run.glyphs) units += glyph.x_advance;
  return static_cast<double>(units) * run.run.font_size / run.run.font->units_per_em();
}

std::string dump_shaped(const ShapedParagraph& paragraph) {
  std::string out;
  out.append("paragraph level=").append(std::to_string(paragraph.paragraph_level));
  out.append(" length=").append(std::to_string(paragraph.text.size()));
  out.append(" runs=").append(std::to_string(paragraph.runs.size())).append("\n");
  char number[64];
  for (std::size_t r = 0; r < paragraph.runs.size(); ++r) {
    const ShapedRun& glyph_run = paragraph.runs[r];
    const TextRun& run = glyph_run.run;
    std::snprintf(number, sizeof number, "%g", run.font_size);
    out.append("run ").append(std::to_string(r));
    out.append(" [")
        .append(std::to_string(run.begin))
        .append(",")
        .append(std::to_string(run.end))
        .append(")");
    out.append(" level=").append(std::to_string(run.level)).append(run.rtl() ? " rtl" : " ltr");
    out.append(" script=").append(run.script).append(" lang=").append(run.language);
    out.append(" font=").append(run.font != nullptr ? run.font->postscript_name() : std::string("(none)"));
    out.append(" size=").append(number).append(" features=");
    for (std::size_t f = 0; f < run.features.size(); ++f) {
      if (f > 0) out.append(",");
      out.append(run.features[f].tag);
      if (run.features[f].value != 1) out.append("=").append(std::to_string(run.features[f].value));
    }
    out.append(" text=\"")
        .append(visible_text(std::u16string_view(paragraph.text).substr(run.begin, run.end - run.begin)))
        .append("\"\n  [");
    for (std::size_t g = 0; g < glyph_run.glyphs.size(); ++g) {
      const ShapedGlyph& glyph = glyph_run.glyphs[g];
      if (g > 0) out.append("|");
      out.append(run.font->glyph_name(glyph.glyph)).append("=").append(std::to_string(glyph.cluster));
      if (glyph.x_offset != 0 || glyph.y_offset != 0) {
        out.append("@")
            .append(std::to_string(glyph.x_offset))
            .append(",")
            .append(std::to_string(glyph.y_offset));
      }
      out.append("+").append(std::to_string(glyph.x_advance));
      if (glyph.unsafe_to_break) out.append("#1");
    }
    out.append("]\n");
  }
  return out;
}

}  // namespace nashr
