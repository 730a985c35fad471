#include "model/xml_source.h"

#include <tinyxml2.h>

#include "base/file_io.h"

namespace nashr {

XmlSource::XmlSource() = default;
XmlSource::XmlSource(XmlSource&&) noexcept = default;
XmlSource& XmlSource::operator=(XmlSource&&) noexcept = default;
XmlSource::~XmlSource() = default;

Result<XmlSource> parse_xml_file(const std::string& path) {
  Result<std::string> bytes = read_file(path);
  if (!bytes) return fail(bytes.error());
  XmlSource source;
  source.path = path;
  source.text = std::move(bytes).value();
  // PRESERVE_WHITESPACE: white space is collapsed by our own rules (HTML-like, xml:space).
  source.document = std::make_unique<tinyxml2::XMLDocument>(true, tinyxml2::PRESERVE_WHITESPACE);
  if (source.document->Parse(source.text.data(), source.text.size()) != tinyxml2::XML_SUCCESS) {
    const int line = source.document->ErrorLineNum();
    std::string message = "malformed XML: ";
    message += tinyxml2::XMLDocument::ErrorIDToName(source.document->ErrorID());
    return fail(make_error({path, line, line > 0 ? 1 : 0}, message,
                           "check that every element is closed and every '&' is written '&amp;'"));
  }
  return source;
}

}  // namespace nashr
