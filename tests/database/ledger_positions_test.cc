// Trades move positions (SPEC section 12): positions and value at every date agree with
// the ledger, the seed's absolute calls and trades combine as the README defines, and a
// trade that would break the history (out of order, selling more than held) writes
// nothing, on every engine.
#include <map>
#include <random>
#include <string>
#include <vector>

#include "database/ledger_fixture.h"

namespace alexdb::database_test {
namespace {

class LedgerPositionsTest : public LedgerTest {
 protected:
  // A trade without fees.
  static TransactionInput move(const char* type, const std::string& symbol,
                               const std::string& quantity, const char* price, std::string at) {
    return trade_input(type, symbol, quantity, price, "0", std::move(at));
  }
  // The quantities get_positions_at_date gives at `date`, by symbol.
  std::map<std::string, Decimal> held_at(const std::string& date) {
    std::map<std::string, Decimal> out;
    for (const PositionChange& c : db().positions.get_positions_at_date(account(), date)) {
      out[c.symbol] = c.quantity;
    }
    return out;
  }
  // The units the ledger's lots hold at `date`, by symbol.
  std::map<std::string, Decimal> lots_at(const std::string& date) {
    std::map<std::string, Decimal> out;
    for (const Lot& lot : db().portfolio.lots(account(), std::nullopt, date)) {
      out[lot.symbol] += lot.quantity;
    }
    return out;
  }
  std::vector<std::string> actions(const std::string& symbol) {
    std::vector<std::string> out;
    for (const PositionChange& c : db().positions.get_position_history(account(), symbol)) {
      out.push_back(c.action);
    }
    return out;
  }
};

TEST_P(LedgerPositionsTest, TradesMovePositionsAndValueAtTheirDates) {
  set_clock(micros(2025, 3, 1, 12));
  add_instrument("SPY", "SPDR S&P 500 ETF Trust");
  db().instruments.update_price("SPY", D("480"), std::nullopt, "2025-01-02");
  db().instruments.update_price("SPY", D("520"), std::nullopt, "2025-02-03");
  db().transactions.record(account(), move("BUY", "SPY", "10", "480", "2025-01-02"));
  db().transactions.record(account(), move("BUY", "SPY", "5", "500", "2025-01-20"));
  db().transactions.record(account(), move("SELL", "SPY", "3", "520", "2025-02-03"));
  db().transactions.record(account(), move("TRANSFER_OUT", "SPY", "2", "490", "2025-02-10"));

  EXPECT_TRUE(held_at("2025-01-01").empty());
  EXPECT_EQ(held_at("2025-01-02")["SPY"], D("10"));
  EXPECT_EQ(held_at("2025-01-20")["SPY"], D("15"));
  EXPECT_EQ(held_at("2025-02-03")["SPY"], D("12"));
  EXPECT_EQ(held_at("2025-02-10")["SPY"], D("10"));
  EXPECT_EQ(actions("SPY"), (std::vector<std::string>{"BUY", "BUY", "SELL", "TRANSFER"}));
  Valuation v = db().positions.get_account_value_at_date(account(), "2025-02-03");
  EXPECT_EQ(v.total_value, D("6240.00"));  // 12 x 520
  EXPECT_EQ(db().positions.find_by_account(account()).at(0).quantity, D("10"));
}

TEST_P(LedgerPositionsTest, AbsoluteCallsStateTheWholeQuantityAndTradesMoveFromIt) {
  set_clock(micros(2025, 3, 1, 12));
  // The seed's call states 100 held on 2 Jan; a BUY of 10 on 10 Jan moves it to 110.
  db().positions.add_or_update_position(account(), "VTI", D("100"), "BUY", "2025-01-02");
  db().transactions.record(account(), move("BUY", "VTI", "10", "250", "2025-01-10"));
  EXPECT_EQ(held_at("2025-01-10")["VTI"], D("110"));
  // A statement on 1 Feb of 50 held replaces the quantity; later trades move from 50.
  db().positions.add_or_update_position(account(), "VTI", D("50"), "UPDATE", "2025-02-01");
  db().transactions.record(account(), move("SELL", "VTI", "20", "260", "2025-02-15"));
  EXPECT_EQ(held_at("2025-01-31")["VTI"], D("110"));
  EXPECT_EQ(held_at("2025-02-15")["VTI"], D("30"));

  // A trade dated before the position's last change is refused; nothing is written.
  const std::size_t before = item_count();
  expect_validation_error(
      [&] { db().transactions.record(account(), move("BUY", "VTI", "1", "250", "2025-01-20")); },
      "timestamp", "a trade before the position's last change");
  // So is a sale of more than is held then (no short positions).
  expect_validation_error(
      [&] { db().transactions.record(account(), move("SELL", "VTI", "31", "250", "2025-02-20")); },
      "quantity", "a sale of more than is held");
  EXPECT_EQ(item_count(), before);
  EXPECT_EQ(held_at("2025-02-28")["VTI"], D("30"));
}

TEST_P(LedgerPositionsTest, CorrectionsAndVoidsMoveThePositionByTheDifferenceWhenRecorded) {
  set_clock(micros(2025, 1, 31, 12));
  std::string buy = db().transactions.record(account(), move("BUY", "QQQ", "10", "400", "2025-01-15"));
  std::string sell = db().transactions.record(account(), move("SELL", "QQQ", "4", "410", "2025-01-20"));
  EXPECT_EQ(held_at("2025-01-31")["QQQ"], D("6"));

  set_clock(micros(2025, 2, 5, 9));
  db().transactions.correct(buy, Fields{{"quantity", N("12")}});  // two more units now
  EXPECT_EQ(held_at("2025-02-05")["QQQ"], D("8"));
  EXPECT_EQ(held_at("2025-01-31")["QQQ"], D("6"));  // as recorded then
  set_clock(micros(2025, 2, 6, 9));
  db().transactions.void_transaction(sell);  // the four sold come back now
  EXPECT_EQ(held_at("2025-02-06")["QQQ"], D("12"));
  EXPECT_EQ(lots_at("2025-02-06")["QQQ"], D("12"));
  EXPECT_EQ(actions("QQQ"), (std::vector<std::string>{"BUY", "SELL", "UPDATE", "UPDATE"}));

  // A correction that would take the position below 0 writes nothing.
  set_clock(micros(2025, 2, 7, 9));
  db().positions.add_or_update_position(account(), "QQQ", D("1"), "UPDATE");
  const std::size_t before = item_count();
  expect_validation_error([&] { db().transactions.correct(buy, Fields{{"quantity", N("5")}}); },
                          "quantity", "a correction below what is held");
  EXPECT_EQ(item_count(), before);
  EXPECT_EQ(db().transactions.get(buy)->quantity, D("12"));
}

TEST_P(LedgerPositionsTest, AnExternalIdRecordedAgainMovesThePositionOnce) {
  TransactionInput in = move("BUY", "SPY", "5", "500", "2025-01-15");
  in.external_id = "broker-1";
  db().transactions.record(account(), in);
  db().transactions.record(account(), in);
  EXPECT_EQ(held_at("2025-01-31")["SPY"], D("5"));
  EXPECT_EQ(actions("SPY").size(), 1u);
}

// A retry of a recording whose position has moved on since (a later trade) still finds
// the first recording: its id, nothing written, not a refusal of its time.
TEST_P(LedgerPositionsTest, AnExternalIdRecordedAgainAfterALaterTradeReturnsTheFirst) {
  TransactionInput in = move("BUY", "SPY", "5", "500", "2025-01-15");
  in.external_id = "broker-2";
  const std::string first = db().transactions.record(account(), in);
  db().transactions.record(account(), move("BUY", "SPY", "1", "510", "2025-01-20"));
  const std::size_t before = item_count();
  EXPECT_EQ(db().transactions.record(account(), in), first);
  EXPECT_EQ(item_count(), before);
  EXPECT_EQ(held_at("2025-01-31")["SPY"], D("6"));
  in.quantity = D("7");
  EXPECT_THROW(db().transactions.record(account(), in), AlreadyExists);
}

// Generated ledgers (in time order, never short) agree with positions at every date.
TEST_P(LedgerPositionsTest, PositionsAgreeWithTheLedgersLotsAtEveryDate) {
  std::mt19937 random(17);
  const std::vector<std::string> symbols = {"AAA", "BBB", "CCC"};
  std::map<std::string, int> held;
  std::vector<std::string> dates;
  const int trades = on_dynalite() ? 25 : 60;
  for (int day = 0; day < trades; ++day) {
    const std::string& symbol = symbols[random() % symbols.size()];
    const std::string date = canonical(micros(2024, 1, 1, 15) + day * 86'400'000'000LL);
    const int units = 1 + static_cast<int>(random() % 9);
    const bool sell = held[symbol] > 0 && random() % 3 == 0;
    const int moved = sell ? 1 + static_cast<int>(random() % held[symbol]) : units;
    db().transactions.record(account(), move(sell ? "SELL" : "BUY", symbol,
                                              std::to_string(moved), "10", date));
    held[symbol] += sell ? -moved : moved;
    dates.push_back(date);
  }
  for (const std::string& date : dates) {
    std::map<std::string, Decimal> lots = lots_at(date);
    std::erase_if(lots, [](const auto& l) { return l.second.is_zero(); });
    EXPECT_EQ(held_at(date), lots) << date;
  }
}

ALEXDB_DATABASE_SUITE(LedgerPositionsTest);

}  // namespace
}  // namespace alexdb::database_test
