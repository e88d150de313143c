// Deleting one price (Instruments::delete_price): the current price falls back to the
// newest remaining one, readers of META and of history agree, faults leave a consistent
// state; and re-recording a price at a time that has one corrects it.
#include <string>
#include <vector>

#include "database/database_fixture.h"

namespace alexdb::database_test {
namespace {

class PriceDeleteTest : public DatabaseTest {
 protected:
  // SPY with closes of 5, 10 and 15 January 2025 at 100, 110 and 120.
  void three_prices() {
    add_instrument("SPY", "SPDR S&P 500 ETF Trust");
    for (auto [day, price] : {std::pair{5, "100"}, {10, "110"}, {15, "120"}}) {
      db().instruments.update_price("SPY", D(price), std::nullopt, iso(2025, 1, day, 21));
    }
  }
  std::vector<std::string> history_times() {
    std::vector<std::string> out;
    for (const PricePoint& p : db().instruments.get_price_history("SPY"))
      out.push_back(p.timestamp);
    return out;
  }
  static std::string close(int day) { return canonical(micros(2025, 1, day, 21)); }
};

TEST_P(PriceDeleteTest, DeletingAnOlderPriceLeavesTheCurrentPrice) {
  three_prices();
  EXPECT_EQ(db().instruments.delete_price("SPY", "2025-01-10"), 1);
  EXPECT_EQ(history_times(), (std::vector<std::string>{close(5), close(15)}));
  auto spy = db().instruments.find_by_symbol("SPY");
  EXPECT_EQ(spy->current_price, D("120"));
  EXPECT_EQ(spy->price_timestamp, close(15));
  EXPECT_EQ(db().instruments.get_price_at_date("SPY", "2025-01-12")->price, D("100"));
  EXPECT_TRUE(db().verify().ok());
}

TEST_P(PriceDeleteTest, DeletingTheNewestFallsBackToTheNewestRemaining) {
  three_prices();
  EXPECT_EQ(db().instruments.delete_price("spy", close(15)), 1);
  auto spy = db().instruments.find_by_symbol("SPY");
  EXPECT_EQ(spy->current_price, D("110"));
  EXPECT_EQ(spy->price_timestamp, close(10));
  EXPECT_EQ(history_times(), (std::vector<std::string>{close(5), close(10)}));
  EXPECT_EQ(db().instruments.get_price_at_date("SPY", "2025-01-20")->price, D("110"));
  // Another process sees the same, and a later price moves the current price again.
  EXPECT_EQ(fresh_database()->instruments.find_by_symbol("SPY")->current_price, D("110"));
  EXPECT_TRUE(db().verify().ok());
  db().instruments.update_price("SPY", D("111"), std::nullopt, iso(2025, 1, 12));
  EXPECT_EQ(db().instruments.find_by_symbol("SPY")->current_price, D("111"));
}

TEST_P(PriceDeleteTest, DeletingTheOnlyPriceLeavesNoCurrentPrice) {
  add_instrument("VTI", "Vanguard Total Stock Market ETF");
  db().instruments.update_price("VTI", D("250"), std::nullopt, iso(2025, 1, 8, 21));
  EXPECT_EQ(db().instruments.delete_price("VTI", "2025-01-08"), 1);
  auto vti = db().instruments.find_by_symbol("VTI");
  ASSERT_TRUE(vti.has_value());
  EXPECT_FALSE(vti->current_price.has_value());
  EXPECT_FALSE(vti->price_timestamp.has_value());
  EXPECT_TRUE(db().instruments.get_price_history("VTI").empty());
  EXPECT_FALSE(db().instruments.get_price_at_date("VTI", "2025-02-01").has_value());
  EXPECT_TRUE(db().verify().ok());
}

TEST_P(PriceDeleteTest, NoSuchPriceIsZeroAndBadInputChangesNothing) {
  three_prices();
  const auto before = item_count();
  EXPECT_EQ(db().instruments.delete_price("SPY", "2025-01-11"), 0);
  EXPECT_EQ(db().instruments.delete_price("NOPE", "2025-01-10"), 0);
  expect_validation_error([&] { db().instruments.delete_price("SPY", ""); }, "timestamp",
                          "empty timestamp");
  expect_validation_error([&] { db().instruments.delete_price("SPY", "2025-13-01"); }, "timestamp",
                          "no such month");
  expect_validation_error([&] { db().instruments.delete_price("S#P", "2025-01-10"); }, "symbol",
                          "bad symbol");
  EXPECT_EQ(item_count(), before);
  EXPECT_EQ(db().instruments.find_by_symbol("SPY")->current_price, D("120"));
}

TEST_P(PriceDeleteTest, AFailureBeforeTheCommitLeavesThePriceAsIfNeverDeleted) {
  three_prices();
  wrapper().arm_fault("META", WrapperStore::FaultTiming::kBeforeWrite);
  EXPECT_THROW(db().instruments.delete_price("SPY", "2025-01-15"), StoreError);
  EXPECT_TRUE(wrapper().fault_fired());
  // META still names the price: the history read completes its record again.
  EXPECT_EQ(history_times(), (std::vector<std::string>{close(5), close(10), close(15)}));
  EXPECT_EQ(db().instruments.find_by_symbol("SPY")->current_price, D("120"));
  EXPECT_TRUE(db().repair().after.ok());
  // Running the delete again finishes it.
  EXPECT_EQ(db().instruments.delete_price("SPY", "2025-01-15"), 1);
  EXPECT_EQ(db().instruments.find_by_symbol("SPY")->current_price, D("110"));
}

TEST_P(PriceDeleteTest, ALostResponseOfTheCommitIsRecognised) {
  three_prices();
  wrapper().arm_fault("META", WrapperStore::FaultTiming::kAfterWrite);
  EXPECT_EQ(db().instruments.delete_price("SPY", "2025-01-15"), 1);
  EXPECT_TRUE(wrapper().fault_fired());
  EXPECT_EQ(db().instruments.find_by_symbol("SPY")->current_price, D("110"));
  EXPECT_EQ(history_times(), (std::vector<std::string>{close(5), close(10)}));
  EXPECT_TRUE(db().verify().ok());
}

TEST_P(PriceDeleteTest, RecordingAtATimeThatHasAPriceCorrectsIt) {
  three_prices();
  db().instruments.update_price("SPY", D("121.5"), D("9"), iso(2025, 1, 15, 21));     // the newest
  db().instruments.update_price("SPY", D("101"), std::nullopt, iso(2025, 1, 5, 21));  // an older
  auto history = db().instruments.get_price_history("SPY");
  ASSERT_EQ(history.size(), 3u);
  EXPECT_EQ(history[0].price, D("101"));
  EXPECT_EQ(history[2].price, D("121.5"));
  EXPECT_EQ(history[2].volume, D("9"));
  EXPECT_EQ(db().instruments.find_by_symbol("SPY")->current_price, D("121.5"));
  EXPECT_TRUE(db().verify().ok());
}

ALEXDB_DATABASE_SUITE(PriceDeleteTest);

}  // namespace
}  // namespace alexdb::database_test
