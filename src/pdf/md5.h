#pragma once
// MD5 (RFC 1321) for the trailer /ID, which is a digest of the whole file: libharu's own MD5
// copies its input a byte at a time and cost more than the rest of saving.
#include <array>
#include <cstddef>
#include <cstdint>

namespace nashr {

class Md5 {
 public:
  void update(const void* data, std::size_t size);
  // The digest of everything given to update(); the object is spent afterwards.
  std::array<std::uint8_t, 16> finish();

 private:
  void block(const std::uint8_t* data);

  std::uint32_t state_[4] = {0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476};
  std::uint64_t length_ = 0;  // bytes
  std::uint8_t buffer_[64] = {};
  std::size_t buffered_ = 0;
};

}  // namespace nashr
