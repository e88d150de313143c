// `alexdb migrate [--dry-run] [--json]` on tables written by the seed's reference
// package: the real binary, on an SQLite file and, when ALEXDB_TEST_DYNAMODB_ENDPOINT is
// set, on dynalite: every record then reads back as the reference returned it
// (reference_fixtures.h), and a second run changes nothing.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "alexdb/database.h"
#include "alexdb/errors.h"
#include "cli/cli_store.h"
#include "database/reference_fixtures.h"

namespace alexdb {
namespace {

class MigrateCliTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (!store_.open(GetParam(), "migrate")) {
      GTEST_SKIP() << "ALEXDB_TEST_DYNAMODB_ENDPOINT is not set";
    }
    Database(store_.raw, store_.users, store_.instruments).create_tables();
    reference_fixtures::write_reference_items(*store_.raw, store_.users, store_.instruments);
  }

  testing::CliResult cli(std::vector<std::string> args) { return store_.cli(std::move(args)); }

  // The JSON document of a --json run (stderr's progress lines come before it).
  static nlohmann::json json_of(const testing::CliResult& r) {
    return nlohmann::json::parse(r.output.substr(r.output.find('{')));
  }

  std::size_t item_count() {
    std::size_t n = 0;
    for (const std::string& t : {store_.users, store_.instruments}) {
      ScanRequest scan;
      scan.table = t;
      scan.consistent_read = true;
      n += store_.raw->scan_all(scan).items.size();
    }
    return n;
  }

  testing::CliStore store_;
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
    Database migrated(store_.raw, store_.users, store_.instruments);
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
  store_.raw->put({store_.users,
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
