#pragma once
// Spreading a line's kashida extension over its kashida opportunities.
//
// The text stage decides where kashida may go (joins that allow it, never in «الله», never in words
// with harakat) and how far each may extend; the line breaker decides how much kashida a line needs
// (BrokenLine::kashida_width). This pure function decides how much goes where.
#include <cstddef>
#include <span>
#include <vector>

namespace nashr {

struct KashidaOpportunity {
  std::size_t position =
      0;             // the caller's position on the line (cluster, glyph or item index); orders spreading
  int priority = 0;  // lower classes are used first; a class is exhausted before the next is touched
  double max_extension = 0;  // the most this join may be extended
};

struct KashidaDistribution {
  std::vector<double> extensions;  // parallel to the opportunities given
  double used = 0;                 // sum of extensions
  double unused = 0;               // the part of the request that did not fit (give it back to the spaces)
};

// Distributes `request` over `opportunities`: priority class by priority class (lowest first), and
// within a class evenly — every opportunity gets the same extension unless its limit is lower
// (water filling). With `quantum` > 0 every extension is a whole number of quanta (e.g. the width
// of one tatweel when kashida is inserted as glyphs); quanta that cannot go to every opportunity of
// a class go to opportunities spread evenly along the line rather than to the first ones.
KashidaDistribution distribute_kashida(double request, std::span<const KashidaOpportunity> opportunities,
                                       double quantum = 0);

// Whole quanta (tatweels of width `quantum`) given out one round at a time: each round gives one
// quantum to every opportunity that still has room, so the elongation goes over as many
// opportunities as it can and no two differ by more than one quantum. When a round's quanta run
// out, the lower priority classes get theirs first, and within the class they run out in, they go
// to opportunities spread evenly along the line (by position).
KashidaDistribution spread_kashida_in_rounds(double request, std::span<const KashidaOpportunity> opportunities,
                                             double quantum);

}  // namespace nashr
