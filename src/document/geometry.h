#pragma once
// Points and rectangles on a page, in PDF points (1/72 in), origin at the top-left corner, y down.

namespace nashr {

struct Point {
  double x = 0;
  double y = 0;
};

struct Rect {
  double x = 0;  // left
  double y = 0;  // top
  double width = 0;
  double height = 0;
};

}  // namespace nashr
