// The report reader (report_reader.h): blocks, sections, lists, quotes and figures.
// g++ 12 warns falsely on `"literal" + std::string` under -O3 (GCC bug 105329).
#pragma GCC diagnostic ignored "-Wrestrict"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <fstream>
#include <string_view>

#include "model/image_check.h"
#include "model/report_reader.h"
#include "model/xml_rules.h"
#include "pdfimport/pdf_figure.h"

namespace nashr {

namespace fs = std::filesystem;

namespace {

}  // namespace

Summary ReportReader::read_summary(const XmlNode& element, const Context& parent) {
  Summary summary;
  check_attributes(element, kLanguageAttributes, sink_);
  const Context context = enter(element, parent);
  set_base(summary, element, context);
  const XmlNode* heading = find_heading(element, "heading");
  if (heading != nullptr) {
    check_attributes(*heading, kLanguageAttributes, sink_);
    summary.heading = read_inline_block(*heading, heading_context(*heading, context));
  }
  summary.blocks = read_blocks(element, context, 0, "heading");
  if (summary.blocks.empty())
    sink_.error(element.location, "<summary> is empty", "write the executive summary");
  return summary;
}

const XmlNode* ReportReader::find_heading(const XmlNode& element, std::string_view name) {
  const XmlNode* found = nullptr;
  for (const XmlNode& child : element.children) {
    if (!child.is_element() || child.name != name) continue;
    if (found != nullptr)
      duplicate(child, *found);
    else
      found = &child;
  }
  return found;
}

Blocks ReportReader::read_blocks(const XmlNode& element, const Context& context, int section_level,
                                 std::string_view skip) {
  return read_blocks(element, element.children, context, section_level, skip);
}

Blocks ReportReader::read_blocks(const XmlNode& element, std::span<const XmlNode> children,
                                 const Context& context, int section_level, std::string_view skip) {
  Blocks blocks;
  std::vector<std::string> allowed = kBlockElements;
  if (section_level > 0) allowed.push_back("section");
  if (section_level == 1) allowed.insert(allowed.end(), {"toc", "include"});
  if (!skip.empty()) allowed.emplace_back(skip);
  for (const XmlNode& child : children) {
    if (!child.is_element()) {
      if (!is_blank(child.text)) {
        sink_.error(child.location, "text is not allowed directly in <" + element.name + ">",
                    "put it in a paragraph: <p>…</p>");
      }
      continue;
    }
    if (child.name == skip) continue;
    if (std::optional<Block> block = read_block(child, context, section_level, allowed, element.name)) {
      blocks.push_back(std::move(*block));
    }
  }
  return blocks;
}

std::optional<Block> ReportReader::read_block(const XmlNode& child, const Context& context, int section_level,
                                              const std::vector<std::string>& allowed,
                                              const std::string& parent_name) {
  const std::string& name = child.name;
  if (name == "section" && section_level > 0) return Block{read_section(child, context, section_level)};
  if (name == "p") {
    check_attributes(child, kLanguageAttributes, sink_);
    const Context inner = enter(child, context);
    Paragraph paragraph;
    set_base(paragraph, child, inner);
    paragraph.content = read_inline_block(child, inner);
    if (paragraph.content.empty()) {
      sink_.warning(child.location, "empty paragraph",
                    "remove it; use <page-break/> or style spacing for space");
    }
    return Block{std::move(paragraph)};
  }
  if (name == "ul" || name == "ol") return Block{read_list(child, context)};
  if (name == "quote") return Block{read_quote(child, context)};
  if (name == "figure") return Block{read_figure(child, context)};
  if (name == "table") return Block{read_table(child, context)};
  if (name == "page-break") {
    check_attributes(child, {}, sink_);
    if (!child.children.empty())
      sink_.error(child.location, "<page-break/> must be empty", "write <page-break/>");
    PageBreak page_break;
    set_base(page_break, child, context);
    return Block{page_break};
  }
  if (name == "toc") return read_toc(child, context, section_level == 1 && !in_article_, parent_name);
  if (name == "include") return read_include(child, context, section_level == 1, parent_name);
  if (name == "section") {
    sink_.error(child.location, "<section> is not allowed in <" + parent_name + ">",
                "sections go in <body> or in another <section>");
    return std::nullopt;
  }
  if (contains(kInlineElements, name)) {
    sink_.error(child.location, "<" + name + "> is inline and must be inside a paragraph",
                "wrap it in <p>…</p>");
    return std::nullopt;
  }
  report_unknown_element(child, parent_name, allowed, sink_);
  return std::nullopt;
}

std::optional<Block> ReportReader::read_toc(const XmlNode& element, const Context& context, bool in_body,
                                            const std::string& parent_name) {
  if (!in_body) {
    sink_.error(element.location, "<toc/> is not allowed in <" + parent_name + ">" + (in_article_ ? " of an article" : ""),
                "the table of contents is a block of <body>: put <toc/> there, outside sections");
    return std::nullopt;
  }
  check_attributes(element, {}, sink_);
  if (!element.children.empty()) sink_.error(element.location, "<toc/> must be empty", "write <toc/>");
  TableOfContents toc;
  set_base(toc, element, context);
  return Block{toc};
}

Section ReportReader::read_section(const XmlNode& element, const Context& parent, int level) {
  Section section;
  check_attributes(element, with({"id"}, kLanguageAttributes), sink_);
  const Context context = enter(element, parent);
  set_base(section, element, context);
  section.level = level;
  if (level == 4) {
    sink_.error(element.location, "sections nest at most three deep; this one is at level 4",
                "make it a sibling of its parent section, or turn its parts into a list");
  }
  if (const XmlAttribute* id = element.attribute("id")) {
    section.id = id->value;
    register_id(*id);
  }
  const XmlNode* heading = find_heading(element, "heading");
  if (heading == nullptr) {
    sink_.error(element.location, "<section> has no <heading>",
                "start the section with <heading>…</heading>");
  } else {
    check_attributes(*heading, kLanguageAttributes, sink_);
    section.heading = read_inline_block(*heading, heading_context(*heading, context));
    if (section.heading.empty())
      sink_.error(heading->location, "empty <heading>", "write the section's title");
    else
      check_pdf_text(outline_text(section.heading), heading->location,
                     "the heading as an entry of the PDF's outline");
  }
  section.blocks = read_blocks(element, context, level + 1, "heading");
  // A section whose only children were wrong has been reported already; "empty" would be noise.
  const bool had_elements =
      std::any_of(element.children.begin(), element.children.end(),
                  [](const XmlNode& child) { return child.is_element() && child.name != "heading"; });
  if (section.blocks.empty() && !had_elements) {
    sink_.error(element.location,
                "section" + (section.id.empty() ? std::string() : " '" + section.id + "'") + " is empty",
                "write its paragraphs, or remove the section");
  }
  return section;
}

List ReportReader::read_list(const XmlNode& element, const Context& parent) {
  List list;
  list.numbered = element.name == "ol";
  check_attributes(element,
                   with(list.numbered ? std::vector<std::string>{"start"} : std::vector<std::string>{},
                        kLanguageAttributes),
                   sink_);
  const Context context = enter(element, parent);
  set_base(list, element, context);
  if (const XmlAttribute* start = element.attribute("start")) {
    const std::string& v = start->value;
    if (v.empty() || v.size() > 6 ||
        !std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      sink_.error(start->value_location, "start must be a whole number, not '" + v + "'", "e.g. start=\"3\"");
    } else {
      list.start = std::stoi(v);
    }
  }
  check_no_text(element, sink_);
  for (const XmlNode& child : element.children) {
    if (!child.is_element()) continue;
    if (child.name != "li") {
      report_unknown_element(child, element.name, {"li"}, sink_);
      continue;
    }
    list.items.push_back(read_item(child, context));
  }
  if (list.items.empty())
    sink_.error(element.location, "<" + element.name + "> has no items", "add <li>…</li>");
  return list;
}

ListItem ReportReader::read_item(const XmlNode& element, const Context& parent) {
  ListItem item;
  item.location = element.location;
  check_attributes(element, kLanguageAttributes, sink_);
  const Context context = enter(element, parent);
  // The stretch of inline children since the last block child: [stretch_begin, i).
  const std::span<const XmlNode> children = element.children;
  std::size_t stretch_begin = 0;
  auto flush = [&](std::size_t stretch_end) {
    if (stretch_end == stretch_begin) return;
    InlineContent content =
        read_inline_block(element, children.subspan(stretch_begin, stretch_end - stretch_begin), context);
    if (!content.empty()) {
      Paragraph paragraph;
      set_base(paragraph, element, context);
      paragraph.location = content.front().location;
      paragraph.content = std::move(content);
      item.blocks.push_back(Block{std::move(paragraph)});
    }
  };
  const std::vector<std::string> blocks = {"p", "ul", "ol", "quote", "figure"};
  for (std::size_t i = 0; i < children.size(); ++i) {
    const XmlNode& child = children[i];
    if (child.is_element() && contains(blocks, child.name)) {
      flush(i);
      stretch_begin = i + 1;
      if (std::optional<Block> block = read_block(child, context, 0, blocks, "li"))
        item.blocks.push_back(std::move(*block));
    }
  }
  flush(children.size());
  if (item.blocks.empty()) sink_.error(element.location, "empty list item", "write its text or remove it");
  return item;
}

Quote ReportReader::read_quote(const XmlNode& element, const Context& parent) {
  Quote quote;
  check_attributes(element, kLanguageAttributes, sink_);
  const Context context = enter(element, parent);
  set_base(quote, element, context);
  if (const XmlNode* attribution = find_heading(element, "attribution")) {
    check_attributes(*attribution, kLanguageAttributes, sink_);
    quote.attribution = read_inline_block(*attribution, enter(*attribution, context));
  }
  quote.blocks = read_blocks(element, context, 0, "attribution");
  if (quote.blocks.empty())
    sink_.error(element.location, "<quote> is empty", "put the quoted text in <p>…</p>");
  return quote;
}

namespace {

// A PDF file starts with "%PDF-" (a reader allows junk before it; a figure should not have any).
bool is_pdf_file(const fs::path& path) {
  std::ifstream file(path, std::ios::binary);
  char head[5] = {};
  file.read(head, sizeof head);
  return file.gcount() == 5 && std::string_view(head, 5) == "%PDF-";
}

}  // namespace

Figure ReportReader::read_figure(const XmlNode& element, const Context& parent) {
  Figure figure;
  check_attributes(element, with({"src", "id", "alt", "width"}, kLanguageAttributes), sink_);
  const Context context = enter(element, parent);
  set_base(figure, element, context);
  if (const XmlAttribute* id = element.attribute("id")) {
    figure.id = id->value;
    register_id(*id);
  }
  if (const XmlAttribute* alt = element.attribute("alt")) {
    figure.alt = alt->value;
  } else {
    // A figure without a text alternative says nothing to a screen reader (PDF/UA); alt="" is
    // taken as the author's word that the image needs none.
    sink_.warning(element.location, "<figure> without alt: a screen reader has nothing to say for this image",
                  "describe what the image shows in alt=\"…\" (or write alt=\"\" if it shows nothing to read)");
  }
  if (const XmlAttribute* width = element.attribute("width")) read_figure_width(*width, figure);
  check_no_text(element, sink_);
  for (const XmlNode& child : element.children) {
    if (!child.is_element()) continue;
    if (child.name == "caption") {
      check_attributes(child, kLanguageAttributes, sink_);
      figure.caption = read_inline_block(child, enter(child, context));
    } else {
      report_unknown_element(child, "figure", {"caption"}, sink_);
    }
  }
  const XmlAttribute* src = element.attribute("src");
  if (src == nullptr) {
    sink_.error(element.location, "<figure> needs a src attribute",
                "name the image, e.g. src=\"images/map.png\"");
    return figure;
  }
  figure.image_as_written = src->value;
  resolve_image(*src, figure);
  return figure;
}

// `width="50%"` (of the text width, above 0 and at most 100) or a length: a number and pt, mm, cm or in.
void ReportReader::read_figure_width(const XmlAttribute& width, Figure& figure) {
  const std::string& text = width.value;
  std::size_t digits = 0;
  while (digits < text.size() && (std::isdigit(static_cast<unsigned char>(text[digits])) || text[digits] == '.')) {
    ++digits;
  }
  const std::string number = text.substr(0, digits);
  const std::string unit = text.substr(digits);
  static const std::vector<std::pair<std::string, double>> kUnits = {
      {"%", 0.01}, {"pt", 1}, {"mm", 72 / 25.4}, {"cm", 72 / 2.54}, {"in", 72}};
  const auto found = std::find_if(kUnits.begin(), kUnits.end(), [&](const auto& entry) { return entry.first == unit; });
  char* end = nullptr;
  const double value = number.empty() || number.find('.') != number.rfind('.') ? 0 : std::strtod(number.c_str(), &end);
  if (found == kUnits.end() || !(value > 0) || (unit == "%" && value > 100) || value > 1e5) {
    sink_.error(width.value_location, "figure width '" + text + "' is not a share of the text width or a length",
                "write a percentage above 0 and up to 100 (width=\"50%\") or a length in pt, mm, cm or in "
                "(width=\"80mm\")");
    return;
  }
  figure.width = Located<FigureWidth>{{unit == "%", value * found->second}, width.value_location};
}

void ReportReader::resolve_image(const XmlAttribute& src, Figure& figure) {
  const std::string& written = src.value;
  const fs::path given(written);
  const std::string keep_inside = "keep images in the report's folder or below it, e.g. images/map.png";
  if (written.empty()) {
    sink_.error(src.value_location, "empty figure path", keep_inside);
    return;
  }
  if (given.is_absolute()) {
    sink_.error(src.value_location,
                "figure path '" + written + "' is absolute and leaves the report's folder", keep_inside);
    return;
  }
  const fs::path path = (folder_ / given).lexically_normal();
  const auto inside = [](const fs::path& child, const fs::path& folder) {
    const fs::path relative = child.lexically_relative(folder);
    return !relative.empty() && *relative.begin() != "..";
  };
  if (!inside(path, folder_)) {
    sink_.error(src.value_location, "figure path '" + written + "' leaves the report's folder", keep_inside);
    return;
  }
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) {
    sink_.error(src.value_location, "figure file '" + written + "' does not exist",
                "the path is relative to the report's folder: " + folder_.string());
    return;
  }
  // A symbolic link may still point outside.
  const fs::path real = fs::canonical(path, ec);
  const fs::path real_folder = fs::canonical(folder_, ec);
  if (!ec && !inside(real, real_folder)) {
    sink_.error(src.value_location,
                "figure path '" + written + "' leads outside the report's folder through a link",
                keep_inside);
    return;
  }
  if (is_pdf_file(path)) {
    Result<ImportedPdfPage> page = read_pdf_figure(path, written, src.value_location);
    if (!page) {
      sink_.report(page.error());
      return;
    }
    figure.image = path;
    figure.format = ImageFormat::pdf;
    figure.page_width = page->width;
    figure.page_height = page->height;
    return;
  }
  const Result<CheckedImage> image = check_image(path, written, src.value_location);
  if (!image) {
    sink_.report(image.error());
    return;
  }
  figure.image = path;
  figure.format = image->format;
  figure.pixel_width = image->width;
  figure.pixel_height = image->height;
}

}  // namespace nashr
