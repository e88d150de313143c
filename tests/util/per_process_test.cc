// PerProcess (src/util/per_process.h): a forked child gets a value of its own on first
// use, and neither uses nor destroys the one it inherited.
#include "util/per_process.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdint>
#include <memory>
#include <vector>

#include "forked_child.h"

namespace alexdb::util {
namespace {

using testing::succeeds_in_child;

// Written to when a Tracked is destroyed: the pid of the process that made it.
int destroyed_pipe = -1;

struct Tracked {
  pid_t made_in = ::getpid();
  int value = 0;
  ~Tracked() {
    if (destroyed_pipe >= 0 && write(destroyed_pipe, &made_in, sizeof made_in) < 0) _exit(9);
  }
};

class PerProcessTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(pipe(fds_), 0);
    destroyed_pipe = fds_[1];
  }
  void TearDown() override {
    destroyed_pipe = -1;
    close(fds_[0]);
    close(fds_[1]);
  }
  // The pids the pipe holds (the makers of the values destroyed so far).
  std::vector<pid_t> destroyed() {
    close(fds_[1]);
    fds_[1] = -1;
    destroyed_pipe = -1;
    std::vector<pid_t> pids;
    pid_t pid = 0;
    while (read(fds_[0], &pid, sizeof pid) == sizeof pid) pids.push_back(pid);
    return pids;
  }
  int fds_[2] = {-1, -1};
};

TEST_F(PerProcessTest, AForkedChildGetsAValueOfItsOwn) {
  auto state = std::make_unique<PerProcess<Tracked>>();
  state->get().value = 7;
  const pid_t parent = ::getpid();
  pid_t child = 0;
  EXPECT_TRUE(succeeds_in_child([&] {
    child = ::getpid();
    if (write(destroyed_pipe, &child, sizeof child) < 0) return false;  // tells the parent
    const bool inherited_first = state->inherited();
    Tracked& own = state->get();
    const bool fresh = own.made_in == child && own.value == 0 && !state->inherited();
    const bool kept = &state->get() == &own;
    state.reset();  // destroys the child's value only
    return inherited_first && fresh && kept;
  }));
  EXPECT_FALSE(state->inherited());
  EXPECT_EQ(state->get().value, 7);
  EXPECT_EQ(state->get().made_in, parent);
  state.reset();
  const std::vector<pid_t> written = destroyed();
  ASSERT_EQ(written.size(), 3u);  // the child's pid, its value's maker, the parent's value's
  EXPECT_EQ(written[1], written[0]);
  EXPECT_EQ(written[2], parent);
}

TEST_F(PerProcessTest, AForkedChildDestroysNothingItInherited) {
  auto state = std::make_unique<PerProcess<Tracked>>();
  state->get().value = 7;
  EXPECT_TRUE(succeeds_in_child([&] {
    state.reset();
    return true;
  }));
  EXPECT_EQ(state->get().value, 7);
  const pid_t parent = ::getpid();
  state.reset();
  EXPECT_EQ(destroyed(), (std::vector<pid_t>{parent}));
}

TEST(ForkGenerationTest, EachForkCountsOneMore) {
  const std::uint64_t here = fork_generation();
  EXPECT_TRUE(succeeds_in_child([&] {
    return fork_generation() == here + 1 &&
           succeeds_in_child([&] { return fork_generation() == here + 2; });
  }));
  EXPECT_EQ(fork_generation(), here);
}

}  // namespace
}  // namespace alexdb::util
