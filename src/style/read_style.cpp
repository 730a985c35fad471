// The style sheet reader: styles/*.xml → StyleSheet, checking the vocabulary of
// docs/report-format.md ("Style sheets") and collecting every error.
// g++ 12 warns falsely on `"literal" + std::string` under -O3 (GCC bug 105329).
#pragma GCC diagnostic ignored "-Wrestrict"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <optional>
#include <system_error>

#include "base/data_dirs.h"
#include "fonts/font_check.h"
#include "locale/persian_text.h"
#include "model/xml_rules.h"
#include "model/xml_source.h"
#include "style/read_cover.h"
#include "style/read_numbering.h"
#include "style/read_list.h"
#include "style/size_adjust.h"
#include "style/style_limits.h"
#include "style/style_sheet.h"
#include "style/style_values.h"

namespace nashr {

namespace fs = std::filesystem;

namespace {
const std::vector<std::string> kFieldNames = {"series-title",
                                              "series-title-persian",
                                              "issn",
                                              "volume",
                                              "issue",
                                              "date",
                                              "date-solar-hijri",
                                              "title",
                                              "publisher",
                                              "contact",
                                              "page",
                                              "pages",
                                              "article"};
const std::vector<std::string> kRoleNames = {"body", "heading", "masthead", "caption", "mono"};
}  // namespace

const char* to_string(RunningField field) {
  return kFieldNames[static_cast<std::size_t>(field)].c_str();
}

namespace {

class StyleReader {
 public:
  StyleReader(const XmlDocument& document, DiagnosticSink& sink) : doc_(document), sink_(sink) {}

  StyleSheet read() {
    StyleSheet style;
    style.path = doc_.path.str();
    const XmlNode& root = doc_.root;
    if (root.name != "style") {
      sink_.error(root.location, "the root element is <" + root.name + ">, expected <style>",
                  "a style sheet starts with <style name=\"…\">");
      return style;
    }
    check_attributes(root, {"name", "xml:lang", "dir"}, sink_);
    if (const XmlAttribute* name = root.attribute("name")) {
      style.name = name->value;
      const std::string stem = fs::path(doc_.path.str()).stem().string();
      if (name->value != stem)
        sink_.warning(name->value_location,
                      "style name '" + name->value + "' differs from its file name '" + stem + "'",
                      "reports name styles by file name; keep the two equal");
    } else {
      sink_.error(root.location, "<style> needs a name attribute", "e.g. name=\"persian-files\"");
    }
    style.lang = root.attribute("xml:lang") ? root.attribute("xml:lang")->value : "en";
    if (const XmlAttribute* dir = root.attribute("dir")) {
      if (dir->value == "rtl")
        style.dir = Direction::rtl;
      else if (dir->value == "ltr")
        style.dir = Direction::ltr;
      else
        bad_value(*dir, {"ltr", "rtl"});
    }
    locate_fonts(style);
    check_no_text(root, sink_);

    static const std::vector<std::string> kRequired = {"page",        "fonts",  "paragraph", "headings",
                                                       "summary-box", "header", "footer"};
    std::vector<std::string> kAllowed = kRequired;
    kAllowed.insert(kAllowed.end(), {"cover", "watermark", "table", "numbering", "notes", "list", "masthead", "toc"});
    std::map<std::string, const XmlNode*> seen;
    for (const XmlNode& child : root.children) {
      if (!child.is_element()) continue;
      if (std::find(kAllowed.begin(), kAllowed.end(), child.name) == kAllowed.end()) {
        report_unknown_element(child, "style", kAllowed, sink_);
        continue;
      }
      if (seen.count(child.name)) {
        sink_.error(child.location, "<" + child.name + "> is given twice", "keep one");
        continue;
      }
      seen[child.name] = &child;
      if (child.name == "page") read_page(child, style.page);
      if (child.name == "fonts") read_fonts(child, style);
      if (child.name == "paragraph") read_paragraph(child, style.paragraph);
      if (child.name == "headings") read_headings(child, style);
      if (child.name == "summary-box") read_summary_box(child, style);
      if (child.name == "header") style.header = read_running(child, style);
      if (child.name == "footer") style.footer = read_running(child, style);
      if (child.name == "cover") read_cover_style(child, style.cover, sink_);
      if (child.name == "watermark") read_watermark(child, style.watermark, sink_);
      if (child.name == "table") read_table_style(child, style.table, sink_);
      if (child.name == "numbering") read_numbering_style(child, style.lang, style.numbering, sink_);
      if (child.name == "notes") read_notes_style(child, style.notes, sink_);
      if (child.name == "list") read_list_style(child, style.list, sink_);
      if (child.name == "masthead") read_masthead_style(child, style.masthead, sink_);
      if (child.name == "toc") read_toc_style(child, style.toc, sink_);
    }
    for (const std::string& required : kRequired) {
      if (!seen.count(required)) {
        sink_.error(root.location, "the style has no <" + required + ">",
                    "see docs/report-format.md for its form");
      }
    }
    check_style_limits(root, style, sink_);
    return style;
  }

 private:
  void bad_value(const XmlAttribute& attribute, const std::vector<std::string>& allowed) {
    report_bad_value(attribute, allowed, sink_);
  }

  void locate_fonts(StyleSheet& style) {
    std::error_code ec;
    const fs::path folder = fs::absolute(fs::path(doc_.path.str()), ec).parent_path().lexically_normal();
    std::vector<fs::path> candidates = {folder.parent_path() / "fonts"};
    for (const fs::path& dir : data_dirs()) candidates.push_back(dir / "fonts");
    std::string looked;
    for (const fs::path& candidate : candidates) {
      if (fs::is_directory(candidate, ec)) {
        style.fonts_dir = candidate.lexically_normal();
        return;
      }
      looked += (looked.empty() ? "" : ", ") + candidate.string();
    }
    sink_.error(doc_.root.location, "no fonts/ folder next to " + folder.string() + " (looked for " + looked + ")",
                "styles name font files relative to the fonts/ folder beside styles/");
  }

  std::optional<double> length(const XmlNode& element, const char* name, bool required) {
    return style_length(element, name, required, sink_);
  }
  std::optional<Color> colour(const XmlNode& element, const char* name, bool required) {
    return style_colour(element, name, required, sink_);
  }

  void read_page(const XmlNode& element, PageGeometry& page) {
    page.location = element.location;
    check_attributes(element, {"size", "width", "height", "top", "bottom", "left", "right"}, sink_);
    check_no_text(element, sink_);
    const XmlAttribute* size = element.attribute("size");
    const std::string kind = size ? size->value : "A4";
    if (kind == "A4") {
      page.size = PageSize::a4, page.width = 595.276, page.height = 841.89;
    } else if (kind == "Letter") {
      page.size = PageSize::letter, page.width = 612, page.height = 792;
    } else if (kind == "custom") {
      page.size = PageSize::custom;
      page.width = length(element, "width", true).value_or(0);
      page.height = length(element, "height", true).value_or(0);
    } else {
      bad_value(*size, {"A4", "Letter", "custom"});
    }
    if (page.size != PageSize::custom && (element.attribute("width") || element.attribute("height"))) {
      sink_.error(element.location, "width and height go with size=\"custom\"",
                  "remove them or write size=\"custom\"");
    }
    page.margin_top = length(element, "top", true).value_or(0);
    page.margin_bottom = length(element, "bottom", true).value_or(0);
    page.margin_left = length(element, "left", true).value_or(0);
    page.margin_right = length(element, "right", true).value_or(0);
  }

  void read_fonts(const XmlNode& element, StyleSheet& style) {
    check_attributes(element, {}, sink_);
    check_no_text(element, sink_);
    std::array<bool, kFontRoleCount> seen{};
    for (const XmlNode& child : element.children) {
      if (!child.is_element()) continue;
      if (child.name != "role") {
        report_unknown_element(child, "fonts", {"role"}, sink_);
        continue;
      }
      check_attributes(child, {"name", "size", "leading", "colour"}, sink_);
      const XmlAttribute* name = child.attribute("name");
      if (name == nullptr) {
        sink_.error(child.location, "<role> needs a name", "one of: body, heading, masthead, caption, mono");
        continue;
      }
      const auto found = std::find(kRoleNames.begin(), kRoleNames.end(), name->value);
      if (found == kRoleNames.end()) {
        bad_value(*name, kRoleNames);
        continue;
      }
      const std::size_t index = static_cast<std::size_t>(found - kRoleNames.begin());
      if (seen[index]) {
        sink_.error(child.location, "font role '" + name->value + "' is given twice", "keep one");
        continue;
      }
      seen[index] = true;
      RoleStyle& role = style.roles[index];
      role.location = child.location;
      role.role = static_cast<FontRole>(index);
      role.size = length(child, "size", true).value_or(10);
      role.leading = length(child, "leading", true).value_or(role.size * 1.2);
      role.colour = colour(child, "colour", true).value_or(Color{});
      if (role.leading < role.size)
        sink_.warning(child.location, "leading is smaller than the font size in role '" + name->value + "'",
                      "lines will overlap; leading is usually 1.2–1.5 times the size");
      check_no_text(child, sink_);
      bool have_arabic = false, have_latin = false;
      for (const XmlNode& script : child.children) {
        if (!script.is_element()) continue;
        if (script.name != "arabic" && script.name != "latin") {
          report_unknown_element(script, "role", {"arabic", "latin"}, sink_);
          continue;
        }
        bool& have = script.name == "arabic" ? have_arabic : have_latin;
        if (have) {
          sink_.error(script.location, "<" + script.name + "> is given twice in role '" + name->value + "'",
                      "keep one");
          continue;
        }
        have = true;
        std::vector<FontFace>& faces = script.name == "arabic" ? role.arabic : role.latin;
        (script.name == "arabic" ? role.arabic_size_adjust : role.latin_size_adjust) = read_size_adjust(script, sink_);
        read_faces(script, style, faces);
        const bool has_regular = std::any_of(faces.begin(), faces.end(), [](const FontFace& f) {
          return f.weight == FontWeight::regular && f.slant == FontSlant::upright;
        });
        if (!has_regular) {
          sink_.error(script.location,
                      "<" + script.name + "> in role '" + name->value + "' has no regular face",
                      "add <face weight=\"regular\" slant=\"upright\"> with its files");
        }
      }
      for (const char* script : {have_arabic ? "" : "arabic", have_latin ? "" : "latin"}) {
        if (*script != '\0')
          sink_.error(child.location, "role '" + name->value + "' has no <" + script + "> fonts",
                      std::string("add <") + script + ">…</" + script + ">");
      }
    }
    for (std::size_t i = 0; i < kFontRoleCount; ++i) {
      if (!seen[i]) {
        sink_.error(element.location, "font role '" + kRoleNames[i] + "' is missing",
                    "add <role name=\"" + kRoleNames[i] + "\" …> to <fonts>");
      }
    }
  }

  void read_faces(const XmlNode& script, const StyleSheet& style, std::vector<FontFace>& faces) {
    check_attributes(script, {"size-adjust"}, sink_);
    check_no_text(script, sink_);
    for (const XmlNode& child : script.children) {
      if (!child.is_element()) continue;
      if (child.name != "face") {
        report_unknown_element(child, script.name, {"face"}, sink_);
        continue;
      }
      check_attributes(child, {"weight", "slant"}, sink_);
      check_no_text(child, sink_);
      FontFace face;
      face.location = child.location;
      if (const XmlAttribute* weight = child.attribute("weight")) {
        if (weight->value == "bold")
          face.weight = FontWeight::bold;
        else if (weight->value != "regular")
          bad_value(*weight, {"regular", "bold"});
      }
      if (const XmlAttribute* slant = child.attribute("slant")) {
        if (slant->value == "italic")
          face.slant = FontSlant::italic;
        else if (slant->value != "upright")
          bad_value(*slant, {"upright", "italic"});
      }
      for (const FontFace& other : faces) {
        if (other.weight == face.weight && other.slant == face.slant) {
          sink_.error(
              child.location,
              "this weight and slant are already given (line " + std::to_string(other.location.line) + ")",
              "list fallbacks as more <file> elements in one <face>");
        }
      }
      for (const XmlNode& file : child.children) {
        if (!file.is_element()) continue;
        if (file.name != "file") {
          report_unknown_element(file, "face", {"file"}, sink_);
          continue;
        }
        check_attributes(file, {}, sink_);
        SourceLocation location;
        const std::string relative = plain_text(doc_, file, sink_, &location);
        check_font_file(relative, location, style);
        face.files.push_back(relative);
      }
      if (face.files.empty()) {
        sink_.error(child.location, "<face> lists no font file",
                    "add <file>vazirmatn/Vazirmatn-Regular.ttf</file>");
        continue;
      }
      faces.push_back(std::move(face));
    }
  }

  void check_font_file(const std::string& relative, const SourceLocation& location, const StyleSheet& style) {
    const fs::path given(relative);
    if (relative.empty() || given.is_absolute()) {
      sink_.error(location, "font file '" + relative + "' must be a path inside fonts/",
                  "e.g. vazirmatn/Vazirmatn-Regular.ttf");
      return;
    }
    const fs::path normal = given.lexically_normal();
    if (normal.empty() || *normal.begin() == "..") {
      sink_.error(location, "font file '" + relative + "' leaves the fonts/ folder",
                  "fonts are pinned in fonts/; add new ones there");
      return;
    }
    if (style.fonts_dir.empty()) return;
    std::error_code ec;
    if (!fs::is_regular_file(style.fonts_dir / normal, ec)) {
      sink_.error(location, "font file '" + relative + "' does not exist in " + style.fonts_dir.string(),
                  "check the spelling; the shipped fonts are listed in fonts/README.md");
      return;
    }
    const std::string extension = normal.extension().string();
    if (extension != ".ttf" && extension != ".otf") {
      sink_.error(location, "font file '" + relative + "' is not a TrueType or OpenType font",
                  "use a .ttf or .otf file");
      return;
    }
    // Each file once per style, reported where it is first named (faces name the same files again
    // and again).
    const auto [verdict, is_new] = font_verdicts_.try_emplace(normal);
    if (!is_new) return;
    verdict->second = nashr::check_font_file(style.fonts_dir / normal);
    if (!verdict->second) {
      sink_.error(location, "font file '" + relative + "' " + verdict->second.error().reason,
                  verdict->second.error().hint);
    }
  }

  void read_paragraph(const XmlNode& element, ParagraphStyle& paragraph) {
    paragraph.location = element.location;
    check_attributes(element, {"align", "kashida", "hyphenate", "space-before", "space-after", "indent"}, sink_);
    check_no_text(element, sink_);
    if (const XmlAttribute* align = element.attribute("align")) {
      if (align->value == "justify")
        paragraph.align = Alignment::justify;
      else if (align->value == "ragged")
        paragraph.align = Alignment::start;
      else
        bad_value(*align, {"justify", "ragged"});
    }
    if (const XmlAttribute* kashida = element.attribute("kashida")) {
      if (kashida->value == "on" || kashida->value == "off") paragraph.kashida = kashida->value == "on";
      else bad_value(*kashida, {"on", "off"});
      if (paragraph.kashida && paragraph.align == Alignment::start) {
        sink_.warning(kashida->location, "kashida does nothing in ragged paragraphs",
                      "use align=\"justify\" or kashida=\"off\"");
      }
    }
    if (const XmlAttribute* hyphenate = element.attribute("hyphenate")) {
      if (hyphenate->value == "on" || hyphenate->value == "off") paragraph.hyphenate = hyphenate->value == "on";
      else bad_value(*hyphenate, {"on", "off"});
    }
    paragraph.space_before = length(element, "space-before", false).value_or(0);
    paragraph.space_after = length(element, "space-after", false).value_or(0);
    paragraph.first_line_indent = length(element, "indent", false).value_or(0);
  }

  void read_headings(const XmlNode& element, StyleSheet& style) {
    check_attributes(element, {}, sink_);
    check_no_text(element, sink_);
    std::array<bool, 3> seen{};
    for (const XmlNode& child : element.children) {
      if (!child.is_element()) continue;
      if (child.name != "level") {
        report_unknown_element(child, "headings", {"level"}, sink_);
        continue;
      }
      check_attributes(child, {"n", "size", "space-before", "space-after", "colour"}, sink_);
      const XmlAttribute* n = child.attribute("n");
      if (n == nullptr || (n->value != "1" && n->value != "2" && n->value != "3")) {
        sink_.error(n ? n->value_location : child.location, "<level> needs n=\"1\", \"2\" or \"3\"",
                    "headings have three levels");
        continue;
      }
      const std::size_t index = static_cast<std::size_t>(n->value[0] - '1');
      if (seen[index]) {
        sink_.error(child.location, "heading level " + n->value + " is given twice", "keep one");
        continue;
      }
      seen[index] = true;
      HeadingStyle& heading = style.headings[index];
      heading.location = child.location;
      heading.level = static_cast<int>(index) + 1;
      heading.size = length(child, "size", true).value_or(12);
      heading.space_before = length(child, "space-before", false).value_or(0);
      heading.space_after = length(child, "space-after", false).value_or(0);
      heading.colour = colour(child, "colour", true).value_or(Color{});
    }
    for (std::size_t i = 0; i < 3; ++i) {
      if (!seen[i]) {
        sink_.error(element.location, "heading level " + std::to_string(i + 1) + " is missing",
                    "add <level n=\"" + std::to_string(i + 1) + "\" size=\"…\" colour=\"…\"/>");
      }
    }
  }

  void read_summary_box(const XmlNode& element, StyleSheet& style) {
    SummaryBoxStyle& box = style.summary_box;
    box.location = element.location;
    check_attributes(element, {"background", "border", "border-width", "padding", "title-colour"}, sink_);
    check_no_text(element, sink_);
    box.background = colour(element, "background", true).value_or(rgb8(255, 255, 255));
    box.border = colour(element, "border", true).value_or(Color{});
    box.border_width = length(element, "border-width", true).value_or(0);
    box.padding = length(element, "padding", true).value_or(0);
    box.title_colour = colour(element, "title-colour", true).value_or(Color{});
    for (const XmlNode& child : element.children) {
      if (!child.is_element()) continue;
      if (child.name != "title") {
        report_unknown_element(child, "summary-box", {"title"}, sink_);
        continue;
      }
      check_attributes(child, {"xml:lang", "dir"}, sink_);
      MetaText title;
      title.lang = child.attribute("xml:lang") ? child.attribute("xml:lang")->value : style.lang;
      title.dir = is_persian_language(title.lang) ? Direction::rtl : Direction::ltr;
      title.text = plain_text(doc_, child, sink_, &title.location);
      if (title.text.empty())
        sink_.error(child.location, "empty summary title", "write it, e.g. Executive Summary");
      box.titles.push_back(std::move(title));
    }
    if (box.titles.empty()) {
      sink_.error(element.location, "<summary-box> has no <title>",
                  "add <title xml:lang=\"en\">Executive Summary</title>");
    }
  }

  // <watermark text="name|stamp" size="30pt" colour="#808080" opacity="0.2"/>; the size's bounds
  // are checked with the other lengths (style_limits.cpp).
  RunningText read_running(const XmlNode& element, const StyleSheet& style) {
    RunningText running;
    running.location = element.location;
    check_attributes(element, {"xml:lang", "dir", "first-page"}, sink_);
    running.lang = element.attribute("xml:lang") ? element.attribute("xml:lang")->value : style.lang;
    running.dir = style.dir;
    if (const XmlAttribute* dir = element.attribute("dir")) {
      if (dir->value == "rtl")
        running.dir = Direction::rtl;
      else if (dir->value == "ltr")
        running.dir = Direction::ltr;
      else
        bad_value(*dir, {"ltr", "rtl"});
    }
    if (const XmlAttribute* first = element.attribute("first-page")) {
      if (first->value == "show")
        running.on_first_page = true;
      else if (first->value != "hide")
        bad_value(*first, {"show", "hide"});
    }
    check_no_text(element, sink_);
    for (const XmlNode& child : element.children) {
      if (!child.is_element()) continue;
      std::vector<TemplatePart>* parts = nullptr;
      if (child.name == "start") parts = &running.start;
      if (child.name == "centre") parts = &running.centre;
      if (child.name == "end") parts = &running.end;
      if (parts == nullptr) {
        report_unknown_element(child, element.name, {"start", "centre", "end"}, sink_);
        continue;
      }
      check_attributes(child, {}, sink_);
      // Keep the template's spaces as written (only trim the ends).
      std::string text;
      for (const XmlNode& piece : child.children) {
        if (piece.is_element()) {
          sink_.error(piece.location, "<" + child.name + "> holds text and {fields} only",
                      "remove <" + piece.name + ">");
        } else {
          text += piece.text;
        }
      }
      *parts = parse_template(collapse_white_space(text), child);
    }
    return running;
  }

  std::vector<TemplatePart> parse_template(const std::string& text, const XmlNode& element) {
    std::vector<TemplatePart> parts;
    std::size_t i = 0;
    while (i < text.size()) {
      const std::size_t open = text.find('{', i);
      if (open != i) {
        parts.push_back(
            {false, text.substr(i, open == std::string::npos ? std::string::npos : open - i), {}});
        if (open == std::string::npos) break;
      }
      const std::size_t close = text.find('}', open);
      if (close == std::string::npos) {
        sink_.error(element.location, "'{' without '}' in <" + element.name + ">", "write fields as {page}");
        break;
      }
      const std::string name = text.substr(open + 1, close - open - 1);
      const auto found = std::find(kFieldNames.begin(), kFieldNames.end(), name);
      if (found == kFieldNames.end()) {
        sink_.error(element.location, "unknown field {" + name + "} in <" + element.name + ">",
                    unknown_name_hint(name, kFieldNames, "a running header or footer", false));
      } else {
        parts.push_back({true, {}, static_cast<RunningField>(found - kFieldNames.begin())});
      }
      i = close + 1;
    }
    return parts;
  }

  const XmlDocument& doc_;
  DiagnosticSink& sink_;
  std::map<fs::path, Result<void, FontProblem>> font_verdicts_;
};

}  // namespace

Result<StyleSheet> read_style(const std::string& path, DiagnosticSink& sink) {
  Result<XmlDocument> document = parse_xml_file(path);
  if (!document) {
    sink.report(document.error());
    return fail(document.error());
  }
  DiagnosticSink local;
  StyleSheet style = StyleReader(*document, local).read();
  const std::optional<Diagnostic> first_error = report_in_source_order(local, sink);
  if (first_error) return fail(*first_error);
  return style;
}

}  // namespace nashr
