// The whole pipeline on a small report: read → resolve → itemize → shape → break lines → paginate →
// PDF in memory. A report that reads without errors must typeset and write, or fail with a
// diagnostic; nothing may crash. The fonts are loaded once for the process.
#include <cstddef>
#include <cstdint>

#include "base/diagnostics.h"
#include "fonts/font_db.h"
#include "fuzz_support.h"
#include "pdf/pdf_writer.h"
#include "typeset/typeset.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static nashr::FontDb fonts(nashr::FontDb::default_fonts_dir());
  if (size > 16384) return -1;  // small reports only: the pipeline's cost grows with the text
  const std::string path = nashr::fuzzing::write_input("report.xml", data, size);
  nashr::DiagnosticSink sink;
  nashr::TypesetOptions options;
  options.threads = 1;
  nashr::Result<nashr::TypesetReport> typeset = nashr::typeset(path, fonts, options, sink);
  if (!typeset) return 0;
  nashr::PdfOptions pdf_options;
  pdf_options.threads = 1;
  (void)nashr::write_pdf(std::move(typeset->document), pdf_options);
  return 0;
}
