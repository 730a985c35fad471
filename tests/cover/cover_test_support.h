#pragma once
// What the cover's tests share: the sample report and style edited for one test.
#include <gtest/gtest.h>

#include <string>

namespace nashr::testing {

// `text` with the first `from` replaced by `to`; a test failure when there is none.
inline std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const std::size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

}  // namespace nashr::testing
