#include "model/xml_source.h"

#include <tinyxml2.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <exception>
#include <optional>
#include <system_error>
#include <thread>

#include "base/file_io.h"
#include "base/utf8.h"

namespace nashr {

const XmlAttribute* XmlNode::attribute(std::string_view attribute_name) const {
  for (const XmlAttribute& a : attributes) {
    if (a.name == attribute_name) return &a;
  }
  return nullptr;
}

void XmlDocument::index_lines() {
  line_starts_.assign(1, 0);
  const char* const begin = source.data();
  const char* const end = begin + source.size();
  for (const char* p = begin; p < end;) {
    const void* newline = std::memchr(p, '\n', static_cast<std::size_t>(end - p));
    if (newline == nullptr) break;
    p = static_cast<const char*>(newline) + 1;
    line_starts_.push_back(static_cast<std::size_t>(p - begin));
  }
}

namespace {

// Characters, not bytes, in source[from, to): continuation bytes 10xxxxxx do not start one.
int count_characters(const std::string& source, std::size_t from, std::size_t to) {
  int characters = 0;
  std::size_t i = from;
  // Eight bytes at a time: a byte starts a character unless its top bits are 10.
  for (; i + 8 <= to; i += 8) {
    std::uint64_t word;
    std::memcpy(&word, source.data() + i, 8);
    const std::uint64_t starts = ((~word >> 7) | (word >> 6)) & 0x0101010101010101ull;
    characters += static_cast<int>((starts * 0x0101010101010101ull) >> 56);  // the bytes' sum (at most 8)
  }
  for (; i < to; ++i) {
    if ((static_cast<unsigned char>(source[i]) & 0xC0) != 0x80) ++characters;
  }
  return characters;
}

std::size_t line_index_of(const std::vector<std::size_t>& line_starts, std::size_t offset) {
  auto next_line = std::upper_bound(line_starts.begin(), line_starts.end(), offset);
  return static_cast<std::size_t>(next_line - line_starts.begin()) - 1;
}

// The anchor (offset in the run's text, byte offset in the source) a run's `offset` falls under,
// or null when the run's own location is the answer.
const std::pair<std::size_t, std::size_t>* anchor_of(const XmlNode& text_run, std::size_t offset) {
  if (text_run.anchors.empty()) return nullptr;
  auto after = std::upper_bound(text_run.anchors.begin(), text_run.anchors.end(), offset,
                                [](std::size_t value, const auto& anchor) { return value < anchor.first; });
  if (after == text_run.anchors.begin()) return nullptr;
  return &*(after - 1);
}

}  // namespace

SourceLocation XmlDocument::location_at(std::size_t offset) const {
  offset = std::min(offset, source.size());
  const std::size_t line_index = line_index_of(line_starts_, offset);
  const int column = 1 + count_characters(source, line_starts_[line_index], offset);
  return {path, static_cast<int>(line_index) + 1, column};
}

SourceLocation XmlDocument::text_location(const XmlNode& text_run, std::size_t offset) const {
  const auto* anchor = anchor_of(text_run, offset);
  if (anchor == nullptr) return text_run.location;
  const std::size_t source_offset = anchor->second + (offset - anchor->first);
  if (source_offset == text_run.offset) return text_run.location;  // located when it was read
  return location_at(source_offset);
}

SourceLocation XmlLocator::location_at(std::size_t offset) {
  const std::string& source = doc_->source;
  offset = std::min(offset, source.size());
  const std::vector<std::size_t>& line_starts = doc_->line_starts_;
  // Most lookups are on the last location's line, at or after it: no search then.
  std::size_t line_index = last_line_;
  const bool same_line = last_offset_ <= offset && line_starts[line_index] <= offset &&
                         (line_index + 1 == line_starts.size() || offset < line_starts[line_index + 1]);
  if (!same_line) line_index = line_index_of(line_starts, offset);
  int column = 1;
  std::size_t from = line_starts[line_index];
  if (same_line) {
    from = last_offset_;
    column = last_column_;
  }
  column += count_characters(source, from, offset);
  last_offset_ = offset;
  last_line_ = line_index;
  last_column_ = column;
  return {doc_->path, static_cast<int>(line_index) + 1, column};
}

SourceLocation XmlLocator::text_location(const XmlNode& text_run, std::size_t offset) {
  const auto* anchor = anchor_of(text_run, offset);
  if (anchor == nullptr) return text_run.location;
  const std::size_t source_offset = anchor->second + (offset - anchor->first);
  if (source_offset == text_run.offset) return text_run.location;  // located when it was read
  return location_at(source_offset);
}

namespace {

bool is_xml_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

bool is_name_char(char c) {
  return !is_xml_space(c) && c != '/' && c != '>' && c != '=' && c != '<' && c != '"' && c != '\'' &&
         c != '&' && c != '\0';
}

bool is_xml_char(char32_t c) {
  return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) ||
         (c >= 0x10000 && c <= 0x10FFFF);
}

// Offset of the first byte that is not well-formed UTF-8, or npos.
std::size_t first_invalid_utf8(std::string_view s) {
  const auto* const data = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t size = s.size();
  std::size_t i = 0;
  while (i < size) {
    const unsigned char b = data[i];
    if (b < 0x80) {
      // ASCII (markup, English): on eight bytes at a time while they all are.
      ++i;
      while (i + 8 <= size) {
        std::uint64_t word;
        std::memcpy(&word, data + i, 8);
        if ((word & 0x8080808080808080ull) != 0) break;
        i += 8;
      }
      continue;
    }
    // Two-byte sequences (Persian, U+0080–U+07FF) in a tight loop.
    if (b >= 0xC2 && b <= 0xDF && i + 1 < size && (data[i + 1] & 0xC0) == 0x80) {
      i += 2;
      continue;
    }
    std::size_t length = 0;
    char32_t minimum = 0;
    if ((b & 0xE0) == 0xC0) {
      length = 2, minimum = 0x80;
    } else if ((b & 0xF0) == 0xE0) {
      length = 3, minimum = 0x800;
    } else if ((b & 0xF8) == 0xF0) {
      length = 4, minimum = 0x10000;
    } else {
      return i;
    }
    if (i + length > size) return i;
    char32_t c = b & (0xFF >> (length + 1));
    for (std::size_t k = 1; k < length; ++k) {
      const unsigned char cont = data[i + k];
      if ((cont & 0xC0) != 0x80) return i;
      c = (c << 6) | (cont & 0x3F);
    }
    if (c < minimum || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) return i;
    i += length;
  }
  return std::string_view::npos;
}

constexpr int kMaxDepth = 256;

// A recursive-descent reader for the XML subset reports use (no DTD internal subset, no external
// entities). It runs after tinyxml2 accepted the file, and also to locate tinyxml2's errors exactly.
class Scanner {
 public:
  explicit Scanner(const XmlDocument& document) : locator_(document), s_(document.source) {}

  bool parse(XmlNode& root) {
    if (s_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;
    if (!skip_misc(true)) return false;
    if (pos_ >= s_.size() || s_[pos_] != '<') return fail(pos_, "expected the root element", "");
    if (!parse_element(root, 0)) return false;
    if (!skip_misc(false)) return false;
    if (pos_ < s_.size())
      return fail(pos_, "content after the root element", "an XML file has one root element");
    return true;
  }

  const std::optional<Diagnostic>& error() const { return error_; }

 private:
  bool fail(std::size_t offset, std::string message, std::string hint) {
    if (!error_)
      error_ =
          make_error(locator_.location_at(offset), "malformed XML: " + std::move(message), std::move(hint));
    return false;
  }

  bool starts(std::string_view prefix) const { return s_.substr(pos_, prefix.size()) == prefix; }

  void skip_space() {
    while (pos_ < s_.size() && is_xml_space(s_[pos_])) ++pos_;
  }

  bool skip_past(std::string_view terminator, std::size_t start, const char* what) {
    const std::size_t end = s_.find(terminator, pos_);
    if (end == std::string_view::npos) return fail(start, std::string(what) + " is never closed", "");
    pos_ = end + terminator.size();
    return true;
  }

  // Comments, processing instructions, white space and (in the prolog) a DOCTYPE.
  bool skip_misc(bool prolog) {
    for (;;) {
      skip_space();
      const std::size_t start = pos_;
      if (starts("<!--")) {
        if (!skip_past("-->", start, "comment")) return false;
      } else if (starts("<?")) {
        if (!skip_past("?>", start, "processing instruction")) return false;
      } else if (prolog && starts("<!DOCTYPE")) {
        int brackets = 0;
        for (; pos_ < s_.size(); ++pos_) {
          if (s_[pos_] == '[') ++brackets;
          if (s_[pos_] == ']') --brackets;
          if (s_[pos_] == '>' && brackets == 0) break;
        }
        if (pos_ >= s_.size()) return fail(start, "DOCTYPE is never closed", "");
        ++pos_;
      } else if (pos_ < s_.size() && s_[pos_] != '<') {
        return fail(pos_, "text outside the root element", "");
      } else {
        return true;
      }
    }
  }

  std::string_view parse_name() {
    const std::size_t start = pos_;
    while (pos_ < s_.size() && is_name_char(s_[pos_])) ++pos_;
    return s_.substr(start, pos_ - start);
  }

  // Decodes s_[start, end) into `out`, recording anchors. In attributes, white space becomes spaces.
  bool decode(std::size_t start, std::size_t end, std::string& out,
              std::vector<std::pair<std::size_t, std::size_t>>* anchors, bool attribute) {
    std::size_t i = start;
    if (anchors != nullptr) anchors->push_back({out.size(), i});
    while (i < end) {
      const char c = s_[i];
      if (c == '&') {
        const std::size_t semicolon = s_.find(';', i);
        if (semicolon == std::string_view::npos || semicolon >= end || semicolon - i > 12) {
          return fail(i, "'&' must be written '&amp;'", "write '&amp;' for a literal ampersand");
        }
        const std::string_view entity = s_.substr(i + 1, semicolon - i - 1);
        if (entity == "lt") {
          out += '<';
        } else if (entity == "gt") {
          out += '>';
        } else if (entity == "amp") {
          out += '&';
        } else if (entity == "quot") {
          out += '"';
        } else if (entity == "apos") {
          out += '\'';
        } else if (entity.size() > 1 && entity[0] == '#') {
          const bool hex = entity[1] == 'x';
          const std::string_view digits = entity.substr(hex ? 2 : 1);
          char32_t value = 0;
          bool valid = !digits.empty() && digits.size() <= 8;
          for (char d : digits) {
            int v = -1;
            if (d >= '0' && d <= '9') v = d - '0';
            if (hex && d >= 'a' && d <= 'f') v = d - 'a' + 10;
            if (hex && d >= 'A' && d <= 'F') v = d - 'A' + 10;
            if (v < 0) valid = false;
            if (valid) value = value * (hex ? 16 : 10) + static_cast<char32_t>(v);
          }
          if (!valid || !is_xml_char(value)) {
            return fail(i, "'&" + std::string(entity) + ";' is not a valid character reference",
                        "write &#xHHHH; with the character's hexadecimal code point");
          }
          append_utf8(out, value);
        } else {
          return fail(i, "unknown entity '&" + std::string(entity) + ";'",
                      "XML knows only &lt; &gt; &amp; &quot; &apos;; write the character itself or &#xHHHH;");
        }
        i = semicolon + 1;
        if (anchors != nullptr) anchors->push_back({out.size(), i});
        continue;
      }
      if (c == '<') return fail(i, "'<' must be written '&lt;'", "");
      if (attribute) {
        out += is_xml_space(c) ? ' ' : c;
        ++i;
        continue;
      }
      // Plain text up to the next reference or '<', copied at once.
      std::size_t stop = end;
      if (const void* amp = std::memchr(s_.data() + i + 1, '&', end - i - 1))
        stop = static_cast<std::size_t>(static_cast<const char*>(amp) - s_.data());
      if (const void* lt = std::memchr(s_.data() + i + 1, '<', stop - i - 1))
        stop = static_cast<std::size_t>(static_cast<const char*>(lt) - s_.data());
      out.append(s_.data() + i, stop - i);
      i = stop;
    }
    return true;
  }

  bool parse_element(XmlNode& node, int depth) {
    if (depth > kMaxDepth) return fail(pos_, "elements nest too deeply", "");
    const std::size_t start = pos_;
    node.kind = XmlNode::Kind::element;
    node.location = locator_.location_at(start);
    node.offset = start;
    ++pos_;  // '<'
    node.name = std::string(parse_name());
    if (node.name.empty())
      return fail(start, "expected an element name after '<'", "write '&lt;' for a literal '<'");
    for (;;) {
      const std::size_t before_space = pos_;
      skip_space();
      if (pos_ >= s_.size()) return fail(start, "<" + node.name + "> is never closed", "");
      if (starts("/>")) {
        pos_ += 2;
        return true;
      }
      if (s_[pos_] == '>') {
        ++pos_;
        break;
      }
      if (pos_ == before_space) return fail(pos_, "expected white space before an attribute", "");
      XmlAttribute attribute;
      const std::size_t name_start = pos_;
      attribute.location = locator_.location_at(name_start);
      attribute.name = std::string(parse_name());
      if (attribute.name.empty()) return fail(pos_, "expected an attribute name", "");
      skip_space();
      if (pos_ >= s_.size() || s_[pos_] != '=') {
        return fail(pos_, "attribute '" + attribute.name + "' has no value", "write name=\"value\"");
      }
      ++pos_;
      skip_space();
      if (pos_ >= s_.size() || (s_[pos_] != '"' && s_[pos_] != '\'')) {
        return fail(pos_, "attribute values must be quoted", "");
      }
      const char quote = s_[pos_++];
      const std::size_t end = s_.find(quote, pos_);
      if (end == std::string_view::npos) return fail(name_start, "attribute value is never closed", "");
      attribute.value_location = locator_.location_at(pos_);
      if (!decode(pos_, end, attribute.value, nullptr, true)) return false;
      pos_ = end + 1;
      for (const XmlAttribute& other : node.attributes) {
        if (other.name == attribute.name) {
          return fail(name_start, "attribute '" + attribute.name + "' is given twice", "");
        }
      }
      node.attributes.push_back(std::move(attribute));
    }
    return parse_content(node, depth, start);
  }

  XmlNode& text_run(XmlNode& parent) {
    if (parent.children.empty() || !parent.children.back().is_text()) {
      XmlNode& run = parent.children.emplace_back();
      run.kind = XmlNode::Kind::text;
      run.location = locator_.location_at(pos_);
      run.offset = pos_;
    }
    return parent.children.back();
  }

  bool parse_content(XmlNode& node, int depth, std::size_t start) {
    for (;;) {
      if (pos_ >= s_.size()) {
        return fail(start, "<" + node.name + "> is never closed", "add </" + node.name + ">");
      }
      if (starts("</")) {
        const std::size_t close = pos_;
        pos_ += 2;
        const std::string_view name = parse_name();
        skip_space();
        if (name != node.name) {
          const SourceLocation opened = node.location;
          return fail(close,
                      "</" + std::string(name) + "> does not close <" + node.name + "> (opened at line " +
                          std::to_string(opened.line) + ", column " + std::to_string(opened.column) + ")",
                      "check the spelling and that every element is closed in order");
        }
        if (pos_ >= s_.size() || s_[pos_] != '>') return fail(close, "expected '>' after </" + node.name, "");
        ++pos_;
        return true;
      }
      const std::size_t here = pos_;
      if (starts("<!--")) {
        if (!skip_past("-->", here, "comment")) return false;
      } else if (starts("<![CDATA[")) {
        pos_ += 9;
        const std::size_t end = s_.find("]]>", pos_);
        if (end == std::string_view::npos) return fail(here, "CDATA section is never closed", "");
        XmlNode& run = text_run(node);
        run.anchors.push_back({run.text.size(), pos_});
        run.text.append(s_.substr(pos_, end - pos_));
        pos_ = end + 3;
      } else if (starts("<?")) {
        if (!skip_past("?>", here, "processing instruction")) return false;
      } else if (s_[pos_] == '<') {
        // Read in place (nothing else is added to `node.children` meanwhile); on failure the
        // whole tree is thrown away.
        if (!parse_element(node.children.emplace_back(), depth + 1)) return false;
      } else {
        std::size_t end = s_.find('<', pos_);
        if (end == std::string_view::npos) end = s_.size();
        XmlNode& run = text_run(node);
        if (!decode(pos_, end, run.text, &run.anchors, false)) return false;
        pos_ = end;
      }
    }
  }

  XmlLocator locator_;
  std::string_view s_;
  std::size_t pos_ = 0;
  std::optional<Diagnostic> error_;
};

std::string tinyxml2_message(tinyxml2::XMLError error) {
  switch (error) {
    case tinyxml2::XML_ERROR_PARSING_ELEMENT: return "cannot read an element";
    case tinyxml2::XML_ERROR_PARSING_ATTRIBUTE: return "cannot read an attribute (given twice, or unquoted?)";
    case tinyxml2::XML_ERROR_PARSING_TEXT: return "cannot read the text";
    case tinyxml2::XML_ERROR_PARSING_CDATA: return "cannot read a CDATA section";
    case tinyxml2::XML_ERROR_PARSING_COMMENT: return "cannot read a comment";
    case tinyxml2::XML_ERROR_PARSING_DECLARATION: return "cannot read the XML declaration";
    case tinyxml2::XML_ERROR_PARSING_UNKNOWN: return "cannot read a <!...> construct";
    case tinyxml2::XML_ERROR_EMPTY_DOCUMENT: return "the file is empty";
    case tinyxml2::XML_ERROR_MISMATCHED_ELEMENT: return "a closing tag does not match its opening tag";
    default: return std::string("cannot parse (") + tinyxml2::XMLDocument::ErrorIDToName(error) + ")";
  }
}

// What the UTF-8 check and tinyxml2 say about a file: independent of our scanner, so they may run
// on a thread of their own while it builds the tree.
struct GateVerdict {
  std::size_t invalid_utf8 = std::string::npos;  // the first byte that is not UTF-8
  tinyxml2::XMLError result = tinyxml2::XML_SUCCESS;
  int error_line = 0;
  std::exception_ptr failure;  // e.g. std::bad_alloc, rethrown on the calling thread
};

// Checks the UTF-8 of source[0, utf8_end) (the rest is checked elsewhere), then runs tinyxml2.
void run_gate(const std::string& source, std::size_t utf8_end, GateVerdict& verdict) {
  try {
    verdict.invalid_utf8 = first_invalid_utf8(std::string_view(source).substr(0, utf8_end));
    if (verdict.invalid_utf8 != std::string::npos) return;
    tinyxml2::XMLDocument gate(true, tinyxml2::PRESERVE_WHITESPACE);
    verdict.result = gate.Parse(source.data(), source.size());
    verdict.error_line = gate.ErrorLineNum();
  } catch (...) {
    verdict.failure = std::current_exception();
  }
}

bool use_second_thread(unsigned threads, std::size_t bytes) {
  if (threads == 0) return bytes >= kParallelReadingBytes && std::thread::hardware_concurrency() > 1;
  return threads > 1;
}

}  // namespace

Result<XmlDocument> parse_xml_text(const std::string& path, std::string text, unsigned threads) {
  XmlDocument document;
  document.path = path;
  document.source = std::move(text);

  // On two threads, each checks part of the UTF-8: the gate's thread [0, utf8_cut) before tinyxml2,
  // this one the rest after our scan. tinyxml2's parse costs more than the scan (callgrind, RTL
  // 100 pages: 12.9 M against 10.2 M instructions; the whole check 6 M), so the gate's thread
  // takes a quarter. The cut is at a byte that is not a continuation byte, so a sequence is never
  // split: each part finds what a check of the whole would find there, and the first part's
  // finding comes first.
  const std::string& source = document.source;
  std::size_t utf8_cut = source.size() / 4;
  while (utf8_cut < source.size() && (static_cast<unsigned char>(source[utf8_cut]) & 0xC0) == 0x80)
    ++utf8_cut;
  GateVerdict verdict;
  std::thread gate_thread;
  if (use_second_thread(threads, document.source.size())) {
    try {
      gate_thread = std::thread(run_gate, std::cref(document.source), utf8_cut, std::ref(verdict));
    } catch (const std::system_error&) {
      // No thread to be had: the gate runs below, on this one.
    }
  }
  const bool gate_in_parallel = gate_thread.joinable();

  // The scanner may see invalid UTF-8 while the check runs beside it: it reads bytes, and its
  // verdict is thrown away then.
  document.index_lines();
  Scanner scanner(document);
  bool scanned = false;
  std::size_t second_half_invalid = std::string::npos;
  try {
    if (!gate_in_parallel) {
      run_gate(source, source.size(), verdict);
      if (verdict.invalid_utf8 == std::string::npos) scanned = scanner.parse(document.root);
    } else {
      scanned = scanner.parse(document.root);
      second_half_invalid = first_invalid_utf8(std::string_view(source).substr(utf8_cut));
    }
  } catch (...) {
    if (gate_thread.joinable()) gate_thread.join();
    throw;
  }
  if (gate_thread.joinable()) gate_thread.join();
  if (verdict.failure) std::rethrow_exception(verdict.failure);
  if (verdict.invalid_utf8 == std::string::npos && second_half_invalid != std::string::npos) {
    verdict.invalid_utf8 = utf8_cut + second_half_invalid;
  }

  if (verdict.invalid_utf8 != std::string::npos) {
    return fail(make_error(document.location_at(verdict.invalid_utf8), "the file is not valid UTF-8",
                           "save the file as UTF-8 (reports and styles are always UTF-8)"));
  }
  if (!scanned) return fail(*scanner.error());
  if (verdict.result != tinyxml2::XML_SUCCESS) {
    // tinyxml2 found what our reader let through: report its line, at its first non-blank column.
    int line = std::max(verdict.error_line, 1);
    std::size_t offset = 0;
    for (int l = 1; l < line && offset < document.source.size(); ++l) {
      offset = document.source.find('\n', offset);
      offset = offset == std::string::npos ? document.source.size() : offset + 1;
    }
    while (offset < document.source.size() &&
           (document.source[offset] == ' ' || document.source[offset] == '\t')) {
      ++offset;
    }
    return fail(make_error(document.location_at(offset), "malformed XML: " + tinyxml2_message(verdict.result),
                           "check that every element is closed and every '&' is written '&amp;'"));
  }
  return document;
}

Result<XmlDocument> parse_xml_file(const std::string& path, unsigned threads) {
  Result<std::string> bytes = read_file(path);
  if (!bytes) return fail(bytes.error());
  return parse_xml_text(path, std::move(bytes).value(), threads);
}

}  // namespace nashr
