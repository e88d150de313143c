// Splits (SPEC section 12's corporate actions): applied to lots, cost per unit and the
// positions that hold the symbol from their effective time, also when recorded after a
// later trade; recorded once; known from when they were recorded; on every engine.
#include <string>
#include <vector>

#include "database/ledger_fixture.h"

namespace alexdb::database_test {
namespace {

class SplitsTest : public LedgerTest {
 protected:
  void SetUp() override {
    LedgerTest::SetUp();
    if (!IsSkipped()) add_instrument("NVDA", "NVIDIA");
  }
  std::string nvda(const char* type, const char* quantity, const char* price, const char* fees,
                   const char* at) {
    return trade(type, "NVDA", quantity, price, fees, at);
  }
  Decimal held_at(const std::string& date) {
    for (const PositionChange& c : db().positions.get_positions_at_date(account(), date)) {
      if (c.symbol == "NVDA") return c.quantity;
    }
    return Decimal();
  }
  std::vector<Lot> lots(std::optional<std::string> at = {}, CostMethod method = CostMethod::kFifo,
                        std::optional<std::string> known = {}) {
    return db().portfolio.lots(account(), "NVDA", std::move(at), method, std::move(known));
  }
};

TEST_P(SplitsTest, ATwoForOneSplitDoublesLotsAndPositionsFromItsDateOnly) {
  set_clock(micros(2025, 4, 1, 12));
  nvda("BUY", "10", "100", "5", "2025-01-10");
  nvda("BUY", "5", "120", "0", "2025-02-10");
  Split split = db().instruments.record_split("nvda", D("1"), D("2"), "2025-03-03");
  EXPECT_EQ(split.symbol, "NVDA");
  EXPECT_EQ(split.effective, canonical(micros(2025, 3, 3)));  // a date alone: its start

  // Positions: as recorded before, doubled from the effective time.
  EXPECT_EQ(held_at("2025-03-02"), D("15"));
  EXPECT_EQ(held_at("2025-03-03"), D("30"));
  EXPECT_EQ(db().positions.find_by_account(account()).at(0).quantity, D("30"));
  // Lots: the same costs over twice the units.
  std::vector<Lot> after = lots();
  ASSERT_EQ(after.size(), 2u);
  EXPECT_EQ(after[0].quantity, D("20"));
  EXPECT_EQ(after[0].cost_basis, D("1005"));
  EXPECT_EQ(after[0].cost_per_unit, D("50.25"));
  EXPECT_EQ(after[1].quantity, D("10"));
  EXPECT_EQ(after[1].cost_per_unit, D("60"));
  EXPECT_EQ(lots("2025-03-02")[0].quantity, D("10"));  // before it took effect
  // A sale after the split draws post-split units at the split cost.
  nvda("SELL", "25", "70", "2.50", "2025-03-10");
  Gains g = db().portfolio.gains(account(), "2025-01-01", "2025-03-31");
  ASSERT_EQ(g.realized.size(), 2u);
  EXPECT_EQ(g.realized[0].cost_basis, D("1005"));
  EXPECT_EQ(g.realized[1].quantity, D("5"));
  EXPECT_EQ(g.realized[1].cost_basis, D("300"));
  EXPECT_EQ(g.realized_total, D("1750") - D("2.50") - D("1305"));
  EXPECT_EQ(held_at("2025-03-10"), D("5"));
  // The checks of verify know split records from prices.
  EXPECT_TRUE(db().verify().ok());
}

TEST_P(SplitsTest, ASplitRecordedAfterALaterTradeStillAppliesToTheLotsHeldAtItsDate) {
  set_clock(micros(2025, 3, 10, 12));
  nvda("BUY", "10", "100", "0", "2025-01-10");
  nvda("BUY", "4", "55", "0", "2025-03-05");  // already in post-split units
  const std::string before_split = iso(2025, 3, 10, 13);
  set_clock(micros(2025, 3, 11, 12));
  db().instruments.record_split("NVDA", D("1"), D("2"), "2025-03-03");
  std::vector<Lot> now = lots();
  ASSERT_EQ(now.size(), 2u);
  EXPECT_EQ(now[0].quantity, D("20"));
  EXPECT_EQ(now[1].quantity, D("4"));
  // The position takes the ten new units now; dates before keep what was recorded.
  EXPECT_EQ(held_at("2025-03-11"), D("24"));
  EXPECT_EQ(held_at("2025-03-06"), D("14"));
  // As known before the split was recorded, the lots are as they were.
  std::vector<Lot> then = lots(std::nullopt, CostMethod::kFifo, before_split);
  ASSERT_EQ(then.size(), 2u);
  EXPECT_EQ(then[0].quantity, D("10"));
  EXPECT_EQ(db().instruments.splits("NVDA", before_split).size(), 0u);
  EXPECT_EQ(db().instruments.splits("NVDA").size(), 1u);
}

TEST_P(SplitsTest, APriceQuotedBeforeTheSplitIsAdjustedFromItsDate) {
  set_clock(micros(2025, 4, 1, 12));
  db().instruments.update_price("NVDA", D("100"), {}, "2025-01-09");
  nvda("BUY", "10", "100", "0", "2025-01-10");
  db().instruments.record_split("NVDA", D("1"), D("2"), "2025-03-03");
  auto value_at = [&](const char* date) {
    return db().positions.get_account_value_at_date(account(), date).total_value;
  };
  EXPECT_EQ(value_at("2025-03-02"), D("1000"));  // 10 at 100
  EXPECT_EQ(value_at("2025-03-05"), D("1000"));  // 20 at 50, not 2000
  // The price the split implies is recorded at its time; the quote before stays.
  std::vector<PricePoint> history = db().instruments.get_price_history("NVDA");
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[0].price, D("100"));
  EXPECT_EQ(history[1].timestamp, canonical(micros(2025, 3, 3)));
  EXPECT_EQ(history[1].price, D("50"));
  EXPECT_EQ(history[1].source, "split");
  Gains g = db().portfolio.gains(account(), std::nullopt, "2025-03-31");
  ASSERT_EQ(g.unrealized.size(), 1u);
  EXPECT_EQ(g.unrealized[0].value, D("1000"));
  // A later quote (split-adjusted, as feeds give it) wins from its time.
  db().instruments.update_price("NVDA", D("55"), {}, "2025-03-20");
  EXPECT_EQ(value_at("2025-03-10"), D("1000"));
  EXPECT_EQ(value_at("2025-03-25"), D("1100"));
  // Recording the split again writes no second price.
  db().instruments.record_split("NVDA", D("1"), D("2"), "2025-03-03");
  EXPECT_EQ(db().instruments.get_price_history("NVDA").size(), 3u);
  EXPECT_TRUE(db().verify().ok());
}

TEST_P(SplitsTest, AReverseSplitDividesUnitsAndKeepsCost) {
  set_clock(micros(2025, 4, 1, 12));
  db().instruments.update_price("NVDA", D("2.125"), {}, "2025-01-10");
  nvda("BUY", "100", "2", "0", "2025-01-10");
  db().instruments.record_split("NVDA", D("10"), D("1"), "2025-02-01");
  EXPECT_EQ(held_at("2025-02-01"), D("10"));
  EXPECT_EQ(db().instruments.get_price_at_date("NVDA", "2025-01-31")->price, D("2.125"));
  EXPECT_EQ(db().instruments.get_price_at_date("NVDA", "2025-02-01")->price, D("21.25"));
  EXPECT_EQ(lots().at(0).cost_per_unit, D("20"));
  EXPECT_EQ(lots(std::nullopt, CostMethod::kAverage).at(0).quantity, D("10"));
}

TEST_P(SplitsTest, ASplitIsRecordedOnceAndBadInputWritesNothing) {
  set_clock(micros(2025, 4, 1, 12));
  nvda("BUY", "10", "100", "0", "2025-01-10");
  Split first = db().instruments.record_split("NVDA", D("1"), D("3"), "2025-02-01");
  set_clock(micros(2025, 4, 2, 12));
  EXPECT_EQ(db().instruments.record_split("NVDA", D("1"), D("3"), "2025-02-01"), first);
  EXPECT_EQ(held_at("2025-04-02"), D("30"));  // applied once
  EXPECT_THROW(db().instruments.record_split("NVDA", D("1"), D("2"), "2025-02-01"), AlreadyExists);

  const std::size_t before = item_count();
  auto split = [&](const char* from, const char* to, const char* at, const char* symbol = "NVDA") {
    db().instruments.record_split(symbol, D(from), D(to), at);
  };
  expect_validation_error([&] { split("0", "2", "2025-02-10"); }, "ratio_from", "a ratio of 0");
  expect_validation_error([&] { split("1", "-2", "2025-02-10"); }, "ratio_to", "a negative ratio");
  expect_validation_error([&] { split("2", "2", "2025-02-10"); }, "ratio_to", "equal ratios");
  expect_validation_error([&] { split("1", "2", "2999-01-01"); }, "effective", "a future date");
  expect_validation_error([&] { split("1", "2", "soon"); }, "effective", "not a date");
  expect_validation_error([&] { split("1", "2", "2025-02-10", "bad symbol!"); }, "symbol",
                          "a bad symbol");
  EXPECT_THROW(split("1", "2", "2025-02-10", "NOPE"), NotFound);
  EXPECT_EQ(item_count(), before);
}

ALEXDB_DATABASE_SUITE(SplitsTest);

}  // namespace
}  // namespace alexdb::database_test
