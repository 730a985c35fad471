#pragma once
// All the editions of one typeset issue, written from the one typesetting (docs/editions.md): the
// screen edition to <name>.pdf, the print edition to <name>.print.pdf, the archive to
// <name>.archive.pdf. The cover goes into the editions its style names.
#include <filesystem>
#include <optional>
#include <vector>

#include "base/result.h"
#include "cover/draw_cover.h"
#include "document/edition.h"
#include "pdf/pdf_writer.h"

namespace nashr {

// The file of `edition` beside the screen edition's `screen_path` (out/x.pdf → out/x.print.pdf).
std::filesystem::path edition_path(const std::filesystem::path& screen_path, Edition edition);

struct EditionCover {
  std::optional<CoverPage> page;
  std::vector<Edition> editions;  // the editions that carry it
  bool persian = false;
};

// Wall time of each edition's writing, in the order written.
struct EditionTimings {
  std::vector<std::pair<Edition, double>> milliseconds;
};

// Writes `editions` (each once) of `document`, frees the pages with the last. Fails at the first
// edition that cannot be written; the editions written before it stay.
Result<EditionTimings> write_editions(PagedDocument&& document, EditionCover&& cover,
                                      const std::vector<Edition>& editions,
                                      const std::filesystem::path& screen_path, const PdfOptions& options);

}  // namespace nashr
