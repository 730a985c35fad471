// The trailer /ID: MD5 as RFC 1321 defines it (nettle's), the dates left out, the two halves'
// digests combined, and the placeholders found and filled.
#include "pdf/file_id.h"

#include <gtest/gtest.h>

#include <string>

namespace nashr {
namespace {

std::string hex(const Md5Digest& digest) {
  static const char digits[] = "0123456789abcdef";
  std::string out;
  for (std::uint8_t byte : digest) {
    out += digits[byte >> 4];
    out += digits[byte & 15];
  }
  return out;
}

std::string md5_hex(const std::string& text) {
  return hex(blanked_md5(text, 0, text.size(), {}));
}

TEST(FileId, Md5IsRfc1321s) {
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

TEST(FileId, DatesAreReadAsZerosWhereverTheRangeCutsThem) {
  const std::string file = "ab(D:1)cd(D:1)e";
  const std::string blanked = "ab(000)cd(000)e";
  for (std::size_t begin = 0; begin <= file.size(); ++begin) {
    for (std::size_t end = begin; end <= file.size(); ++end) {
      EXPECT_EQ(hex(blanked_md5(file, begin, end, "D:1")), md5_hex(blanked.substr(begin, end - begin)))
          << begin << ".." << end;
    }
  }
}

// The bytes of a small saved file with two dates and the placeholder /ID.
std::string saved_file(const std::string& date) {
  return "%PDF-1.7 (" + date + ") trailer /ID [ <" + std::string(32, '0') + "> <" + std::string(32, '0') +
         "> ] (" + date + ")";
}

TEST(FileId, TheIdIsTheDigestOfTheHalvesDigestsWithoutTheDates) {
  const std::string date = "D:20250115000000+00'00'";
  Result<SavedPdf> pdf = find_id_placeholders(saved_file(date), date);
  ASSERT_TRUE(pdf.ok());
  // MD5(MD5(first half) MD5(second half)), the dates as zeros (computed with Python's hashlib).
  EXPECT_EQ(hex(content_digest(*pdf, 1)), "80d57189d0669968bc0cd55cf8246fbf");
  EXPECT_EQ(content_digest(*pdf, 2), content_digest(*pdf, 1));  // the halves on two threads
  const std::string other_date = "D:20300101120000+00'00'";
  Result<SavedPdf> other = find_id_placeholders(saved_file(other_date), other_date);
  ASSERT_TRUE(other.ok());
  EXPECT_EQ(content_digest(*other, 1), content_digest(*pdf, 1));
  Result<SavedPdf> undated = find_id_placeholders(saved_file(date), "");
  ASSERT_TRUE(undated.ok());
  EXPECT_NE(content_digest(*undated, 1), content_digest(*pdf, 1));
}

TEST(FileId, ThePlaceholdersAreFoundAndFilled) {
  Result<SavedPdf> pdf = find_id_placeholders(saved_file("D:1"), "D:1");
  ASSERT_TRUE(pdf.ok());
  Md5Digest digest{};
  for (std::size_t i = 0; i < digest.size(); ++i) digest[i] = static_cast<std::uint8_t>(0x10 * i + 0x0F - i);
  set_id(*pdf, digest);
  const std::string id = "0F1E2D3C4B5A69788796A5B4C3D2E1F0";
  EXPECT_EQ(pdf->bytes, "%PDF-1.7 (D:1) trailer /ID [ <" + id + "> <" + id + "> ] (D:1)");

  EXPECT_FALSE(find_id_placeholders("%PDF-1.7 trailer /ID [ <00> <00> ]", "").ok());
  EXPECT_FALSE(find_id_placeholders("%PDF-1.7 trailer", "").ok());
}

}  // namespace
}  // namespace nashr
