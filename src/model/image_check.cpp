// Decoding a figure's image in full through libpng and libjpeg, so that what cannot be decoded is
// refused here, with a location, rather than aborting in the PDF writer.
//
// Both libraries report errors through a callback that must not return (libpng aborts if it does,
// libjpeg exits). Ours longjmp back to a setjmp in one of the small `read_*`/`decode_*` functions
// below. longjmp skips destructors, so the rule here is C's: no object with a destructor lives in
// a frame between the setjmp and the callback. The decoders' state and our buffers are owned by
// the caller of each such function and freed by it, whatever happened.
#include "model/image_check.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <csetjmp>
#include <cstdio>
#include <cstring>
#include <optional>
#include <string>
#include <system_error>
#include <vector>

// jpeglib.h needs FILE and size_t declared before it.
#include <jpeglib.h>
// jerror.h after it: the message codes, for telling warnings apart.
#include <jerror.h>
#include <png.h>

#include "base/file_descriptor.h"

namespace nashr {

const char* to_string(ImageColour colour) {
  switch (colour) {
    case ImageColour::grey: return "grey";
    case ImageColour::grey_alpha: return "grey+alpha";
    case ImageColour::palette: return "palette";
    case ImageColour::rgb: return "rgb";
    case ImageColour::rgba: return "rgba";
    case ImageColour::cmyk: return "cmyk";
  }
  return "rgb";
}

namespace {

constexpr std::size_t kPieceBytes = 64 * 1024;
constexpr std::size_t kMessageBytes = 256;
constexpr const char* kEndsEarly = "the file ends before the image does";
constexpr const char* kCannotRead = "the file could not be read";
constexpr const char* kScaleDown =
    "scale it down in an image editor: a whole A4 page at 300 dpi is about 9 megapixels (2480x3508)";

// What messages say about the file: its name as written, and where it was named.
struct Naming {
  std::string_view name;
  const SourceLocation& where;

  Diagnostic error(const std::string& what, std::string hint) const {
    return make_error(where, "figure file '" + std::string(name) + "' " + what, std::move(hint));
  }
};

// The image's bytes in pieces of at most kPieceBytes: from a span, or from a file through one
// buffer, never more than a given number of bytes. The decoders' callbacks call next(), which
// neither throws nor allocates.
class ImageBytes {
 public:
  explicit ImageBytes(std::span<const unsigned char> bytes) : rest_(bytes) {}
  ImageBytes(int fd, std::uintmax_t most) : fd_(fd), allowed_(most), buffer_(kPieceBytes) {}

  // The first piece, which the next call to next() returns again.
  std::span<const unsigned char> head() noexcept {
    if (!started_) {
      pending_ = take();
      started_ = true;
    }
    return pending_;
  }

  // The next piece, valid until the next call; empty at the end, or after a read error.
  std::span<const unsigned char> next() noexcept {
    head();
    const std::span<const unsigned char> piece = pending_;
    pending_ = {};
    return piece.empty() ? take() : piece;
  }

  int read_error() const { return read_error_; }

 private:
  std::span<const unsigned char> take() noexcept {
    if (fd_ < 0) {
      const std::size_t size = std::min(kPieceBytes, rest_.size());
      const std::span<const unsigned char> piece = rest_.first(size);
      rest_ = rest_.subspan(size);
      return piece;
    }
    const std::size_t wanted = static_cast<std::size_t>(std::min<std::uintmax_t>(kPieceBytes, allowed_));
    std::size_t filled = 0;
    while (filled < wanted && read_error_ == 0) {
      const ssize_t got = ::read(fd_, buffer_.data() + filled, wanted - filled);
      if (got == 0) break;
      if (got > 0) {
        filled += static_cast<std::size_t>(got);
      } else if (errno != EINTR) {
        read_error_ = errno;
        return {};
      }
    }
    allowed_ -= filled;
    return {buffer_.data(), filled};
  }

  std::span<const unsigned char> rest_;  // when reading from memory
  int fd_ = -1;                          // when reading from a file
  std::uintmax_t allowed_ = 0;
  std::vector<unsigned char> buffer_;
  std::span<const unsigned char> pending_;
  bool started_ = false;
  int read_error_ = 0;
};

// "300 MB" from a mebibyte up, else "4000 bytes".
std::string describe_bytes(std::uintmax_t bytes) {
  return bytes >= (1u << 20) ? std::to_string(bytes >> 20) + " MB" : std::to_string(bytes) + " bytes";
}

// ---- sizes, from the header ------------------------------------------------------------------

std::optional<Diagnostic> size_refusal(const Naming& naming, std::uint64_t width, std::uint64_t height,
                                       const ImageLimits& limits) {
  const std::string size = std::to_string(width) + "x" + std::to_string(height);
  if (width == 0 || height == 0) {
    return naming.error("has no pixels: its header says " + size,
                        "the file is damaged; export the image again from an image editor");
  }
  const auto side = static_cast<std::uint64_t>(limits.max_side);
  if (width > side || height > side) {
    return naming.error("is " + size + " pixels, more than " + std::to_string(side) + " either way",
                        kScaleDown);
  }
  if (width * height > limits.max_pixels) {
    char megapixels[64];
    std::snprintf(megapixels, sizeof megapixels, "%.1f megapixels, more than the limit of %g",
                  static_cast<double>(width * height) / 1e6, static_cast<double>(limits.max_pixels) / 1e6);
    return naming.error("is " + size + " pixels (" + megapixels + ")", kScaleDown);
  }
  return std::nullopt;
}

// What libharu 2.3.0's loaders embed wrongly or not at all (checked against its output with
// poppler and MuPDF), while the PDF writer hands them image files.
std::optional<Diagnostic> libharu_refusal(const CheckedImage& image, const Naming& naming,
                                          const ImageLimits& limits) {
  if (!limits.libharu_rules) return std::nullopt;
  auto refuse = [&](const std::string& what, const char* hint) {
    return naming.error("is " + what + ", which nashr cannot embed yet", hint);
  };
  if (image.format == ImageFormat::jpeg) {
    if (image.components == 4 && !image.adobe_cmyk) {
      return refuse("a CMYK JPEG image without Adobe's marker", "save it again as an RGB JPEG");
    }
    return std::nullopt;
  }
  if (image.interlaced) {
    return refuse("an interlaced PNG image",
                  "save it again without interlacing (in most editors, a box to untick)");
  }
  if (image.bit_depth == 16)
    return refuse("a PNG image of 16 bits a channel", "save it again with 8 bits a channel");
  if (image.has_trns && image.colour != ImageColour::palette) {
    return refuse("a PNG image with a transparent colour (a tRNS chunk)",
                  "save it again with an alpha channel, or without transparency");
  }
  if (image.has_trns && image.bit_depth < 8) {
    return refuse("a PNG image with a transparent palette of " + std::to_string(image.bit_depth) + " bits",
                  "save it again with an 8-bit palette, or as RGBA");
  }
  return std::nullopt;
}

// Why decoding stopped: the image's damage, or the system's reason for a failed read.
Diagnostic damaged(const Naming& naming, const char* format, const char* reason, const ImageBytes& bytes) {
  if (bytes.read_error() != 0) {
    return naming.error("cannot be read: " + std::system_category().message(bytes.read_error()),
                        "check the disk and the file's permissions");
  }
  return naming.error(std::string("is a damaged ") + format + " image (" + reason + ")",
                      std::string("open it in an image editor and save it again as ") + format);
}

// ---- PNG -------------------------------------------------------------------------------------

struct PngContext {
  ImageBytes* bytes = nullptr;
  std::span<const unsigned char> piece;  // what is left of the current piece
  std::jmp_buf jump;
  char message[kMessageBytes] = {};
};

[[noreturn]] void fail_png(PngContext& context, const char* prefix, const char* text) {
  std::snprintf(context.message, sizeof context.message, "%s%s", prefix, text);
  std::longjmp(context.jump, 1);
}

void on_png_error(png_structp png, png_const_charp text) {
  fail_png(*static_cast<PngContext*>(png_get_error_ptr(png)), "libpng: ", text);
}

// libpng's warnings are damage it reads past (an ancillary chunk's bad CRC, data after the last
// row, an invalid profile). libharu 2.3.0 takes each for an error and fails the build, so they are
// refused here too: `check` and `build` agree.
void on_png_warning(png_structp png, png_const_charp text) {
  on_png_error(png, text);
}

void read_png_bytes(png_structp png, png_bytep out, std::size_t count) {
  auto& context = *static_cast<PngContext*>(png_get_io_ptr(png));
  while (count > 0) {
    if (context.piece.empty()) {
      context.piece = context.bytes->next();
      if (context.piece.empty())
        fail_png(context, "", context.bytes->read_error() != 0 ? kCannotRead : kEndsEarly);
    }
    const std::size_t size = std::min(count, context.piece.size());
    std::memcpy(out, context.piece.data(), size);
    out += size;
    count -= size;
    context.piece = context.piece.subspan(size);
  }
}

// libpng's read and info structures, destroyed whatever happened.
struct PngReader {
  png_structp png = nullptr;
  png_infop info = nullptr;

  PngReader() = default;
  PngReader(const PngReader&) = delete;
  PngReader& operator=(const PngReader&) = delete;
  ~PngReader() {
    png_destroy_read_struct(png != nullptr ? &png : nullptr, info != nullptr ? &info : nullptr, nullptr);
  }
};

// Everything up to the first IDAT chunk: no pixel yet. Metadata text is skipped, unread (a zTXt
// chunk is compressed too: nothing to inflate that the PDF does not use).
bool read_png_header(PngContext& context, PngReader& reader, const ImageLimits& limits) {
  if (setjmp(context.jump) != 0) return false;
  reader.png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &context, on_png_error, on_png_warning);
  if (reader.png == nullptr) fail_png(context, "", "libpng could not start");
  reader.info = png_create_info_struct(reader.png);
  if (reader.info == nullptr) fail_png(context, "", "libpng could not start");
  png_set_read_fn(reader.png, &context, read_png_bytes);
  const auto side = static_cast<png_uint_32>(limits.max_side);
  png_set_user_limits(reader.png, side, side);
  static const png_byte kText[] = "tEXt\0zTXt\0iTXt";
  png_set_keep_unknown_chunks(reader.png, PNG_HANDLE_CHUNK_NEVER, kText, 3);
  png_read_info(reader.png, reader.info);
  return true;
}

// Every row of every pass, into one row's buffer, and the chunks after the pixels to IEND.
bool decode_png_rows(PngContext& context, const PngReader& reader, png_bytep row) {
  if (setjmp(context.jump) != 0) return false;
  const int passes = png_set_interlace_handling(reader.png);
  png_read_update_info(reader.png, reader.info);
  const png_uint_32 height = png_get_image_height(reader.png, reader.info);
  for (int pass = 0; pass < passes; ++pass) {
    for (png_uint_32 y = 0; y < height; ++y) png_read_row(reader.png, row, nullptr);
  }
  png_read_end(reader.png, nullptr);
  return true;
}

CheckedImage describe_png(const PngReader& reader) {
  CheckedImage image;
  image.format = ImageFormat::png;
  image.width = static_cast<int>(png_get_image_width(reader.png, reader.info));
  image.height = static_cast<int>(png_get_image_height(reader.png, reader.info));
  image.bit_depth = png_get_bit_depth(reader.png, reader.info);
  image.components = png_get_channels(reader.png, reader.info);
  image.interlaced = png_get_interlace_type(reader.png, reader.info) != PNG_INTERLACE_NONE;
  const int colour_type = png_get_color_type(reader.png, reader.info);
  image.has_trns = png_get_valid(reader.png, reader.info, PNG_INFO_tRNS) != 0;
  image.has_alpha = (colour_type & PNG_COLOR_MASK_ALPHA) != 0 || image.has_trns;
  switch (colour_type) {
    case PNG_COLOR_TYPE_GRAY: image.colour = ImageColour::grey; break;
    case PNG_COLOR_TYPE_GRAY_ALPHA: image.colour = ImageColour::grey_alpha; break;
    case PNG_COLOR_TYPE_PALETTE: image.colour = ImageColour::palette; break;
    case PNG_COLOR_TYPE_RGB_ALPHA: image.colour = ImageColour::rgba; break;
    default: image.colour = ImageColour::rgb; break;
  }
  return image;
}

Result<CheckedImage> check_png(ImageBytes& bytes, const Naming& naming, const ImageLimits& limits) {
  // The size from IHDR, the first chunk, before libpng reads anything.
  const std::span<const unsigned char> head = bytes.head();
  if (head.size() >= 24 && std::memcmp(head.data() + 12, "IHDR", 4) == 0) {
    auto be32 = [&](std::size_t at) {
      return std::uint64_t{head[at]} << 24 | std::uint64_t{head[at + 1]} << 16 |
             std::uint64_t{head[at + 2]} << 8 | head[at + 3];
    };
    if (auto refusal = size_refusal(naming, be32(16), be32(20), limits)) return fail(std::move(*refusal));
  }
  PngContext context;
  context.bytes = &bytes;
  PngReader reader;
  if (!read_png_header(context, reader, limits)) return fail(damaged(naming, "PNG", context.message, bytes));
  CheckedImage image = describe_png(reader);
  // libpng's reading of the same IHDR, checked again.
  if (auto refusal = size_refusal(naming, static_cast<std::uint64_t>(image.width),
                                  static_cast<std::uint64_t>(image.height), limits)) {
    return fail(std::move(*refusal));
  }
  if (auto refusal = libharu_refusal(image, naming, limits)) return fail(std::move(*refusal));
  std::vector<png_byte> row(png_get_rowbytes(reader.png, reader.info));
  if (!decode_png_rows(context, reader, row.data()))
    return fail(damaged(naming, "PNG", context.message, bytes));
  return image;
}

// ---- JPEG ------------------------------------------------------------------------------------

// libjpeg's decoder and the managers it calls back, destroyed whatever happened.
struct JpegContext {
  jpeg_decompress_struct decoder{};
  jpeg_error_mgr errors{};
  jpeg_source_mgr source{};
  jpeg_progress_mgr progress{};
  ImageBytes* bytes = nullptr;
  int max_scans = 0;
  std::jmp_buf jump;
  // Why decoding stopped: damage (message says what), or one of the limits.
  enum class Stop { damaged, too_many_scans, too_much_memory } stop = Stop::damaged;
  char message[kMessageBytes] = {};

  JpegContext() = default;
  JpegContext(const JpegContext&) = delete;
  JpegContext& operator=(const JpegContext&) = delete;
  ~JpegContext() { jpeg_destroy_decompress(&decoder); }  // safe on a decoder never created
};

JpegContext& context_of(j_common_ptr decoder) {
  return *static_cast<JpegContext*>(decoder->client_data);
}

[[noreturn]] void fail_jpeg(JpegContext& context, const char* prefix, const char* text) {
  std::snprintf(context.message, sizeof context.message, "%s%s", prefix, text);
  std::longjmp(context.jump, 1);
}

void on_jpeg_error(j_common_ptr decoder) {
  JpegContext& context = context_of(decoder);
  const int code = decoder->err->msg_code;
  // Without a backing store, libjpeg stops here when its arrays would pass max_memory_to_use.
  if (code == JERR_NO_BACKING_STORE || code == JERR_OUT_OF_MEMORY)
    context.stop = JpegContext::Stop::too_much_memory;
  char text[JMSG_LENGTH_MAX];
  decoder->err->format_message(decoder, text);
  fail_jpeg(context, "libjpeg: ", text);
}

// libjpeg's warnings are mostly damage it papers over (corrupt entropy data, a premature end,
// filled in with grey): errors here. Only metadata it reads past is let through.
void on_jpeg_message(j_common_ptr decoder, int level) {
  if (level >= 0) return;  // tracing
  const int code = decoder->err->msg_code;
  if (code == JWRN_JFIF_MAJOR || code == JWRN_ADOBE_XFORM) return;
  on_jpeg_error(decoder);
}

// Called while the decoder works: a progressive JPEG's scans are counted here.
void on_jpeg_progress(j_common_ptr common) {
  const auto* decoder = reinterpret_cast<j_decompress_ptr>(common);
  JpegContext& context = context_of(common);
  if (decoder->input_scan_number > context.max_scans) {
    context.stop = JpegContext::Stop::too_many_scans;
    fail_jpeg(context, "", "too many scans");
  }
}

void start_jpeg_source(j_decompress_ptr) {}
void end_jpeg_source(j_decompress_ptr) {}

boolean fill_jpeg_source(j_decompress_ptr decoder) {
  JpegContext& context = context_of(reinterpret_cast<j_common_ptr>(decoder));
  const std::span<const unsigned char> piece = context.bytes->next();
  if (piece.empty()) fail_jpeg(context, "", context.bytes->read_error() != 0 ? kCannotRead : kEndsEarly);
  decoder->src->next_input_byte = piece.data();
  decoder->src->bytes_in_buffer = piece.size();
  return TRUE;
}

void skip_jpeg_source(j_decompress_ptr decoder, long count) {
  if (count <= 0) return;
  auto left = static_cast<std::size_t>(count);
  jpeg_source_mgr& source = *decoder->src;
  while (left > source.bytes_in_buffer) {
    left -= source.bytes_in_buffer;
    fill_jpeg_source(decoder);
  }
  source.next_input_byte += left;
  source.bytes_in_buffer -= left;
}

// The markers up to the first scan: sizes, components and coding, no pixel yet.
bool read_jpeg_header(JpegContext& context, const ImageLimits& limits) {
  if (setjmp(context.jump) != 0) return false;
  jpeg_decompress_struct& decoder = context.decoder;
  decoder.err = jpeg_std_error(&context.errors);
  context.errors.error_exit = on_jpeg_error;
  context.errors.emit_message = on_jpeg_message;
  decoder.client_data = &context;  // kept by jpeg_create_decompress
  jpeg_create_decompress(&decoder);
  decoder.mem->max_memory_to_use = limits.max_decoder_bytes;
  context.source.init_source = start_jpeg_source;
  context.source.fill_input_buffer = fill_jpeg_source;
  context.source.skip_input_data = skip_jpeg_source;
  context.source.resync_to_restart = jpeg_resync_to_restart;
  context.source.term_source = end_jpeg_source;
  decoder.src = &context.source;
  context.max_scans = limits.max_jpeg_scans;
  context.progress.progress_monitor = on_jpeg_progress;
  decoder.progress = &context.progress;
  jpeg_read_header(&decoder, TRUE);
  return true;
}

// Every scan's entropy-coded data, decoded in full, to the end-of-image marker. The output is
// scaled to 1/8 (each block's DC coefficient): decoding the data is the check, not the pictures.
bool decode_jpeg_rows(JpegContext& context) {
  if (setjmp(context.jump) != 0) return false;
  jpeg_decompress_struct& decoder = context.decoder;
  decoder.scale_num = 1;
  decoder.scale_denom = 8;
  decoder.dct_method = JDCT_IFAST;
  decoder.do_fancy_upsampling = FALSE;
  decoder.do_block_smoothing = FALSE;
  jpeg_start_decompress(&decoder);
  JSAMPARRAY rows =
      (*decoder.mem->alloc_sarray)(reinterpret_cast<j_common_ptr>(&decoder), JPOOL_IMAGE,
                                   decoder.output_width * static_cast<JDIMENSION>(decoder.output_components),
                                   static_cast<JDIMENSION>(decoder.rec_outbuf_height));
  while (decoder.output_scanline < decoder.output_height) {
    jpeg_read_scanlines(&decoder, rows, static_cast<JDIMENSION>(decoder.rec_outbuf_height));
  }
  jpeg_finish_decompress(&decoder);
  return true;
}

// What the header says, or why the PDF cannot carry it.
Result<CheckedImage> describe_jpeg(const jpeg_decompress_struct& decoder, const Naming& naming) {
  CheckedImage image;
  image.format = ImageFormat::jpeg;
  image.width = static_cast<int>(decoder.image_width);
  image.height = static_cast<int>(decoder.image_height);
  image.bit_depth = decoder.data_precision;
  image.components = decoder.num_components;
  image.interlaced = decoder.progressive_mode != FALSE;
  if (decoder.arith_code) {
    return fail(naming.error("is a JPEG image with arithmetic coding, which PDF readers do not all decode",
                             "save it again as an ordinary (Huffman-coded) JPEG"));
  }
  switch (decoder.jpeg_color_space) {
    case JCS_GRAYSCALE: image.colour = ImageColour::grey; break;
    case JCS_RGB:
    case JCS_YCbCr: image.colour = ImageColour::rgb; break;
    case JCS_CMYK:
    case JCS_YCCK: image.colour = ImageColour::cmyk; break;
    default:
      return fail(naming.error("is a JPEG image with " + std::to_string(decoder.num_components) +
                                   " colour components, which a PDF cannot show",
                               "save it again as a greyscale, RGB or CMYK JPEG"));
  }
  image.adobe_cmyk = image.colour == ImageColour::cmyk && decoder.saw_Adobe_marker;
  return image;
}

Result<CheckedImage> check_jpeg(ImageBytes& bytes, const Naming& naming, const ImageLimits& limits) {
  JpegContext context;
  context.bytes = &bytes;
  if (!read_jpeg_header(context, limits)) return fail(damaged(naming, "JPEG", context.message, bytes));
  const jpeg_decompress_struct& decoder = context.decoder;
  if (auto refusal = size_refusal(naming, decoder.image_width, decoder.image_height, limits)) {
    return fail(std::move(*refusal));
  }
  Result<CheckedImage> image = describe_jpeg(decoder, naming);
  if (!image) return image;
  if (auto refusal = libharu_refusal(*image, naming, limits)) return fail(std::move(*refusal));
  if (!decode_jpeg_rows(context)) {
    const std::string again = "save it again as a baseline (not progressive) JPEG, or scale it down";
    switch (context.stop) {
      case JpegContext::Stop::too_many_scans:
        return fail(naming.error(
            "is a progressive JPEG of more than " + std::to_string(limits.max_jpeg_scans) + " scans", again));
      case JpegContext::Stop::too_much_memory:
        return fail(naming.error("needs more than " +
                                     describe_bytes(static_cast<std::uintmax_t>(limits.max_decoder_bytes)) +
                                     " of memory to decode",
                                 again));
      case JpegContext::Stop::damaged: break;
    }
    return fail(damaged(naming, "JPEG", context.message, bytes));
  }
  return image;
}

// ---- either ----------------------------------------------------------------------------------

bool starts_with(std::span<const unsigned char> bytes, std::string_view prefix) {
  return bytes.size() >= prefix.size() && std::memcmp(bytes.data(), prefix.data(), prefix.size()) == 0;
}

// What a file that is neither PNG nor JPEG seems to be, for the message.
std::string looks_like(std::span<const unsigned char> head) {
  const std::string_view text(reinterpret_cast<const char*>(head.data()), head.size());
  if (text.starts_with("GIF8")) return "a GIF image";
  if (text.starts_with("%PDF")) return "a PDF file";
  if (text.starts_with("RIFF")) return "a RIFF (WebP?) file";
  if (text.find("<svg") != std::string_view::npos) return "an SVG image";
  return "neither";
}

Result<CheckedImage> check(ImageBytes& bytes, const Naming& naming, const ImageLimits& limits) {
  const std::span<const unsigned char> head = bytes.head();
  if (head.empty()) {
    if (bytes.read_error() != 0) return fail(damaged(naming, "PNG or JPEG", kCannotRead, bytes));
    return fail(
        naming.error("is empty (0 bytes)", "export the image again: PNG for drawings, JPEG for photographs"));
  }
  if (starts_with(head, "\x89PNG")) return check_png(bytes, naming, limits);
  if (starts_with(head, "\xFF\xD8")) return check_jpeg(bytes, naming, limits);
  return fail(naming.error("is not a PNG or JPEG image (it is " + looks_like(head) + ")",
                           "convert it to PNG (drawings) or JPEG (photographs)"));
}

Diagnostic too_large(const Naming& naming, std::uintmax_t size, const ImageLimits& limits) {
  return naming.error(
      "is " + describe_bytes(size) + ", more than the limit of " + describe_bytes(limits.max_file_bytes),
      kScaleDown);
}

}  // namespace

Result<CheckedImage> check_image(const std::filesystem::path& path, std::string_view name,
                                 const SourceLocation& where, const ImageLimits& limits) {
  const Naming naming{name, where};
  // Not blocking: opening a pipe for reading waits for a writer otherwise. What is opened is then
  // checked to be a regular file before a byte is read.
  FileDescriptor file(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK));
  struct stat status {};
  if (file.get() < 0 || ::fstat(file.get(), &status) != 0) {
    return fail(naming.error("cannot be read: " + std::system_category().message(errno),
                             "check the file's permissions"));
  }
  if (!S_ISREG(status.st_mode)) {
    const char* what = S_ISDIR(status.st_mode)    ? "a folder"
                       : S_ISFIFO(status.st_mode) ? "a pipe"
                                                  : "a device";
    return fail(naming.error(std::string("is not a regular file (it is ") + what + ")",
                             "name an image file: PNG for drawings, JPEG for photographs"));
  }
  const auto size = static_cast<std::uintmax_t>(status.st_size);
  if (size > limits.max_file_bytes) return fail(too_large(naming, size, limits));
  ImageBytes bytes(file.get(), limits.max_file_bytes);
  return check(bytes, naming, limits);
}

Result<CheckedImage> check_image_bytes(std::span<const unsigned char> bytes, std::string_view name,
                                       const SourceLocation& where, const ImageLimits& limits) {
  const Naming naming{name, where};
  if (bytes.size() > limits.max_file_bytes) return fail(too_large(naming, bytes.size(), limits));
  ImageBytes pieces(bytes);
  return check(pieces, naming, limits);
}

}  // namespace nashr
