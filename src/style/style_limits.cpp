// The bounds of a style sheet's lengths (style_limits.h). A length out of bounds put text off the
// page (an indent wider than the line: x ≈ 100,000 pt) or made it invisible (a font size of 0),
// and a page size libharu refuses failed the build with "internal error" and no location.
// g++ 12 warns falsely on `"literal" + std::string` under -O3 (GCC bug 105329).
#pragma GCC diagnostic ignored "-Wrestrict"

#include "style/style_limits.h"

#include <algorithm>
#include <cstdio>
#include <optional>
#include <string>

namespace nashr {

namespace {

std::string points(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%gpt", value);
  return text;
}

const XmlNode* child_element(const XmlNode* parent, std::string_view name) {
  if (parent == nullptr) return nullptr;
  for (const XmlNode& child : parent->children) {
    if (child.is_element() && child.name == name) return &child;
  }
  return nullptr;
}

const std::vector<XmlNode>& children_of(const XmlNode* element) {
  static const std::vector<XmlNode> kNone;
  return element ? element->children : kNone;
}

// A length as the style gives it, with its attribute for the diagnostic.
struct Given {
  double value = 0;
  const XmlAttribute* attribute = nullptr;
};

// The attribute's length when it is there and reads as one (the reader reported anything else).
std::optional<Given> given(const XmlNode* element, const char* name) {
  const XmlAttribute* attribute = element ? element->attribute(name) : nullptr;
  if (attribute == nullptr) return std::nullopt;
  Result<double, std::string> value = parse_length(attribute->value);
  if (!value) return std::nullopt;
  return Given{*value, attribute};
}

class LimitChecker {
 public:
  LimitChecker(const XmlNode& root, const StyleSheet& style, DiagnosticSink& sink)
      : root_(root), style_(style), sink_(sink) {}

  void check() {
    if (!check_page()) return;  // the other bounds depend on the text area
    check_fonts();
    check_box();
    check_paragraph();
    check_headings();
    within(child_element(&root_, "watermark"), "size", kMinWatermarkSize, kMaxWatermarkSize, "the watermark's size",
           "a watermark is 12pt to 144pt; 30pt to 48pt reads well across an A4 page");
    within(child_element(&root_, "masthead"), "grid", kMinMastheadGrid, kMaxMastheadGrid, "the masthead's grid",
           "the grid is 1pt to 72pt; half the body's leading (the default) suits most styles");
  }

 private:
  // Reports `what` when the length is outside [min, max]; true when it is there and inside.
  bool within(const XmlNode* element, const char* name, double min, double max, const std::string& what,
              const std::string& hint) {
    const std::optional<Given> length = given(element, name);
    if (!length) return false;
    if (length->value >= min && length->value <= max) return true;
    sink_.error(length->attribute->value_location,
                what + " " + points(length->value) + " is outside " + points(min) + " to " + points(max), hint);
    return false;
  }

  bool check_page() {
    const XmlNode* page = child_element(&root_, "page");
    if (page == nullptr) return false;
    const PageGeometry& geometry = style_.page;
    bool valid = true;
    if (geometry.size == PageSize::custom) {
      const std::string hint = "PDF pages are 3pt to 14400pt (200in) on a side; libharu refuses others";
      valid = within(page, "width", kMinPageSide, kMaxPageSide, "the page width", hint) && valid;
      valid = within(page, "height", kMinPageSide, kMaxPageSide, "the page height", hint) && valid;
    }
    if (!valid) return false;
    const std::string hint = "a margin is at most the page's size";
    for (const char* side : {"top", "bottom"}) valid = within(page, side, 0, geometry.height, std::string("the ") + side + " margin", hint) && valid;
    for (const char* side : {"left", "right"}) valid = within(page, side, 0, geometry.width, std::string("the ") + side + " margin", hint) && valid;
    if (!valid) return false;
    text_width_ = geometry.width - geometry.margin_left - geometry.margin_right;
    text_height_ = geometry.height - geometry.margin_top - geometry.margin_bottom;
    if (text_width_ < kMinTextSide) {
      sink_.error(page->location,
                  "the left and right margins leave " + points(text_width_) + " of the page's " +
                      points(geometry.width) + " width for text, less than " + points(kMinTextSide),
                  "make the margins smaller (or the page wider)");
      valid = false;
    }
    if (text_height_ < kMinTextSide) {
      sink_.error(page->location,
                  "the top and bottom margins leave " + points(text_height_) + " of the page's " +
                      points(geometry.height) + " height for text, less than " + points(kMinTextSide),
                  "make the margins smaller (or the page taller)");
      valid = false;
    }
    check_running_room(page);
    return valid;
  }

  // The running header and footer sit inside the top and bottom margins (at 55% and 50% of them):
  // a margin too small for their caption-size line puts them over the page's edge.
  void check_running_room(const XmlNode* page) {
    const RoleStyle& caption = style_.role(FontRole::caption);
    const double needed = 2 * std::max(caption.size, caption.leading);
    const auto has_text = [](const RunningText& running) {
      return !running.start.empty() || !running.centre.empty() || !running.end.empty();
    };
    for (const auto& [running, side] : {std::pair{&style_.header, "top"}, std::pair{&style_.footer, "bottom"}}) {
      const std::optional<Given> margin = given(page, side);
      if (!margin || !has_text(*running) || margin->value >= needed) continue;
      sink_.error(margin->attribute->value_location,
                  std::string("the ") + side + " margin " + points(margin->value) + " has no room for the " +
                      (running == &style_.header ? "header" : "footer") + ", which needs " + points(needed),
                  "make the margin at least twice the caption role's leading, or leave the " +
                      std::string(running == &style_.header ? "<header>" : "<footer>") + " empty");
    }
  }

  void check_fonts() {
    for (const XmlNode& role : children_of(child_element(&root_, "fonts"))) {
      if (!role.is_element() || role.name != "role") continue;
      within(&role, "size", kMinFontSize, kMaxFontSize, "the font size",
             "nashr sets text from 2pt to 200pt; body text is usually 9pt to 12pt");
      within(&role, "leading", kMinFontSize, text_height_, "the leading",
             "it must fit the text area's height; it is usually 1.2 to 1.5 times the size");
    }
  }

  void check_headings() {
    const RoleStyle& role = style_.role(FontRole::heading);
    for (const XmlNode& level : children_of(child_element(&root_, "headings"))) {
      if (!level.is_element() || level.name != "level") continue;
      if (within(&level, "size", kMinFontSize, kMaxFontSize, "the heading size",
                 "nashr sets text from 2pt to 200pt") &&
          role.size > 0) {
        const Given size = *given(&level, "size");
        const double leading = role.leading * size.value / role.size;
        if (leading > text_height_) {
          sink_.error(size.attribute->value_location,
                      "a heading of " + points(size.value) + " has a leading of " + points(leading) +
                          ", taller than the text area (" + points(text_height_) + ")",
                      "make the heading smaller");
        }
      }
      space(&level);
    }
  }

  void space(const XmlNode* element) {
    const std::string hint = "spacing is at most the text area's height (" + points(text_height_) + ")";
    within(element, "space-before", 0, text_height_, "the space before", hint);
    within(element, "space-after", 0, text_height_, "the space after", hint);
  }

  void check_box() {
    const XmlNode* box = child_element(&root_, "summary-box");
    const bool border = within(box, "border-width", 0, kMaxBorderWidth, "the border width",
                               "borders are at most 72pt (1in) wide; 0.5pt to 1pt is usual");
    const double limit = text_width_ / 4;
    if (!within(box, "padding", 0, limit, "the padding",
                "keep the box's padding and border under a quarter of the text width, " + points(limit)) ||
        !border) {
      return;
    }
    const Given padding = *given(box, "padding");
    const double sides = padding.value + style_.summary_box.border_width;
    if (sides > limit) {
      sink_.error(padding.attribute->value_location,
                  "the summary box's padding and border take " + points(sides) + " on each side",
                  "keep them under a quarter of the text width, " + points(limit));
      return;
    }
    box_measure_ = text_width_ - 2 * sides;
  }

  void check_paragraph() {
    const XmlNode* paragraph = child_element(&root_, "paragraph");
    space(paragraph);
    // The first-line indent is taken from the measure of every paragraph: the narrowest the style
    // makes is inside the summary box.
    const double measure = std::min(text_width_, box_measure_);
    const std::optional<Given> indent = given(paragraph, "indent");
    if (indent && indent->value >= measure) {
      sink_.error(indent->attribute->value_location,
                  "the indent " + points(indent->value) + " is not smaller than the measure it is taken from (" +
                      points(measure) + (measure < text_width_ ? ", inside the summary box)" : ")"),
                  "an indent is usually 1 to 2 em (10pt to 20pt)");
    }
  }

  const XmlNode& root_;
  const StyleSheet& style_;
  DiagnosticSink& sink_;
  double text_width_ = 0;
  double text_height_ = 0;
  double box_measure_ = kMaxPageSide;
};

}  // namespace

void check_style_limits(const XmlNode& root, const StyleSheet& style, DiagnosticSink& sink) {
  LimitChecker(root, style, sink).check();
}

}  // namespace nashr
