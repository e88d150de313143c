// The request and capacity bounds of SPEC section 11 on DynamoDB, counted where they are
// spent: a proxy between the engine and dynalite counts every request by operation and
// sums the ConsumedCapacity the server reports. "Reference" figures are what the
// planner's previous package spends on the same call (issue 15): one write of CURRENT
// and one of HISTORY per change, one eventually consistent query per listing.
#include <chrono>
#include <cmath>
#include <string>
#include <vector>

#include "database/counting_proxy.h"
#include "database/database_fixture.h"

namespace alexdb::database_test {
namespace {

const std::vector<std::string> kTenSymbols = {"AAA", "BBB", "CCC", "DDD", "EEE",
                                              "FFF", "GGG", "HHH", "III", "JJJ"};

class RequestBoundsTest : public DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (IsSkipped()) return;
    if (!on_dynalite()) GTEST_SKIP() << "requests are counted between the engine and DynamoDB";
    CountingProxy counting({users_table_, instruments_table_});
    proxy_ = std::move(counting.proxy);
    counted_store_ = std::move(counting.store);
    counted_ = make_database(counted_store_);
    counted().users.find_by_clerk_id("nobody");
    counted().instruments.find_by_symbol("AAA");
    for (const std::string& symbol : kTenSymbols) {
      add_instrument(symbol, symbol + " index fund");
      db().instruments.update_price(symbol, D("100.25"), std::nullopt);
    }
  }

  Database& counted() { return *counted_; }

  // What `call` sent through the proxy.
  template <typename F>
  testing::FaultProxy::Tally cost_of(F&& call) {
    proxy_->reset_tally();
    call();
    return proxy_->tally();
  }

  // Ten positions of `changes` changes each, written through the counted database.
  void load(const std::string& account, int changes) {
    for (int k = 1; k <= changes; ++k) {
      for (const std::string& symbol : kTenSymbols) {
        counted().positions.add_or_update_position(account, symbol, Decimal::from_int(k), "BUY");
      }
    }
  }

  std::unique_ptr<testing::FaultProxy> proxy_;
  std::shared_ptr<Store> counted_store_;
  std::unique_ptr<Database> counted_;
};

std::string describe(const testing::FaultProxy::Tally& t) {
  std::string out;
  for (const auto& [op, n] : t.operations) out += op + " x" + std::to_string(n) + " ";
  return out + "units " + std::to_string(t.units());
}

TEST_P(RequestBoundsTest, APositionChangeIsTwoWritesAndNoRead) {
  counted().positions.add_or_update_position("acc_w", "AAA", D("1"), "BUY");  // warm the engine
  for (int k = 2; k <= 6; ++k) {
    auto t = cost_of([&] {
      counted().positions.add_or_update_position("acc_w", "AAA", Decimal::from_int(k), "BUY");
    });
    EXPECT_EQ(t.requests(), 2) << describe(t);
    EXPECT_EQ(t.operations["UpdateItem"], 1) << describe(t);
    EXPECT_EQ(t.operations["PutItem"], 1) << describe(t);
    EXPECT_LE(t.units(), 2.0) << "the reference's two write units: " << describe(t);
  }
  // The upserts too, and a first change of a new position.
  auto first = cost_of([&] { counted().positions.add_position("acc_w", "BBB", D("3")); });
  EXPECT_EQ(first.requests(), 2) << describe(first);
  auto upsert = cost_of([&] { counted().positions.add_position("acc_w", "BBB", D("4")); });
  EXPECT_EQ(upsert.requests(), 2) << describe(upsert);
  auto history = db().positions.get_position_history("acc_w", "AAA");
  ASSERT_EQ(history.size(), 6u);
  for (std::size_t k = 1; k < history.size(); ++k) {
    EXPECT_EQ(history[k].previous_quantity, history[k - 1].quantity);
    EXPECT_EQ(history[k].version, history[k - 1].version + 1);
    EXPECT_EQ(history[k].action, "BUY");
  }
  auto bbb = db().positions.get_position_history("acc_w", "BBB");
  ASSERT_EQ(bbb.size(), 2u);
  EXPECT_EQ(bbb[0].action, "BUY");
  EXPECT_EQ(bbb[1].action, "UPDATE");
}

TEST_P(RequestBoundsTest, FindByAccountIsOneQueryWhenInstrumentsAreCached) {
  load("acc_f", 2);
  auto cold = cost_of([&] { EXPECT_EQ(counted().positions.find_by_account("acc_f").size(), 10u); });
  EXPECT_LE(cold.requests(), 2) << describe(cold);
  auto warm = cost_of([&] {
    auto positions = counted().positions.find_by_account("acc_f");
    ASSERT_EQ(positions.size(), 10u);
    EXPECT_EQ(positions[0].instrument_name, "AAA index fund");
    EXPECT_EQ(positions[0].current_price, D("100.25"));
  });
  EXPECT_EQ(warm.requests(), 1) << describe(warm);
  EXPECT_EQ(warm.operations["Query"], 1) << describe(warm);
  // One eventually consistent query of 10 CURRENT records, which hold the last two
  // commits (the fast path's recovery data) in under 4 KB together: the reference's 0.5.
  EXPECT_LE(warm.units(), 0.5) << describe(warm);
}

TEST_P(RequestBoundsTest, ACacheOfZeroSecondsReadsInstrumentsEveryTime) {
  load("acc_z", 1);
  DatabaseOptions options;
  options.instrument_cache_seconds = 0;
  auto uncached = make_database(counted_store_, options);
  for (int round = 0; round < 2; ++round) {
    auto t = cost_of([&] { EXPECT_EQ(uncached->positions.find_by_account("acc_z").size(), 10u); });
    EXPECT_EQ(t.requests(), 2) << "the positions and their instruments: " << describe(t);
  }
  options.instrument_cache_seconds = -1;
  EXPECT_THROW(make_database(counted_store_, options), ValidationError);
}

TEST_P(RequestBoundsTest, HistoryIsOneRoundTripAndAtMostHalfAUnitAboveTheReference) {
  load("acc_h", 30);
  // The reference reads a history of 30 changes in one eventually consistent query of
  // 1 unit (issue 15: 50 reads, 50 units).
  const double reference = 1.0;
  std::vector<PositionChange> history;
  auto t = cost_of([&] { history = counted().positions.get_position_history("acc_h", "CCC"); });
  EXPECT_EQ(history.size(), 30u);
  EXPECT_LE(t.requests(), 2) << "the range and CURRENT, in parallel: " << describe(t);
  EXPECT_LE(t.units(), reference + 0.5) << describe(t) << " reference " << reference;
}

TEST_P(RequestBoundsTest, PositionsAndValueAtADateAfterEveryChange) {
  load("acc_v", 3);
  const std::string after = "2099-01-01";
  auto positions = cost_of([&] {
    EXPECT_EQ(counted().positions.get_positions_at_date("acc_v", after).size(), 10u);
  });
  EXPECT_EQ(positions.requests(), 1) << describe(positions);
  auto value = cost_of([&] {
    auto v = counted().positions.get_account_value_at_date("acc_v", after);
    EXPECT_EQ(v.positions.size(), 10u);
    EXPECT_TRUE(v.missing_prices.empty());
  });
  EXPECT_LE(value.requests(), 2) << describe(value);
  EXPECT_LE(value.units(), 6.0) << describe(value);
}

TEST_P(RequestBoundsTest, PriceImportsWriteTwentyFiveItemsPerRequest) {
  std::vector<PricePoint> prices;
  for (const std::string& symbol : kTenSymbols) {
    for (int day = 1; day <= 25; ++day) {
      prices.push_back({symbol, canonical(micros(2024, 1, day, 21)), Decimal::from_int(100 + day),
                        std::nullopt, "test"});
    }
  }
  // Older than each META's price (update_price at the fixture's start): no commit on META.
  // First each symbol's edit mark (price_edits.h; 10 in one batch), then the prices.
  auto older = cost_of([&] { counted().instruments.import_prices(prices); });
  const int items = static_cast<int>(prices.size());
  EXPECT_EQ(older.operations["BatchWriteItem"], 1 + (items + 24) / 25) << describe(older);
  EXPECT_LE(older.requests(), 1 + (items + 24) / 25 + 1)
      << "and the instrument read: " << describe(older);
  EXPECT_EQ(counted().instruments.find_by_symbol("AAA")->current_price, D("100.25"));
  // Newer than META's: each instrument's newest commits there in one update.
  const std::int64_t soon = std::chrono::duration_cast<std::chrono::microseconds>(
                                std::chrono::system_clock::now().time_since_epoch())
                                .count() +
                            3'600'000'000;
  for (std::size_t k = 0; k < prices.size(); ++k) {
    prices[k].timestamp = canonical(soon + static_cast<std::int64_t>(k % 25) * 60'000'000);
  }
  auto t = cost_of([&] { counted().instruments.import_prices(prices); });
  // Each instrument's newest price commits on its META (SPEC section 9) in one update,
  // which returns the newest price META held before: its record goes with the batch
  // (its writer may have died), so 10 more items; before them the 10 edit marks.
  const int written = items + static_cast<int>(kTenSymbols.size());
  EXPECT_EQ(t.operations["BatchWriteItem"], 1 + (written + 24) / 25) << describe(t);
  EXPECT_EQ(t.operations["UpdateItem"], static_cast<int>(kTenSymbols.size())) << describe(t);
  EXPECT_LE(t.requests(), 1 + (written + 24) / 25 + static_cast<int>(kTenSymbols.size()))
      << describe(t);
  EXPECT_LE(t.units(), written + 2 * static_cast<int>(kTenSymbols.size()))
      << "1 write unit per item";
  EXPECT_EQ(counted().instruments.find_by_symbol("AAA")->current_price, prices[24].price);
}

TEST_P(RequestBoundsTest, CreatingAnInstrumentWithAPriceIsTwoWrites) {
  Fields fields = new_instrument_fields("NEWI", "New index fund", "12.5");
  auto created = cost_of([&] { counted().instruments.create_instrument(fields); });
  // The fields and the price commit on META in one update, then the price's record.
  EXPECT_EQ(created.requests(), 2) << describe(created);
  EXPECT_EQ(created.operations["UpdateItem"], 1) << describe(created);
  EXPECT_EQ(created.operations["PutItem"], 1) << describe(created);
  EXPECT_EQ(db().instruments.find_by_symbol("NEWI")->current_price, D("12.5"));
  ASSERT_EQ(db().instruments.get_price_history("NEWI").size(), 1u);
  // Created again with the same price: the fields only, no second price record.
  auto again = cost_of([&] { counted().instruments.create_instrument(fields); });
  EXPECT_LE(again.requests(), 2) << describe(again);
  EXPECT_EQ(again.operations["PutItem"], 0) << describe(again);
  EXPECT_EQ(db().instruments.get_price_history("NEWI").size(), 1u);
  // A new price: committed and recorded.
  fields["current_price"] = N("13");
  counted().instruments.create_instrument(fields);
  EXPECT_EQ(db().instruments.find_by_symbol("NEWI")->current_price, D("13"));
  EXPECT_EQ(db().instruments.get_price_history("NEWI").size(), 2u);
  EXPECT_TRUE(db().verify().ok());
}

// A Database sees its own writes at once: an instrument it created is cached as the
// write stored it (nothing to read before importing its prices or listing a position),
// and one it wrote lately is read strongly consistent (an eventually consistent read may
// not show the write yet, and the cache would keep what it read).
TEST_P(RequestBoundsTest, AnInstrumentThisDatabaseWroteIsSeenWithoutAStaleRead) {
  counted().instruments.create_instrument(
      new_instrument_fields("OWNI", "Own index fund", "20.5"));
  std::vector<PricePoint> older{{"OWNI", canonical(micros(2024, 1, 2, 21)), D("19"), std::nullopt,
                                 "test"}};
  auto imported = cost_of([&] { counted().instruments.import_prices(older); });
  EXPECT_EQ(imported.operations["BatchGetItem"], 0) << describe(imported);
  counted().positions.add_or_update_position("acc_own", "OWNI", D("3"), "BUY");
  auto listed = cost_of([&] {
    auto positions = counted().positions.find_by_account("acc_own");
    ASSERT_EQ(positions.size(), 1u);
    EXPECT_EQ(positions[0].instrument_name, "Own index fund");
    EXPECT_EQ(positions[0].current_price, D("20.5"));
  });
  EXPECT_EQ(listed.requests(), 1) << describe(listed);

  // Without the cache: the instruments of ten positions, read eventually consistent (0.5
  // unit each) until this Database writes one of them; then strongly consistent (1 each).
  load("acc_c", 1);
  DatabaseOptions options;
  options.instrument_cache_seconds = 0;
  auto uncached = make_database(counted_store_, options);
  auto before = cost_of([&] { uncached->positions.find_by_account("acc_c"); });
  uncached->instruments.update_price("CCC", D("101"), std::nullopt);
  auto after = cost_of([&] {
    auto positions = uncached->positions.find_by_account("acc_c");
    ASSERT_EQ(positions.size(), 10u);
    EXPECT_EQ(positions[2].current_price, D("101"));
  });
  EXPECT_EQ(after.requests(), 2) << describe(after);
  EXPECT_DOUBLE_EQ(after.units() - before.units(), 5.0)
      << "before: " << describe(before) << "; after: " << describe(after);
  // A valuation keeps its bound (6 units for 10 positions): its newest prices are read
  // eventually consistent, as its contract says, also after this Database's own write.
  auto valued =
      cost_of([&] { uncached->positions.get_account_value_at_date("acc_c", "2099-01-01"); });
  EXPECT_LE(valued.units(), 6.0) << describe(valued);
}

ALEXDB_DATABASE_SUITE(RequestBoundsTest);

}  // namespace
}  // namespace alexdb::database_test
