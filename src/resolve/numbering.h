#pragma once
// Numbers of captioned things per issue, in source order («جدول ۳», "Table 3"): one counter per
// kind, in one place, so that every numbered kind counts the same way.
#include <array>
#include <cstddef>
#include <string>

namespace nashr::resolving {

enum class NumberedKind { table };
inline constexpr std::size_t kNumberedKinds = 1;

class CaptionNumbers {
 public:
  // The next number of `kind`: 1 for the first.
  int next(NumberedKind kind) { return ++counts_[static_cast<std::size_t>(kind)]; }

 private:
  std::array<int, kNumberedKinds> counts_{};
};

// "Table 3", «جدول ۳»: the style's word, a space and the number in the language's digits.
std::string caption_label(const std::string& word, int number, bool persian);

}  // namespace nashr::resolving
