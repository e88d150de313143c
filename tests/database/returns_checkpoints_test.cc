// Stored returns checkpoints (returns_checkpoints.h, issue 18): a month read back gives
// what computing it gives, and every change of what a month depends on (a back-dated
// trade, correction, void or split; a back-dated, imported or deleted price; a newest
// price reaching into it) recomputes it, and only it and what follows. "What computing
// gives" is the same call as known at the present moment, which never uses checkpoints.
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "alex/keys.h"
#include "alexdb/timestamp.h"
#include "database/ledger_fixture.h"

namespace alexdb::database_test {
namespace {

constexpr std::int64_t kHour = 3'600'000'000;

class ReturnsCheckpointsTest : public LedgerTest {
 protected:
  void SetUp() override {
    LedgerTest::SetUp();
    if (IsSkipped()) return;
    at(micros(2026, 6, 1, 12));
    // X quoted every 7 days of 2025, Y on the 10th of each month until June only.
    add_instrument("X", "X Fund");
    add_instrument("Y", "Y Fund");
    add_instrument("BMK", "Benchmark");
    for (int week = 0; week < 53; ++week) {
      const std::string day =
          Timestamp(micros(2025, 1, 1) + week * 7 * Timestamp::kMicrosPerDay).date_string();
      price("X", std::to_string(100 + (week * 37) % 23).c_str(), day.c_str());
      price("BMK", std::to_string(50 + week).c_str(), day.c_str());
    }
    for (int month = 1; month <= 6; ++month) {
      price("Y", std::to_string(40 + month).c_str(),
            Timestamp(micros(2025, month, 10)).date_string().c_str());
    }
    cash("DEPOSIT", "10000", "2025-01-01");
    trade("BUY", "X", "20", "100", "1", "2025-01-02");
    trade("BUY", "Y", "30", "41", "1", "2025-01-15");
    cash("DEPOSIT", "2000", "2025-03-03T10:00:00Z");
    trade("TRANSFER_IN", "X", "5", "90", "0", "2025-04-04");
    sale_ = trade("SELL", "X", "8", "110", "2", "2025-05-06");
    cash("WITHDRAWAL", "700", "2025-08-08T10:00:00Z");
    trade("BUY", "X", "4", "105", "1", "2025-10-10");
  }

  void at(std::int64_t us) {
    now_ = us;
    set_clock(us);
  }
  void later() { at(now_ + 2 * kHour); }  // past the price edit window
  void price(const char* symbol, const char* value, const char* date) {
    db().instruments.update_price(symbol, D(value), {}, date);
  }
  Returns returns(ReturnKind kind, const char* start, const char* end,
                  std::optional<std::string> known = {}) {
    return db().portfolio.returns(account(), start, end, kind, "BMK", std::move(known));
  }

  // Every call over `start`..`end` gives what computing it gives.
  void expect_as_computed(const char* start, const char* end) {
    const std::string now = Timestamp(now_).to_string();
    for (ReturnKind kind : {ReturnKind::kTwr, ReturnKind::kMwr}) {
      Returns stored = returns(kind, start, end);
      EXPECT_EQ(stored, returns(kind, start, end, now)) << start << " " << end;
      EXPECT_TRUE(stored.value) << stored.note.value_or("");
    }
    EXPECT_EQ(db().portfolio.returns_series(account(), start, end, "weekly"),
              db().portfolio.returns_series(account(), start, end, "weekly", now));
  }

  // The stored months of the account: month -> when computed.
  std::map<std::string, std::string> stored_months() {
    std::map<std::string, std::string> out;
    for (const Item& item : partition(alex::keys::account_pk(account()))) {
      auto month = alex::keys::parse_returns_checkpoint_sk(item.at("SK").s());
      if (month) out[*month] = item.at("computed_at").s();
    }
    return out;
  }

  // The months of 2025 from `first` on (1-12) stored at `when`, the others at `before`.
  void expect_computed(int first, std::int64_t when, std::int64_t before) {
    const auto months = stored_months();
    ASSERT_EQ(months.size(), 12u);
    for (int m = 1; m <= 12; ++m) {
      const std::string month = Timestamp(micros(2025, m, 1)).date_string().substr(0, 7);
      EXPECT_EQ(months.at(month), Timestamp(m >= first ? when : before).to_string()) << month;
    }
  }

  std::int64_t now_ = 0;
  std::string sale_;
};

TEST_P(ReturnsCheckpointsTest, StoredMonthsGiveWhatComputingGives) {
  const Returns first = returns(ReturnKind::kTwr, "2025-01-01", "2025-12-31");
  const std::int64_t stored_at = now_;
  expect_computed(1, stored_at, stored_at);
  EXPECT_EQ(returns(ReturnKind::kTwr, "2025-01-01", "2025-12-31"), first);
  expect_as_computed("2025-01-01", "2025-12-31");
  expect_as_computed("2025-02-15", "2025-11-20");  // partial months at both ends
  expect_as_computed("2025-03-03", "2025-03-04");
  expect_as_computed("2024-12-20", "2026-01-15");  // beyond the ledger and the prices
  // Months of the present are not stored: they may still change.
  later();
  returns(ReturnKind::kTwr, "2026-04-01", "2026-06-01");
  EXPECT_TRUE(stored_months().contains("2026-05"));
  EXPECT_FALSE(stored_months().contains("2026-06"));
}

TEST_P(ReturnsCheckpointsTest, AStoredMonthIsReadInsteadOfThePrices) {
  const Returns first = returns(ReturnKind::kMwr, "2025-01-01", "2025-12-31");
  // Remove the year's price records behind the library's back (no edit mark): the stored
  // months still answer, so they are what is read.
  for (const std::string symbol : {"X", "Y"}) {
    for (const PricePoint& p : db().instruments.get_price_history(symbol)) {
      if (p.timestamp < "2025-12-01") {
        real().remove({instruments_table_, {{"symbol", S(symbol)}, {"SK", S(p.timestamp)}}, {}});
      }
    }
  }
  EXPECT_EQ(returns(ReturnKind::kMwr, "2025-01-01", "2025-12-31"), first);
}

TEST_P(ReturnsCheckpointsTest, ABackdatedTradeRecomputesOnlyTheMonthsFromItsDate) {
  const std::int64_t stored_at = now_;
  const Returns before = returns(ReturnKind::kMwr, "2025-01-01", "2025-12-31");
  later();
  cash("DEPOSIT", "5000", "2025-07-15T10:00:00Z");
  const Returns after = returns(ReturnKind::kMwr, "2025-01-01", "2025-12-31");
  EXPECT_NE(after.value, before.value);
  EXPECT_EQ(after.flows.size(), before.flows.size() + 1);
  expect_computed(7, now_, stored_at);
  expect_as_computed("2025-01-01", "2025-12-31");
}

TEST_P(ReturnsCheckpointsTest, ABackdatedPriceRecomputesFromItsDateOnce) {
  const std::int64_t stored_at = now_;
  const Returns before = returns(ReturnKind::kTwr, "2025-01-01", "2025-12-31");
  later();
  price("X", "150", "2025-08-07");  // below the newest: marked as an edit
  const Returns after = returns(ReturnKind::kTwr, "2025-01-01", "2025-12-31");
  EXPECT_NE(after.value, before.value);
  expect_as_computed("2025-01-01", "2025-12-31");
  // Within the edit window August on is computed every time and not stored; after it,
  // stored once more.
  expect_computed(8, stored_at, stored_at);
  later();
  EXPECT_EQ(returns(ReturnKind::kTwr, "2025-01-01", "2025-12-31"), after);
  expect_computed(8, now_, stored_at);
}

TEST_P(ReturnsCheckpointsTest, ANewestPriceReachingIntoStoredMonthsRecomputesThem) {
  const std::int64_t stored_at = now_;
  const Returns before = returns(ReturnKind::kTwr, "2025-01-01", "2025-12-31");
  later();
  price("Y", "60", "2025-09-15");  // Y's newest was June 10th: a newest price, no edit mark
  const Returns after = returns(ReturnKind::kTwr, "2025-01-01", "2025-12-31");
  EXPECT_NE(after.value, before.value);
  expect_computed(6, now_, stored_at);
  expect_as_computed("2025-01-01", "2025-12-31");
}

TEST_P(ReturnsCheckpointsTest, EveryOtherChangeOfAMonthRecomputesIt) {
  returns(ReturnKind::kTwr, "2025-01-01", "2025-12-31");
  const std::vector<std::function<void()>> changes = {
      [&] {
        db().transactions.correct(sale_, {{"quantity", N("6")}});
      },
      [&] { db().transactions.void_transaction(sale_); },
      [&] { db().instruments.record_split("X", D("1"), D("2"), "2025-11-03"); },
      [&] {
        db().instruments.import_prices({{"X", "2025-03-02T21:00:00.000000Z", D("77"), {}, "t"},
                                        {"Y", "2025-02-20T21:00:00.000000Z", D("33"), {}, "t"}});
      },
      [&] { db().instruments.delete_price("Y", "2025-03-10"); },
  };
  for (std::size_t k = 0; k < changes.size(); ++k) {
    later();
    const Returns before = returns(ReturnKind::kTwr, "2025-01-01", "2025-12-31");
    changes[k]();
    EXPECT_NE(returns(ReturnKind::kTwr, "2025-01-01", "2025-12-31").value, before.value)
        << "change " << k;
    expect_as_computed("2025-01-01", "2025-12-31");
  }
}

TEST_P(ReturnsCheckpointsTest, AnUnreadableCheckpointIsComputedAgainAndWrittenOver) {
  const Returns first = returns(ReturnKind::kTwr, "2025-01-01", "2025-12-31");
  const std::int64_t stored_at = now_;
  Item garbage = {{"PK", S(alex::keys::account_pk(account()))},
                  {"SK", S(alex::keys::returns_checkpoint_sk("2025-03"))},
                  {"format", N("1")},
                  {"computed_at", S(Timestamp(now_).to_string())},
                  {"days", S("1|2|3|\nnot a number|0|0|")}};
  real().put({users_table_, garbage, {}, ReturnValues::kNone});
  later();
  EXPECT_EQ(returns(ReturnKind::kTwr, "2025-01-01", "2025-12-31"), first);
  const auto months = stored_months();
  EXPECT_EQ(months.at("2025-03"), Timestamp(now_).to_string());
  EXPECT_EQ(months.at("2025-04"), Timestamp(stored_at).to_string());
}

TEST_P(ReturnsCheckpointsTest, TheLastMonthOfTimeIsAMonthLikeAnother) {
  EXPECT_EQ(returns(ReturnKind::kTwr, "9999-12-30", "9999-12-31").start, "9999-12-30");
  EXPECT_EQ(returns(ReturnKind::kTwr, "1970-01-01", "1970-01-02").end, "1970-01-02");
}

TEST_P(ReturnsCheckpointsTest, AsKnownAtNeitherReadsNorStoresThem) {
  returns(ReturnKind::kTwr, "2025-01-01", "2025-12-31", Timestamp(now_).to_string());
  EXPECT_TRUE(stored_months().empty());
}

TEST_P(ReturnsCheckpointsTest, NoPriceRecordIsWrittenBeforeItsEditMark) {
  auto recorded = [&](const char* symbol, const char* date) {
    for (const PricePoint& p : db().instruments.get_price_history(symbol)) {
      if (p.timestamp.starts_with(date)) return true;
    }
    return false;
  };
  wrapper().arm_fault("EDIT#", WrapperStore::FaultTiming::kBeforeWrite);
  EXPECT_THROW(
      db().instruments.import_prices({{"X", "2025-03-02T21:00:00.000000Z", D("77"), {}, "t"},
                                      {"X", "2025-03-03T21:00:00.000000Z", D("78"), {}, "t"}}),
      StoreError);
  EXPECT_FALSE(recorded("X", "2025-03-02"));
  EXPECT_FALSE(recorded("X", "2025-03-03"));
  wrapper().arm_fault("EDIT#", WrapperStore::FaultTiming::kBeforeWrite);
  EXPECT_THROW(db().instruments.update_price("X", D("79"), {}, "2025-03-04"), StoreError);
  EXPECT_FALSE(recorded("X", "2025-03-04"));
  // A newest price commits on META, which the stored months are checked against: no mark.
  db().instruments.update_price("X", D("80"), {}, "2026-01-02");
  EXPECT_TRUE(recorded("X", "2026-01-02"));
}

ALEXDB_DATABASE_SUITE(ReturnsCheckpointsTest);

}  // namespace
}  // namespace alexdb::database_test
