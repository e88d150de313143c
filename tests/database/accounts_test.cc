// Accounts: create, find by id among hundreds (point reads only), find_by_user newest
// first, update, the generic calls, and the cascade to positions and history.
#include <algorithm>
#include <regex>
#include <string>
#include <vector>

#include "database/database_fixture.h"

namespace alexdb::database_test {
namespace {

using ::testing::IsEmpty;

bool is_uuid(const std::string& id) {
  static const std::regex uuid("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$");
  return std::regex_match(id, uuid);
}

class AccountsTest : public DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (IsSkipped()) return;
    db().users.create_user("owner", "Owner");
  }
};

TEST_P(AccountsTest, CreateAccountReturnsAUuidAndDefaultsCashToZero) {
  set_clock(micros(2025, 4, 1, 8));
  const std::string id = db().accounts.create_account("owner", "Taxable");
  EXPECT_TRUE(is_uuid(id)) << id;
  auto account = db().accounts.find_by_id(id);
  ASSERT_TRUE(account.has_value());
  EXPECT_EQ(account->id, id);
  EXPECT_EQ(account->clerk_user_id, "owner");
  EXPECT_EQ(account->account_name, "Taxable");
  EXPECT_FALSE(account->account_purpose.has_value());
  EXPECT_EQ(account->cash_balance, D("0"));
  EXPECT_EQ(account->cash_interest, D("0"));
  EXPECT_EQ(account->created_at, canonical(micros(2025, 4, 1, 8)));
  const Fields f = account->to_fields();
  EXPECT_EQ(f.at("id"), S(id));
  EXPECT_EQ(f.at("cash_balance"), Value::N(D("0")));
  ASSERT_EQ(f.count("account_purpose"), 1u) << "every field of a record is present";
  EXPECT_TRUE(f.at("account_purpose").is_null()) << "unset optional fields are NULL";
}

TEST_P(AccountsTest, GenericCreateUpdateAndRemove) {
  const std::string id = db().accounts.create(Fields{{"clerk_user_id", S("owner")},
                                                     {"account_name", S("Roth IRA")},
                                                     {"account_purpose", S("retirement")},
                                                     {"cash_balance", N("1000.50")},
                                                     {"cash_interest", N("0.045")}});
  EXPECT_TRUE(is_uuid(id)) << id;
  auto account = db().accounts.find_by_id(id);
  ASSERT_TRUE(account.has_value());
  EXPECT_EQ(account->account_purpose, "retirement");
  EXPECT_EQ(account->cash_balance, D("1000.5"));
  EXPECT_EQ(account->cash_interest, D("0.045"));

  EXPECT_EQ(db().accounts.update(id, Fields{{"account_name", S("Roth")}, {"cash_balance", N("5")}}), 1);
  account = db().accounts.find_by_id(id);
  EXPECT_EQ(account->account_name, "Roth");
  EXPECT_EQ(account->cash_balance, D("5"));
  EXPECT_EQ(account->cash_interest, D("0.045"));
  EXPECT_EQ(db().accounts.find_by_user("owner").at(0).account_name, "Roth")
      << "the copy listed under the user changes too";

  EXPECT_EQ(db().accounts.update("00000000-0000-4000-8000-000000000000",
                                 Fields{{"account_name", S("X")}}),
            0);
  EXPECT_FALSE(db().accounts.find_by_id("00000000-0000-4000-8000-000000000000").has_value());
  EXPECT_GE(db().accounts.remove(id), 1);
  EXPECT_FALSE(db().accounts.find_by_id(id).has_value());
  EXPECT_THAT(db().accounts.find_by_user("owner"), IsEmpty());
  EXPECT_EQ(db().accounts.remove(id), 0);
}

TEST_P(AccountsTest, FindByUserListsNewestFirst) {
  std::vector<std::string> ids;
  for (int i = 0; i < 5; ++i) {
    set_clock(micros(2025, 1, 1 + i));
    ids.push_back(db().accounts.create_account("owner", "acct " + std::to_string(i)));
  }
  db().users.create_user("someone", "Someone");
  db().accounts.create_account("someone", "not mine");
  const auto listed = db().accounts.find_by_user("owner");
  ASSERT_EQ(listed.size(), 5u);
  for (int i = 0; i < 5; ++i) EXPECT_EQ(listed[i].id, ids[4 - i]) << "position " << i;
}

TEST_P(AccountsTest, FindByIdAmongHundredsIsAPointRead) {
  constexpr int kAccounts = 240;
  std::vector<std::string> ids;
  for (int u = 0; u < 4; ++u) db().users.create_user("u" + std::to_string(u), "User");
  for (int i = 0; i < kAccounts; ++i) {
    ids.push_back(db().accounts.create_account("u" + std::to_string(i % 4), "acct " + std::to_string(i)));
  }
  for (int i : {0, 117, kAccounts - 1}) {
    wrapper().reset_counts();
    auto account = db().accounts.find_by_id(ids[i]);
    const auto counts = wrapper().counts();
    ASSERT_TRUE(account.has_value()) << i;
    EXPECT_EQ(account->account_name, "acct " + std::to_string(i));
    EXPECT_EQ(account->clerk_user_id, "u" + std::to_string(i % 4));
    EXPECT_EQ(counts.scans, 0) << "find_by_id must not scan";
    EXPECT_EQ(counts.queries, 0) << "find_by_id is a point read";
    EXPECT_LE(counts.gets + counts.batch_gets, 1);
    EXPECT_LE(counts.items, 1);
  }
  EXPECT_EQ(db().accounts.find_by_user("u1").size(), std::size_t(kAccounts / 4));
  EXPECT_EQ(db().accounts.find_all().size(), std::size_t(kAccounts));
}

TEST_P(AccountsTest, FindAllIsOrderedByIdAndPages) {
  std::vector<std::string> ids;
  for (int i = 0; i < 6; ++i) ids.push_back(db().accounts.create_account("owner", "a"));
  std::sort(ids.begin(), ids.end());
  std::vector<std::string> listed;
  for (const Account& a : db().accounts.find_all()) listed.push_back(a.id);
  EXPECT_EQ(listed, ids);
  listed.clear();
  for (const Account& a : db().accounts.find_all(Page{3, 2})) listed.push_back(a.id);
  EXPECT_EQ(listed, (std::vector<std::string>{ids[2], ids[3], ids[4]}));
}

TEST_P(AccountsTest, DeletingAnAccountRemovesItsPositionsAndHistory) {
  const std::string doomed = db().accounts.create_account("owner", "Doomed");
  const std::string kept = db().accounts.create_account("owner", "Kept");
  db().positions.add_or_update_position(doomed, "SPY", D("10"), "BUY");
  db().positions.add_or_update_position(doomed, "SPY", D("15"), "BUY");
  db().positions.add_or_update_position(doomed, "BND", D("3"), "BUY");
  db().positions.add_or_update_position(kept, "SPY", D("7"), "BUY");

  // The account and 2 CURRENT + 3 HISTORY records at least.
  EXPECT_GE(db().accounts.remove(doomed), 6);

  EXPECT_THAT(partition("ACCOUNT#" + doomed), IsEmpty());
  for (const Item& item : partition("USER#owner")) {
    EXPECT_NE(item.at("SK").s(), "ACCOUNT#" + doomed);
  }
  EXPECT_THAT(db().positions.find_by_account(doomed), IsEmpty());
  EXPECT_THAT(db().positions.get_position_history(doomed, "SPY"), IsEmpty());
  EXPECT_THAT(db().positions.get_positions_at_date(doomed, "2100-01-01"), IsEmpty());
  ASSERT_EQ(db().accounts.find_by_user("owner").size(), 1u);
  EXPECT_EQ(db().accounts.find_by_user("owner")[0].id, kept);
  EXPECT_EQ(db().positions.find_by_account(kept).size(), 1u);
  EXPECT_EQ(db().positions.get_position_history(kept, "SPY").size(), 1u);
}

TEST_P(AccountsTest, AnAccountForAnUnknownUserIsRefusedAndNothingIsWritten) {
  const auto before = item_count();
  expect_validation_error([&] { db().accounts.create_account("nobody", "Orphan"); },
                          "clerk_user_id", "create_account for no user");
  expect_validation_error(
      [&] {
        db().accounts.create(Fields{{"clerk_user_id", S("nobody")}, {"account_name", S("Orphan")}});
      },
      "clerk_user_id", "accounts.create for no user");
  try {
    db().accounts.create_account("nobody", "Orphan");
  } catch (const ValidationError& e) {
    EXPECT_NE(std::string(e.what()).find("existing user"), std::string::npos) << e.what();
    EXPECT_NE(e.detail().find("nobody"), std::string::npos) << e.what();
  }
  EXPECT_EQ(item_count(), before);
  EXPECT_TRUE(db().accounts.find_by_user("nobody").empty());
  // Bad fields are still named first, before the owner is looked up.
  expect_validation_error(
      [&] { db().accounts.create_account("nobody", "A", std::nullopt, D("-1")); },
      "cash_balance", "negative cash for no user");
  EXPECT_TRUE(db().verify().ok());
}

ALEXDB_DATABASE_SUITE(AccountsTest);

}  // namespace
}  // namespace alexdb::database_test
