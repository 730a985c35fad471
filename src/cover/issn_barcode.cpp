// The ISSN's EAN-13 with its EAN-2 add-on: the number worked out here, the bars by libzint (its
// g++ 12 warns falsely on `"literal" + std::string` under -O3 (GCC bug 105329).
#pragma GCC diagnostic ignored "-Wrestrict"
// vector output, so the cover carries the bars as rectangles, not a picture).
#include "cover/issn_barcode.h"

#include <zint.h>

#include <cstring>
#include <memory>

#include "model/report.h"
#include "style/read_cover.h"

namespace nashr {

namespace {

// The ISSN's eight characters without the hyphen, or "" when it is not an ISSN.
std::string issn_digits(std::string_view issn) {
  std::string digits;
  for (char c : issn) {
    if (c == '-') continue;
    digits += c == 'x' ? 'X' : c;
  }
  if (digits.size() != 8) return {};
  for (std::size_t i = 0; i < 7; ++i) {
    if (digits[i] < '0' || digits[i] > '9') return {};
  }
  return digits;
}

// Mod-10 check digit of EAN-13: weights 1, 3, 1, … from the left over the first twelve digits.
char ean13_check_digit(std::string_view twelve) {
  int sum = 0;
  for (std::size_t i = 0; i < twelve.size(); ++i) sum += (twelve[i] - '0') * (i % 2 == 0 ? 1 : 3);
  return static_cast<char>('0' + (10 - sum % 10) % 10);
}

struct ZintDeleter {
  void operator()(zint_symbol* symbol) const { ZBarcode_Delete(symbol); }
};
using ZintSymbol = std::unique_ptr<zint_symbol, ZintDeleter>;

}  // namespace

Result<IssnBarcodeNumber, std::string> issn_barcode_number(std::string_view issn, std::string_view price_code,
                                                           int issue) {
  const std::string digits = issn_digits(issn);
  if (digits.empty()) return fail("'" + std::string(issn) + "' is not an ISSN");
  if (issn_check_digit(std::string_view(digits).substr(0, 7)) != digits[7]) {
    return fail("ISSN " + std::string(issn) + " has a wrong check digit");
  }
  if (!is_price_code(price_code)) return fail("price code '" + std::string(price_code) + "' is not two digits");
  if (issue < 1 || issue > 99) {
    return fail("issue " + std::to_string(issue) + " does not fit the barcode's two-digit add-on (1 to 99)");
  }
  IssnBarcodeNumber number;
  number.ean13 = "977" + digits.substr(0, 7) + std::string(price_code);
  number.ean13 += ean13_check_digit(number.ean13);
  number.addon = (issue < 10 ? "0" : "") + std::to_string(issue);
  return number;
}

Result<BarcodeDrawing, std::string> encode_issn_barcode(const IssnBarcodeNumber& number, double magnification) {
  ZintSymbol symbol(ZBarcode_Create());
  if (!symbol) return fail(std::string("libzint: out of memory"));
  symbol->symbology = BARCODE_EANX_CHK;  // zint checks our check digit instead of adding one
  symbol->output_options |= BARCODE_QUIET_ZONES;
  symbol->height = static_cast<float>(kEanBarModules);
  symbol->scale = 0.5f;  // vector units of one module
  const std::string data = number.ean13 + "+" + number.addon;
  const int status = ZBarcode_Encode_and_Buffer_Vector(
      symbol.get(), reinterpret_cast<const unsigned char*>(data.data()), static_cast<int>(data.size()), 0);
  if (status >= ZINT_ERROR || symbol->vector == nullptr) {
    return fail("libzint cannot encode " + data + ": " + symbol->errtxt);
  }
  const double module = kEanModuleMillimetres * magnification * 72.0 / 25.4;
  BarcodeDrawing drawing;
  drawing.width = symbol->vector->width * module;
  drawing.height = symbol->vector->height * module;
  for (const zint_vector_rect* bar = symbol->vector->rectangles; bar != nullptr; bar = bar->next) {
    drawing.bars.push_back({bar->x * module, bar->y * module, bar->width * module, bar->height * module});
  }
  for (const zint_vector_string* text = symbol->vector->strings; text != nullptr; text = text->next) {
    drawing.texts.push_back({std::string(reinterpret_cast<const char*>(text->text)),
                             {text->x * module, text->y * module},
                             text->fsize * module,
                             text->halign});
  }
  return drawing;
}

}  // namespace nashr
