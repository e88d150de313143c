// A full disk under the embedded engine (SPEC section 9): `alexdb positions set` exits 0
// exactly when the change was committed, and a change reported as failed never appears
// later. The disk is a real one: a small tmpfs mounted for the test (needs root, as the
// test machines run; skipped elsewhere), filled by a file that is shrunk 4 KB at a time
// while changes are attempted, so the space runs out at every point of a change's writes.
#include <fcntl.h>
#include <sys/mount.h>
#include <unistd.h>

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "cli/cli_runner.h"

namespace alexdb {
namespace {

namespace fs = std::filesystem;
using testing::run_alexdb;

class DiskFullTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (geteuid() != 0) GTEST_SKIP() << "mounting a small tmpfs needs root";
    dir_ = fs::temp_directory_path() / ("alexdb-disk-full-" + std::to_string(getpid()));
    fs::create_directories(dir_);
    if (mount("tmpfs", dir_.c_str(), "tmpfs", 0, "size=768k") != 0) {
      fs::remove_all(dir_);
      dir_.clear();
      GTEST_SKIP() << "cannot mount a tmpfs here";
    }
    mounted_ = true;
    store_ = "sqlite:" + (dir_ / "alex.db").string();
  }
  void TearDown() override {
    if (mounted_) umount2(dir_.c_str(), MNT_DETACH);
    if (!dir_.empty()) fs::remove_all(dir_);
  }

  testing::CliResult cli(std::vector<std::string> args) {
    args.insert(args.begin(), {"--store", store_});
    return run_alexdb(args);
  }

  // Writes a file until the disk is full; returns its size.
  off_t fill(const fs::path& file) {
    int fd = open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    std::vector<char> block(4096, 'x');
    off_t size = 0;
    while (true) {
      ssize_t n = write(fd, block.data(), block.size());
      if (n <= 0) break;
      size += n;
    }
    fsync(fd);
    close(fd);
    return size;
  }

  fs::path dir_;
  bool mounted_ = false;
  std::string store_;
};

TEST_F(DiskFullTest, a_change_fails_exactly_when_it_did_not_commit) {
  ASSERT_EQ(cli({"tables", "create"}).status, 0);
  ASSERT_EQ(cli({"users", "create", "u1", "--name", "One"}).status, 0);
  auto created = cli({"--json", "accounts", "create", "--user", "u1", "--name", "Main"});
  ASSERT_EQ(created.status, 0) << created.output;
  const std::string account = nlohmann::json::parse(created.output).at("id");
  ASSERT_EQ(cli({"positions", "set", account, "SPY", "1", "--action", "BUY"}).status, 0);

  const fs::path filler = dir_ / "filler";
  off_t size = fill(filler);
  std::map<int, bool> reported;  // quantity -> exit 0
  int succeeded = 0;
  for (int q = 2; q < 200 && succeeded < 4 && size > 0; ++q) {
    auto set = cli({"positions", "set", account, "SPY", std::to_string(q), "--action", "BUY"});
    reported[q] = set.status == 0;
    if (set.status == 0) {
      ++succeeded;
    } else {
      EXPECT_EQ(set.status, 1) << set.output;
      EXPECT_NE(set.output.find("full"), std::string::npos) << set.output;
    }
    size = std::max<off_t>(0, size - 4096);
    ASSERT_EQ(truncate(filler.c_str(), size), 0);
  }
  ASSERT_GT(succeeded, 0) << "no change ever fitted: the disk is too small for the test";
  ASSERT_GT(reported.size(), static_cast<std::size_t>(succeeded)) << "the disk was never full";
  fs::remove(filler);

  // With space again: the history holds exactly the changes reported as done.
  auto history = cli({"--json", "history", account, "SPY"});
  ASSERT_EQ(history.status, 0) << history.output;
  std::vector<int> stored;
  for (const auto& record : nlohmann::json::parse(history.output)) {
    stored.push_back(std::stoi(record.at("quantity").get<std::string>()));
  }
  std::vector<int> expected = {1};
  for (const auto& [q, ok] : reported) {
    if (ok) expected.push_back(q);
  }
  EXPECT_EQ(stored, expected);
  auto verified = cli({"verify"});
  EXPECT_EQ(verified.output.find("integrity: FAIL"), std::string::npos) << verified.output;
}

}  // namespace
}  // namespace alexdb
