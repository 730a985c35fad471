// The print edition's geometry and marks. The marks are written as content-stream operators here
// (they exist only in this edition), in the registration colour 1 1 1 1 K so they appear on every
// plate; the page's own content is moved onto the trim by one `cm`.
#include "pdf/edition_print.h"

#include <cstdio>

#include "document/cover_fit.h"

namespace nashr {

namespace {

constexpr double kEdgeTolerance = 0.01;  // points: a box this close to the edge touches it
constexpr double kMarkWidth = 0.25;      // points, the usual hairline of crop marks
constexpr double kTargetRadius = 2.5 * 72 / 25.4;
// A quarter circle as one Bézier curve: control points at this share of the radius.
constexpr double kBezierCircle = 0.5522847498;

void append(std::string& out, const char* format, double a, double b) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, format, a, b);
  out += buffer;
}

void line(std::string& out, double x1, double y1, double x2, double y2) {
  append(out, "%.3f %.3f m ", x1, y1);
  append(out, "%.3f %.3f l S\n", x2, y2);
}

// A registration target: a circle with a cross through its centre.
void target(std::string& out, double x, double y) {
  const double r = kTargetRadius;
  const double k = r * kBezierCircle;
  append(out, "%.3f %.3f m ", x + r, y);
  append(out, "%.3f %.3f ", x + r, y + k);
  append(out, "%.3f %.3f ", x + k, y + r);
  append(out, "%.3f %.3f c ", x, y + r);
  append(out, "%.3f %.3f ", x - k, y + r);
  append(out, "%.3f %.3f ", x - r, y + k);
  append(out, "%.3f %.3f c ", x - r, y);
  append(out, "%.3f %.3f ", x - r, y - k);
  append(out, "%.3f %.3f ", x - k, y - r);
  append(out, "%.3f %.3f c ", x, y - r);
  append(out, "%.3f %.3f ", x + k, y - r);
  append(out, "%.3f %.3f ", x + r, y - k);
  append(out, "%.3f %.3f c S\n", x + r, y);
  line(out, x - r * 1.4, y, x + r * 1.4, y);
  line(out, x, y - r * 1.4, x, y + r * 1.4);
}

}  // namespace

PrintBoxes print_boxes(const Page& page) {
  PrintBoxes boxes;
  boxes.media_width = page.width + 2 * kPrintSlug;
  boxes.media_height = page.height + 2 * kPrintSlug;
  const double trim[4] = {kPrintSlug, kPrintSlug, kPrintSlug + page.width, kPrintSlug + page.height};
  for (int i = 0; i < 4; ++i) {
    boxes.trim[i] = trim[i];
    boxes.bleed[i] = trim[i] + (i < 2 ? -kBleedPoints : kBleedPoints);
  }
  return boxes;
}

namespace {

// The area of an item that bleeds when it touches the trim: a filled box, or clipped art.
template <typename Item>  // PageItem or const PageItem
auto* bleeding_area(Item& item) {
  decltype(&std::get_if<Box>(&item)->rect) none = nullptr;
  if (auto* box = std::get_if<Box>(&item)) return box->filled ? &box->rect : none;
  if (auto* image = std::get_if<Image>(&item)) return image->clip ? &*image->clip : none;
  return none;
}

bool touches_edge(const Rect& r, const Page& page) {
  return r.x <= kEdgeTolerance || r.y <= kEdgeTolerance || r.x + r.width >= page.width - kEdgeTolerance ||
         r.y + r.height >= page.height - kEdgeTolerance;
}

}  // namespace

bool needs_bleed(const Page& page) {
  for (const PageItem& item : page.items) {
    const Rect* area = bleeding_area(item);
    if (area != nullptr && touches_edge(*area, page)) return true;
  }
  return false;
}

Page bled_page(const Page& page) {
  Page bled = page;
  for (PageItem& item : bled.items) {
    Rect* area = bleeding_area(item);
    if (area == nullptr || !touches_edge(*area, page)) continue;
    Rect& r = *area;
    const bool left = r.x <= kEdgeTolerance;
    const bool top = r.y <= kEdgeTolerance;
    const bool right = r.x + r.width >= page.width - kEdgeTolerance;
    const bool bottom = r.y + r.height >= page.height - kEdgeTolerance;
    if (left) r.x -= kBleedPoints, r.width += kBleedPoints;
    if (right) r.width += kBleedPoints;
    if (top) r.y -= kBleedPoints, r.height += kBleedPoints;
    if (bottom) r.height += kBleedPoints;
    // Art covers its widened frame, scaled a little, rather than leaving the bleed empty.
    if (auto* image = std::get_if<Image>(&item)) image->rect = cover_fit(r, image->rect.width / image->rect.height);
  }
  return bled;
}

std::string print_content_prefix() {
  std::string out = "q 1 0 0 1 ";
  append(out, "%.3f %.3f cm\n", kPrintSlug, kPrintSlug);
  return out;
}

std::string print_marks(const Page& page) {
  const PrintBoxes boxes = print_boxes(page);
  const double left = boxes.trim[0], bottom = boxes.trim[1], right = boxes.trim[2], top = boxes.trim[3];
  const double near = kCropMarkGap, far = kCropMarkGap + kCropMarkLength;
  // The page's own content ends its q … Q first.
  std::string out = "Q\nq 1 1 1 1 K ";
  append(out, "%.3f w %.0f J\n", kMarkWidth, 0);
  // Crop marks: two at each corner, on the trim's lines extended, outside the bleed.
  for (double x : {left, right}) {
    const double outward = x == left ? -1 : 1;
    for (double y : {bottom, top}) {
      const double upward = y == bottom ? -1 : 1;
      line(out, x + outward * near, y, x + outward * far, y);
      line(out, x, y + upward * near, x, y + upward * far);
    }
  }
  // Registration targets in the middle of each side, in the slug.
  const double mid = (near + far) / 2;
  target(out, (left + right) / 2, bottom - mid);
  target(out, (left + right) / 2, top + mid);
  target(out, left - mid, (bottom + top) / 2);
  target(out, right + mid, (bottom + top) / 2);
  out += "Q\n";
  return out;
}

}  // namespace nashr
