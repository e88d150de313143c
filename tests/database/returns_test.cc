// Returns (SPEC section 12, issue 18): textbook cases worked by hand, closed forms of
// the money-weighted rate, the identities, as_known_at, missing prices and bad input, on
// every engine.
#include <string>
#include <vector>

#include "database/ledger_fixture.h"

namespace alexdb::database_test {
namespace {

class ReturnsTest : public LedgerTest {
 protected:
  void SetUp() override {
    LedgerTest::SetUp();
    set_clock(micros(2026, 6, 1, 12));
  }
  void price(const char* symbol, const char* value, const char* date) {
    db().instruments.update_price(symbol, D(value), {}, date);
  }
  Returns twr(const char* start, const char* end, std::optional<std::string> benchmark = {},
              std::optional<std::string> known = {}) {
    return db().portfolio.returns(account(), start, end, ReturnKind::kTwr, std::move(benchmark),
                                  std::move(known));
  }
  Returns mwr(const char* start, const char* end, std::optional<std::string> benchmark = {},
              std::optional<std::string> known = {}) {
    return db().portfolio.returns(account(), start, end, ReturnKind::kMwr, std::move(benchmark),
                                  std::move(known));
  }
};

// Day by day (inflows at the start of the day, outflows at its end):
//   01-01  deposit 1000, buy 10 X at 100                    V0 = 1000
//   01-02  X 110                                            V1 = 1100   r = 1100/1000
//   01-03  deposit 550; 5 X transferred in (own price 80,
//          market 110: a flow of 550)                       V2 = 2200   r = 2200/(1100+1100)
//   01-04  X 99                                             V3 = 2035   r = 2035/2200
//   01-05  withdraw 35; 5 X transferred out (495)           V4 = 1505   r = (1505+35+495)/2035
// TWR = 1.1 x 1 x 0.925 x 1 - 1 = 0.0175.
TEST_P(ReturnsTest, ATimeWeightedChainWithFlowsWorkedByHand) {
  add_instrument("X", "X Fund");
  price("X", "100", "2025-01-01");
  cash("DEPOSIT", "1000", "2025-01-01");
  trade("BUY", "X", "10", "100", "0", "2025-01-01");
  price("X", "110", "2025-01-02");
  cash("DEPOSIT", "550", "2025-01-03T10:00:00Z");
  trade("TRANSFER_IN", "X", "5", "80", "0", "2025-01-03");
  price("X", "99", "2025-01-04");
  cash("WITHDRAWAL", "35", "2025-01-05T10:00:00Z");
  trade("TRANSFER_OUT", "X", "5", "80", "0", "2025-01-05");

  Returns r = twr("2025-01-01", "2025-01-05");
  EXPECT_EQ(r.kind, ReturnKind::kTwr);
  EXPECT_EQ(r.start, "2025-01-01");
  EXPECT_EQ(r.end, "2025-01-05");
  EXPECT_EQ(r.value, D("0.0175"));
  EXPECT_EQ(r.start_value, D("1000"));
  EXPECT_EQ(r.end_value, D("1505"));
  ASSERT_EQ(r.flows.size(), 4u);
  EXPECT_EQ(r.flows[0].type, "DEPOSIT");
  EXPECT_EQ(r.flows[0].amount, D("550"));
  EXPECT_EQ(r.flows[1].type, "TRANSFER_IN");
  EXPECT_EQ(r.flows[1].amount, D("550"));
  EXPECT_EQ(r.flows[1].date, "2025-01-03");
  EXPECT_EQ(r.flows[2].amount, D("-35"));
  EXPECT_EQ(r.flows[3].amount, D("-495"));
  EXPECT_TRUE(r.missing_prices.empty());
  EXPECT_FALSE(r.note);

  // Sub-periods chain: days 1..2 and the rest.
  EXPECT_EQ(twr("2025-01-01", "2025-01-03").value, D("0.1"));
  EXPECT_EQ(twr("2025-01-03", "2025-01-05").value, D("-0.075"));
  EXPECT_EQ(twr("2025-01-05", "2025-01-05").value, D("0"));

  // The series ends on the single period's return, and its points are the chain's.
  auto series = db().portfolio.returns_series(account(), "2025-01-01", "2025-01-05");
  ASSERT_EQ(series.size(), 5u);
  EXPECT_EQ(series[0].twr, D("0"));
  EXPECT_EQ(series[1].twr, D("0.1"));
  EXPECT_EQ(series[2].flows, D("1100"));
  EXPECT_EQ(series[2].value, D("2200"));
  EXPECT_EQ(series[3].twr, D("0.0175"));
  EXPECT_EQ(series.back().twr, r.value);
  EXPECT_EQ(series.back().flows, D("-530"));
  auto weekly = db().portfolio.returns_series(account(), "2025-01-01", "2025-01-05", "weekly");
  ASSERT_EQ(weekly.size(), 2u);  // the start, and the end always
  EXPECT_EQ(weekly.back().date, "2025-01-05");
  EXPECT_EQ(weekly.back().flows, D("570"));
  EXPECT_EQ(weekly.back().twr, r.value);
}

// No flows over 365 days: TWR = MWR = the simple return.
TEST_P(ReturnsTest, WithoutFlowsOverAYearBothReturnsAreTheSimpleReturn) {
  add_instrument("X", "X Fund");
  price("X", "100", "2023-01-01");
  cash("DEPOSIT", "1000", "2023-01-01");
  trade("BUY", "X", "10", "100", "0", "2023-01-01");
  price("X", "90", "2023-06-30");
  price("X", "112", "2024-01-01");
  EXPECT_EQ(twr("2023-01-01", "2024-01-01").value, D("0.12"));
  Returns m = mwr("2023-01-01", "2024-01-01");
  EXPECT_EQ(m.kind, ReturnKind::kMwr);
  EXPECT_EQ(m.value, D("0.12"));
  EXPECT_EQ(m.end_value, D("1120"));
}

// -1000 at day 0, -1000 at day 365, +2310 at day 730: 10% a year exactly
// (1000 x 1.1^2 + 1000 x 1.1 = 2310). The cash deposited at day 365 earns nothing, so
// the time-weighted return is 1.05 x 1.1 - 1.
TEST_P(ReturnsTest, TheMoneyWeightedRateMatchesAClosedForm) {
  add_instrument("X", "X Fund");
  price("X", "100", "2023-01-01");
  cash("DEPOSIT", "1000", "2023-01-01");
  trade("BUY", "X", "10", "100", "0", "2023-01-01");
  price("X", "110", "2024-01-01");
  cash("DEPOSIT", "1000", "2024-01-01");
  price("X", "131", "2024-12-31");
  EXPECT_EQ(mwr("2023-01-01", "2024-12-31").value, D("0.1"));
  EXPECT_EQ(twr("2023-01-01", "2024-12-31").value, D("0.155"));
}

// A benchmark equal to the account's only holding (bought with all the cash) earns the
// same, time- and money-weighted, also over flows invested in it at once.
TEST_P(ReturnsTest, ABenchmarkEqualToTheOnlyHoldingGivesTheSameReturns) {
  add_instrument("X", "X Fund");
  price("X", "100", "2025-01-01");
  cash("DEPOSIT", "1000", "2025-01-01");
  trade("BUY", "X", "10", "100", "0", "2025-01-01");
  price("X", "125", "2025-01-10");
  cash("DEPOSIT", "500", "2025-01-20");
  trade("BUY", "X", "4", "125", "0", "2025-01-20");
  price("X", "117.3", "2025-02-11");
  price("X", "121.55", "2025-03-01");
  for (ReturnKind kind : {ReturnKind::kTwr, ReturnKind::kMwr}) {
    Returns r = db().portfolio.returns(account(), "2025-01-01", "2025-03-01", kind, "x");
    ASSERT_TRUE(r.value) << r.note.value_or("");
    EXPECT_EQ(r.benchmark, "X");
    EXPECT_EQ(r.benchmark_return, r.value) << return_kind_name(kind);
  }
  EXPECT_EQ(twr("2025-01-01", "2025-03-01", "X").value, D("0.2155"));
}

TEST_P(ReturnsTest, AsKnownAtReproducesTheAnswerBeforeABackdatedCorrection) {
  add_instrument("X", "X Fund");
  set_clock(micros(2025, 2, 1, 12));
  price("X", "100", "2025-01-01");
  cash("DEPOSIT", "1000", "2025-01-01");
  trade("BUY", "X", "5", "100", "0", "2025-01-01");
  const std::string withdrawal = cash("WITHDRAWAL", "100", "2025-01-10");
  price("X", "120", "2025-01-20");
  const Returns before = mwr("2025-01-01", "2025-01-31", "X");
  const Returns before_twr = twr("2025-01-01", "2025-01-31");
  const std::string known = iso(2025, 2, 1, 18);
  set_clock(micros(2025, 2, 5, 12));
  db().transactions.correct(withdrawal, Fields{{"amount", Value::N(std::string_view("200"))}});
  const Returns after = mwr("2025-01-01", "2025-01-31", "X");
  EXPECT_NE(after.value, before.value);
  EXPECT_EQ(after.end_value, D("900"));
  EXPECT_EQ(twr("2025-01-01", "2025-01-31").value, D("0.125"));  // 900 / 800
  EXPECT_EQ(mwr("2025-01-01", "2025-01-31", "X", known), before);
  EXPECT_EQ(twr("2025-01-01", "2025-01-31", {}, known), before_twr);
  EXPECT_EQ(before.end_value, D("1000"));
  EXPECT_EQ(before_twr.value, D("0.11111111"));  // (900 + 100) / 1000, then 1000 / 900
}

TEST_P(ReturnsTest, MissingPricesAreReportedAndLeaveTheReturnUnset) {
  add_instrument("X", "X Fund");
  add_instrument("Y", "Y Fund");
  price("X", "100", "2025-01-01");
  cash("DEPOSIT", "1000", "2025-01-01");
  trade("BUY", "X", "5", "100", "0", "2025-01-01");
  trade("BUY", "Y", "5", "100", "0", "2025-01-03");
  price("Y", "101", "2025-01-05");
  Returns r = twr("2025-01-01", "2025-01-06", "Z");
  EXPECT_FALSE(r.value);
  ASSERT_EQ(r.missing_prices.size(), 2u);
  EXPECT_EQ(r.missing_prices[0], (MissingPriceDays{"Y", "2025-01-03", "2025-01-04"}));
  EXPECT_EQ(r.missing_prices[1], (MissingPriceDays{"Z", "2025-01-01", "2025-01-06"}));
  EXPECT_FALSE(r.benchmark_return);
  ASSERT_TRUE(r.note);
  EXPECT_NE(r.note->find("Y"), std::string::npos);
  // From the day Y has a price on, the return is told.
  EXPECT_EQ(twr("2025-01-05", "2025-01-06").value, D("0"));
  auto series = db().portfolio.returns_series(account(), "2025-01-01", "2025-01-06");
  EXPECT_EQ(series[1].twr, D("0"));
  EXPECT_FALSE(series[2].twr);
  EXPECT_FALSE(series[5].twr);
}

TEST_P(ReturnsTest, AMoneyWeightedRateNeedsDaysAndFlowsOfBothSigns) {
  cash("DEPOSIT", "1000", "2025-01-01");
  Returns same_day = mwr("2025-01-01", "2025-01-01");
  EXPECT_FALSE(same_day.value);
  EXPECT_TRUE(same_day.note);
  Returns empty = mwr("2024-01-01", "2024-12-31");  // nothing held: all zero
  EXPECT_FALSE(empty.value);
  EXPECT_EQ(twr("2024-01-01", "2024-12-31").value, D("0"));
  // Cash alone earns nothing: 0 both ways.
  EXPECT_EQ(mwr("2025-01-01", "2025-03-01").value, D("0"));
}

TEST_P(ReturnsTest, BadInputNamesTheFieldAndTheRule) {
  auto& portfolio = db().portfolio;
  const std::string& a = account();
  expect_validation_error([&] { portfolio.returns(a, "2025-02-01", "2025-01-01"); }, "start",
                          "start after end");
  expect_validation_error([&] { portfolio.returns(a, "2025-13-01", "2025-01-01"); }, "start",
                          "a bad date");
  expect_validation_error([&] { portfolio.returns(a, "2025-01-01", "soon"); }, "end", "a bad date");
  expect_validation_error([&] { portfolio.returns(a, "1970-01-01", "2025-01-01"); }, "end",
                          "too long a period");
  expect_validation_error(
      [&] { portfolio.returns(a, "2025-01-01", "2025-01-02", ReturnKind::kTwr, "not a symbol!"); },
      "benchmark", "a bad symbol");
  expect_validation_error(
      [&] { portfolio.returns(a, "2025-01-01", "2025-01-02", ReturnKind::kTwr, {}, "yesterday"); },
      "as_known_at", "a bad moment");
  expect_validation_error([&] { portfolio.returns("bad#id", "2025-01-01", "2025-01-02"); },
                          "account_id", "a bad id");
  expect_validation_error([&] { parse_return_kind("xirr"); }, "kind", "an unknown kind");
  expect_validation_error(
      [&] { portfolio.returns_series(a, "2025-01-01", "2025-01-02", "hourly"); }, "step",
      "an unknown step");
  EXPECT_EQ(parse_return_kind("MWR"), ReturnKind::kMwr);
}

ALEXDB_DATABASE_SUITE(ReturnsTest);

}  // namespace
}  // namespace alexdb::database_test
