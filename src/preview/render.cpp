#include "preview/render.h"

// g++ 12 warns falsely on `"literal" + std::string` under -O3 (GCC bug 105329).
#pragma GCC diagnostic ignored "-Wrestrict"

#include <system_error>

#include "preview/pdf_pages.h"

namespace nashr {

namespace fs = std::filesystem;

std::string page_file_name(const std::string& stem, int page, int page_count) {
  std::string number = std::to_string(page);
  const std::size_t width = std::to_string(page_count).size();
  if (number.size() < width) number.insert(0, width - number.size(), '0');
  return stem + "-" + number + ".png";
}

Result<RenderedPages> render(const std::string& pdf_path, const RenderOptions& options) {
  Result<PdfPages> pdf = PdfPages::open(pdf_path);
  if (!pdf) return fail(pdf.error());
  RenderedPages rendered;
  rendered.page_count = pdf->page_count();
  if (options.first_page > rendered.page_count) {
    return fail(make_error({pdf_path, 1, 1},
                           "page " + std::to_string(options.first_page) + " is past the last page (" +
                               std::to_string(rendered.page_count) + ")",
                           "give pages from 1 to " + std::to_string(rendered.page_count)));
  }
  const int last = options.last_page == 0 ? rendered.page_count : std::min(options.last_page, rendered.page_count);
  std::error_code error;
  fs::create_directories(options.output_dir, error);
  if (error) {
    return fail(make_error({options.output_dir.string()}, "cannot create the folder: " + error.message(),
                           "check the path and its permissions"));
  }
  const std::string stem = fs::path(pdf_path).stem().string();
  for (int page = options.first_page; page <= last; ++page) {
    const fs::path target = options.output_dir / page_file_name(stem, page, rendered.page_count);
    if (Result<void> written = write_png_file(pdf->render(page, options.dpi), target, options.dpi); !written)
      return fail(written.error());
    rendered.files.push_back(target);
  }
  return rendered;
}

}  // namespace nashr
