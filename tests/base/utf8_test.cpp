#include "base/utf8.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace nashr {
namespace {

std::u32string decode_all(std::string_view text, int* invalid = nullptr) {
  std::u32string out;
  for (std::size_t i = 0; i < text.size();) {
    bool valid = true;
    out += next_code_point(text, i, &valid);
    if (!valid && invalid != nullptr) ++*invalid;
  }
  return out;
}

TEST(Utf8, DecodesEveryLength) {
  EXPECT_EQ(decode_all("a\xD9\x86\xE2\x80\x8C\xF0\x9F\x98\x80"), std::u32string(U"a\u0646\u200C\U0001F600"));
}

TEST(Utf8, MalformedSequencesGiveOneReplacementPerByteTaken) {
  struct Case {
    std::string bytes;
    std::u32string decoded;
  };
  const std::vector<Case> cases = {
      {"\x80", U"\uFFFD"},                                 // a stray continuation byte
      {"\xC3(", U"\uFFFD("},                               // a missing continuation byte
      {"\xC0\xAF", U"\uFFFD\uFFFD"},                       // overlong
      {"\xED\xA0\x80", U"\uFFFD\uFFFD\uFFFD"},             // a surrogate
      {"\xF4\x90\x80\x80", U"\uFFFD\uFFFD\uFFFD\uFFFD"},   // past U+10FFFF
      {"\xE2\x80", U"\uFFFD\uFFFD"},                       // truncated at the end
      {"\xFF", U"\uFFFD"},
  };
  for (const Case& c : cases) {
    int invalid = 0;
    EXPECT_EQ(decode_all(c.bytes, &invalid), c.decoded);
    EXPECT_GT(invalid, 0);
  }
}

TEST(Utf8, RoundTripsThroughAppend) {
  std::string text;
  for (char32_t c : {U'A', U'\u06CC', U'\u200C', U'\U00010348'}) append_utf8(text, c);
  EXPECT_EQ(decode_all(text), std::u32string(U"A\u06CC\u200C\U00010348"));
}

}  // namespace
}  // namespace nashr
