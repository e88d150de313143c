// with_fresh_definitions: a call that fails the way a stale cached definition explains
// runs once more, and only when something cached was dropped.
#include "store/fresh_definitions.h"

#include <gtest/gtest.h>

namespace alexdb::store {
namespace {

struct Counts {
  int calls = 0;
  int forgets = 0;
};

// A call that throws `E` on its first `failures` runs, then returns its run number.
template <typename E>
auto failing(Counts& counts, int failures) {
  return [&counts, failures] {
    ++counts.calls;
    if (counts.calls <= failures) throw E("stale");
    return counts.calls;
  };
}

auto forget(Counts& counts, bool cached) {
  return [&counts, cached] {
    ++counts.forgets;
    return cached;
  };
}

TEST(FreshDefinitionsTest, ASuccessfulCallRunsOnceAndForgetsNothing) {
  Counts counts;
  EXPECT_EQ(with_fresh_definitions(failing<NotFound>(counts, 0), forget(counts, true)), 1);
  EXPECT_EQ(counts.calls, 1);
  EXPECT_EQ(counts.forgets, 0);
}

TEST(FreshDefinitionsTest, NotFoundWithACachedDefinitionRunsAgain) {
  Counts counts;
  EXPECT_EQ(with_fresh_definitions(failing<NotFound>(counts, 1), forget(counts, true)), 2);
  EXPECT_EQ(counts.forgets, 1);
}

TEST(FreshDefinitionsTest, ValidationErrorWithACachedDefinitionRunsAgain) {
  Counts counts;
  auto stale = [&counts] {
    if (++counts.calls == 1) throw ValidationError("Key", "type mismatch");
    return counts.calls;
  };
  EXPECT_EQ(with_fresh_definitions(stale, forget(counts, true)), 2);
}

TEST(FreshDefinitionsTest, NothingCachedMeansTheErrorStands) {
  Counts counts;
  EXPECT_THROW(with_fresh_definitions(failing<NotFound>(counts, 1), forget(counts, false)),
               NotFound);
  EXPECT_EQ(counts.calls, 1);
}

TEST(FreshDefinitionsTest, ASecondFailureIsNotRetriedAgain) {
  Counts counts;
  EXPECT_THROW(with_fresh_definitions(failing<NotFound>(counts, 5), forget(counts, true)),
               NotFound);
  EXPECT_EQ(counts.calls, 2);
}

TEST(FreshDefinitionsTest, OtherErrorsAreNotRetried) {
  Counts counts;
  EXPECT_THROW(with_fresh_definitions(failing<ConditionFailed>(counts, 1), forget(counts, true)),
               ConditionFailed);
  EXPECT_EQ(counts.calls, 1);
  EXPECT_EQ(counts.forgets, 0);
}

}  // namespace
}  // namespace alexdb::store
