// `alexdb migrate [--dry-run] [--json]` on tables written by the seed's reference
// package: the real binary, on an SQLite file and, when ALEXDB_TEST_DYNAMODB_ENDPOINT is
// set, on dynalite. The records themselves are checked by tests/database/migration_test.cc.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <random>

#include "alexdb/database.h"
#include "alexdb/errors.h"
#include "cli/cli_runner.h"
#include "database/reference_fixtures.h"

namespace alexdb {
namespace {

using testing::run_alexdb;

std::string migrate_test_suffix() {
  std::random_device rd;
  return std::to_string(rd()) + std::to_string(rd());
}

class MigrateCliTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    std::string suffix = migrate_test_suffix();
    if (GetParam() == "sqlite") {
      dir_ = std::filesystem::temp_directory_path() / ("alexdb-migrate-test-" + suffix);
      std::filesystem::create_directories(dir_);
      spec_ = "sqlite:" + (dir_ / "alex.db").string();
      flags_ = {"--store", spec_};
    } else {
      const char* endpoint = std::getenv("ALEXDB_TEST_DYNAMODB_ENDPOINT");
      if (!endpoint) GTEST_SKIP() << "ALEXDB_TEST_DYNAMODB_ENDPOINT is not set";
      spec_ = endpoint;
      users_ = "migrate-users-" + suffix;
      instruments_ = "migrate-instruments-" + suffix;
      flags_ = {"--store", spec_, "--users-table", users_, "--instruments-table", instruments_};
    }
    raw_ = std::shared_ptr<Store>(open_store(spec_));
    Database(raw_, users_, instruments_).create_tables();
    reference_fixtures::write_reference_items(*raw_, users_, instruments_);
  }

  void TearDown() override {
    if (GetParam() != "sqlite" && raw_) {
      for (const std::string& t : {users_, instruments_}) {
        try {
          raw_->delete_table(t);
        } catch (const Error&) {
        }
      }
    }
    raw_.reset();
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }

  testing::CliResult cli(std::vector<std::string> args) {
    args.insert(args.begin(), flags_.begin(), flags_.end());
    return run_alexdb(args);
  }

  // The JSON document of a --json run (stderr's progress lines come before it).
  static nlohmann::json json_of(const testing::CliResult& r) {
    return nlohmann::json::parse(r.output.substr(r.output.find('{')));
  }

  std::size_t item_count() {
    std::size_t n = 0;
    for (const std::string& t : {users_, instruments_}) {
      ScanRequest scan;
      scan.table = t;
      scan.consistent_read = true;
      n += raw_->scan_all(scan).items.size();
    }
    return n;
  }

  std::filesystem::path dir_;
  std::string spec_;
  std::string users_ = "alex-users-data";
  std::string instruments_ = "alex-instruments";
  std::vector<std::string> flags_;
  std::shared_ptr<Store> raw_;
};

TEST_P(MigrateCliTest, dry_run_reports_and_writes_nothing) {
  const std::size_t before = item_count();
  auto dry = cli({"migrate", "--dry-run"});
  EXPECT_EQ(dry.status, 0) << dry.output;
  EXPECT_NE(dry.output.find("WOULD_REWRITE"), std::string::npos) << dry.output;
  EXPECT_NE(dry.output.find("dry run, nothing written; 22 record(s) would be rewritten"),
            std::string::npos)
      << dry.output;
  EXPECT_NE(dry.output.find("items examined"), std::string::npos) << dry.output;  // progress
  EXPECT_EQ(item_count(), before);
  auto verify = cli({"verify"});
  EXPECT_EQ(verify.status, 1);
  EXPECT_NE(verify.output.find("alexdb migrate"), std::string::npos) << verify.output;
}

TEST_P(MigrateCliTest, migrate_then_again_changes_nothing) {
  auto first = cli({"migrate"});
  ASSERT_EQ(first.status, 0) << first.output;
  EXPECT_NE(first.output.find("22 record(s) rewritten, 0 problem(s)"), std::string::npos)
      << first.output;
  {
    // Every record reads back as the reference's calls returned it.
    Database migrated(raw_, users_, instruments_);
    reference_fixtures::expect_reference_records(migrated);
    EXPECT_TRUE(migrated.verify().ok());
  }
  const std::size_t after = item_count();
  auto second = cli({"migrate", "--json"});
  ASSERT_EQ(second.status, 0) << second.output;
  nlohmann::json summary = json_of(second);
  EXPECT_EQ(summary["rewritten"], "0");
  EXPECT_EQ(summary["ok"], true);
  EXPECT_EQ(summary["dry_run"], false);
  EXPECT_EQ(summary["records"]["accounts"]["examined"], "3");
  EXPECT_EQ(summary["records"]["accounts"]["current"], "3");
  EXPECT_EQ(summary["records"]["history"]["examined"], "6");
  EXPECT_EQ(item_count(), after);
  auto accounts = cli({"accounts", "list", "--user", "u1"});
  EXPECT_EQ(accounts.status, 0) << accounts.output;
  EXPECT_NE(accounts.output.find(reference_fixtures::kAccountRoth), std::string::npos);
}

TEST_P(MigrateCliTest, json_counts_are_strings_and_problems_fail) {
  // A position change with no quantity cannot be brought over.
  raw_->put({users_,
             {{"PK", Value::S("ACCOUNT#" + reference_fixtures::kAccountBob)},
              {"SK", Value::S("HISTORY#BND#2025-01-06T09:00:00")},
              {"symbol", Value::S("BND")},
              {"action", Value::S("BUY")}},
             std::nullopt,
             ReturnValues::kNone});
  auto run = cli({"migrate", "--json"});
  EXPECT_EQ(run.status, 1) << run.output;
  nlohmann::json summary = json_of(run);
  EXPECT_EQ(summary["ok"], false);
  EXPECT_EQ(summary["records"]["users"]["rewritten"], "2");
  ASSERT_EQ(summary["problems"].size(), 1u);
  EXPECT_NE(summary["problems"][0]["reason"].get<std::string>().find("quantity"),
            std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(engines, MigrateCliTest, ::testing::Values("sqlite", "dynalite"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace alexdb
