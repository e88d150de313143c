// Cash from the ledger (SPEC section 12): cash_balance at any moment and as known at any
// moment, and the cash column of value at a date and of a series, on every engine.
#include <string>
#include <vector>

#include "database/ledger_fixture.h"

namespace alexdb::database_test {
namespace {

class CashTest : public LedgerTest {
 protected:
  std::string spy(const char* type, const char* quantity, const char* price, const char* fees,
                  const char* at) {
    return trade(type, "SPY", quantity, price, fees, at);
  }
  Decimal balance(std::optional<std::string> at = {}, std::optional<std::string> known = {}) {
    return db().portfolio.cash_balance(account(), std::move(at), std::move(known));
  }
};

TEST_P(CashTest, EveryTypeMovesCashAsTheSpecSays) {
  set_clock(micros(2025, 3, 1, 12));
  cash("DEPOSIT", "10000", "2025-01-02");
  spy("BUY", "10", "480.25", "1.50", "2025-01-03");      // -4802.50 - 1.50
  cash("DIVIDEND", "12.34", "2025-01-10");
  cash("INTEREST", "0.07", "2025-01-31");
  spy("SELL", "4", "500.125", "0.99", "2025-02-03");     // +2000.50 - 0.99
  cash("FEE", "5", "2025-02-04");
  spy("TRANSFER_OUT", "1", "480.25", "0", "2025-02-05");   // units only
  cash("WITHDRAWAL", "1000", "2025-02-10");

  EXPECT_EQ(balance("2025-01-01"), D("0"));
  EXPECT_EQ(balance("2025-01-02"), D("10000"));
  EXPECT_EQ(balance("2025-01-03"), D("5196.00"));
  EXPECT_EQ(balance("2025-01-31"), D("5208.41"));
  EXPECT_EQ(balance("2025-02-03"), D("7207.92"));
  EXPECT_EQ(balance("2025-02-05"), D("7202.92"));
  EXPECT_EQ(balance(), D("6202.92"));
  expect_validation_error([&] { balance("not a date"); }, "at", "a bad date");
}

TEST_P(CashTest, AVoidLeavesTheEarlierAnswerAsKnownThen) {
  set_clock(micros(2025, 1, 10, 12));
  cash("DEPOSIT", "500", "2025-01-02");
  std::string fee = cash("FEE", "20", "2025-01-05");
  const std::string reported = iso(2025, 1, 10, 18);
  set_clock(micros(2025, 1, 20, 12));
  db().transactions.void_transaction(fee);
  EXPECT_EQ(balance(), D("500"));
  EXPECT_EQ(balance(std::nullopt, reported), D("480"));
}

TEST_P(CashTest, ValueAtADateAndASeriesCarryTheCashWhenAsked) {
  set_clock(micros(2025, 3, 1, 12));
  add_instrument("SPY", "SPDR S&P 500 ETF Trust");
  db().instruments.update_price("SPY", D("100"), {}, "2025-01-02");
  cash("DEPOSIT", "1000", "2025-01-02");
  spy("BUY", "3", "100", "1", "2025-01-03");
  cash("DIVIDEND", "2.5", "2025-01-06");

  Valuation plain = db().positions.get_account_value_at_date(account(), "2025-01-04");
  EXPECT_FALSE(plain.cash);
  Valuation with = db().positions.get_account_value_at_date(account(), "2025-01-04", true);
  EXPECT_EQ(with.cash, D("699"));
  EXPECT_EQ(with.total_value, D("300.00"));  // cash stays out of the positions' total
  auto series =
      db().positions.get_account_value_series(account(), "2025-01-01", "2025-01-07", "daily", true);
  ASSERT_EQ(series.size(), 7u);
  for (const Valuation& point : series) {
    EXPECT_EQ(point.cash, balance(*point.as_of_date)) << *point.as_of_date;
  }
  EXPECT_EQ(series.back().cash, D("701.5"));
}

ALEXDB_DATABASE_SUITE(CashTest);

}  // namespace
}  // namespace alexdb::database_test
