// No lost update (SPEC section 9): two threads that update different fields of one
// record at the same time both see their writes survive, in the record found by id and
// in every copy of it (an account's listing under its owner, a job's status index).
// Each test repeats the race kTrials times on fresh records and counts the trials that
// lost a write; a read-modify-put of the whole item lost some on every engine.
#include <functional>
#include <latch>
#include <string>
#include <thread>
#include <vector>

#include "database/database_fixture.h"

namespace alexdb::database_test {
namespace {

constexpr int kTrials = 20;
// Updates each thread makes per trial (the last one of each must survive).
constexpr int kUpdates = 3;

class LostUpdateTest : public DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (IsSkipped()) return;
    db().users.create_user("owner", "Owner");
  }

  // Runs first(i) and second(i) for i = 1..kUpdates on two threads released together.
  // Any exception is a test failure.
  static void race(const std::function<void(int)>& first, const std::function<void(int)>& second) {
    std::latch start(2);
    std::atomic<int> failures{0};
    auto run = [&](const std::function<void(int)>& update, const char* who) {
      start.arrive_and_wait();
      for (int i = 1; i <= kUpdates; ++i) {
        try {
          update(i);
        } catch (const std::exception& e) {
          if (failures++ < 3) ADD_FAILURE() << who << " update " << i << ": " << e.what();
        }
      }
    };
    std::thread a(run, std::cref(first), "first");
    std::thread b(run, std::cref(second), "second");
    a.join();
    b.join();
  }
};

// The number, as an update field, that update i of a thread sets.
Value amount(int i) { return N(std::to_string(i * 100) + ".25"); }

TEST_P(LostUpdateTest, AccountCashAndNameSetTogetherBothSurviveInBothCopies) {
  int lost_in_record = 0;
  int stale_listing = 0;
  for (int trial = 0; trial < kTrials; ++trial) {
    const std::string id = db().accounts.create_account("owner", "Start", "start purpose");
    race(
        [&](int i) {
          EXPECT_EQ(db().accounts.update(id, {{"cash_balance", amount(i)}}), 1);
        },
        [&](int i) {
          EXPECT_EQ(db().accounts.update(id, {{"account_name", S("name-" + std::to_string(i))}}),
                    1);
        });
    const auto account = db().accounts.find_by_id(id);
    ASSERT_TRUE(account.has_value());
    const Decimal cash = D(std::to_string(kUpdates * 100) + ".25");
    const std::string name = "name-" + std::to_string(kUpdates);
    if (account->cash_balance != cash || account->account_name != name) {
      ++lost_in_record;
      continue;
    }
    EXPECT_EQ(account->account_purpose, "start purpose") << "an untouched field is kept";
    for (const Account& listed : db().accounts.find_by_user("owner")) {
      if (listed.id != id) continue;
      if (listed.cash_balance != cash || listed.account_name != name ||
          listed.updated_at != account->updated_at) {
        ++stale_listing;
      }
    }
  }
  EXPECT_EQ(lost_in_record, 0) << "trials (of " << kTrials << ") that lost a write";
  EXPECT_EQ(stale_listing, 0) << "trials (of " << kTrials
                              << ") whose listing copy under the owner is stale";
}

TEST_P(LostUpdateTest, AccountPurposeRemovedWhileInterestSetBothSurviveInBothCopies) {
  int lost = 0;
  for (int trial = 0; trial < kTrials; ++trial) {
    const std::string id = db().accounts.create_account("owner", "Start", "to be removed");
    race(
        [&](int) {
          db().accounts.update(id, {{"account_purpose", Value::Null()}});
        },
        [&](int i) {
          db().accounts.update(id, {{"cash_interest", N("0.0" + std::to_string(i))}});
        });
    std::vector<Account> copies{*db().accounts.find_by_id(id)};
    for (const Account& listed : db().accounts.find_by_user("owner")) {
      if (listed.id == id) copies.push_back(listed);
    }
    ASSERT_EQ(copies.size(), 2u);
    for (const Account& copy : copies) {
      if (copy.account_purpose.has_value() ||
          copy.cash_interest != D("0.0" + std::to_string(kUpdates))) {
        ++lost;
        break;
      }
    }
  }
  EXPECT_EQ(lost, 0) << "trials (of " << kTrials << ") that lost a write in either copy";
}

TEST_P(LostUpdateTest, UserNameAndYearsSetTogetherBothSurvive) {
  int lost = 0;
  for (int trial = 0; trial < kTrials; ++trial) {
    const std::string id = "user-" + std::to_string(trial);
    db().users.create_user(id, "Start");
    race(
        [&](int i) {
          db().users.update(id, {{"display_name", S("name-" + std::to_string(i))}});
        },
        [&](int i) {
          db().users.update(id, {{"years_until_retirement", N(10 + i)}});
        });
    const auto user = db().users.find_by_id(id);
    ASSERT_TRUE(user.has_value());
    if (user->display_name != "name-" + std::to_string(kUpdates) ||
        user->years_until_retirement != Decimal::from_int(10 + kUpdates)) {
      ++lost;
    }
  }
  EXPECT_EQ(lost, 0) << "trials (of " << kTrials << ") that lost a write";
}

TEST_P(LostUpdateTest, InstrumentNameAndSectorsSetTogetherBothSurvive) {
  int lost = 0;
  for (int trial = 0; trial < kTrials; ++trial) {
    const std::string symbol = "SYM" + std::to_string(trial);
    add_instrument(symbol, "Start");
    auto sectors = [](int i) {
      return allocation_value({{"technology", i == kUpdates ? "10" : "50"},
                               {"healthcare", i == kUpdates ? "90" : "50"}});
    };
    race(
        [&](int i) {
          db().instruments.update(symbol, {{"name", S("name-" + std::to_string(i))}});
        },
        [&](int i) {
          db().instruments.update(symbol, {{"allocation_sectors", sectors(i)}});
        });
    const auto instrument = db().instruments.find_by_symbol(symbol);
    ASSERT_TRUE(instrument.has_value());
    const Allocation expected{{"technology", D("10")}, {"healthcare", D("90")}};
    if (instrument->name != "name-" + std::to_string(kUpdates) ||
        instrument->allocation_sectors != expected) {
      ++lost;
    }
    EXPECT_EQ(instrument->allocation_regions, (Allocation{{"north_america", D("100")}}))
        << "an untouched field is kept";
  }
  EXPECT_EQ(lost, 0) << "trials (of " << kTrials << ") that lost a write";
}

TEST_P(LostUpdateTest, InstrumentTypeAndPriceSetTogetherBothSurvive) {
  int lost = 0;
  for (int trial = 0; trial < kTrials; ++trial) {
    const std::string symbol = "PX" + std::to_string(trial);
    add_instrument(symbol, "Start", "1");
    race(
        [&](int i) {
          db().instruments.update(symbol,
                                  {{"instrument_type", S(i == kUpdates ? "stock" : "bond")}});
        },
        [&](int i) {
          db().instruments.update(symbol, {{"current_price", N(10 + i)}});
        });
    const auto instrument = db().instruments.find_by_symbol(symbol);
    ASSERT_TRUE(instrument.has_value());
    if (instrument->instrument_type != "stock" ||
        instrument->current_price != Decimal::from_int(10 + kUpdates)) {
      ++lost;
    }
  }
  EXPECT_EQ(lost, 0) << "trials (of " << kTrials << ") that lost a write";
}

TEST_P(LostUpdateTest, JobStatusAndReportSetTogetherBothSurviveByIdAndByStatus) {
  int lost = 0;
  for (int trial = 0; trial < kTrials; ++trial) {
    const std::string id = db().jobs.create_job("owner", "portfolio_analysis");
    race([&](int i) { db().jobs.update_status(id, i == kUpdates ? "completed" : "running"); },
         [&](int i) {
           db().jobs.update_report(id, Value::M({{"part", N(i)}}));
         });
    const auto job = db().jobs.find_by_id(id);
    ASSERT_TRUE(job.has_value());
    const Value expected_report = Value::M({{"part", N(kUpdates)}});
    if (job->status != "completed" || job->report_payload != expected_report ||
        !job->completed_at.has_value() || !job->started_at.has_value()) {
      ++lost;
      continue;
    }
    bool listed = false;
    for (const Job& j : db().jobs.find_by_user("owner", "completed")) {
      if (j.id == id) listed = j.report_payload == expected_report;
    }
    if (!listed) ++lost;
  }
  EXPECT_EQ(lost, 0) << "trials (of " << kTrials << ") that lost a write";
}

TEST_P(LostUpdateTest, JobPayloadsSetTogetherBothSurvive) {
  int lost = 0;
  for (int trial = 0; trial < kTrials; ++trial) {
    const std::string id = db().jobs.create_job("owner", "retirement_projection");
    race(
        [&](int i) {
          db().jobs.update_summary(id, Value::M({{"summary", N(i)}}));
        },
        [&](int i) { db().jobs.update_charts(id, Value::L({N(i)})); });
    const auto job = db().jobs.find_by_id(id);
    ASSERT_TRUE(job.has_value());
    if (job->summary_payload != Value::M({{"summary", N(kUpdates)}}) ||
        job->charts_payload != Value::L({N(kUpdates)})) {
      ++lost;
    }
  }
  EXPECT_EQ(lost, 0) << "trials (of " << kTrials << ") that lost a write";
}

ALEXDB_DATABASE_SUITE(LostUpdateTest);

}  // namespace
}  // namespace alexdb::database_test
