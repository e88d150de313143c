// The hifo order of open lots: highest cost per unit first, ties by the earliest
// acquired, kept as lots change; and checked against a scan of every lot over generated
// sequences.
#include "alex/hifo_order.h"

#include <gtest/gtest.h>

#include <map>
#include <random>

namespace alexdb::alex {
namespace {

Decimal Dh(const char* text) { return Decimal::parse(text); }

TEST(HifoOrderTest, TheHighestCostPerUnitComesFirst) {
  HifoOrder order;
  EXPECT_EQ(order.first(), std::nullopt);
  order.add(0, Dh("900"), Dh("10"));   // 90 a unit
  order.add(1, Dh("1200"), Dh("10"));  // 120 a unit
  order.add(2, Dh("300"), Dh("3"));    // 100 a unit
  EXPECT_EQ(order.size(), 3u);
  EXPECT_EQ(order.first(), 1u);
  EXPECT_TRUE(order.remove(1, Dh("1200"), Dh("10")));
  EXPECT_EQ(order.first(), 2u);
  EXPECT_TRUE(order.remove(2, Dh("300"), Dh("3")));
  EXPECT_EQ(order.first(), 0u);
}

TEST(HifoOrderTest, EqualCostsPerUnitGoByTheEarliestAcquired) {
  HifoOrder order;
  // 100 a unit, spelled differently, added out of order.
  order.add(7, Dh("300.00"), Dh("3"));
  order.add(2, Dh("1000"), Dh("10.0"));
  order.add(5, Dh("50"), Dh("0.5"));
  EXPECT_EQ(order.first(), 2u);
  EXPECT_TRUE(order.remove(2, Dh("1000"), Dh("10")));
  EXPECT_EQ(order.first(), 5u);
  EXPECT_TRUE(order.remove(5, Dh("50"), Dh("0.5")));
  EXPECT_EQ(order.first(), 7u);
}

TEST(HifoOrderTest, CostsPerUnitThatDoNotDivideEvenlyCompareExactly) {
  HifoOrder order;
  // 100/3 = 33.333... and 33.33333333/1: the first is higher by less than 1e-8.
  order.add(0, Dh("33.33333333"), Dh("1"));
  order.add(1, Dh("100"), Dh("3"));
  EXPECT_EQ(order.first(), 1u);
  // 200/6 is 100/3: a tie, so the earlier lot (1) stays first.
  order.add(2, Dh("200"), Dh("6"));
  EXPECT_EQ(order.first(), 1u);
}

TEST(HifoOrderTest, ALotIsFoundByTheValuesItWasAddedWith) {
  HifoOrder order;
  order.add(0, Dh("100"), Dh("1"));
  EXPECT_FALSE(order.remove(0, Dh("100"), Dh("2")));  // another cost per unit
  EXPECT_FALSE(order.remove(1, Dh("100"), Dh("1")));  // another lot
  EXPECT_EQ(order.size(), 1u);
  // A part drawn: re-ordered by what is left.
  EXPECT_TRUE(order.remove(0, Dh("100"), Dh("1")));
  order.add(0, Dh("33.33"), Dh("0.3"));
  EXPECT_EQ(order.first(), 0u);
  order.clear();
  EXPECT_EQ(order.size(), 0u);
  EXPECT_EQ(order.first(), std::nullopt);
}

// The lot a scan of every lot picks: the first of the highest cost per unit.
std::uint64_t scanned_first(const std::map<std::uint64_t, std::pair<Decimal, Decimal>>& lots) {
  auto best = lots.begin();
  for (auto it = std::next(lots.begin()); it != lots.end(); ++it) {
    const auto& [cost, quantity] = it->second;
    const auto& [best_cost, best_quantity] = best->second;
    if (Decimal::multiply(cost, best_quantity, 30) > Decimal::multiply(best_cost, quantity, 30)) {
      best = it;
    }
  }
  return best->first;
}

TEST(HifoOrderTest, AgreesWithAScanOfEveryLotOverGeneratedSequences) {
  std::mt19937 rng(17);
  for (int round = 0; round < 20; ++round) {
    HifoOrder order;
    std::map<std::uint64_t, std::pair<Decimal, Decimal>> lots;
    std::uint64_t next = 0;
    for (int step = 0; step < 300; ++step) {
      if (lots.empty() || rng() % 3 != 0) {
        // Few distinct prices, so that ties are common.
        Decimal quantity = Decimal::from_int(1 + static_cast<std::int64_t>(rng() % 4));
        Decimal cost = Decimal::multiply(
            quantity, Decimal::from_int(100 + static_cast<std::int64_t>(rng() % 5)), 30);
        order.add(next, cost, quantity);
        lots.emplace(next++, std::make_pair(cost, quantity));
        continue;
      }
      const std::uint64_t first = scanned_first(lots);
      ASSERT_EQ(order.first(), first) << "round " << round << ", step " << step;
      auto& [cost, quantity] = lots.at(first);
      ASSERT_TRUE(order.remove(first, cost, quantity));
      if (rng() % 2 == 0) {
        lots.erase(first);
        continue;
      }
      // A third drawn, its cost rounded to cents: the cost per unit moves a little.
      Decimal part = Decimal::divide(quantity, Decimal::from_int(3), 8);
      Decimal part_cost = Decimal::divide(Decimal::multiply(cost, part, 30), quantity, 2);
      quantity -= part;
      cost -= part_cost;
      order.add(first, cost, quantity);
    }
    EXPECT_EQ(order.size(), lots.size());
  }
}

}  // namespace
}  // namespace alexdb::alex
