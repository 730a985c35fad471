#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "base/utf8.h"
#include "document/page.h"

namespace nashr {
namespace {

TEST(GlyphText, EmptyByDefault) {
  const GlyphText text;
  EXPECT_TRUE(text.empty());
  EXPECT_EQ(text.view(), "");
  EXPECT_EQ(text, GlyphText(""));
}

TEST(GlyphText, KeepsShortAndLongTextsWhole) {
  // 1 to 3 bytes inline, longer ones interned: every length reads back as written.
  const std::string persian = "\u0647\u0654\u064B\u0651\u0670x";  // 11 bytes: a base with marks
  for (std::size_t length = 0; length <= persian.size(); ++length) {
    const std::string_view part = std::string_view(persian).substr(0, length);
    const GlyphText text(part);
    EXPECT_EQ(text.view(), part) << length;
    EXPECT_EQ(text.size(), length);
    EXPECT_EQ(text.empty(), length == 0);
  }
}

TEST(GlyphText, IsSmall) {
  EXPECT_EQ(sizeof(GlyphText), 4u);
  EXPECT_EQ(sizeof(PlacedGlyph), 16u);  // an issue holds every glyph before pagination
}

TEST(GlyphText, ManyInternedTextsStayApart) {
  // More than 256 and 65536 interned texts: every byte of the index is used.
  std::vector<GlyphText> texts;
  for (int i = 0; i < 70000; ++i) texts.emplace_back("text " + std::to_string(i));
  for (int i = 0; i < 70000; i += 997)
    EXPECT_EQ(texts[static_cast<std::size_t>(i)], "text " + std::to_string(i));
}

TEST(GlyphText, ComparesAndCopiesByValue) {
  const std::string long_text = "a cluster of many bytes";
  GlyphText a(long_text);
  GlyphText b = a;
  EXPECT_EQ(a, b);
  EXPECT_EQ(GlyphText(std::string(long_text)), a);  // interned once, found again
  b = "ش";
  EXPECT_EQ(b, "ش");
  EXPECT_NE(a, b);
  EXPECT_NE(GlyphText("abc"), GlyphText("abd"));
  EXPECT_EQ(a.str(), long_text);
  std::ostringstream out;
  out << b << a;
  EXPECT_EQ(out.str(), "ش" + long_text);
  std::string appended = "x";
  appended += b;
  EXPECT_EQ(appended, "xش");
}

TEST(GlyphText, OfOneCodePointIsItsUtf8) {
  // GlyphText::of encodes straight into the inline bytes: the same text, size and key as the
  // string constructor gives, at each UTF-8 length's edges, and interned past three bytes.
  for (const char32_t c : {U'\0', U'a', U'\x7F', U'\x80', U'\u07FF', U'\u0800', U'\u0634', U'\u200C',
                           U'\uFFFD', U'\uFFFF', U'\U00010000', U'\U0001F600', U'\U0010FFFF'}) {
    std::string utf8;
    append_utf8(utf8, c);
    const GlyphText of = GlyphText::of(c);
    EXPECT_EQ(of.view(), utf8) << static_cast<unsigned>(c);
    EXPECT_EQ(of, GlyphText(utf8));
    EXPECT_EQ(of.key(), GlyphText(utf8).key());
    if (c < 0x10000) {
      EXPECT_TRUE(of.single_code_point());
    }
  }
}

}  // namespace
}  // namespace nashr
