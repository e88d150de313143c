// Back-dated changes (SPEC sections 3 and 9): every record a reader returns equals a
// stored HISTORY record, and each record's previous_quantity is the quantity of the
// record before it in time, also after a change is inserted before others.
#include "database/database_fixture.h"

namespace alexdb::database_test {
namespace {

class BackdatedTest : public DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (IsSkipped()) return;
    add_instrument("SPY", "SPDR S&P 500 ETF Trust");
    db().instruments.update_price("SPY", D("500"), {}, "2025-01-02T21:00:00Z");
    auto& p = db().positions;
    p.add_or_update_position("acc_b", "SPY", D("100"), "BUY", "2025-01-02T15:00:00Z");
    p.add_or_update_position("acc_b", "SPY", D("60"), "SELL", "2025-03-03T15:00:00Z");
    p.add_or_update_position("acc_b", "SPY", D("80"), "SELL", "2025-02-03T15:00:00Z");
  }
};

void expect_same(const PositionChange& got, const PositionChange& stored) {
  EXPECT_EQ(got.to_fields(), stored.to_fields());
}

TEST_P(BackdatedTest, history_chain_follows_time_order) {
  auto fresh = fresh_database();
  for (Database* reader : {&db(), fresh.get()}) {
    auto history = reader->positions.get_position_history("acc_b", "SPY");
    ASSERT_EQ(history.size(), 3u);
    EXPECT_EQ(quantities(history), (std::vector<Decimal>{D("100"), D("80"), D("60")}));
    EXPECT_EQ(history[0].previous_quantity, D("0"));
    EXPECT_EQ(history[1].previous_quantity, D("100"));
    EXPECT_EQ(history[2].previous_quantity, D("80")) << "the record after a back-dated change";
    EXPECT_EQ(history[1].action, "SELL");
    EXPECT_EQ(history[2].action, "SELL");
  }
}

TEST_P(BackdatedTest, readers_return_the_stored_records) {
  auto history = db().positions.get_position_history("acc_b", "SPY");
  ASSERT_EQ(history.size(), 3u);
  auto reader = fresh_database();
  auto after_all = reader->positions.get_positions_at_date("acc_b", "2025-04-01");
  ASSERT_EQ(after_all.size(), 1u);
  expect_same(after_all[0], history[2]);
  auto between = reader->positions.get_positions_at_date("acc_b", "2025-02-15");
  ASSERT_EQ(between.size(), 1u);
  expect_same(between[0], history[1]);
  auto first = reader->positions.get_positions_at_date("acc_b", "2025-01-15");
  ASSERT_EQ(first.size(), 1u);
  expect_same(first[0], history[0]);
}

TEST_P(BackdatedTest, a_second_backdated_change_moves_the_chain_again) {
  db().positions.add_or_update_position("acc_b", "SPY", D("90"), "SELL", "2025-01-20T15:00:00Z");
  auto history = fresh_database()->positions.get_position_history("acc_b", "SPY");
  EXPECT_EQ(quantities(history), (std::vector<Decimal>{D("100"), D("90"), D("80"), D("60")}));
  for (std::size_t k = 1; k < history.size(); ++k) {
    EXPECT_EQ(history[k].previous_quantity, history[k - 1].quantity) << "record " << k;
  }
  auto now = db().positions.get_positions_at_date("acc_b", "2025-04-01");
  ASSERT_EQ(now.size(), 1u);
  expect_same(now[0], history.back());
}

TEST_P(BackdatedTest, value_series_agrees_with_single_dates) {
  auto series = db().positions.get_account_value_series("acc_b", "2025-01-01", "2025-04-01", "monthly");
  ASSERT_EQ(series.size(), 4u);
  for (const Valuation& point : series) {
    auto single = db().positions.get_account_value_at_date("acc_b", *point.as_of_date);
    EXPECT_EQ(point.total_value, single.total_value) << *point.as_of_date;
  }
  EXPECT_EQ(series[2].total_shares, D("80"));  // 2025-03-01
}

// Each point of a series equals the value at its instant alone, also while the newest
// records are known only to CURRENT and META: a back-dated change and a newest price
// whose records were lost after their commit point (no reader has rolled them forward).
TEST_P(BackdatedTest, value_series_agrees_with_single_dates_before_the_roll_forward) {
  db().instruments.update_price("SPY", D("510"), {}, "2025-02-10T21:00:00Z");
  wrapper().arm_fault("HISTORY#SPY#2025-01-20", WrapperStore::FaultTiming::kBeforeWrite);
  db().positions.add_or_update_position("acc_b", "SPY", D("90"), "SELL", "2025-01-20T15:00:00Z");
  ASSERT_TRUE(wrapper().fault_fired());
  wrapper().arm_fault("2025-03-15", WrapperStore::FaultTiming::kBeforeWrite);
  db().instruments.update_price("SPY", D("520"), {}, "2025-03-15T21:00:00Z");
  ASSERT_TRUE(wrapper().fault_fired());

  auto reader = fresh_database();
  auto series =
      reader->positions.get_account_value_series("acc_b", "2025-01-01", "2025-04-01", "daily");
  ASSERT_EQ(series.size(), 91u);
  for (const Valuation& point : series) {
    auto single = reader->positions.get_account_value_at_date("acc_b", *point.as_of_date);
    EXPECT_EQ(point.to_fields(), single.to_fields()) << *point.as_of_date;
  }
  EXPECT_EQ(series[24].total_shares, D("90"));    // 2025-01-25: the lost back-dated change
  EXPECT_EQ(series[45].total_value, D("40800"));  // 2025-02-15: 80 x 510
  EXPECT_EQ(series[79].total_value, D("31200"));  // 2025-03-21: 60 x 520, META's price only
  EXPECT_EQ(reader->instruments.get_price_history("SPY").size(), 3u) << "rolled forward by now";
}

ALEXDB_DATABASE_SUITE(BackdatedTest);

}  // namespace
}  // namespace alexdb::database_test
