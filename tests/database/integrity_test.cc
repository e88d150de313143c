// Database::verify() and repair() (include/alexdb/integrity.h): each rule of SPEC
// sections 2, 3 and 9 broken on purpose, by a write the fixture's WrapperStore fails
// after the commit point (what an interrupted process leaves) or by a direct write to the
// real store (damaged data), then found, and completed where an interrupted write left it.
#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "database/database_fixture.h"

namespace alexdb::database_test {
namespace {

using Timing = WrapperStore::FaultTiming;

class IntegrityTest : public DatabaseTest {
 protected:
  // A user with one account holding SPY; returns the account id.
  std::string user_with_position() {
    db().users.create_user("u1", "User One");
    std::string account = db().accounts.create_account("u1", "Main");
    db().positions.add_or_update_position(account, "SPY", D("10"), "BUY", "2025-01-02T15:00:00Z");
    return account;
  }

  // The findings of `report` that break `rule`.
  static std::vector<IntegrityFinding> breaking(const IntegrityReport& report, IntegrityRule rule) {
    std::vector<IntegrityFinding> out;
    for (const IntegrityFinding& f : report.findings) {
      if (f.rule == rule) out.push_back(f);
    }
    return out;
  }

  void remove_raw(const std::string& pk, const std::string& sk) {
    real().remove({users_table_, {{"PK", S(pk)}, {"SK", S(sk)}}, std::nullopt, ReturnValues::kNone});
  }
};

TEST_P(IntegrityTest, ConsistentDataPassesAndIsCounted) {
  add_instrument("SPY", "SPDR S&P 500 ETF Trust");
  db().instruments.update_price("SPY", D("450.25"), {}, "2025-02-03T21:00:00Z");
  std::string account = user_with_position();
  db().positions.add_or_update_position(account, "SPY", D("12"), "BUY", "2025-01-03T15:00:00Z");
  db().jobs.create_job("u1", "portfolio_analysis");

  IntegrityReport report = db().verify();
  EXPECT_TRUE(report.ok());
  EXPECT_TRUE(report.findings.empty()) << report.findings[0].message;
  EXPECT_EQ(report.repairable, 0u);
  EXPECT_EQ(report.checked.users, 1u);
  EXPECT_EQ(report.checked.accounts, 1u);
  EXPECT_EQ(report.checked.positions, 1u);
  EXPECT_EQ(report.checked.history_records, 2u);
  EXPECT_EQ(report.checked.jobs, 1u);
  EXPECT_EQ(report.checked.instruments, 1u);
  EXPECT_EQ(report.checked.price_records, 1u);
  // user, account + listing, CURRENT + 2 HISTORY, job + JOB#id
  EXPECT_EQ(report.checked.users_table_items, 8u);
}

TEST_P(IntegrityTest, VerifyOnlyReadsWithOneScanOfEachTable) {
  user_with_position();
  const std::size_t written = wrapper().written_sks().size();
  wrapper().reset_counts();
  db().verify();
  EXPECT_EQ(wrapper().written_sks().size(), written);
  EXPECT_EQ(wrapper().counts().scans, 2);
  EXPECT_EQ(wrapper().counts().queries + wrapper().counts().gets, 0);
}

TEST_P(IntegrityTest, InterruptedChangeIsFoundAndRepaired) {
  std::string account = user_with_position();
  wrapper().arm_fault("HISTORY#", Timing::kBeforeWrite);
  db().positions.add_or_update_position(account, "SPY", D("25"), "BUY");  // committed
  ASSERT_TRUE(wrapper().fault_fired());

  IntegrityReport report = db().verify();
  EXPECT_FALSE(report.ok());
  EXPECT_EQ(report.repairable, 1u);
  auto found = breaking(report, IntegrityRule::kLastChangeWithoutHistory);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_TRUE(found[0].repairable);
  EXPECT_EQ(found[0].table, users_table_);
  EXPECT_EQ(found[0].record, "account " + account + " SPY");
  EXPECT_EQ(partition("ACCOUNT#" + account).size(), 3u) << "verify() wrote something";

  RepairReport repaired = db().repair();
  EXPECT_EQ(repaired.attempted, 1u);
  EXPECT_EQ(repaired.completed, 1u);
  EXPECT_TRUE(repaired.after.ok());
  EXPECT_EQ(repaired.after.checked.history_records, 2u);
  EXPECT_EQ(quantities(db().positions.get_position_history(account, "SPY")),
            (std::vector<Decimal>{D("10"), D("25")}));
}

TEST_P(IntegrityTest, InterruptedBackdatedChangeIsRepaired) {
  std::string account = user_with_position();
  db().positions.add_or_update_position(account, "SPY", D("60"), "SELL", "2025-03-03T15:00:00Z");
  wrapper().arm_fault("HISTORY#", Timing::kBeforeWrite);
  db().positions.add_or_update_position(account, "SPY", D("80"), "SELL", "2025-02-03T15:00:00Z");

  IntegrityReport report = db().verify();
  EXPECT_FALSE(report.ok());
  EXPECT_EQ(report.repairable, 1u);
  RepairReport repaired = db().repair();
  EXPECT_EQ(repaired.completed, 1u);
  EXPECT_TRUE(repaired.after.ok());
  auto history = fresh_database()->positions.get_position_history(account, "SPY");
  ASSERT_EQ(history.size(), 3u);
  EXPECT_EQ(history[2].previous_quantity, D("80"));
}

TEST_P(IntegrityTest, RepairWithNothingToCompleteWritesNothing) {
  user_with_position();
  const std::size_t written = wrapper().written_sks().size();
  RepairReport repaired = db().repair();
  EXPECT_EQ(repaired.attempted, 0u);
  EXPECT_EQ(repaired.completed, 0u);
  EXPECT_TRUE(repaired.after.ok());
  EXPECT_EQ(wrapper().written_sks().size(), written);
}

TEST_P(IntegrityTest, MissingListingAndJobPointerAreWrittenByRepair) {
  db().users.create_user("u1", "User One");
  std::string account = db().accounts.create_account("u1", "Main");
  std::string job = db().jobs.create_job("u1", "portfolio_analysis");
  remove_raw("USER#u1", "ACCOUNT#" + account);
  remove_raw("JOB#" + job, "METADATA");

  IntegrityReport report = db().verify();
  EXPECT_EQ(report.repairable, 2u);
  ASSERT_EQ(breaking(report, IntegrityRule::kAccountNotListed).size(), 1u);
  auto job_finding = breaking(report, IntegrityRule::kJobWithoutPointer);
  ASSERT_EQ(job_finding.size(), 1u);
  EXPECT_EQ(job_finding[0].record, "job " + job);

  RepairReport repaired = db().repair();
  EXPECT_EQ(repaired.completed, 2u);
  EXPECT_TRUE(repaired.after.ok());
  EXPECT_EQ(db().accounts.find_by_user("u1").size(), 1u);
  EXPECT_TRUE(db().jobs.find_by_id(job));
}

TEST_P(IntegrityTest, AccountWhoseOwnerIsMissingIsAFailureRepairLeaves) {
  db().users.create_user("u1", "User One");
  std::string account = db().accounts.create_account("u1", "Main");
  remove_raw("USER#u1", "METADATA");

  RepairReport repaired = db().repair();
  EXPECT_EQ(repaired.attempted, 0u);
  EXPECT_FALSE(repaired.after.ok());
  auto found = breaking(repaired.after, IntegrityRule::kOwnerMissing);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].record, "account " + account);
  EXPECT_EQ(found[0].severity, Severity::kFailure);
  EXPECT_FALSE(found[0].repairable);
}

TEST_P(IntegrityTest, PositionsWithoutAccountRecordAreAWarning) {
  db().positions.add_or_update_position("imported-account", "SPY", D("5"), "BUY");
  IntegrityReport report = db().verify();
  EXPECT_TRUE(report.ok());
  ASSERT_EQ(report.findings.size(), 1u);
  EXPECT_EQ(report.findings[0].rule, IntegrityRule::kPositionsWithoutAccount);
  EXPECT_EQ(report.findings[0].severity, Severity::kWarning);
  EXPECT_EQ(report.findings[0].record, "account imported-account");
}

TEST_P(IntegrityTest, BrokenPreviousQuantityChainIsNotRepairable) {
  std::string account = user_with_position();
  db().positions.add_or_update_position(account, "SPY", D("20"), "BUY", "2025-01-03T15:00:00Z");
  Update wrong;
  wrong.set("previous_quantity", N("7"));
  real().update({users_table_,
                 {{"PK", S("ACCOUNT#" + account)},
                  {"SK", S("HISTORY#SPY#2025-01-03T15:00:00.000000Z")}},
                 wrong, std::nullopt, ReturnValues::kNone});
  IntegrityReport report = db().verify();
  auto found = breaking(report, IntegrityRule::kPreviousQuantityChain);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_FALSE(found[0].repairable);
  EXPECT_NE(found[0].message.find("has previous_quantity 7"), std::string::npos) << found[0].message;
  EXPECT_EQ(report.repairable, 0u);
}

TEST_P(IntegrityTest, CurrentPriceOlderThanItsNewestRecordIsMovedByRepair) {
  add_instrument("SPY", "SPDR S&P 500 ETF Trust");
  db().instruments.update_price("SPY", D("450"), {}, "2025-02-03T21:00:00Z");
  real().put({instruments_table_,
              {{"symbol", S("SPY")},
               {"SK", S("2025-02-10T21:00:00.000000Z")},
               {"timestamp", S("2025-02-10T21:00:00.000000Z")},
               {"price", N("999")}},
              std::nullopt,
              ReturnValues::kNone});
  IntegrityReport report = db().verify();
  auto found = breaking(report, IntegrityRule::kCurrentPriceNotNewest);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].table, instruments_table_);
  EXPECT_EQ(found[0].record, "instrument SPY");

  RepairReport repaired = db().repair();
  EXPECT_TRUE(repaired.after.ok());
  EXPECT_EQ(db().instruments.find_by_symbol("SPY")->current_price, D("999"));
}

TEST_P(IntegrityTest, UnreadableRecordIsAFindingNotAnError) {
  std::string account = user_with_position();
  Update damage;
  damage.remove("quantity");
  real().update({users_table_, {{"PK", S("ACCOUNT#" + account)}, {"SK", S("CURRENT#SPY")}},
                 damage, std::nullopt, ReturnValues::kNone});
  IntegrityReport report = db().verify();
  auto found = breaking(report, IntegrityRule::kUnreadableRecord);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].record, "account " + account + " SPY");
  EXPECT_FALSE(report.ok());
  EXPECT_TRUE(breaking(report, IntegrityRule::kHistoryWithoutCurrent).empty());
}

TEST(IntegrityRuleTest, EveryRuleHasADistinctName) {
  std::set<std::string_view> names;
  for (int r = 0; r <= static_cast<int>(IntegrityRule::kCurrentPriceNotNewest); ++r) {
    std::string_view name = rule_name(static_cast<IntegrityRule>(r));
    EXPECT_FALSE(name.empty());
    EXPECT_NE(name, "unknown");
    names.insert(name);
  }
  EXPECT_EQ(names.size(), static_cast<std::size_t>(IntegrityRule::kCurrentPriceNotNewest) + 1);
}

ALEXDB_DATABASE_SUITE(IntegrityTest);

}  // namespace
}  // namespace alexdb::database_test
