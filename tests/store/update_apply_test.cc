#include "store/update_apply.h"

#include <gtest/gtest.h>

#include "alexdb/errors.h"

namespace alexdb::store {
namespace {

const std::vector<std::string> kKeys{"PK", "SK"};

Item base() {
  return {{"PK", Value::S("p")},
          {"SK", Value::S("s")},
          {"n", Value::N(std::int64_t{1})},
          {"list", Value::L({Value::S("a"), Value::S("b"), Value::S("c")})},
          {"m", Value::M({{"k", Value::S("v")}})}};
}

TEST(UpdateApplyTest, RightHandSidesReadTheOldItem) {
  Update u;
  u.set("n", UpdateExpr(Path("n")) + Value::N(std::int64_t{1})).set("copy", Path("n"));
  auto outcome = apply_update(base(), u, kKeys);
  EXPECT_EQ(outcome.item.at("n"), Value::N(std::int64_t{2}));
  EXPECT_EQ(outcome.item.at("copy"), Value::N(std::int64_t{1}));
  EXPECT_EQ(outcome.touched, (std::set<std::string, std::less<>>{"copy", "n"}));
}

TEST(UpdateApplyTest, NestedSetNeedsAnExistingParent) {
  Update ok;
  ok.set(Path("m").key("new"), Value::S("x"));
  EXPECT_EQ(apply_update(base(), ok, kKeys).item.at("m").m().at("new"), Value::S("x"));
  Update bad;
  bad.set(Path("missing").key("x"), Value::S("x"));
  EXPECT_THROW(apply_update(base(), bad, kKeys), ValidationError);
}

TEST(UpdateApplyTest, RemovingListElementsUsesTheOldIndexes) {
  Update u;
  u.remove(Path("list").index(0)).remove(Path("list").index(2));
  EXPECT_EQ(apply_update(base(), u, kKeys).item.at("list"), Value::L({Value::S("b")}));
}

TEST(UpdateApplyTest, OverlappingPathsAndKeyAttributesAreRejected) {
  Update overlap;
  overlap.set("m", Value::S("x")).remove(Path("m").key("k"));
  EXPECT_THROW(apply_update(base(), overlap, kKeys), ValidationError);
  Update key;
  key.set("PK", Value::S("q"));
  EXPECT_THROW(apply_update(base(), key, kKeys), ValidationError);
  EXPECT_THROW(apply_update(base(), Update(), kKeys), ValidationError);
}

TEST(UpdateApplyTest, AddAndDeleteWorkOnNumbersAndSets) {
  Update u;
  u.add("n", Value::N(std::int64_t{4})).add("fresh", Value::N("0.5")).add("tags", Value::SS({"a"}));
  Item item = apply_update(base(), u, kKeys).item;
  EXPECT_EQ(item.at("n"), Value::N(std::int64_t{5}));
  EXPECT_EQ(item.at("fresh"), Value::N("0.5"));
  EXPECT_EQ(item.at("tags"), Value::SS({"a"}));
  Update d;
  d.delete_elements("tags", Value::SS({"a"}));
  EXPECT_FALSE(apply_update(item, d, kKeys).item.contains("tags"));
  Update mismatch;
  mismatch.add("list", Value::N(std::int64_t{1}));
  EXPECT_THROW(apply_update(base(), mismatch, kKeys), ValidationError);
}

TEST(UpdateApplyTest, ArithmeticOverflowIsAnError) {
  Item item = base();
  item["big"] = Value::N("99999999999999999999999999999999999999");
  Update u;
  u.set("big", UpdateExpr(Path("big")) + Value::N("0.5"));
  EXPECT_THROW(apply_update(item, u, kKeys), ValidationError);
}

}  // namespace
}  // namespace alexdb::store
