#include "pdf/text_encoding.h"

#include <algorithm>
#include <cstdio>

#include "base/utf8.h"

namespace nashr {

std::u32string decode_utf8(std::string_view utf8) {
  std::u32string out;
  for (std::size_t i = 0; i < utf8.size();) out += next_code_point(utf8, i);
  return out;
}

std::string encode_utf8(std::u32string_view text) {
  std::string out;
  for (char32_t c : text) append_utf8(out, c);
  return out;
}

namespace {

void append_utf16be(std::string& out, char32_t c) {
  auto unit = [&](unsigned value) {
    out += static_cast<char>((value >> 8) & 0xFF);
    out += static_cast<char>(value & 0xFF);
  };
  if (c < 0x10000) {
    unit(static_cast<unsigned>(c));
  } else {
    const unsigned offset = static_cast<unsigned>(c) - 0x10000;
    unit(0xD800 + (offset >> 10));
    unit(0xDC00 + (offset & 0x3FF));
  }
}

}  // namespace

std::string hex(std::string_view bytes) {
  static const char digits[] = "0123456789ABCDEF";
  std::string out;
  for (char c : bytes) {
    const auto byte = static_cast<unsigned char>(c);
    out += digits[byte >> 4];
    out += digits[byte & 15];
  }
  return out;
}

std::string utf16be_with_bom(std::string_view utf8) {
  std::string out("\xFE\xFF", 2);
  for (char32_t c : decode_utf8(utf8)) append_utf16be(out, c);
  return out;
}

std::string text_layer_text(std::string_view logical_utf8, bool rtl) {
  if (!rtl) return std::string(logical_utf8);
  // Most glyphs carry one character: nothing to reverse (and no decoding per glyph).
  const auto code_points = std::count_if(logical_utf8.begin(), logical_utf8.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  });
  if (code_points < 2) return std::string(logical_utf8);
  std::u32string text = decode_utf8(logical_utf8);
  if (text.size() < 2) return std::string(logical_utf8);
  std::reverse(text.begin(), text.end());
  return encode_utf8(text);
}

std::string to_unicode_cmap(const std::vector<std::pair<std::uint32_t, std::string>>& by_cid) {
  std::vector<std::pair<std::size_t, std::string>> entries;  // CID, UTF-16BE hex
  for (std::size_t cid = 0; cid < by_cid.size(); ++cid) {
    if (by_cid[cid].second.empty()) continue;
    std::string utf16;
    for (char32_t c : decode_utf8(by_cid[cid].second)) append_utf16be(utf16, c);
    entries.emplace_back(cid, hex(utf16));
  }
  std::string cmap =
      "/CIDInit /ProcSet findresource begin\n"
      "12 dict begin\n"
      "begincmap\n"
      "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
      "/CMapName /Adobe-Identity-UCS def\n"
      "/CMapType 2 def\n"
      "1 begincodespacerange\n"
      "<0000> <FFFF>\n"
      "endcodespacerange\n";
  // At most 100 entries per block (the CMap specification's limit).
  for (std::size_t first = 0; first < entries.size(); first += 100) {
    const std::size_t last = std::min(entries.size(), first + 100);
    cmap += std::to_string(last - first) + " beginbfchar\n";
    for (std::size_t i = first; i < last; ++i) {
      char code[8];
      std::snprintf(code, sizeof code, "%04X", static_cast<unsigned>(entries[i].first));
      cmap += '<';
      cmap += code;
      cmap += "> <" + entries[i].second + ">\n";
    }
    cmap += "endbfchar\n";
  }
  cmap +=
      "endcmap\n"
      "CMapName currentdict /CMap defineresource pop\n"
      "end\n"
      "end\n";
  return cmap;
}

std::string subset_tag(std::string_view postscript_name, const std::vector<std::uint32_t>& glyphs) {
  // FNV-1a over the name and the sorted glyph ids: stable across runs and machines.
  std::uint64_t hash = 0xcbf29ce484222325ull;
  auto mix = [&](unsigned char byte) {
    hash ^= byte;
    hash *= 0x100000001b3ull;
  };
  for (char c : postscript_name) mix(static_cast<unsigned char>(c));
  std::vector<std::uint32_t> sorted = glyphs;
  std::sort(sorted.begin(), sorted.end());
  for (std::uint32_t glyph : sorted) {
    for (int shift = 0; shift < 32; shift += 8) mix(static_cast<unsigned char>(glyph >> shift));
  }
  std::string tag;
  for (int i = 0; i < 6; ++i) {
    tag += static_cast<char>('A' + hash % 26);
    hash /= 26;
  }
  return tag;
}

}  // namespace nashr
