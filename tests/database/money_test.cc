// Money results of valuations (SPEC section 9 "Exact numbers"): quantity x price may need
// more than 38 digits; a valuation then rounds (half-even, records.h kMoneyPlaces) and
// never fails, and value at a date, value series and portfolio value agree.
#include <string>
#include <vector>

#include "database/database_fixture.h"

namespace alexdb::database_test {
namespace {

class MoneyTest : public DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (IsSkipped()) return;
    for (const char* symbol : {"BIG", "HUGE", "TIE"}) {
      add_instrument(symbol, std::string(symbol) + " fund");
    }
    // Prices and quantities at their rules' edges: a price with 16 decimals, a quantity
    // of 38 digits.
    db().instruments.update_price("BIG", D("1.2345678901234567"), std::nullopt,
                                  "2025-01-10T21:00:00Z");
    db().instruments.update_price("HUGE", D("999998.123456789"), std::nullopt,
                                  "2025-01-10T21:00:00Z");
    db().instruments.update_price("TIE", D("0.00000001"), std::nullopt, "2025-01-10T21:00:00Z");
    db().positions.add_or_update_position(kAccount, "BIG", D("123456789012345.12345678"), "BUY",
                                          "2025-01-02T15:00:00Z");
    db().positions.add_or_update_position(kAccount, "HUGE",
                                          D("123456789012345678901234567890.12345678"), "BUY",
                                          "2025-01-02T15:00:00Z");
    db().positions.add_or_update_position(kAccount, "TIE", D("2.5"), "BUY", "2025-01-02T15:00:00Z");
  }

  // The values Python's decimal module gives (quantize to 1e-8 half-even, or to 38
  // significant digits when that is too many).
  static void expect_money(const Valuation& v, const std::string& what) {
    ASSERT_EQ(v.positions.size(), 3u) << what;
    EXPECT_EQ(v.positions[0].value, D("152415787532387.67078189")) << what;
    EXPECT_EQ(v.positions[1].value, D("123456557340346405924555640592455564.05")) << what;
    EXPECT_EQ(v.positions[2].value, D("0.00000002")) << what;  // 0.000000025: ties to even
    EXPECT_EQ(v.total_value, D("123456557340346405924708056379987951.72")) << what;
    EXPECT_EQ(v.total_shares, D("123456789012345802358023580237.74691356")) << what;
    // Quantities and prices keep every digit.
    EXPECT_EQ(v.positions[0].quantity, D("123456789012345.12345678")) << what;
    EXPECT_EQ(v.positions[0].price, D("1.2345678901234567")) << what;
  }

  static constexpr const char* kAccount = "money_account";
};

TEST_P(MoneyTest, ProductsBeyondThirtyEightDigitsAreRoundedNotRefused) {
  expect_money(db().positions.get_account_value_at_date(kAccount, "2025-01-15"), "value at date");
  const auto series = db().positions.get_account_value_series(kAccount, "2025-01-14", "2025-01-15");
  ASSERT_EQ(series.size(), 2u);
  for (const Valuation& v : series) expect_money(v, "series point " + v.as_of_date.value_or(""));
  expect_money(db().positions.get_portfolio_value(kAccount), "portfolio value");
}

ALEXDB_DATABASE_SUITE(MoneyTest);

}  // namespace
}  // namespace alexdb::database_test
