// `alexdb backup`, `restore` and `copy` run as a user would: a backup taken while four
// writers change positions restores to a store that `alexdb verify` passes; a copy
// sqlite -> dynalite -> sqlite ends with the same items; damaged backups and non-empty
// targets are refused with nothing written. Runs on the embedded engine and, when
// ALEXDB_TEST_DYNAMODB_ENDPOINT is set, on dynalite.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "alexdb/backup.h"
#include "alexdb/database.h"
#include "alexdb/errors.h"
#include "cli/cli_store.h"

namespace alexdb {
namespace {

using testing::CliResult;
using testing::CliStore;
using testing::run_alexdb;

// Every item of a table, in the order of their DynamoDB JSON text.
std::vector<std::string> items_of(Store& store, const std::string& table) {
  ScanRequest scan;
  scan.table = table;
  scan.consistent_read = true;
  std::vector<std::string> out;
  for (const Item& item : store.scan_all(scan).items) {
    ContentHash one;
    one.add(item);
    out.push_back(one.hex());
  }
  std::sort(out.begin(), out.end());
  return out;
}

StoreTables tables_of(const CliStore& s) { return {s.users, s.instruments}; }

// A temporary directory for backup files and the SQLite stores of one test.
class BackupCliTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (!source_.open(GetParam(), "backup")) {
      GTEST_SKIP() << "ALEXDB_TEST_DYNAMODB_ENDPOINT is not set";
    }
    ASSERT_TRUE(target_.open("sqlite", "restore"));
    file_ = (target_.dir / "backup.jsonl.gz").string();
    CliResult seeded = source_.cli({"seed", "--days", "3", "--end", "2025-01-31", "--quiet"});
    ASSERT_EQ(seeded.status, 0) << seeded.output;
    db_ = std::make_unique<Database>(source_.raw, source_.users, source_.instruments);
    db_->users.create_user("u1", "User One");
    account_ = db_->accounts.create_account("u1", "Main");
    db_->positions.add_or_update_position(account_, "SPY", Decimal::parse("10"), "BUY");
  }
  void TearDown() override {
    db_.reset();
    source_.close();
    target_.close();
  }

  CliStore source_;
  CliStore target_;
  std::string file_;
  std::unique_ptr<Database> db_;
  std::string account_;
};

TEST_P(BackupCliTest, BackupRestoresToAStoreThatVerifies) {
  CliResult backup = source_.cli({"backup", file_, "--segments", "3"});
  ASSERT_EQ(backup.status, 0) << backup.output;
  EXPECT_NE(backup.output.find(GetParam() == "sqlite" ? "one snapshot" : "not point-in-time"),
            std::string::npos)
      << backup.output;
  CliResult restore = target_.cli({"restore", file_});
  ASSERT_EQ(restore.status, 0) << restore.output;
  EXPECT_NE(restore.output.find("restore: OK"), std::string::npos) << restore.output;
  CliResult verify = target_.cli({"verify"});
  EXPECT_EQ(verify.status, 0) << verify.output;
  EXPECT_EQ(items_of(*source_.raw, source_.users), items_of(*target_.raw, target_.users));
  EXPECT_EQ(items_of(*source_.raw, source_.instruments),
            items_of(*target_.raw, target_.instruments));
}

TEST_P(BackupCliTest, RestoreRefusesANonEmptyStoreUnlessMerge) {
  ASSERT_EQ(source_.cli({"backup", file_, "--quiet"}).status, 0);
  auto before = items_of(*source_.raw, source_.users);
  CliResult refused = source_.cli({"restore", file_});
  EXPECT_EQ(refused.status, 1) << refused.output;
  EXPECT_NE(refused.output.find("holds items"), std::string::npos) << refused.output;
  CliResult merged = source_.cli({"--json", "restore", file_, "--merge", "--quiet"});
  ASSERT_EQ(merged.status, 0) << merged.output;
  EXPECT_TRUE(nlohmann::json::parse(merged.output)["ok"].get<bool>()) << merged.output;
  EXPECT_EQ(items_of(*source_.raw, source_.users), before);
}

TEST_P(BackupCliTest, RestoreRefusesATruncatedOrCorruptedFileAndWritesNothing) {
  ASSERT_EQ(source_.cli({"backup", file_, "--quiet"}).status, 0);
  std::string bytes;
  {
    std::ifstream in(file_, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), {});
  }
  CliResult checked = run_alexdb({"restore", "--check", file_});
  EXPECT_EQ(checked.status, 0) << checked.output;
  EXPECT_NE(checked.output.find("undamaged"), std::string::npos) << checked.output;
  std::string corrupted = bytes;
  corrupted[corrupted.size() / 2] = static_cast<char>(corrupted[corrupted.size() / 2] ^ 0x21);
  for (const std::string& damaged : {bytes.substr(0, bytes.size() * 2 / 3), corrupted}) {
    std::ofstream(file_, std::ios::binary | std::ios::trunc) << damaged;
    CliResult refused = target_.cli({"restore", file_});
    EXPECT_EQ(refused.status, 1) << refused.output;
    EXPECT_NE(refused.output.find("backup file"), std::string::npos) << refused.output;
    EXPECT_TRUE(target_.raw->list_tables().empty()) << "tables created for a refused file";
    EXPECT_EQ(run_alexdb({"restore", "--check", file_}).status, 1);
  }
}

TEST(BackupCliWritersTest, BackupWhileFourWritersRunRestoresToAVerifiedStore) {
  CliStore source, target;
  ASSERT_TRUE(source.open("sqlite", "writers"));
  ASSERT_TRUE(target.open("sqlite", "writers-restore"));
  ASSERT_EQ(source.cli({"seed", "--days", "3", "--end", "2025-01-31", "--quiet"}).status, 0);
  Database db(source.raw, source.users, source.instruments);
  db.users.create_user("w", "Writer");
  std::vector<std::string> accounts;
  for (int i = 0; i < 4; ++i)
    accounts.push_back(db.accounts.create_account("w", "A" + std::to_string(i)));

  std::atomic<bool> stop{false};
  std::atomic<int> changes{0};
  std::atomic<int> failures{0};
  std::vector<std::thread> writers;
  const std::vector<std::string> symbols{"SPY", "QQQ", "BND", "VTI"};
  for (int w = 0; w < 4; ++w) {
    writers.emplace_back([&, w] {
      for (int n = 1; !stop; ++n) {
        try {
          db.positions.add_or_update_position(accounts[static_cast<std::size_t>(w)],
                                              symbols[static_cast<std::size_t>(n) % 4],
                                              Decimal::from_int(n), "BUY");
          ++changes;
        } catch (const Error&) {
          ++failures;
        }
      }
    });
  }
  while (changes < 40) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  const int before = changes;
  const std::string file = (target.dir / "live.jsonl.gz").string();
  CliResult backup = source.cli({"backup", file, "--quiet"});
  const int during = changes - before;
  stop = true;
  for (std::thread& t : writers) t.join();
  ASSERT_EQ(backup.status, 0) << backup.output;
  EXPECT_GT(during, 0) << "the writers made no change while the backup ran";
  EXPECT_EQ(failures, 0);

  CliResult restore = target.cli({"restore", file});
  ASSERT_EQ(restore.status, 0) << restore.output;
  CliResult verify = target.cli({"verify"});
  EXPECT_EQ(verify.status, 0) << verify.output;
  EXPECT_NE(verify.output.find("verify: OK"), std::string::npos) << verify.output;
}

TEST(BackupCliCopyTest, CopySqliteToDynaliteToSqliteKeepsEveryItem) {
  CliStore source, middle, back;
  ASSERT_TRUE(source.open("sqlite", "copy-source"));
  if (!middle.open("dynalite", "copy")) GTEST_SKIP() << "ALEXDB_TEST_DYNAMODB_ENDPOINT is not set";
  ASSERT_TRUE(back.open("sqlite", "copy-back"));
  ASSERT_EQ(source.cli({"seed", "--days", "5", "--end", "2025-01-31", "--quiet"}).status, 0);
  {
    Database db(source.raw, source.users, source.instruments);
    db.users.create_user("c", "Copier");
    std::string account = db.accounts.create_account("c", "Main");
    db.positions.add_or_update_position(account, "SPY", Decimal::parse("10.5"), "BUY");
    db.positions.add_or_update_position(account, "SPY", Decimal::parse("3"), "SELL");
  }
  const std::string checkpoint = (back.dir / "copy.ckpt").string();
  CliResult out =
      run_alexdb({"--store", source.spec, "copy", "--from", source.spec, "--to", middle.spec,
                  "--to-users-table", middle.users, "--to-instruments-table", middle.instruments,
                  "--checkpoint", checkpoint, "--quiet"});
  ASSERT_EQ(out.status, 0) << out.output;
  EXPECT_NE(out.output.find("copy: OK"), std::string::npos) << out.output;
  CliResult home = run_alexdb({"--json", "--users-table", middle.users, "--instruments-table",
                               middle.instruments, "copy", "--from", middle.spec, "--to", back.spec,
                               "--to-users-table", back.users, "--to-instruments-table",
                               back.instruments, "--segments", "5", "--quiet"});
  ASSERT_EQ(home.status, 0) << home.output;
  nlohmann::json report = nlohmann::json::parse(home.output);
  EXPECT_TRUE(report["ok"].get<bool>());

  std::vector<TableContent> first = store_content(*source.raw, tables_of(source));
  std::vector<TableContent> last = store_content(*back.raw, tables_of(back));
  ASSERT_EQ(first.size(), last.size());
  for (std::size_t k = 0; k < first.size(); ++k) {
    EXPECT_TRUE(first[k].same_content(last[k])) << first[k].role;
    EXPECT_GT(first[k].items, 0);
  }
  EXPECT_EQ(report["target"][0]["hash"], first[0].hash);
  EXPECT_EQ(items_of(*source.raw, source.users), items_of(*back.raw, back.users));
  EXPECT_EQ(items_of(*source.raw, source.instruments), items_of(*back.raw, back.instruments));
  EXPECT_EQ(back.cli({"verify"}).status, 0);
}

TEST(BackupCliUsageTest, CopyNeedsBothStores) {
  CliResult missing = run_alexdb({"copy", "--from", "memory:"});
  EXPECT_EQ(missing.status, 2) << missing.output;
  CliResult bad = run_alexdb({"copy", "--from", "nonsense", "--to", "memory:"});
  EXPECT_EQ(bad.status, 2) << bad.output;
  EXPECT_NE(bad.output.find("--from"), std::string::npos) << bad.output;
}

INSTANTIATE_TEST_SUITE_P(Engines, BackupCliTest, ::testing::Values("sqlite", "dynalite"),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           return info.param;
                         });

}  // namespace
}  // namespace alexdb
