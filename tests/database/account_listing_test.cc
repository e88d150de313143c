// An account's listing copy under its owner (USER#<owner>/ACCOUNT#<id>) follows its
// METADATA record through updates that race each other, a delete, a create that did
// not get to write the copy, and a write the engine retried after losing its answer.
#include <chrono>
#include <cstdlib>
#include <latch>
#include <string>
#include <thread>

#include "database/database_fixture.h"
#include "store/dynamodb/dynamodb_store.h"
#include "store/dynamodb/fault_proxy.h"

namespace alexdb::database_test {
namespace {

class AccountListingTest : public DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (IsSkipped()) return;
    db().users.create_user("owner", "Owner");
  }

  // The owner's listing copy of account `id`, if any.
  std::optional<Account> listed(const std::string& id) {
    for (const Account& account : db().accounts.find_by_user("owner")) {
      if (account.id == id) return account;
    }
    return std::nullopt;
  }
};

TEST_P(AccountListingTest, AnUpdateWritesTheCopyThatACreateDidNotGetTo) {
  wrapper().arm_fault("ACCOUNT#", WrapperStore::FaultTiming::kBeforeWrite);
  try {
    db().accounts.create_account("owner", "Half made");
  } catch (const StoreError&) {
    // The copy was not written; the account itself was.
  }
  ASSERT_TRUE(wrapper().fault_fired());
  const auto all = db().accounts.find_all();
  ASSERT_EQ(all.size(), 1u);
  const std::string id = all[0].id;

  EXPECT_EQ(db().accounts.update(id, {{"cash_balance", N("12.5")}}), 1);
  const auto copy = listed(id);
  ASSERT_TRUE(copy.has_value()) << "the update lists the account under its owner";
  EXPECT_EQ(copy->account_name, "Half made");
  EXPECT_EQ(copy->cash_balance, D("12.5"));
  EXPECT_EQ(copy->updated_at, db().accounts.find_by_id(id)->updated_at);
}

TEST_P(AccountListingTest, UpdatesRacingADeleteLeaveNoCopyBehind) {
  constexpr int kTrials = 20;
  int orphans = 0;
  for (int trial = 0; trial < kTrials; ++trial) {
    const std::string id = db().accounts.create_account("owner", "Doomed");
    std::latch start(2);
    std::thread updater([&] {
      start.arrive_and_wait();
      for (int i = 1; i <= 3; ++i) {
        db().accounts.update(id, {{"account_name", S("name-" + std::to_string(i))}});
      }
    });
    std::thread deleter([&] {
      start.arrive_and_wait();
      db().accounts.remove(id);
    });
    updater.join();
    deleter.join();
    // An update that came after the delete finds no account and writes nothing.
    EXPECT_FALSE(db().accounts.find_by_id(id).has_value());
    if (listed(id)) ++orphans;
  }
  EXPECT_EQ(orphans, 0) << "trials (of " << kTrials
                        << ") that left a listing copy of a deleted account";
}

TEST_P(AccountListingTest, AnUpdateOfAMissingAccountWritesNothing) {
  const std::size_t before = item_count();
  EXPECT_EQ(db().accounts.update("no-such-account", {{"cash_balance", N("1")}}), 0);
  EXPECT_EQ(item_count(), before);
}

TEST_P(AccountListingTest, ABadFieldWritesNothing) {
  const std::string id = db().accounts.create_account("owner", "Checked", std::nullopt, D("5"));
  expect_validation_error(
      [&] {
        db().accounts.update(id, {{"account_name", S("fine")}, {"cash_balance", N("-1")}});
      },
      "cash_balance", "negative cash");
  for (const auto& account : {db().accounts.find_by_id(id), listed(id)}) {
    ASSERT_TRUE(account.has_value());
    EXPECT_EQ(account->account_name, "Checked");
    EXPECT_EQ(account->cash_balance, D("5"));
  }
}

// The engine retries an update whose answer was lost after the server applied it: the
// retry applies the same fields again, and both copies end equal and right.
TEST_P(AccountListingTest, AnUpdateRetriedAfterALostAnswerIsHarmless) {
  if (!on_dynalite()) GTEST_SKIP() << "the lost answer is injected between engine and server";
  const std::string endpoint = std::getenv("ALEXDB_TEST_DYNAMODB_ENDPOINT");
  testing::FaultProxy proxy(std::stoi(endpoint.substr(endpoint.rfind(':') + 1)));
  dynamodb::DynamoDbOptions options;
  options.endpoint = proxy.endpoint();
  options.credentials = std::make_shared<dynamodb::StaticCredentialsProvider>(
      dynamodb::Credentials{"alexdb-test", "alexdb-test-secret", ""});
  options.backoff_base = std::chrono::milliseconds(1);
  options.backoff_cap = std::chrono::milliseconds(20);
  auto through_proxy = make_database(std::make_shared<dynamodb::DynamoDbStore>(options));

  const std::string id = db().accounts.create_account("owner", "Retried", "purpose", D("1"));
  // Warm the engine's table cache, so that the scripted fault meets the update.
  ASSERT_TRUE(through_proxy->accounts.find_by_id(id).has_value());
  proxy.script({testing::Fault::kLoseResponse});
  const int forwarded = proxy.forwarded();
  EXPECT_EQ(through_proxy->accounts.update(
                id, {{"account_purpose", Value::Null()}, {"cash_balance", N("250.75")}}),
            1);
  EXPECT_GE(proxy.forwarded() - forwarded, 3) << "the lost update, its retry, the copy";

  const auto record = db().accounts.find_by_id(id);
  const auto copy = listed(id);
  ASSERT_TRUE(record.has_value());
  ASSERT_TRUE(copy.has_value());
  for (const Account& account : {*record, *copy}) {
    EXPECT_EQ(account.account_name, "Retried");
    EXPECT_FALSE(account.account_purpose.has_value());
    EXPECT_EQ(account.cash_balance, D("250.75"));
    EXPECT_EQ(account.updated_at, record->updated_at);
  }
}

ALEXDB_DATABASE_SUITE(AccountListingTest);

}  // namespace
}  // namespace alexdb::database_test
