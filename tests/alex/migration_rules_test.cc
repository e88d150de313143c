// The legacy rule (legacy.h) and the rewrites of the migration (migration_rules.h), as
// pure functions: what marks a reference package's record, and what one position's
// records become.
#include "alex/migration_rules.h"

#include <gtest/gtest.h>

#include "alex/legacy.h"
#include "alex/record_items.h"
#include "alexdb/errors.h"

namespace alexdb::alex::migration {
namespace {

Item users_item(std::string pk, std::string sk, Item attributes = {}) {
  attributes.emplace("PK", Value::S(std::move(pk)));
  attributes.emplace("SK", Value::S(std::move(sk)));
  return attributes;
}

Item history_at(const std::string& at, const char* quantity, const char* action = "BUY") {
  return users_item("ACCOUNT#a1", "HISTORY#SPY#" + at,
                    {{"symbol", Value::S("SPY")},
                     {"quantity", Value::N(std::string_view(quantity))},
                     {"action", Value::S(action)}});
}

const Item& put_at(const Rewrite& r, const std::string& sk) {
  for (const Item& item : r.puts) {
    if (item.at("SK").s() == sk) return item;
  }
  throw std::runtime_error("no put at " + sk);
}

TEST(LegacyRuleTest, TellsTheReferencesRecordsApart) {
  EXPECT_TRUE(legacy::reason(users_item("USER#u1", "ACCOUNT#a1")));
  EXPECT_FALSE(legacy::reason(users_item("USER#u1", "ACCOUNT#a1", {{"id", Value::S("a1")}})));
  EXPECT_TRUE(legacy::reason(users_item("ACCOUNT#a1", "CURRENT#SPY")));
  EXPECT_FALSE(
      legacy::reason(users_item("ACCOUNT#a1", "CURRENT#SPY", {{"version", Value::N(1)}})));
  // The reference's CURRENT records have neither account_id nor version; this version's
  // fast commit does not store the account id (the partition key's).
  EXPECT_TRUE(
      legacy::reason(users_item("ACCOUNT#a1", "CURRENT#SPY", {{"account_id", Value::S("a1")}})));
  EXPECT_TRUE(legacy::reason(users_item("ACCOUNT#a1", "HISTORY#SPY#2025-01-15T14:30:00.000000Z")));
  EXPECT_TRUE(legacy::reason(
      users_item("ACCOUNT#a1", "HISTORY#SPY#2025-01-15T14:30:00", {{"version", Value::N(1)}})));
  EXPECT_TRUE(legacy::reason(
      users_item("USER#u1", "JOB#2025-01-15T14:30:00#j1", {{"id", Value::S("j1")}})));
  EXPECT_FALSE(legacy::reason(users_item("USER#u1", "METADATA")));
  Item price{{"symbol", Value::S("SPY")}, {"SK", Value::S("2025-01-15T14:30:00+00:00")}};
  EXPECT_TRUE(legacy::reason(price));
  price.insert_or_assign("SK", Value::S("2025-01-15T14:30:00.000000Z"));
  EXPECT_FALSE(legacy::reason(price));
  EXPECT_FALSE(legacy::reason(Item{{"symbol", Value::S("SPY")}}));  // a map without keys
}

// Reads tell the forms apart by shape alone (cheap on every item); the migration also
// checks the date itself.
TEST(LegacyRuleTest, FixedWidthShapeAndTime) {
  for (const char* isoformat : {"2025-01-15T14:30:00", "2025-01-15T14:30:00.123456",
                                "2025-01-15T14:30:00+00:00", "2025-01-15T14:30:00.123456+00:00",
                                "2025-01-15", "2025-01-15T14:30:00.123Z", ""}) {
    EXPECT_FALSE(legacy::fixed_width_shape(isoformat)) << isoformat;
    EXPECT_FALSE(legacy::fixed_width_time(isoformat)) << isoformat;
  }
  EXPECT_TRUE(legacy::fixed_width_shape("2025-01-15T14:30:00.123456Z"));
  EXPECT_TRUE(legacy::fixed_width_time("2025-01-15T14:30:00.123456Z"));
  EXPECT_FALSE(legacy::fixed_width_shape("2025-01-15T14:30:00.12345aZ"));
  EXPECT_TRUE(legacy::fixed_width_shape("2025-02-30T14:30:00.000000Z"));  // shape only
  EXPECT_FALSE(legacy::fixed_width_time("2025-02-30T14:30:00.000000Z"));
}

// parse_fixed_width() gives an instant exactly for the texts that have the shape and
// parse, of every length parsing accepts near 27 characters.
TEST(LegacyRuleTest, ParseFixedWidthIsShapeAndParse) {
  for (const char* text :
       {"2025-01-15T14:30:00.123456Z", "2025-01-15 14:30:00.123456Z", "2025-01-15T14:30:00.1+00:00",
        "2025-01-15T14:30:00.12345+0Z", "2025-01-15T14:30:00.1234567", "2025-01-15T14:30:00,123456Z",
        "2025-02-30T14:30:00.000000Z", "2025-01-15T14:30:00.12345aZ", "2025-01-15T14:30:00.123456z",
        "2025-01-15T14:30+00:00:00.0Z", "9999-12-31T23:59:59.999999Z", "1970-01-01T00:00:00.000000Z",
        "2025-01-15T14:30:00.123456", "2025-01-15T14:30:00.123Z", ""}) {
    std::optional<Timestamp> expected;
    if (legacy::fixed_width_shape(text)) expected = Timestamp::parse(text);
    EXPECT_EQ(legacy::parse_fixed_width(text), expected) << text;
  }
  EXPECT_EQ(legacy::parse_fixed_width("2025-01-15T14:30:00.123456Z"),
            Timestamp::parse("2025-01-15T14:30:00.123456Z"));
}

TEST(LegacyRuleTest, MessageNamesTheKeyAndTheCommand) {
  Item item = users_item("ACCOUNT#a1", "CURRENT#SPY");
  try {
    legacy::refuse(item);
    FAIL() << "no LegacyRecord";
  } catch (const LegacyRecord& e) {
    EXPECT_NE(std::string(e.what()).find("PK=ACCOUNT#a1, SK=CURRENT#SPY"), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("alexdb migrate"), std::string::npos);
  }
}

TEST(MigrationRulesTest, HistoryIsNumberedInTimeOrderAndCurrentIsItsNewest) {
  Item current = users_item("ACCOUNT#a1", "CURRENT#SPY",
                            {{"symbol", Value::S("SPY")},
                             {"quantity", Value::N(40)},
                             {"timestamp", Value::S("2025-02-01T10:00:00")}});
  Rewrite r = rewrite_position("a1", "SPY", current,
                               {history_at("2025-02-01T10:00:00", "40", "SELL"),
                                history_at("2025-01-10T09:00:00.5", "100")});
  ASSERT_EQ(r.puts.size(), 3u);
  const Item& first = put_at(r, "HISTORY#SPY#2025-01-10T09:00:00.500000Z");
  EXPECT_EQ(first.at("version"), Value::N(1));
  EXPECT_EQ(first.at("previous_quantity"), Value::N(0));
  EXPECT_FALSE(first.contains("account_id"));  // the partition key's
  EXPECT_FALSE(first.contains("timestamp"));   // the sort key's
  EXPECT_EQ(change_from_item(first).timestamp, "2025-01-10T09:00:00.500000Z");
  const Item& second = put_at(r, "HISTORY#SPY#2025-02-01T10:00:00.000000Z");
  EXPECT_EQ(second.at("previous_quantity"), Value::N(100));
  EXPECT_EQ(second.at("version"), Value::N(2));
  const Item& cur = r.puts.back();  // CURRENT last: the commit point
  EXPECT_EQ(cur.at("SK"), Value::S("CURRENT#SPY"));
  EXPECT_EQ(cur.at("quantity"), Value::N(40));
  EXPECT_EQ(cur.at("version"), Value::N(2));
  EXPECT_EQ(cur.at("timestamp"), Value::S("2025-02-01T10:00:00.000000Z"));
  EXPECT_TRUE(cur.at("last_change").is_m());
  EXPECT_EQ(r.deletes.size(), 2u);  // both old keys changed
}

TEST(MigrationRulesTest, NewerCurrentAddsTheChangeItImplies) {
  Item current = users_item("ACCOUNT#a1", "CURRENT#SPY",
                            {{"symbol", Value::S("SPY")},
                             {"quantity", Value::N(70)},
                             {"timestamp", Value::S("2025-03-01T00:00:00+00:00")}});
  Rewrite r = rewrite_position("a1", "SPY", current, {history_at("2025-01-10T09:00:00", "100")});
  const Item& implied = put_at(r, "HISTORY#SPY#2025-03-01T00:00:00.000000Z");
  EXPECT_EQ(implied.at("action"), Value::S("UPDATE"));
  EXPECT_EQ(implied.at("previous_quantity"), Value::N(100));
  EXPECT_EQ(r.puts.back().at("quantity"), Value::N(70));
}

TEST(MigrationRulesTest, OlderCurrentYieldsToTheNewestHistory) {
  Item current = users_item("ACCOUNT#a1", "CURRENT#SPY",
                            {{"symbol", Value::S("SPY")},
                             {"quantity", Value::N(5)},
                             {"timestamp", Value::S("2025-01-01T00:00:00")}});
  Rewrite r = rewrite_position("a1", "SPY", current, {history_at("2025-01-10T09:00:00", "100")});
  ASSERT_EQ(r.puts.size(), 2u);
  EXPECT_EQ(r.puts.back().at("quantity"), Value::N(100));
}

TEST(MigrationRulesTest, TheSameChangeInBothLayoutsIsOneChange) {
  // A rerun after a partial run: the rewritten record beside its legacy original.
  Item rewritten = history_at("2025-01-10T09:00:00.000000Z", "100");
  rewritten.emplace("version", Value::N(1));
  Rewrite r = rewrite_position("a1", "SPY", std::nullopt,
                               {history_at("2025-01-10T09:00:00", "100"), rewritten});
  EXPECT_EQ(r.puts.size(), 2u);  // one HISTORY record, one CURRENT
  ASSERT_EQ(r.deletes.size(), 1u);
  EXPECT_EQ(r.deletes[0].at("SK"), Value::S("HISTORY#SPY#2025-01-10T09:00:00"));
}

TEST(MigrationRulesTest, TwoDifferentChangesAtOneInstantAreRefused) {
  EXPECT_THROW(rewrite_position("a1", "SPY", std::nullopt,
                                {history_at("2025-01-10T09:00:00", "100"),
                                 history_at("2025-01-10T09:00:00+00:00", "90")}),
               ValidationError);
}

TEST(MigrationRulesTest, JobIsRekeyedWithItsIdAndPointer) {
  Item job = users_item("USER#u1", "JOB#2025-01-15T14:30:00#j1",
                        {{"job_type", Value::S("portfolio_analysis")},
                         {"status", Value::S("running")},
                         {"created_at", Value::S("2025-01-15T14:30:00")}});
  ASSERT_TRUE(needs_rewrite(MigrationKind::kJob, job));
  Rewrite r = rewrite_record(MigrationKind::kJob, job);
  ASSERT_EQ(r.puts.size(), 2u);
  EXPECT_EQ(r.puts[0].at("SK"), Value::S("JOB#2025-01-15T14:30:00.000000Z#j1"));
  EXPECT_EQ(r.puts[0].at("id"), Value::S("j1"));
  EXPECT_EQ(r.puts[0].at("GSI1PK"), Value::S("JOB#running"));
  EXPECT_EQ(r.puts[0].at("GSI1SK"), Value::S("USER#u1#2025-01-15T14:30:00.000000Z"));
  EXPECT_EQ(r.puts[1].at("PK"), Value::S("JOB#j1"));
  ASSERT_EQ(r.deletes.size(), 1u);
  EXPECT_FALSE(needs_rewrite(MigrationKind::kJob, r.puts[0]));
}

TEST(MigrationRulesTest, InstrumentTakesItsNewestPriceRecord) {
  Item meta{{"symbol", Value::S("SPY")},
            {"SK", Value::S("META")},
            {"name", Value::S("S&P")},
            {"instrument_type", Value::S("etf")},
            {"current_price", Value::N(1)}};
  PricePoint newest{"SPY", "2025-01-13T21:00:00.000000Z", Decimal::parse("455.5"), {}, {}};
  EXPECT_FALSE(instrument_needs_rewrite(meta, std::nullopt));
  ASSERT_TRUE(instrument_needs_rewrite(meta, newest));
  Rewrite r = rewrite_instrument(meta, newest);
  EXPECT_EQ(r.puts[0].at("current_price"), Value::N(Decimal::parse("455.5")));
  EXPECT_EQ(r.puts[0].at("price_timestamp"), Value::S(newest.timestamp));
  EXPECT_FALSE(instrument_needs_rewrite(r.puts[0], newest));
}

}  // namespace
}  // namespace alexdb::alex::migration
