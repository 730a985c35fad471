#include "preview/pdf_pages.h"

// g++ 12 warns falsely on `"literal" + std::string` under -O3 (GCC bug 105329).
#pragma GCC diagnostic ignored "-Wrestrict"

#include <unistd.h>

#include <fstream>

#include "base/loadable_module.h"
#include "preview/poppler_api.h"

namespace nashr {

using preview_module::PopplerApi;

namespace {

using LoadedModule = ModuleApi<PopplerApi>;

const LoadedModule& poppler_module() {
  static const LoadedModule loaded = module_api<PopplerApi>(kPreviewModule, preview_module::kApiSymbol);
  return loaded;
}

bool starts_like_a_pdf(const std::string& path, bool& readable) {
  std::ifstream file(path, std::ios::binary);
  readable = static_cast<bool>(file);
  char head[1024] = {};
  file.read(head, sizeof head);
  return std::string(head, static_cast<std::size_t>(file.gcount())).find("%PDF-") != std::string::npos;
}

}  // namespace

struct PdfPages::Document {
  const PopplerApi* api = nullptr;
  preview_module::Pdf* pdf = nullptr;
  ~Document() {
    if (pdf != nullptr) api->close(pdf);
  }
};

Result<PdfPages> PdfPages::open(const std::string& path) {
  bool readable = false;
  if (!starts_like_a_pdf(path, readable)) {
    if (!readable) return fail(make_error({path}, "cannot open the file", "check that it exists and is readable"));
    return fail(make_error({path, 1, 1}, "not a PDF (no %PDF- header)", "give a PDF, such as one nashr build wrote"));
  }
  const LoadedModule& module = poppler_module();
  if (module.api == nullptr) {
    return fail(make_error({path}, "cannot read PDFs back: the renderer did not load (" + module.failure + ")",
                           module_missing_hint(kPreviewModule)));
  }
  auto document = std::make_unique<Document>();
  document->api = module.api;
  document->pdf = module.api->open(path.c_str());
  if (document->pdf == nullptr) {
    return fail(make_error({path, 1, 1}, "not a PDF that can be read (damaged or truncated)",
                           "rebuild it, or check that the copy is whole"));
  }
  if (module.api->locked(document->pdf)) {
    return fail(make_error({path, 1, 1}, "the PDF is encrypted with a password", "give an unencrypted copy"));
  }
  return PdfPages(std::move(document));
}

PdfPages::PdfPages(std::unique_ptr<Document> document) : document_(std::move(document)) {}
PdfPages::PdfPages(PdfPages&&) noexcept = default;
PdfPages& PdfPages::operator=(PdfPages&&) noexcept = default;
PdfPages::~PdfPages() = default;

int PdfPages::page_count() const {
  return document_->api->page_count(document_->pdf);
}

PagePixels PdfPages::render(int number, double dpi) const {
  PagePixels pixels;
  document_->api->render(document_->pdf, number, dpi, pixels);
  return pixels;
}

std::string PdfPages::text(int number) const {
  std::string out;
  document_->api->text(document_->pdf, number, out);
  return out;
}

bool write_png(const PagePixels& pixels, const std::string& path, double dpi) {
  const LoadedModule& module = poppler_module();
  return module.api != nullptr && module.api->write_png(pixels, path.c_str(), dpi);
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
