// Users: create (with default targets), find, update, delete, the generic create(Fields),
// and the cascade that deletes a user's accounts (with positions and history) and jobs.
#include <string>
#include <vector>

#include "database/database_fixture.h"

namespace alexdb::database_test {
namespace {

using ::testing::IsEmpty;

class UsersTest : public DatabaseTest {};

TEST_P(UsersTest, CreateUserAppliesDefaultTargets) {
  set_clock(micros(2025, 1, 2, 3, 4, 5));
  EXPECT_EQ(db().users.create_user("user_123", "John Doe"), "user_123");
  auto user = db().users.find_by_id("user_123");
  ASSERT_TRUE(user.has_value());
  EXPECT_EQ(user->clerk_user_id, "user_123");
  EXPECT_EQ(user->display_name, "John Doe");
  EXPECT_EQ(user->asset_class_targets, (Allocation{{"equity", D("70")}, {"fixed_income", D("30")}}));
  EXPECT_EQ(user->region_targets,
            (Allocation{{"north_america", D("50")}, {"international", D("50")}}));
  EXPECT_EQ(user->created_at, canonical(micros(2025, 1, 2, 3, 4, 5)));
  EXPECT_EQ(user->updated_at, user->created_at);
  EXPECT_EQ(db().users.find_by_clerk_id("user_123")->display_name, "John Doe");
  EXPECT_FALSE(db().users.find_by_id("user_124").has_value());
}

TEST_P(UsersTest, TheDisplayNameIsOptionalAsInTheSeed) {
  EXPECT_EQ(db().users.create_user("nameless"), "nameless");
  auto user = db().users.find_by_id("nameless");
  ASSERT_TRUE(user.has_value());
  EXPECT_FALSE(user->display_name.has_value());
  EXPECT_TRUE(user->to_fields().at("display_name").is_null());
}

TEST_P(UsersTest, CreateUserKeepsGivenNumbersAndTargets) {
  db().users.create_user("user_9", "Jane", D("25"), D("80000.50"),
                         Allocation{{"equity", D("60")}, {"fixed_income", D("40")}},
                         Allocation{{"north_america", D("70")}, {"europe", D("30")}});
  auto user = db().users.find_by_id("user_9");
  ASSERT_TRUE(user.has_value());
  EXPECT_EQ(user->years_until_retirement, D("25"));
  EXPECT_EQ(user->target_retirement_income, D("80000.5"));
  EXPECT_EQ(user->asset_class_targets.at("equity"), D("60"));
  EXPECT_EQ(user->region_targets.at("europe"), D("30"));
  const Fields f = user->to_fields();
  EXPECT_EQ(f.at("clerk_user_id"), S("user_9"));
  EXPECT_EQ(f.at("years_until_retirement"), Value::N(D("25")));
  EXPECT_TRUE(f.count("created_at") && f.count("updated_at"));
}

TEST_P(UsersTest, CreatingAnExistingUserFails) {
  db().users.create_user("dup", "First");
  EXPECT_THROW(db().users.create_user("dup", "Second"), AlreadyExists);
  EXPECT_EQ(db().users.find_by_id("dup")->display_name, "First");
}

TEST_P(UsersTest, GenericCreateUpdateAndRemoveReturnTheirCounts) {
  set_clock(micros(2025, 1, 1));
  EXPECT_EQ(db().users.create(Fields{{"clerk_user_id", S("gen_1")},
                                     {"display_name", S("Gen")},
                                     {"years_until_retirement", N("30")}}),
            "gen_1");
  set_clock(micros(2025, 1, 2));
  EXPECT_EQ(db().users.update("gen_1", Fields{{"display_name", S("Gen Two")},
                                              {"years_until_retirement", N("29")}}),
            1);
  auto user = db().users.find_by_id("gen_1");
  ASSERT_TRUE(user.has_value());
  EXPECT_EQ(user->display_name, "Gen Two");
  EXPECT_EQ(user->years_until_retirement, D("29"));
  EXPECT_EQ(user->created_at, canonical(micros(2025, 1, 1)));
  EXPECT_EQ(user->updated_at, canonical(micros(2025, 1, 2)));

  EXPECT_EQ(db().users.update("nobody", Fields{{"display_name", S("X")}}), 0);
  EXPECT_FALSE(db().users.find_by_id("nobody").has_value()) << "update must not create";
  EXPECT_EQ(db().users.remove("gen_1"), 1);
  EXPECT_FALSE(db().users.find_by_id("gen_1").has_value());
  EXPECT_EQ(db().users.remove("gen_1"), 0);
}

TEST_P(UsersTest, FindAllIsOrderedByClerkIdAndPages) {
  for (const char* id : {"carol", "alice", "dave", "bob"}) db().users.create_user(id, id);
  std::vector<std::string> ids;
  for (const User& u : db().users.find_all()) ids.push_back(u.clerk_user_id);
  EXPECT_EQ(ids, (std::vector<std::string>{"alice", "bob", "carol", "dave"}));
  ids.clear();
  for (const User& u : db().users.find_all(Page{2, 1})) ids.push_back(u.clerk_user_id);
  EXPECT_EQ(ids, (std::vector<std::string>{"bob", "carol"}));
  EXPECT_THAT(db().users.find_all(Page{std::nullopt, 10}), IsEmpty());
}

TEST_P(UsersTest, DeletingAUserRemovesItsAccountsPositionsAndJobs) {
  db().users.create_user("gone", "Gone");
  db().users.create_user("stays", "Stays");
  const std::string a1 = db().accounts.create_account("gone", "Taxable");
  const std::string a2 = db().accounts.create_account("gone", "IRA");
  const std::string kept = db().accounts.create_account("stays", "Kept");
  db().positions.add_or_update_position(a1, "SPY", D("10"), "BUY");
  db().positions.add_or_update_position(a1, "SPY", D("12"), "BUY");
  db().positions.add_or_update_position(a2, "BND", D("5"), "BUY");
  db().positions.add_or_update_position(kept, "SPY", D("1"), "BUY");
  const std::string j1 = db().jobs.create_job("gone", "portfolio_analysis");
  const std::string j2 = db().jobs.create_job("gone", "risk_assessment");
  db().jobs.update_status(j2, "running");
  const std::string other_job = db().jobs.create_job("stays", "portfolio_analysis");

  // user 1 + 2 accounts (2 items each) + 3 CURRENT/HISTORY pairs... at least 1 + 2 + 2 + 5.
  EXPECT_GE(db().users.remove("gone"), 10);

  EXPECT_FALSE(db().users.find_by_id("gone").has_value());
  EXPECT_THAT(partition("USER#gone"), IsEmpty());
  EXPECT_THAT(partition("ACCOUNT#" + a1), IsEmpty());
  EXPECT_THAT(partition("ACCOUNT#" + a2), IsEmpty());
  EXPECT_THAT(partition("JOB#" + j1), IsEmpty());
  EXPECT_THAT(partition("JOB#" + j2), IsEmpty());
  EXPECT_FALSE(db().accounts.find_by_id(a1).has_value());
  EXPECT_FALSE(db().jobs.find_by_id(j2).has_value());
  EXPECT_THAT(db().jobs.find_by_user("gone"), IsEmpty());
  EXPECT_THAT(db().jobs.find_by_user("gone", std::string("running")), IsEmpty());
  EXPECT_THAT(db().positions.get_position_history(a1, "SPY"), IsEmpty());

  EXPECT_TRUE(db().users.find_by_id("stays").has_value());
  EXPECT_TRUE(db().accounts.find_by_id(kept).has_value());
  EXPECT_EQ(db().positions.find_by_account(kept).size(), 1u);
  EXPECT_TRUE(db().jobs.find_by_id(other_job).has_value());
  EXPECT_EQ(db().jobs.find_by_user("stays", std::string("pending")).size(), 1u);
}

ALEXDB_DATABASE_SUITE(UsersTest);

}  // namespace
}  // namespace alexdb::database_test
