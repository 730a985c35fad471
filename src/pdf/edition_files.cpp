// One typesetting, several files: the editions without the cover are written first, then the cover
// is put in front of the same pages (moved, not copied) for the others. The pages' compressed
// content streams are made once and shared (PdfOptions::shared_streams).
#include "pdf/edition_files.h"

#include <algorithm>
#include <chrono>

#include "base/file_io.h"

namespace nashr {

std::filesystem::path edition_path(const std::filesystem::path& screen_path, Edition edition) {
  if (edition == Edition::screen) return screen_path;
  std::filesystem::path path = screen_path;
  path.replace_extension(std::string(".") + to_string(edition) + ".pdf");
  return path;
}

Result<EditionTimings> write_editions(PagedDocument&& document, EditionCover&& cover,
                                      const std::vector<Edition>& editions,
                                      const std::filesystem::path& screen_path, const PdfOptions& options) {
  const auto has_cover = [&](Edition edition) {
    return cover.page.has_value() &&
           std::find(cover.editions.begin(), cover.editions.end(), edition) != cover.editions.end();
  };
  std::vector<Edition> order = editions;
  std::stable_partition(order.begin(), order.end(), [&](Edition edition) { return !has_cover(edition); });
  EditionTimings timings;
  bool cover_added = false;
  // The pages have the same content stream in every edition (a cover is planned after
  // them): the first edition compresses each, the others take it.
  SharedPageStreams shared;
  shared.compressed.resize(document.pages.size());
  for (std::size_t i = 0; i < order.size(); ++i) {
    const auto start = std::chrono::steady_clock::now();
    if (has_cover(order[i]) && !cover_added) {
      add_cover(document, std::move(*cover.page), cover.persian);
      cover_added = true;
    }
    PdfOptions edition_options = options;
    edition_options.edition = order[i];
    edition_options.cover_first = cover_added;
    edition_options.shared_streams = order.size() > 1 ? &shared : nullptr;
    const std::filesystem::path target = edition_path(screen_path, order[i]);
    // The last edition frees the pages as it writes them; the others leave them for the next.
    Result<void> written = i + 1 == order.size() ? write_pdf_file(std::move(document), target, edition_options)
                                                 : write_pdf_file(document, target, edition_options);
    if (!written) return fail(written.error());
    timings.milliseconds.emplace_back(
        order[i], std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
  }
  return timings;
}

}  // namespace nashr
