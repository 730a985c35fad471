// g++ 12 warns falsely on `"literal" + std::string` under -O3 (GCC bug 105329).
#pragma GCC diagnostic ignored "-Wrestrict"

#include "resolve/numbering.h"

#include <algorithm>
#include <variant>

namespace nashr {

NumberedTargets::NumberedTargets(const Report& report) {
  for (const Summary& summary : report.summaries) collect(summary.blocks);
  collect(report.body);
}

void NumberedTargets::add(NumberedKind kind, const void* node, const std::string& id, std::string number,
                          std::string title) {
  NumberedTarget target{kind, std::move(number), std::move(title), id};
  if (!id.empty()) ids_.emplace(id, node);
  nodes_.emplace(node, std::move(target));
}

void NumberedTargets::collect(const Blocks& blocks) {
  for (const Block& block : blocks) {
    if (const auto* section = std::get_if<Section>(&block.value)) {
      const auto level = static_cast<std::size_t>(std::clamp(section->level, 1, 3) - 1);
      ++section_levels_[level];
      for (std::size_t deeper = level + 1; deeper < section_levels_.size(); ++deeper) section_levels_[deeper] = 0;
      std::string number;
      for (std::size_t i = 0; i <= level; ++i) number += (i == 0 ? "" : ".") + std::to_string(section_levels_[i]);
      add(NumberedKind::section, section, section->id, number, outline_text(section->heading));
      collect(section->blocks);
    } else if (const auto* figure = std::get_if<Figure>(&block.value)) {
      const int number = ++counters_[static_cast<std::size_t>(NumberedKind::figure)];
      add(NumberedKind::figure, figure, figure->id, std::to_string(number));
    } else if (const auto* table = std::get_if<Table>(&block.value)) {
      const int number = ++counters_[static_cast<std::size_t>(NumberedKind::table)];
      add(NumberedKind::table, table, table->id, std::to_string(number));
    } else if (const auto* article = std::get_if<Article>(&block.value)) {
      // Each article numbers its sections from 1; figures and tables run on through the issue.
      section_levels_ = {};
      for (const Summary& summary : article->content->summaries) collect(summary.blocks);
      collect(article->content->body);
    } else if (const auto* quote = std::get_if<Quote>(&block.value)) {
      collect(quote->blocks);
    } else if (const auto* list = std::get_if<List>(&block.value)) {
      for (const ListItem& item : list->items) collect(item.blocks);
    }
  }
}

const NumberedTarget* NumberedTargets::of(const void* node) const {
  const auto found = nodes_.find(node);
  return found == nodes_.end() ? nullptr : &found->second;
}

const NumberedTarget* NumberedTargets::with_id(const std::string& id) const {
  const auto found = ids_.find(id);
  return found == ids_.end() ? nullptr : of(found->second);
}

}  // namespace nashr
