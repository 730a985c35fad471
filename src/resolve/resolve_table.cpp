// resolve: a table's cells as paragraphs, its look from the style, and its numbered caption.
#include <algorithm>
#include <cassert>

#include "locale/persian_text.h"
#include "resolve/numbering.h"
#include "resolve/resolver.h"

namespace nashr {
namespace resolving {

namespace {

// start and end are the table's sides: a cell whose own direction differs turns them round.
Alignment line_alignment(CellAlignment align, bool cell_rtl, bool table_rtl) {
  switch (align) {
    case CellAlignment::centre: return Alignment::center;
    case CellAlignment::end: return cell_rtl == table_rtl ? Alignment::end : Alignment::start;
    case CellAlignment::start:
    case CellAlignment::decimal: break;  // decimal: the table stage places the line itself
  }
  return cell_rtl == table_rtl ? Alignment::start : Alignment::end;
}

}  // namespace

ResolvedCell Resolver::table_cell(const TableCell& cell, const Table& table, bool header, bool rtl) {
  ResolvedCell resolved;
  resolved.column = cell.column;
  resolved.column_span = cell.column_span;
  resolved.row_span = cell.row_span;
  resolved.header = header;
  resolved.align = cell.align.value_or(table.columns[static_cast<std::size_t>(cell.column)].align);
  const Direction dir = cell.dir == Direction::auto_detect ? (rtl ? Direction::rtl : Direction::ltr) : cell.dir;
  BlockBuilder builder(chain_cache_, style_, dir, cell.location);
  ragged(builder);
  builder.settings().alignment = line_alignment(resolved.align, dir == Direction::rtl, rtl);
  RunStyle run = body_run(cell.lang);
  run.face.size = style_.table.size;
  if (header) run.face.weight = FontWeight::bold;
  inlines(cell.content, run, builder);
  resolved.has_text = !builder.empty();
  resolved.text = builder.finish(0, style_.table.leading);
  return resolved;
}

void Resolver::table(const Table& table, const Context& context, std::vector<ResolvedBlock>& out) {
  const bool rtl = table.dir == Direction::rtl || (table.dir == Direction::auto_detect && rtl_);
  auto resolved = std::make_shared<ResolvedTable>();
  resolved->columns = table.columns;
  resolved->rows = table.rows.size();
  resolved->header_rows = table.header_rows();
  resolved->rtl = rtl;
  resolved->width = std::max(0.0, measure_ - context.indent_start - context.indent_end);
  resolved->page_height = text_height_;
  resolved->look = style_.table;
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    for (const TableCell& cell : table.rows[r].cells) {
      resolved->cells.push_back(table_cell(cell, table, table.rows[r].header, rtl));
      resolved->cells.back().row = r;
    }
  }
  ResolvedBlock block = placed_block(BlockKind::table, table.location, context, table.id);
  block.space_before = style_.paragraph.space_after;
  block.space_after = style_.paragraph.space_after;
  block.table = std::move(resolved);

  // The caption: "Table 3" (the style's <numbering> words) in bold, then the author's text.
  const bool persian = is_persian_language(language_or(table.lang, report_.lang));
  const RoleStyle& role = style_.role(FontRole::caption);
  BlockBuilder builder(chain_cache_, style_, table.dir, table.location);
  ragged(builder);
  RunStyle run;
  run.face = {FontRole::caption, FontWeight::bold, FontSlant::upright, role.size, role.colour};
  run.language = language_or(table.lang, report_.lang);
  const NumberingLabels& labels = style_.numbering.labels_for(run.language);
  const NumberedTarget* number = numbers_.of(&table);
  assert(number != nullptr);  // NumberedTargets numbers every table of the report
  label_text(builder, labels.label(NumberedKind::table), persian ? to_persian_digits(number->number) : number->number,
             {}, run, table.location);
  if (!table.caption.empty()) builder.append(labels.caption_separator, run, table.caption.front().location);
  run.face.weight = FontWeight::regular;
  if (!table.caption.empty()) inlines(table.caption, run, builder);
  const SourceLocation& at = table.caption.empty() ? table.location : table.caption.front().location;
  ResolvedBlock caption = text_block(BlockKind::caption, at, context, builder, role.leading);
  if (style_.table.caption_below) {
    block.keep_with_next = true;
    caption.space_after = style_.paragraph.space_after * 2;
    out.push_back(std::move(block));
    out.push_back(std::move(caption));
  } else {
    caption.keep_with_next = true;
    caption.space_before = style_.paragraph.space_after;
    caption.space_after = style_.table.padding;
    block.space_before = 0;
    block.space_after = style_.paragraph.space_after * 2;
    caption.anchor = std::move(block.anchor);
    block.anchor.clear();
    out.push_back(std::move(caption));
    out.push_back(std::move(block));
  }
}

}  // namespace resolving
}  // namespace nashr
