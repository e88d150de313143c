#include "store_fixture.h"

namespace alexdb::conformance {
namespace {

class LimitsTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (store_) table_ = make_table("limits");
  }
  std::string table_;
};
ALEXDB_CONFORMANCE_SUITE(LimitsTest);

TEST_P(LimitsTest, ItemsOver400KbAreRejectedAndNothingIsWritten) {
  Item big = key("p", "big");
  big["payload"] = S(std::string(400 * 1024, 'x'));
  EXPECT_THROW(put(table_, big), ValidationError);
  EXPECT_FALSE(get(table_, key("p", "big")));
}

TEST_P(LimitsTest, ItemsJustUnder400KbAreAccepted) {
  Item item = key("p", "fits");
  item["payload"] = S(std::string(400 * 1024 - 100, 'x'));
  put(table_, item);
  auto got = get(table_, key("p", "fits"));
  ASSERT_TRUE(got);
  EXPECT_EQ(got->at("payload").s().size(), 400u * 1024 - 100);
}

TEST_P(LimitsTest, NumbersOutsideDynamoDbsRangeCannotBeMade) {
  EXPECT_THROW(Value::N("1e126"), ValidationError);
  EXPECT_THROW(Value::N("1e-131"), ValidationError);
  EXPECT_THROW(Value::N("123456789012345678901234567890123456789"), ValidationError);
  Item item = key("p", "n");
  item["max"] = N("9.9999999999999999999999999999999999999e125");
  item["min"] = N("-1e-130");
  item["digits"] = N("12345678901234567890123456789012345678");
  put(table_, item);
  EXPECT_EQ(*get(table_, key("p", "n")), item);
}

TEST_P(LimitsTest, BadKeysAreRejected) {
  EXPECT_THROW(put(table_, {{"PK", S("p")}}), ValidationError);                    // no SK
  EXPECT_THROW(put(table_, {{"PK", N(1)}, {"SK", S("s")}}), ValidationError);      // wrong type
  EXPECT_THROW(put(table_, {{"PK", S("")}, {"SK", S("s")}}), ValidationError);     // empty
  EXPECT_THROW(get(table_, {{"PK", S("p")}}), ValidationError);
  EXPECT_THROW(get(table_, {{"PK", S("p")}, {"SK", S("s")}, {"x", S("y")}}), ValidationError);
  EXPECT_THROW(put(table_, {{"PK", S(std::string(2049, 'k'))}, {"SK", S("s")}}), ValidationError);
}

TEST_P(LimitsTest, EmptySetsAreRejected) {
  Item item = key("p", "set");
  item["tags"] = Value::SS({});
  EXPECT_THROW(put(table_, item), ValidationError);
}

TEST_P(LimitsTest, ConsumedCapacityFollowsDynamoDbsRules) {
  Item item = key("p", "cap");
  item["payload"] = S(std::string(5 * 1024, 'x'));  // about 5 KB: 2 read units, 6 write units
  WriteResult wrote = store_->put({table_, item, std::nullopt, ReturnValues::kNone});
  EXPECT_EQ(wrote.consumed.write_units, Decimal::from_int(6));
  GetResult strong = store_->get({table_, key("p", "cap"), true, {}});
  EXPECT_EQ(strong.consumed.read_units, Decimal::from_int(2));
  GetResult eventual = store_->get({table_, key("p", "cap"), false, {}});
  EXPECT_EQ(eventual.consumed.read_units, Decimal::from_int(1));
}

}  // namespace
}  // namespace alexdb::conformance
