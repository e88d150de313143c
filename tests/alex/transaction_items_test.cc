// The ledger's reduction to what was known at a moment (transaction_items.h:
// known_transactions): versions given in any order, the newest recorded by the cutoff,
// ordered by time then id, damaged items reported and passed over.
#include "alex/transaction_items.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include "alex/keys.h"
#include "alex/record_items.h"

namespace alexdb::alex {
namespace {

constexpr const char* kAccount = "acct1";

std::string at(int day) {
  return "2025-01-" + std::string(day < 10 ? "0" : "") + std::to_string(day) + "T21:00:00.000000Z";
}

// The stored item of version `revision` of transaction `unique`, happening on `day`,
// recorded on `recorded_day`.
Item version(const std::string& unique, int revision, int day, int recorded_day,
             bool voided = false, const char* quantity = "10") {
  Transaction t;
  t.account_id = kAccount;
  t.id = keys::transaction_id(kAccount, unique);
  t.revision = revision;
  t.type = "BUY";
  t.symbol = "SPY";
  t.quantity = Decimal::parse(quantity);
  t.price = Decimal::parse("100");
  t.timestamp = at(day);
  t.recorded_at = at(recorded_day);
  t.voided = voided;
  return transaction_item(t);
}

struct Reported {
  std::vector<std::string> keys;
  std::function<void(const Item&, const StoreError&)> callback() {
    return [this](const Item& item, const StoreError&) {
      auto sk = item.find(std::string(kSk));
      keys.push_back(sk == item.end() ? "?" : sk->second.s());
    };
  }
};

// "unique@revision" of each transaction, in the order given.
std::vector<std::string> names(const std::vector<Transaction>& ledger) {
  std::vector<std::string> out;
  for (const Transaction& t : ledger) {
    out.push_back(keys::parse_transaction_id(t.id)->unique + "@" + std::to_string(t.revision));
  }
  return out;
}

std::vector<Transaction> known(const std::vector<Item>& items, std::optional<int> day = {},
                               Reported* reported = nullptr) {
  Reported ignored;
  Reported& r = reported ? *reported : ignored;
  std::optional<Timestamp> cutoff;
  if (day) cutoff = Timestamp::parse_or_throw(at(*day), "as_known_at");
  return known_transactions(items, cutoff, r.callback());
}

TEST(KnownTransactionsTest, TakesTheNewestRevisionWhateverTheOrderGiven) {
  std::vector<Item> items = {version("b", 2, 5, 9), version("a", 0, 3, 3), version("b", 0, 4, 4),
                             version("a", 1, 3, 6), version("b", 1, 4, 7)};
  std::mt19937 random(17);
  for (int shuffle = 0; shuffle < 20; ++shuffle) {
    std::shuffle(items.begin(), items.end(), random);
    std::vector<Transaction> ledger = known(items);
    EXPECT_EQ(names(ledger), (std::vector<std::string>{"a@1", "b@2"}));
    EXPECT_EQ(ledger.at(1).timestamp, at(5));  // the newest version's time
  }
}

TEST(KnownTransactionsTest, AsKnownAtACutoffTakesTheNewestVersionRecordedByThen) {
  std::vector<Item> items = {version("a", 0, 3, 3), version("a", 1, 8, 6), version("a", 2, 1, 9),
                             version("b", 0, 4, 5)};
  EXPECT_EQ(names(known(items, 2)), (std::vector<std::string>{}));
  EXPECT_EQ(names(known(items, 3)), (std::vector<std::string>{"a@0"}));
  EXPECT_EQ(names(known(items, 5)), (std::vector<std::string>{"a@0", "b@0"}));
  // The correction recorded on day 6 moved "a" to day 8: after "b".
  EXPECT_EQ(names(known(items, 6)), (std::vector<std::string>{"b@0", "a@1"}));
  EXPECT_EQ(names(known(items, 9)), (std::vector<std::string>{"a@2", "b@0"}));
  EXPECT_EQ(names(known(items)), names(known(items, 9)));
}

TEST(KnownTransactionsTest, VoidedVersionsCountAsTheNewest) {
  std::vector<Item> items = {version("a", 1, 3, 5, /*voided=*/true), version("a", 0, 3, 3)};
  std::vector<Transaction> now = known(items);
  ASSERT_EQ(now.size(), 1u);
  EXPECT_TRUE(now[0].voided);
  EXPECT_EQ(now[0].revision, 1);
  std::vector<Transaction> before = known(items, 4);
  ASSERT_EQ(before.size(), 1u);
  EXPECT_FALSE(before[0].voided);
}

TEST(KnownTransactionsTest, TiesInTimeAreOrderedById) {
  std::vector<Item> items;
  std::vector<std::string> ids;
  for (const char* unique : {"q", "c", "x", "a", "m"}) {
    items.push_back(version(unique, 0, 7, 7));
    ids.push_back(keys::transaction_id(kAccount, unique));
  }
  items.push_back(version("z", 0, 6, 6));
  std::sort(ids.begin(), ids.end());
  std::vector<Transaction> ledger = known(items);
  ASSERT_EQ(ledger.size(), 6u);
  EXPECT_EQ(ledger[0].id, keys::transaction_id(kAccount, "z"));
  for (std::size_t i = 0; i < ids.size(); ++i) EXPECT_EQ(ledger[i + 1].id, ids[i]);
}

TEST(KnownTransactionsTest, OfTwoItemsOfOneRevisionTheFirstGivenCounts) {
  std::vector<Item> items = {version("a", 0, 3, 3, false, "1"), version("a", 0, 3, 3, false, "2")};
  EXPECT_EQ(known(items).at(0).quantity, Decimal::parse("1"));
  std::swap(items[0], items[1]);
  EXPECT_EQ(known(items).at(0).quantity, Decimal::parse("2"));
}

TEST(KnownTransactionsTest, ADamagedNewestVersionIsReportedAndTheOneBeforeItCounts) {
  Item damaged = version("a", 1, 9, 5);
  damaged.erase("type");
  Item keyless = version("b", 0, 4, 4);
  keyless.erase(std::string(kSk));
  std::vector<Item> items = {damaged, version("a", 0, 3, 3), keyless, version("c", 0, 4, 4)};
  Reported reported;
  std::vector<Transaction> ledger = known(items, std::nullopt, &reported);
  EXPECT_EQ(names(ledger), (std::vector<std::string>{"a@0", "c@0"}));
  std::sort(reported.keys.begin(), reported.keys.end());
  EXPECT_EQ(reported.keys, (std::vector<std::string>{"?", keys::transaction_sk("a", 1)}));
}

TEST(KnownTransactionsTest, NoItemsGiveAnEmptyLedger) { EXPECT_TRUE(known({}).empty()); }

}  // namespace
}  // namespace alexdb::alex
