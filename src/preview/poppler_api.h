#pragma once
// The table of functions the poppler module (nashr-preview.so, preview/poppler_module.cpp) gives
// pdf_pages.cpp. poppler and the 18 libraries it brings (NSS, GnuTLS, OpenJPEG, …) took 4 to 5 ms
// of every nashr process's start, build and check included; only render and diff read PDFs back,
// so they load the module when they open a PDF. Both sides are built together from this header.
#include <string>

#include "preview/pdf_pages.h"

namespace nashr::preview_module {

// One opened PDF, owned by the module.
struct Pdf;

struct PopplerApi {
  // Null when poppler cannot read the file as a PDF.
  Pdf* (*open)(const char* path);
  void (*close)(Pdf* pdf);
  bool (*locked)(const Pdf* pdf);
  int (*page_count)(const Pdf* pdf);
  // Page `number` (1-based) at `dpi`, antialiased, on white; empty when poppler cannot render it.
  void (*render)(const Pdf* pdf, int number, double dpi, PagePixels& out);
  // The page's text in reading order (UTF-8).
  void (*text)(const Pdf* pdf, int number, std::string& out);
  bool (*write_png)(const PagePixels& pixels, const char* path, double dpi);
};

// The module's entry function for this table (base/loadable_module.h, module_api).
inline constexpr const char* kApiSymbol = "nashr_poppler_api";

}  // namespace nashr::preview_module
