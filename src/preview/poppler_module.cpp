// nashr-preview.so: poppler behind the table of preview/poppler_api.h, loaded by pdf_pages.cpp
// when render or diff opens a PDF. The only file that includes poppler.
#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-image.h>
#include <poppler/cpp/poppler-page-renderer.h>
#include <poppler/cpp/poppler-page.h>

#include <cmath>
#include <cstdint>
#include <memory>

#include "preview/poppler_api.h"

namespace nashr::preview_module {

struct Pdf {
  std::unique_ptr<poppler::document> document;
};

namespace {

Pdf* open(const char* path) {
  // poppler prints its parse errors on stderr; nashr reports its own diagnostic instead (set once).
  static const bool quiet = [] {
    poppler::set_debug_error_function([](const std::string&, void*) {}, nullptr);
    return true;
  }();
  (void)quiet;
  std::unique_ptr<poppler::document> document(poppler::document::load_from_file(path));
  return document ? new Pdf{std::move(document)} : nullptr;
}

void close(Pdf* pdf) {
  delete pdf;
}

bool locked(const Pdf* pdf) {
  return pdf->document->is_locked();
}

int page_count(const Pdf* pdf) {
  return pdf->document->pages();
}

void render(const Pdf* pdf, int number, double dpi, PagePixels& pixels) {
  pixels = {};
  std::unique_ptr<poppler::page> page(pdf->document->create_page(number - 1));
  if (!page) return;
  poppler::page_renderer renderer;
  renderer.set_render_hint(poppler::page_renderer::antialiasing, true);
  renderer.set_render_hint(poppler::page_renderer::text_antialiasing, true);
  renderer.set_image_format(poppler::image::format_argb32);
  renderer.set_paper_color(0xffffffff);
  const poppler::image image = renderer.render_page(page.get(), dpi, dpi);
  if (!image.is_valid()) return;
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
}

void text(const Pdf* pdf, int number, std::string& out) {
  out.clear();
  std::unique_ptr<poppler::page> page(pdf->document->create_page(number - 1));
  if (!page) return;
  const poppler::byte_array utf8 = page->text().to_utf8();
  out.assign(utf8.begin(), utf8.end());
}

bool write_png(const PagePixels& pixels, const char* path, double dpi) {
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

constexpr PopplerApi kApi{open, close, locked, page_count, render, text, write_png};

}  // namespace

}  // namespace nashr::preview_module

extern "C" __attribute__((visibility("default"))) const nashr::preview_module::PopplerApi* nashr_poppler_api() {
  return &nashr::preview_module::kApi;
}
