#include "linebreak/kashida.h"

#include <gtest/gtest.h>

#include <cmath>
#include <numeric>
#include <vector>

namespace nashr {
namespace {

std::vector<KashidaOpportunity> uniform(std::size_t count, double max_extension, int priority = 0) {
  std::vector<KashidaOpportunity> out;
  for (std::size_t i = 0; i < count; ++i) out.push_back({i * 10, priority, max_extension});
  return out;
}

TEST(Kashida, SpreadsEvenlyWithinLimits) {
  const KashidaDistribution d = distribute_kashida(6, uniform(4, 5));
  EXPECT_EQ(d.extensions, (std::vector<double>{1.5, 1.5, 1.5, 1.5}));
  EXPECT_DOUBLE_EQ(d.used, 6);
  EXPECT_DOUBLE_EQ(d.unused, 0);
}

TEST(Kashida, LowLimitsSpillToTheOthers) {
  // 9 over limits {1, 5, 5}: the first is capped at 1, the other two share 8.
  const std::vector<KashidaOpportunity> opportunities{{0, 0, 1}, {1, 0, 5}, {2, 0, 5}};
  const KashidaDistribution d = distribute_kashida(9, opportunities);
  EXPECT_EQ(d.extensions, (std::vector<double>{1, 4, 4}));
  EXPECT_DOUBLE_EQ(d.unused, 0);
}

TEST(Kashida, ReportsWhatDoesNotFit) {
  const KashidaDistribution d = distribute_kashida(20, uniform(3, 2));
  EXPECT_EQ(d.extensions, (std::vector<double>{2, 2, 2}));
  EXPECT_DOUBLE_EQ(d.used, 6);
  EXPECT_DOUBLE_EQ(d.unused, 14);
}

TEST(Kashida, PriorityClassesAreUsedInOrder) {
  // Class 0 (e.g. joins after seen/sad) takes everything it can before class 1 is touched.
  const std::vector<KashidaOpportunity> opportunities{{0, 1, 10}, {5, 0, 2}, {9, 1, 10}, {12, 0, 2}};
  KashidaDistribution d = distribute_kashida(3, opportunities);
  EXPECT_EQ(d.extensions, (std::vector<double>{0, 1.5, 0, 1.5}));
  d = distribute_kashida(8, opportunities);
  EXPECT_EQ(d.extensions, (std::vector<double>{2, 2, 2, 2}));
}

TEST(Kashida, QuantaSpreadAlongTheLineNotFromItsStart) {
  // Three whole tatweels of width 1 over eight joins: one each at joins floor((k + ½) · 8/3) = 1, 4, 6.
  const KashidaDistribution d = distribute_kashida(3.5, uniform(8, 4), 1);
  EXPECT_EQ(d.extensions, (std::vector<double>{0, 1, 0, 0, 1, 0, 1, 0}));
  EXPECT_DOUBLE_EQ(d.used, 3);
  EXPECT_DOUBLE_EQ(d.unused, 0.5);  // less than one quantum goes back to the spaces
}

TEST(Kashida, QuantaFollowPositionsNotInputOrder) {
  // The same joins given out of order: the chosen ones are still evenly spread by position.
  std::vector<KashidaOpportunity> shuffled = uniform(8, 4);
  std::swap(shuffled[0], shuffled[7]);
  std::swap(shuffled[2], shuffled[5]);
  const KashidaDistribution d = distribute_kashida(3, shuffled, 1);
  std::vector<double> by_position(8);
  for (std::size_t i = 0; i < shuffled.size(); ++i) by_position[shuffled[i].position / 10] = d.extensions[i];
  EXPECT_EQ(by_position, (std::vector<double>{0, 1, 0, 0, 1, 0, 1, 0}));
}

TEST(Kashida, QuantaRespectLimitsAndLevelUp) {
  // 7 quanta of 0.5 over limits {0.5, 2, 2}: the first takes its one quantum, the others share 6.
  const std::vector<KashidaOpportunity> opportunities{{0, 0, 0.5}, {1, 0, 2}, {2, 0, 2}};
  const KashidaDistribution d = distribute_kashida(3.5, opportunities, 0.5);
  EXPECT_EQ(d.extensions, (std::vector<double>{0.5, 1.5, 1.5}));
  EXPECT_DOUBLE_EQ(d.unused, 0);
}

TEST(Kashida, NothingToDo) {
  EXPECT_TRUE(distribute_kashida(5, {}).extensions.empty());
  EXPECT_DOUBLE_EQ(distribute_kashida(5, {}).unused, 5);
  const KashidaDistribution d = distribute_kashida(0, uniform(3, 2));
  EXPECT_EQ(d.extensions, (std::vector<double>{0, 0, 0}));
  EXPECT_DOUBLE_EQ(distribute_kashida(-1, uniform(3, 2)).used, 0);
}

TEST(Kashida, NeverExceedsALimitOrTheRequest) {
  for (double request = 0; request < 30; request += 0.7) {
    const std::vector<KashidaOpportunity> opportunities{
        {0, 0, 1}, {1, 1, 3}, {2, 0, 0.2}, {3, 2, 5}, {4, 1, 2.5}};
    for (const double quantum : {0.0, 0.3, 1.0}) {
      const KashidaDistribution d = distribute_kashida(request, opportunities, quantum);
      double sum = 0;
      for (std::size_t i = 0; i < opportunities.size(); ++i) {
        EXPECT_LE(d.extensions[i], opportunities[i].max_extension + 1e-9);
        EXPECT_GE(d.extensions[i], 0);
        sum += d.extensions[i];
      }
      EXPECT_NEAR(sum, d.used, 1e-9);
      EXPECT_LE(d.used, request + 1e-9);
      EXPECT_NEAR(d.used + d.unused, request, 1e-9);
      // All the request is used up to the capacity (in whole quanta when quantised).
      double capacity = 0;
      for (const KashidaOpportunity& o : opportunities) {
        capacity += quantum > 0 ? std::floor(o.max_extension / quantum + 1e-9) * quantum : o.max_extension;
      }
      if (quantum == 0) {
        EXPECT_NEAR(d.used, std::min(request, capacity), 1e-9);
      } else {
        EXPECT_LE(d.unused, std::max(quantum, request - capacity) + 1e-9);
      }
    }
  }
}

}  // namespace
}  // namespace nashr

namespace nashr {
namespace {

// Issue 17: the elongation goes over as many words as it can, one tatweel each per round, the
// better priority classes first when a round runs short, never two tatweels on one word while
// another with room has none.
TEST(KashidaInRounds, OneTatweelPerWordBeforeAnyGetsTwo) {
  // Classes 1, 7, 1, 3 at positions 0, 10, 20, 30; two tatweels each at most; quantum 1.
  const std::vector<KashidaOpportunity> joins{{0, 1, 2}, {10, 7, 2}, {20, 1, 2}, {30, 3, 2}};
  EXPECT_EQ(spread_kashida_in_rounds(3, joins, 1).extensions, (std::vector<double>{1, 0, 1, 1}));
  EXPECT_EQ(spread_kashida_in_rounds(2, joins, 1).extensions, (std::vector<double>{1, 0, 1, 0}));
  EXPECT_EQ(spread_kashida_in_rounds(4, joins, 1).extensions, (std::vector<double>{1, 1, 1, 1}));
  EXPECT_EQ(spread_kashida_in_rounds(6, joins, 1).extensions, (std::vector<double>{2, 1, 2, 1}));
  const KashidaDistribution full = spread_kashida_in_rounds(10, joins, 1);
  EXPECT_EQ(full.extensions, (std::vector<double>{2, 2, 2, 2}));
  EXPECT_DOUBLE_EQ(full.unused, 2);
}

TEST(KashidaInRounds, ShortRoundInOneClassSpreadsAlongTheLine) {
  // Five joins of one class, two tatweels: the second and fourth, not the first two.
  std::vector<KashidaOpportunity> joins;
  for (std::size_t i = 0; i < 5; ++i) joins.push_back({i * 10, 4, 2});
  EXPECT_EQ(spread_kashida_in_rounds(2, joins, 1).extensions, (std::vector<double>{0, 1, 0, 1, 0}));
  // A join without room for one tatweel takes none.
  joins[1].max_extension = 0.5;
  EXPECT_EQ(spread_kashida_in_rounds(4, joins, 1).extensions, (std::vector<double>{1, 0, 1, 1, 1}));
}

}  // namespace
}  // namespace nashr
