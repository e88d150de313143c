// The embedded engine across processes: a write that returned survives kill -9, and
// writers in several processes sharing one file lose no update.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <string>

#include "alexdb/errors.h"
#include "alexdb/store.h"

namespace alexdb {
namespace {

namespace fs = std::filesystem;

std::string temp_db(const std::string& name) {
  fs::path dir = fs::temp_directory_path() / ("alexdb-process-" + std::to_string(getpid()));
  fs::create_directories(dir);
  fs::path file = dir / name;
  fs::remove(file);
  fs::remove(file.string() + "-wal");
  fs::remove(file.string() + "-shm");
  return "sqlite:" + file.string();
}

TableDefinition counters_table() {
  return {"counters", {"id", ScalarType::kS}, std::nullopt, {}};
}

Item key(const std::string& id) { return {{"id", Value::S(id)}}; }

TEST(ProcessTest, WritesThatReturnedSurviveKill9) {
  std::string spec = temp_db("kill.db");
  open_store(spec)->create_table(counters_table());

  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    // Child: write items as fast as possible, telling the parent each one that returned.
    close(fds[0]);
    auto store = open_store(spec);
    for (int i = 0;; ++i) {
      Item item = key("item-" + std::to_string(i));
      item["n"] = Value::N(std::int64_t{i});
      store->put({"counters", item, std::nullopt, ReturnValues::kNone});
      if (write(fds[1], &i, sizeof i) != sizeof i) _exit(1);
    }
  }
  close(fds[1]);
  int last = -1;
  int value = 0;
  while (last < 300 && read(fds[0], &value, sizeof value) == sizeof value) last = value;
  kill(child, SIGKILL);
  // Drain what the child reported before it died: those writes returned too.
  while (read(fds[0], &value, sizeof value) == sizeof value) last = value;
  close(fds[0]);
  int status = 0;
  waitpid(child, &status, 0);
  ASSERT_TRUE(WIFSIGNALED(status));
  ASSERT_GE(last, 300);

  auto store = open_store(spec);
  for (int i = 0; i <= last; ++i) {
    auto got = store->get({"counters", key("item-" + std::to_string(i)), true, {}});
    ASSERT_TRUE(got.item.has_value()) << "write " << i << " of " << last << " was lost";
    EXPECT_EQ(got.item->at("n").n(), Decimal::from_int(i));
  }
}

// One conditional increment: read the counter, write it + 1 if nobody changed it.
void increment(Store& store, const std::string& id) {
  while (true) {
    auto got = store.get({"counters", key(id), true, {}});
    Decimal n = got.item ? got.item->at("n").n() : Decimal();
    Item item = key(id);
    item["n"] = Value::N(n + Decimal::from_int(1));
    std::optional<Condition> condition =
        got.item ? cond::eq(cond::path("n"), Value::N(n)) : cond::attribute_not_exists("id");
    try {
      store.put({"counters", item, condition, ReturnValues::kNone});
      return;
    } catch (const ConditionFailed&) {
      // Another writer won; read again.
    }
  }
}

TEST(ProcessTest, WritersInSeveralProcessesLoseNoUpdate) {
  std::string spec = temp_db("shared.db");
  open_store(spec)->create_table(counters_table());
  constexpr int kProcesses = 3;
  constexpr int kIncrements = 150;
  std::vector<pid_t> children;
  for (int p = 0; p < kProcesses; ++p) {
    pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      try {
        auto store = open_store(spec);
        for (int i = 0; i < kIncrements; ++i) increment(*store, "shared");
        _exit(0);
      } catch (const std::exception& e) {
        std::fprintf(stderr, "child failed: %s\n", e.what());
        _exit(2);
      }
    }
    children.push_back(child);
  }
  for (pid_t child : children) {
    int status = 0;
    waitpid(child, &status, 0);
    ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  }
  auto got = open_store(spec)->get({"counters", key("shared"), true, {}});
  ASSERT_TRUE(got.item.has_value());
  EXPECT_EQ(got.item->at("n").n(), Decimal::from_int(kProcesses * kIncrements));
}

}  // namespace
}  // namespace alexdb
