// Every conditional write of the data layer applies exactly once when the DynamoDB
// engine retries it after a lost response (SPEC section 9). The fault sits below the
// engine's retry: FaultProxy between the engine and dynalite forwards a write, lets the
// server apply it, and closes the connection instead of answering, so the engine sends
// the same request again. Then every call that returned applied once, history has no
// duplicate, and `alexdb verify` is clean. Needs ALEXDB_TEST_DYNAMODB_ENDPOINT.
#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "alexdb/database.h"
#include "alexdb/errors.h"
#include "cli/cli_runner.h"
#include "store/dynamodb/fault_proxy.h"

namespace alexdb {
namespace {

using testing::Fault;
using testing::FaultProxy;

bool has(const std::string& text, std::string_view part) {
  return text.find(part) != std::string::npos;
}

bool is_write(const std::string& request) {
  return has(request, "DynamoDB_20120810.PutItem") || has(request, "DynamoDB_20120810.UpdateItem");
}

class LostResponseTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const char* endpoint = std::getenv("ALEXDB_TEST_DYNAMODB_ENDPOINT");
    if (!endpoint || !*endpoint) GTEST_SKIP() << "ALEXDB_TEST_DYNAMODB_ENDPOINT is not set";
    endpoint_ = endpoint;
    std::string suffix = std::to_string(std::random_device{}());
    users_ = "lost-users-" + suffix;
    instruments_ = "lost-instruments-" + suffix;
    proxy_ = std::make_unique<FaultProxy>(std::stoi(endpoint_.substr(endpoint_.rfind(':') + 1)));
    direct_ = open_store(endpoint_);
    Database(direct_, users_, instruments_).create_tables();
    db_ = std::make_unique<Database>(std::shared_ptr<Store>(open_store(proxy_->endpoint())),
                                     users_, instruments_);
  }
  void TearDown() override {
    if (!direct_) return;
    db_.reset();
    proxy_.reset();
    for (const std::string& table : {users_, instruments_}) {
      try {
        direct_->delete_table(table);
      } catch (const Error&) {
      }
    }
  }

  // From now on the response of every `n`th write that `matches` is lost after the
  // server applied it.
  void lose_every(int n, std::function<bool(const std::string&)> matches) {
    proxy_->set_rule([this, n, matches = std::move(matches)](const std::string& request) {
      if (!matches(request) || ++writes_ % n != 0) return Fault::kPass;
      ++lost_;
      return Fault::kLoseResponse;
    });
  }
  void pass_all() { proxy_->set_rule(nullptr); }

  // `alexdb verify` straight on dynalite: exit 0 and the integrity check passed.
  void expect_verify_clean() {
    std::vector<std::string> flags = {"--store", endpoint_, "--users-table", users_,
                                      "--instruments-table", instruments_};
    auto with = [&](std::vector<std::string> args) {
      args.insert(args.begin(), flags.begin(), flags.end());
      return testing::run_alexdb(args);
    };
    auto seeded = with({"seed", "--days", "3", "--end", "2025-01-31", "--quiet"});
    ASSERT_EQ(seeded.status, 0) << seeded.output;
    auto verified = with({"verify"});
    EXPECT_EQ(verified.status, 0) << verified.output;
    EXPECT_FALSE(has(verified.output, "FAIL")) << verified.output;
  }

  static Fields instrument(const std::string& symbol) {
    auto all = [](const char* key) {
      Value::Map m;
      m[key] = Value::N(std::string_view("100"));
      return Value::M(std::move(m));
    };
    return {{"symbol", Value::S(symbol)},
            {"name", Value::S(symbol + " fund")},
            {"instrument_type", Value::S("etf")},
            {"allocation_regions", all("north_america")},
            {"allocation_sectors", all("technology")},
            {"allocation_asset_class", all("equity")}};
  }

  std::string endpoint_, users_, instruments_;
  std::unique_ptr<FaultProxy> proxy_;
  std::shared_ptr<Store> direct_;
  std::unique_ptr<Database> db_;
  std::atomic<int> writes_{0};
  std::atomic<int> lost_{0};
};

TEST_F(LostResponseTest, position_changes_apply_once) {
  db_->users.create_user("u1", "One");
  std::string account = db_->accounts.create_account("u1", "Main");
  lose_every(4, [](const std::string& r) { return is_write(r) && has(r, "ConditionExpression"); });
  const std::vector<std::string> symbols = {"SPY", "QQQ", "BND"};
  for (const std::string& symbol : symbols) {
    for (int q = 1; q <= 20; ++q) {
      db_->positions.add_or_update_position(account, symbol, Decimal::from_int(q), "BUY");
    }
  }
  // Back-dated changes between the first ones, under the same faults.
  for (int day = 1; day <= 4; ++day) {
    db_->positions.add_or_update_position(account, "SPY", Decimal::from_int(100 + day), "UPDATE",
                                          "2020-01-0" + std::to_string(day) + "T12:00:00Z");
  }
  pass_all();
  EXPECT_GT(lost_.load(), 10);
  for (const std::string& symbol : symbols) {
    auto history = db_->positions.get_position_history(account, symbol);
    std::size_t expected = symbol == "SPY" ? 24 : 20;
    ASSERT_EQ(history.size(), expected) << symbol;
    std::size_t first = history.size() - 20;
    for (std::size_t k = 0; k < history.size(); ++k) {
      Decimal want = k < first ? Decimal::from_int(101 + static_cast<int>(k))
                               : Decimal::from_int(static_cast<int>(k - first) + 1);
      EXPECT_EQ(history[k].quantity, want) << symbol << " record " << k;
      Decimal before = k == 0 ? Decimal() : history[k - 1].quantity;
      EXPECT_EQ(history[k].previous_quantity, before) << symbol << " record " << k;
    }
  }
  auto held = db_->positions.find_by_account(account);
  ASSERT_EQ(held.size(), 3u);
  for (const Position& p : held) EXPECT_EQ(p.quantity, Decimal::from_int(20)) << p.symbol;
  expect_verify_clean();
}

TEST_F(LostResponseTest, creations_and_job_status_apply_once) {
  lose_every(3, is_write);
  std::vector<std::string> accounts, jobs;
  for (int i = 0; i < 6; ++i) {
    std::string user = "user-" + std::to_string(i);
    EXPECT_EQ(db_->users.create_user(user, "User"), user);
    accounts.push_back(db_->accounts.create_account(user, "Main"));
    accounts.push_back(db_->accounts.create_account(user, "Second"));
    jobs.push_back(db_->jobs.create_job(user, "portfolio_analysis", std::nullopt));
  }
  for (const std::string& job : jobs) {
    EXPECT_EQ(db_->jobs.update_status(job, "running"), 1);
    EXPECT_EQ(db_->jobs.update_status(job, "completed"), 1);
  }
  // A user that exists is still refused, faults or not.
  EXPECT_THROW(db_->users.create_user("user-0", "Again"), AlreadyExists);
  pass_all();
  EXPECT_GT(lost_.load(), 5);
  EXPECT_EQ(db_->users.find_all().size(), 6u);
  for (int i = 0; i < 6; ++i) {
    auto listed = db_->accounts.find_by_user("user-" + std::to_string(i));
    EXPECT_EQ(listed.size(), 2u) << "user-" << i;
  }
  for (const std::string& account : accounts) EXPECT_TRUE(db_->accounts.find_by_id(account));
  EXPECT_EQ(db_->accounts.find_all().size(), accounts.size());
  for (const std::string& job : jobs) {
    auto found = db_->jobs.find_by_id(job);
    ASSERT_TRUE(found) << job;
    EXPECT_EQ(found->status, "completed");
    EXPECT_TRUE(found->started_at && found->completed_at);
  }
  expect_verify_clean();
}

TEST_F(LostResponseTest, instruments_and_prices_apply_once) {
  lose_every(3, is_write);
  const std::vector<std::string> symbols = {"AAA", "BBB", "CCC"};
  for (const std::string& symbol : symbols) {
    EXPECT_EQ(db_->instruments.create_instrument(instrument(symbol)), symbol);
    for (int day = 1; day <= 20; ++day) {
      char at[32];
      std::snprintf(at, sizeof at, "2025-01-%02dT21:00:00Z", day);
      db_->instruments.update_price(symbol, Decimal::from_int(100 + day), {}, std::string(at));
    }
  }
  pass_all();
  EXPECT_GT(lost_.load(), 10);
  for (const std::string& symbol : symbols) {
    auto history = db_->instruments.get_price_history(symbol);
    ASSERT_EQ(history.size(), 20u) << symbol;
    for (int day = 1; day <= 20; ++day) {
      EXPECT_EQ(history[day - 1].price, Decimal::from_int(100 + day)) << symbol << " day " << day;
    }
    auto found = db_->instruments.find_by_symbol(symbol);
    ASSERT_TRUE(found);
    EXPECT_EQ(found->current_price, Decimal::from_int(120));
    EXPECT_EQ(found->name, symbol + " fund");
  }
  expect_verify_clean();
}

// A write that never reached the server (every attempt's connection reset before it
// was forwarded) raises, and nothing of the call was stored.
TEST_F(LostResponseTest, a_call_that_raised_applied_nothing) {
  db_->users.create_user("u1", "One");
  proxy_->set_rule([](const std::string& request) {
    return is_write(request) ? Fault::kReset : Fault::kPass;
  });
  EXPECT_THROW(db_->accounts.create_account("u1", "Never"), Error);
  EXPECT_THROW(db_->users.create_user("u2", "Never"), Error);
  pass_all();
  EXPECT_TRUE(db_->accounts.find_by_user("u1").empty());
  EXPECT_FALSE(db_->users.find_by_clerk_id("u2"));
  EXPECT_EQ(db_->accounts.find_all().size(), 0u);
}

}  // namespace
}  // namespace alexdb
