// `alexdb verify` finds what breaks SPEC section 3's invariants and `--repair` completes
// interrupted changes. The faults are made the LevelDB way: a wrapper store that fails
// chosen writes (an interrupted change), or direct writes through the Store interface
// (damaged data), never a flag in production code. Runs on the embedded engine and, when
// ALEXDB_TEST_DYNAMODB_ENDPOINT is set, on dynalite.
#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "alex/keys.h"
#include "alexdb/database.h"
#include "alexdb/errors.h"
#include "cli/cli_store.h"

namespace alexdb {
namespace {

// Forwards to another store; fails every write of a HISTORY record while armed.
class FailingHistoryStore : public Store {
 public:
  explicit FailingHistoryStore(std::shared_ptr<Store> inner) : inner_(std::move(inner)) {}
  std::atomic<bool> armed{false};

  std::string name() const override { return inner_->name(); }
  void create_table(const TableDefinition& d) override { inner_->create_table(d); }
  std::optional<TableDescription> describe_table(std::string_view t) override {
    return inner_->describe_table(t);
  }
  void delete_table(std::string_view t) override { inner_->delete_table(t); }
  std::vector<std::string> list_tables() override { return inner_->list_tables(); }
  GetResult get(const GetRequest& r) override { return inner_->get(r); }
  WriteResult put(const PutRequest& r) override {
    check(r.item);
    return inner_->put(r);
  }
  WriteResult update(const UpdateRequest& r) override {
    check(r.key);
    return inner_->update(r);
  }
  WriteResult remove(const DeleteRequest& r) override { return inner_->remove(r); }
  QueryResult query(const QueryRequest& r) override { return inner_->query(r); }
  QueryResult scan(const ScanRequest& r) override { return inner_->scan(r); }

 protected:
  BatchGetChunkResult batch_get_chunk(const BatchGetRequest& chunk) override {
    BatchGetResult read = inner_->batch_get(chunk);
    return {std::move(read.items), {}, read.consumed, {}};
  }
  BatchWriteChunkResult batch_write_chunk(const std::vector<WriteOp>& chunk) override {
    for (const WriteOp& op : chunk) check(op.item);
    return {{}, inner_->batch_write(chunk).consumed, {}};
  }

 private:
  void check(const Item& item) {
    auto sk = item.find("SK");
    if (armed && sk != item.end() && sk->second.is_s() &&
        sk->second.s().rfind(alex::keys::kHistoryPrefix, 0) == 0) {
      throw ServiceError("InternalServerError", "injected fault: HISTORY write lost");
    }
  }
  std::shared_ptr<Store> inner_;
};

class VerifyTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (!store_.open(GetParam(), "verify")) {
      GTEST_SKIP() << "ALEXDB_TEST_DYNAMODB_ENDPOINT is not set";
    }
    ASSERT_EQ(cli({"seed", "--days", "3", "--end", "2025-01-31", "--quiet"}).status, 0);
    faulty_ = std::make_shared<FailingHistoryStore>(store_.raw);
    db_ = std::make_unique<Database>(faulty_, store_.users, store_.instruments);
  }

  void TearDown() override {
    db_.reset();
    faulty_.reset();
    store_.close();
  }

  testing::CliResult cli(std::vector<std::string> args) { return store_.cli(std::move(args)); }

  testing::CliStore store_;
  std::shared_ptr<FailingHistoryStore> faulty_;
  std::unique_ptr<Database> db_;
};

TEST_P(VerifyTest, passes_on_consistent_data) {
  db_->users.create_user("u1", "User One");
  std::string account = db_->accounts.create_account("u1", "Main");
  db_->positions.add_or_update_position(account, "SPY", Decimal::parse("10"), "BUY");
  auto result = cli({"verify"});
  EXPECT_EQ(result.status, 0) << result.output;
  EXPECT_NE(result.output.find("verify: OK"), std::string::npos) << result.output;
}

TEST_P(VerifyTest, repair_completes_an_interrupted_change) {
  db_->users.create_user("u1", "User One");
  std::string account = db_->accounts.create_account("u1", "Main");
  db_->positions.add_or_update_position(account, "SPY", Decimal::parse("10"), "BUY");
  faulty_->armed = true;
  try {
    db_->positions.add_or_update_position(account, "SPY", Decimal::parse("25"), "BUY");
  } catch (const Error&) {
    // The change was committed in CURRENT; its HISTORY record was lost.
  }
  faulty_->armed = false;

  auto broken = cli({"verify"});
  EXPECT_EQ(broken.status, 1) << broken.output;
  EXPECT_NE(broken.output.find("interrupted change"), std::string::npos) << broken.output;

  auto repaired = cli({"verify", "--repair"});
  EXPECT_EQ(repaired.status, 0) << repaired.output;
  EXPECT_NE(repaired.output.find("REPAIRED"), std::string::npos) << repaired.output;
  EXPECT_EQ(cli({"verify"}).status, 0);
  auto history = db_->positions.get_position_history(account, "SPY");
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history.back().quantity, Decimal::parse("25"));
}

TEST_P(VerifyTest, reports_history_without_current) {
  std::string account =
      db_->accounts.create_account((db_->users.create_user("u1", "User One"), "u1"), "Main");
  db_->positions.add_or_update_position(account, "SPY", Decimal::parse("10"), "BUY");
  QueryRequest query;
  query.table = store_.users;
  query.partition_value = Value::S(alex::keys::account_pk(account));
  query.sort = SortKeyCondition{
      SortKeyCondition::Op::kBeginsWith, Value::S(alex::keys::history_prefix("SPY")), {}};
  Item history = store_.raw->query_all(query).items.at(0);
  history["SK"] = Value::S(alex::keys::history_sk("QQQ", "2025-01-10T15:00:00.000000Z"));
  history["symbol"] = Value::S("QQQ");
  store_.raw->put({store_.users, history, std::nullopt, ReturnValues::kNone});

  auto result = cli({"verify", "--repair"});
  EXPECT_EQ(result.status, 1) << result.output;
  EXPECT_NE(result.output.find("without a CURRENT record"), std::string::npos) << result.output;
}

TEST_P(VerifyTest, reports_account_whose_owner_is_missing) {
  db_->users.create_user("u1", "User One");
  db_->accounts.create_account("u1", "Main");
  store_.raw->remove({store_.users,
                {{"PK", Value::S(alex::keys::user_pk("u1"))},
                 {"SK", Value::S(std::string(alex::keys::kMetadata))}},
                std::nullopt,
                ReturnValues::kNone});
  auto result = cli({"verify"});
  EXPECT_EQ(result.status, 1) << result.output;
  EXPECT_NE(result.output.find("owner user u1 does not exist"), std::string::npos) << result.output;
}

TEST_P(VerifyTest, positions_without_account_record_are_a_warning) {
  db_->positions.add_or_update_position("imported-account", "SPY", Decimal::parse("5"), "BUY");
  auto result = cli({"verify", "--json"});
  EXPECT_EQ(result.status, 0) << result.output;
  EXPECT_NE(result.output.find("\"WARN\""), std::string::npos) << result.output;
  EXPECT_NE(result.output.find("imported-account"), std::string::npos) << result.output;
}

TEST_P(VerifyTest, repair_completes_an_interrupted_backdated_change) {
  db_->users.create_user("u1", "User One");
  std::string account = db_->accounts.create_account("u1", "Main");
  auto& positions = db_->positions;
  positions.add_or_update_position(account, "SPY", Decimal::parse("100"), "BUY", "2025-01-02T15:00:00Z");
  positions.add_or_update_position(account, "SPY", Decimal::parse("60"), "SELL", "2025-03-03T15:00:00Z");
  faulty_->armed = true;  // the back-dated change commits, then its HISTORY writes fail
  positions.add_or_update_position(account, "SPY", Decimal::parse("80"), "SELL", "2025-02-03T15:00:00Z");
  faulty_->armed = false;

  auto broken = cli({"verify"});
  EXPECT_EQ(broken.status, 1) << broken.output;
  EXPECT_NE(broken.output.find("interrupted"), std::string::npos) << broken.output;
  auto repaired = cli({"verify", "--repair"});
  EXPECT_EQ(repaired.status, 0) << repaired.output;
  auto history = db_->positions.get_position_history(account, "SPY");
  ASSERT_EQ(history.size(), 3u);
  EXPECT_EQ(history[2].previous_quantity, Decimal::parse("80"));
}

TEST_P(VerifyTest, reports_a_broken_previous_quantity_chain) {
  db_->users.create_user("u1", "User One");
  std::string account = db_->accounts.create_account("u1", "Main");
  db_->positions.add_or_update_position(account, "SPY", Decimal::parse("10"), "BUY", "2025-01-02T15:00:00Z");
  db_->positions.add_or_update_position(account, "SPY", Decimal::parse("20"), "BUY", "2025-01-03T15:00:00Z");
  Update wrong;
  wrong.set("previous_quantity", Value::N(Decimal::parse("7")));
  store_.raw->update({store_.users,
                {{"PK", Value::S(alex::keys::account_pk(account))},
                 {"SK", Value::S(alex::keys::history_sk("SPY", "2025-01-03T15:00:00.000000Z"))}},
                wrong, std::nullopt, ReturnValues::kNone});
  auto result = cli({"verify"});
  EXPECT_EQ(result.status, 1) << result.output;
  EXPECT_NE(result.output.find("has previous_quantity 7 but the record before it"), std::string::npos)
      << result.output;
}

TEST_P(VerifyTest, repair_moves_a_current_price_older_than_its_newest_record) {
  // What a price update killed between its writes left before prices had a commit point.
  Item record = {{"symbol", Value::S("SPY")},
                 {"SK", Value::S("2025-02-10T21:00:00.000000Z")},
                 {"timestamp", Value::S("2025-02-10T21:00:00.000000Z")},
                 {"price", Value::N(Decimal::parse("999"))}};
  store_.raw->put({store_.instruments, record, std::nullopt, ReturnValues::kNone});
  auto broken = cli({"verify"});
  EXPECT_EQ(broken.status, 1) << broken.output;
  EXPECT_NE(broken.output.find("is older than its newest price record"), std::string::npos)
      << broken.output;
  auto repaired = cli({"verify", "--repair"});
  EXPECT_EQ(repaired.status, 0) << repaired.output;
  EXPECT_EQ(db_->instruments.find_by_symbol("SPY")->current_price, Decimal::parse("999"));
}

TEST_P(VerifyTest, repair_writes_missing_listing_and_job_pointer) {
  db_->users.create_user("u1", "User One");
  std::string account = db_->accounts.create_account("u1", "Main");
  std::string job = db_->jobs.create_job("u1", "portfolio_analysis", std::nullopt);
  for (const auto& [pk, sk] : {std::pair{alex::keys::user_pk("u1"), alex::keys::account_sk(account)},
                               std::pair{alex::keys::job_pk(job), std::string(alex::keys::kMetadata)}}) {
    store_.raw->remove({store_.users, {{"PK", Value::S(pk)}, {"SK", Value::S(sk)}}, std::nullopt,
                  ReturnValues::kNone});
  }
  auto broken = cli({"verify"});
  EXPECT_EQ(broken.status, 1) << broken.output;
  EXPECT_NE(broken.output.find("not listed under its owner"), std::string::npos) << broken.output;
  EXPECT_NE(broken.output.find("job " + job), std::string::npos) << broken.output;
  auto repaired = cli({"verify", "--repair"});
  EXPECT_EQ(repaired.status, 0) << repaired.output;
  EXPECT_EQ(db_->accounts.find_by_user("u1").size(), 1u);
  EXPECT_TRUE(db_->jobs.find_by_id(job));
}

INSTANTIATE_TEST_SUITE_P(engines, VerifyTest, ::testing::Values("sqlite", "dynalite"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace alexdb
