// Interrupted changes (SPEC section 3): a change that dies between its writes, or whose
// response is lost, is completed or undone by the next read or write, and the history
// never shows a gap or a duplicate. Faults come from the WrapperStore of the fixture; the
// check runs on a fresh Database on the real store, as another process would.
#include <algorithm>
#include <string>
#include <vector>

#include "database/database_fixture.h"

namespace alexdb::database_test {
namespace {

using ::testing::ElementsAre;
using Timing = WrapperStore::FaultTiming;

class FaultInjectionTest : public DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (IsSkipped()) return;
    db().positions.add_or_update_position("acc_f", "SPY", D("10"), "BUY");
    db().positions.add_or_update_position("acc_f", "SPY", D("20"), "BUY");
  }

  // Records BUY 30 with a fault armed on the first write whose SK begins with `prefix`;
  // returns whether the CURRENT record was written (the commit point passed). The call
  // reports failure exactly when it was not (SPEC section 9).
  bool interrupted_change(const std::string& prefix, Timing timing) {
    const std::size_t before = wrapper().written_sks().size();
    wrapper().arm_fault(prefix, timing);
    bool failed = false;
    try {
      db().positions.add_or_update_position("acc_f", "SPY", D("30"), "BUY");
    } catch (const StoreError&) {
      failed = true;
    }
    EXPECT_TRUE(wrapper().fault_fired()) << "the change made no write with an SK beginning "
                                         << prefix;
    const std::vector<std::string> written = wrapper().written_sks();
    const bool committed = std::any_of(written.begin() + std::ptrdiff_t(before), written.end(),
                                       [](const std::string& sk) { return sk.rfind("CURRENT#", 0) == 0; });
    EXPECT_EQ(failed, !committed) << "a change reports failure exactly when it did not commit";
    return committed;
  }

  // History and CURRENT agree: no gap, no duplicate, CURRENT at the newest change.
  void expect_consistent(Database& reader) {
    const auto history = reader.positions.get_position_history("acc_f", "SPY");
    ASSERT_FALSE(history.empty());
    expect_contiguous(history);
    const auto open = reader.positions.find_by_account("acc_f");
    ASSERT_EQ(open.size(), 1u);
    EXPECT_EQ(open[0].quantity, history.back().quantity);
    EXPECT_EQ(open[0].timestamp, history.back().timestamp);
    EXPECT_EQ(open[0].version, history.back().version);
  }
};

TEST_P(FaultInjectionTest, HistoryWriteLostAfterCommitIsRolledForwardByTheNextRead) {
  const bool committed = interrupted_change("HISTORY#", Timing::kBeforeWrite);
  auto fresh = fresh_database();
  const auto history = fresh->positions.get_position_history("acc_f", "SPY");
  if (committed) {
    EXPECT_THAT(quantities(history), ElementsAre(D("10"), D("20"), D("30")))
        << "CURRENT was written (the commit point), so the change must be rolled forward";
  } else {
    EXPECT_THAT(quantities(history), ElementsAre(D("10"), D("20")));
  }
  expect_contiguous(history);
  expect_consistent(*fresh);

  fresh->positions.add_or_update_position("acc_f", "SPY", D("40"), "BUY");
  const auto after = fresh->positions.get_position_history("acc_f", "SPY");
  EXPECT_EQ(after.back().quantity, D("40"));
  EXPECT_EQ(after.size(), history.size() + 1);
  expect_consistent(*fresh);
}

TEST_P(FaultInjectionTest, HistoryWriteLostAfterCommitIsRolledForwardByTheNextWrite) {
  const bool committed = interrupted_change("HISTORY#", Timing::kBeforeWrite);
  auto fresh = fresh_database();
  fresh->positions.add_or_update_position("acc_f", "SPY", D("40"), "SELL");
  const auto history = fresh->positions.get_position_history("acc_f", "SPY");
  if (committed) {
    EXPECT_THAT(quantities(history), ElementsAre(D("10"), D("20"), D("30"), D("40")));
    ASSERT_EQ(history.size(), 4u);
    EXPECT_EQ(history[2].action, "BUY");
    EXPECT_EQ(history[3].action, "SELL");
    EXPECT_EQ(history[3].previous_quantity, D("30"));
  } else {
    EXPECT_THAT(quantities(history), ElementsAre(D("10"), D("20"), D("40")));
  }
  expect_consistent(*fresh);
}

TEST_P(FaultInjectionTest, PositionsAtDateAndValueSeeTheRolledForwardChange) {
  const bool committed = interrupted_change("HISTORY#", Timing::kBeforeWrite);
  auto fresh = fresh_database();
  const auto held = fresh->positions.get_positions_at_date("acc_f", "2100-01-01");
  ASSERT_EQ(held.size(), 1u);
  EXPECT_EQ(held[0].quantity, committed ? D("30") : D("20"));
  const auto history = fresh->positions.get_position_history("acc_f", "SPY");
  EXPECT_EQ(history.size(), committed ? 3u : 2u);
  expect_consistent(*fresh);
}

TEST_P(FaultInjectionTest, FirstChangeOfANewPositionInterruptedIsCompletedOrUndone) {
  const std::size_t before = wrapper().written_sks().size();
  wrapper().arm_fault("HISTORY#", Timing::kBeforeWrite);
  bool failed = false;
  try {
    db().positions.add_or_update_position("acc_f", "QQQ", D("7"), "BUY");
  } catch (const StoreError&) {
    failed = true;
  }
  const auto written = wrapper().written_sks();
  const bool committed = std::any_of(written.begin() + std::ptrdiff_t(before), written.end(),
                                     [](const std::string& sk) { return sk == "CURRENT#QQQ"; });
  EXPECT_EQ(failed, !committed);
  auto fresh = fresh_database();
  const auto history = fresh->positions.get_position_history("acc_f", "QQQ");
  ASSERT_EQ(history.size(), committed ? 1u : 0u);
  if (committed) {
    EXPECT_EQ(history[0].quantity, D("7"));
    EXPECT_EQ(history[0].previous_quantity, D("0"));
    EXPECT_EQ(history[0].action, "BUY");
  }
  fresh->positions.add_or_update_position("acc_f", "QQQ", D("9"), "BUY");
  const auto after = fresh->positions.get_position_history("acc_f", "QQQ");
  EXPECT_EQ(after.size(), history.size() + 1);
  expect_contiguous(after);
}

TEST_P(FaultInjectionTest, LostResponseOfTheCurrentWriteLeavesTheChangeOnce) {
  EXPECT_TRUE(interrupted_change("CURRENT#", Timing::kAfterWrite));
  auto fresh = fresh_database();
  const auto history = fresh->positions.get_position_history("acc_f", "SPY");
  EXPECT_THAT(quantities(history), ElementsAre(D("10"), D("20"), D("30")))
      << "CURRENT was written, so the change happened; once";
  expect_consistent(*fresh);
  fresh->positions.add_or_update_position("acc_f", "SPY", D("40"), "BUY");
  EXPECT_EQ(fresh->positions.get_position_history("acc_f", "SPY").size(), 4u);
  expect_consistent(*fresh);
}

TEST_P(FaultInjectionTest, LostResponseOfTheHistoryWriteCreatesNoDuplicate) {
  interrupted_change("HISTORY#", Timing::kAfterWrite);
  auto fresh = fresh_database();
  const auto history = fresh->positions.get_position_history("acc_f", "SPY");
  EXPECT_THAT(quantities(history), ElementsAre(D("10"), D("20"), D("30")));
  expect_consistent(*fresh);
  fresh->positions.add_or_update_position("acc_f", "SPY", D("40"), "BUY");
  EXPECT_THAT(quantities(fresh->positions.get_position_history("acc_f", "SPY")),
              ElementsAre(D("10"), D("20"), D("30"), D("40")));
  expect_consistent(*fresh);
}

TEST_P(FaultInjectionTest, ChangeFailingBeforeItsCommitPointLeavesNoTrace) {
  EXPECT_FALSE(interrupted_change("CURRENT#", Timing::kBeforeWrite));
  auto fresh = fresh_database();
  EXPECT_THAT(quantities(fresh->positions.get_position_history("acc_f", "SPY")),
              ElementsAre(D("10"), D("20")));
  expect_consistent(*fresh);
  fresh->positions.add_or_update_position("acc_f", "SPY", D("40"), "BUY");
  const auto after = fresh->positions.get_position_history("acc_f", "SPY");
  EXPECT_THAT(quantities(after), ElementsAre(D("10"), D("20"), D("40")));
  EXPECT_EQ(after.back().previous_quantity, D("20"));
  expect_consistent(*fresh);
}

TEST_P(FaultInjectionTest, SameDatabaseRepairsItsOwnInterruptedChange) {
  const bool committed = interrupted_change("HISTORY#", Timing::kBeforeWrite);
  const auto history = db().positions.get_position_history("acc_f", "SPY");
  EXPECT_EQ(history.size(), committed ? 3u : 2u);
  expect_consistent(db());
}

ALEXDB_DATABASE_SUITE(FaultInjectionTest);

}  // namespace
}  // namespace alexdb::database_test
