#pragma once
// resolve's builder of one text block: runs of text appended with their look, like runs merged into
// one span, font chains shared between spans (resolve's internals; see resolved_document.h).
#include <map>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "resolve/resolved_document.h"

namespace nashr::resolving {

// Links are drawn in this blue (a darker shade of the usual web blue, readable in print and in grey).
inline constexpr Color kLinkColor = rgb8(0x1f, 0x5f, 0xa8);

// The font look of a span before it becomes chains.
struct Face {
  FontRole role = FontRole::body;
  FontWeight weight = FontWeight::regular;
  FontSlant slant = FontSlant::upright;
  double size = 10;
  Color colour;
  friend bool operator==(const Face&, const Face&) = default;
};

// Everything that makes two runs of text different spans.
struct RunStyle {
  Face face;
  std::string language;
  SpanIsolation isolation = SpanIsolation::none;
  int isolate_group = -1;  // runs of one isolating inline share it (one span when they look alike)
  int link = -1;           // index into the block's link targets
  double rise = 0;         // baseline raised by this much (a note's marker), points
  bool url = false;        // a web address (URL line-break rules)
  friend bool operator==(const RunStyle&, const RunStyle&) = default;
};

// A span's font chains depend only on its face's role, weight and slant and on whether its
// language is written in Arabic script: built once per resolve for each of those, not per span.
using ChainKey = std::tuple<FontRole, FontWeight, FontSlant, bool>;
using ChainCache = std::map<ChainKey, FontChains>;

// Builds one TextBlock: text and spans appended run by run; like runs next to each other merge.
class BlockBuilder {
 public:
  BlockBuilder(ChainCache& chain_cache, const StyleSheet& style, Direction dir, SourceLocation location)
      : chain_cache_(chain_cache), style_(style) {
    block_.paragraph.dir = dir;
    block_.paragraph.location = std::move(location);
  }

  void append(std::string_view text, const RunStyle& run, const SourceLocation& location);

  int add_link(SpanLink link) {
    links_.push_back(std::move(link));
    return static_cast<int>(links_.size()) - 1;
  }

  int new_isolate_group() { return next_group_++; }

  // The span appended last draws the marker of note `note`.
  void add_note_marker(std::size_t note) {
    block_.note_markers.push_back({static_cast<std::uint32_t>(block_.paragraph.spans.size() - 1), note});
  }

  bool empty() const { return block_.paragraph.text.empty(); }

  TextBlock finish(double width, double leading);

  LineSettings& settings() { return block_.settings; }

 private:
  // One shared list per distinct set of chains (see FontChains), found by the chains' paths.
  static FontChains shared(std::vector<FontChain> chains);

  FontChains chains(const Face& face, const std::string& language) const;

  FontChains build_chains(const Face& face, bool persian) const;

  // StyledSpan::look: one number per distinct (link, colour) of the block.
  std::uint32_t look_of(int link, const Color& colour);

  ChainCache& chain_cache_;
  const StyleSheet& style_;
  TextBlock block_;
  std::vector<RunStyle> styles_;
  std::vector<SpanLink> links_;
  std::vector<std::pair<int, Color>> looks_;
  int next_group_ = 0;
};

SpanIsolation to_isolation(Direction direction);
std::string language_or(const std::string& lang, const std::string& fallback);
double leading_for(const RoleStyle& role, double size);

}  // namespace nashr::resolving
