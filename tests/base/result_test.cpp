#include "base/result.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

namespace nashr {
namespace {

Result<int> parse_volume(const std::string& text) {
  if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos) {
    return fail(make_error({"r.xml", 2, 3}, "volume must be a number", "write e.g. 29"));
  }
  return std::stoi(text);
}

TEST(Result, HoldsValue) {
  Result<int> r = parse_volume("29");
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(static_cast<bool>(r));
  EXPECT_EQ(r.value(), 29);
  EXPECT_EQ(*r, 29);
  EXPECT_EQ(r.value_or(0), 29);
}

TEST(Result, HoldsDiagnosticOnFailure) {
  Result<int> r = parse_volume("xxix");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message, "volume must be a number");
  EXPECT_EQ(r.error().location.line, 2);
  EXPECT_EQ(r.value_or(-1), -1);
}

TEST(Result, MapPassesFailuresThrough) {
  auto doubled = parse_volume("21").map([](int v) { return v * 2; });
  ASSERT_TRUE(doubled.ok());
  EXPECT_EQ(doubled.value(), 42);
  auto failed = parse_volume("").map([](int v) { return std::to_string(v); });
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.error().hint, "write e.g. 29");
}

TEST(Result, MoveOnlyValues) {
  Result<std::unique_ptr<int>> r = std::make_unique<int>(7);
  ASSERT_TRUE(r.ok());
  std::unique_ptr<int> taken = std::move(r).value();
  EXPECT_EQ(*taken, 7);
}

TEST(Result, CustomErrorType) {
  Result<int, std::string> r = fail(std::string("usage"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error(), "usage");
}

TEST(Result, VoidResult) {
  Result<void> good = Ok{};
  EXPECT_TRUE(good.ok());
  Result<void> bad = fail(make_error({}, "disk full"));
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().message, "disk full");
}

}  // namespace
}  // namespace nashr
