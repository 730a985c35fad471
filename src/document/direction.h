#pragma once
// The direction of a text, a block or an issue: the one type of every stage.

namespace nashr {

// `auto_detect` takes the direction from the first strong character (UBA rules P2/P3), LTR if none.
enum class Direction { ltr, rtl, auto_detect };

const char* to_string(Direction direction);  // "ltr", "rtl", "auto"

}  // namespace nashr
