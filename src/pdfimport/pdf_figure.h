#pragma once
// A PDF page as a figure, with located errors: the model checks and measures the file when the report
// is read, and the PDF writer imports it (pdf/pdf_figure.h), both through read_pdf_figure.
#include <filesystem>
#include <string_view>

#include "base/result.h"
#include "base/source_location.h"
#include "pdfimport/pdf_page_import.h"

namespace nashr {

// The file's first page, checked (pdf_page_import.h); a refusal is an error at `where` naming the
// file as the user wrote it (`name`).
Result<ImportedPdfPage> read_pdf_figure(const std::filesystem::path& path, std::string_view name,
                                        const SourceLocation& where);

}  // namespace nashr
