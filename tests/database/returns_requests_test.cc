// The requests of Portfolio::returns and returns_series on DynamoDB (their contracts in
// database.h): counted by a proxy between the engine and dynalite, they do not grow with
// the days of the period, only with the symbols (and pages), before and after the months
// are stored (returns_checkpoints.h).
#include <string>

#include "alexdb/timestamp.h"
#include "database/counting_proxy.h"
#include "database/ledger_fixture.h"

namespace alexdb::database_test {
namespace {

class ReturnsRequestsTest : public LedgerTest {
 protected:
  void SetUp() override {
    LedgerTest::SetUp();
    if (IsSkipped()) return;
    if (!on_dynalite()) GTEST_SKIP() << "requests are counted between the engine and DynamoDB";
    CountingProxy counting({users_table_, instruments_table_});
    proxy_ = std::move(counting.proxy);
    counted_store_ = std::move(counting.store);
    counted_ = make_database(counted_store_);
  }

  // The requests `call` sent, and what they were.
  template <typename F>
  std::pair<std::int64_t, std::string> requests_of(F&& call) {
    proxy_->reset_tally();
    call();
    const testing::FaultProxy::Tally t = proxy_->tally();
    std::string text;
    for (const auto& [op, n] : t.operations) text += op + " x" + std::to_string(n) + " ";
    return {t.requests(), text};
  }

  std::unique_ptr<testing::FaultProxy> proxy_;
  std::shared_ptr<Store> counted_store_;
  std::unique_ptr<Database> counted_;
};

TEST_P(ReturnsRequestsTest, AYearCostsWhatAMonthCostsNoRequestPerDay) {
  set_clock(micros(2026, 6, 1, 12));
  for (const char* symbol : {"AAA", "BBB", "BMK"}) {
    add_instrument(symbol, std::string(symbol) + " Fund");
    for (int week = 0; week < 53; ++week) {
      const std::int64_t day = micros(2024, 1, 1) + week * 7 * Timestamp::kMicrosPerDay;
      db().instruments.update_price(symbol, Decimal::from_int(100 + week), {},
                                    Timestamp(day).date_string());
    }
  }
  cash("DEPOSIT", "10000", "2024-01-02");
  trade("BUY", "AAA", "10", "100", "1", "2024-01-02");
  trade("BUY", "BBB", "10", "100", "1", "2024-02-02");
  cash("WITHDRAWAL", "100", "2024-06-03");
  trade("SELL", "AAA", "5", "120", "1", "2024-07-02");
  cash("DEPOSIT", "500", "2024-09-03");

  // The engine's first call learns the tables it reads (DescribeTable): not measured.
  counted_->portfolio.returns(account(), "2024-01-01", "2024-01-02");
  auto year = requests_of([&] {
    Returns r =
        counted_->portfolio.returns(account(), "2024-01-01", "2024-12-31", ReturnKind::kMwr, "BMK");
    EXPECT_TRUE(r.value) << r.note.value_or("");
  });
  auto year_again = requests_of([&] {
    counted_->portfolio.returns(account(), "2024-01-01", "2024-12-31", ReturnKind::kMwr, "BMK");
  });
  auto month = requests_of([&] {
    counted_->portfolio.returns(account(), "2024-06-01", "2024-06-30", ReturnKind::kMwr, "BMK");
  });
  auto series = requests_of([&] {
    EXPECT_EQ(counted_->portfolio.returns_series(account(), "2024-01-01", "2024-12-31").size(),
              366u);
  });
  // The first call of the year: the ledger (1 page), splits of 2 traded symbols, the
  // stored months (1 query; none yet), a batch read of 3 instruments, 2 price queries for
  // each of 3 symbols, and its 12 months stored (1 batch write): 12.
  EXPECT_EQ(year.first, 12) << year.second;
  // Later calls read the stored months instead of the held symbols' prices, and those
  // symbols' edit marks (1 query each): 9, for the year as for a month of it.
  EXPECT_EQ(year_again.first, 9) << year_again.second;
  EXPECT_EQ(month.first, year_again.first) << month.second << "| " << year_again.second;
  EXPECT_LE(series.first, year_again.first) << series.second;
}

ALEXDB_DATABASE_SUITE(ReturnsRequestsTest);

}  // namespace
}  // namespace alexdb::database_test
