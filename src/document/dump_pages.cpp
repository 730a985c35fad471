// The `--dump=pages` text: a diff shows which glyph moved, not which PDF byte changed.
#include "document/dump_pages.h"

#include <cstdio>
#include <string>

#include "base/json.h"
#include "fonts/font_db.h"

namespace nashr {

namespace {

// Positions in points to 3 decimals (a thousandth of a point is far below a device pixel).
std::string num(double value) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.3f", value);
  std::string text = buffer;
  while (text.back() == '0') text.pop_back();
  if (text.back() == '.') text.pop_back();
  if (text == "-0") text = "0";
  return text;
}

std::string point(const Point& p) {
  return '(' + num(p.x) + ", " + num(p.y) + ')';
}

std::string rect(const Rect& r) {
  return '(' + num(r.x) + ", " + num(r.y) + ") " + num(r.width) + 'x' + num(r.height);
}

std::string colour(const Color& c) {
  char buffer[16];
  auto channel = [](double v) { return static_cast<unsigned>(v <= 0 ? 0 : v >= 1 ? 255 : v * 255 + 0.5); };
  std::snprintf(buffer, sizeof buffer, "#%02x%02x%02x", channel(c.r), channel(c.g), channel(c.b));
  return buffer;
}

std::string font_name(const Font* font) {
  if (font == nullptr) return "(none)";
  return font->postscript_name().empty() ? font->path().filename().string() : font->postscript_name();
}

const char* style_name(PageLabelRange::Style style) {
  switch (style) {
    case PageLabelRange::Style::decimal: return "decimal";
    case PageLabelRange::Style::roman_lower: return "roman-lower";
    case PageLabelRange::Style::roman_upper: return "roman-upper";
    case PageLabelRange::Style::none: return "none";
  }
  return "?";
}

void dump_item(std::string& out, const PageItem& item) {
  if (const auto* run = std::get_if<GlyphRun>(&item)) {
    out += "  run " + font_name(run->font) + ' ' + num(run->size) + "pt at " + point(run->origin) + ' ' +
           (run->rtl ? "rtl" : "ltr") + ' ' + colour(run->color) + ", " + std::to_string(run->glyphs.size()) +
           " glyphs\n";
    std::string text;
    for (const PlacedGlyph& glyph : run->glyphs) {
      out += "    " + std::to_string(glyph.glyph_id) + " +" + std::to_string(glyph.x_advance);
      if (glyph.x_offset != 0 || glyph.y_offset != 0) {
        out += " @" + std::to_string(glyph.x_offset) + ',' + std::to_string(glyph.y_offset);
      }
      if (run->font != nullptr) out += ' ' + run->font->glyph_name(glyph.glyph_id);
      if (!glyph.text.empty()) out += ' ' + json_quote(glyph.text);
      out += '\n';
    }
  } else if (const auto* rule = std::get_if<Rule>(&item)) {
    out += "  rule " + point(rule->from) + " to " + point(rule->to) + ' ' + num(rule->thickness) + "pt " +
           colour(rule->color) + '\n';
  } else if (const auto* box = std::get_if<Box>(&item)) {
    out += "  box " + rect(box->rect);
    if (box->filled) out += " fill " + colour(box->fill);
    if (box->stroke_width > 0) out += " stroke " + num(box->stroke_width) + "pt " + colour(box->stroke);
    out += '\n';
  } else if (const auto* image = std::get_if<Image>(&item)) {
    out += "  image " + rect(image->rect) + ' ' + json_quote(image->path) + '\n';
  } else if (const auto* link = std::get_if<Link>(&item)) {
    out += "  link " + rect(link->rect) + ' ' +
           (link->uri.empty() ? "#" + json_quote(link->destination.str()) : json_quote(link->uri.str())) + '\n';
  } else if (const auto* anchor = std::get_if<Anchor>(&item)) {
    out += "  anchor " + json_quote(anchor->name) + " at " + point(anchor->position) + '\n';
  }
}

}  // namespace

std::string dump_pages(const PagedDocument& document) {
  std::string out = "document " + std::to_string(document.pages.size()) + " pages";
  if (!document.info.title.empty()) out += ' ' + json_quote(document.info.title);
  out += '\n';
  for (std::size_t index = 0; index < document.pages.size(); ++index) {
    const Page& page = document.pages[index];
    out += "page " + std::to_string(index + 1) + ' ' + num(page.width) + 'x' + num(page.height) + '\n';
    for (const PageItem& item : page.items) dump_item(out, item);
  }
  if (!document.outline.empty()) {
    out += "outline\n";
    for (const OutlineEntry& entry : document.outline) {
      out += "  " + std::string(static_cast<std::size_t>(entry.level > 1 ? entry.level - 1 : 0) * 2, ' ') +
             json_quote(entry.title) + " -> #" + json_quote(entry.destination) + '\n';
    }
  }
  if (!document.page_labels.empty()) {
    out += "page labels\n";
    for (const PageLabelRange& range : document.page_labels) {
      out += "  from page " + std::to_string(range.first_page + 1) + ' ' + style_name(range.style) +
             " start " + std::to_string(range.start);
      if (!range.prefix.empty()) out += " prefix " + json_quote(range.prefix);
      out += '\n';
    }
  }
  return out;
}

}  // namespace nashr
