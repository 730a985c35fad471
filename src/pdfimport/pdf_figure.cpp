#include "pdfimport/pdf_figure.h"

#include <string>
#include <system_error>

namespace nashr {

namespace {

// As for images (model/image_check.h): a larger file is refused before it is read.
constexpr std::uintmax_t kLargestPdfFigure = std::uintmax_t{256} << 20;

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
  PdfImport imported = import_pdf_page(path.string());
  if (!imported.ok) return fail(make_error(where, file + " " + imported.problem, imported.hint));
  return std::move(imported.page);
}

}  // namespace nashr
