#include "model/xml_source.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <optional>

#include "base/byte_scan.h"
#include "base/file_io.h"
#include "base/thread_pool.h"
#include "base/utf8.h"
#include "model/xml_bounds.h"
#include "model/xml_markup.h"

namespace nashr {

const XmlAttribute* XmlNode::attribute(std::string_view attribute_name) const {
  for (const XmlAttribute& a : attributes) {
    if (a.name == attribute_name) return &a;
  }
  return nullptr;
}

void XmlDocument::index_lines() {
  line_starts_.assign(1, 0);
  line_feed_starts_.clear();
  const char* const begin = source.data();
  const char* const end = begin + source.size();
  const bool has_carriage_return = std::memchr(begin, '\r', source.size()) != nullptr;
  if (!has_carriage_return) {
    for (const char* p = begin; p < end;) {
      const void* newline = std::memchr(p, '\n', static_cast<std::size_t>(end - p));
      if (newline == nullptr) break;
      p = static_cast<const char*>(newline) + 1;
      line_starts_.push_back(static_cast<std::size_t>(p - begin));
    }
    return;
  }
  bool lone_carriage_return = false;
  const auto line_end = [](unsigned char byte) { return byte == '\n' || byte == '\r'; };
  for (std::size_t i = 0;;) {
    i = find_byte(source, i, [](std::uint64_t word) { return bytes_below(word, '\r' + 1); }, line_end);
    if (i == source.size()) break;
    if (source[i] == '\r' && (i + 1 == source.size() || source[i + 1] != '\n')) lone_carriage_return = true;
    i += source[i] == '\r' && i + 1 < source.size() && source[i + 1] == '\n' ? 2 : 1;
    line_starts_.push_back(i);
  }
  if (!lone_carriage_return) return;
  line_feed_starts_.assign(1, 0);
  for (std::size_t i = source.find('\n'); i != std::string::npos; i = source.find('\n', i + 1))
    line_feed_starts_.push_back(i + 1);
}

std::size_t XmlDocument::offset_of_line(int line) const {
  const std::vector<std::size_t>& starts = line_feed_starts_.empty() ? line_starts_ : line_feed_starts_;
  if (line < 1) return 0;
  const auto index = static_cast<std::size_t>(line - 1);
  return index < starts.size() ? starts[index] : source.size();
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

// The first character of a file that it may not hold: a byte that is not well-formed UTF-8, or a
// character XML 1.0 forbids (control characters other than tab, line feed and carriage return;
// U+FFFE and U+FFFF). tinyxml2 passes both through.
struct BadCharacter {
  std::size_t offset = std::string_view::npos;
  char32_t character = 0;
  bool invalid_utf8 = false;
};

BadCharacter first_bad_character(std::string_view text) {
  const auto flag = [](std::uint64_t word) { return (word & kHighBits) | bytes_below(word, 0x20); };
  const auto wanted = [](unsigned char byte) {
    return byte >= 0x80 || (byte < 0x20 && byte != '\t' && byte != '\n' && byte != '\r');
  };
  std::size_t i = 0;
  while ((i = find_byte(text, i, flag, wanted)) < text.size()) {
    const std::size_t start = i;
    bool valid = true;
    const char32_t c = next_code_point(text, i, &valid);
    if (!valid) return {start, 0, true};
    if (c < 0x20 || c == 0xFFFE || c == 0xFFFF) return {start, c, false};
  }
  return {};
}

std::string code_point_name(char32_t c) {
  char name[16];
  std::snprintf(name, sizeof name, "U+%04X", static_cast<unsigned>(c));
  return name;
}

Diagnostic bad_character_error(const XmlDocument& document, const BadCharacter& bad) {
  if (bad.invalid_utf8)
    return make_error(document.location_at(bad.offset), "the file is not valid UTF-8",
                      "save the file as UTF-8 (reports and styles are always UTF-8)");
  if (bad.character < 0x20)
    return make_error(document.location_at(bad.offset),
                      "the control character " + code_point_name(bad.character) + " is not allowed in XML",
                      "remove it; of the control characters XML allows only tab, line feed and carriage return");
  return make_error(document.location_at(bad.offset),
                    code_point_name(bad.character) + " is not a character XML allows", "remove it");
}

}  // namespace

Result<XmlDocument> parse_xml_text(const std::string& path, std::string text, unsigned threads) {
  XmlDocument document;
  document.path = path;
  document.source = std::move(text);
  document.index_lines();
  if (threads == 0 && document.source.size() < kParallelReadingBytes) threads = 1;
  threads = thread_count(threads);
  // tinyxml2's check for a repeated attribute is quadratic in the attributes of an element.
  if (std::optional<Diagnostic> crowded = too_many_attributes(document)) return fail(*crowded);
  // The character check and tinyxml2 read every byte, independently.
  BadCharacter bad;
  std::optional<TinyXmlParse> parse;
  run_tasks(2, threads, [&](std::size_t task, unsigned) {
    if (task == 0)
      parse.emplace(document.source);
    else
      bad = first_bad_character(document.source);
  });
  if (bad.offset != std::string_view::npos) return fail(bad_character_error(document, bad));
  if (!parse->ok()) return fail(explain_xml_failure(document, *parse));
  XmlLocator locator(document);
  XmlTreeBuilder builder(document.source, *parse, locator);
  if (threads > 1) builder.read_ahead(threads);
  if (Result<void> read = builder.read_document(document.root); !read) return fail(read.error());
  if (std::optional<Diagnostic> over = over_bounds(document)) return fail(*over);
  return document;
}

Result<XmlDocument> parse_xml_file(const std::string& path, unsigned threads) {
  Result<std::string> bytes = read_file(path);
  if (!bytes) return fail(bytes.error());
  return parse_xml_text(path, std::move(bytes).value(), threads);
}

}  // namespace nashr
