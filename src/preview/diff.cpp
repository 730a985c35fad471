#include "preview/diff.h"

// g++ 12 warns falsely on `"literal" + std::string` under -O3 (GCC bug 105329).
#pragma GCC diagnostic ignored "-Wrestrict"


#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <system_error>

#include "preview/pdf_pages.h"

namespace nashr {

namespace fs = std::filesystem;

namespace {

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream stream(text);
  for (std::string line; std::getline(stream, line);) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    if (!line.empty()) lines.push_back(line);
  }
  return lines;
}

// A page only one of the PDFs has is compared with a blank page of the same size.
PagePixels blank_like(const PagePixels& page) {
  PagePixels blank;
  blank.width = page.width;
  blank.height = page.height;
  blank.rgb.assign(page.rgb.size(), 0xff);
  return blank;
}

int luminance(const std::uint8_t* pixel) {
  return (pixel[0] * 30 + pixel[1] * 59 + pixel[2] * 11) / 100;
}

// The highlighted page; returns the number of differing pixels. Pages of different sizes are
// compared over the new one's area (what lies outside the old page counts as changed).
std::size_t highlight(const PagePixels& before, const PagePixels& after, PagePixels& drawn) {
  const int width = after.width, height = after.height;
  drawn = after;
  std::vector<std::uint8_t> mark(static_cast<std::size_t>(width) * static_cast<std::size_t>(height), 0);
  std::size_t changed = 0;
  static const std::uint8_t white[3] = {0xff, 0xff, 0xff};
  for (int y = 0; y < height; ++y) {
    for (int x = 0; x < width; ++x) {
      const std::size_t at = (static_cast<std::size_t>(y) * static_cast<std::size_t>(width) + static_cast<std::size_t>(x));
      const std::uint8_t* a = &after.rgb[at * 3];
      const std::uint8_t* b = (x < before.width && y < before.height)
                                  ? &before.rgb[(static_cast<std::size_t>(y) * static_cast<std::size_t>(before.width) +
                                                 static_cast<std::size_t>(x)) * 3]
                                  : white;
      const int difference = std::abs(a[0] - b[0]) + std::abs(a[1] - b[1]) + std::abs(a[2] - b[2]);
      if (difference > 24) {  // antialiasing noise below this
        mark[at] = luminance(b) < luminance(a) ? 1 : 2;  // 1: ink went away, 2: new ink
        ++changed;
      }
    }
  }
  // Faded page, a yellow wash within 6 pixels of a change, then the changes in red and green.
  const int reach = 6;
  std::vector<std::uint8_t> near(mark.size(), 0);
  for (int y = 0; y < height; ++y) {
    for (int x = 0; x < width; ++x) {
      if (mark[static_cast<std::size_t>(y) * static_cast<std::size_t>(width) + static_cast<std::size_t>(x)] == 0) continue;
      for (int dy = std::max(0, y - reach); dy <= std::min(height - 1, y + reach); ++dy) {
        for (int dx = std::max(0, x - reach); dx <= std::min(width - 1, x + reach); ++dx) {
          near[static_cast<std::size_t>(dy) * static_cast<std::size_t>(width) + static_cast<std::size_t>(dx)] = 1;
        }
      }
    }
  }
  for (std::size_t at = 0; at < mark.size(); ++at) {
    std::uint8_t* pixel = &drawn.rgb[at * 3];
    for (int c = 0; c < 3; ++c) pixel[c] = static_cast<std::uint8_t>(255 - (255 - pixel[c]) * 45 / 100);
    if (near[at]) pixel[2] = static_cast<std::uint8_t>(pixel[2] * 55 / 100);  // less blue: yellow
    if (mark[at] == 1) pixel[0] = 220, pixel[1] = 30, pixel[2] = 30;
    if (mark[at] == 2) pixel[0] = 20, pixel[1] = 160, pixel[2] = 40;
  }
  return changed;
}

Result<fs::path> write_page(const PagePixels& pixels, const fs::path& dir, int page, double dpi) {
  const fs::path target = dir / ("page-" + std::to_string(page) + ".png");
  if (Result<void> written = write_png_file(pixels, target, dpi); !written) return fail(written.error());
  return target;
}

}  // namespace

std::vector<std::string> diff_lines(const std::string& before, const std::string& after) {
  const std::vector<std::string> a = split_lines(before), b = split_lines(after);
  // lcs[i][j]: the common lines of a[i..] and b[j..].
  std::vector<std::vector<std::uint32_t>> lcs(a.size() + 1, std::vector<std::uint32_t>(b.size() + 1, 0));
  for (std::size_t i = a.size(); i-- > 0;) {
    for (std::size_t j = b.size(); j-- > 0;) {
      lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  std::vector<std::string> lines;
  std::size_t i = 0, j = 0;
  while (i < a.size() || j < b.size()) {
    if (i < a.size() && j < b.size() && a[i] == b[j]) {
      ++i, ++j;
    } else if (i < a.size() && (j == b.size() || lcs[i + 1][j] >= lcs[i][j + 1])) {
      lines.push_back("- " + a[i++]);  // on a tie the old line first, then its new form
    } else {
      lines.push_back("+ " + b[j++]);
    }
  }
  return lines;
}

Result<PdfDiff> diff_pdfs(const std::string& old_pdf, const std::string& new_pdf, const DiffOptions& options) {
  Result<PdfPages> before = PdfPages::open(old_pdf);
  if (!before) return fail(before.error());
  Result<PdfPages> after = PdfPages::open(new_pdf);
  if (!after) return fail(after.error());
  PdfDiff result;
  result.old_pages = before->page_count();
  result.new_pages = after->page_count();
  std::error_code error;
  fs::create_directories(options.output_dir, error);
  if (error) {
    return fail(make_error({options.output_dir.string()}, "cannot create the folder: " + error.message(),
                           "check the path and its permissions"));
  }
  for (int page = 1; page <= std::max(result.old_pages, result.new_pages); ++page) {
    const bool in_old = page <= result.old_pages, in_new = page <= result.new_pages;
    PagePixels old_pixels = in_old ? before->render(page, options.dpi) : PagePixels{};
    PagePixels new_pixels = in_new ? after->render(page, options.dpi) : PagePixels{};
    if (!in_old) old_pixels = blank_like(new_pixels);
    if (!in_new) new_pixels = blank_like(old_pixels);
    ChangedPage changed;
    changed.page = page;
    changed.change = !in_old ? PageChange::added : !in_new ? PageChange::removed : PageChange::changed;
    // Against a blank page, an added page's ink is all green, a removed page's all red.
    PagePixels drawn;
    changed.changed_pixels = highlight(old_pixels, new_pixels, drawn);
    const bool sizes_differ = old_pixels.width != new_pixels.width || old_pixels.height != new_pixels.height;
    if (changed.changed_pixels == 0 && !sizes_differ && in_old && in_new) continue;
    Result<fs::path> png = write_page(drawn, options.output_dir, page, options.dpi);
    if (!png) return fail(png.error());
    changed.png = *png;
    changed.text_lines = diff_lines(in_old ? before->text(page) : "", in_new ? after->text(page) : "");
    result.pages.push_back(std::move(changed));
  }
  return result;
}

}  // namespace nashr
