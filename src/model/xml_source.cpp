#include "model/xml_source.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <optional>

#include "base/file_io.h"
#include "base/thread_pool.h"
#include "base/utf8.h"
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
  const char* const begin = source.data();
  const char* const end = begin + source.size();
  for (const char* p = begin; p < end;) {
    const void* newline = std::memchr(p, '\n', static_cast<std::size_t>(end - p));
    if (newline == nullptr) break;
    p = static_cast<const char*>(newline) + 1;
    line_starts_.push_back(static_cast<std::size_t>(p - begin));
  }
}

std::size_t XmlDocument::offset_of_line(int line) const {
  if (line < 1) return 0;
  const auto index = static_cast<std::size_t>(line - 1);
  return index < line_starts_.size() ? line_starts_[index] : source.size();
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

// Past the ASCII bytes from `i` on (markup, English), eight at a time while they all are.
std::size_t skip_ascii(std::string_view text, std::size_t i) {
  for (; i + 8 <= text.size(); i += 8) {
    std::uint64_t word;
    std::memcpy(&word, text.data() + i, 8);
    if ((word & 0x8080808080808080ull) != 0) break;
  }
  return i;
}

// Offset of the first byte that is not well-formed UTF-8, or npos.
std::size_t first_invalid_utf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    if (static_cast<unsigned char>(text[i]) < 0x80) {
      i = skip_ascii(text, i + 1);
      continue;
    }
    const std::size_t start = i;
    bool valid = true;
    next_code_point(text, i, &valid);
    if (!valid) return start;
  }
  return std::string_view::npos;
}

}  // namespace

Result<XmlDocument> parse_xml_text(const std::string& path, std::string text, unsigned threads) {
  XmlDocument document;
  document.path = path;
  document.source = std::move(text);
  document.index_lines();
  if (threads == 0 && document.source.size() < kParallelReadingBytes) threads = 1;
  threads = thread_count(threads);
  // The UTF-8 check and tinyxml2 read every byte, independently.
  std::size_t invalid = std::string_view::npos;
  std::optional<TinyXmlParse> parse;
  run_tasks(2, threads, [&](std::size_t task, unsigned) {
    if (task == 0)
      parse.emplace(document.source);
    else
      invalid = first_invalid_utf8(document.source);
  });
  if (invalid != std::string_view::npos) {
    return fail(make_error(document.location_at(invalid), "the file is not valid UTF-8",
                           "save the file as UTF-8 (reports and styles are always UTF-8)"));
  }
  if (!parse->ok()) return fail(explain_xml_failure(document, *parse));
  XmlLocator locator(document);
  XmlTreeBuilder builder(document.source, *parse, locator);
  if (threads > 1) builder.read_ahead(threads);
  if (Result<void> read = builder.read_document(document.root); !read) return fail(read.error());
  return document;
}

Result<XmlDocument> parse_xml_file(const std::string& path, unsigned threads) {
  Result<std::string> bytes = read_file(path);
  if (!bytes) return fail(bytes.error());
  return parse_xml_text(path, std::move(bytes).value(), threads);
}

}  // namespace nashr
