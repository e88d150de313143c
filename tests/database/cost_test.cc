// Cost stays flat (SPEC section 3, issue 5 item 8): valuing an account at a date reads
// the same items and capacity whether each symbol has 10 changes or 2,000 (300 on
// dynalite, to keep the suite fast), and a value series reads each symbol's history and
// prices once, not once per point.
#include <string>
#include <thread>
#include <vector>

#include "database/database_fixture.h"

namespace alexdb::database_test {
namespace {

const std::vector<std::string> kSymbols = {"BND", "QQQ", "SPY"};

class CostTest : public DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (IsSkipped()) return;
    set_clock(micros(2025, 6, 1));
    std::vector<PricePoint> prices;
    for (const std::string& symbol : kSymbols) {
      add_instrument(symbol, symbol + " fund");
      for (int week = 0; week < 52; ++week) {
        prices.push_back({symbol, canonical(micros(2024, 1, 1) + week * 7 * kMicrosPerDay),
                          Decimal::from_int(100 + week), std::nullopt, "test"});
      }
    }
    db().instruments.import_prices(prices);
  }

  // Records `changes` changes per symbol on `account`, spread evenly over 2024 with
  // explicit timestamps (one writer thread per symbol).
  void load_history(const std::string& account, int changes) {
    const std::int64_t start = micros(2024, 1, 1, 1);
    const std::int64_t step = 365 * kMicrosPerDay / changes;
    std::vector<std::thread> writers;
    for (std::size_t s = 0; s < kSymbols.size(); ++s) {
      writers.emplace_back([&, s] {
        for (int k = 0; k < changes; ++k) {
          db().positions.add_or_update_position(account, kSymbols[s], Decimal::from_int(k + 1),
                                                "BUY", canonical(start + k * step + std::int64_t(s)));
        }
      });
    }
    for (std::thread& w : writers) w.join();
    ASSERT_EQ(db().positions.get_position_history(account, "SPY").size(), std::size_t(changes));
  }

  int long_history() const { return on_dynalite() ? 300 : 2000; }

  // What `read` costs, as counted by the wrapper store.
  template <typename F>
  WrapperStore::Counts cost_of(F&& read) {
    wrapper().reset_counts();
    read();
    return wrapper().counts();
  }
};

void expect_same_cost(const WrapperStore::Counts& a, const WrapperStore::Counts& b,
                      const std::string& what) {
  EXPECT_EQ(a.items, b.items) << what << ": items read";
  EXPECT_EQ(a.read_units, b.read_units) << what << ": read capacity";
  EXPECT_EQ(a.queries, b.queries) << what << ": queries";
  EXPECT_EQ(a.gets, b.gets) << what << ": point reads";
  EXPECT_EQ(a.batch_gets, b.batch_gets) << what << ": batch reads";
  EXPECT_EQ(a.scans, 0) << what << ": scans";
  EXPECT_EQ(b.scans, 0) << what << ": scans";
}

TEST_P(CostTest, ValueAtDateReadsTheSameForTenAndThousandsOfChanges) {
  load_history("acc_short", 10);
  load_history("acc_long", long_history());
  const std::string mid = "2024-07-01T12:00:00Z";

  Valuation short_value, long_value;
  const auto a = cost_of([&] { short_value = db().positions.get_account_value_at_date("acc_short", mid); });
  const auto b = cost_of([&] { long_value = db().positions.get_account_value_at_date("acc_long", mid); });
  EXPECT_EQ(short_value.positions.size(), 3u);
  EXPECT_EQ(long_value.positions.size(), 3u);
  EXPECT_TRUE(long_value.missing_prices.empty());
  expect_same_cost(a, b, "get_account_value_at_date");
  // Per symbol: the change at or before the date, the record after it (which carries a
  // change whose own record a dead writer never wrote), the price, and META.
  EXPECT_LE(b.items, std::int64_t(5 * kSymbols.size())) << "O(symbols) items, not the history";
  EXPECT_LE(b.queries + b.gets + b.batch_gets, std::int64_t(5 * kSymbols.size()));
  EXPECT_GT(b.items, 0);
  std::printf("[ cost     ] %s get_account_value_at_date: %lld items, %s read units (10 changes) vs "
              "%lld items, %s read units (%d changes)\n",
              GetParam().c_str(), (long long)a.items, a.read_units.to_string().c_str(),
              (long long)b.items, b.read_units.to_string().c_str(), long_history());

  const auto pa = cost_of([&] { db().positions.get_positions_at_date("acc_short", mid); });
  const auto pb = cost_of([&] { db().positions.get_positions_at_date("acc_long", mid); });
  expect_same_cost(pa, pb, "get_positions_at_date");
  EXPECT_LE(pb.items, std::int64_t(3 * kSymbols.size()));
}

TEST_P(CostTest, ValueSeriesQueriesDoNotGrowWithThePointCount) {
  load_history("acc_series", 50);
  std::vector<Valuation> week, quarter;
  const auto a = cost_of([&] {
    week = db().positions.get_account_value_series("acc_series", "2024-03-01", "2024-03-07", "daily");
  });
  const auto b = cost_of([&] {
    quarter = db().positions.get_account_value_series("acc_series", "2024-03-01", "2024-05-29", "daily");
  });
  EXPECT_EQ(week.size(), 7u);
  EXPECT_EQ(quarter.size(), 90u);
  EXPECT_EQ(a.queries, b.queries) << "one history and one price read per symbol, whatever the points";
  EXPECT_EQ(a.scans + b.scans, 0);
  EXPECT_LE(b.queries, std::int64_t(6 * kSymbols.size()));
  EXPECT_EQ(quarter[89].to_fields(),
            db().positions.get_account_value_at_date("acc_series", *quarter[89].as_of_date).to_fields());
}

ALEXDB_DATABASE_SUITE(CostTest);

}  // namespace
}  // namespace alexdb::database_test
