// Batch reads and writes: any number of keys and ops, split into API-sized calls.
#include <atomic>
#include <exception>
#include <mutex>
#include <set>
#include <thread>

#include "store/forwarding_store.h"
#include "store_fixture.h"

namespace alexdb::conformance {
namespace {

// Forwards to another store, runs the chunks of a batch call each on a thread of its own,
// and leaves the last op or key of each chunk unprocessed the first time it is sent, as
// DynamoDB does with the items of a throttled partition.
class UnprocessingStore final : public testing::ForwardingStore {
 public:
  using ForwardingStore::ForwardingStore;
  // How many chunk calls reached this store.
  int chunk_calls() const { return chunk_calls_; }

 protected:
  BatchGetChunkResult batch_get_chunk(const BatchGetRequest& chunk) override {
    ++chunk_calls_;
    BatchGetRequest asked = chunk;
    BatchGetRequest::TableKeys held{chunk.tables.back().table, {}, chunk.tables.back().consistent_read};
    {
      std::lock_guard lock(mutex_);
      const Item& last = chunk.tables.back().keys.back();
      if (held_back_.insert(chunk.tables.back().table + "/" + last.at("SK").s()).second) {
        held.keys.push_back(last);
        asked.tables.back().keys.pop_back();
      }
    }
    BatchGetChunkResult result = ForwardingStore::batch_get_chunk(asked);
    if (!held.keys.empty()) result.unprocessed.tables.push_back(std::move(held));
    return result;
  }
  BatchWriteChunkResult batch_write_chunk(const std::vector<WriteOp>& chunk) override {
    ++chunk_calls_;
    std::vector<WriteOp> applied = chunk;
    BatchWriteChunkResult result;
    {
      std::lock_guard lock(mutex_);
      if (held_back_.insert(chunk.back().table + "/" + chunk.back().item.at("SK").s()).second) {
        result.unprocessed.push_back(chunk.back());
        applied.pop_back();
      }
    }
    if (!applied.empty()) result.consumed = ForwardingStore::batch_write_chunk(applied).consumed;
    return result;
  }
  void for_each_chunk(std::size_t n, const std::function<void(std::size_t)>& fn) override {
    std::vector<std::exception_ptr> failures(n);
    std::vector<std::thread> threads;
    for (std::size_t i = 0; i < n; ++i) {
      threads.emplace_back([&, i] {
        try {
          fn(i);
        } catch (...) {
          failures[i] = std::current_exception();
        }
      });
    }
    for (std::thread& t : threads) t.join();
    for (const std::exception_ptr& failure : failures) {
      if (failure) std::rethrow_exception(failure);
    }
  }

 private:
  std::mutex mutex_;
  std::set<std::string> held_back_;
  std::atomic<int> chunk_calls_{0};
};

class BatchTest : public StoreTest {
 protected:
  // The "i" attributes of `items`, sorted.
  static std::vector<std::int64_t> ids(const std::vector<Item>& items) {
    std::vector<std::int64_t> out;
    for (const Item& it : items) out.push_back(it.at("i").n().to_int64().value_or(-1));
    std::sort(out.begin(), out.end());
    return out;
  }
};
ALEXDB_CONFORMANCE_SUITE(BatchTest);

TEST_P(BatchTest, WritesSixtyThenReadsOneHundredFiftyKeysAcrossTwoTables) {
  std::string odd_table = make_table("batch-a");
  std::string even_table = make_table("batch-b");
  std::vector<WriteOp> ops;
  for (int i = 0; i < 60; ++i) {  // 60 ops: chunks of 25, 25 and 10
    ops.push_back(WriteOp::put(
        i % 2 ? odd_table : even_table,
        item("p", "item-" + padded(i), {{"i", N(i)}, {"body", S("v" + std::to_string(i))}})));
  }
  BatchWriteResult wrote = store_->batch_write(ops);
  EXPECT_EQ(wrote.consumed.write_units, Decimal::from_int(60));  // each item under 1 KB

  BatchGetRequest request;
  request.tables.push_back({odd_table, {}, true});
  request.tables.push_back({even_table, {}, false});
  for (int i = 0; i < 75; ++i) {  // 150 keys: 60 present (30 per table), 90 missing
    request.tables[0].keys.push_back(key("p", "item-" + padded(i)));
    request.tables[1].keys.push_back(key("p", "item-" + padded(i)));
  }
  BatchGetResult got = store_->batch_get(request);
  ASSERT_EQ(got.items.size(), 2u);
  std::vector<std::int64_t> odd, even;
  for (int i = 0; i < 60; ++i) (i % 2 ? odd : even).push_back(i);
  EXPECT_EQ(ids(got.items[0]), odd);
  EXPECT_EQ(ids(got.items[1]), even);
  for (const Item& it : got.items[0]) {  // whole items, as written
    std::int64_t i = *it.at("i").n().to_int64();
    EXPECT_EQ(it, item("p", "item-" + padded(static_cast<int>(i)),
                       {{"i", N(i)}, {"body", S("v" + std::to_string(i))}}));
  }
}

// Chunks run concurrently by the engine, what they leave unprocessed is sent again after:
// every item lands once, and the units are those of the items written.
TEST_P(BatchTest, WritesLeftUnprocessedByConcurrentChunksAreSentAgain) {
  std::string table = make_table("batch-unprocessed");
  std::vector<WriteOp> ops;
  for (int i = 0; i < 70; ++i) {  // chunks of 25, 25 and 20, each leaving one behind
    ops.push_back(WriteOp::put(table, item("p", "item-" + padded(i), {{"i", N(i)}})));
  }
  UnprocessingStore unprocessing(*store_);
  BatchWriteResult wrote = unprocessing.batch_write(ops);
  EXPECT_EQ(unprocessing.chunk_calls(), 4);  // 3 chunks, then the 3 held back in one
  EXPECT_EQ(wrote.consumed.write_units, Decimal::from_int(70));
  for (int i = 0; i < 70; ++i) {
    auto got = get(table, key("p", "item-" + padded(i)));
    ASSERT_TRUE(got) << i;
    EXPECT_EQ(got->at("i"), N(i));
  }
}

// The same for reads: 250 keys in chunks of 100, 100 and 50, each leaving its last key
// unprocessed once, are all read, each once.
TEST_P(BatchTest, KeysLeftUnprocessedByConcurrentChunksAreReadAgain) {
  std::string table = make_table("batch-unread");
  std::vector<WriteOp> ops;
  for (int i = 0; i < 250; ++i) {
    ops.push_back(WriteOp::put(table, item("p", "item-" + padded(i), {{"i", N(i)}})));
  }
  store_->batch_write(ops);
  BatchGetRequest request;
  request.tables.push_back({table, {}, true});
  for (int i = 0; i < 250; ++i) request.tables[0].keys.push_back(key("p", "item-" + padded(i)));
  UnprocessingStore unprocessing(*store_);
  BatchGetResult got = unprocessing.batch_get(request);
  EXPECT_EQ(unprocessing.chunk_calls(), 4);  // 3 chunks, then the 3 held back in one
  ASSERT_EQ(got.items.size(), 1u);
  std::vector<std::int64_t> all(250);
  for (int i = 0; i < 250; ++i) all[static_cast<std::size_t>(i)] = i;
  EXPECT_EQ(ids(got.items[0]), all);
}

TEST_P(BatchTest, ReadsOfOnlyMissingKeysGiveNothing) {
  std::string table = make_table("batch-none");
  put(table, item("p", "present"));
  BatchGetRequest request;
  request.tables.push_back({table, {key("p", "a"), key("q", "present")}, true});
  BatchGetResult got = store_->batch_get(request);
  ASSERT_EQ(got.items.size(), 1u);
  EXPECT_TRUE(got.items[0].empty());
}

// A projection keeps the attributes it names (nested parts too) and nothing else, not
// even the key; the units are the whole item's, as DynamoDB charges them.
TEST_P(BatchTest, BatchGetsReadOnlyTheProjectedAttributes) {
  std::string table = make_table("batch-projection");
  const std::string big(5000, 'x');  // past 4 KB: 2 units consistent
  put(table, item("p", "s",
                  {{"i", N(1)}, {"body", S(big)}, {"m", Value::M({{"a", N(2)}, {"b", N(3)}})}}));
  put(table, item("p", "t", {{"i", N(2)}}));
  BatchGetRequest request;
  request.tables.push_back({table, {key("p", "s"), key("p", "t"), key("p", "u")}, true,
                            {Path("i"), Path("m").key("a"), Path("absent")}});
  BatchGetResult got = store_->batch_get(request);
  ASSERT_EQ(got.items.size(), 1u);
  std::sort(got.items[0].begin(), got.items[0].end(),
            [](const Item& a, const Item& b) { return a.at("i").n() < b.at("i").n(); });
  EXPECT_EQ(got.items[0], (std::vector<Item>{{{"i", N(1)}, {"m", Value::M({{"a", N(2)}})}},
                                              {{"i", N(2)}}}));
  EXPECT_EQ(got.consumed.read_units, Decimal::from_int(2 + 1 + 1));  // the missing key: 1
}

TEST_P(BatchTest, DuplicateKeysInABatchGetAreReadOnce) {
  std::string table = make_table("batch-dup");
  put(table, item("p", "s", {{"i", N(1)}}));
  BatchGetRequest request;
  request.tables.push_back({table, {key("p", "s"), key("p", "s"), key("p", "t")}, true});
  BatchGetResult got = store_->batch_get(request);
  ASSERT_EQ(got.items.size(), 1u);
  EXPECT_EQ(ids(got.items[0]), (std::vector<std::int64_t>{1}));
}

TEST_P(BatchTest, BatchDeleteRemovesExactlyThoseItems) {
  std::string table = make_table("batch-del");
  fill(table, "p", 30);
  std::vector<WriteOp> deletes;
  std::vector<Value> kept;
  for (int i = 0; i < 30; ++i) {
    if (i % 3 == 0) {
      deletes.push_back(WriteOp::del(table, key("p", padded(i))));
    } else {
      kept.push_back(S(padded(i)));
    }
  }
  deletes.push_back(WriteOp::del(table, key("p", "absent")));  // deleting nothing is fine
  store_->batch_write(deletes);
  EXPECT_EQ(sort_keys(query(table, "p").items), kept);
}

TEST_P(BatchTest, PutsAndDeletesMixInOneBatch) {
  std::string first = make_table("batch-mix-a");
  std::string second = make_hash_table("batch-mix-b");
  put(first, item("p", "old"));
  put(second, {{"PK", S("old")}});
  store_->batch_write({WriteOp::del(first, key("p", "old")), WriteOp::put(first, item("p", "new")),
                       WriteOp::del(second, {{"PK", S("old")}}),
                       WriteOp::put(second, {{"PK", S("new")}})});
  EXPECT_EQ(sort_keys(query(first, "p").items), (std::vector<Value>{S("new")}));
  EXPECT_FALSE(get(second, {{"PK", S("old")}}));
  EXPECT_TRUE(get(second, {{"PK", S("new")}}));
}

TEST_P(BatchTest, BatchPutsReplaceWholeItems) {
  std::string table = make_table("batch-replace");
  put(table, item("p", "s", {{"a", N(1)}}));
  store_->batch_write({WriteOp::put(table, item("p", "s", {{"b", N(2)}}))});
  EXPECT_EQ(get(table, key("p", "s")), item("p", "s", {{"b", N(2)}}));
}

TEST_P(BatchTest, EmptyBatchesDoNothing) {
  std::string table = make_table("batch-empty");
  BatchWriteResult wrote = store_->batch_write({});
  EXPECT_TRUE(wrote.consumed.write_units.is_zero());
  BatchGetRequest request;
  request.tables.push_back({table, {}, true});
  BatchGetResult got = store_->batch_get(request);
  ASSERT_EQ(got.items.size(), 1u);
  EXPECT_TRUE(got.items[0].empty());
}

TEST_P(BatchTest, ABadItemInABatchIsRejected) {
  std::string table = make_table("batch-bad");
  std::vector<WriteOp> ops{WriteOp::put(table, item("p", "ok")),
                           WriteOp::put(table, {{"PK", S("p")}})};
  EXPECT_THROW(store_->batch_write(ops), ValidationError);
  EXPECT_FALSE(get(table, key("p", "ok")));
}

TEST_P(BatchTest, TheSameKeyTwiceInOneBatchIsRejected) {
  std::string table = make_table("batch-twice");
  std::vector<WriteOp> ops{WriteOp::put(table, item("p", "s", {{"i", N(1)}})),
                           WriteOp::del(table, key("p", "s"))};
  EXPECT_THROW(store_->batch_write(ops), ValidationError);
  EXPECT_FALSE(get(table, key("p", "s")));
}

TEST_P(BatchTest, BadKeysInABatchGetAreRejected) {
  std::string table = make_table("batch-badkey");
  BatchGetRequest request;
  request.tables.push_back({table, {key("p", "s"), {{"PK", S("p")}}}, true});
  EXPECT_THROW(store_->batch_get(request), ValidationError);
}

}  // namespace
}  // namespace alexdb::conformance
