#pragma once
// The trailer /ID: a 128-bit digest (xxHash's XXH3) of the file with its dates blanked, so that the
// same content always gets the same ID and a different SOURCE_DATE_EPOCH changes nothing but the
// dates. The file is saved with a placeholder of the same length, replaced once the digest is known.
// The ID only has to be unique to the content (PDF 32000-1, 14.4), not secret: XXH3 takes 1.4 ms
// for a 12 MB file where MD5 took 21 ms on the writer's last, sequential step (bench/README.md).
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "base/result.h"

namespace nashr {

// The length of each of the two strings of the /ID array, in bytes.
inline constexpr std::size_t kIdLength = 16;

using FileDigest = std::array<std::uint8_t, kIdLength>;

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

// XXH3's 128-bit digest of `bytes`, every occurrence of `date` in it read as zeros, hashed in place;
// big-endian (xxHash's canonical form: what `xxhsum -H2` prints).
FileDigest blanked_digest(std::string_view bytes, std::string_view date);

// The /ID of the file: the blanked digest of all its bytes (the placeholders included).
inline FileDigest content_digest(const SavedPdf& pdf) {
  return blanked_digest(pdf.bytes, pdf.date);
}

// Writes the digest over both placeholders.
void set_id(SavedPdf& pdf, const FileDigest& digest);

}  // namespace nashr
