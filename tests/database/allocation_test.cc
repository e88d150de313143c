// An account's allocation at a date (SPEC section 12): each position's value spread over
// its instrument's map of the kind asked for, weights to 2 places, missing prices listed,
// on every engine.
#include <string>

#include "database/ledger_fixture.h"

namespace alexdb::database_test {
namespace {

class AllocationTest : public LedgerTest {
 protected:
  // EQX: equity, 60% North America and 40% Europe, all technology. BND: fixed income in
  // North America, its sectors summing to 99 (within the rule's 3). GLD: no price.
  void add_instruments() {
    create("EQX", allocation_value({{"equity", "100"}}),
           allocation_value({{"north_america", "60"}, {"europe", "40"}}),
           allocation_value({{"technology", "100"}}));
    create("BND", allocation_value({{"fixed_income", "100"}}),
           allocation_value({{"north_america", "100"}}),
           allocation_value({{"financials", "66"}, {"treasury", "33"}}));
    create("GLD", allocation_value({{"commodities", "100"}}), allocation_value({{"global", "100"}}),
           allocation_value({{"materials", "100"}}));
    db().instruments.update_price("EQX", D("100"), {}, "2025-01-02");
    db().instruments.update_price("BND", D("50"), {}, "2025-01-02");
    db().instruments.update_price("EQX", D("120"), {}, "2025-02-01");
  }
  void create(const char* symbol, Value asset_class, Value regions, Value sectors) {
    db().instruments.create_instrument({{"symbol", S(symbol)},
                                        {"name", S(std::string(symbol) + " fund")},
                                        {"instrument_type", S("etf")},
                                        {"allocation_asset_class", std::move(asset_class)},
                                        {"allocation_regions", std::move(regions)},
                                        {"allocation_sectors", std::move(sectors)}});
  }
  AllocationReport allocation(std::optional<std::string> at, const char* by) {
    return db().portfolio.allocation(account(), std::move(at), by);
  }
  static std::map<std::string, Decimal> numbers(
      std::initializer_list<std::pair<const char*, const char*>> entries) {
    std::map<std::string, Decimal> out;
    for (const auto& [key, number] : entries) out[key] = D(number);
    return out;
  }
};

TEST_P(AllocationTest, ValuesSpreadOverEachKindOfMap) {
  set_clock(micros(2025, 3, 1, 12));
  add_instruments();
  trade("BUY", "EQX", "10", "100", "0", "2025-01-03");
  trade("BUY", "BND", "20", "50", "0", "2025-01-03");
  trade("BUY", "GLD", "1", "2000", "0", "2025-01-03");

  AllocationReport classes = allocation("2025-01-31", "asset_class");
  EXPECT_EQ(classes.at, "2025-01-31T23:59:59.999999Z");
  EXPECT_EQ(classes.by, "asset_class");
  EXPECT_EQ(classes.total_value, D("2000"));
  EXPECT_EQ(classes.values, numbers({{"equity", "1000"}, {"fixed_income", "1000"}}));
  EXPECT_EQ(classes.weights, numbers({{"equity", "50.00"}, {"fixed_income", "50.00"}}));
  EXPECT_EQ(classes.missing_prices, std::vector<std::string>{"GLD"});

  AllocationReport regions = allocation("2025-01-31", "region");
  EXPECT_EQ(regions.values, numbers({{"europe", "400"}, {"north_america", "1600"}}));
  EXPECT_EQ(regions.weights, numbers({{"europe", "20.00"}, {"north_america", "80.00"}}));

  // BND's sectors sum to 99: its whole value is spread in proportion (2/3 and 1/3).
  AllocationReport sectors = allocation("2025-01-31", "sector");
  EXPECT_EQ(sectors.values, numbers({{"financials", "666.66666667"},
                                     {"treasury", "333.33333333"},
                                     {"technology", "1000"}}));
  EXPECT_EQ(sectors.weights,
            numbers({{"financials", "33.33"}, {"treasury", "16.67"}, {"technology", "50.00"}}));

  // A later date takes the later price; no date, the current prices.
  AllocationReport later = allocation("2025-02-15", "asset_class");
  EXPECT_EQ(later.total_value, D("2200"));
  EXPECT_EQ(later.weights, numbers({{"equity", "54.55"}, {"fixed_income", "45.45"}}));
  AllocationReport now = allocation(std::nullopt, "asset_class");
  EXPECT_FALSE(now.at);
  EXPECT_EQ(now.values, later.values);
  EXPECT_EQ(now.missing_prices, std::vector<std::string>{"GLD"});
}

TEST_P(AllocationTest, HoldingsAreThoseAtTheDate) {
  set_clock(micros(2025, 3, 1, 12));
  add_instruments();
  trade("BUY", "EQX", "10", "100", "0", "2025-01-03");
  trade("BUY", "BND", "20", "50", "0", "2025-02-10");
  trade("SELL", "EQX", "10", "120", "0", "2025-02-20");

  EXPECT_EQ(allocation("2025-01-02", "asset_class"),
            (AllocationReport{"2025-01-02T23:59:59.999999Z", "asset_class", D("0"), {}, {}, {}}));
  EXPECT_EQ(allocation("2025-01-31", "asset_class").values, numbers({{"equity", "1000"}}));
  EXPECT_EQ(allocation("2025-02-15", "asset_class").weights,
            numbers({{"equity", "54.55"}, {"fixed_income", "45.45"}}));
  EXPECT_EQ(allocation("2025-02-28", "asset_class").weights, numbers({{"fixed_income", "100.00"}}));
}

TEST_P(AllocationTest, CostsTheValuationAndOneBatchReadAtMost) {
  set_clock(micros(2025, 3, 1, 12));
  add_instruments();
  trade("BUY", "EQX", "10", "100", "0", "2025-01-03");
  trade("BUY", "BND", "20", "50", "0", "2025-01-03");
  wrapper().reset_counts();
  allocation("2025-02-15", "region");
  const auto c = wrapper().counts();
  EXPECT_LE(c.queries + c.gets + c.batch_gets + c.scans, 3);
  EXPECT_EQ(c.scans, 0);
}

TEST_P(AllocationTest, BadArgumentsNameTheField) {
  set_clock(micros(2025, 3, 1, 12));
  expect_validation_error([&] { allocation("2025-01-31", "country"); }, "by", "another kind");
  expect_validation_error([&] { allocation("soon", "region"); }, "at", "a bad date");
  expect_validation_error([&] { db().portfolio.allocation("", {}, "region"); }, "account_id",
                          "an empty account id");
}

ALEXDB_DATABASE_SUITE(AllocationTest);

}  // namespace
}  // namespace alexdb::database_test
