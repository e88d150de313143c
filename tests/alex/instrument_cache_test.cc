// The instrument cache of SPEC section 11: fresh entries are found, stale and forgotten
// ones are not; a read begun before this Database's write of an instrument is never
// remembered; and what this Database wrote lately is read strongly consistent.
#include "alex/instrument_cache.h"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

namespace alexdb::alex {
namespace {

using std::chrono::milliseconds;

Instrument named(const std::string& symbol, const std::string& name) {
  Instrument i;
  i.symbol = symbol;
  i.name = name;
  return i;
}

TEST(InstrumentCacheTest, FindsFreshEntriesAndListsTheRest) {
  InstrumentCache cache(milliseconds(60'000));
  auto first = cache.find({"AAA", "BBB"});
  EXPECT_TRUE(first.found.empty());
  EXPECT_EQ(first.missing, (std::vector<std::string>{"AAA", "BBB"}));
  EXPECT_FALSE(first.read_consistently);
  cache.remember({named("AAA", "A fund")}, first.epoch);
  auto second = cache.find({"AAA", "BBB"});
  ASSERT_EQ(second.found.size(), 1u);
  EXPECT_EQ(second.found.at("AAA").name, "A fund");
  EXPECT_EQ(second.missing, (std::vector<std::string>{"BBB"}));
}

TEST(InstrumentCacheTest, EntriesOlderThanTheAgeAreNotUsed) {
  InstrumentCache cache(milliseconds(20));
  cache.remember({named("AAA", "A fund")}, cache.find({"AAA"}).epoch);
  EXPECT_EQ(cache.find({"AAA"}).found.size(), 1u);
  std::this_thread::sleep_for(milliseconds(30));
  EXPECT_EQ(cache.find({"AAA"}).missing, (std::vector<std::string>{"AAA"}));

  InstrumentCache off(milliseconds(0));
  off.remember({named("AAA", "A fund")}, off.find({"AAA"}).epoch);
  EXPECT_TRUE(off.find({"AAA"}).found.empty());
}

// A read that began before this Database wrote the instrument may hold the state before
// the write: remembering it would hide the Database's own write for the cache's age.
TEST(InstrumentCacheTest, AReadBegunBeforeAWriteIsNotRemembered) {
  InstrumentCache cache(milliseconds(60'000));
  auto lookup = cache.find({"AAA", "BBB"});           // a read begins ...
  const std::uint64_t written = cache.forget("AAA");  // ... another thread writes AAA ...
  cache.remember({named("AAA", "old"), named("BBB", "B fund")}, lookup.epoch);  // ... it ends
  auto after = cache.find({"AAA", "BBB"});
  EXPECT_EQ(after.missing, (std::vector<std::string>{"AAA"}));
  EXPECT_EQ(after.found.at("BBB").name, "B fund");
  // The state the write left, and a read begun after the write, are remembered.
  cache.remember({named("AAA", "new")}, written);
  EXPECT_EQ(cache.find({"AAA"}).found.at("AAA").name, "new");
  cache.forget("AAA");
  auto later = cache.find({"AAA"});
  cache.remember({named("AAA", "newer")}, later.epoch);
  EXPECT_EQ(cache.find({"AAA"}).found.at("AAA").name, "newer");
}

TEST(InstrumentCacheTest, WhatThisDatabaseWroteLatelyIsReadConsistently) {
  InstrumentCache cache(milliseconds(0));  // also with caching off
  EXPECT_FALSE(cache.find({"AAA", "BBB"}).read_consistently);
  cache.forget("BBB");
  EXPECT_TRUE(cache.find({"AAA", "BBB"}).read_consistently);
  EXPECT_FALSE(cache.find({"AAA"}).read_consistently);
}

TEST(InstrumentCacheTest, AnInstrumentWriteForgetsAtBothEndsAndRemembersWhatItStored) {
  InstrumentCache cache(milliseconds(60'000));
  cache.remember({named("AAA", "old")}, cache.find({"AAA"}).epoch);
  std::uint64_t before_end = 0;
  {
    InstrumentWrite write(cache, "AAA");
    EXPECT_TRUE(cache.find({"AAA"}).found.empty());  // dropped when the write begins
    before_end = cache.find({"AAA"}).epoch;
    write.done(named("AAA", "stored"));
  }
  EXPECT_EQ(cache.find({"AAA"}).found.at("AAA").name, "stored");
  cache.remember({named("AAA", "read during the write")}, before_end);
  EXPECT_EQ(cache.find({"AAA"}).found.at("AAA").name, "stored");
  {
    InstrumentWrite failed(cache, "AAA");  // ends without done(): an exception, say
    before_end = cache.find({"AAA"}).epoch;
  }
  cache.remember({named("AAA", "read during the write")}, before_end);
  EXPECT_TRUE(cache.find({"AAA"}).found.empty());
}

}  // namespace
}  // namespace alexdb::alex
