#pragma once
#include <string>
#include <string_view>

namespace nashr {

// A JSON string literal for UTF-8 text: quotes, backslashes and control characters escaped.
std::string json_quote(std::string_view text);

}  // namespace nashr
