// A database file written by release 0.1.0 (testdata/golden/alexdb-0.1.0.db) must open
// and read back the same with every later release. The test copies the committed file
// to a temporary directory (SQLite writes beside it), opens it through the public API
// and checks every record the generator wrote, then checks the raw layout: the catalog,
// and that every stored key is key_encoding.h's form of its item's key.
//
// Regenerating (only for a new golden file beside this one, never to "fix" this test):
// run sqlite_tests with --gtest_also_run_disabled_tests and
// --gtest_filter=GoldenFileWriter.DISABLED_WriteGoldenFile; it writes $ALEXDB_GOLDEN_OUT
// (default testdata/golden/alexdb-new.db) with the records below, through
// alexdb::Database only, with a fixed clock (see testdata/golden/README.md).
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <random>
#include <string>

#include "alexdb/database.h"
#include "model/item_codec.h"
#include "store/sqlite/catalog.h"
#include "store/sqlite/key_encoding.h"

namespace alexdb {
namespace {

namespace fs = std::filesystem;

constexpr const char* kGoldenFile = ALEXDB_SOURCE_DIR "/testdata/golden/alexdb-0.1.0.db";

Decimal D(const char* text) { return Decimal::parse(text); }

// The generator's clock: 2025-03-01T12:00:00Z, one second later at every reading.
std::function<std::int64_t()> fixed_clock() {
  auto next = std::make_shared<std::atomic<std::int64_t>>(1740830400LL * 1000000);
  return [next] { return next->fetch_add(1000000); };
}

Value allocation(std::initializer_list<std::pair<const char*, const char*>> entries) {
  Value::Map m;
  for (const auto& [key, percent] : entries) m[key] = Value::N(std::string_view(percent));
  return Value::M(std::move(m));
}

// Every kind of value a job payload can hold.
Value request_payload() {
  return Value::M({{"goal", Value::S("retire at 60 \xc3\xa9t\xc3\xa9")},
                   {"amount", Value::N("1234567.8901")},
                   {"flags", Value::L({Value::Bool(true), Value::Null(), Value::N("-0.5")})},
                   {"nested", Value::M({{"depth", Value::N(std::int64_t{2})}})}});
}

void write_golden(const std::string& path) {
  DatabaseOptions options;
  options.clock_micros = fixed_clock();
  Database db(std::shared_ptr<Store>(open_store("sqlite:" + path)), "alex-users-data",
              "alex-instruments", std::move(options));
  db.users.create_user("golden_user_1", "Ada Lovelace", D("25"), D("80000.50"),
                       Allocation{{"equity", D("60")}, {"fixed_income", D("40")}},
                       Allocation{{"north_america", D("70")}, {"international", D("30")}});
  db.users.create_user("golden_user_2");

  db.instruments.create_instrument(
      {{"symbol", Value::S("SPY")},
       {"name", Value::S("SPDR S&P 500 ETF Trust")},
       {"instrument_type", Value::S("etf")},
       {"allocation_regions", allocation({{"north_america", "100"}})},
       {"allocation_sectors", allocation({{"technology", "60"}, {"healthcare", "40"}})},
       {"allocation_asset_class", allocation({{"equity", "100"}})}});
  db.instruments.create_instrument(
      {{"symbol", Value::S("BND")},
       {"name", Value::S("Vanguard Total Bond Market ETF")},
       {"instrument_type", Value::S("bond_fund")},
       {"allocation_regions", allocation({{"north_america", "100"}})},
       {"allocation_sectors", allocation({{"treasury", "70"}, {"corporate", "30"}})},
       {"allocation_asset_class", allocation({{"fixed_income", "100"}})}});
  db.instruments.import_prices(
      {{"SPY", "2025-01-02T21:00:00.000000Z", D("470.50"), D("1000"), "seed"},
       {"SPY", "2025-02-03T21:00:00.000000Z", D("480.25"), {}, "seed"},
       {"BND", "2025-01-02T21:00:00.000000Z", D("71.05"), {}, "seed"}});
  db.instruments.update_price("SPY", D("490.125"), D("2500"), "2025-02-20T21:00:00.000000Z");

  std::string retirement = db.accounts.create_account("golden_user_1", "Retirement 401k",
                                                      "long term", D("1234.56"), D("0.045"));
  std::string brokerage = db.accounts.create_account("golden_user_1", "Brokerage");
  std::string other = db.accounts.create_account("golden_user_2", "Savings", {}, D("10"));
  db.positions.add_or_update_position(retirement, "SPY", D("100"), "BUY", "2025-01-02T21:00:00Z");
  db.positions.add_or_update_position(retirement, "SPY", D("60"), "SELL", "2025-02-03T15:30:00Z");
  db.positions.add_or_update_position(retirement, "BND", D("50.12345678"), "BUY",
                                      "2025-01-15T10:00:00Z");
  db.positions.add_or_update_position(brokerage, "SPY", D("5"), "TRANSFER", "2025-01-20T12:00:00Z");
  db.positions.add_or_update_position(other, "BND", D("10"), "BUY", "2025-01-03T12:00:00Z");
  db.positions.add_or_update_position(other, "BND", D("0"), "REMOVE", "2025-02-14T12:00:00Z");

  std::string done = db.jobs.create_job("golden_user_1", "portfolio_analysis", request_payload());
  db.jobs.update_status(done, "running");
  db.jobs.update_report(done, Value::M({{"summary", Value::S("balanced")}}));
  db.jobs.update_status(done, "completed");
  std::string failed = db.jobs.create_job("golden_user_2", "retirement_projection");
  db.jobs.update_status(failed, "failed", "no accounts with positions");
  db.jobs.create_job("golden_user_1", "risk_assessment");
}

TEST(GoldenFileWriter, DISABLED_WriteGoldenFile) {
  const char* out = std::getenv("ALEXDB_GOLDEN_OUT");
  std::string path = out ? out : ALEXDB_SOURCE_DIR "/testdata/golden/alexdb-new.db";
  fs::remove(path);
  write_golden(path);
  // The last connection has checkpointed the WAL: the file stands alone.
  EXPECT_FALSE(fs::exists(path + "-wal"));
  std::cout << "wrote " << path << " (" << fs::file_size(path) << " bytes)\n";
}

class GoldenFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("alexdb-golden-" + std::to_string(std::random_device{}()));
    fs::create_directories(dir_);
    path_ = (dir_ / "alex.db").string();
    fs::copy_file(kGoldenFile, path_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::unique_ptr<Database> open() {
    return std::make_unique<Database>(std::shared_ptr<Store>(open_store("sqlite:" + path_)),
                                      "alex-users-data", "alex-instruments");
  }
  fs::path dir_;
  std::string path_;
};

std::string date_of(const std::string& timestamp) { return timestamp.substr(0, 10); }

TEST_F(GoldenFileTest, UsersReadBack) {
  auto db = open();
  auto users = db->users.find_all();
  ASSERT_EQ(users.size(), 2u);
  const User& ada = users[0];
  EXPECT_EQ(ada.clerk_user_id, "golden_user_1");
  EXPECT_EQ(ada.display_name, "Ada Lovelace");
  EXPECT_EQ(ada.years_until_retirement, D("25"));
  EXPECT_EQ(ada.target_retirement_income, D("80000.5"));
  EXPECT_EQ(ada.asset_class_targets, (Allocation{{"equity", D("60")}, {"fixed_income", D("40")}}));
  EXPECT_EQ(ada.region_targets,
            (Allocation{{"international", D("30")}, {"north_america", D("70")}}));
  EXPECT_EQ(date_of(ada.created_at), "2025-03-01");
  const User& plain = users[1];
  EXPECT_EQ(plain.clerk_user_id, "golden_user_2");
  EXPECT_FALSE(plain.display_name);
  EXPECT_EQ(plain.asset_class_targets,
            (Allocation{{"equity", D("70")}, {"fixed_income", D("30")}}));
  EXPECT_EQ(db->users.find_by_id("golden_user_2")->clerk_user_id, "golden_user_2");
}

TEST_F(GoldenFileTest, InstrumentsAndPricesReadBack) {
  auto db = open();
  auto instruments = db->instruments.find_all();
  ASSERT_EQ(instruments.size(), 2u);
  EXPECT_EQ(instruments[0].symbol, "BND");
  EXPECT_EQ(instruments[0].instrument_type, "bond_fund");
  EXPECT_EQ(instruments[0].current_price, D("71.05"));
  EXPECT_EQ(instruments[0].allocation_sectors,
            (Allocation{{"corporate", D("30")}, {"treasury", D("70")}}));
  const Instrument& spy = instruments[1];
  EXPECT_EQ(spy.name, "SPDR S&P 500 ETF Trust");
  EXPECT_EQ(spy.current_price, D("490.125"));
  EXPECT_EQ(spy.price_timestamp, "2025-02-20T21:00:00.000000Z");
  EXPECT_EQ(spy.allocation_asset_class, (Allocation{{"equity", D("100")}}));

  auto history = db->instruments.get_price_history("SPY");
  ASSERT_EQ(history.size(), 3u);
  EXPECT_EQ(history[0].timestamp, "2025-01-02T21:00:00.000000Z");
  EXPECT_EQ(history[0].price, D("470.5"));
  EXPECT_EQ(history[0].volume, D("1000"));
  EXPECT_EQ(history[0].source, "seed");
  EXPECT_EQ(history[1].price, D("480.25"));
  EXPECT_FALSE(history[1].volume);
  EXPECT_EQ(history[2].price, D("490.125"));
  EXPECT_EQ(history[2].volume, D("2500"));
  EXPECT_EQ(history[2].source, "manual");
  EXPECT_EQ(db->instruments.get_price_at_date("SPY", "2025-02-10")->price, D("480.25"));
  EXPECT_EQ(db->instruments.get_price_history("BND").size(), 1u);
}

TEST_F(GoldenFileTest, AccountsPositionsAndHistoryReadBack) {
  auto db = open();
  std::map<std::string, Account> accounts;
  for (Account& a : db->accounts.find_by_user("golden_user_1")) accounts[a.account_name] = a;
  ASSERT_EQ(accounts.size(), 2u);
  const Account& retirement = accounts.at("Retirement 401k");
  EXPECT_EQ(retirement.account_purpose, "long term");
  EXPECT_EQ(retirement.cash_balance, D("1234.56"));
  EXPECT_EQ(retirement.cash_interest, D("0.045"));
  EXPECT_EQ(db->accounts.find_by_id(retirement.id)->account_name, "Retirement 401k");
  EXPECT_EQ(accounts.at("Brokerage").cash_balance, D("0"));
  EXPECT_EQ(db->accounts.find_all().size(), 3u);

  auto open_positions = db->positions.find_by_account(retirement.id);
  ASSERT_EQ(open_positions.size(), 2u);
  EXPECT_EQ(open_positions[0].symbol, "BND");
  EXPECT_EQ(open_positions[0].quantity, D("50.12345678"));
  EXPECT_EQ(open_positions[1].symbol, "SPY");
  EXPECT_EQ(open_positions[1].quantity, D("60"));
  EXPECT_EQ(open_positions[1].as_of_date, "2025-02-03");
  EXPECT_EQ(db->positions.find_by_id(open_positions[1].id)->quantity, D("60"));

  auto spy = db->positions.get_position_history(retirement.id, "SPY");
  ASSERT_EQ(spy.size(), 2u);
  EXPECT_EQ(spy[0].action, "BUY");
  EXPECT_EQ(spy[0].quantity, D("100"));
  EXPECT_EQ(spy[0].previous_quantity, D("0"));
  EXPECT_EQ(spy[0].timestamp, "2025-01-02T21:00:00.000000Z");
  EXPECT_EQ(spy[1].action, "SELL");
  EXPECT_EQ(spy[1].quantity, D("60"));
  EXPECT_EQ(spy[1].previous_quantity, D("100"));
  EXPECT_EQ(spy[1].timestamp, "2025-02-03T15:30:00.000000Z");

  auto at = db->positions.get_positions_at_date(retirement.id, "2025-01-31");
  ASSERT_EQ(at.size(), 2u);
  EXPECT_EQ(at[1].quantity, D("100"));
  // 50.12345678 BND at 71.05 and 100 SPY at 470.50 on 2025-01-31.
  Valuation value = db->positions.get_account_value_at_date(retirement.id, "2025-01-31");
  ASSERT_EQ(value.positions.size(), 2u);
  EXPECT_EQ(value.positions[0].price, D("71.05"));
  EXPECT_EQ(value.positions[1].quantity, D("100"));
  EXPECT_EQ(value.positions[1].price, D("470.5"));
  EXPECT_EQ(value.positions[1].price_timestamp, "2025-01-02T21:00:00.000000Z");

  Account savings = db->accounts.find_by_user("golden_user_2").at(0);
  EXPECT_TRUE(db->positions.find_by_account(savings.id).empty());
  auto removed = db->positions.get_position_history(savings.id, "BND");
  ASSERT_EQ(removed.size(), 2u);
  EXPECT_EQ(removed[1].action, "REMOVE");
  EXPECT_EQ(removed[1].previous_quantity, D("10"));
  EXPECT_EQ(db->positions.held_symbols(savings.id), std::vector<std::string>{"BND"});
}

TEST_F(GoldenFileTest, JobsReadBack) {
  auto db = open();
  auto jobs = db->jobs.find_by_user("golden_user_1");
  ASSERT_EQ(jobs.size(), 2u);
  std::map<std::string, Job> by_type;
  for (Job& j : jobs) by_type[j.job_type] = j;
  const Job& done = by_type.at("portfolio_analysis");
  EXPECT_EQ(done.status, "completed");
  EXPECT_EQ(done.request_payload, request_payload());
  EXPECT_EQ(done.report_payload, Value::M({{"summary", Value::S("balanced")}}));
  EXPECT_TRUE(done.started_at);
  EXPECT_TRUE(done.completed_at);
  EXPECT_EQ(db->jobs.find_by_id(done.id)->status, "completed");
  EXPECT_EQ(by_type.at("risk_assessment").status, "pending");
  EXPECT_EQ(db->jobs.find_by_user("golden_user_1", "pending").size(), 1u);

  auto failed = db->jobs.find_by_user("golden_user_2", "failed");
  ASSERT_EQ(failed.size(), 1u);
  EXPECT_EQ(failed[0].error_message, "no accounts with positions");
  EXPECT_EQ(db->jobs.find_all().size(), 3u);
}

// The raw layout: the catalog names both tables, and every stored row's key columns
// are the key encoding of the keys inside its item.
TEST_F(GoldenFileTest, EveryStoredKeyIsTheEncodingOfItsItemsKey) {
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open_v2(path_.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  sqlite3_stmt* catalog = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(raw, "SELECT name, id, definition FROM alexdb_tables ORDER BY name",
                               -1, &catalog, nullptr),
            SQLITE_OK);
  std::vector<std::string> names;
  std::size_t rows = 0;
  while (sqlite3_step(catalog) == SQLITE_ROW) {
    names.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(catalog, 0)));
    std::string table = "t" + std::to_string(sqlite3_column_int64(catalog, 1));
    TableDefinition definition = sqlite::definition_from_json(
        reinterpret_cast<const char*>(sqlite3_column_text(catalog, 2)));
    EXPECT_EQ(definition.name, names.back());
    sqlite3_stmt* stmt = nullptr;
    ASSERT_EQ(
        sqlite3_prepare_v2(raw, ("SELECT pk, sk, item FROM " + table).c_str(), -1, &stmt, nullptr),
        SQLITE_OK);
    while (sqlite3_step(stmt) == SQLITE_ROW) {
      auto blob = [&](int column) {
        return std::string(static_cast<const char*>(sqlite3_column_blob(stmt, column)),
                           static_cast<std::size_t>(sqlite3_column_bytes(stmt, column)));
      };
      Item item = codec::decode_item(blob(2));
      EXPECT_EQ(blob(0), sqlite::encode_key(item.at(definition.partition_key.name)));
      EXPECT_EQ(blob(1), sqlite::encode_key(item.at(definition.sort_key->name)));
      ++rows;
    }
    sqlite3_finalize(stmt);
  }
  sqlite3_finalize(catalog);
  sqlite3_close(raw);
  EXPECT_EQ(names, (std::vector<std::string>{"alex-instruments", "alex-users-data"}));
  EXPECT_GT(rows, 20u);
}

}  // namespace
}  // namespace alexdb
