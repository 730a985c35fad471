#pragma once
// How the lines of a paragraph sit in their measure: the one type of the style sheet and the lines.

namespace nashr {

enum class Alignment {
  justify,  // stretch and shrink glue to the line width; the last line (with ragged_last_line) starts flush
  start,    // ragged end: flush with the line's start side (left in LTR, right in RTL paragraphs)
  end,      // ragged start: flush with the end side
  center,
};

const char* to_string(Alignment alignment);  // "justify", "start", "end", "center"

}  // namespace nashr
