// Positions: the seed's own scenarios, position ids, removal and the current views
// (find_by_account, get_portfolio_value).
#include <string>
#include <vector>

#include "database/database_fixture.h"

namespace alexdb::database_test {
namespace {

using ::testing::ElementsAre;

class PositionsTest : public DatabaseTest {};

TEST_P(PositionsTest, TablesAreCreatedOnceAndCreateTablesIsIdempotent) {
  EXPECT_THAT(created_, ::testing::UnorderedElementsAre(users_table_, instruments_table_));
  EXPECT_TRUE(db().create_tables().empty());
  EXPECT_EQ(db().users_table_definition().name, users_table_);
  EXPECT_EQ(db().instruments_table_definition().name, instruments_table_);
  ASSERT_EQ(db().users_table_definition().global_indexes.size(), 1u);
  EXPECT_EQ(db().users_table_definition().global_indexes[0].name, "GSI1");
}

TEST_P(PositionsTest, BuyBuySellGivesCurrentFiftyAndThreeHistoryRecords) {
  auto& positions = db().positions;
  positions.add_or_update_position("acc_001", "SPY", D("50"), "BUY");
  positions.add_or_update_position("acc_001", "SPY", D("75"), "BUY");
  const std::string id = positions.add_or_update_position("acc_001", "SPY", D("50"), "SELL");

  auto current = positions.find_by_id(id);
  ASSERT_TRUE(current.has_value());
  EXPECT_EQ(current->quantity, D("50"));
  EXPECT_EQ(current->account_id, "acc_001");
  EXPECT_EQ(current->symbol, "SPY");

  const std::vector<PositionChange> history = positions.get_position_history("acc_001", "SPY");
  ASSERT_EQ(history.size(), 3u);
  std::vector<std::string> actions;
  for (const PositionChange& c : history) actions.push_back(c.action);
  EXPECT_THAT(actions, ElementsAre("BUY", "BUY", "SELL"));
  EXPECT_THAT(quantities(history), ElementsAre(D("50"), D("75"), D("50")));
  EXPECT_EQ(history[0].previous_quantity, D("0"));
  EXPECT_EQ(history[1].previous_quantity, D("50"));
  EXPECT_EQ(history[2].previous_quantity, D("75"));
  for (const PositionChange& c : history) EXPECT_EQ(c.symbol, "SPY");
  expect_contiguous(history);
  EXPECT_EQ(current->timestamp, history.back().timestamp);
  EXPECT_EQ(current->version, history.back().version);
}

TEST_P(PositionsTest, TenUpdatesLeaveCurrentAtTheLastValue) {
  std::string id;
  for (int i = 1; i <= 10; ++i) {
    id = db().positions.add_or_update_position("acc_002", "QQQ", Decimal::from_int(i * 10));
  }
  auto current = db().positions.find_by_id(id);
  ASSERT_TRUE(current.has_value());
  EXPECT_EQ(current->quantity, D("100"));
  const auto history = db().positions.get_position_history("acc_002", "QQQ");
  ASSERT_EQ(history.size(), 10u);
  EXPECT_EQ(history.back().quantity, D("100"));
  EXPECT_EQ(history.back().action, "UPDATE");
  expect_contiguous(history);
  const auto open = db().positions.find_by_account("acc_002");
  ASSERT_EQ(open.size(), 1u);
  EXPECT_EQ(open[0].quantity, D("100"));
}

TEST_P(PositionsTest, TimestampsStrictlyIncreaseWithAStoppedClock) {
  set_clock(micros(2025, 2, 1, 12));
  for (int i = 1; i <= 20; ++i) {
    db().positions.add_or_update_position("acc_clock", "SPY", Decimal::from_int(i), "BUY");
  }
  const auto history = db().positions.get_position_history("acc_clock", "SPY");
  ASSERT_EQ(history.size(), 20u);
  expect_contiguous(history);
  EXPECT_EQ(history.front().timestamp.substr(0, 19), "2025-02-01T12:00:00");
  for (const PositionChange& c : history) {
    EXPECT_EQ(c.timestamp.size(), 27u) << c.timestamp;  // YYYY-MM-DDTHH:MM:SS.ffffffZ
    EXPECT_EQ(c.timestamp.back(), 'Z') << c.timestamp;
  }
}

TEST_P(PositionsTest, DefaultClockStampsTheChangeNow) {
  auto plain = std::make_unique<Database>(wrapper_, users_table_, instruments_table_);
  const auto before = std::chrono::system_clock::now();
  plain->positions.add_or_update_position("acc_now", "SPY", D("3"), "BUY");
  const auto history = plain->positions.get_position_history("acc_now", "SPY");
  ASSERT_EQ(history.size(), 1u);
  const std::int64_t before_us =
      std::chrono::duration_cast<std::chrono::microseconds>(before.time_since_epoch()).count();
  EXPECT_GE(history[0].timestamp, canonical(before_us - 1'000'000));
  EXPECT_LE(history[0].timestamp, canonical(before_us + 60'000'000));
}

TEST_P(PositionsTest, PositionIdRoundTripsThroughFindUpdateAndRemove) {
  set_clock(micros(2025, 3, 4, 9, 30));
  const std::string id = db().positions.add_or_update_position("acc_003", "VTI", D("12.5"), "BUY");
  EXPECT_FALSE(id.empty());
  EXPECT_EQ(
      id.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
      std::string::npos)
      << "position id is not URL-safe: " << id;
  EXPECT_EQ(db().positions.add_or_update_position("acc_003", "VTI", D("13")), id)
      << "the same account and symbol must give the same id";

  auto found = db().positions.find_by_id(id);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->id, id);
  EXPECT_EQ(found->account_id, "acc_003");
  EXPECT_EQ(found->symbol, "VTI");
  EXPECT_EQ(found->quantity, D("13"));
  EXPECT_EQ(found->as_of_date, "2025-03-04");

  EXPECT_EQ(db().positions.update(id, Fields{{"quantity", N("60")}}), 1);
  EXPECT_EQ(db().positions.find_by_id(id)->quantity, D("60"));

  EXPECT_EQ(db().positions.remove(id), 1);
  auto removed = db().positions.find_by_id(id);
  ASSERT_TRUE(removed.has_value()) << "a removed position keeps a CURRENT record";
  EXPECT_EQ(removed->quantity, D("0"));
  EXPECT_TRUE(db().positions.find_by_account("acc_003").empty());
  EXPECT_EQ(db().positions.remove(id), 0) << "no open position left to remove";

  const auto history = db().positions.get_position_history("acc_003", "VTI");
  ASSERT_EQ(history.size(), 4u);
  EXPECT_EQ(history[2].action, "UPDATE");
  EXPECT_EQ(history[2].quantity, D("60"));
  EXPECT_EQ(history[3].action, "REMOVE");
  EXPECT_EQ(history[3].quantity, D("0"));
  EXPECT_EQ(history[3].previous_quantity, D("60"));
  expect_contiguous(history);
}

TEST_P(PositionsTest, UnknownOrMalformedPositionIdIsNotFound) {
  const std::string id = db().positions.add_or_update_position("acc_x", "SPY", D("1"), "BUY");
  EXPECT_NE(db().positions.add_or_update_position("acc_x", "QQQ", D("1"), "BUY"), id);
  EXPECT_NE(db().positions.add_or_update_position("acc_y", "SPY", D("1"), "BUY"), id);
  for (const std::string bad : {"bm90LWEtcG9zaXRpb24", "!!!", ""}) {
    try {
      EXPECT_FALSE(db().positions.find_by_id(bad).has_value()) << bad;
      EXPECT_EQ(db().positions.update(bad, Fields{{"quantity", N("1")}}), 0) << bad;
      EXPECT_EQ(db().positions.remove(bad), 0) << bad;
    } catch (const ValidationError&) {
      // Also acceptable for a malformed id: rejected before anything is read or written.
    }
  }
  EXPECT_EQ(db().positions.find_by_id(id)->quantity, D("1"));
}

TEST_P(PositionsTest, AddPositionBuysFirstThenUpdates) {
  db().positions.add_position("acc_004", "BND", D("10"));
  db().positions.add_position("acc_004", "BND", D("15"));
  const auto history = db().positions.get_position_history("acc_004", "BND");
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[0].action, "BUY");
  EXPECT_EQ(history[1].action, "UPDATE");
  EXPECT_EQ(history[1].quantity, D("15"));
}

TEST_P(PositionsTest, CreateFromFieldsReturnsThePositionId) {
  const std::string id = db().positions.create(
      Fields{{"account_id", S("acc_005")}, {"symbol", S("spy")}, {"quantity", N("7")}});
  auto found = db().positions.find_by_id(id);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->symbol, "SPY") << "symbols are stored upper-case";
  EXPECT_EQ(found->quantity, D("7"));
  EXPECT_EQ(id, db().positions.add_or_update_position("acc_005", "SPY", D("8")));
}

TEST_P(PositionsTest, FindByAccountListsOpenPositionsBySymbolWithInstrumentData) {
  add_instrument("SPY", "SPDR S&P 500 ETF Trust", "450.25");
  add_instrument("BND", "Vanguard Total Bond Market ETF", "72.80");
  db().positions.add_or_update_position("acc_006", "SPY", D("10"), "BUY");
  db().positions.add_or_update_position("acc_006", "BND", D("20"), "BUY");
  db().positions.add_or_update_position("acc_006", "ZZZ", D("1"), "BUY");  // no instrument
  db().positions.add_or_update_position("acc_006", "QQQ", D("5"), "BUY");
  db().positions.add_or_update_position("acc_006", "QQQ", D("0"), "SELL");  // sold out
  db().positions.add_or_update_position("acc_other", "SPY", D("99"), "BUY");

  const auto open = db().positions.find_by_account("acc_006");
  ASSERT_EQ(open.size(), 3u);
  EXPECT_EQ(open[0].symbol, "BND");
  EXPECT_EQ(open[1].symbol, "SPY");
  EXPECT_EQ(open[2].symbol, "ZZZ");
  EXPECT_EQ(open[0].instrument_name, "Vanguard Total Bond Market ETF");
  EXPECT_EQ(open[0].instrument_type, "etf");
  EXPECT_EQ(open[0].current_price, D("72.8"));
  EXPECT_EQ(open[1].quantity, D("10"));
  EXPECT_EQ(open[1].current_price, D("450.25"));
  EXPECT_FALSE(open[2].instrument_name.has_value());
  EXPECT_FALSE(open[2].current_price.has_value());
  for (const Position& p : open) EXPECT_EQ(p.account_id, "acc_006");
}

TEST_P(PositionsTest, HeldSymbolsListsOpenAndSoldOutPositionsOfTheAccountOnly) {
  db().positions.add_or_update_position("acc_008", "SPY", D("10"), "BUY");
  db().positions.add_or_update_position("acc_008", "BND", D("20"), "BUY");
  db().positions.add_or_update_position("acc_008", "BND", D("0"), "SELL");  // sold out
  db().positions.add_or_update_position("acc_other", "QQQ", D("5"), "BUY");

  EXPECT_THAT(db().positions.held_symbols("acc_008"), ElementsAre("BND", "SPY"));
  EXPECT_TRUE(db().positions.held_symbols("acc_never").empty());
  try {
    db().positions.held_symbols("acc#008");
    FAIL() << "an account id with '#' was accepted";
  } catch (const ValidationError& e) {
    EXPECT_EQ(e.field(), "account_id");
  }
}

TEST_P(PositionsTest, SymbolThatPrefixesAnotherKeepsItsOwnHistory) {
  db().positions.add_or_update_position("acc_007", "SPY", D("1"), "BUY", iso(2025, 1, 2));
  db().positions.add_or_update_position("acc_007", "SPYG", D("2"), "BUY", iso(2025, 1, 3));
  db().positions.add_or_update_position("acc_007", "SPYG", D("3"), "BUY", iso(2025, 1, 4));
  const auto spy = db().positions.get_position_history("acc_007", "SPY");
  ASSERT_EQ(spy.size(), 1u) << "SPY's history must not include SPYG's changes";
  EXPECT_EQ(spy[0].quantity, D("1"));
  EXPECT_EQ(db().positions.get_position_history("acc_007", "SPYG").size(), 2u);
  const auto at = db().positions.get_positions_at_date("acc_007", "2025-01-05");
  ASSERT_EQ(at.size(), 2u);
  EXPECT_EQ(at[0].symbol, "SPY");
  EXPECT_EQ(at[0].quantity, D("1"));
  EXPECT_EQ(at[1].symbol, "SPYG");
  EXPECT_EQ(at[1].quantity, D("3"));
}

TEST_P(PositionsTest, HistoryRangeIsInclusiveAndOldestFirst) {
  for (int day = 1; day <= 5; ++day) {
    db().positions.add_or_update_position("acc_008", "VTI", Decimal::from_int(day), "BUY",
                                          iso(2025, 1, day, 12));
  }
  const auto mid = db().positions.get_position_history("acc_008", "VTI", iso(2025, 1, 2, 12),
                                                       iso(2025, 1, 4, 12));
  EXPECT_THAT(quantities(mid), ElementsAre(D("2"), D("3"), D("4")));
  const auto tail = db().positions.get_position_history("acc_008", "VTI", iso(2025, 1, 4));
  EXPECT_THAT(quantities(tail), ElementsAre(D("4"), D("5")));
  const auto head = db().positions.get_position_history("acc_008", "VTI", std::nullopt,
                                                        std::string("2025-01-02"));
  EXPECT_THAT(quantities(head), ElementsAre(D("1"), D("2")))
      << "a date-only end means the end of that day";
  EXPECT_EQ(mid[0].timestamp, canonical(micros(2025, 1, 2, 12)));
}

TEST_P(PositionsTest, PortfolioValueUsesCurrentPrices) {
  add_instrument("SPY", "SPDR S&P 500 ETF Trust", "450.25");
  add_instrument("BND", "Vanguard Total Bond Market ETF", "72.80");
  db().positions.add_or_update_position("acc_009", "SPY", D("10"), "BUY");
  db().positions.add_or_update_position("acc_009", "BND", D("2.5"), "BUY");
  db().positions.add_or_update_position("acc_009", "QQQ", D("3"), "BUY");
  db().positions.add_or_update_position("acc_009", "QQQ", D("0"), "SELL");

  const Valuation v = db().positions.get_portfolio_value("acc_009");
  EXPECT_EQ(v.account_id, "acc_009");
  EXPECT_EQ(v.num_positions, 2);
  EXPECT_EQ(v.total_value, D("4684.5"));  // 10 x 450.25 + 2.5 x 72.80
  EXPECT_EQ(v.total_shares, D("12.5"));
  ASSERT_EQ(v.positions.size(), 2u);
  EXPECT_EQ(v.positions[0].symbol, "BND");
  EXPECT_EQ(v.positions[0].value, D("182"));
  EXPECT_EQ(v.positions[1].value, D("4502.5"));
  EXPECT_TRUE(v.missing_prices.empty());
}

TEST_P(PositionsTest, FindAllListsOpenPositionsByAccountAndSymbol) {
  db().positions.add_or_update_position("acc_b", "SPY", D("1"), "BUY");
  db().positions.add_or_update_position("acc_a", "VTI", D("2"), "BUY");
  db().positions.add_or_update_position("acc_a", "BND", D("3"), "BUY");
  db().positions.add_or_update_position("acc_a", "QQQ", D("3"), "BUY");
  db().positions.add_or_update_position("acc_a", "QQQ", D("0"), "SELL");
  const auto all = db().positions.find_all();
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].account_id + "/" + all[0].symbol, "acc_a/BND");
  EXPECT_EQ(all[1].account_id + "/" + all[1].symbol, "acc_a/VTI");
  EXPECT_EQ(all[2].account_id + "/" + all[2].symbol, "acc_b/SPY");
  const auto page = db().positions.find_all(Page{1, 1});
  ASSERT_EQ(page.size(), 1u);
  EXPECT_EQ(page[0].symbol, "VTI");
}

// A writer that dies after its commit never writes its HISTORY record (the failed write
// stands in for the death). The fast path of the next changes carries the change on:
// after two more changes have pushed it out of CURRENT, a reader at a date inside its
// time finds it through the record after it, and a history read writes its record.
TEST_P(PositionsTest, AChangeWhoseRecordWasNeverWrittenIsCarriedByTheNextOne) {
  const std::string account = "acc_carry";
  db().positions.add_or_update_position(account, "SPY", D("10"), "BUY", iso(2025, 1, 2, 15));
  wrapper().arm_fault("HISTORY#", WrapperStore::FaultTiming::kBeforeWrite);
  db().positions.add_or_update_position(account, "SPY", D("20"), "BUY", iso(2025, 1, 3, 15));
  ASSERT_TRUE(wrapper().fault_fired());
  db().positions.add_or_update_position(account, "SPY", D("30"), "BUY", iso(2025, 1, 4, 15));
  db().positions.add_or_update_position(account, "SPY", D("40"), "BUY", iso(2025, 1, 5, 15));
  ASSERT_EQ(partition("ACCOUNT#" + account).size(), 4u) << "CURRENT and three HISTORY records";

  auto reader = fresh_database();
  auto held = reader->positions.get_positions_at_date(account, "2025-01-03");
  ASSERT_EQ(held.size(), 1u);
  EXPECT_EQ(held[0].quantity, D("20"));
  EXPECT_EQ(held[0].previous_quantity, D("10"));
  EXPECT_EQ(reader->positions.get_account_value_at_date(account, "2025-01-03").total_shares, D("20"));

  auto history = reader->positions.get_position_history(account, "SPY");
  ASSERT_EQ(history.size(), 4u);
  for (std::size_t k = 0; k < history.size(); ++k) {
    EXPECT_EQ(history[k].quantity, Decimal::from_int(10 * std::int64_t(k + 1)));
    EXPECT_EQ(history[k].version, std::int64_t(k + 1));
  }
  EXPECT_EQ(partition("ACCOUNT#" + account).size(), 5u) << "the history read wrote the record";
  EXPECT_TRUE(db().verify().ok());
}

ALEXDB_DATABASE_SUITE(PositionsTest);

}  // namespace
}  // namespace alexdb::database_test
