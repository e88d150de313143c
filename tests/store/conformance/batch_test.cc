#include "store_fixture.h"

namespace alexdb::conformance {
namespace {

class BatchTest : public StoreTest {};
ALEXDB_CONFORMANCE_SUITE(BatchTest);

TEST_P(BatchTest, WritesSixtyAndReadsOneHundredFiftyAcrossTwoTables) {
  std::string first = make_table("batch-a");
  std::string second = make_table("batch-b");
  std::vector<WriteOp> ops;
  for (int i = 0; i < 60; ++i) {
    Item item = key("p", "item-" + std::to_string(i));
    item["i"] = N(i);
    ops.push_back(WriteOp::put(i % 2 ? first : second, item));
  }
  BatchWriteResult wrote = store_->batch_write(ops);
  EXPECT_GE(wrote.consumed.write_units, Decimal::from_int(60));

  BatchGetRequest request;
  request.tables.push_back({first, {}, true});
  request.tables.push_back({second, {}, true});
  for (int i = 0; i < 75; ++i) {  // 60 present (30 per table) and 90 missing
    request.tables[0].keys.push_back(key("p", "item-" + std::to_string(i)));
    request.tables[1].keys.push_back(key("p", "item-" + std::to_string(i)));
  }
  BatchGetResult got = store_->batch_get(request);
  ASSERT_EQ(got.items.size(), 2u);
  std::set<std::int64_t> odd, even;
  for (const Item& item : got.items[0]) odd.insert(*item.at("i").n().to_int64());
  for (const Item& item : got.items[1]) even.insert(*item.at("i").n().to_int64());
  EXPECT_EQ(odd.size(), 30u);
  EXPECT_EQ(even.size(), 30u);
  for (std::int64_t i : odd) EXPECT_EQ(i % 2, 1);
  for (std::int64_t i : even) EXPECT_EQ(i % 2, 0);
}

TEST_P(BatchTest, DuplicateKeysInABatchGetAreReadOnce) {
  std::string table = make_table("batch-dup");
  put(table, key("p", "s"));
  BatchGetRequest request;
  request.tables.push_back({table, {key("p", "s"), key("p", "s"), key("p", "t")}, true});
  BatchGetResult got = store_->batch_get(request);
  ASSERT_EQ(got.items.size(), 1u);
  EXPECT_EQ(got.items[0].size(), 1u);
}

TEST_P(BatchTest, BatchDeleteRemovesItems) {
  std::string table = make_table("batch-del");
  std::vector<WriteOp> puts, deletes;
  for (int i = 0; i < 30; ++i) {
    puts.push_back(WriteOp::put(table, key("p", "k" + std::to_string(i))));
    if (i % 3 == 0) deletes.push_back(WriteOp::del(table, key("p", "k" + std::to_string(i))));
  }
  store_->batch_write(puts);
  store_->batch_write(deletes);
  EXPECT_EQ(query(table, "p").items.size(), 20u);
}

TEST_P(BatchTest, ABadItemInABatchIsRejected) {
  std::string table = make_table("batch-bad");
  std::vector<WriteOp> ops{WriteOp::put(table, key("p", "ok")),
                           WriteOp::put(table, {{"PK", S("p")}})};  // no sort key
  EXPECT_THROW(store_->batch_write(ops), ValidationError);
  EXPECT_FALSE(get(table, key("p", "ok")));
}

}  // namespace
}  // namespace alexdb::conformance
