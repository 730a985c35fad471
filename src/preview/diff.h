#pragma once
// diff: what changed between two PDFs, page by page, for reviewing a commit that changes a report
// or a style (`nashr diff OLD.pdf NEW.pdf -o DIR`).
#include <filesystem>
#include <string>
#include <vector>

#include "base/result.h"

namespace nashr {

struct DiffOptions {
  double dpi = 72;  // the resolution pages are compared and drawn at
  std::filesystem::path output_dir = "diff";
};

enum class PageChange { changed, added, removed };

struct ChangedPage {
  int page = 0;  // the new PDF's number (the old one's for a removed page)
  PageChange change = PageChange::changed;
  std::filesystem::path png;            // DIR/page-N.png: the page with the differences highlighted
  std::size_t changed_pixels = 0;
  std::vector<std::string> text_lines;  // "- old line" / "+ new line", in page order
};

struct PdfDiff {
  int old_pages = 0;
  int new_pages = 0;
  std::vector<ChangedPage> pages;  // only the pages that differ, in page order
  bool identical() const { return pages.empty(); }
};

// Renders both PDFs' pages at options.dpi and compares their pixels; a page only one PDF has is
// added or removed (compared with a blank page). Each differing page gets a PNG: the new page
// faded, pixels whose ink went away in red, new ink in green, and a yellow wash around both so
// small changes show; and the lines of its text that changed. Fails with a located error when a
// file is not a readable PDF; with an I/O error when the folder or a PNG cannot be written.
Result<PdfDiff> diff_pdfs(const std::string& old_pdf, const std::string& new_pdf, const DiffOptions& options);

// The lines of `before` and `after` that differ, as "- line" and "+ line" (a longest common
// subsequence of lines, so a changed line shows as its old and new forms).
std::vector<std::string> diff_lines(const std::string& before, const std::string& after);

}  // namespace nashr
