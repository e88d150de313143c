// Many threads on one Store: conditional writes serialize, no update is lost.
#include <chrono>
#include <thread>

#include "store_fixture.h"

namespace alexdb::conformance {
namespace {

using Clock = std::chrono::steady_clock;

// Bounds every test here: a lost wake-up or a livelock fails instead of hanging.
constexpr auto kDeadline = std::chrono::seconds(120);

class ConcurrencyTest : public StoreTest {};
ALEXDB_CONFORMANCE_SUITE(ConcurrencyTest);

TEST_P(ConcurrencyTest, EightThreadsOfConditionalIncrementsLoseNoUpdate) {
  std::string table = make_table("counter");
  put(table, item("p", "counter", {{"n", N(0)}, {"version", N(0)}}));
  constexpr int kThreads = 8;
  constexpr int kIncrements = 100;
  const auto deadline = Clock::now() + kDeadline;
  std::atomic<int> conflicts{0};
  std::atomic<int> done{0};
  std::atomic<bool> timed_out{false};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < kIncrements && !timed_out; ++i) {
        while (true) {
          if (Clock::now() > deadline) {
            timed_out = true;
            return;
          }
          try {
            // Read, compute on the client, write if nobody wrote in between.
            auto current = store_->get({table, key("p", "counter"), true, {}}).item;
            if (!current) return;  // reported below: the count will be short
            const Decimal version = current->at("version").n();
            const Decimal one = Decimal::from_int(1);
            Update u;
            u.set("n", Value::N(current->at("n").n() + one))
                .set("version", Value::N(version + one));
            update(table, key("p", "counter"), u, ReturnValues::kNone,
                   cond::eq(cond::path("version"), Value::N(version)));
            ++done;
            break;
          } catch (const ConditionFailed&) {
            ++conflicts;
          } catch (const Error& e) {
            ADD_FAILURE() << e.what();
            return;
          }
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  ASSERT_FALSE(timed_out) << "only " << done << " increments in " << kDeadline.count() << " s";
  EXPECT_EQ(done.load(), kThreads * kIncrements);
  auto final_item = get(table, key("p", "counter"));
  ASSERT_TRUE(final_item);
  EXPECT_EQ(final_item->at("n"), N(kThreads * kIncrements));
  EXPECT_EQ(final_item->at("version"), N(kThreads * kIncrements));
  RecordProperty("conflicts", conflicts.load());
}

TEST_P(ConcurrencyTest, ExactlyOneOfManyCreatorsWins) {
  std::string table = make_table("create-race");
  constexpr int kThreads = 8;
  constexpr int kRounds = 20;
  for (int round = 0; round < kRounds; ++round) {
    std::atomic<int> winners{0};
    std::atomic<int> losers{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&, t] {
        Item it = item("p", "r" + padded(round), {{"owner", N(t)}});
        try {
          (put_if(table, it, cond::attribute_not_exists("PK")) ? winners : losers)++;
        } catch (const Error& e) {
          ADD_FAILURE() << e.what();
        }
      });
    }
    for (auto& t : threads) t.join();
    EXPECT_EQ(winners.load(), 1) << "round " << round;
    EXPECT_EQ(losers.load(), kThreads - 1) << "round " << round;
  }
  EXPECT_EQ(query(table, "p").items.size(), static_cast<std::size_t>(kRounds));
}

TEST_P(ConcurrencyTest, ConcurrentAddsAllCount) {
  std::string table = make_table("adds");
  constexpr int kThreads = 8;
  constexpr int kAdds = 50;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kAdds; ++i) {
        Update u;
        u.add("n", N(1)).add("seen", Value::SS({std::to_string(t) + "-" + std::to_string(i)}));
        try {
          update(table, key("p", "sum"), u);  // the first one creates the item
        } catch (const Error& e) {
          ADD_FAILURE() << e.what();
          return;
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  auto final_item = get(table, key("p", "sum"));
  ASSERT_TRUE(final_item);
  EXPECT_EQ(final_item->at("n"), N(kThreads * kAdds));
  EXPECT_EQ(final_item->at("seen").ss().size(), static_cast<std::size_t>(kThreads * kAdds));
}

TEST_P(ConcurrencyTest, ParallelBatchWritesAndReadsSeeWholeItems) {
  std::string table = make_table("parallel");
  constexpr int kThreads = 4;
  constexpr int kItems = 60;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      std::vector<WriteOp> ops;
      for (int i = 0; i < kItems; ++i) {
        ops.push_back(WriteOp::put(
            table, item("p" + std::to_string(t), padded(i), {{"t", N(t)}, {"i", N(i)}})));
      }
      try {
        store_->batch_write(ops);
      } catch (const Error& e) {
        ADD_FAILURE() << e.what();
        return;
      }
      for (int i = 0; i < kItems; i += 7) {
        try {
          auto got = store_->get({table, key("p" + std::to_string(t), padded(i)), true, {}}).item;
          EXPECT_TRUE(got && got->at("i") == N(i));
        } catch (const Error& e) {
          ADD_FAILURE() << e.what();
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  ScanRequest scan;
  scan.table = table;
  EXPECT_EQ(store_->scan_all(scan).items.size(), static_cast<std::size_t>(kThreads * kItems));
  for (int t = 0; t < kThreads; ++t) {
    EXPECT_EQ(query(table, "p" + std::to_string(t)).items.size(), static_cast<std::size_t>(kItems));
  }
}

}  // namespace
}  // namespace alexdb::conformance
