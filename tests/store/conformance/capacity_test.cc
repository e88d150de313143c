// The embedded engine reports the capacity units DynamoDB charges: the same workload
// (the conformance suite's kinds of calls) runs on the embedded engine and on dynalite
// and every call's ConsumedCapacity is compared.
//
// Deliberate differences, where the embedded engine follows DynamoDB and dynalite does
// not (both checked below, so a change on either side shows):
// - Writes to a table with a global secondary index: DynamoDB's TOTAL includes the
//   index writes ("the aggregate ConsumedCapacity for the operation, together with
//   ConsumedCapacity for each table and secondary index that was accessed", and "a
//   write to a table also writes to each index whose keys the item has"; an index entry
//   whose key changed is a delete plus a put). dynalite counts the table write only
//   (db/index.js addConsumedCapacity). `index_units` below says what each write adds.
// - A query or scan that evaluates no item: DynamoDB charges the minimum read (0.5
//   unit eventually consistent, 1 consistent); dynalite reports 0 (it rounds up the
//   size read, 0 bytes, to 0 units).
// - A consistent scan: DynamoDB's Scan takes ConsistentRead and charges a full unit per
//   4 KB; dynalite's Scan validation does not know the parameter and drops it
//   (validations/scan.js, validations/index.js checkTypes), so it charges half.
// Strings are ASCII here: dynalite counts a string's UTF-16 code units, DynamoDB (and
// the embedded engine) its UTF-8 bytes.
#include <gtest/gtest.h>

#include <cstdlib>
#include <functional>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "alexdb/errors.h"
#include "alexdb/expression.h"
#include "alexdb/store.h"
#include "test_values.h"

namespace alexdb::conformance {
namespace {

using namespace alexdb::test_values;
using namespace alexdb::cond;

// One call of the workload and the units it consumed.
struct Measured {
  std::string call;
  ConsumedCapacity consumed;
  Decimal index_units;  // the part DynamoDB adds for index writes (dynalite leaves out)
  bool empty_read = false;       // a query/scan that evaluated nothing
  bool consistent_scan = false;  // a scan with ConsistentRead
};

Item keyed(const std::string& pk, const std::string& sk, Item attributes = {}) {
  attributes["PK"] = S(pk);
  attributes["SK"] = S(sk);
  return attributes;
}

Item pk_sk(const std::string& pk, const std::string& sk) { return {{"PK", S(pk)}, {"SK", S(sk)}}; }

// The workload on `store`, tables named with `prefix`: returns each call's units.
std::vector<Measured> run_workload(Store& store, const std::string& prefix) {
  const std::string plain = prefix + "-plain";
  const std::string indexed = prefix + "-indexed";
  store.create_table({plain, {"PK", ScalarType::kS}, KeyAttribute{"SK", ScalarType::kS}, {}});
  IndexDefinition gsi{"GSI1",
                      {"GSI1PK", ScalarType::kS},
                      KeyAttribute{"GSI1SK", ScalarType::kS},
                      {Projection::Type::kAll, {}}};
  store.create_table(
      {indexed, {"PK", ScalarType::kS}, KeyAttribute{"SK", ScalarType::kS}, {gsi}});

  std::vector<Measured> out;
  auto record = [&](std::string call, ConsumedCapacity consumed, Decimal index_units = {},
                    bool empty = false, bool consistent_scan = false) {
    out.push_back({std::move(call), consumed, index_units, empty, consistent_scan});
  };
  const std::string small_payload(100, 's');
  const std::string kb_payload(1500, 'k');    // > 1 KB: 2 write units
  const std::string big_payload(5000, 'b');   // > 4 KB: 5 write units, 2 reads

  // Puts: small, > 1 KB, > 4 KB, a replacement (the larger of old and new), conditional.
  record("put small", store.put({plain, keyed("p", "a", {{"v", S(small_payload)}}), {}, {}}).consumed);
  record("put 1.5 KB", store.put({plain, keyed("p", "b", {{"v", S(kb_payload)}}), {}, {}}).consumed);
  record("put 5 KB", store.put({plain, keyed("p", "c", {{"v", S(big_payload)}}), {}, {}}).consumed);
  record("put replaces 5 KB by small",
         store.put({plain, keyed("p", "c", {{"v", S(big_payload)}, {"n", N(7)}}), {}, {}}).consumed);
  record("put if absent",
         store.put({plain, keyed("p", "d", {{"n", N(12345)}, {"f", N("-3.25")}}),
                    attribute_not_exists(path("PK")), {}})
             .consumed);
  // Updates: conditional, growing an item past 1 KB, creating an item.
  {
    Update u;
    u.set("n", N(2));
    record("update conditional",
           store.update({plain, pk_sk("p", "a"), u, attribute_exists(path("PK")), {}}).consumed);
  }
  {
    Update u;
    u.set("w", S(std::string(1200, 'g')));
    record("update grows past 1 KB", store.update({plain, pk_sk("p", "a"), u, {}, {}}).consumed);
  }
  {
    Update u;
    u.set("n", N(1)).set("l", Value::L({N(1), S("x")}));
    record("update creates", store.update({plain, pk_sk("p", "e"), u, {}, {}}).consumed);
  }
  // Gets: consistent and eventually consistent, small, large and absent.
  record("get consistent small", store.get({plain, pk_sk("p", "d"), true, {}}).consumed);
  record("get eventual small", store.get({plain, pk_sk("p", "d"), false, {}}).consumed);
  record("get consistent 5 KB", store.get({plain, pk_sk("p", "c"), true, {}}).consumed);
  record("get eventual 5 KB", store.get({plain, pk_sk("p", "c"), false, {}}).consumed);
  record("get absent", store.get({plain, pk_sk("p", "zz"), true, {}}).consumed);
  // Batch write of 30 items (2 chunks) and batch get with an absent key.
  {
    std::vector<WriteOp> ops;
    for (int i = 0; i < 30; ++i) {
      ops.push_back(WriteOp::put(plain, keyed("q", "k" + std::to_string(100 + i),
                                              {{"i", N(i)}, {"v", S(std::string(i * 60, 'q'))}})));
    }
    record("batch_write 30", store.batch_write(ops).consumed);
  }
  {
    BatchGetRequest request;
    request.tables.push_back({plain, {pk_sk("p", "a"), pk_sk("p", "c"), pk_sk("p", "zz")}, true});
    record("batch_get consistent", store.batch_get(request).consumed);
    request.tables[0].consistent_read = false;
    record("batch_get eventual", store.batch_get(request).consumed);
  }
  // Queries: all, with a limit, with a filter (charged for what was evaluated), empty.
  {
    QueryRequest q;
    q.table = plain;
    q.partition_value = S("q");
    q.consistent_read = true;
    record("query 30 items", store.query(q).consumed);
    q.consistent_read = false;
    record("query eventual", store.query(q).consumed);
    q.limit = 5;
    record("query limit 5", store.query(q).consumed);
    q.limit.reset();
    q.filter = gt(path("i"), N(25));
    record("query filter", store.query(q).consumed);
    q.filter.reset();
    q.sort = SortKeyCondition{SortKeyCondition::Op::kBeginsWith, S("k11"), std::nullopt};
    record("query begins_with", store.query(q).consumed);
    q.partition_value = S("nobody");
    q.sort.reset();
    record("query empty", store.query(q).consumed, {}, true);
  }
  // Scans: whole table, with a limit and a filter.
  {
    ScanRequest s;
    s.table = plain;
    s.consistent_read = true;
    record("scan consistent", store.scan(s).consumed, {}, false, true);
    s.consistent_read = false;
    s.limit = 7;
    s.filter = attribute_exists(path("w"));
    record("scan limit filter", store.scan(s).consumed);
  }
  // Deletes: present (the item's size), absent, conditional.
  record("delete 5 KB", store.remove({plain, pk_sk("p", "c"), {}, {}}).consumed);
  record("delete absent", store.remove({plain, pk_sk("p", "zz"), {}, {}}).consumed);
  record("delete conditional",
         store.remove({plain, pk_sk("p", "d"), attribute_exists(path("n")), {}}).consumed);

  // The indexed table: items in the index and not, a key change (delete + put in the
  // index), queries of the index, a delete that removes an index entry.
  const Decimal one = Decimal::from_int(1), two = Decimal::from_int(2);
  record("indexed put in index",
         store.put({indexed, keyed("u", "1", {{"GSI1PK", S("g")}, {"GSI1SK", S("1")}}), {}, {}})
             .consumed,
         one);
  record("indexed put 1.5 KB in index",
         store.put({indexed,
                    keyed("u", "2",
                          {{"GSI1PK", S("g")}, {"GSI1SK", S("2")}, {"v", S(kb_payload)}}),
                    {}, {}})
             .consumed,
         two);
  record("indexed put not in index", store.put({indexed, keyed("u", "3"), {}, {}}).consumed);
  {
    Update u;
    u.set("GSI1SK", S("9"));
    record("indexed update moves index key",
           store.update({indexed, pk_sk("u", "1"), u, {}, {}}).consumed, two);
  }
  {
    Update u;
    u.set("x", N(1));
    record("indexed update in place",
           store.update({indexed, pk_sk("u", "1"), u, {}, {}}).consumed, one);
  }
  {
    std::vector<WriteOp> ops;
    for (int i = 0; i < 4; ++i) {
      ops.push_back(WriteOp::put(
          indexed, keyed("v", std::to_string(i),
                         {{"GSI1PK", S("h")}, {"GSI1SK", S(std::to_string(i))}})));
    }
    record("indexed batch_write", store.batch_write(ops).consumed, Decimal::from_int(4));
  }
  {
    QueryRequest q;
    q.table = indexed;
    q.index = "GSI1";
    q.partition_value = S("g");
    record("query index", store.query(q).consumed);
    q.partition_value = S("h");
    q.limit = 2;
    record("query index limit", store.query(q).consumed);
    ScanRequest s;
    s.table = indexed;
    s.index = "GSI1";
    record("scan index", store.scan(s).consumed);
  }
  record("indexed delete in index", store.remove({indexed, pk_sk("u", "2"), {}, {}}).consumed,
         two);
  store.delete_table(plain);
  store.delete_table(indexed);
  return out;
}

std::string unique_prefix() {
  std::random_device random;
  return "cap-" + std::to_string(random() % 1000000);
}

TEST(CapacityConformance, EmbeddedReportsDynamoDbUnits) {
  const char* endpoint = std::getenv("ALEXDB_TEST_DYNAMODB_ENDPOINT");
  if (!endpoint || !*endpoint) GTEST_SKIP() << "ALEXDB_TEST_DYNAMODB_ENDPOINT is not set";
  std::unique_ptr<Store> dynalite;
  try {
    dynalite = open_store(endpoint);
  } catch (const ValidationError& e) {
    GTEST_SKIP() << "the DynamoDB engine cannot open " << endpoint << ": " << e.what();
  }
  std::unique_ptr<Store> embedded = open_store("memory:");
  std::vector<Measured> ours = run_workload(*embedded, "cap");
  std::vector<Measured> theirs = run_workload(*dynalite, unique_prefix());
  ASSERT_EQ(ours.size(), theirs.size());
  const Decimal minimum_read = D("0.5");
  for (std::size_t i = 0; i < ours.size(); ++i) {
    SCOPED_TRACE(ours[i].call);
    ConsumedCapacity expected = theirs[i].consumed;
    expected.write_units += ours[i].index_units;
    if (ours[i].empty_read) {
      EXPECT_EQ(theirs[i].consumed.read_units, Decimal());  // dynalite: nothing read
      expected.read_units = minimum_read;                   // DynamoDB: the minimum
    }
    if (ours[i].consistent_scan) {
      expected.read_units = theirs[i].consumed.read_units * Decimal::from_int(2);
    }
    EXPECT_EQ(ours[i].consumed.read_units, expected.read_units)
        << "dynalite " << theirs[i].consumed.read_units.to_string();
    EXPECT_EQ(ours[i].consumed.write_units, expected.write_units)
        << "dynalite " << theirs[i].consumed.write_units.to_string();
  }
}

}  // namespace
}  // namespace alexdb::conformance
