#include "pdfimport/pdf_figure.h"

#include <string>
#include <system_error>

#include "base/loadable_module.h"

namespace nashr {

namespace {

// As for images (model/image_check.h): a larger file is refused before it is read.
constexpr std::uintmax_t kLargestPdfFigure = std::uintmax_t{256} << 20;

// The import through the libqpdf module, loaded by the first PDF figure; in the fuzz preset, linked.
const ModuleApi<PdfImportApi>& pdf_import_api() {
#ifdef NASHR_QPDF_LINKED
  static constexpr PdfImportApi linked{import_pdf_page};
  static const ModuleApi<PdfImportApi> loaded{&linked, {}};
#else
  static const ModuleApi<PdfImportApi> loaded = module_api<PdfImportApi>(kQpdfModule, kPdfImportSymbol);
#endif
  return loaded;
}

}  // namespace

Result<ImportedPdfPage> read_pdf_figure(const std::filesystem::path& path, std::string_view name,
                                        const SourceLocation& where) {
  const std::string file = "figure file '" + std::string(name) + "'";
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error)) {
    return fail(make_error(where, file + " is not a regular file", "name a PDF file inside the report's folder"));
  }
  const std::uintmax_t size = std::filesystem::file_size(path, error);
  if (error || size > kLargestPdfFigure) {
    return fail(make_error(where, file + " is larger than 256 MB", "export the chart with fewer details"));
  }
  const ModuleApi<PdfImportApi>& module = pdf_import_api();
  if (module.api == nullptr) {
    return fail(make_error(where, "cannot read PDF figures: libqpdf's module did not load (" + module.failure + ")",
                           module_missing_hint(kQpdfModule)));
  }
  PdfImport imported = module.api->import_page(path.string());
  if (!imported.ok) return fail(make_error(where, file + " " + imported.problem, imported.hint));
  return std::move(imported.page);
}

}  // namespace nashr
