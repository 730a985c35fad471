#pragma once
// Checking a figure's image before anything embeds it: the whole file is decoded (libpng, libjpeg)
// with error handling that returns instead of aborting, so a damaged, truncated or hostile image
// is refused at `check` time with a located error, and the PDF writer only ever sees images that
// decode.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <span>
#include <string_view>

#include "base/result.h"
#include "base/source_location.h"
#include "model/report.h"

namespace nashr {

// What an image may cost. Sizes past these are refused from the file's size and the image's header,
// before a single pixel is decoded.
struct ImageLimits {
  std::uintmax_t max_file_bytes = std::uintmax_t{256} << 20;
  std::uint64_t max_pixels = 100'000'000;
  int max_side = 65'535;  // pixels, either way
  // libjpeg's working memory: a progressive JPEG keeps every coefficient of the image (2 bytes a
  // sample) until its last scan.
  long max_decoder_bytes = long{1} << 30;
  // Each scan of a progressive JPEG is a pass over the whole image; a hostile file has thousands.
  int max_jpeg_scans = 500;
  // While the PDF writer hands image files to libharu 2.3.0's loaders, what they get wrong is
  // refused here (see libharu_refusal in image_check.cpp): interlaced PNGs (a failed build), 16-bit
  // PNGs (half the data under a 16-bit header), a tRNS chunk on grey or RGB (transparency lost, or
  // a crash for RGB), on a palette of 1, 2 or 4 bits (a wrong soft mask), and 4-component JPEGs
  // without Adobe's marker (inverted colours).
  bool libharu_rules = true;
};

enum class ImageColour { grey, grey_alpha, palette, rgb, rgba, cmyk };
const char* to_string(ImageColour colour);

// What the PDF writer needs to embed the image as it is stored.
struct CheckedImage {
  ImageFormat format = ImageFormat::png;
  int width = 0;  // pixels, 1 to ImageLimits::max_side
  int height = 0;
  int bit_depth = 8;   // bits a sample as stored: 1, 2, 4, 8 or 16 for a PNG, 8 for a JPEG
  int components = 3;  // samples a pixel as stored, alpha included (1 for a palette index)
  ImageColour colour = ImageColour::rgb;
  bool has_alpha = false;   // an alpha channel, or a tRNS chunk
  bool has_trns = false;    // a tRNS chunk: a palette's alphas, or one transparent grey or RGB colour
  bool interlaced = false;  // an Adam7 PNG or a progressive JPEG
  // A 4-component JPEG with Adobe's APP14 marker: CMYK (or YCCK) stored inverted, as Photoshop
  // writes it, so the PDF needs /Decode [1 0 1 0 1 0 1 0].
  bool adobe_cmyk = false;
};

// Decodes the image file at `path` whole, row by row through a small buffer, and says what it is,
// or why it is refused: not a regular file, over the size limits, empty, neither PNG nor JPEG, or
// damaged. `name` is the file as the user wrote it, for messages; errors are located at `where`.
// Never aborts and never throws on any input.
Result<CheckedImage> check_image(const std::filesystem::path& path, std::string_view name,
                                 const SourceLocation& where, const ImageLimits& limits = {});

// The same for an image already in memory (the PDF writer's bytes, a fuzzer's input).
Result<CheckedImage> check_image_bytes(std::span<const unsigned char> bytes, std::string_view name,
                                       const SourceLocation& where, const ImageLimits& limits = {});

}  // namespace nashr
