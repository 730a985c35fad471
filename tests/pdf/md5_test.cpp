// The trailer /ID's digest: MD5 as RFC 1321 defines it, and the same digests as libharu's MD5,
// which wrote the /ID before (so IDs did not change with the faster implementation).
#include "pdf/md5.h"

#include <gtest/gtest.h>
#include <hpdf.h>
#include <hpdf_encrypt.h>

#include <cstdint>
#include <string>

namespace nashr {
namespace {

std::string hex(const std::array<std::uint8_t, 16>& digest) {
  static const char digits[] = "0123456789abcdef";
  std::string out;
  for (std::uint8_t byte : digest) {
    out += digits[byte >> 4];
    out += digits[byte & 15];
  }
  return out;
}

std::string md5_hex(const std::string& text) {
  Md5 md5;
  md5.update(text.data(), text.size());
  return hex(md5.finish());
}

TEST(Md5, RfcTestSuite) {
  // RFC 1321, appendix A.5.
  EXPECT_EQ(md5_hex(""), "d41d8cd98f00b204e9800998ecf8427e");
  EXPECT_EQ(md5_hex("a"), "0cc175b9c0f1b6a831c399e269772661");
  EXPECT_EQ(md5_hex("abc"), "900150983cd24fb0d6963f7d28e17f72");
  EXPECT_EQ(md5_hex("message digest"), "f96b697d7cb7938d525a2f31aaf161d0");
  EXPECT_EQ(md5_hex("abcdefghijklmnopqrstuvwxyz"), "c3fcd3d76192e4007dfb496cca67e13b");
  EXPECT_EQ(md5_hex("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"),
            "d174ab98d277d9f5a5611c2c9f419d9f");
  std::string eighty_digits;
  for (int i = 0; i < 8; ++i) eighty_digits += "1234567890";
  EXPECT_EQ(md5_hex(eighty_digits), "57edf4a22be3c955ac49da2e2107b67a");
}

// Every length around the 64-byte blocks and the 56-byte padding boundary, fed in uneven pieces,
// against libharu's implementation.
TEST(Md5, SameDigestsAsLibharuForAnyLengthAndPieces) {
  std::string data;
  std::uint32_t seed = 12345;
  for (int i = 0; i < 3000; ++i) {
    seed = seed * 1103515245 + 12345;
    data += static_cast<char>(seed >> 16);
  }
  for (std::size_t length = 0; length < data.size(); length += (length < 200 ? 1 : 97)) {
    HPDF_MD5_CTX context;
    HPDF_MD5Init(&context);
    HPDF_MD5Update(&context, reinterpret_cast<const HPDF_BYTE*>(data.data()),
                   static_cast<HPDF_UINT32>(length));
    std::array<std::uint8_t, 16> expected{};
    HPDF_MD5Final(expected.data(), &context);

    Md5 md5;
    std::size_t done = 0;
    for (std::size_t piece = 1; done < length; piece = piece * 3 % 131 + 1) {
      const std::size_t size = std::min(piece, length - done);
      md5.update(data.data() + done, size);
      done += size;
    }
    ASSERT_EQ(hex(md5.finish()), hex(expected)) << "length " << length;
  }
}

}  // namespace
}  // namespace nashr
