#pragma once
// The numbered things: figures (1, 2, 3 … per issue), sections (1, 1.1, 1.1.1), and what a
// later kind (tables) adds with one line in collect_numbers. Captions take their number from here,
// and <ref> finds its target here by id.
#include <array>
#include <map>
#include <string>
#include <unordered_map>

#include "model/report.h"
#include "style/style_sheet.h"

namespace nashr {

struct NumberedTarget {
  NumberedKind kind = NumberedKind::figure;
  std::string number;  // ASCII digits ("2", "2.1"); shown in the digits of the text around it
  std::string title;   // a section's heading as plain text; empty for other kinds
  std::string anchor;  // the named destination a reference links to (the target's id)
};

class NumberedTargets {
 public:
  // Numbers what `report` holds in reading order: the summaries, then the body.
  explicit NumberedTargets(const Report& report);

  // The number of a node of the model (a Figure, a Section), or null when it has none.
  const NumberedTarget* of(const void* node) const;
  // The target with this id, or null (the reader has checked that every <ref>'s id exists).
  const NumberedTarget* with_id(const std::string& id) const;

 private:
  void collect(const Blocks& blocks);
  void add(NumberedKind kind, const void* node, const std::string& id, std::string number, std::string title = {});

  std::array<int, kNumberedKindCount> counters_{};
  std::array<int, 3> section_levels_{};  // the current section number at each level
  std::unordered_map<const void*, NumberedTarget> nodes_;
  std::unordered_map<std::string, const void*> ids_;
};

// The 1-based page each named destination (anchor) is on, as the paginator placed it; the pages
// references to page numbers show (<ref show="page">). Empty in the first layout pass.
using PageNumbers = std::map<std::string, int, std::less<>>;

}  // namespace nashr
