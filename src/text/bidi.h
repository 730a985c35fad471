#pragma once
// The Unicode Bidirectional Algorithm through ICU's ubidi, behind a small value type: levels for a
// paragraph, and the visual runs of any line of it (ubidi_setLine), which the line breaker needs
// after it has chosen its breaks. ICU types stay in bidi.cpp.
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "base/result.h"
#include "document/styled_paragraph.h"

namespace nashr {

// A maximal stretch of one line at one embedding level, [begin, end) in the paragraph's UTF-16 text.
// Characters inside a run display left to right when the level is even and right to left when odd.
struct VisualRun {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
  std::uint8_t level = 0;

  bool rtl() const { return (level & 1) != 0; }
  friend bool operator==(const VisualRun&, const VisualRun&) = default;
};

class BidiParagraph {
 public:
  // Runs the UBA on `text` (the object keeps it: ubidi reads it again for each line). The paragraph
  // level comes from `direction`, or for auto_ from the first strong character (LTR if none).
  // Fails only when ICU does (text longer than INT32_MAX, out of memory).
  static Result<BidiParagraph> analyse(std::u16string text, Direction direction);

  BidiParagraph(BidiParagraph&&) noexcept;
  BidiParagraph& operator=(BidiParagraph&&) noexcept;
  ~BidiParagraph();

  const std::u16string& text() const;
  std::uint8_t paragraph_level() const;

  // One resolved level per UTF-16 unit, for the whole paragraph taken as one line (rule L1 applied
  // to segment separators and to the paragraph's trailing white space only).
  std::span<const std::uint8_t> levels() const;

  // Levels of the line [begin, end) after rule L1 for that line (its trailing white space takes the
  // paragraph level).
  std::vector<std::uint8_t> line_levels(std::uint32_t begin, std::uint32_t end) const;

  // The line [begin, end) as visual runs, leftmost first (rules L1 and L2). An empty range gives
  // no runs.
  std::vector<VisualRun> visual_runs(std::uint32_t begin, std::uint32_t end) const;

 private:
  struct Impl;
  explicit BidiParagraph(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// True for the characters rule X9 removes from the algorithm: embeddings and overrides
// (LRE RLE LRO RLO PDF) and boundary neutrals (class BN, which includes ZWNJ and ZWJ). The UBA gives
// them no level of their own; ICU gives them a neighbour's, and they stay in the visual order.
bool is_removed_by_rule_x9(char32_t code_point);

}  // namespace nashr
