#pragma once
#include <memory>
#include <string>

#include "base/result.h"

namespace tinyxml2 {
class XMLDocument;
}

namespace nashr {

// A parsed XML file; owns tinyxml2's document, which stays inside src/model/.
struct XmlSource {
  std::string path;
  std::string text;
  std::unique_ptr<tinyxml2::XMLDocument> document;

  XmlSource();
  XmlSource(XmlSource&&) noexcept;
  XmlSource& operator=(XmlSource&&) noexcept;
  ~XmlSource();
};

// Reads and parses `path`. Malformed XML fails with the location tinyxml2 reports.
Result<XmlSource> parse_xml_file(const std::string& path);

}  // namespace nashr
