// What a style sheet says (style_sheet.h), apart from reading it: names, lengths, colours, the
// faces a role picks and the dump.
// g++ 12 warns falsely on `"literal" + std::string` under -O3 (GCC bug 105329).
#pragma GCC diagnostic ignored "-Wrestrict"

#include "style/style_sheet.h"

#include "locale/persian_text.h"

#include <algorithm>
#include <cstdio>
#include <sstream>

namespace nashr {

const char* to_string(PageSize size) {
  switch (size) {
    case PageSize::a4: return "A4";
    case PageSize::letter: return "Letter";
    case PageSize::custom: return "custom";
  }
  return "custom";
}

const char* to_string(FontRole role) {
  switch (role) {
    case FontRole::body: return "body";
    case FontRole::heading: return "heading";
    case FontRole::masthead: return "masthead";
    case FontRole::caption: return "caption";
    case FontRole::mono: return "mono";
  }
  return "body";
}

const char* to_string(Script script) {
  return script == Script::arabic ? "arabic" : "latin";
}

const FontFace& RoleStyle::face(Script script, FontWeight weight, FontSlant slant) const {
  const std::vector<FontFace>& faces = script == Script::arabic ? arabic : latin;
  assert(!faces.empty() && "read_style guarantees a regular face per script");
  const FontFace* same_weight = nullptr;
  const FontFace* regular = &faces.front();
  for (const FontFace& face : faces) {
    if (face.weight == weight && face.slant == slant) return face;
    if (face.weight == weight && same_weight == nullptr) same_weight = &face;
    if (face.weight == FontWeight::regular && face.slant == FontSlant::upright) regular = &face;
  }
  return same_weight != nullptr ? *same_weight : *regular;
}

const std::string& SummaryBoxStyle::title_for(std::string_view language) const {
  static const std::string kNone;
  if (titles.empty()) return kNone;
  const std::string_view primary = language.substr(0, language.find('-'));
  for (const MetaText& title : titles) {
    if (std::string_view(title.lang).substr(0, title.lang.find('-')) == primary) return title.text;
  }
  return titles.front().text;
}

const char* to_string(NumberedKind kind) {
  switch (kind) {
    case NumberedKind::figure: return "figure";
    case NumberedKind::table: return "table";
    case NumberedKind::section: return "section";
  }
  return "?";
}

const NumberingLabels& default_numbering_labels(bool persian) {
  static const NumberingLabels kEnglish{
      {}, "en", {"Figure {number}", "Table {number}", "Section {number}, \u201c{title}\u201d"}, "page {number}", ": "};
  // «صفحهٔ»: heh and hamza above (U+0647 U+0654), as the reader normalises ۀ.
  static const NumberingLabels kPersian{{},
                                        "fa",
                                        {"\u0634\u06a9\u0644 {number}", "\u062c\u062f\u0648\u0644 {number}",
                                         "\u0628\u062e\u0634 {number}\u060c \u00ab{title}\u00bb"},
                                        "\u0635\u0641\u062d\u0647\u0654 {number}",
                                        ": "};
  return persian ? kPersian : kEnglish;
}

const NumberingLabels& NumberingStyle::labels_for(std::string_view language) const {
  const std::string_view primary = language.substr(0, language.find('-'));
  for (const NumberingLabels& entry : labels) {
    if (std::string_view(entry.lang).substr(0, entry.lang.find('-')) == primary) return entry;
  }
  return default_numbering_labels(is_persian_language(language));
}

std::string fill_label(const std::string& text, const std::string& number, const std::string& title) {
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    if (text.compare(i, 8, "{number}") == 0) {
      out += number;
      i += 8;
    } else if (text.compare(i, 7, "{title}") == 0) {
      out += title;
      i += 7;
    } else {
      out += text[i++];
    }
  }
  return out;
}

namespace {
std::string points(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.2fpt", value);
  return text;
}

std::string parts_text(const std::vector<TemplatePart>& parts) {
  std::string text;
  for (const TemplatePart& part : parts)
    text += part.is_field ? "{" + std::string(to_string(part.field)) + "}" : part.literal;
  return "\"" + text + "\"";
}
}  // namespace

std::string dump_style(const StyleSheet& style) {
  std::ostringstream out;
  out << "style " << style.name << " [" << style.lang << " " << to_string(style.dir) << "]\n";
  out << "  page " << to_string(style.page.size) << " " << points(style.page.width) << " x "
      << points(style.page.height) << " margins top " << points(style.page.margin_top) << " bottom "
      << points(style.page.margin_bottom) << " left " << points(style.page.margin_left) << " right "
      << points(style.page.margin_right) << "\n";
  for (const RoleStyle& role : style.roles) {
    out << "  role " << to_string(role.role) << " " << points(role.size) << "/" << points(role.leading) << " "
        << to_string(role.colour);
    if (role.arabic_size_adjust != 1) out << " arabic-size-adjust " << role.arabic_size_adjust * 100 << "%";
    if (role.latin_size_adjust != 1) out << " latin-size-adjust " << role.latin_size_adjust * 100 << "%";
    out << "\n";
    for (Script script : {Script::arabic, Script::latin}) {
      for (const FontFace& face : script == Script::arabic ? role.arabic : role.latin) {
        out << "    " << to_string(script) << " " << (face.weight == FontWeight::bold ? "bold" : "regular")
            << " " << (face.slant == FontSlant::italic ? "italic" : "upright") << ":";
        for (const std::string& file : face.files) out << " " << file;
        out << "\n";
      }
    }
  }
  out << "  paragraph " << (style.paragraph.align == Alignment::justify ? "justify" : "ragged") << " kashida "
      << (style.paragraph.kashida ? "on" : "off") << " hyphenate " << (style.paragraph.hyphenate ? "on" : "off")
      << " before " << points(style.paragraph.space_before)
      << " after " << points(style.paragraph.space_after) << " indent "
      << points(style.paragraph.first_line_indent) << "\n";
  if (style.list.given) {
    out << "  list item-space " << points(style.list.item_space) << " before " << points(style.list.space_before)
        << " after " << points(style.list.space_after) << " bullet " << style.list.bullet_size * 100 << "%\n";
  }
  if (style.masthead.grid > 0) out << "  masthead grid " << points(style.masthead.grid) << "\n";
  for (const HeadingStyle& heading : style.headings) {
    out << "  heading " << heading.level << " " << points(heading.size) << " before "
        << points(heading.space_before) << " after " << points(heading.space_after) << " "
        << to_string(heading.colour) << "\n";
  }
  const SummaryBoxStyle& box = style.summary_box;
  out << "  summary-box background " << to_string(box.background) << " border " << to_string(box.border)
      << " " << points(box.border_width) << " padding " << points(box.padding) << " title "
      << to_string(box.title_colour) << "\n";
  for (const MetaText& title : box.titles)
    out << "    title [" << title.lang << "] \"" << title.text << "\"\n";
  for (const RunningText* running : {&style.header, &style.footer}) {
    out << "  " << (running == &style.header ? "header" : "footer") << " [" << running->lang << " "
        << to_string(running->dir) << "]" << (running->on_first_page ? " first-page" : "") << " start "
        << parts_text(running->start) << " centre " << parts_text(running->centre) << " end "
        << parts_text(running->end) << "\n";
  }
  const WatermarkStyle& mark = style.watermark;
  if (mark.enabled) {  // (a style without one dumps as before)
    out << "  watermark " << (mark.text == WatermarkText::stamp ? "stamp" : "name") << " " << points(mark.size) << " "
        << to_string(mark.colour) << " opacity " << mark.opacity << "\n";
  }
  for (const NumberingLabels& labels : style.numbering.labels) {  // (a style without them dumps as before)
    out << "  numbering [" << labels.lang << "] " << labels.label(NumberedKind::figure) << " | "
        << labels.label(NumberedKind::table) << " | " << labels.label(NumberedKind::section) << " | " << labels.page
        << " | separator '" << labels.caption_separator << "'\n";
  }
  const TableStyle& table = style.table;
  if (table.location.line != 0) {  // given in the style (a style without one dumps as before)
    out << "  table " << points(table.size) << "/" << points(table.leading) << " padding " << points(table.padding)
        << " rule " << to_string(table.rule) << " frame " << points(table.frame_width) << " rows "
        << points(table.rule_width) << " columns " << (table.column_rules ? "on" : "off") << " head "
        << (table.header_background ? to_string(*table.header_background) : "none") << " stripe "
        << (table.stripe ? to_string(*table.stripe) : "none") << " caption "
        << (table.caption_below ? "below" : "above") << "\n";
  }
  const NotesStyle& notes = style.notes;
  if (notes.location.line != 0) {  // (a style without <notes> dumps as before)
    out << "  notes " << (notes.placement == NotePlacement::foot ? "foot" : "end") << " numbered by "
        << "issue" << " size " << points(notes.size)
        << " leading " << points(notes.leading) << " rule " << points(notes.rule_length) << " space-before "
        << points(notes.space_before) << "\n";
    for (const auto& [lang, text] : notes.titles) out << "    title [" << lang << "] \"" << text << "\"\n";
    for (const SourceFormat& format : notes.formats)
      out << "    source-format [" << format.lang << "] \"" << format.pattern << "\"\n";
  }
  return out.str();
}

}  // namespace nashr
