#include "document/edition.h"

#include <algorithm>

namespace nashr {

const char* to_string(Edition edition) {
  switch (edition) {
    case Edition::screen: return "screen";
    case Edition::print: return "print";
    case Edition::archive: return "archive";
  }
  return "screen";
}

std::optional<Edition> edition_from_name(std::string_view name) {
  for (Edition edition : {Edition::screen, Edition::print, Edition::archive}) {
    if (name == to_string(edition)) return edition;
  }
  return std::nullopt;
}

std::optional<std::vector<Edition>> parse_editions(std::string_view list) {
  std::vector<Edition> editions;
  while (true) {
    const std::size_t comma = list.find_first_of(", ");
    const std::optional<Edition> edition = edition_from_name(list.substr(0, comma));
    if (!edition || std::find(editions.begin(), editions.end(), *edition) != editions.end()) return std::nullopt;
    editions.push_back(*edition);
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
  return editions;
}

}  // namespace nashr
