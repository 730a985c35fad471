#include "pdf/text_encoding.h"

#include <gtest/gtest.h>

namespace nashr {
namespace {

TEST(TextEncoding, Utf8RoundTripsAndReplacesMalformedBytes) {
  const std::string persian = "می‌شود ۱۴۰۳ 𝔸";
  EXPECT_EQ(encode_utf8(decode_utf8(persian)), persian);
  EXPECT_EQ(decode_utf8("a\xFF"
                        "b"),
            U"a\uFFFDb");
  EXPECT_EQ(decode_utf8("\xC0\xAF"), U"\uFFFD\uFFFD");            // overlong '/'
  EXPECT_EQ(decode_utf8("\xED\xA0\x80"), U"\uFFFD\uFFFD\uFFFD");  // a surrogate
  EXPECT_EQ(decode_utf8("\xE2\x82"), U"\uFFFD\uFFFD");            // truncated
}

TEST(TextEncoding, Utf16BigEndianWithByteOrderMark) {
  EXPECT_EQ(utf16be_with_bom("A"), std::string("\xFE\xFF\x00\x41", 4));
  EXPECT_EQ(utf16be_with_bom("ی"), std::string("\xFE\xFF\x06\xCC", 4));
  EXPECT_EQ(utf16be_with_bom("𝔸"), std::string("\xFE\xFF\xD8\x35\xDD\x38", 6));  // a surrogate pair
}

TEST(TextEncoding, MultiCharacterEntriesOfRightToLeftGlyphsAreReversed) {
  EXPECT_EQ(text_layer_text("لا", true), "ال");  // lam-alef
  EXPECT_EQ(text_layer_text("لا", false), "لا");
  EXPECT_EQ(text_layer_text("ی", true), "ی");
  EXPECT_EQ(text_layer_text("", true), "");
  EXPECT_EQ(text_layer_text("ffi", false), "ffi");
}

TEST(TextEncoding, ToUnicodeCMapMapsEveryCidWithText) {
  std::vector<std::pair<std::uint32_t, std::string>> cids = {
      {0, ""}, {12, "ل"}, {40, "ال"}, {7, ""}, {3, "𝔸"}};
  const std::string cmap = to_unicode_cmap(cids);
  EXPECT_NE(cmap.find("3 beginbfchar\n<0001> <0644>\n<0002> <06270644>\n<0004> <D835DD38>\nendbfchar\n"),
            std::string::npos)
      << cmap;
  const std::string entries = cmap.substr(cmap.find("beginbfchar"));
  EXPECT_EQ(entries.find("<0000> <"), std::string::npos);  // .notdef and text-less glyphs: no entry
  EXPECT_EQ(entries.find("<0003> <"), std::string::npos);
  EXPECT_NE(cmap.find("/CMapName /Adobe-Identity-UCS def"), std::string::npos);
  EXPECT_NE(cmap.find("<0000> <FFFF>\nendcodespacerange"), std::string::npos);
}

TEST(TextEncoding, ToUnicodeCMapBlocksHoldAtMostOneHundredEntries) {
  std::vector<std::pair<std::uint32_t, std::string>> cids(251, {5, "a"});
  const std::string cmap = to_unicode_cmap(cids);
  EXPECT_NE(cmap.find("100 beginbfchar"), std::string::npos);
  EXPECT_NE(cmap.find("51 beginbfchar"), std::string::npos);
  EXPECT_NE(cmap.find("<00FA> <0061>"), std::string::npos);
}

TEST(TextEncoding, SubsetTagIsSixCapitalsAndFollowsTheGlyphSet) {
  const std::string tag = subset_tag("Vazirmatn-Regular", {3, 1, 2});
  ASSERT_EQ(tag.size(), 6u);
  for (char c : tag) EXPECT_TRUE(c >= 'A' && c <= 'Z') << tag;
  EXPECT_EQ(tag, subset_tag("Vazirmatn-Regular", {1, 2, 3}));  // order does not matter
  EXPECT_NE(tag, subset_tag("Vazirmatn-Regular", {1, 2, 4}));
  EXPECT_NE(tag, subset_tag("NotoSerif-Regular", {1, 2, 3}));
}

}  // namespace
}  // namespace nashr
