#pragma once
// A page of a PDF file as a figure: read with libqpdf, checked, and copied out as a plain object
// graph that the PDF writer turns into a Form XObject (src/pdf/pdf_figure.cpp), so a chart keeps its
// vectors. libqpdf is in the module nashr-qpdf.so (base/loadable_module.h), loaded by the first
// PDF figure: pdf_page_import.cpp is built into it, and nashr calls it through PdfImportApi. This
// header is C++17 only: the file that includes libqpdf's headers is compiled as C++17
// under clang (clang 14 cannot compile <qpdf/JSON.hh> as C++20 with libstdc++ 12), and it includes
// nothing of ours but this. src/pdfimport/pdf_figure.h gives the located, Result-returning API.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace nashr {

enum class PdfValueKind { null, boolean, integer, real, name, string, array, dictionary, stream, reference };

// One PDF object as read. A dictionary's (or a stream's dictionary's) entries are `keys` and `items`
// side by side; a stream's `bytes` are its data as stored (still encoded; its /Filter is an entry).
struct PdfValue {
  PdfValueKind kind = PdfValueKind::null;
  bool boolean = false;
  std::int64_t integer = 0;
  double real = 0;
  std::string bytes;  // a name (without '/'), a string's bytes, a stream's data
  std::vector<PdfValue> items;
  std::vector<std::string> keys;
  std::size_t reference = 0;  // kind == reference: an index into ImportedPdfPage::objects
};

struct ImportedPdfPage {
  // The page's visible box (its trim box, else crop box, else media box, turned by /Rotate), points.
  double width = 0;
  double height = 0;
  // Every indirect object the page's resources reach, in the order first reached.
  std::vector<PdfValue> objects;
  PdfValue resources;  // a dictionary (null when the page has none)
  PdfValue group;      // the page's transparency group, or null
  // The page's content, decoded, wrapped in "q <matrix> cm … Q": the matrix maps the visible box onto
  // the unit square, which is the Form XObject's /BBox, so the writer draws it like an image.
  std::string content;
};

struct PdfImport {
  bool ok = false;
  std::string problem;  // on failure: what is wrong with the file ("is damaged: …")
  std::string hint;
  ImportedPdfPage page;
};

// Limits on what one figure may hold (a hostile file cannot make the writer copy without end).
inline constexpr std::size_t kMostImportedObjects = 100000;
inline constexpr std::size_t kLongestPdfName = 127;  // libharu's limit on a name and a key

// Reads the first page of the PDF file at `path`. Refused: a file qpdf cannot read without repairing
// it, an encrypted one, one with no page or an empty page box, a stream whose data does not decode, a
// filter that is not one of PDF's, and any reference to another file (an external stream, a file
// specification, a reference XObject, OPI): nothing outside the report's folder is read.
PdfImport import_pdf_page(const std::string& path);

// The module's table for PDF figures, from its entry function kPdfImportSymbol (base/loadable_module.h).
struct PdfImportApi {
  PdfImport (*import_page)(const std::string& path);
};
inline constexpr const char* kPdfImportSymbol = "nashr_pdf_import_api";

}  // namespace nashr
