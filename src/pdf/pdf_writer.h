#pragma once
// The last stage: a PagedDocument becomes PDF bytes (libharu, our own Type0 fonts), or the same pages
// as a text dump for layout golden tests. Both backends sit behind write_document().
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "document/dump_pages.h"
#include "document/edition.h"
#include "document/page.h"

namespace nashr {

// The compressed content streams of an issue's pages, shared by the editions of one typesetting
// (pdf/edition_files.cpp): by the page's index among the pages (a cover not counted); an
// empty string is a page not written yet.
struct SharedPageStreams {
  std::vector<std::string> compressed;
};

struct PdfOptions {
  // Seconds since 1970-01-01 UTC for the Info dates. Unset: SOURCE_DATE_EPOCH when the environment
  // has it, else the document's issue date (midnight UTC), else the file carries no dates.
  std::optional<std::int64_t> date_epoch;
  // Flate for every stream. Off only to read content streams while debugging.
  bool compress = true;
  // libdeflate level (1 fastest .. 12 smallest; 0 stores) for page contents and fonts. 1 since the
  // thirteenth stop (bench/README.md, "At the thirteenth stop"): 46 % less deflate time than 4 (the
  // level before) for content streams 7 % larger (the 1000-page RTL file 12.3 → 12.8 MB), the one
  // lever left that the 1 s target for 1000 pages could see; 4 was the same size as zlib's level 4
  // in 62 % of its instructions ("PDF writer").
  int compression_level = 1;
  // Threads writing and compressing page contents and fonts, the caller's included (`nashr build
  // -j`), at most 8; 0: the machine's cores. The bytes are the same for any number.
  unsigned threads = 0;
  // Test hook for write_*_file: the file writer stops after this many bytes and reports a write
  // failure, as a full disk would, so tests can check that the previous file survives.
  std::size_t fail_after_bytes = std::numeric_limits<std::size_t>::max();
  // The edition (docs/editions.md): print adds the trim, bleed and marks (pdf/edition_print.h),
  // archive the PDF/A-2u metadata and output intent (pdf/edition_archive.h). Screen: neither.
  Edition edition = Edition::screen;
  // A tagged PDF (docs/pdf.md, "Tagged PDF"): the document's structure tree and its pages' marked
  // content, when the paginator made one. Off: `nashr build --untagged`.
  bool tagged = true;
  std::filesystem::path archive_profile = "/usr/share/color/icc/sRGB.icc";  // the archive's output intent
  // pages[0] is a cover put in front of the issue: planned after the other pages, so that they get
  // the CIDs, and so the content streams, they have without it.
  bool cover_first = false;
  // When set, page contents are taken from it when there, and given to it when written.
  SharedPageStreams* shared_streams = nullptr;
};

enum class OutputBackend {
  pdf,    // the PDF file
  pages,  // `--dump=pages`: page, position, font, glyphs with their text, one item per line
};

// The PDF's bytes. Deterministic: the same document and dates give the same bytes on any machine;
// the trailer /ID is a digest of the file with its dates left out.
Result<std::string> write_pdf(const PagedDocument& document, const PdfOptions& options = {});
// The same bytes; frees each page's items once written, so the pages and libharu's content
// streams are not both held whole (the document keeps its info, outline and page sizes).
Result<std::string> write_pdf(PagedDocument&& document, const PdfOptions& options = {});

// Either backend, by name.
Result<std::string> write_document(const PagedDocument& document, OutputBackend backend,
                                   const PdfOptions& options = {});

// Writes to a temporary file beside `target` and renames it over `target` only when everything
// was written, so a failed run never leaves a partial file nor clobbers the previous good one.
Result<void> write_document_file(const PagedDocument& document, const std::filesystem::path& target,
                                 OutputBackend backend, const PdfOptions& options = {});

inline Result<void> write_pdf_file(const PagedDocument& document, const std::filesystem::path& target,
                                   const PdfOptions& options = {}) {
  return write_document_file(document, target, OutputBackend::pdf, options);
}
// The same file, freeing the pages as they are written (see write_pdf(PagedDocument&&)).
Result<void> write_pdf_file(PagedDocument&& document, const std::filesystem::path& target,
                            const PdfOptions& options = {});

// The dates the writer uses for `options` and `info`: nullopt when there are none. Fails when
// SOURCE_DATE_EPOCH or the issue date is malformed.
Result<std::optional<std::int64_t>> pdf_date_epoch(const PdfOptions& options, const DocumentInfo& info);

}  // namespace nashr
