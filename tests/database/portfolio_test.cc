// Lots and gains (SPEC section 12): db.portfolio replays the ledger recorded through
// db.transactions, by each cost method, at a date and as known at a moment, on every
// engine. The expected figures are worked by hand in the comments.
#include <string>
#include <vector>

#include "database/ledger_fixture.h"

namespace alexdb::database_test {
namespace {

class PortfolioTest : public LedgerTest {
 protected:
  // The textbook ledger: three purchases of SPY, then one sale of 15 that draws on them.
  //   A 2024-01-10  BUY 10 @ 100, fees 5   cost 1005 (100.5 a unit)
  //   B 2024-02-10  BUY 10 @ 120, fees 5   cost 1205 (120.5 a unit)
  //   C 2024-03-10  BUY 10 @  90           cost  900
  //     2024-06-10  SELL 15 @ 130, fees 6  proceeds 1950
  // A deposit (cash, left out) and QQQ, held without any price.
  void record_textbook() {
    set_clock(micros(2025, 2, 1, 12));
    trade("BUY", "SPY", "10", "100", "5", "2024-01-10");
    trade("BUY", "SPY", "10", "120", "5", "2024-02-10");
    trade("BUY", "SPY", "10", "90", "0", "2024-03-10");
    trade("SELL", "SPY", "15", "130", "6", "2024-06-10");
    trade("BUY", "QQQ", "2", "400", "0", "2024-04-01");
    cash("DEPOSIT", "10000", "2024-01-02");
    add_instrument("SPY", "SPDR S&P 500 ETF Trust");
    db().instruments.update_price("SPY", D("110"), {}, "2024-12-20");
    db().instruments.update_price("SPY", D("150"), {}, "2025-01-15");
  }
  static std::string close(int y, unsigned mo, unsigned d) {
    return canonical(micros(y, mo, d, 21));
  }
  static RealizedGain sold(const char* quantity, const char* proceeds, const char* fees,
                           const char* cost, const char* gain, std::string acquired) {
    return {"SPY",   D(quantity), D(proceeds),         D(fees),
            D(cost), D(gain),     std::move(acquired), close(2024, 6, 10)};
  }
  static UnrealizedGain spy_held(const char* cost, const char* value, const char* gain) {
    return {"SPY", D("15"), D(cost), D(value), D(gain)};
  }
};

TEST_P(PortfolioTest, FifoGainsWorkedByHand) {
  record_textbook();
  Gains g = db().portfolio.gains(account(), "2024-01-01", "2024-12-31");
  // A's 10 first, then 5 of B; the fees split by quantity (4 and 2), B's cost halved.
  EXPECT_EQ(g.realized, (std::vector<RealizedGain>{
                            sold("10", "1300", "4", "1005", "291", close(2024, 1, 10)),
                            sold("5", "650", "2", "602.5", "45.5", close(2024, 2, 10))}));
  EXPECT_EQ(g.realized_total, D("336.5"));
  // Left: 5 of B (602.50) and C (900); 15 x 110 (the price of 2024-12-20, not the newer).
  EXPECT_EQ(g.unrealized, (std::vector<UnrealizedGain>{spy_held("1502.5", "1650", "147.5")}));
  EXPECT_EQ(g.unrealized_total, D("147.5"));
  // QQQ is held without a price: listed, never valued at 0.
  EXPECT_EQ(g.missing_prices, (std::vector<std::string>{"QQQ"}));
}

TEST_P(PortfolioTest, LifoHifoAndAverageGainsWorkedByHand) {
  record_textbook();
  // LIFO: C's 10, then 5 of B.
  Gains lifo = db().portfolio.gains(account(), {}, "2024-12-31", CostMethod::kLifo);
  EXPECT_EQ(lifo.realized, (std::vector<RealizedGain>{
                               sold("10", "1300", "4", "900", "396", close(2024, 3, 10)),
                               sold("5", "650", "2", "602.5", "45.5", close(2024, 2, 10))}));
  EXPECT_EQ(lifo.realized_total, D("441.5"));
  EXPECT_EQ(lifo.unrealized, (std::vector<UnrealizedGain>{spy_held("1607.5", "1650", "42.5")}));
  // HIFO: B (120.5 a unit), then 5 of A (100.5).
  Gains hifo = db().portfolio.gains(account(), {}, "2024-12-31", CostMethod::kHifo);
  EXPECT_EQ(hifo.realized, (std::vector<RealizedGain>{
                               sold("10", "1300", "4", "1205", "91", close(2024, 2, 10)),
                               sold("5", "650", "2", "502.5", "145.5", close(2024, 1, 10))}));
  EXPECT_EQ(hifo.realized_total, D("236.5"));
  EXPECT_EQ(hifo.unrealized_total, D("247.5"));
  // Average: one pool of 30 at 3110; the sale takes half, 1555.
  Gains average = db().portfolio.gains(account(), {}, "2024-12-31", CostMethod::kAverage);
  EXPECT_EQ(
      average.realized,
      (std::vector<RealizedGain>{sold("15", "1950", "6", "1555", "389", close(2024, 1, 10))}));
  EXPECT_EQ(average.unrealized, (std::vector<UnrealizedGain>{spy_held("1555", "1650", "95")}));
  EXPECT_EQ(average.missing_prices, (std::vector<std::string>{"QQQ"}));
}

TEST_P(PortfolioTest, GainsWithoutEndUseTheNewestPriceAndEveryTransaction) {
  record_textbook();
  Gains g = db().portfolio.gains(account());
  EXPECT_EQ(g.realized_total, D("336.5"));
  EXPECT_EQ(g.unrealized, (std::vector<UnrealizedGain>{spy_held("1502.5", "2250", "747.5")}));
  // A period after the sale realized nothing, yet values what is held then.
  Gains later = db().portfolio.gains(account(), "2024-07-01", "2024-12-31");
  EXPECT_TRUE(later.realized.empty());
  EXPECT_EQ(later.realized_total, D("0"));
  EXPECT_EQ(later.unrealized_total, D("147.5"));
  // Before any price: both symbols missing, nothing unrealized.
  Gains early = db().portfolio.gains(account(), {}, "2024-05-01");
  EXPECT_TRUE(early.unrealized.empty());
  EXPECT_EQ(early.unrealized_total, D("0"));
  EXPECT_EQ(early.missing_prices, (std::vector<std::string>{"QQQ", "SPY"}));
  EXPECT_THROW(db().portfolio.gains(account(), "2024-12-31", "2024-01-01"), ValidationError);
}

TEST_P(PortfolioTest, LotsAtAPastDate) {
  record_textbook();
  // On 2024-02-28 (its end): A and B only.
  EXPECT_EQ(db().portfolio.lots(account(), std::nullopt, "2024-02-28"),
            (std::vector<Lot>{{"SPY", D("10"), D("100.5"), D("1005"), close(2024, 1, 10)},
                              {"SPY", D("10"), D("120.5"), D("1205"), close(2024, 2, 10)}}));
  // Now, of SPY only: what FIFO left, and under LIFO.
  EXPECT_EQ(db().portfolio.lots(account(), "spy"),
            (std::vector<Lot>{{"SPY", D("5"), D("120.5"), D("602.5"), close(2024, 2, 10)},
                              {"SPY", D("10"), D("90"), D("900"), close(2024, 3, 10)}}));
  EXPECT_EQ(db().portfolio.lots(account(), "SPY", {}, CostMethod::kLifo),
            (std::vector<Lot>{{"SPY", D("10"), D("100.5"), D("1005"), close(2024, 1, 10)},
                              {"SPY", D("5"), D("120.5"), D("602.5"), close(2024, 2, 10)}}));
  EXPECT_EQ(db().portfolio.lots(account()).size(), 3u);  // QQQ's lot too
  EXPECT_TRUE(db().portfolio.lots(account(), std::nullopt, "2024-01-09").empty());
  EXPECT_THROW(db().portfolio.lots(account(), "SP Y"), ValidationError);
  try {
    db().portfolio.lots(account(), std::nullopt, "not a date");
    ADD_FAILURE() << "a bad `at` was read";
  } catch (const ValidationError& e) {
    EXPECT_EQ(e.field(), "at");
  }
  EXPECT_THROW(db().portfolio.lots("bad#id"), ValidationError);
}

TEST_P(PortfolioTest, TransfersMoveLotsWithoutRealizing) {
  set_clock(micros(2025, 2, 1, 12));
  trade("TRANSFER_IN", "VTI", "8", "200", "0", "2024-01-05");
  trade("BUY", "VTI", "2", "250", "1", "2024-02-05");
  trade("TRANSFER_OUT", "VTI", "5", "0", "0", "2024-03-05");
  // FIFO: 5 of the 8 moved in leave at their cost; nothing realized.
  EXPECT_EQ(db().portfolio.lots(account()),
            (std::vector<Lot>{{"VTI", D("3"), D("200"), D("600"), close(2024, 1, 5)},
                              {"VTI", D("2"), D("250.5"), D("501"), close(2024, 2, 5)}}));
  EXPECT_TRUE(db().portfolio.gains(account()).realized.empty());
}

TEST_P(PortfolioTest, GainsAsKnownAtReproduceAReportAfterCorrections) {
  record_textbook();  // recorded on 2025-02-01 12:00
  const std::string first_known = iso(2025, 2, 1, 13);
  Gains first = db().portfolio.gains(account(), "2024-01-01", "2024-12-31");
  // Later: B's price was 110, not 120 (a back-dated correction), and C is voided.
  set_clock(micros(2025, 3, 1, 12));
  auto ledger = db().transactions.list(account(), {}, {}, "SPY");
  ASSERT_EQ(ledger.size(), 4u);
  db().transactions.correct(ledger[1].id, Fields{{"price", Value::N(std::string_view("110"))}});
  db().transactions.void_transaction(ledger[2].id);

  EXPECT_EQ(
      db().portfolio.gains(account(), "2024-01-01", "2024-12-31", CostMethod::kFifo, first_known),
      first);
  Gains now = db().portfolio.gains(account(), "2024-01-01", "2024-12-31");
  // B now cost 1105: its 5 sold cost 552.50, gain 650 - 2 - 552.50 = 95.50.
  EXPECT_EQ(now.realized, (std::vector<RealizedGain>{
                              sold("10", "1300", "4", "1005", "291", close(2024, 1, 10)),
                              sold("5", "650", "2", "552.5", "95.5", close(2024, 2, 10))}));
  EXPECT_EQ(now.realized_total, D("386.5"));
  // Held: 5 of B (552.50); 5 x 110 = 550.
  EXPECT_EQ(now.unrealized,
            (std::vector<UnrealizedGain>{{"SPY", D("5"), D("552.5"), D("550"), D("-2.5")}}));
  EXPECT_NE(now, first);
  // Lots as known then, too.
  EXPECT_EQ(db().portfolio.lots(account(), "SPY", {}, CostMethod::kFifo, first_known).size(), 2u);
}

TEST_P(PortfolioTest, AnOversoldLedgerIsReportedWithTheTransaction) {
  set_clock(micros(2025, 2, 1, 12));
  // Three units came from the seed's absolute call, so the position holds 8 and allows
  // the sale, but the ledger's lots hold only the 5 bought.
  db().positions.add_or_update_position(account(), "SPY", D("3"), "BUY", "2024-01-05");
  trade("BUY", "SPY", "5", "100", "0", "2024-01-10");
  std::string sale = trade("SELL", "SPY", "8", "110", "0", "2024-02-10");
  for (CostMethod method : {CostMethod::kFifo, CostMethod::kAverage}) {
    try {
      db().portfolio.gains(account(), {}, {}, method);
      ADD_FAILURE() << "an oversold ledger gave gains";
    } catch (const ValidationError& e) {
      EXPECT_EQ(e.field(), "quantity");
      EXPECT_THAT(e.detail(), ::testing::HasSubstr(sale));
      EXPECT_THAT(e.detail(), ::testing::HasSubstr("5 held"));
    }
    EXPECT_THROW(db().portfolio.lots(account(), {}, {}, method), ValidationError);
  }
  // Up to a date before the sale, the ledger is consistent.
  EXPECT_EQ(db().portfolio.lots(account(), {}, "2024-01-31").size(), 1u);
}

TEST_P(PortfolioTest, RequestsGrowWithSymbolsNotWithTransactions) {
  record_textbook();
  auto reads_of = [&](auto&& call) {
    wrapper().reset_counts();
    call();
    return wrapper().counts();
  };
  auto gains_2024 = [&] { db().portfolio.gains(account(), {}, "2024-12-31"); };
  // The ledger (one page), the splits of SPY and QQQ (a query each), the instruments of
  // SPY and QQQ (one batch read), then a price query for each: SPY's newest price is
  // after the end, QQQ has no instrument.
  auto first = reads_of(gains_2024);
  EXPECT_EQ(first.queries, 5);
  EXPECT_EQ(first.batch_gets, 1);
  EXPECT_EQ(first.gets + first.scans, 0);
  // Unbounded: SPY's newest price decides, so only QQQ is queried.
  auto newest = reads_of([&] { db().portfolio.gains(account()); });
  EXPECT_EQ(newest.queries, 4);
  EXPECT_EQ(newest.batch_gets, 1);
  auto lots = reads_of([&] { db().portfolio.lots(account()); });
  EXPECT_EQ(lots.queries, 3);
  EXPECT_EQ(lots.batch_gets + lots.gets + lots.scans, 0);
  // Twenty more trades of the same symbols: the same requests.
  for (int k = 1; k <= 20; ++k) {
    trade(k % 2 ? "BUY" : "SELL", k % 4 < 2 ? "SPY" : "QQQ", "1", "100", "0",
          iso(2024, 7, static_cast<unsigned>(k)).c_str());
  }
  auto more = reads_of(gains_2024);
  EXPECT_EQ(more.queries, first.queries);
  EXPECT_EQ(more.batch_gets, first.batch_gets);
}

ALEXDB_DATABASE_SUITE(PortfolioTest);

}  // namespace
}  // namespace alexdb::database_test
