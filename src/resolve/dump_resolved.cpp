// dump_resolved: the resolved document as text for golden tests and `--dump=resolve`.
#include <cstdio>
#include <string>

#include "resolve/resolved_document.h"

namespace nashr {
namespace {

std::string points(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.2f", value);
  std::string text = buffer;
  while (text.back() == '0') text.pop_back();
  if (text.back() == '.') text.pop_back();
  return text == "-0" ? "0" : text;
}

std::string where(const SourceLocation& location) {
  return std::to_string(location.line) + ":" + std::to_string(location.column);
}

const char* to_string(SpanIsolation isolation) {
  switch (isolation) {
    case SpanIsolation::none: return "-";
    case SpanIsolation::ltr: return "LRI";
    case SpanIsolation::rtl: return "RLI";
    case SpanIsolation::first_strong: return "FSI";
  }
  return "?";
}

// Control characters shown by name so the dump stays readable.
std::string visible(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text.compare(i, 3, "\u2028") == 0) {
      out += "<LS>";
      i += 2;
    } else if (text.compare(i, 3, "\u200c") == 0) {
      out += "<ZWNJ>";
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

void dump_text(std::string& out, const TextBlock& block, const std::string& indent) {
  const StyledParagraph& paragraph = block.paragraph;
  const LineSettings& settings = block.settings;
  out += indent + "text dir=" + nashr::to_string(paragraph.dir) + " width=" + points(settings.width) +
         " first-indent=" + points(settings.first_line_indent) + " align=" + to_string(settings.alignment) +
         (settings.kashida ? " kashida" : "") + (settings.hyphenate ? " hyphenate" : "") + " leading=" + points(block.leading) + "\n";
  for (std::size_t i = 0; i < paragraph.spans.size(); ++i) {
    const StyledSpan& span = paragraph.spans[i];
    out += indent + "  [" + std::to_string(span.begin) + "," + std::to_string(span.end) + ") " +
           span.language + " " + to_string(span.isolation) + " " + points(span.font_size) + "pt";
    if (i < settings.span_colors.size()) {
      out += ' ';
      out += to_string(settings.span_colors[i]);
    }
    if (i < block.links.size() && !(block.links[i].uri.empty() && block.links[i].destination.empty())) {
      out += block.links[i].uri.empty() ? " link=#" : " link=";
      out += block.links[i].uri.empty() ? block.links[i].destination.str() : block.links[i].uri.str();
    }
    out += " @";
    out += where(span.location);
    out += " fonts=";
    if (i > 0 && span.fonts == paragraph.spans[i - 1].fonts) out += "(as before)";
    for (std::size_t c = 0; (i == 0 || span.fonts != paragraph.spans[i - 1].fonts) && c < span.fonts.size();
         ++c) {
      if (c > 0) out += ";";
      out += span.fonts[c].script;
      if (span.fonts[c].size_adjust != 1) {
        out += '(';
        out += points(span.fonts[c].size_adjust * 100);
        out += "%)";
      }
      out += ":";
      for (std::size_t f = 0; f < span.fonts[c].fonts.size(); ++f) {
        if (f > 0) out += ',';
        out += span.fonts[c].fonts[f].stem().string();
      }
    }
    out += " \"" + visible(paragraph.text.substr(span.begin, span.end - span.begin)) + "\"\n";
  }
}

void dump_running(std::string& out, const char* name, const RunningLine& line) {
  out += std::string(name) + (line.persian_digits ? " persian-digits" : "") +
         (line.on_first_page ? " first-page" : "") + "\n";
  const std::pair<const char*, const TextBlock*> parts[] = {
      {"start", &line.start}, {"centre", &line.centre}, {"end", &line.end}};
  for (const auto& [part, block] : parts) {
    if (block->paragraph.text.empty()) continue;
    out += std::string("  ") + part + "\n";
    dump_text(out, *block, "    ");
  }
}

// A table's columns and cells, each cell's text as a paragraph's.
void dump_table_cells(std::string& out, const ResolvedTable& table) {
  out += "  table " + std::to_string(table.rows) + " rows (" + std::to_string(table.header_rows) + " head) " +
         std::to_string(table.columns.size()) + " columns" + (table.rtl ? " rtl" : " ltr") + " width=" +
         points(table.width) + "\n";
  for (const TableColumn& column : table.columns) {
    out += std::string("    column ") + to_string(column.width) + " " + points(column.value) + " " +
           to_string(column.align) + "\n";
  }
  for (const ResolvedCell& cell : table.cells) {
    out += "    cell row=" + std::to_string(cell.row + 1) + " column=" + std::to_string(cell.column + 1) +
           " span=" + std::to_string(cell.column_span) + "x" + std::to_string(cell.row_span) + " " +
           to_string(cell.align) + (cell.header ? " head" : "") + "\n";
    if (cell.has_text) dump_text(out, cell.text, "      ");
  }
}

}  // namespace

std::string dump_resolved(const ResolvedDocument& document) {
  std::string out;
  const PageGeometry& page = document.page;
  out += "page " + points(page.width) + "x" + points(page.height) + " margins t=" + points(page.margin_top) +
         " b=" + points(page.margin_bottom) + " l=" + points(page.margin_left) +
         " r=" + points(page.margin_right) + (document.rtl ? " rtl" : " ltr") + "\n";
  const DocumentInfo& info = document.info;
  out += "info title=\"" + info.title + "\" author=\"" + info.author + "\" subject=\"" + info.subject +
         "\" keywords=\"" + info.keywords + "\" language=" + info.language + " issn=" + info.issn +
         " date=" + (info.issue_date ? to_iso_date(*info.issue_date) : std::string()) + "\n";
  out += "summary-box background=" + to_string(document.summary_background) +
         " border=" + to_string(document.summary_border) + " " + points(document.summary_border_width) +
         "pt padding=" + points(document.summary_padding) + " margin=" + points(document.summary_margin) +
         "\n";
  out += "masthead grid=" + points(document.masthead_grid) + "\n";
  dump_running(out, "header", document.header);
  dump_running(out, "footer", document.footer);
  for (std::size_t i = 0; i < document.blocks.size(); ++i) {
    const ResolvedBlock& block = document.blocks[i];
    out += "block " + std::to_string(i) + " " + to_string(block.kind) + " @" + where(block.location) +
           " indent=" + points(block.indent_start) + "/" + points(block.indent_end) +
           " space=" + points(block.space_before) + "/" + points(block.space_after);
    if (block.keep_with_next) out += " keep-with-next";
    if (block.box_group >= 0) out += " box=" + std::to_string(block.box_group);
    if (block.rule_after) out += " rule-after";
    if (block.floating) out += " floating";
    if (!block.anchor.empty()) out += " anchor=" + block.anchor;
    if (block.outline_level > 0)
      out += " outline=" + std::to_string(block.outline_level) + ":\"" + block.outline_title + "\"";
    out += "\n";
    if (!block.image.empty()) {
      out += "  image " + block.image.filename().string() + " " + points(block.image_width) + "x" +
             points(block.image_height) + "\n";
    }
    if (block.contents && block.contents->page_number) {
      out += "  page-number\n";
      dump_text(out, *block.contents->page_number, "    ");
    }
    if (block.marker) {
      out += "  marker\n";
      dump_text(out, *block.marker, "    ");
    }
    if (block.text) dump_text(out, *block.text, "  ");
    if (block.table) dump_table_cells(out, *block.table);
  }
  for (const ResolvedNote& note : document.notes) {
    out += "note " + note.number + " @" + where(note.location) + " anchor=" + note.anchor + " back=" +
           note.back_anchor + " marker-block=" + std::to_string(note.marker_block) +
           (note.text ? " foot" : " end") + "\n";
    if (note.text) dump_text(out, *note.text, "  ");
  }
  return out;
}

}  // namespace nashr
