#pragma once
// The archive edition (docs/editions.md): PDF/A-2u. The writer adds to the screen edition's file
// an XMP metadata stream that says the same as the Info dictionary (and the PRISM data,
// described by a PDF/A extension schema), and an sRGB output intent for the DeviceRGB colours.
#include <cstdint>
#include <deque>
#include <filesystem>
#include <optional>
#include <string>

#include "base/result.h"
#include "document/document_info.h"
#include "pdf/hpdf_document.h"

namespace nashr {

// Debian's icc-profiles-free.
inline constexpr const char* kSrgbProfile = "/usr/share/color/icc/sRGB.icc";

// The XMP packet: dc (title, creator, description, subject, language, identifier urn:ISSN, date),
// xmp (CreatorTool and the dates as Info has them), pdf (Producer, Keywords), prism (issn, volume,
// number, coverDate), pdfaid (part 2, conformance U; A for a tagged file, docs/editions.md).
// `epoch`: the Info dates, none when unset.
std::string archive_xmp(const DocumentInfo& info, const std::optional<std::int64_t>& epoch, bool tagged = false);

// "2025-01-15T00:00:00+00:00": the XMP form of pdf_date's date.
std::string xmp_date(std::int64_t epoch);

// The catalog's /Metadata (unfiltered, as PDF/A readers expect to find it) and /OutputIntents
// (GTS_PDFA1 with the ICC profile embedded). `kept` holds the streams' bytes until the file is saved.
// `tagged`: the file has a structure tree (PDF/A-2a, else 2u).
Result<void> write_archive_objects(HpdfDocument& pdf, const DocumentInfo& info,
                                   const std::optional<std::int64_t>& epoch, const std::filesystem::path& profile,
                                   std::deque<std::string>& kept, bool tagged = false);

}  // namespace nashr
