// util::random_bits (src/util/random_bits.h): a forked child draws other bits than its
// parent, though the fork copied the parent's generator.
#include "util/random_bits.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstdint>

#include "forked_child.h"

namespace alexdb::util {
namespace {

using Draws = std::array<std::uint64_t, 4>;

Draws draw() { return {random_bits(), random_bits(), random_bits(), random_bits()}; }

TEST(RandomBitsTest, AForkedChildDrawsOtherBitsThanItsParent) {
  random_bits();  // this thread's generator is seeded
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  EXPECT_TRUE(testing::succeeds_in_child([&] {
    const Draws child = draw();
    return write(fds[1], child.data(), sizeof child) == static_cast<ssize_t>(sizeof child);
  }));
  Draws child{};
  ASSERT_EQ(read(fds[0], child.data(), sizeof child), static_cast<ssize_t>(sizeof child));
  close(fds[0]);
  close(fds[1]);
  const Draws parent = draw();
  EXPECT_NE(child, parent);
  for (std::uint64_t bits : child) EXPECT_EQ(std::count(parent.begin(), parent.end(), bits), 0);
}

TEST(RandomBitsTest, DrawsDiffer) {
  const Draws drawn = draw();
  for (std::size_t i = 1; i < drawn.size(); ++i) EXPECT_NE(drawn[i], drawn[i - 1]);
}

}  // namespace
}  // namespace alexdb::util
