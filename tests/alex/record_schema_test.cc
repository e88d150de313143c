// The field tables: every conversion of a record derives from its one declaration.
#include "alex/record_schema.h"

#include <gtest/gtest.h>

#include "alex/record_items.h"
#include "alexdb/errors.h"
#include "test_values.h"

namespace alexdb::alex {
namespace {

// A small record type with one field of each kind, declared as the real tables are.
struct Sample {
  std::string id;
  std::string name;
  std::optional<std::string> note;
  Decimal amount;
  std::optional<Decimal> limit;
  std::int64_t version = 0;
  bool flag = false;
  Allocation shares;
  std::optional<Value> payload;
  std::string created_at;
};

const Schema<Sample>& sample_schema() {
  static const Schema<Sample> schema(
      "sample",
      {field("id", &Sample::id).always_stored().shown_as("ID"),
       field("name", &Sample::name).must_on_create().set_on(Settable::kAlways).shown_as("NAME"),
       field("note", &Sample::note).set_on(Settable::kAlways).cleared_by_null(),
       field("amount", &Sample::amount)
           .or_default(Value::N(Decimal::from_int(5)))
           .checked([](const Value& v, std::string_view f) {
             if (v.n() < Decimal()) throw ValidationError(std::string(f), ">= 0");
             return v;
           })
           .set_on(Settable::kAlways)
           .shown_as("AMOUNT"),
       field("limit", &Sample::limit).set_on(Settable::kOnCreate),
       field("version", &Sample::version), field("flag", &Sample::flag).set_on(Settable::kOnUpdate),
       field("shares", &Sample::shares).set_on(Settable::kAlways),
       field("payload", &Sample::payload).set_on(Settable::kAlways).omitted_when_null(),
       field("created_at", &Sample::created_at).set_on(Settable::kIgnoredOnCreate)});
  return schema;
}

TEST(record_schema_test, create_takes_defaults_and_drops_ignored_fields) {
  Checked checked = sample_schema().for_create(
      {{"name", Value::S("n")}, {"limit", Value::S("2.5")}, {"created_at", Value::S("x")}});
  EXPECT_EQ(checked.at("name"), Value::S("n"));
  EXPECT_EQ(checked.at("amount"), Value::N(Decimal::from_int(5)));
  EXPECT_EQ(checked.at("limit"), Value::N(Decimal::parse("2.5")));
  EXPECT_FALSE(checked.contains("created_at"));
  EXPECT_FALSE(checked.contains("note"));
}

TEST(record_schema_test, create_refuses_missing_required_unknown_and_library_fields) {
  const auto& schema = sample_schema();
  auto field_of = [&](const Fields& fields) {
    try {
      schema.for_create(fields);
    } catch (const ValidationError& e) {
      return e.field();
    }
    return std::string("(accepted)");
  };
  EXPECT_EQ(field_of({}), "name");
  EXPECT_EQ(field_of({{"name", Value::S("n")}, {"bogus", Value::S("x")}}), "bogus");
  EXPECT_EQ(field_of({{"name", Value::S("n")}, {"id", Value::S("x")}}), "id");
  EXPECT_EQ(field_of({{"name", Value::S("n")}, {"flag", Value::Bool(true)}}), "flag");
  EXPECT_EQ(field_of({{"name", Value::N(Decimal::from_int(1))}}), "name");
  EXPECT_EQ(field_of({{"name", Value::S("n")}, {"amount", Value::S("-1")}}), "amount");
  EXPECT_EQ(field_of({{"name", Value::S("n")}, {"amount", Value::S("abc")}}), "amount");
}

TEST(record_schema_test, update_clears_only_fields_cleared_by_null) {
  Checked changes = sample_schema().for_update(
      {{"note", Value::Null()}, {"name", Value::Null()}, {"flag", Value::Bool(true)}});
  EXPECT_EQ(changes.at("note"), Value::Null());
  EXPECT_FALSE(changes.contains("name"));  // NULL means "not given"
  EXPECT_EQ(changes.at("flag"), Value::Bool(true));
  EXPECT_THROW(sample_schema().for_update({{"limit", Value::S("1")}}), ValidationError);
  EXPECT_THROW(sample_schema().for_update({{"created_at", Value::S("x")}}), ValidationError);
}

TEST(record_schema_test, item_round_trip_keeps_every_stored_field) {
  Sample s;
  s.id = "i1";
  s.name = "n";
  s.note = "hello";
  s.amount = Decimal::parse("12.5");
  s.version = 7;
  s.flag = true;
  s.shares = {{"equity", Decimal::from_int(100)}};
  s.payload = Value::M({{"k", Value::S("v")}});
  s.created_at = "2025-01-01T00:00:00.000000Z";
  Item item = sample_schema().to_item(s, {{"PK", Value::S("P")}});
  EXPECT_EQ(item.at("PK"), Value::S("P"));
  EXPECT_FALSE(item.contains("limit"));  // unset optionals are not stored
  Sample back = sample_schema().from_item(item);
  EXPECT_EQ(sample_schema().to_fields(back), sample_schema().to_fields(s));
}

TEST(record_schema_test, reading_applies_defaults_and_rejects_bad_stored_values) {
  Sample s = sample_schema().from_item({{"id", Value::S("i1")}});
  EXPECT_EQ(s.amount, Decimal::from_int(5));
  EXPECT_EQ(s.name, "");
  EXPECT_THROW(sample_schema().from_item({}), StoreError);  // id is always stored
  EXPECT_THROW(sample_schema().from_item({{"id", Value::S("i")}, {"amount", Value::S("1")}}),
               StoreError);
  EXPECT_THROW(sample_schema().from_item(
                   {{"id", Value::S("i")}, {"shares", Value::M({{"a", Value::S("1")}})}}),
               StoreError);
}

TEST(record_schema_test, to_fields_shows_unset_optionals_as_null_unless_omitted) {
  Fields fields = sample_schema().to_fields(Sample{});
  EXPECT_EQ(fields.at("note"), Value::Null());
  EXPECT_FALSE(fields.contains("payload"));
  EXPECT_EQ(fields.at("version"), Value::N(Decimal()));
}

TEST(record_schema_test, columns_follow_field_order_and_type) {
  std::vector<Column> columns = sample_schema().columns();
  ASSERT_EQ(columns.size(), 3u);
  EXPECT_EQ(columns[0].header, "ID");
  EXPECT_EQ(columns[1].field, "name");
  EXPECT_FALSE(columns[1].numeric);
  EXPECT_EQ(columns[2].header, "AMOUNT");
  EXPECT_TRUE(columns[2].numeric);
}

TEST(record_schema_test, update_of_sets_values_and_removes_nulls) {
  Update update = update_of({{"a", Value::S("x")}, {"b", Value::Null()}});
  ASSERT_EQ(update.sets().size(), 1u);
  EXPECT_EQ(update.sets()[0].path, Path("a"));
  ASSERT_EQ(update.removes().size(), 1u);
  EXPECT_EQ(update.removes()[0], Path("b"));
}

// The real tables: each stored record reads back as it was written.
TEST(record_schema_test, every_stored_record_round_trips_through_its_item) {
  Account a;
  a.id = "acc";
  a.clerk_user_id = "u1";
  a.account_name = "Roth";
  a.cash_balance = Decimal::parse("10.5");
  a.created_at = a.updated_at = "2025-01-01T00:00:00.000000Z";
  EXPECT_EQ(account_from_item(account_item(a)).to_fields(), a.to_fields());

  Job j;
  j.id = "j1";
  j.clerk_user_id = "u1";
  j.job_type = "portfolio_analysis";
  j.status = "running";
  j.report_payload = Value::M({{"x", Value::N(Decimal::from_int(1))}});
  j.created_at = j.updated_at = "2025-01-01T00:00:00.000000Z";
  EXPECT_EQ(job_from_item(job_item(j)).to_fields(), j.to_fields());

  PositionChange c{"SPY", Decimal::from_int(3),          Decimal::from_int(1),
                   "BUY", "2025-01-01T21:00:00.000000Z", 4};
  EXPECT_EQ(change_from_item(history_item("acc", c)).to_fields(), c.to_fields());
  EXPECT_EQ(change_from_item(change_value(c).m()).to_fields(), c.to_fields());

  PricePoint p{"SPY", "2025-01-01T21:00:00.000000Z", Decimal::parse("450.25"), std::nullopt,
               "manual"};
  EXPECT_EQ(price_from_item(price_item(p)).to_fields(), p.to_fields());
}

}  // namespace
}  // namespace alexdb::alex

namespace alexdb::alex {
namespace {

// The input of Positions::create()/update(): a change, not a stored record.
TEST(record_schema_test, position_input_takes_a_change_and_ignores_stored_fields) {
  const auto& schema = change_input_schema();
  ChangeInput in = schema.record_of(schema.for_create({{"account_id", Value::S("a1")},
                                                       {"symbol", Value::S("spy")},
                                                       {"quantity", Value::S("3")},
                                                       {"action", Value::S("buy")},
                                                       {"as_of_date", Value::S("x")}}));
  EXPECT_EQ(in.symbol, "SPY");
  EXPECT_EQ(in.action, "BUY");
  EXPECT_EQ(in.quantity, Decimal::from_int(3));
  EXPECT_FALSE(in.timestamp.has_value());
  EXPECT_THROW(schema.for_create({{"account_id", Value::S("a1")}, {"symbol", Value::S("X")}}),
               ValidationError);  // quantity required
  EXPECT_THROW(schema.for_update({{"symbol", Value::S("X")}}), ValidationError);  // not changeable
  EXPECT_THROW(schema.for_update({{"quantity", Value::S("-1")}}), ValidationError);
}

}  // namespace
}  // namespace alexdb::alex
