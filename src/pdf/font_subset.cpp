#include "pdf/font_subset.h"

#include <hb-subset.h>
#include <hb.h>

#include <memory>

#include "fonts/font_db.h"

namespace nashr {

namespace {

struct SubsetInputDeleter {
  void operator()(hb_subset_input_t* input) const { hb_subset_input_destroy(input); }
};
struct SubsetPlanDeleter {
  void operator()(hb_subset_plan_t* plan) const { hb_subset_plan_destroy(plan); }
};
struct FaceDeleter {
  void operator()(hb_face_t* face) const { hb_face_destroy(face); }
};
struct BlobDeleter {
  void operator()(hb_blob_t* blob) const { hb_blob_destroy(blob); }
};

Diagnostic subset_error(const Font& font, const std::string& what) {
  return make_error({font.path().string()}, "cannot subset the font for embedding: " + what,
                    "check that the file is a TrueType (glyf) font");
}

}  // namespace

Result<FontSubset> subset_font(const Font& font, const std::vector<std::uint32_t>& glyphs) {
  // The PDF embeds TrueType outlines (CIDFontType2, FontFile2); CFF-flavoured OpenType would need
  // FontFile3, which the writer does not produce.
  hb_blob_t* glyf = hb_face_reference_table(font.hb_face(), HB_TAG('g', 'l', 'y', 'f'));
  const bool truetype_outlines = hb_blob_get_length(glyf) > 0;
  hb_blob_destroy(glyf);
  if (!truetype_outlines) return fail(subset_error(font, "it has no TrueType outlines (glyf table)"));

  std::unique_ptr<hb_subset_input_t, SubsetInputDeleter> input(hb_subset_input_create_or_fail());
  if (!input) return fail(subset_error(font, "out of memory"));

  hb_set_t* glyph_set = hb_subset_input_glyph_set(input.get());
  hb_set_add(glyph_set, 0);  // .notdef stays glyph 0
  for (std::uint32_t glyph : glyphs) hb_set_add(glyph_set, glyph);

  // The PDF positions every glyph itself: layout tables would only add bytes. No code points are
  // kept either: the PDF maps CIDs to glyphs (CIDToGIDMap), never through the font's cmap.
  hb_set_t* dropped = hb_subset_input_set(input.get(), HB_SUBSET_SETS_DROP_TABLE_TAG);
  for (const char* tag : {"GSUB", "GPOS", "GDEF", "BASE", "JSTF", "MATH", "kern", "morx", "DSIG"}) {
    hb_set_add(dropped, hb_tag_from_string(tag, -1));
  }
  hb_subset_input_set_flags(input.get(), HB_SUBSET_FLAGS_NO_HINTING);

  std::unique_ptr<hb_subset_plan_t, SubsetPlanDeleter> plan(
      hb_subset_plan_create_or_fail(font.hb_face(), input.get()));
  if (!plan) return fail(subset_error(font, "HarfBuzz could not plan the subset"));

  FontSubset subset;
  const hb_map_t* old_to_new = hb_subset_plan_old_to_new_glyph_mapping(plan.get());
  for (std::uint32_t glyph : glyphs) {
    const hb_codepoint_t mapped = hb_map_get(old_to_new, glyph);
    if (mapped == HB_MAP_VALUE_INVALID) {
      return fail(subset_error(font, "glyph " + std::to_string(glyph) + " is not in the font"));
    }
    subset.new_glyph[glyph] = mapped;
  }
  subset.new_glyph[0] = 0;

  std::unique_ptr<hb_face_t, FaceDeleter> face(hb_subset_plan_execute_or_fail(plan.get()));
  if (!face) return fail(subset_error(font, "HarfBuzz could not build the subset"));
  std::unique_ptr<hb_blob_t, BlobDeleter> blob(hb_face_reference_blob(face.get()));
  unsigned length = 0;
  const char* data = hb_blob_get_data(blob.get(), &length);
  if (data == nullptr || length == 0) return fail(subset_error(font, "the subset is empty"));
  subset.bytes.assign(data, length);
  return subset;
}

}  // namespace nashr
