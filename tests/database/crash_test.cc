// A process killed between the writes of one call (SPEC sections 3 and 9): the call runs
// in a forked child whose store kills it with SIGKILL right after a chosen write was
// applied, on the real file (sqlite) or server (dynalite). Afterwards every reader gives
// the same answer for the same instant (value at a date, a value series, price at a
// date, positions at a date), the next read completes what the child committed, and a
// trade recorded or imported again is moved exactly once.
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <functional>

#include "database/database_fixture.h"

namespace alexdb::database_test {
namespace {

using Timing = WrapperStore::FaultTiming;

class CrashTest : public DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (IsSkipped()) return;
    if (GetParam() == "memory") GTEST_SKIP() << "a memory store does not outlive its process";
    add_instrument("SPY", "SPDR S&P 500 ETF Trust");
    db().instruments.update_price("SPY", D("450.25"), {}, "2025-02-03T21:00:00Z");
    db().positions.add_or_update_position("acc_c", "SPY", D("100"), "BUY", "2025-01-02T15:00:00Z");
  }

  // Runs `call` on a Database of its own in a child process that is killed right after
  // the first applied write whose sort key begins with `sk_prefix`.
  void run_killed_after(const std::string& sk_prefix, const std::function<void(Database&)>& call) {
    std::fflush(nullptr);
    pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      try {
        auto store = std::make_shared<WrapperStore>(std::shared_ptr<Store>(open_store(spec_)));
        store->arm_fault(sk_prefix, Timing::kKillAfterWrite);
        auto database = make_database(store);
        call(*database);
      } catch (...) {
        _exit(3);
      }
      _exit(0);  // never killed: the call made no such write
    }
    int status = 0;
    ASSERT_EQ(waitpid(child, &status, 0), child);
    ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
        << "the child was not killed after a write to " << sk_prefix << " (exit "
        << (WIFEXITED(status) ? WEXITSTATUS(status) : -1) << ")";
  }

  // An account holding 100 SPY since 2025-01-02, that trades can be recorded in.
  std::string trading_account() {
    db().users.create_user("trader", "Trader");
    std::string account = db().accounts.create_account("trader", "Brokerage");
    db().positions.add_or_update_position(account, "SPY", D("100"), "BUY", "2025-01-02T15:00:00Z");
    return account;
  }

  // A trade of SPY at 480 on 2025-02-10 15:00 under `external_id`.
  static TransactionInput trade(const std::string& type, const std::string& quantity,
                                const std::string& external_id) {
    TransactionInput t;
    t.type = type;
    t.symbol = "SPY";
    t.quantity = Decimal::parse(quantity);
    t.price = Decimal::parse("480");
    t.timestamp = "2025-02-10T15:00:00Z";
    t.external_id = external_id;
    return t;
  }

  // The prices stored for `symbol`, oldest first, as raw records (no reader completes them).
  std::vector<Decimal> stored_prices(const std::string& symbol) {
    QueryRequest q;
    q.table = instruments_table_;
    q.partition_value = S(symbol);
    q.consistent_read = true;
    std::vector<Decimal> out;
    for (const Item& item : real_->query_all(q).items) {
      if (item.at("SK").s() != "META") out.push_back(item.at("price").n());
    }
    return out;
  }

  // Value at 2025-02-15, the series' point on that day and the price at that day agree.
  void expect_readers_agree(const Decimal& price) {
    auto reader = fresh_database();
    auto at = reader->positions.get_account_value_at_date("acc_c", "2025-02-15");
    ASSERT_EQ(at.positions.size(), 1u);
    EXPECT_EQ(at.positions[0].price, price);
    EXPECT_EQ(at.total_value, D("100") * price);
    auto series =
        reader->positions.get_account_value_series("acc_c", "2025-02-14", "2025-02-16", "daily");
    ASSERT_EQ(series.size(), 3u);
    EXPECT_EQ(series[1].total_value, at.total_value) << "the series and the single date disagree";
    auto quoted = reader->instruments.get_price_at_date("SPY", "2025-02-15");
    ASSERT_TRUE(quoted);
    EXPECT_EQ(quoted->price, price);
    EXPECT_EQ(reader->instruments.find_by_symbol("SPY")->current_price, price);
  }
};

TEST_P(CrashTest, price_update_killed_after_its_commit_is_seen_by_every_reader) {
  run_killed_after("META", [](Database& d) {
    d.instruments.update_price("SPY", Decimal::parse("999"), {}, std::string("2025-02-10T21:00:00Z"));
  });
  expect_readers_agree(D("999"));
  // A history read completes the price record the child never wrote.
  auto history = fresh_database()->instruments.get_price_history("SPY");
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[1].price, D("999"));
  EXPECT_EQ(history[1].timestamp, "2025-02-10T21:00:00.000000Z");
  EXPECT_EQ(fresh_database()->instruments.get_price_history("SPY").size(), 2u);
}

TEST_P(CrashTest, price_update_killed_after_its_record_leaves_it_complete) {
  run_killed_after("2025-02-10", [](Database& d) {
    d.instruments.update_price("SPY", Decimal::parse("999"), {}, std::string("2025-02-10T21:00:00Z"));
  });
  expect_readers_agree(D("999"));
  EXPECT_EQ(fresh_database()->instruments.get_price_history("SPY").size(), 2u);
}

TEST_P(CrashTest, next_price_update_completes_a_killed_one) {
  run_killed_after("META", [](Database& d) {
    d.instruments.update_price("SPY", Decimal::parse("999"), {}, std::string("2025-02-10T21:00:00Z"));
  });
  db().instruments.update_price("SPY", D("1001"), {}, "2025-02-11T21:00:00Z");
  EXPECT_EQ(stored_prices("SPY"), (std::vector<Decimal>{D("450.25"), D("999"), D("1001")}));
}

TEST_P(CrashTest, position_change_killed_after_its_commit_is_seen_by_every_reader) {
  db().instruments.update_price("SPY", D("500"), {}, "2025-03-01T21:00:00Z");
  run_killed_after("CURRENT#", [](Database& d) {
    d.positions.add_or_update_position("acc_c", "SPY", Decimal::parse("40"), "SELL",
                                       std::string("2025-02-10T15:00:00Z"));
  });
  auto reader = fresh_database();
  auto held = reader->positions.get_positions_at_date("acc_c", "2025-02-15");
  ASSERT_EQ(held.size(), 1u);
  EXPECT_EQ(held[0].quantity, D("40"));
  EXPECT_EQ(held[0].previous_quantity, D("100"));
  EXPECT_EQ(held[0].action, "SELL");
  auto at = reader->positions.get_account_value_at_date("acc_c", "2025-02-15");
  auto series =
      reader->positions.get_account_value_series("acc_c", "2025-02-14", "2025-02-16", "daily");
  EXPECT_EQ(at.total_value, D("40") * D("450.25"));
  EXPECT_EQ(series[1].total_value, at.total_value);
  auto history = reader->positions.get_position_history("acc_c", "SPY");
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[1].quantity, D("40"));
  EXPECT_EQ(history[1].timestamp, held[0].timestamp);
}

// A trade whose process died after its ledger record and before its position moved:
// recording it again (its external id) moves the position, once.
TEST_P(CrashTest, trade_killed_before_its_move_moves_when_recorded_again) {
  const std::string account = trading_account();
  const TransactionInput buy = trade("BUY", "10", "broker-1");
  run_killed_after("TXN#", [&](Database& d) { d.transactions.record(account, buy); });
  auto reader = fresh_database();
  ASSERT_EQ(reader->transactions.list(account).size(), 1u);  // recorded
  EXPECT_EQ(reader->positions.find_by_account(account).at(0).quantity, D("100"));  // not moved
  const std::string id = db().transactions.record(account, buy);
  EXPECT_EQ(db().transactions.record(account, buy), id);  // a third time: nothing more
  reader = fresh_database();
  EXPECT_EQ(reader->positions.find_by_account(account).at(0).quantity, D("110"));
  auto history = reader->positions.get_position_history(account, "SPY");
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[1].timestamp, "2025-02-10T15:00:00.000000Z");
  EXPECT_EQ(history[1].action, "BUY");
  EXPECT_TRUE(reader->verify().ok());
}

// Killed after the move's commit (CURRENT) and before its HISTORY record: recording the
// trade again moves nothing more, and the record is completed.
TEST_P(CrashTest, trade_killed_after_its_move_commit_is_not_moved_again) {
  const std::string account = trading_account();
  const TransactionInput sell = trade("SELL", "30", "broker-2");
  run_killed_after("CURRENT#", [&](Database& d) { d.transactions.record(account, sell); });
  db().transactions.record(account, sell);
  auto reader = fresh_database();
  EXPECT_EQ(reader->positions.find_by_account(account).at(0).quantity, D("70"));
  auto history = reader->positions.get_position_history(account, "SPY");
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[1].quantity, D("70"));
}

// An import killed after its batch of ledger records and the first trade's move commit:
// importing the file again moves the other two, and nothing twice.
TEST_P(CrashTest, import_killed_between_its_moves_moves_the_rest_when_imported_again) {
  const std::string account = trading_account();
  const std::string path = (std::filesystem::temp_directory_path() /
                            ("alexdb-crash-import-" + std::to_string(::getpid()) + ".csv"))
                               .string();
  std::ofstream(path) << "timestamp,type,symbol,quantity,price,fees,amount,external_id\n"
                         "2025-02-10T15:00:00Z,BUY,SPY,10,480,,,i-1\n"
                         "2025-02-11T15:00:00Z,BUY,SPY,5,490,,,i-2\n"
                         "2025-02-12T15:00:00Z,SELL,SPY,3,500,,,i-3\n";
  run_killed_after("CURRENT#", [&](Database& d) { d.transactions.import_csv(account, path); });
  auto reader = fresh_database();
  EXPECT_EQ(reader->transactions.list(account).size(), 3u);
  EXPECT_EQ(reader->positions.find_by_account(account).at(0).quantity, D("110"));
  EXPECT_EQ(db().transactions.import_csv(account, path), (ImportReport{3, 0, 3}));
  EXPECT_EQ(db().transactions.import_csv(account, path), (ImportReport{3, 0, 3}));
  std::filesystem::remove(path);
  reader = fresh_database();
  EXPECT_EQ(reader->positions.find_by_account(account).at(0).quantity, D("112"));
  std::vector<Decimal> quantities;
  for (const PositionChange& c : reader->positions.get_position_history(account, "SPY")) {
    quantities.push_back(c.quantity);
  }
  EXPECT_EQ(quantities, (std::vector<Decimal>{D("100"), D("110"), D("115"), D("112")}));
  EXPECT_TRUE(reader->verify().ok());
}

ALEXDB_DATABASE_SUITE(CrashTest);

}  // namespace
}  // namespace alexdb::database_test
