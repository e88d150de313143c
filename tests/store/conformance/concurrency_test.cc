#include <thread>

#include "store_fixture.h"

namespace alexdb::conformance {
namespace {

class ConcurrencyTest : public StoreTest {};
ALEXDB_CONFORMANCE_SUITE(ConcurrencyTest);

TEST_P(ConcurrencyTest, EightThreadsOfConditionalIncrementsLoseNoUpdate) {
  std::string table = make_table("counter");
  Item start = key("p", "counter");
  start["n"] = N(0);
  put(table, start);
  constexpr int kThreads = 8;
  constexpr int kIncrements = 100;
  std::atomic<int> conflicts{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < kIncrements; ++i) {
        while (true) {
          auto current = store_->get({table, key("p", "counter"), true, {}}).item;
          Decimal n = current->at("n").n();
          Update u;
          u.set("n", Value::N(n + Decimal::from_int(1)));
          try {
            store_->update({table, key("p", "counter"), u, cond::eq(cond::path("n"), Value::N(n)),
                            ReturnValues::kNone});
            break;
          } catch (const ConditionFailed&) {
            ++conflicts;
          }
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(get(table, key("p", "counter"))->at("n"), N(kThreads * kIncrements));
  RecordProperty("conflicts", conflicts.load());
}

}  // namespace
}  // namespace alexdb::conformance
