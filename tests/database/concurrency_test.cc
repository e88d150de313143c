// Concurrent writers to one position (SPEC section 3): no update lost, history
// timestamps unique and strictly increasing, CURRENT equal to the newest change.
#include <algorithm>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "database/database_fixture.h"

namespace alexdb::database_test {
namespace {

class ConcurrencyTest : public DatabaseTest {
 protected:
  // `threads` writers each record `per_thread` changes to acc_c/SPY, writer t the
  // quantities t*1000+1 .. t*1000+per_thread; then checks the history and CURRENT.
  void run_writers(int threads, int per_thread) {
    std::vector<std::thread> workers;
    std::atomic<int> failures{0};
    for (int t = 1; t <= threads; ++t) {
      workers.emplace_back([&, t] {
        for (int i = 1; i <= per_thread; ++i) {
          try {
            db().positions.add_or_update_position("acc_c", "SPY", Decimal::from_int(t * 1000 + i),
                                                  "UPDATE");
          } catch (const std::exception& e) {
            if (failures++ < 5)
              ADD_FAILURE() << "writer " << t << " change " << i << ": " << e.what();
          }
        }
      });
    }
    for (std::thread& w : workers) w.join();
    ASSERT_EQ(failures.load(), 0);

    const auto history = db().positions.get_position_history("acc_c", "SPY");
    ASSERT_EQ(history.size(), std::size_t(threads * per_thread));
    std::set<Decimal> written;
    std::set<std::string> stamps;
    for (const PositionChange& c : history) {
      written.insert(c.quantity);
      stamps.insert(c.timestamp);
    }
    std::set<Decimal> expected;
    for (int t = 1; t <= threads; ++t) {
      for (int i = 1; i <= per_thread; ++i) expected.insert(Decimal::from_int(t * 1000 + i));
    }
    EXPECT_EQ(written, expected) << "every change appears exactly once";
    EXPECT_EQ(stamps.size(), history.size()) << "timestamps are unique";
    int out_of_order = 0;
    for (std::size_t i = 1; i < history.size(); ++i) {
      if (history[i - 1].timestamp >= history[i].timestamp && out_of_order++ < 5) {
        ADD_FAILURE() << "timestamps not increasing at " << i;
      }
      if (history[i].previous_quantity != history[i - 1].quantity && out_of_order++ < 5) {
        ADD_FAILURE() << "record " << i << " starts from "
                      << history[i].previous_quantity.to_string() << ", the record before ended at "
                      << history[i - 1].quantity.to_string() << " (a lost update)";
      }
    }
    // Each writer's own changes appear in the order it made them.
    for (int t = 1; t <= threads; ++t) {
      Decimal last;
      for (const PositionChange& c : history) {
        const auto q = c.quantity.to_int64().value_or(0);
        if (q / 1000 != t) continue;
        EXPECT_GT(c.quantity, last) << "writer " << t;
        last = c.quantity;
      }
    }
    const auto open = db().positions.find_by_account("acc_c");
    ASSERT_EQ(open.size(), 1u);
    EXPECT_EQ(open[0].quantity, history.back().quantity);
    EXPECT_EQ(open[0].timestamp, history.back().timestamp);
    EXPECT_EQ(open[0].version, history.back().version);
  }
};

TEST_P(ConcurrencyTest, EightWritersTimesTwoHundredChangesLoseNothing) { run_writers(8, 200); }

TEST_P(ConcurrencyTest, ConcurrentWritersWithAStoppedClockStillGetIncreasingTimestamps) {
  set_clock(micros(2025, 6, 1, 12));
  run_writers(4, 25);
  const auto history = db().positions.get_position_history("acc_c", "SPY");
  ASSERT_FALSE(history.empty());
  EXPECT_EQ(history.front().timestamp.substr(0, 19), "2025-06-01T12:00:00");
}

TEST_P(ConcurrencyTest, ConcurrentUpsertsOfANewPositionRecordOneBuy) {
  constexpr int kThreads = 8;
  std::vector<std::thread> workers;
  std::atomic<int> failures{0};
  for (int t = 1; t <= kThreads; ++t) {
    workers.emplace_back([&, t] {
      try {
        db().positions.add_position("acc_u", "SPY", Decimal::from_int(t));
      } catch (const std::exception& e) {
        if (failures++ < 5) ADD_FAILURE() << "writer " << t << ": " << e.what();
      }
    });
  }
  for (std::thread& w : workers) w.join();
  ASSERT_EQ(failures.load(), 0);
  const auto history = db().positions.get_position_history("acc_u", "SPY");
  ASSERT_EQ(history.size(), std::size_t(kThreads));
  EXPECT_EQ(history.front().action, "BUY");
  for (std::size_t i = 1; i < history.size(); ++i) EXPECT_EQ(history[i].action, "UPDATE") << i;
}

ALEXDB_DATABASE_SUITE(ConcurrencyTest);

}  // namespace
}  // namespace alexdb::database_test
