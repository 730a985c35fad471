#pragma once
// A PDF page as a figure in the written PDF: the page imported by src/pdfimport/ (libqpdf) becomes a
// Form XObject, its content stream and the graph of its resources copied object for object into
// libharu's objects, so a chart keeps its vectors and fonts. Drawn like an image: its /BBox is the unit
// square (the imported content maps the page's box onto it).
#include "base/result.h"
#include "pdf/cid_font.h"
#include "pdf/hpdf_document.h"
#include "pdfimport/pdf_page_import.h"

namespace nashr {

// The Form XObject for `page`. Its content goes through `stream_maker` (compressed with the pages);
// the copied streams keep their bytes as stored, read from `page` at save time, so `page` must live
// until the document is saved.
Result<PdfDict> write_pdf_figure(HpdfDocument& pdf, const ImportedPdfPage& page, const StreamMaker& stream_maker);

}  // namespace nashr
