#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <string_view>
#include <vector>

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

}  // namespace
}  // namespace nashr
