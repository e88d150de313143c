// DynamoDB's rules for the document paths of one request.
#include "store/path_rules.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "alexdb/errors.h"

namespace alexdb::store {
namespace {

// The rule check_disjoint_paths() breaks for `a` and `b`, or "" when they may go together.
std::string broken_rule(const Path& a, const Path& b) {
  try {
    check_disjoint_paths({&a, &b}, "UpdateExpression");
    return "";
  } catch (const ValidationError& e) {
    EXPECT_EQ(e.field(), "UpdateExpression");
    return e.rule();
  }
}

const std::string kOverlap = "two document paths overlap with each other";
const std::string kConflict = "two document paths conflict with each other";

TEST(PathRulesTest, EqualPathsOverlap) {
  EXPECT_EQ(broken_rule(Path("a"), Path("a")), kOverlap);
  EXPECT_EQ(broken_rule(Path("a").index(1).key("b"), Path("a").index(1).key("b")), kOverlap);
}

TEST(PathRulesTest, APathAndItsPrefixOverlapInEitherOrder) {
  EXPECT_EQ(broken_rule(Path("a"), Path("a").key("b")), kOverlap);
  EXPECT_EQ(broken_rule(Path("a").key("b").key("c").key("d"), Path("a").key("b")), kOverlap);
  EXPECT_EQ(broken_rule(Path("a").index(1), Path("a").index(1).index(1)), kOverlap);
}

TEST(PathRulesTest, AMapKeyAndAListIndexAtOneLevelConflict) {
  EXPECT_EQ(broken_rule(Path("a").key("b"), Path("a").index(1)), kConflict);
  EXPECT_EQ(broken_rule(Path("a").key("b").key("c"), Path("a").key("b").index(2)), kConflict);
}

TEST(PathRulesTest, PathsThatPartBeforeTheyDifferInKindAreDisjoint) {
  EXPECT_EQ(broken_rule(Path("a").key("b").key("c"), Path("a").key("x").index(1)), "");
  EXPECT_EQ(broken_rule(Path("a").index(0), Path("a").index(1)), "");
  EXPECT_EQ(broken_rule(Path("a"), Path("ab")), "");
}

TEST(PathRulesTest, TheErrorNamesBothPaths) {
  Path a = Path("a").key("b");
  Path b = Path("a");
  try {
    check_disjoint_paths({&a, &b}, "ProjectionExpression");
    ADD_FAILURE() << "accepted";
  } catch (const ValidationError& e) {
    EXPECT_NE(std::string(e.what()).find("path one: a.b, path two: a"), std::string::npos)
        << e.what();
  }
}

TEST(PathRulesTest, EveryPairIsChecked) {
  Path a("a"), b("b"), c("c"), b_child = Path("b").key("x");
  EXPECT_NO_THROW(check_disjoint_paths({&a, &b, &c}, "f"));
  EXPECT_THROW(check_disjoint_paths({&a, &b, &c, &b_child}, "f"), ValidationError);
}

TEST(PathRulesTest, PathsNestAtMost32LevelsBelowTheirAttribute) {
  Path p("a");
  for (int i = 0; i < 32; ++i) p = p.index(0);
  EXPECT_NO_THROW(check_path_depth(p, "f"));
  EXPECT_THROW(check_path_depth(p.key("k"), "f"), ValidationError);
}

}  // namespace
}  // namespace alexdb::store
