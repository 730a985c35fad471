#pragma once
// A PDF opened for reading its pages back: poppler-cpp, in a module loaded when the first PDF is
// opened (preview/poppler_api.h), wrapped so the rest of nashr sees pixels and text, never
// poppler's types.
#include <filesystem>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "base/result.h"

namespace nashr {

// A page rendered to pixels: 8-bit RGB, row after row, no padding.
struct PagePixels {
  int width = 0;
  int height = 0;
  std::vector<std::uint8_t> rgb;  // width * height * 3
};

class PdfPages {
 public:
  // Fails (an error located at the file, exit 1 for the CLI) when the file is not a PDF poppler
  // can read or is encrypted; fails without a line when it cannot be read at all.
  static Result<PdfPages> open(const std::string& path);
  PdfPages(PdfPages&&) noexcept;
  PdfPages& operator=(PdfPages&&) noexcept;
  ~PdfPages();

  int page_count() const;
  // Page `number` (1-based) at `dpi`, antialiased, on white.
  PagePixels render(int number, double dpi) const;
  // The page's text in reading order, as poppler extracts it (UTF-8).
  std::string text(int number) const;

 private:
  struct Document;
  explicit PdfPages(std::unique_ptr<Document> document);
  std::unique_ptr<Document> document_;
};

// Writes `pixels` as a PNG file (through poppler's image writer). False when it cannot.
bool write_png(const PagePixels& pixels, const std::string& path, double dpi);

// Writes `pixels` as the PNG file `target`: into a hidden temporary beside it, then renamed into
// place, so a reader never sees half a file; the error names `target`.
Result<void> write_png_file(const PagePixels& pixels, const std::filesystem::path& target, double dpi);

}  // namespace nashr
