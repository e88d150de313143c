// Transactions::import_csv (SPEC section 12, README "Importing transactions"): a file
// checked whole before anything is written, every bad row reported with its line and
// field, re-imports idempotent, trades moving positions, 25 items per write request, on
// every engine.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "database/ledger_fixture.h"

namespace alexdb::database_test {
namespace {

class TransactionImportTest : public LedgerTest {
 protected:
  void TearDown() override {
    for (const std::string& path : files_) std::filesystem::remove(path);
    LedgerTest::TearDown();
  }
  // A file holding `text`, removed after the test.
  std::string csv(const std::string& text) {
    std::string path =
        (std::filesystem::temp_directory_path() /
         ("alexdb-import-" + std::to_string(getpid()) + "-" + std::to_string(counter()++) + ".csv"))
            .string();
    std::ofstream(path, std::ios::binary) << text;
    files_.push_back(path);
    return path;
  }
  // The problems import_csv reports for `path` (none: it did not throw).
  std::vector<ImportProblem> problems_of(const std::string& path, const CsvMapping& mapping = {}) {
    try {
      db().transactions.import_csv(account(), path, mapping);
    } catch (const ImportRejected& e) {
      EXPECT_EQ(e.field(), "path");
      EXPECT_EQ(e.problem_count(), std::int64_t(e.problems().size()));
      return e.problems();
    }
    return {};
  }
  // Records a DEPOSIT of `amount` at `at` with an external id, as record() does.
  void record_deposit(const char* amount, const char* at, const char* external_id) {
    TransactionInput deposit = cash_input("DEPOSIT", amount, at);
    deposit.external_id = external_id;
    db().transactions.record(account(), deposit);
  }
  std::map<std::string, Decimal> held_at(const std::string& date) {
    std::map<std::string, Decimal> out;
    for (const PositionChange& c : db().positions.get_positions_at_date(account(), date)) {
      out[c.symbol] = c.quantity;
    }
    return out;
  }
  std::vector<std::pair<std::int64_t, std::string>> lines_and_fields(
      const std::vector<ImportProblem>& problems) {
    std::vector<std::pair<std::int64_t, std::string>> out;
    for (const ImportProblem& p : problems) out.emplace_back(p.line, p.field);
    return out;
  }

  std::vector<std::string> files_;
};

// A broker's export: its own headers, a column the ledger does not use.
constexpr const char* kBrokerExport =
    "Trade Date,Action,Ticker,Shares,Price,Commission,Cash,Ref,Exchange\n"
    "2025-01-02,DEPOSIT,,,,,10000,d-1,\n"
    "2025-01-02,BUY,SPY,10,480,1,,t-1,ARCA\n"
    "2025-01-10,buy,qqq,2,400,0,,t-2,NASDAQ\n"
    "2025-01-20,Buy,SPY,5,500,1.5,,t-3,ARCA\n"
    "2025-02-03,SELL,SPY,3,520,1,,t-4,ARCA\n"
    "2025-03-01,DIVIDEND,SPY,,,,12.50,t-5,\n";

const CsvMapping kBrokerMapping = {
    {"timestamp", "Trade Date"}, {"type", "Action"}, {"symbol", "Ticker"},  {"quantity", "Shares"},
    {"fees", "Commission"},      {"amount", "Cash"}, {"external_id", "Ref"}};

TEST_P(TransactionImportTest, AMappedFileRecordsItsTransactionsAndMovesPositions) {
  set_clock(micros(2025, 4, 1, 12));
  const ImportReport report =
      db().transactions.import_csv(account(), csv(kBrokerExport), kBrokerMapping);
  EXPECT_EQ(report, (ImportReport{6, 6, 0}));

  const std::vector<Transaction> ledger = db().transactions.list(account());
  ASSERT_EQ(ledger.size(), 6u);
  EXPECT_EQ(ledger[2].type, "BUY");  // by time: the QQQ purchase of 2025-01-10
  EXPECT_EQ(ledger[2].symbol, "QQQ");
  EXPECT_EQ(ledger[2].quantity, D("2"));
  EXPECT_EQ(ledger[2].external_id, "t-2");
  EXPECT_EQ(ledger[2].timestamp, "2025-01-10T21:00:00.000000Z");
  EXPECT_EQ(ledger[3].fees, D("1.5"));
  EXPECT_EQ(ledger[5].amount, D("12.50"));
  for (const Transaction& t : ledger) EXPECT_EQ(t.recorded_at, canonical(micros(2025, 4, 1, 12)));

  EXPECT_TRUE(held_at("2025-01-01").empty());
  EXPECT_EQ(held_at("2025-01-02")["SPY"], D("10"));
  EXPECT_EQ(held_at("2025-01-10")["QQQ"], D("2"));
  EXPECT_EQ(held_at("2025-01-20")["SPY"], D("15"));
  EXPECT_EQ(held_at("2025-02-03")["SPY"], D("12"));
  EXPECT_EQ(db().portfolio.cash_balance(account(), "2025-01-02"), D("5199"));  // 10000 - 4801
}

TEST_P(TransactionImportTest, ImportingAgainRecordsNothingNew) {
  set_clock(micros(2025, 4, 1, 12));
  // Rows without an external id: two identical fills are two transactions.
  const std::string path =
      csv("date,type,symbol,quantity,price,fees,amount,note\n"
          "2025-01-02,DEPOSIT,,,,,5000,\n"
          "2025-01-03,BUY,VTI,1,200,,,fill\n"
          "2025-01-03,BUY,VTI,1,200,,,fill\n"
          "2025-01-06,SELL,VTI,1,210,0.5,,\"partial, kept one\"\n");
  EXPECT_EQ(db().transactions.import_csv(account(), path), (ImportReport{4, 4, 0}));
  const std::size_t items = item_count();
  set_clock(micros(2025, 4, 2, 12));
  EXPECT_EQ(db().transactions.import_csv(account(), path), (ImportReport{4, 0, 4}));
  EXPECT_EQ(item_count(), items);
  EXPECT_EQ(db().transactions.list(account()).size(), 4u);
  EXPECT_EQ(held_at("2025-01-06")["VTI"], D("1"));
  EXPECT_EQ(db().positions.find_by_account(account()).at(0).quantity, D("1"));

  // The mapped export too, and a row recorded before by record() with the same fields.
  record_deposit("10000", "2025-01-02", "d-1");
  EXPECT_EQ(db().transactions.import_csv(account(), csv(kBrokerExport), kBrokerMapping),
            (ImportReport{6, 5, 1}));
  const std::size_t after = item_count();
  EXPECT_EQ(db().transactions.import_csv(account(), csv(kBrokerExport), kBrokerMapping),
            (ImportReport{6, 0, 6}));
  EXPECT_EQ(item_count(), after);
  EXPECT_EQ(held_at("2025-02-03")["SPY"], D("12"));
}

TEST_P(TransactionImportTest, EveryBadRowIsReportedAndNothingWritten) {
  set_clock(micros(2025, 4, 1, 12));
  record_deposit("100", "2025-01-01", "x-0");
  const std::size_t items = item_count();
  const std::string path =
      csv("timestamp,type,symbol,quantity,price,fees,amount,external_id\n"
          "2025-01-02,BUY,SPY,10,480,,,x-1\n"      // 2: good
          "2025-01-03,BUY,SPY,abc,480,,,x-2\n"     // 3: quantity not a number
          "2025-01-04,SELL,SPY,11,490,,,x-3\n"     // 4: sells more than the 10 held
          "2025-01-01,SELL,SPY,1,490,,,x-4\n"      // 5: before line 2's trade of SPY
          "2025-01-05,BUY,QQQ,1,400,,,x-1\n"       // 6: external id of line 2
          "2025-01-05,SWAP,QQQ,1,400,,,x-6\n"      // 7: no such type
          "2025-01-05,BUY,QQQ,1,400\n"             // 8: too few fields
          "2025-01-06,DEPOSIT,,,,,200,x-0\n"       // 9: x-0 was recorded with other fields
          ",BUY,QQQ,1,400,,,x-9\n"                 // 10: no timestamp
          "2025-01-07,DEPOSIT,,,,1,50,x-10\n"      // 11: fees on a deposit
          "2025-01-08,SELL,SPY,10,500,,,x-11\n");  // 12: good (sells the 10)
  const auto problems = problems_of(path);
  EXPECT_EQ(lines_and_fields(problems),
            (std::vector<std::pair<std::int64_t, std::string>>{{3, "quantity"},
                                                               {4, "quantity"},
                                                               {5, "timestamp"},
                                                               {6, "external_id"},
                                                               {7, "type"},
                                                               {8, "row"},
                                                               {9, "external_id"},
                                                               {10, "timestamp"},
                                                               {11, "fees"}}));
  ASSERT_EQ(problems.size(), 9u);
  EXPECT_THAT(problems[1].problem, ::testing::HasSubstr("10 SPY held then"));
  EXPECT_EQ(problems[2].problem, "before line 2's trade of SPY");
  EXPECT_THAT(problems[3].problem, ::testing::HasSubstr("line 2"));
  EXPECT_EQ(problems[5].problem, "expected 8 fields, found 5");
  EXPECT_EQ(item_count(), items);
  EXPECT_TRUE(db().positions.find_by_account(account()).empty());
}

TEST_P(TransactionImportTest, HeaderProblemsAndMappingErrors) {
  auto header_problems = [&](const std::string& text, const CsvMapping& mapping = {}) {
    std::vector<std::string> out;
    for (const ImportProblem& p : problems_of(csv(text), mapping)) {
      EXPECT_EQ(p.line, 1);
      EXPECT_EQ(p.field, "header");
      out.push_back(p.problem);
    }
    return out;
  };
  auto unknown = header_problems("Trade Date,type,amount\n2025-01-02,DEPOSIT,1\n");
  ASSERT_EQ(unknown.size(), 2u);
  EXPECT_THAT(unknown[0], ::testing::HasSubstr("unknown: 'Trade Date'"));
  EXPECT_THAT(unknown[1], ::testing::HasSubstr("timestamp"));
  EXPECT_THAT(header_problems("date,type\n", {{"symbol", "Ticker"}}).at(0),
              ::testing::HasSubstr("no column 'Ticker'"));
  EXPECT_THAT(header_problems("date,timestamp,type\n").at(0), ::testing::HasSubstr("both hold"));
  EXPECT_THAT(header_problems("").at(0), ::testing::HasSubstr("empty"));
  expect_validation_error(
      [&] {
        db().transactions.import_csv(account(), csv("date,type\n"), {{"cost", "Cost"}});
      },
      "mapping", "a mapping of no field");
  expect_validation_error(
      [&] { db().transactions.import_csv(account(), "/nonexistent/trades.csv"); }, "path",
      "an unreadable file");
  EXPECT_THROW(db().transactions.import_csv("no-such-account", csv("date,type\n")), NotFound);
}

TEST_P(TransactionImportTest, TradesAreCheckedAgainstThePositionHeldBefore) {
  set_clock(micros(2025, 4, 1, 12));
  trade("BUY", "SPY", "4", "480", "0", "2025-02-01");
  const auto problems =
      problems_of(csv("date,type,symbol,quantity,price\n"
                      "2025-01-15,BUY,SPY,1,470\n"
                      "2025-02-02,SELL,SPY,5,490\n"));
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_EQ(problems[0].field, "timestamp");
  EXPECT_THAT(problems[0].problem, ::testing::HasSubstr("last changed at 2025-02-01"));
  EXPECT_EQ(problems[1].field, "quantity");
  EXPECT_THAT(problems[1].problem, ::testing::HasSubstr("4 SPY held then"));
  // Three fills at one time move the position three times.
  EXPECT_EQ(db().transactions.import_csv(account(), csv("date,type,symbol,quantity,price\n"
                                                        "2025-02-02,SELL,SPY,4,490\n"
                                                        "2025-02-03,BUY,SPY,1,500\n"
                                                        "2025-02-03,BUY,SPY,1,500\n"
                                                        "2025-02-03,BUY,SPY,1,500\n")),
            (ImportReport{4, 4, 0}));
  EXPECT_EQ(held_at("2025-02-02")["SPY"], D("0"));
  EXPECT_EQ(held_at("2025-02-03")["SPY"], D("3"));
}

TEST_P(TransactionImportTest, TwentyFiveItemsPerWriteRequestAHundredIdsPerRead) {
  set_clock(micros(2025, 4, 1, 12));
  account();
  std::string text = "date,type,amount,external_id\n";
  for (int i = 0; i < 260; ++i) text += "2025-01-02,DEPOSIT,1," + std::to_string(i) + "\n";
  const std::string path = csv(text);
  wrapper().reset_counts();
  const std::size_t written_before = wrapper().written_sks().size();
  EXPECT_EQ(db().transactions.import_csv(account(), path), (ImportReport{260, 260, 0}));
  const auto counts = wrapper().counts();
  EXPECT_EQ(counts.batch_writes, 11);  // 260 / 25, rounded up
  EXPECT_EQ(counts.batch_gets, 3);     // 260 ids, 100 per read
  const std::vector<std::string> written = wrapper().written_sks();
  ASSERT_EQ(written.size() - written_before, 260u);  // nothing else written
  for (std::size_t i = written_before; i < written.size(); ++i) {
    EXPECT_EQ(written[i].rfind("TXN#ext:", 0), 0u) << written[i];
  }
  wrapper().reset_counts();
  EXPECT_EQ(db().transactions.import_csv(account(), path), (ImportReport{260, 0, 260}));
  EXPECT_EQ(wrapper().counts().batch_writes, 0);
  EXPECT_EQ(db().portfolio.cash_balance(account(), "2025-01-03"), D("260"));
}

ALEXDB_DATABASE_SUITE(TransactionImportTest);

}  // namespace
}  // namespace alexdb::database_test
