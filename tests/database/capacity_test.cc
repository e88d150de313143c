// Database::capacity(): each API request counted once per table and kind of call, with
// the units the engine reports; reset_capacity(); safe from many threads.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "alexdb/database.h"
#include "alexdb/errors.h"
#include "alexdb/expression.h"
#include "test_values.h"

namespace alexdb {
namespace {

using namespace alexdb::test_values;

class CapacityTest : public ::testing::Test {
 protected:
  CapacityTest() : db_(std::shared_ptr<Store>(open_store("memory:")), "cap-users", "cap-instr") {
    for (const char* name : {"cap-t1", "cap-t2"}) {
      db_.store().create_table(
          {name, {"PK", ScalarType::kS}, KeyAttribute{"SK", ScalarType::kS}, {}});
    }
    db_.reset_capacity();
  }

  static Item item(const std::string& pk, int i, std::size_t payload = 10) {
    return {{"PK", S(pk)}, {"SK", S(std::to_string(1000 + i))}, {"v", S(std::string(payload, 'x'))}};
  }

  // The row of (table, kind), zero when absent.
  CapacityCounts row(const std::string& table, CallKind kind) const {
    for (const CapacityReport::Row& r : db_.capacity().rows) {
      if (r.table == table && r.kind == kind) return r.counts;
    }
    return {};
  }

  Database db_;
};

TEST_F(CapacityTest, StartsAtZeroAfterCreatingTables) {
  CapacityReport report = db_.capacity();
  EXPECT_TRUE(report.rows.empty());
  EXPECT_EQ(report.total, CapacityCounts{});
}

TEST_F(CapacityTest, BatchWriteCountsOneRequestPerChunkOf25) {
  std::vector<WriteOp> ops;
  for (int i = 0; i < 60; ++i) ops.push_back(WriteOp::put("cap-t1", item("p", i)));
  db_.store().batch_write(ops);
  CapacityCounts counts = row("cap-t1", CallKind::kBatchWrite);
  EXPECT_EQ(counts.requests, 3);
  EXPECT_EQ(counts.write_units, D("60"));
  EXPECT_EQ(db_.capacity().total, counts);
}

TEST_F(CapacityTest, QueryAllCountsEachPage) {
  // 7 items of 350 KB: pages stop at 1 MB, so 3 pages.
  for (int i = 0; i < 7; ++i) db_.store().put({"cap-t1", item("big", i, 350 * 1024), {}, {}});
  db_.reset_capacity();
  QueryRequest q;
  q.table = "cap-t1";
  q.partition_value = S("big");
  q.consistent_read = true;
  QueryResult all = db_.store().query_all(q);
  ASSERT_EQ(all.items.size(), 7u);
  CapacityCounts counts = row("cap-t1", CallKind::kQuery);
  EXPECT_EQ(counts.requests, 3);
  EXPECT_EQ(counts.read_units, all.consumed.read_units);
}

TEST_F(CapacityTest, BatchGetAcrossTablesSplitsUnitsPerTable) {
  db_.store().put({"cap-t1", item("p", 1), {}, {}});
  db_.store().put({"cap-t2", item("p", 2), {}, {}});
  db_.reset_capacity();
  BatchGetRequest request;
  request.tables.push_back({"cap-t1", {{{"PK", S("p")}, {"SK", S("1001")}}}, true});
  request.tables.push_back({"cap-t2", {{{"PK", S("p")}, {"SK", S("1002")}}, {{"PK", S("p")}, {"SK", S("9")}}}, true});
  db_.store().batch_get(request);
  EXPECT_EQ(row("cap-t1", CallKind::kBatchGet), (CapacityCounts{1, D("1"), D("0")}));
  EXPECT_EQ(row("cap-t2", CallKind::kBatchGet), (CapacityCounts{1, D("2"), D("0")}));
  // One API request in all, though each table's row counts it.
  EXPECT_EQ(db_.capacity().total, (CapacityCounts{1, D("3"), D("0")}));
}

TEST_F(CapacityTest, CountsEachKindOfCall) {
  db_.store().put({"cap-t1", item("p", 1), {}, {}});
  Update u;
  u.set("n", N(1));
  db_.store().update({"cap-t1", {{"PK", S("p")}, {"SK", S("1001")}}, u, {}, {}});
  db_.store().get({"cap-t1", {{"PK", S("p")}, {"SK", S("1001")}}, false, {}});
  ScanRequest s;
  s.table = "cap-t2";
  db_.store().scan(s);
  db_.store().remove({"cap-t1", {{"PK", S("p")}, {"SK", S("1001")}}, {}, {}});
  EXPECT_EQ(row("cap-t1", CallKind::kPut), (CapacityCounts{1, D("0"), D("1")}));
  EXPECT_EQ(row("cap-t1", CallKind::kUpdate), (CapacityCounts{1, D("0"), D("1")}));
  EXPECT_EQ(row("cap-t1", CallKind::kGet), (CapacityCounts{1, D("0.5"), D("0")}));
  EXPECT_EQ(row("cap-t2", CallKind::kScan), (CapacityCounts{1, D("0.5"), D("0")}));
  EXPECT_EQ(row("cap-t1", CallKind::kDelete), (CapacityCounts{1, D("0"), D("1")}));
  CapacityReport report = db_.capacity();
  EXPECT_EQ(report.total.requests, 5);
  EXPECT_EQ(report.table_total("cap-t1").requests, 4);
  EXPECT_EQ(report.kind_total(CallKind::kScan).requests, 1);
}

TEST_F(CapacityTest, AFailedCallCountsARequestWithoutUnits) {
  db_.store().put({"cap-t1", item("p", 1), {}, {}});
  db_.reset_capacity();
  EXPECT_THROW(db_.store().put({"cap-t1", item("p", 1), cond::attribute_not_exists(cond::path("PK")), {}}),
               ConditionFailed);
  EXPECT_EQ(row("cap-t1", CallKind::kPut), (CapacityCounts{1, D("0"), D("0")}));
}

TEST_F(CapacityTest, ResetSetsEveryCountToZero) {
  db_.store().put({"cap-t1", item("p", 1), {}, {}});
  db_.reset_capacity();
  EXPECT_TRUE(db_.capacity().rows.empty());
  EXPECT_EQ(db_.capacity().total, CapacityCounts{});
}

TEST_F(CapacityTest, ModelCallsAreCountedOnTheirTable) {
  db_.users.create_user("u1");
  db_.users.find_by_id("u1");
  CapacityReport report = db_.capacity();
  EXPECT_GE(report.table_total("cap-users").requests, 2);
  EXPECT_EQ(report.table_total("cap-instr").requests, 0);
  EXPECT_EQ(report.total, report.table_total("cap-users"));
}

TEST_F(CapacityTest, CountsFromManyThreads) {
  db_.store().put({"cap-t1", item("p", 1), {}, {}});
  db_.reset_capacity();
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([this] {
      for (int i = 0; i < 100; ++i) db_.store().get({"cap-t1", {{"PK", S("p")}, {"SK", S("1001")}}, true, {}});
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(row("cap-t1", CallKind::kGet), (CapacityCounts{400, D("400"), D("0")}));
}

}  // namespace
}  // namespace alexdb
