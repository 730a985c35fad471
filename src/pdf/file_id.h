#pragma once
// The trailer /ID: an MD5 digest of the file with its dates blanked, so that the same content
// always gets the same ID and a different SOURCE_DATE_EPOCH changes nothing but the dates. The
// file is saved with a placeholder of the same length, replaced once the digest is known. The ID
// is the MD5 of the MD5s of the file's two halves (it was digested on two threads once, and the
// files must keep their bytes).
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "base/result.h"

namespace nashr {

// The length of each of the two strings of the /ID array, in bytes.
inline constexpr std::size_t kIdLength = 16;

using Md5Digest = std::array<std::uint8_t, 16>;

// The saved file before its /ID is set: the offsets of the two placeholders' hex digits, and the
// date string written in it (empty when there is none).
struct SavedPdf {
  std::string bytes;
  std::size_t first_id = 0;
  std::size_t second_id = 0;
  std::string date;
};

// The file `bytes` as saved with the placeholder /ID (kIdLength zero bytes, written in hex, twice)
// and the date string `date` in it; fails when the placeholders are missing (a bug in the writer).
Result<SavedPdf> find_id_placeholders(std::string bytes, std::string date);

// The MD5 (nettle's) of bytes[begin, end) with every occurrence of `date` in `bytes` read as
// zeros, hashed in place.
Md5Digest blanked_md5(std::string_view bytes, std::size_t begin, std::size_t end, std::string_view date);

// The MD5 of the two digests one after the other.
Md5Digest digest_of_digests(const Md5Digest& first, const Md5Digest& second);

// Where the two halves of the file meet.
inline std::size_t id_half(const SavedPdf& pdf) {
  return pdf.bytes.size() / 2;
}

// The /ID of the file: the MD5 of its two halves' blanked MD5s, the halves digested on up to
// `threads` threads of the pool (0: one per core; the digest is the file's last sequential step: 25 ms for 13 MB).
Md5Digest content_digest(const SavedPdf& pdf, unsigned threads);

// Writes the digest over both placeholders.
void set_id(SavedPdf& pdf, const Md5Digest& digest);

}  // namespace nashr
