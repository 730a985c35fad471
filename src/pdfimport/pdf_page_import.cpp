// import_pdf_page (pdf_page_import.h): libqpdf reads the file; the page becomes a Form XObject's
// parts. Built into the module nashr-qpdf.so (in-process in the fuzz preset), and compiled as C++17
// under clang (CMakeLists.txt): it includes libqpdf and C++17 headers only.
#include "pdfimport/pdf_page_import.h"

#include <qpdf/Buffer.hh>
#include <qpdf/Pl_Discard.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFExc.hh>
#include <qpdf/QPDFObjectHandle.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFPageObjectHelper.hh>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>
#include <stdexcept>

namespace nashr {

namespace {

// A problem found while copying: ends the import with its message.
struct Refusal : std::runtime_error {
  Refusal(const std::string& problem, std::string hint_text) : std::runtime_error(problem), hint(std::move(hint_text)) {}
  std::string hint;
};

const char* const kExternalHint =
    "export the chart again with everything embedded: nashr reads nothing outside the report's folder";

// PDF's own filters (ISO 32000-1, 7.4); Crypt is left out: encrypted files are refused whole.
const std::set<std::string> kFilters = {"/ASCIIHexDecode", "/ASCII85Decode", "/LZWDecode",    "/FlateDecode",
                                        "/RunLengthDecode", "/CCITTFaxDecode", "/JBIG2Decode", "/DCTDecode",
                                        "/JPXDecode"};

class Copier {
 public:
  explicit Copier(ImportedPdfPage& page) : page_(page) {}

  PdfValue copy(QPDFObjectHandle object) {
    if (object.isIndirect()) {
      const QPDFObjGen id = object.getObjGen();
      auto found = indices_.find(id);
      PdfValue reference;
      reference.kind = PdfValueKind::reference;
      if (found != indices_.end()) {
        reference.reference = found->second;
        return reference;
      }
      if (page_.objects.size() >= kMostImportedObjects) {
        throw Refusal("holds more than " + std::to_string(kMostImportedObjects) + " objects",
                      "simplify the chart, or export it as a PNG image");
      }
      const std::size_t index = page_.objects.size();
      indices_.emplace(id, index);
      page_.objects.emplace_back();
      PdfValue value = copy_direct(object);
      page_.objects[index] = std::move(value);
      reference.reference = index;
      return reference;
    }
    return copy_direct(object);
  }

 private:
  static std::string bare_name(const std::string& name) {
    std::string bare = !name.empty() && name[0] == '/' ? name.substr(1) : name;
    if (bare.size() > kLongestPdfName) {
      throw Refusal("has a name of " + std::to_string(bare.size()) + " bytes, over PDF's limit of 127",
                    "export the chart again with another program");
    }
    return bare;
  }

  static void refuse_external(QPDFObjectHandle dictionary, bool stream) {
    if (stream && (dictionary.hasKey("/F") || dictionary.hasKey("/FFilter") || dictionary.hasKey("/FDecodeParms"))) {
      throw Refusal("refers to an external file (a stream whose data is in another file)", kExternalHint);
    }
    if (dictionary.hasKey("/Type") && dictionary.getKey("/Type").isNameAndEquals("/Filespec")) {
      throw Refusal("refers to an external file (a file specification)", kExternalHint);
    }
    for (const char* key : {"/FS", "/Ref", "/OPI", "/EF"}) {
      if (dictionary.hasKey(key)) {
        throw Refusal(std::string("refers to an external file (a ") + (key + 1) + " entry)", kExternalHint);
      }
    }
  }

  void copy_entries(QPDFObjectHandle dictionary, PdfValue& value, bool stream) {
    refuse_external(dictionary, stream);
    for (const std::string& key : dictionary.getKeys()) {  // sorted: the same file gives the same bytes
      if (stream && key == "/Length") continue;  // the writer sets it
      value.keys.push_back(bare_name(key));
      value.items.push_back(copy(dictionary.getKey(key)));
    }
  }

  static void check_filters(QPDFObjectHandle dictionary) {
    QPDFObjectHandle filter = dictionary.getKey("/Filter");
    std::vector<QPDFObjectHandle> names;
    if (filter.isArray()) {
      names = filter.getArrayAsVector();
    } else if (!filter.isNull()) {
      names.push_back(filter);
    }
    for (QPDFObjectHandle& name : names) {
      if (!name.isName() || kFilters.count(name.getName()) == 0) {
        throw Refusal("is damaged: a stream has a filter that PDF does not define", "export the chart again");
      }
    }
  }

  PdfValue copy_stream(QPDFObjectHandle object) {
    PdfValue value;
    value.kind = PdfValueKind::stream;
    QPDFObjectHandle dictionary = object.getDict();
    check_filters(dictionary);
    copy_entries(dictionary, value, true);
    // The data must decode (where qpdf can decode it: not JBIG2 or JPX), as a reader will decode it.
    Pl_Discard discard;
    bool attempted = false;
    if (!object.pipeStreamData(&discard, &attempted, 0, qpdf_dl_all, true, false)) {
      throw Refusal("is damaged: the data of object " + std::to_string(object.getObjectID()) + " does not decode",
                    "export the chart again");
    }
    std::shared_ptr<Buffer> raw = object.getRawStreamData();
    value.bytes.assign(reinterpret_cast<const char*>(raw->getBuffer()), raw->getSize());
    return value;
  }

  PdfValue copy_direct(QPDFObjectHandle object) {
    PdfValue value;
    if (object.isStream()) return copy_stream(object);
    if (object.isBool()) {
      value.kind = PdfValueKind::boolean;
      value.boolean = object.getBoolValue();
    } else if (object.isInteger()) {
      value.kind = PdfValueKind::integer;
      value.integer = object.getIntValue();
    } else if (object.isReal()) {
      value.kind = PdfValueKind::real;
      value.real = object.getNumericValue();
    } else if (object.isName()) {
      value.kind = PdfValueKind::name;
      value.bytes = bare_name(object.getName());
    } else if (object.isString()) {
      value.kind = PdfValueKind::string;
      value.bytes = object.getStringValue();
    } else if (object.isArray()) {
      value.kind = PdfValueKind::array;
      for (QPDFObjectHandle& item : object.getArrayAsVector()) value.items.push_back(copy(item));
    } else if (object.isDictionary()) {
      value.kind = PdfValueKind::dictionary;
      copy_entries(object, value, false);
    }
    return value;  // anything else (null, an operator in a broken file) is null
  }

  ImportedPdfPage& page_;
  std::map<QPDFObjGen, std::size_t> indices_;
};

std::array<double, 6> numbers_of(QPDFObjectHandle array, std::size_t count) {
  std::array<double, 6> numbers = {1, 0, 0, 1, 0, 0};
  if (!array.isArray() || array.getArrayNItems() != static_cast<int>(count)) return numbers;
  for (std::size_t i = 0; i < count; ++i) {
    QPDFObjectHandle item = array.getArrayItem(static_cast<int>(i));
    if (!item.isNumber()) throw Refusal("is damaged: the page's box is not four numbers", "export the chart again");
    numbers[i] = item.getNumericValue();
  }
  return numbers;
}

std::string number_text(double value) {
  char text[64];
  std::snprintf(text, sizeof text, "%.9g", std::abs(value) < 1e-12 ? 0.0 : value);
  return text;
}

// qpdf's Form XObject of the page carries the box as /BBox and /Rotate and /UserUnit as /Matrix:
// the content gets the matrix that maps the turned box onto the unit square.
void set_content(QPDFObjectHandle form, ImportedPdfPage& page) {
  const std::array<double, 6> box = numbers_of(form.getDict().getKey("/BBox"), 4);
  const std::array<double, 6> m = numbers_of(form.getDict().getKey("/Matrix"), 6);
  double left = HUGE_VAL, bottom = HUGE_VAL, right = -HUGE_VAL, top = -HUGE_VAL;
  for (const auto& [x, y] : {std::pair{box[0], box[1]}, std::pair{box[2], box[1]}, std::pair{box[0], box[3]},
                             std::pair{box[2], box[3]}}) {
    const double tx = m[0] * x + m[2] * y + m[4];
    const double ty = m[1] * x + m[3] * y + m[5];
    left = std::min(left, tx);
    right = std::max(right, tx);
    bottom = std::min(bottom, ty);
    top = std::max(top, ty);
  }
  page.width = right - left;
  page.height = top - bottom;
  if (!(page.width > 0.01 && page.height > 0.01 && page.width < 1e6 && page.height < 1e6)) {
    throw Refusal("has an empty or impossible page box", "export the chart again with a page the size of the chart");
  }
  const std::array<double, 6> unit = {m[0] / page.width,  m[1] / page.height, m[2] / page.width,
                                      m[3] / page.height, (m[4] - left) / page.width, (m[5] - bottom) / page.height};
  std::string matrix;
  for (double value : unit) matrix += number_text(value) + " ";
  std::shared_ptr<Buffer> data = form.getStreamData(qpdf_dl_generalized);
  page.content = "q\n" + matrix + "cm\n";
  page.content.append(reinterpret_cast<const char*>(data->getBuffer()), data->getSize());
  page.content += "\nQ\n";
}

}  // namespace

PdfImport import_pdf_page(const std::string& path) {
  PdfImport result;
  try {
    QPDF pdf;
    pdf.setSuppressWarnings(true);
    pdf.setAttemptRecovery(false);
    pdf.processFile(path.c_str());
    if (pdf.isEncrypted()) throw Refusal("is encrypted", "save the chart without a password or restrictions");
    std::vector<QPDFPageObjectHelper> pages = QPDFPageDocumentHelper(pdf).getAllPages();
    if (pages.empty()) throw Refusal("has no page", "export the chart again");
    QPDFObjectHandle form = pages.front().getFormXObjectForPage(true);
    set_content(form, result.page);
    Copier copier(result.page);
    result.page.resources = copier.copy(form.getDict().getKey("/Resources"));
    result.page.group = copier.copy(form.getDict().getKey("/Group"));
    if (pdf.anyWarnings()) {
      const std::vector<QPDFExc> warnings = pdf.getWarnings();
      throw Refusal("is damaged: " + std::string(warnings.front().getMessageDetail()), "export the chart again");
    }
    result.ok = true;
  } catch (const Refusal& refusal) {
    result.problem = refusal.what();
    result.hint = refusal.hint;
  } catch (const QPDFExc& error) {
    result.problem = "is a damaged PDF file (" + error.getMessageDetail() + ")";
    result.hint = "export the chart again as PDF (e.g. rsvg-convert -f pdf chart.svg -o chart.pdf)";
  } catch (const std::exception& error) {
    result.problem = std::string("is damaged: ") + error.what();
    result.hint = "export the chart again";
  }
  if (!result.ok) result.page = {};
  return result;
}

}  // namespace nashr

#ifndef NASHR_QPDF_LINKED
extern "C" __attribute__((visibility("default"))) const nashr::PdfImportApi* nashr_pdf_import_api() {
  static constexpr nashr::PdfImportApi api{nashr::import_pdf_page};
  return &api;
}
#endif
