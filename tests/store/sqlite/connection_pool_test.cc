// The embedded engine's connection pool: connections are reused, and a forked child opens
// its own instead of using the parent's (an SQLite connection must not cross a fork).
#include "store/sqlite/connection_pool.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <memory>
#include <string>

#include "forked_child.h"

namespace alexdb::sqlite {
namespace {

namespace fs = std::filesystem;
using testing::succeeds_in_child;

class ConnectionPoolTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("alexdb-pool-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
    path_ = (dir_ / "pool.db").string();
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::unique_ptr<ConnectionPool> make_pool() {
    return std::make_unique<ConnectionPool>(
        [this] {
          ++opened_;
          return std::make_unique<Connection>(path_, false);
        },
        4);
  }
  static std::int64_t rows(Connection& connection) {
    Statement count = connection.prepare("SELECT count(*) FROM t");
    return count.step() ? count.column_int(0) : -1;
  }

  fs::path dir_;
  std::string path_;
  std::atomic<int> opened_{0};
};

TEST_F(ConnectionPoolTest, AConnectionIsReusedAfterItsLeaseEnds) {
  auto pool = make_pool();
  const Connection* first = nullptr;
  {
    auto lease = pool->acquire();
    first = &*lease;
  }
  auto again = pool->acquire();
  EXPECT_EQ(&*again, first);
  EXPECT_EQ(opened_.load(), 1);
}

TEST_F(ConnectionPoolTest, AForkedChildOpensConnectionsOfItsOwn) {
  auto pool = make_pool();
  const Connection* parents = nullptr;
  {
    auto lease = pool->acquire();
    lease->exec("CREATE TABLE t(x)");
    parents = &*lease;
  }
  EXPECT_TRUE(succeeds_in_child([&] {
    const Connection* childs = nullptr;
    bool own = false;
    bool reused = false;
    {
      auto lease = pool->acquire();
      childs = &*lease;
      own = childs != parents && opened_ == 2;
      lease->exec("INSERT INTO t VALUES (1)");
    }
    {
      auto lease = pool->acquire();  // the child's own connection, kept for reuse
      reused = &*lease == childs && opened_ == 2 && rows(*lease) == 1;
    }
    pool.reset();  // closes the child's connection only
    return own && reused;
  }));
  auto lease = pool->acquire();
  EXPECT_EQ(&*lease, parents);  // the parent's connection, untouched by the child
  EXPECT_EQ(opened_.load(), 1);
  EXPECT_EQ(rows(*lease), 1);  // the child's write, committed through its own connection
}

}  // namespace
}  // namespace alexdb::sqlite
