#pragma once
// The document's objects around the pages: the Info dictionary and its dates, link annotations,
// named destinations, the outline and the page labels, made through the libharu adapter.
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "document/page.h"
#include "pdf/hpdf_document.h"

namespace nashr {

// "D:YYYYMMDDHHmmSS+00'00'": PDF/A validators reject the 'Z' form, so UTC is written as +00'00'.
std::string pdf_date(std::int64_t epoch);

// URIs in PDF are 7-bit ASCII: anything else is percent-encoded (RFC 3987 → RFC 3986).
std::string ascii_uri(std::string_view uri);

// Info (Producer, Creator, Title, Author, Subject, Keywords, ISSN, the dates when there are any),
// the catalog's /Lang and the viewer preference to show the title.
Result<void> write_info(HpdfDocument& pdf, const DocumentInfo& info, const std::optional<std::int64_t>& epoch);

// A named destination: a point on a page, in the document's top-down coordinates.
struct Destination {
  std::size_t page = 0;
  Point position;
  double page_height = 0;
  bool named = true;  // in /Dests; else links carry the page and position themselves (Anchor::named)
};
using Destinations = std::map<std::string, Destination>;

// The link's annotation on `page`; fails when it names a destination that no anchor defines.
// `made`, when given, receives the annotation (the structure tree refers to it).
Result<void> write_link(HpdfDocument& pdf, const Link& link, PdfDict page, double page_height,
                        const Destinations& destinations, const std::vector<PdfDict>& pages,
                        PdfDict* made = nullptr);

// The catalog's /Dests, one [page /XYZ x y 0] each; `pages` in document order.
Result<void> write_destinations(HpdfDocument& pdf, const Destinations& destinations,
                                const std::vector<PdfDict>& pages);

// The outline (levels nest; a jump of more than one level is clamped); fails when an entry names
// an unknown destination.
Result<void> write_outline(HpdfDocument& pdf, const std::vector<OutlineEntry>& outline,
                           const Destinations& destinations);

// /PageLabels, with a decimal range from page 0 when the ranges start later.
Result<void> write_page_labels(HpdfDocument& pdf, const std::vector<PageLabelRange>& labels);

}  // namespace nashr
