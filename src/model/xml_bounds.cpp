#include "model/xml_bounds.h"

// g++ 12 warns falsely on `"literal" + std::string` under -O3 (GCC bug 105329).
#pragma GCC diagnostic ignored "-Wrestrict"

#include <cstring>
#include <string>
#include <string_view>

#include "base/utf8.h"
#include "locale/unicode_props.h"

namespace nashr {

std::string with_thousands(std::size_t value) {
  std::string digits = std::to_string(value);
  for (std::size_t i = digits.size(); i > 3; i -= 3) digits.insert(i - 3, ",");
  return digits;
}

namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// Where the markup that starts at `lt` with `opener` ends, after `terminator`; npos when it does not.
std::size_t after(std::string_view text, std::size_t from, std::string_view terminator) {
  const std::size_t found = text.find(terminator, from);
  return found == std::string_view::npos ? found : found + terminator.size();
}

class MarkCounter {
 public:
  explicit MarkCounter(const CombiningMarkTable& marks) : marks_(marks) {}

  // The offset in `text` of the first mark too many, or npos; the count goes on from the last call.
  std::size_t first_excess(std::string_view text) {
    const auto ascii = [&](std::size_t i) { return static_cast<unsigned char>(text[i]) < 0x80; };
    for (std::size_t i = 0; i < text.size();) {
      if (ascii(i)) {
        in_a_row_ = 0;
        ++i;
        continue;
      }
      std::size_t end = i + 1;
      while (end < text.size() && !ascii(end)) ++end;
      // A mark takes two bytes or more, so a stretch without ASCII that starts with no marks before
      // it, ends before an ASCII character and is shorter than one mark too many cannot hold one:
      // the words of a text are skipped without decoding them (bench/README.md, "Reading").
      if (in_a_row_ == 0 && end < text.size() && end - i < 2 * (kMostCombiningMarks + 1)) {
        i = end;
        continue;
      }
      while (i < end) {
        const std::size_t start = i;
        if (!marks_.contains(next_code_point(text, i))) {
          in_a_row_ = 0;
        } else if (++in_a_row_ > kMostCombiningMarks) {
          return start;
        }
      }
    }
    return std::string_view::npos;
  }

 private:
  const CombiningMarkTable& marks_;
  std::size_t in_a_row_ = 0;
};

Diagnostic too_many_marks(SourceLocation location) {
  return make_error(std::move(location),
                    "more than " + std::to_string(kMostCombiningMarks) + " combining marks in a row",
                    "a letter carries a few marks (harakat, accents); Unicode's stream-safe limit is " +
                        std::to_string(kMostCombiningMarks));
}

Diagnostic too_long(SourceLocation location, const std::string& what, std::size_t bytes) {
  return make_error(std::move(location),
                    what + " is " + with_thousands(bytes) + " bytes long, over the limit of " +
                        with_thousands(kLongestValue),
                    "split it (a PDF holds no longer string)");
}

class BoundsCheck {
 public:
  explicit BoundsCheck(const XmlDocument& document) : doc_(document), marks_(mark_table_) {}

  std::optional<Diagnostic> check(const XmlNode& node) {
    if (node.is_text()) {
      if (node.text.size() > kLongestValue) return too_long(node.location, "a text", node.text.size());
      const std::size_t excess = marks_.first_excess(node.text);
      if (excess != std::string_view::npos) return too_many_marks(doc_.text_location(node, excess));
      return std::nullopt;
    }
    for (const XmlAttribute& attribute : node.attributes) {
      if (attribute.value.size() > kLongestValue)
        return too_long(attribute.value_location, "the value of " + attribute.name, attribute.value.size());
      MarkCounter own(mark_table_);
      const std::size_t excess = own.first_excess(attribute.value);
      if (excess == std::string_view::npos) continue;
      // The value's bytes are the source's unless a reference came before the mark.
      const bool verbatim =
          std::memchr(doc_.source.data() + attribute.value_offset, '&', excess) == nullptr;
      return too_many_marks(verbatim ? doc_.location_at(attribute.value_offset + excess)
                                     : attribute.value_location);
    }
    for (const XmlNode& child : node.children) {
      if (std::optional<Diagnostic> found = check(child)) return found;
    }
    return std::nullopt;
  }

 private:
  const XmlDocument& doc_;
  const CombiningMarkTable mark_table_;
  MarkCounter marks_;
};

}  // namespace

std::optional<Diagnostic> too_many_attributes(const XmlDocument& document) {
  const std::string_view text = document.source;
  const auto skip_space = [&](std::size_t i) {
    while (i < text.size() && is_space(text[i])) ++i;
    return i;
  };
  std::size_t i = 0;
  while ((i = text.find('<', i)) != std::string_view::npos) {
    const std::string_view rest = text.substr(i);
    if (rest.starts_with("<!--")) {
      i = after(text, i + 4, "-->");
    } else if (rest.starts_with("<![CDATA[")) {
      i = after(text, i + 9, "]]>");
    } else if (rest.starts_with("<?")) {
      i = after(text, i + 2, "?>");
    } else if (rest.starts_with("<!") || rest.starts_with("</")) {
      i += 2;
    } else {
      // A start tag: its name, then name="value" pairs (a '>' may be inside a value).
      std::size_t j = i + 1;
      while (j < text.size() && !is_space(text[j]) && text[j] != '>' && text[j] != '/') ++j;
      const std::string name(text.substr(i + 1, j - i - 1));
      std::size_t attributes = 0;
      for (;;) {
        j = skip_space(j);
        if (j >= text.size() || text[j] == '>' || text[j] == '/' || text[j] == '<') break;
        const std::size_t attribute = j;
        while (j < text.size() && !is_space(text[j]) && text[j] != '=' && text[j] != '>') ++j;
        j = skip_space(j);
        if (j >= text.size() || text[j] != '=') break;  // tinyxml2 says what is wrong
        j = skip_space(j + 1);
        if (j >= text.size() || (text[j] != '"' && text[j] != '\'')) break;
        j = text.find(text[j], j + 1);
        if (j == std::string_view::npos) return std::nullopt;
        ++j;
        if (++attributes > kMostAttributes) {
          return make_error(document.location_at(attribute),
                            "<" + name + "> has more than " + std::to_string(kMostAttributes) + " attributes",
                            "an element takes a few attributes (id, xml:lang, dir…); remove the others");
        }
      }
      i = j;
    }
    if (i == std::string_view::npos) return std::nullopt;
  }
  return std::nullopt;
}

std::optional<Diagnostic> over_bounds(const XmlDocument& document) {
  return BoundsCheck(document).check(document.root);
}

}  // namespace nashr
