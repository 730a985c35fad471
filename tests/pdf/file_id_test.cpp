// The trailer /ID: XXH3-128 as xxHash defines it (what `xxhsum -H2` prints), the dates left out,
// and the placeholders found and filled.
#include "pdf/file_id.h"

#include <gtest/gtest.h>

#include <string>

namespace nashr {
namespace {

std::string hex(const FileDigest& digest) {
  static const char digits[] = "0123456789abcdef";
  std::string out;
  for (std::uint8_t byte : digest) {
    out += digits[byte >> 4];
    out += digits[byte & 15];
  }
  return out;
}

std::string digest_hex(const std::string& text) {
  return hex(blanked_digest(text, {}));
}

TEST(FileId, DigestIsXxh3s128Bits) {
  // xxHash's own values (`printf '' | xxhsum -H2`, and of "abc"), big-endian as xxhsum prints them.
  EXPECT_EQ(digest_hex(""), "99aa06d3014798d86001c324468d497f");
  EXPECT_EQ(digest_hex("abc"), "06b05ab6733a618578af5f94892f3950");
  // Inputs past XXH3's internal block and stripe sizes hash the same in one piece as in pieces.
  std::string long_text;
  for (int i = 0; i < 5000; ++i) long_text += static_cast<char>('a' + i % 26);
  EXPECT_NE(digest_hex(long_text), digest_hex(long_text.substr(1)));
  const std::string date = "D:2";
  const std::string with_dates = long_text.substr(0, 1500) + date + long_text.substr(1500, 2100) + date;
  const std::string blanked = long_text.substr(0, 1500) + "000" + long_text.substr(1500, 2100) + "000";
  EXPECT_EQ(hex(blanked_digest(with_dates, date)), digest_hex(blanked));
}

TEST(FileId, DatesAreReadAsZerosWhereverTheyAre) {
  EXPECT_EQ(hex(blanked_digest("ab(D:1)cd(D:1)e", "D:1")), digest_hex("ab(000)cd(000)e"));
  EXPECT_EQ(hex(blanked_digest("D:1D:1", "D:1")), digest_hex("000000"));
  EXPECT_EQ(hex(blanked_digest("D:", "D:1")), digest_hex("D:"));  // a cut-off date is no date
}

// The bytes of a small saved file with two dates and the placeholder /ID.
std::string saved_file(const std::string& date) {
  return "%PDF-1.7 (" + date + ") trailer /ID [ <" + std::string(32, '0') + "> <" + std::string(32, '0') +
         "> ] (" + date + ")";
}

TEST(FileId, TheIdIsTheDigestOfTheFileWithoutItsDates) {
  const std::string date = "D:20250115000000+00'00'";
  Result<SavedPdf> pdf = find_id_placeholders(saved_file(date), date);
  ASSERT_TRUE(pdf.ok());
  // The file with its dates as zeros (`xxhsum -H2` of that text).
  EXPECT_EQ(hex(content_digest(*pdf)), "15e4c82880ec4329c70d575f79043c98");
  const std::string other_date = "D:20300101120000+00'00'";
  Result<SavedPdf> other = find_id_placeholders(saved_file(other_date), other_date);
  ASSERT_TRUE(other.ok());
  EXPECT_EQ(content_digest(*other), content_digest(*pdf));
  Result<SavedPdf> undated = find_id_placeholders(saved_file(date), "");
  ASSERT_TRUE(undated.ok());
  EXPECT_EQ(hex(content_digest(*undated)), "b8abe2a5be6497252ba8b381b10f9bbd");  // the dates hashed
}

TEST(FileId, ThePlaceholdersAreFoundAndFilled) {
  Result<SavedPdf> pdf = find_id_placeholders(saved_file("D:1"), "D:1");
  ASSERT_TRUE(pdf.ok());
  FileDigest digest{};
  for (std::size_t i = 0; i < digest.size(); ++i) digest[i] = static_cast<std::uint8_t>(0x10 * i + 0x0F - i);
  set_id(*pdf, digest);
  const std::string id = "0F1E2D3C4B5A69788796A5B4C3D2E1F0";
  EXPECT_EQ(pdf->bytes, "%PDF-1.7 (D:1) trailer /ID [ <" + id + "> <" + id + "> ] (D:1)");

  EXPECT_FALSE(find_id_placeholders("%PDF-1.7 trailer /ID [ <00> <00> ]", "").ok());
  EXPECT_FALSE(find_id_placeholders("%PDF-1.7 trailer", "").ok());
}

}  // namespace
}  // namespace nashr
