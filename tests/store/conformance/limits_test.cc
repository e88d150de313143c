// DynamoDB's limits and input rules, and consumed capacity by DynamoDB's rules.
#include "store_fixture.h"

namespace alexdb::conformance {
namespace {

class LimitsTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (store_) table_ = make_table("limits");
  }

  // Item (p, sk) whose DynamoDB size (attribute names plus values) is exactly `bytes`,
  // padded with a string attribute "payload".
  static Item sized(const std::string& sk, std::size_t bytes) {
    const std::size_t fixed = 2 + 1 + 2 + sk.size() + 7;  // "PK" "p" "SK" sk "payload"
    return item("p", sk, {{"payload", S(std::string(bytes - fixed, 'x'))}});
  }

  // A value nested `depth` maps deep.
  static Value nested(int depth) {
    Value v = S("leaf");
    for (int i = 0; i < depth; ++i) v = Value::M({{"m", v}});
    return v;
  }

  std::string table_;
};
ALEXDB_CONFORMANCE_SUITE(LimitsTest);

// ---- Item size ----------------------------------------------------------------------

TEST_P(LimitsTest, AnItemOfExactly400KbIsAccepted) {
  put(table_, sized("fits", limits::kMaxItemBytes));
  auto got = get(table_, key("p", "fits"));
  ASSERT_TRUE(got);
  EXPECT_EQ(*got, sized("fits", limits::kMaxItemBytes));
}

TEST_P(LimitsTest, ItemsOver400KbAreRejectedAndNothingIsWritten) {
  EXPECT_THROW(put(table_, sized("big", limits::kMaxItemBytes + 1)), ValidationError);
  EXPECT_FALSE(get(table_, key("p", "big")));
  EXPECT_THROW(store_->batch_write({WriteOp::put(table_, sized("big", limits::kMaxItemBytes + 1))}),
               ValidationError);
  EXPECT_FALSE(get(table_, key("p", "big")));
}

TEST_P(LimitsTest, AnUpdateThatGrowsAnItemPast400KbIsRejected) {
  put(table_, sized("grow", limits::kMaxItemBytes - 10));
  Update u;
  u.set("more", S(std::string(100, 'y')));
  EXPECT_THROW(update(table_, key("p", "grow"), u), ValidationError);
  EXPECT_EQ(get(table_, key("p", "grow")), sized("grow", limits::kMaxItemBytes - 10));
}

// ---- Numbers ------------------------------------------------------------------------

TEST_P(LimitsTest, NumbersOutsideDynamoDbsRangeCannotBeMade) {
  EXPECT_THROW(Value::N("1e126"), ValidationError);
  EXPECT_THROW(Value::N("-1e126"), ValidationError);
  EXPECT_THROW(Value::N("1e-131"), ValidationError);
  EXPECT_THROW(Value::N("123456789012345678901234567890123456789"), ValidationError);  // 39 digits
  EXPECT_THROW(Value::N("NaN"), ValidationError);
  EXPECT_THROW(Value::N("Infinity"), ValidationError);
  EXPECT_THROW(D("9e125") + D("9e125"), ValidationError);
  EXPECT_THROW(D("99999999999999999999999999999999999999") + D("0.1"), ValidationError);
}

TEST_P(LimitsTest, NumbersAtTheEdgesOfTheRangeRoundTrip) {
  Item it = item("p", "n");
  it["max"] = N("9.9999999999999999999999999999999999999e125");
  it["neg"] = N("-9.9999999999999999999999999999999999999e125");
  it["min"] = N("1e-130");
  it["negmin"] = N("-1e-130");
  it["digits"] = N("12345678901234567890123456789012345678");
  it["fraction"] = N("0.12345678901234567890123456789012345678");
  put(table_, it);
  auto got = get(table_, key("p", "n"));
  ASSERT_TRUE(got);
  EXPECT_EQ(*got, it);
  EXPECT_EQ(got->at("digits").n().to_string(), "12345678901234567890123456789012345678");
  EXPECT_EQ(got->at("fraction").n().to_string(), "0.12345678901234567890123456789012345678");
}

TEST_P(LimitsTest, ArithmeticThatLeavesTheRangeIsRejected) {
  if (on_dynalite()) {
    GTEST_SKIP() << "dynalite stores out-of-range results of ADD and +; DynamoDB rejects them "
                    "(ValidationException: Number overflow)";
  }
  put(table_,
      item("p", "n", {{"big", N("9e125")}, {"wide", N("99999999999999999999999999999999999999")}}));
  Update overflow;
  overflow.add("big", N("9e125"));
  EXPECT_THROW(update(table_, key("p", "n"), overflow), ValidationError);
  Update too_precise;
  too_precise.set("wide", UpdateExpr(Path("wide")) + N("0.5"));
  EXPECT_THROW(update(table_, key("p", "n"), too_precise), ValidationError);
  EXPECT_EQ(
      get(table_, key("p", "n")),
      item("p", "n", {{"big", N("9e125")}, {"wide", N("99999999999999999999999999999999999999")}}));
  Update carry;  // 38 nines + 1 = 1e38: one significant digit, fine
  carry.add("wide", N(1));
  update(table_, key("p", "n"), carry);
  EXPECT_EQ(get(table_, key("p", "n"))->at("wide"), N("1e38"));
}

// ---- Keys and values ----------------------------------------------------------------

TEST_P(LimitsTest, MissingOrMistypedKeysAreRejected) {
  EXPECT_THROW(put(table_, {{"PK", S("p")}}), ValidationError);                // no SK
  EXPECT_THROW(put(table_, {{"SK", S("s")}}), ValidationError);                // no PK
  EXPECT_THROW(put(table_, {{"PK", N(1)}, {"SK", S("s")}}), ValidationError);  // wrong type
  EXPECT_THROW(put(table_, {{"PK", S("p")}, {"SK", B("s")}}), ValidationError);
  EXPECT_THROW(get(table_, {{"PK", S("p")}}), ValidationError);
  EXPECT_THROW(get(table_, {{"PK", S("p")}, {"SK", S("s")}, {"x", S("y")}}),
               ValidationError);  // not a key
  EXPECT_THROW(store_->remove({table_, {{"PK", S("p")}}, std::nullopt, ReturnValues::kNone}),
               ValidationError);
  Update u;
  u.set("v", N(1));
  EXPECT_THROW(update(table_, {{"PK", S("p")}, {"SK", N(1)}}, u), ValidationError);
  EXPECT_TRUE(query(table_, "p").items.empty());
}

TEST_P(LimitsTest, EmptyKeyValuesAreRejected) {
  EXPECT_THROW(put(table_, {{"PK", S("")}, {"SK", S("s")}}), ValidationError);
  EXPECT_THROW(put(table_, {{"PK", S("p")}, {"SK", S("")}}), ValidationError);
  EXPECT_THROW(get(table_, {{"PK", S("")}, {"SK", S("s")}}), ValidationError);
  std::string binary =
      create({"empty-b", {"PK", ScalarType::kS}, KeyAttribute{"SK", ScalarType::kB}, {}});
  EXPECT_THROW(put(binary, {{"PK", S("p")}, {"SK", B("")}}), ValidationError);
  EXPECT_TRUE(query(table_, "p").items.empty());
}

TEST_P(LimitsTest, KeySizesAreLimitedInBytes) {
  const std::string e_acute = "\xc3\xa9";  // two bytes
  std::string pk_2048, sk_1024, sk_1026;
  for (int i = 0; i < 1024; ++i) pk_2048 += e_acute;
  for (int i = 0; i < 512; ++i) sk_1024 += e_acute;
  sk_1026 = sk_1024 + e_acute;
  put(table_, {{"PK", S(pk_2048)}, {"SK", S(sk_1024)}});
  EXPECT_TRUE(get(table_, {{"PK", S(pk_2048)}, {"SK", S(sk_1024)}}));
  EXPECT_THROW(put(table_, {{"PK", S(pk_2048 + "x")}, {"SK", S("s")}}), ValidationError);
  EXPECT_THROW(put(table_, {{"PK", S("p")}, {"SK", S(sk_1026)}}), ValidationError);
}

TEST_P(LimitsTest, EmptySetsAreRejected) {
  EXPECT_THROW(put(table_, item("p", "set", {{"tags", Value::SS({})}})), ValidationError);
  EXPECT_THROW(put(table_, item("p", "set", {{"nums", Value::NS({})}})), ValidationError);
  EXPECT_THROW(put(table_, item("p", "set", {{"m", Value::M({{"bins", Value::BS({})}})}})),
               ValidationError);
  EXPECT_FALSE(get(table_, key("p", "set")));
}

TEST_P(LimitsTest, NestingIsLimitedTo32Levels) {
  put(table_, item("p", "shallow", {{"v", nested(20)}}));
  EXPECT_EQ(get(table_, key("p", "shallow"))->at("v"), nested(20));
  EXPECT_THROW(put(table_, item("p", "deep", {{"v", nested(40)}})), ValidationError);
  EXPECT_FALSE(get(table_, key("p", "deep")));
}

// ---- Consumed capacity ----------------------------------------------------------------

TEST_P(LimitsTest, WritesConsumeOneUnitPerKilobyte) {
  EXPECT_EQ(store_->put({table_, sized("a", 1024), std::nullopt, ReturnValues::kNone})
                .consumed.write_units,
            D("1"));
  EXPECT_EQ(store_->put({table_, sized("b", 1025), std::nullopt, ReturnValues::kNone})
                .consumed.write_units,
            D("2"));
  EXPECT_EQ(store_->put({table_, sized("c", 1536), std::nullopt, ReturnValues::kNone})
                .consumed.write_units,
            D("2"));
  EXPECT_EQ(store_->put({table_, sized("d", 5 * 1024), std::nullopt, ReturnValues::kNone})
                .consumed.write_units,
            D("5"));
  auto deleted = store_->remove({table_, key("p", "c"), std::nullopt, ReturnValues::kNone});
  EXPECT_EQ(deleted.consumed.write_units, D("2"));
  auto nothing = store_->remove({table_, key("p", "c"), std::nullopt, ReturnValues::kNone});
  EXPECT_EQ(nothing.consumed.write_units, D("1"));
}

TEST_P(LimitsTest, UpdatesConsumeUnitsForTheLargerOfOldAndNew) {
  put(table_, sized("u", 1536));
  Update grow;
  grow.set("more", S(std::string(1024, 'y')));  // 1536 + 4 + 1024 bytes: 3 units
  EXPECT_EQ(update(table_, key("p", "u"), grow).consumed.write_units, D("3"));
  Update shrink;
  shrink.remove("more").remove("payload");  // from 2564 bytes to 8: still 3 units
  EXPECT_EQ(update(table_, key("p", "u"), shrink).consumed.write_units, D("3"));
}

TEST_P(LimitsTest, ReadsConsumeOneUnitPerFourKilobytesHalfWhenEventual) {
  put(table_, sized("small", 1536));
  put(table_, sized("five", 5 * 1024));
  EXPECT_EQ(store_->get({table_, key("p", "small"), true, {}}).consumed.read_units, D("1"));
  EXPECT_EQ(store_->get({table_, key("p", "small"), false, {}}).consumed.read_units, D("0.5"));
  EXPECT_EQ(store_->get({table_, key("p", "five"), true, {}}).consumed.read_units, D("2"));
  EXPECT_EQ(store_->get({table_, key("p", "five"), false, {}}).consumed.read_units, D("1"));
  // A read that finds nothing still costs the minimum.
  EXPECT_EQ(store_->get({table_, key("p", "none"), true, {}}).consumed.read_units, D("1"));
  EXPECT_EQ(store_->get({table_, key("p", "none"), false, {}}).consumed.read_units, D("0.5"));
}

TEST_P(LimitsTest, QueriesConsumeUnitsForTheSumOfTheItemsRead) {
  for (const char* sk : {"q1", "q2", "q3"}) put(table_, sized(sk, 1536));  // 4608 bytes: 2 units
  QueryRequest q = query_request(table_, S("p"));
  EXPECT_EQ(store_->query(q).consumed.read_units, D("2"));
  q.consistent_read = false;
  EXPECT_EQ(store_->query(q).consumed.read_units, D("1"));
  q.filter = cond::attribute_not_exists("payload");  // filtered items were still read
  QueryResult filtered = store_->query(q);
  EXPECT_TRUE(filtered.items.empty());
  EXPECT_EQ(filtered.consumed.read_units, D("1"));
}

}  // namespace
}  // namespace alexdb::conformance
