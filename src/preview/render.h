#pragma once
// render: a PDF's pages as PNG files, for CI artifacts and editors without a PDF viewer
// (`nashr render FILE.pdf --pages 1-3 --dpi 100 -o DIR`).
#include <filesystem>
#include <string>
#include <vector>

#include "base/result.h"

namespace nashr {

struct RenderOptions {
  int first_page = 1;
  int last_page = 0;  // 0: the last page; a number past it means the last page too
  double dpi = 100;
  std::filesystem::path output_dir = "out";
};

struct RenderedPages {
  int page_count = 0;                        // the PDF's
  std::vector<std::filesystem::path> files;  // DIR/<stem>-<page>.png, in page order
};

// Fails with a located error when the file is not a readable PDF or the first page is past its
// end, and with an I/O error (no line) when the folder or a PNG cannot be written. A PNG is
// written beside its name and renamed, so there is never a partial file.
Result<RenderedPages> render(const std::string& pdf_path, const RenderOptions& options);

// "<stem>-<page>.png" with the page number padded to the width of the page count (a-01.png … a-12.png).
std::string page_file_name(const std::string& stem, int page, int page_count);

}  // namespace nashr
