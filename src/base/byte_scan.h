#pragma once
// Finding the first byte of interest in text eight bytes at a time (the reader's white space, the
// Persian lint's candidates): a word of eight bytes with none of them is skipped at once.
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace nashr {

inline constexpr std::uint64_t kEachByte = 0x0101010101010101ull;
inline constexpr std::uint64_t kHighBits = 0x8080808080808080ull;

// The high bit of the bytes of `word` below `limit` (at most 0x80). A borrow may flag a byte after
// a flagged one, never one before it: the lowest flagged byte is always a true one.
constexpr std::uint64_t bytes_below(std::uint64_t word, std::uint8_t limit) {
  return (word - kEachByte * limit) & ~word & kHighBits;
}

// The high bit of the bytes of `word` equal to `value` (the lowest flagged one is a true one).
constexpr std::uint64_t bytes_equal(std::uint64_t word, std::uint8_t value) {
  const std::uint64_t zero_where_equal = word ^ (kEachByte * value);
  return bytes_below(zero_where_equal, 1);
}

// The offset of the first byte of text[from, size) that `wanted` accepts, or text.size().
// `flag(word)` flags (as above) at least the wanted bytes of an 8-byte word, read in memory order;
// a flagged byte that `wanted` rejects is passed over.
template <typename Flag, typename Wanted>
std::size_t find_byte(std::string_view text, std::size_t from, Flag flag, Wanted wanted) {
  std::size_t i = from;
  while (i + 8 <= text.size()) {
    std::uint64_t word;
    std::memcpy(&word, text.data() + i, 8);
    const std::uint64_t flagged = flag(word);
    if (flagged == 0) {
      i += 8;
      continue;
    }
    const int bit =
        std::endian::native == std::endian::little ? std::countr_zero(flagged) : std::countl_zero(flagged);
    i += static_cast<std::size_t>(bit) / 8;
    if (wanted(static_cast<unsigned char>(text[i]))) return i;
    ++i;
  }
  for (; i < text.size(); ++i) {
    if (wanted(static_cast<unsigned char>(text[i]))) return i;
  }
  return text.size();
}

}  // namespace nashr
