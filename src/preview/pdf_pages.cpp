#include "preview/pdf_pages.h"

// g++ 12 warns falsely on `"literal" + std::string` under -O3 (GCC bug 105329).
#pragma GCC diagnostic ignored "-Wrestrict"

#include <unistd.h>

#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-image.h>
#include <poppler/cpp/poppler-page-renderer.h>
#include <poppler/cpp/poppler-page.h>

#include <cmath>
#include <fstream>
#include <mutex>

namespace nashr {

struct PdfPages::Document {
  std::unique_ptr<poppler::document> pdf;
};

namespace {

// poppler prints its parse errors on stderr; nashr reports its own diagnostic instead.
void quiet_poppler() {
  static std::once_flag once;
  std::call_once(once, [] { poppler::set_debug_error_function([](const std::string&, void*) {}, nullptr); });
}

bool starts_like_a_pdf(const std::string& path, bool& readable) {
  std::ifstream file(path, std::ios::binary);
  readable = static_cast<bool>(file);
  char head[1024] = {};
  file.read(head, sizeof head);
  return std::string(head, static_cast<std::size_t>(file.gcount())).find("%PDF-") != std::string::npos;
}

}  // namespace

Result<PdfPages> PdfPages::open(const std::string& path) {
  quiet_poppler();
  bool readable = false;
  if (!starts_like_a_pdf(path, readable)) {
    if (!readable) return fail(make_error({path}, "cannot open the file", "check that it exists and is readable"));
    return fail(make_error({path, 1, 1}, "not a PDF (no %PDF- header)", "give a PDF, such as one nashr build wrote"));
  }
  auto document = std::make_unique<Document>();
  document->pdf.reset(poppler::document::load_from_file(path));
  if (!document->pdf) {
    return fail(make_error({path, 1, 1}, "not a PDF that can be read (damaged or truncated)",
                           "rebuild it, or check that the copy is whole"));
  }
  if (document->pdf->is_locked()) {
    return fail(make_error({path, 1, 1}, "the PDF is encrypted with a password", "give an unencrypted copy"));
  }
  return PdfPages(std::move(document));
}

PdfPages::PdfPages(std::unique_ptr<Document> document) : document_(std::move(document)) {}
PdfPages::PdfPages(PdfPages&&) noexcept = default;
PdfPages& PdfPages::operator=(PdfPages&&) noexcept = default;
PdfPages::~PdfPages() = default;

int PdfPages::page_count() const {
  return document_->pdf->pages();
}

PagePixels PdfPages::render(int number, double dpi) const {
  PagePixels pixels;
  std::unique_ptr<poppler::page> page(document_->pdf->create_page(number - 1));
  if (!page) return pixels;
  poppler::page_renderer renderer;
  renderer.set_render_hint(poppler::page_renderer::antialiasing, true);
  renderer.set_render_hint(poppler::page_renderer::text_antialiasing, true);
  renderer.set_image_format(poppler::image::format_argb32);
  renderer.set_paper_color(0xffffffff);
  const poppler::image image = renderer.render_page(page.get(), dpi, dpi);
  if (!image.is_valid()) return pixels;
  pixels.width = image.width();
  pixels.height = image.height();
  pixels.rgb.resize(static_cast<std::size_t>(pixels.width) * static_cast<std::size_t>(pixels.height) * 3);
  const char* data = image.const_data();
  for (int y = 0; y < pixels.height; ++y) {
    // argb32: 0xAARRGGBB words, so B, G, R, A in memory (little-endian).
    const auto* row = reinterpret_cast<const std::uint8_t*>(data + static_cast<std::ptrdiff_t>(y) * image.bytes_per_row());
    std::uint8_t* out = &pixels.rgb[static_cast<std::size_t>(y) * static_cast<std::size_t>(pixels.width) * 3];
    for (int x = 0; x < pixels.width; ++x) {
      out[3 * x] = row[4 * x + 2];
      out[3 * x + 1] = row[4 * x + 1];
      out[3 * x + 2] = row[4 * x];
    }
  }
  return pixels;
}

std::string PdfPages::text(int number) const {
  std::unique_ptr<poppler::page> page(document_->pdf->create_page(number - 1));
  if (!page) return {};
  const poppler::byte_array utf8 = page->text().to_utf8();
  return std::string(utf8.begin(), utf8.end());
}

bool write_png(const PagePixels& pixels, const std::string& path, double dpi) {
  poppler::image image(pixels.width, pixels.height, poppler::image::format_argb32);
  if (!image.is_valid()) return false;
  char* data = image.data();
  for (int y = 0; y < pixels.height; ++y) {
    auto* row = reinterpret_cast<std::uint8_t*>(data + static_cast<std::ptrdiff_t>(y) * image.bytes_per_row());
    const std::uint8_t* in = &pixels.rgb[static_cast<std::size_t>(y) * static_cast<std::size_t>(pixels.width) * 3];
    for (int x = 0; x < pixels.width; ++x) {
      row[4 * x] = in[3 * x + 2];
      row[4 * x + 1] = in[3 * x + 1];
      row[4 * x + 2] = in[3 * x];
      row[4 * x + 3] = 0xff;
    }
  }
  return image.save(path, "png", static_cast<int>(std::lround(dpi)));
}

Result<void> write_png_file(const PagePixels& pixels, const std::filesystem::path& target, double dpi) {
  const std::filesystem::path temporary =
      target.parent_path() / ("." + target.filename().string() + ".tmp-" + std::to_string(getpid()));
  std::error_code error;
  if (pixels.width == 0 || !write_png(pixels, temporary.string(), dpi)) {
    std::filesystem::remove(temporary, error);
    return fail(make_error({target.string()}, "cannot write the PNG", "check the folder's permissions and free space"));
  }
  std::filesystem::rename(temporary, target, error);
  if (error) {
    std::filesystem::remove(temporary, error);
    return fail(make_error({target.string()}, "cannot move the PNG into place", "check that it is not a folder"));
  }
  return Ok{};
}

}  // namespace nashr
