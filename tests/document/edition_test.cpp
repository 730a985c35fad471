// The editions' names as `--edition` and the style's <cover editions> take them.
#include "document/edition.h"

#include <gtest/gtest.h>

namespace nashr {
namespace {

TEST(Editions, ParsesListsWithCommasOrSpaces) {
  const auto all = parse_editions("screen,print,archive");
  ASSERT_TRUE(all);
  EXPECT_EQ(*all, (std::vector<Edition>{Edition::screen, Edition::print, Edition::archive}));
  const auto two = parse_editions("archive print");
  ASSERT_TRUE(two);
  EXPECT_EQ(*two, (std::vector<Edition>{Edition::archive, Edition::print}));
  EXPECT_STREQ(to_string(Edition::archive), "archive");
}

TEST(Editions, RefusesUnknownRepeatedAndEmpty) {
  EXPECT_FALSE(parse_editions(""));
  EXPECT_FALSE(parse_editions("screen,"));
  EXPECT_FALSE(parse_editions("print,print"));
  EXPECT_FALSE(parse_editions("pdfa"));
  EXPECT_FALSE(parse_editions("screen,,print"));
}

}  // namespace
}  // namespace nashr
