// Time travel (SPEC section 3): positions and value at a date, the price in force then,
// missing and stale prices, date-only means end of day UTC, the value series, and
// backdated changes.
//
// One account, a stopped clock (2025-03-01) and explicit timestamps:
//   SPY prices 100 @ 01-01, 110 @ 01-10, 120 @ 01-18, 130 @ 01-25   QQQ 300 @ 01-17
//   SPY BUY 10 @ 01-05 10:00, BUY to 15 @ 01-12 10:00, SELL to 5 @ 01-20 10:00
//   QQQ BUY 5 @ 01-15 23:00
#include <functional>
#include <string>
#include <vector>

#include "database/database_fixture.h"

namespace alexdb::database_test {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

constexpr const char* kAccount = "acc_tt";

class TimeTravelTest : public DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (IsSkipped()) return;
    set_clock(micros(2025, 3, 1));
    add_instrument("SPY", "SPDR S&P 500 ETF Trust");
    add_instrument("QQQ", "Invesco QQQ Trust");
    auto& in = db().instruments;
    in.update_price("SPY", D("100"), D("1000"), "2025-01-01T00:00:00Z");
    in.update_price("SPY", D("110"), D("1000"), "2025-01-10T00:00:00Z");
    in.update_price("SPY", D("120"), D("1000"), "2025-01-18T00:00:00Z");
    in.update_price("SPY", D("130"), D("1000"), "2025-01-25T00:00:00Z");
    in.update_price("QQQ", D("300"), std::nullopt, "2025-01-17T00:00:00Z");
    auto& pos = db().positions;
    pos.add_or_update_position(kAccount, "SPY", D("10"), "BUY", iso(2025, 1, 5, 10));
    pos.add_or_update_position(kAccount, "SPY", D("15"), "BUY", iso(2025, 1, 12, 10));
    pos.add_or_update_position(kAccount, "QQQ", D("5"), "BUY", iso(2025, 1, 15, 23));
    pos.add_or_update_position(kAccount, "SPY", D("5"), "SELL", iso(2025, 1, 20, 10));
  }

  // "SYMBOL=quantity" of the positions held at `date`, by symbol.
  std::vector<std::string> held_at(const std::string& date) {
    std::vector<std::string> out;
    for (const PositionChange& c : db().positions.get_positions_at_date(kAccount, date)) {
      out.push_back(c.symbol + "=" + c.quantity.to_string());
    }
    return out;
  }

  Valuation value_at(const std::string& date) {
    return db().positions.get_account_value_at_date(kAccount, date);
  }
};

TEST_P(TimeTravelTest, NothingIsHeldBeforeTheFirstChange) {
  EXPECT_THAT(held_at("2025-01-04"), IsEmpty());
  EXPECT_THAT(held_at("2025-01-05T09:59:59Z"), IsEmpty());
  const Valuation v = value_at("2025-01-04");
  EXPECT_EQ(v.num_positions, 0);
  EXPECT_EQ(v.total_value, D("0"));
  EXPECT_EQ(v.total_shares, D("0"));
  EXPECT_THAT(v.positions, IsEmpty());
  EXPECT_THAT(v.missing_prices, IsEmpty());
}

TEST_P(TimeTravelTest, PositionsBetweenChangesAreTheLastChangeAtOrBeforeTheDate) {
  EXPECT_THAT(held_at("2025-01-05T10:00:00Z"), ElementsAre("SPY=10"));
  EXPECT_THAT(held_at("2025-01-05"), ElementsAre("SPY=10"));
  EXPECT_THAT(held_at("2025-01-13"), ElementsAre("SPY=15"));
  EXPECT_THAT(held_at("2025-01-20T09:59:59Z"), ElementsAre("QQQ=5", "SPY=15"));
  EXPECT_THAT(held_at("2025-01-21"), ElementsAre("QQQ=5", "SPY=5"));
  const auto at = db().positions.get_positions_at_date(kAccount, "2025-01-13");
  ASSERT_EQ(at.size(), 1u);
  EXPECT_EQ(at[0].timestamp, canonical(micros(2025, 1, 12, 10)));
  EXPECT_EQ(at[0].action, "BUY");
  EXPECT_EQ(at[0].previous_quantity, D("10"));
}

TEST_P(TimeTravelTest, AfterTheLastChangeThePositionsAreTheCurrentOnes) {
  EXPECT_THAT(held_at("2025-02-01"), ElementsAre("QQQ=5", "SPY=5"));
  EXPECT_THAT(held_at("2030-01-01"), ElementsAre("QQQ=5", "SPY=5"));
}

TEST_P(TimeTravelTest, DateWithoutTimeMeansTheEndOfThatDayUtc) {
  EXPECT_THAT(held_at("2025-01-15T22:59:59Z"), ElementsAre("SPY=15"));
  EXPECT_THAT(held_at("2025-01-15"), ElementsAre("QQQ=5", "SPY=15"))
      << "the QQQ buy at 23:00 UTC belongs to 2025-01-15";
  EXPECT_THAT(held_at("2025-01-14"), ElementsAre("SPY=15"));
  const Valuation v = value_at("2025-01-15");
  ASSERT_TRUE(v.as_of_date.has_value());
  EXPECT_EQ(v.as_of_date->substr(0, 10), "2025-01-15");
  EXPECT_EQ(v.num_positions, 2);
}

TEST_P(TimeTravelTest, ValueUsesThePriceInForceAtTheDate) {
  const Valuation v = value_at("2025-01-19");
  EXPECT_EQ(v.account_id, kAccount);
  EXPECT_EQ(v.num_positions, 2);
  EXPECT_EQ(v.total_value, D("3300"));  // 15 x 120 + 5 x 300
  EXPECT_EQ(v.total_shares, D("20"));
  ASSERT_EQ(v.positions.size(), 2u);
  EXPECT_EQ(v.positions[0].symbol, "QQQ");
  EXPECT_EQ(v.positions[0].price, D("300"));
  EXPECT_EQ(v.positions[0].price_timestamp, canonical(micros(2025, 1, 17)));
  EXPECT_EQ(v.positions[0].value, D("1500"));
  EXPECT_EQ(v.positions[1].symbol, "SPY");
  EXPECT_EQ(v.positions[1].quantity, D("15"));
  EXPECT_EQ(v.positions[1].price, D("120"));
  EXPECT_EQ(v.positions[1].price_timestamp, canonical(micros(2025, 1, 18)));
  EXPECT_EQ(v.positions[1].value, D("1800"));
  EXPECT_THAT(v.missing_prices, IsEmpty());

  const Valuation earlier = value_at("2025-01-07");
  ASSERT_EQ(earlier.positions.size(), 1u);
  EXPECT_EQ(earlier.positions[0].price, D("100"));
  EXPECT_EQ(earlier.total_value, D("1000"));
}

TEST_P(TimeTravelTest, PositionWithNoPriceThenIsMissingAndNotValued) {
  const Valuation v = value_at("2025-01-16");
  EXPECT_EQ(v.num_positions, 2);
  EXPECT_EQ(v.total_value, D("1650"));  // SPY 15 x 110; QQQ has no price until 01-17
  EXPECT_EQ(v.total_shares, D("20"));
  ASSERT_EQ(v.positions.size(), 1u);
  EXPECT_EQ(v.positions[0].symbol, "SPY");
  ASSERT_EQ(v.missing_prices.size(), 1u);
  EXPECT_EQ(v.missing_prices[0].symbol, "QQQ");
  EXPECT_EQ(v.missing_prices[0].quantity, D("5"));
}

TEST_P(TimeTravelTest, PriceIsNeverFromAfterTheDate) {
  const Valuation v = value_at("2025-01-24");
  ASSERT_EQ(v.positions.size(), 2u);
  EXPECT_EQ(v.positions[1].symbol, "SPY");
  EXPECT_EQ(v.positions[1].quantity, D("5"));
  EXPECT_EQ(v.positions[1].price, D("120")) << "the 130 of 01-25 is not known on 01-24";
  EXPECT_LE(v.positions[1].price_timestamp, *v.as_of_date);

  const Valuation just_before = value_at("2025-01-24T23:59:59Z");
  EXPECT_EQ(just_before.positions[1].price, D("120"));
  const Valuation at_quote = value_at("2025-01-25T00:00:00Z");
  EXPECT_EQ(at_quote.positions[1].price, D("130")) << "a price quoted at the instant counts";
}

TEST_P(TimeTravelTest, PriceOlderThanSevenDaysIsFlaggedStale) {
  const Valuation fresh = value_at("2025-01-16");
  ASSERT_EQ(fresh.positions.size(), 1u);
  EXPECT_FALSE(fresh.positions[0].stale) << "110 of 01-10 is under 7 days old on 01-16";

  const Valuation v = value_at("2025-01-17T12:00:00Z");
  ASSERT_EQ(v.positions.size(), 2u);
  EXPECT_EQ(v.positions[0].symbol, "QQQ");
  EXPECT_FALSE(v.positions[0].stale);
  EXPECT_EQ(v.positions[1].symbol, "SPY");
  EXPECT_TRUE(v.positions[1].stale) << "110 of 01-10 is 7.5 days old";

  DatabaseOptions lenient;
  lenient.stale_after_days = 30;
  auto other = make_database(wrapper_, std::move(lenient));
  const Valuation w = other->positions.get_account_value_at_date(kAccount, "2025-01-17T12:00:00Z");
  ASSERT_EQ(w.positions.size(), 2u);
  EXPECT_FALSE(w.positions[1].stale) << "stale_after_days = 30";
}

// Checks each point of a series against valuing its instant alone.
void expect_series_matches_points(Positions& positions, const std::vector<Valuation>& series,
                                  const std::vector<std::string>& expected_days) {
  ASSERT_GE(series.size(), expected_days.size());
  for (std::size_t i = 0; i < series.size(); ++i) {
    const Valuation& point = series[i];
    ASSERT_TRUE(point.as_of_date.has_value()) << "point " << i;
    if (i < expected_days.size()) {
      EXPECT_EQ(point.as_of_date->substr(0, 10), expected_days[i]) << "point " << i;
    }
    if (i > 0) {
      EXPECT_LT(*series[i - 1].as_of_date, *point.as_of_date);
    }
    const Valuation alone = positions.get_account_value_at_date(kAccount, *point.as_of_date);
    EXPECT_EQ(point.to_fields(), alone.to_fields()) << "point " << i << " " << *point.as_of_date;
    // The same day asked as a date-only string gives the same numbers.
    Fields by_day = positions.get_account_value_at_date(kAccount, point.as_of_date->substr(0, 10))
                        .to_fields();
    Fields at_point = point.to_fields();
    by_day.erase("as_of_date");
    at_point.erase("as_of_date");
    EXPECT_EQ(at_point, by_day) << "point " << i;
  }
}

TEST_P(TimeTravelTest, DailySeriesEqualsValuingEachDateAlone) {
  const auto series =
      db().positions.get_account_value_series(kAccount, "2025-01-01", "2025-02-05", "daily");
  ASSERT_EQ(series.size(), 36u);
  std::vector<std::string> days;
  for (int i = 0; i < 36; ++i) days.push_back(canonical(micros(2025, 1, 1) + i * kMicrosPerDay).substr(0, 10));
  expect_series_matches_points(db().positions, series, days);
  EXPECT_EQ(series[0].num_positions, 0);
  EXPECT_EQ(series[18].total_value, D("3300"));  // 2025-01-19
  ASSERT_EQ(series[15].missing_prices.size(), 1u);  // 2025-01-16: QQQ has no price yet
}

TEST_P(TimeTravelTest, WeeklySeriesEqualsValuingEachDateAlone) {
  const auto series =
      db().positions.get_account_value_series(kAccount, "2025-01-01", "2025-02-01", "weekly");
  ASSERT_GE(series.size(), 5u);
  ASSERT_LE(series.size(), 6u) << "one point a week (and at most the end date besides)";
  expect_series_matches_points(db().positions, series,
                               {"2025-01-01", "2025-01-08", "2025-01-15", "2025-01-22",
                                "2025-01-29"});
}

TEST_P(TimeTravelTest, MonthlySeriesEqualsValuingEachDateAlone) {
  const auto series =
      db().positions.get_account_value_series(kAccount, "2024-12-15", "2025-03-20", "monthly");
  ASSERT_GE(series.size(), 4u);
  ASSERT_LE(series.size(), 5u);
  expect_series_matches_points(db().positions, series,
                               {"2024-12-15", "2025-01-15", "2025-02-15", "2025-03-15"});
  EXPECT_EQ(series[0].num_positions, 0);
  EXPECT_EQ(series[2].total_value, D("2150"));  // 02-15: SPY 5 x 130 + QQQ 5 x 300
}

TEST_P(TimeTravelTest, BackdatedChangeLandsInHistoryOrderAndLeavesCurrent) {
  db().positions.add_or_update_position(kAccount, "SPY", D("12"), "UPDATE", iso(2025, 1, 8));
  const auto history = db().positions.get_position_history(kAccount, "SPY");
  ASSERT_EQ(history.size(), 4u);
  EXPECT_THAT(quantities(history), ElementsAre(D("10"), D("12"), D("15"), D("5")));
  EXPECT_EQ(history[1].timestamp, canonical(micros(2025, 1, 8)));
  EXPECT_EQ(history[1].action, "UPDATE");
  EXPECT_EQ(history[1].previous_quantity, D("10"));
  for (std::size_t i = 1; i < history.size(); ++i) {
    EXPECT_LT(history[i - 1].timestamp, history[i].timestamp);
  }

  const auto open = db().positions.find_by_account(kAccount);
  ASSERT_EQ(open.size(), 2u);
  EXPECT_EQ(open[1].symbol, "SPY");
  EXPECT_EQ(open[1].quantity, D("5")) << "a backdated change must not move CURRENT";
  EXPECT_EQ(open[1].timestamp, canonical(micros(2025, 1, 20, 10)));
  EXPECT_THAT(held_at("2025-01-09"), ElementsAre("SPY=12"));
  EXPECT_THAT(held_at("2025-01-13"), ElementsAre("SPY=15"));
}

TEST_P(TimeTravelTest, ExplicitTimestampNewerThanCurrentMovesCurrent) {
  db().positions.add_or_update_position(kAccount, "SPY", D("40"), "BUY", iso(2025, 2, 10));
  const auto open = db().positions.find_by_account(kAccount);
  ASSERT_EQ(open.size(), 2u);
  EXPECT_EQ(open[1].quantity, D("40"));
  EXPECT_EQ(open[1].as_of_date, "2025-02-10");
  const auto history = db().positions.get_position_history(kAccount, "SPY");
  ASSERT_EQ(history.size(), 4u);
  EXPECT_EQ(history.back().previous_quantity, D("5"));
}

// The message of what `read` throws (an alexdb Error), or "" when it throws nothing.
std::string error_of(const std::function<void()>& read) {
  try {
    read();
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

TEST_P(TimeTravelTest, SeriesReadsEveryPriceRecordItValues) {
  auto series = [&] {
    db().positions.get_account_value_series(kAccount, "2025-01-01", "2025-01-31", "daily");
  };
  auto history = [&] { fresh_database()->instruments.get_price_history("SPY"); };
  // A price record with an attribute of the wrong type: the series names it (the history,
  // a listing, leaves the record out and logs it).
  real().put({instruments_table_,
              {{"symbol", S("SPY")},
               {"SK", S("2025-01-14T00:00:00.000000Z")},
               {"price", N("115")},
               {"volume", S("many")}},
              std::nullopt,
              ReturnValues::kNone});
  EXPECT_EQ(error_of(series), "stored record: attribute 'volume' is missing or not a number");
  EXPECT_EQ(error_of(history), "");
  // One in the reference package's layout (an isoformat() key): LegacyRecord, as the
  // history says.
  real().put({instruments_table_,
              {{"symbol", S("SPY")}, {"SK", S("2025-01-14T00:00:00.000000Z")}, {"price", N("115")}},
              std::nullopt,
              ReturnValues::kNone});
  real().put({instruments_table_,
              {{"symbol", S("SPY")}, {"SK", S("2025-01-15T21:00:00")}, {"price", N("116")}},
              std::nullopt,
              ReturnValues::kNone});
  EXPECT_THROW(series(), LegacyRecord);
  EXPECT_THROW(history(), LegacyRecord);
  real().remove({instruments_table_,
                 {{"symbol", S("SPY")}, {"SK", S("2025-01-15T21:00:00")}},
                 std::nullopt,
                 ReturnValues::kNone});
  // A record without a timestamp attribute is quoted at its key's instant.
  const auto points =
      db().positions.get_account_value_series(kAccount, "2025-01-14", "2025-01-14", "daily");
  ASSERT_EQ(points.size(), 1u);
  ASSERT_EQ(points[0].positions.size(), 1u);
  EXPECT_EQ(points[0].positions[0].price, D("115"));
  EXPECT_EQ(points[0].positions[0].price_timestamp, "2025-01-14T00:00:00.000000Z");
}

// More prices of a symbol than one page of a query holds (1 MB): the series reads every
// page, and each point is what valuing its date alone gives.
TEST_P(TimeTravelTest, SeriesReadsPricesPastAPage) {
  add_instrument("VTI", "Vanguard Total Stock Market ETF");
  std::vector<PricePoint> prices;
  const std::int64_t start = micros(2024, 1, 1);
  const std::int64_t kHour = kMicrosPerDay / 24;
  for (int h = 0; h < 400 * 24; ++h) {  // hourly, with a long source: about 130 bytes each
    prices.push_back({"VTI", canonical(start + h * kHour), Decimal::from_int(200 + h % 97),
                      Decimal::from_int(1000 + h), "a price source with a long enough name"});
  }
  db().instruments.import_prices(prices);
  db().positions.add_or_update_position(kAccount, "VTI", D("3"), "BUY", iso(2024, 1, 1, 12));
  const auto series =
      db().positions.get_account_value_series(kAccount, "2024-01-02", "2025-02-03", "weekly");
  ASSERT_GE(series.size(), 57u);
  std::vector<std::string> days;
  for (const Valuation& point : series) days.push_back(point.as_of_date->substr(0, 10));
  // A price from a later page values the late points (a series that read one page would
  // value them at the page's last price, and differ from valuing each date alone).
  expect_series_matches_points(db().positions, series, days);
}

ALEXDB_DATABASE_SUITE(TimeTravelTest);

}  // namespace
}  // namespace alexdb::database_test
