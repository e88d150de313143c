// Jobs: create, find by id among hundreds (at most two point reads), status changes that
// set started_at/completed_at and move the job between GSI1 partitions, listings newest
// first that follow every page, payload updates and delete.
#include <string>
#include <vector>

#include "database/database_fixture.h"

namespace alexdb::database_test {
namespace {

using ::testing::IsEmpty;

Value payload(const std::string& text) {
  return Value::M({{"text", S(text)},
                   {"amount", N("1234.5678")},
                   {"tags", Value::L({S("a"), S("b")})},
                   {"nested", Value::M({{"ok", Value::Bool(true)}})}});
}

std::vector<std::string> ids_of(const std::vector<Job>& jobs) {
  std::vector<std::string> out;
  for (const Job& j : jobs) out.push_back(j.id);
  return out;
}

class JobsTest : public DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (IsSkipped()) return;
    db().users.create_user("jobber", "Jobber");
  }
};

TEST_P(JobsTest, CreateJobIsPendingWithItsPayload) {
  set_clock(micros(2025, 5, 1, 9));
  const std::string id = db().jobs.create_job("jobber", "portfolio_analysis", payload("hi"));
  EXPECT_EQ(id.size(), 36u) << id;
  auto job = db().jobs.find_by_id(id);
  ASSERT_TRUE(job.has_value());
  EXPECT_EQ(job->id, id);
  EXPECT_EQ(job->clerk_user_id, "jobber");
  EXPECT_EQ(job->job_type, "portfolio_analysis");
  EXPECT_EQ(job->status, "pending");
  ASSERT_TRUE(job->request_payload.has_value());
  EXPECT_EQ(*job->request_payload, payload("hi"));
  EXPECT_FALSE(job->report_payload.has_value());
  EXPECT_FALSE(job->started_at.has_value());
  EXPECT_FALSE(job->completed_at.has_value());
  EXPECT_EQ(job->created_at, canonical(micros(2025, 5, 1, 9)));
  EXPECT_EQ(job->to_fields().at("status"), S("pending"));
}

TEST_P(JobsTest, GenericCreateUpdateAndRemove) {
  const std::string id = db().jobs.create(Fields{{"clerk_user_id", S("jobber")},
                                                 {"job_type", S("rebalance_recommendation")},
                                                 {"request_payload", payload("req")}});
  auto job = db().jobs.find_by_id(id);
  ASSERT_TRUE(job.has_value());
  EXPECT_EQ(job->job_type, "rebalance_recommendation");
  EXPECT_EQ(job->status, "pending");
  EXPECT_EQ(db().jobs.update(id, Fields{{"summary_payload", payload("sum")},
                                        {"error_message", S("none yet")}}),
            1);
  job = db().jobs.find_by_id(id);
  EXPECT_EQ(job->summary_payload, payload("sum"));
  EXPECT_EQ(job->error_message, "none yet");
  EXPECT_EQ(db().jobs.update("00000000-0000-4000-8000-000000000000",
                             Fields{{"error_message", S("x")}}),
            0);
  EXPECT_GE(db().jobs.remove(id), 1);
  EXPECT_FALSE(db().jobs.find_by_id(id).has_value());
  EXPECT_THAT(db().jobs.find_by_user("jobber"), IsEmpty());
  EXPECT_THAT(db().jobs.find_by_user("jobber", std::string("pending")), IsEmpty());
  EXPECT_EQ(db().jobs.remove(id), 0);
}

TEST_P(JobsTest, UpdateStatusSetsStartedAndCompletedTimes) {
  set_clock(micros(2025, 5, 1, 9));
  const std::string done = db().jobs.create_job("jobber", "retirement_projection");
  const std::string broken = db().jobs.create_job("jobber", "tax_optimization");

  set_clock(micros(2025, 5, 1, 10));
  EXPECT_EQ(db().jobs.update_status(done, "running"), 1);
  auto job = db().jobs.find_by_id(done);
  EXPECT_EQ(job->status, "running");
  EXPECT_EQ(job->started_at, canonical(micros(2025, 5, 1, 10)));
  EXPECT_FALSE(job->completed_at.has_value());

  set_clock(micros(2025, 5, 1, 11));
  EXPECT_EQ(db().jobs.update_status(done, "completed"), 1);
  job = db().jobs.find_by_id(done);
  EXPECT_EQ(job->status, "completed");
  EXPECT_EQ(job->started_at, canonical(micros(2025, 5, 1, 10)));
  EXPECT_EQ(job->completed_at, canonical(micros(2025, 5, 1, 11)));

  EXPECT_EQ(db().jobs.update_status(broken, "failed", std::string("model timed out")), 1);
  job = db().jobs.find_by_id(broken);
  EXPECT_EQ(job->status, "failed");
  EXPECT_EQ(job->error_message, "model timed out");
  EXPECT_EQ(job->completed_at, canonical(micros(2025, 5, 1, 11)));

  EXPECT_EQ(db().jobs.update_status("00000000-0000-4000-8000-000000000000", "running"), 0);
}

TEST_P(JobsTest, FindByUserWithStatusFollowsStatusChangesNewestFirst) {
  std::vector<std::string> ids;
  for (int i = 0; i < 6; ++i) {
    set_clock(micros(2025, 5, 1 + i));
    ids.push_back(db().jobs.create_job("jobber", "portfolio_analysis"));
  }
  db().users.create_user("jobberx", "Prefix neighbour");
  db().jobs.create_job("jobberx", "portfolio_analysis");

  EXPECT_EQ(ids_of(db().jobs.find_by_user("jobber", std::string("pending"))),
            (std::vector<std::string>{ids[5], ids[4], ids[3], ids[2], ids[1], ids[0]}));
  db().jobs.update_status(ids[1], "running");
  db().jobs.update_status(ids[4], "running");
  db().jobs.update_status(ids[2], "completed");
  db().jobs.update_status(ids[4], "failed", std::string("boom"));

  EXPECT_EQ(ids_of(db().jobs.find_by_user("jobber", std::string("pending"))),
            (std::vector<std::string>{ids[5], ids[3], ids[0]}));
  EXPECT_EQ(ids_of(db().jobs.find_by_user("jobber", std::string("running"))),
            (std::vector<std::string>{ids[1]}));
  EXPECT_EQ(ids_of(db().jobs.find_by_user("jobber", std::string("completed"))),
            (std::vector<std::string>{ids[2]}));
  EXPECT_EQ(ids_of(db().jobs.find_by_user("jobber", std::string("failed"))),
            (std::vector<std::string>{ids[4]}));
  EXPECT_EQ(ids_of(db().jobs.find_by_user("jobber")),
            (std::vector<std::string>{ids[5], ids[4], ids[3], ids[2], ids[1], ids[0]}));
  EXPECT_EQ(ids_of(db().jobs.find_by_user("jobber", std::nullopt, 2)),
            (std::vector<std::string>{ids[5], ids[4]}));
  EXPECT_EQ(ids_of(db().jobs.find_by_user("jobber", std::string("pending"), 2)),
            (std::vector<std::string>{ids[5], ids[3]}));
  EXPECT_EQ(db().jobs.find_by_user("jobberx", std::string("pending")).size(), 1u)
      << "another user whose id extends this one's must not see its jobs";
}

TEST_P(JobsTest, FindByIdAmongHundredsTakesAtMostTwoPointReads) {
  constexpr int kJobs = 240;
  std::vector<std::string> ids;
  for (int u = 0; u < 3; ++u) db().users.create_user("ju" + std::to_string(u), "User");
  for (int i = 0; i < kJobs; ++i) {
    ids.push_back(db().jobs.create_job("ju" + std::to_string(i % 3), "risk_assessment",
                                       Value::M({{"i", Value::N(std::int64_t(i))}})));
  }
  db().jobs.update_status(ids[117], "running");
  for (int i : {0, 117, kJobs - 1}) {
    wrapper().reset_counts();
    auto job = db().jobs.find_by_id(ids[i]);
    const auto counts = wrapper().counts();
    ASSERT_TRUE(job.has_value()) << i;
    EXPECT_EQ(job->clerk_user_id, "ju" + std::to_string(i % 3));
    EXPECT_EQ(job->request_payload, Value::M({{"i", Value::N(std::int64_t(i))}}));
    EXPECT_EQ(job->status, i == 117 ? "running" : "pending");
    EXPECT_EQ(counts.scans, 0) << "find_by_id must not scan";
    EXPECT_EQ(counts.queries, 0) << "find_by_id takes point reads";
    EXPECT_LE(counts.gets + counts.batch_gets, 2);
  }
  EXPECT_EQ(db().jobs.find_by_user("ju2").size(), std::size_t(kJobs / 3));
  EXPECT_EQ(db().jobs.find_all().size(), std::size_t(kJobs));
}

TEST_P(JobsTest, ListingsFollowEveryPage) {
  // 30 jobs of ~60 KB: more than one 1 MB page of the user's partition and of GSI1.
  const std::string big(60 * 1024, 'x');
  std::vector<std::string> ids;
  for (int i = 0; i < 30; ++i) {
    set_clock(micros(2025, 6, 1) + i * 1'000'000LL);
    ids.push_back(db().jobs.create_job("jobber", "instrument_research", Value::M({{"blob", S(big)}})));
  }
  EXPECT_EQ(db().jobs.find_by_user("jobber").size(), 30u);
  EXPECT_EQ(db().jobs.find_by_user("jobber", std::string("pending")).size(), 30u);
  EXPECT_EQ(db().jobs.find_all().size(), 30u);
  const auto newest = db().jobs.find_by_user("jobber", std::string("pending"), 25);
  ASSERT_EQ(newest.size(), 25u);
  EXPECT_EQ(newest[0].id, ids[29]);
  EXPECT_EQ(newest[24].id, ids[5]);
}

TEST_P(JobsTest, PayloadUpdatesSetEachPayload) {
  const std::string id = db().jobs.create_job("jobber", "portfolio_analysis");
  EXPECT_EQ(db().jobs.update_report(id, payload("report")), 1);
  EXPECT_EQ(db().jobs.update_charts(id, payload("charts")), 1);
  EXPECT_EQ(db().jobs.update_retirement(id, payload("retirement")), 1);
  EXPECT_EQ(db().jobs.update_summary(id, payload("summary")), 1);
  auto job = db().jobs.find_by_id(id);
  ASSERT_TRUE(job.has_value());
  EXPECT_EQ(job->report_payload, payload("report"));
  EXPECT_EQ(job->charts_payload, payload("charts"));
  EXPECT_EQ(job->retirement_payload, payload("retirement"));
  EXPECT_EQ(job->summary_payload, payload("summary"));
  EXPECT_EQ(job->status, "pending");
  EXPECT_EQ(db().jobs.find_by_user("jobber").at(0).summary_payload, payload("summary"))
      << "the listing shows the same job";
  EXPECT_EQ(db().jobs.update_report("00000000-0000-4000-8000-000000000000", payload("r")), 0);
}

TEST_P(JobsTest, FindAllListsNewestFirst) {
  db().users.create_user("other", "Other");
  std::vector<std::string> ids;
  for (int i = 0; i < 4; ++i) {
    set_clock(micros(2025, 7, 1 + i));
    ids.push_back(db().jobs.create_job(i % 2 ? "other" : "jobber", "portfolio_analysis"));
  }
  EXPECT_EQ(ids_of(db().jobs.find_all()),
            (std::vector<std::string>{ids[3], ids[2], ids[1], ids[0]}));
  EXPECT_EQ(ids_of(db().jobs.find_all(Page{2, 1})), (std::vector<std::string>{ids[2], ids[1]}));
}

// A payload of `levels` containers, each holding the next: M, L, M, L, ...
Value nested(int levels) {
  Value inner = S("core");
  for (int i = levels; i > 0; --i) {
    inner = i % 2 ? Value::M({{"next", std::move(inner)}}) : Value::L({std::move(inner)});
  }
  return inner;
}

// SPEC section 9, "Bounded work on any input": payloads nested deeper than 32 levels
// are refused by the data layer itself (for every payload), naming the field, with
// nothing written.
TEST_P(JobsTest, PayloadsNestedDeeperThan32AreRefusedAndNothingIsWritten) {
  const std::string id = db().jobs.create_job("jobber", "portfolio_analysis", nested(32));
  ASSERT_EQ(db().jobs.find_by_id(id)->request_payload, nested(32));
  const std::size_t items = item_count();
  try {
    db().jobs.create_job("jobber", "portfolio_analysis", nested(33));
    FAIL() << "a 33-level payload was accepted";
  } catch (const ValidationError& e) {
    EXPECT_EQ(e.field(), "request_payload");
    EXPECT_EQ(e.rule(), "nesting at most 32 levels deep");
  }
  EXPECT_EQ(item_count(), items) << "nothing written, not even the job's pointer";
  using Setter = int (Jobs::*)(std::string_view, const Value&);
  const std::vector<std::pair<Setter, std::string>> setters = {
      {&Jobs::update_report, "report_payload"},
      {&Jobs::update_charts, "charts_payload"},
      {&Jobs::update_retirement, "retirement_payload"},
      {&Jobs::update_summary, "summary_payload"}};
  for (const auto& [setter, field] : setters) {
    try {
      (db().jobs.*setter)(id, nested(33));
      ADD_FAILURE() << field << " took a 33-level payload";
    } catch (const ValidationError& e) {
      EXPECT_EQ(e.field(), field);
    }
    EXPECT_EQ((db().jobs.*setter)(id, nested(32)), 1) << field;
  }
  EXPECT_THROW(db().jobs.update(id, Fields{{"request_payload", nested(2000)}}), ValidationError);
  EXPECT_THROW(db().jobs.create(Fields{{"clerk_user_id", S("jobber")},
                                       {"job_type", S("portfolio_analysis")},
                                       {"request_payload", nested(40)}}),
               ValidationError);
  auto job = db().jobs.find_by_id(id);
  EXPECT_EQ(job->request_payload, nested(32));
  EXPECT_EQ(job->report_payload, nested(32));
  EXPECT_EQ(job->summary_payload, nested(32));
}

ALEXDB_DATABASE_SUITE(JobsTest);

}  // namespace
}  // namespace alexdb::database_test
