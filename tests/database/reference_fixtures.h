// Tables as the seed's reference Python package wrote them (SPEC section 10): its item
// shapes, written raw through the Store API, and the records its calls returned for
// them, spelled out. Shared by the migration tests.
#ifndef ALEXDB_TESTS_DATABASE_REFERENCE_FIXTURES_H_
#define ALEXDB_TESTS_DATABASE_REFERENCE_FIXTURES_H_

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "alexdb/database.h"
#include "alexdb/records.h"
#include "alexdb/store.h"
#include "alexdb/value.h"
#include "model/base64.h"
#include "test_values.h"

namespace alexdb::reference_fixtures {

using namespace alexdb::test_values;

inline const std::string kAccountRoth = "11111111-1111-4111-8111-111111111111";
inline const std::string kAccountTaxable = "22222222-2222-4222-8222-222222222222";
inline const std::string kAccountBob = "33333333-3333-4333-8333-333333333333";
inline const std::string kJobPending = "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaa1";
inline const std::string kJobCompleted = "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaa2";
inline const std::string kJobFailed = "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaa3";

inline Value map_of(std::initializer_list<std::pair<const std::string, Value>> entries) {
  return Value::M(Value::Map(entries));
}

// The users-table items of two users: three accounts; SPY (bought, partly sold) and QQQ
// (sold out) with history in the Roth account, VTI with a CURRENT record and no history
// in the taxable one, BND in Bob's; three jobs of different statuses.
inline std::vector<Item> reference_user_items() {
  std::vector<Item> items;
  items.push_back(
      {{"PK", S("USER#u1")},
       {"SK", S("METADATA")},
       {"clerk_user_id", S("u1")},
       {"display_name", S("Jane Doe")},
       {"years_until_retirement", N("25")},
       {"target_retirement_income", N("80000.50")},
       {"asset_class_targets", map_of({{"equity", N("70")}, {"fixed_income", N("30")}})},
       {"region_targets", map_of({{"north_america", N("60")}, {"international", N("40")}})},
       {"created_at", S("2025-01-01T10:00:00.123456")},
       {"updated_at", S("2025-01-02T10:00:00")}});
  items.push_back({{"PK", S("USER#u2")},
                   {"SK", S("METADATA")},
                   {"clerk_user_id", S("u2")},
                   {"display_name", S("Bob")},
                   {"asset_class_targets", map_of({{"equity", N("100")}})},
                   {"region_targets", map_of({{"north_america", N("100")}})},
                   {"created_at", S("2025-01-03T08:00:00+00:00")},
                   {"updated_at", S("2025-01-03T08:00:00+00:00")}});
  auto account = [&](const std::string& user, const std::string& id, const char* name,
                     const char* purpose, const char* cash, const char* interest, const char* at) {
    items.push_back({{"PK", S("USER#" + user)},
                     {"SK", S("ACCOUNT#" + id)},
                     {"clerk_user_id", S(user)},
                     {"account_name", S(name)},
                     {"account_purpose", S(purpose)},
                     {"cash_balance", N(cash)},
                     {"cash_interest", N(interest)},
                     {"created_at", S(at)},
                     {"updated_at", S(at)}});
  };
  account("u1", kAccountRoth, "Roth IRA", "retirement", "1000.50", "0.02", "2025-01-05T09:00:00");
  account("u1", kAccountTaxable, "Taxable", "growth", "0", "0", "2025-01-06T09:00:00.500000");
  account("u2", kAccountBob, "Bob's 401k", "retirement", "12.5", "0.015",
          "2025-01-07T09:00:00+00:00");
  auto history = [&](const std::string& account_id, const char* symbol, const char* at,
                     const char* quantity, const char* action) {
    items.push_back({{"PK", S("ACCOUNT#" + account_id)},
                     {"SK", S(std::string("HISTORY#") + symbol + "#" + at)},
                     {"symbol", S(symbol)},
                     {"quantity", N(quantity)},
                     {"action", S(action)},
                     {"timestamp", S(at)}});
  };
  auto current = [&](const std::string& account_id, const char* symbol, const char* at,
                     const char* quantity, const char* action) {
    items.push_back({{"PK", S("ACCOUNT#" + account_id)},
                     {"SK", S(std::string("CURRENT#") + symbol)},
                     {"symbol", S(symbol)},
                     {"quantity", N(quantity)},
                     {"action", S(action)},
                     {"timestamp", S(at)},
                     {"updated_at", S(at)}});
  };
  history(kAccountRoth, "SPY", "2025-01-10T15:30:00.123456", "100", "BUY");
  history(kAccountRoth, "SPY", "2025-03-03T15:30:00", "60.5", "SELL");
  current(kAccountRoth, "SPY", "2025-03-03T15:30:00", "60.5", "SELL");
  history(kAccountRoth, "QQQ", "2025-01-15T14:30:00+00:00", "10", "BUY");
  history(kAccountRoth, "QQQ", "2025-02-01T10:00:00", "0", "SELL");
  current(kAccountRoth, "QQQ", "2025-02-01T10:00:00", "0", "SELL");
  current(kAccountTaxable, "VTI", "2025-02-10T12:00:00", "25", "BUY");
  history(kAccountBob, "BND", "2025-01-05T09:00:00", "5", "TRANSFER");
  current(kAccountBob, "BND", "2025-01-05T09:00:00", "5", "TRANSFER");
  auto job = [&](const std::string& user, const std::string& id, const char* at, const char* status,
                 Item extra) {
    Item item{{"PK", S("USER#" + user)},
              {"SK", S(std::string("JOB#") + at + "#" + id)},
              {"GSI1PK", S(std::string("JOB#") + status)},
              {"GSI1SK", S("USER#" + user + "#" + at)},
              {"clerk_user_id", S(user)},
              {"job_type", S("portfolio_analysis")},
              {"status", S(status)},
              {"request_payload", map_of({{"years", N("25")}, {"goal", S("retire")}})},
              {"created_at", S(at)},
              {"updated_at", S(at)}};
    for (auto& [k, v] : extra) item.insert_or_assign(k, v);
    items.push_back(std::move(item));
  };
  job("u1", kJobPending, "2025-01-15T14:30:00.123456", "pending", {});
  job("u1", kJobCompleted, "2025-01-16T08:00:00", "completed",
      {{"report_payload", map_of({{"summary", S("ok")}, {"score", N("0.875")}})},
       {"started_at", S("2025-01-16T08:00:01")},
       {"completed_at", S("2025-01-16T08:05:00.250000")},
       {"updated_at", S("2025-01-16T08:05:00.250000")}});
  job("u2", kJobFailed, "2025-01-17T12:00:00+00:00", "failed",
      {{"error_message", S("no prices")},
       {"started_at", S("2025-01-17T12:00:02+00:00")},
       {"completed_at", S("2025-01-17T12:00:03+00:00")}});
  return items;
}

// The instruments-table items: SPY and QQQ with prices keyed by isoformat() times.
inline std::vector<Item> reference_instrument_items() {
  std::vector<Item> items;
  auto instrument = [&](const char* symbol, const char* name, const char* price) {
    items.push_back({{"symbol", S(symbol)},
                     {"SK", S("META")},
                     {"name", S(name)},
                     {"instrument_type", S("etf")},
                     {"current_price", N(price)},
                     {"allocation_regions", map_of({{"north_america", N("100")}})},
                     {"allocation_sectors", map_of({{"technology", N("30")}, {"other", N("70")}})},
                     {"allocation_asset_class", map_of({{"equity", N("100")}})},
                     {"created_at", S("2025-01-01T00:00:00")},
                     {"updated_at", S("2025-01-13T21:00:00")}});
  };
  instrument("SPY", "SPDR S&P 500 ETF Trust", "455.5");
  instrument("QQQ", "Invesco QQQ Trust", "510");
  items.push_back({{"symbol", S("SPY")}, {"SK", S("2025-01-10T21:00:00")}, {"price", N("450.25")}});
  items.push_back({{"symbol", S("SPY")},
                   {"SK", S("2025-01-13T21:00:00+00:00")},
                   {"price", N("455.5")},
                   {"volume", N("1000")},
                   {"source", S("polygon")}});
  items.push_back(
      {{"symbol", S("QQQ")}, {"SK", S("2025-01-13T21:00:00.000001")}, {"price", N("510")}});
  return items;
}

// Writes both sets of items raw.
inline void write_reference_items(Store& store, const std::string& users_table,
                                  const std::string& instruments_table) {
  for (const Item& item : reference_user_items()) {
    store.put({users_table, item, std::nullopt, ReturnValues::kNone});
  }
  for (const Item& item : reference_instrument_items()) {
    store.put({instruments_table, item, std::nullopt, ReturnValues::kNone});
  }
}

// The id of `account`'s position in `symbol`, as the migration gives it.
inline std::string position_id_of(const std::string& account, const std::string& symbol) {
  return base64::encode(account + "#" + symbol, base64::Form::kUrlSafe);
}

// Expects `got` to be `want`, change by change.
inline void expect_history(const std::vector<PositionChange>& got,
                           const std::vector<PositionChange>& want) {
  ASSERT_EQ(got.size(), want.size());
  for (std::size_t i = 0; i < got.size(); ++i) {
    EXPECT_EQ(got[i].to_fields(), want[i].to_fields()) << "change " << i;
  }
}

// The records the reference package's calls returned for the fixtures, read through
// this package's calls after the migration.
inline void expect_reference_records(Database& d) {
  User jane;
  jane.clerk_user_id = "u1";
  jane.display_name = "Jane Doe";
  jane.years_until_retirement = D("25");
  jane.target_retirement_income = D("80000.50");
  jane.asset_class_targets = {{"equity", D("70")}, {"fixed_income", D("30")}};
  jane.region_targets = {{"north_america", D("60")}, {"international", D("40")}};
  jane.created_at = "2025-01-01T10:00:00.123456Z";
  jane.updated_at = "2025-01-02T10:00:00.000000Z";
  ASSERT_TRUE(d.users.find_by_id("u1"));
  EXPECT_EQ(d.users.find_by_id("u1")->to_fields(), jane.to_fields());
  auto users = d.users.find_all();
  ASSERT_EQ(users.size(), 2u);
  EXPECT_EQ(users[1].display_name, "Bob");
  EXPECT_EQ(users[1].created_at, "2025-01-03T08:00:00.000000Z");

  Account roth;
  roth.id = kAccountRoth;
  roth.clerk_user_id = "u1";
  roth.account_name = "Roth IRA";
  roth.account_purpose = "retirement";
  roth.cash_balance = D("1000.50");
  roth.cash_interest = D("0.02");
  roth.created_at = roth.updated_at = "2025-01-05T09:00:00.000000Z";
  ASSERT_TRUE(d.accounts.find_by_id(kAccountRoth));
  EXPECT_EQ(d.accounts.find_by_id(kAccountRoth)->to_fields(), roth.to_fields());
  auto janes = d.accounts.find_by_user("u1");
  ASSERT_EQ(janes.size(), 2u);
  EXPECT_EQ(janes[0].id, kAccountTaxable);  // newest first
  EXPECT_EQ(janes[0].created_at, "2025-01-06T09:00:00.500000Z");
  EXPECT_EQ(janes[1].to_fields(), roth.to_fields());
  auto bobs = d.accounts.find_by_user("u2");
  ASSERT_EQ(bobs.size(), 1u);
  EXPECT_EQ(bobs[0].id, kAccountBob);
  EXPECT_EQ(bobs[0].cash_balance, D("12.5"));
  EXPECT_EQ(d.accounts.find_all().size(), 3u);

  auto held = d.positions.find_by_account(kAccountRoth);
  ASSERT_EQ(held.size(), 1u);  // QQQ is sold out
  EXPECT_EQ(held[0].symbol, "SPY");
  EXPECT_EQ(held[0].account_id, kAccountRoth);
  EXPECT_EQ(held[0].quantity, D("60.5"));
  EXPECT_EQ(held[0].timestamp, "2025-03-03T15:30:00.000000Z");
  EXPECT_EQ(held[0].as_of_date, "2025-03-03");
  EXPECT_EQ(held[0].version, 2);
  auto qqq = d.positions.find_by_id(position_id_of(kAccountRoth, "QQQ"));
  ASSERT_TRUE(qqq);
  EXPECT_EQ(qqq->quantity, D("0"));
  EXPECT_EQ(qqq->timestamp, "2025-02-01T10:00:00.000000Z");
  EXPECT_EQ(d.positions.find_by_id(held[0].id)->quantity, D("60.5"));

  expect_history(d.positions.get_position_history(kAccountRoth, "SPY"),
                 {{"SPY", D("100"), D("0"), "BUY", "2025-01-10T15:30:00.123456Z", 1},
                  {"SPY", D("60.5"), D("100"), "SELL", "2025-03-03T15:30:00.000000Z", 2}});
  expect_history(d.positions.get_position_history(kAccountRoth, "QQQ"),
                 {{"QQQ", D("10"), D("0"), "BUY", "2025-01-15T14:30:00.000000Z", 1},
                  {"QQQ", D("0"), D("10"), "SELL", "2025-02-01T10:00:00.000000Z", 2}});
  // A CURRENT record without history: the change it implies.
  expect_history(d.positions.get_position_history(kAccountTaxable, "VTI"),
                 {{"VTI", D("25"), D("0"), "BUY", "2025-02-10T12:00:00.000000Z", 1}});
  expect_history(d.positions.get_position_history(kAccountBob, "BND"),
                 {{"BND", D("5"), D("0"), "TRANSFER", "2025-01-05T09:00:00.000000Z", 1}});
  auto vti = d.positions.find_by_account(kAccountTaxable);
  ASSERT_EQ(vti.size(), 1u);
  EXPECT_EQ(vti[0].quantity, D("25"));
  EXPECT_EQ(d.positions.find_all().size(), 3u);
  for (const PositionChange& c : d.positions.get_positions_at_date(kAccountRoth, "2025-02-15")) {
    EXPECT_EQ(c.quantity, c.symbol == "SPY" ? D("100") : D("0")) << c.symbol;
  }

  Job pending;
  pending.id = kJobPending;
  pending.clerk_user_id = "u1";
  pending.job_type = "portfolio_analysis";
  pending.status = "pending";
  pending.request_payload =
      map_of({{"years", N("25")}, {"goal", S("retire")}});
  pending.created_at = pending.updated_at = "2025-01-15T14:30:00.123456Z";
  ASSERT_TRUE(d.jobs.find_by_id(kJobPending));
  EXPECT_EQ(d.jobs.find_by_id(kJobPending)->to_fields(), pending.to_fields());
  auto done = d.jobs.find_by_id(kJobCompleted);
  ASSERT_TRUE(done);
  EXPECT_EQ(done->status, "completed");
  EXPECT_EQ(done->report_payload,
            map_of({{"summary", S("ok")}, {"score", N("0.875")}}));
  EXPECT_EQ(done->started_at, "2025-01-16T08:00:01.000000Z");
  EXPECT_EQ(done->completed_at, "2025-01-16T08:05:00.250000Z");
  auto failed = d.jobs.find_by_id(kJobFailed);
  ASSERT_TRUE(failed);
  EXPECT_EQ(failed->error_message, "no prices");
  EXPECT_EQ(failed->created_at, "2025-01-17T12:00:00.000000Z");
  auto janes_jobs = d.jobs.find_by_user("u1");
  ASSERT_EQ(janes_jobs.size(), 2u);
  EXPECT_EQ(janes_jobs[0].id, kJobCompleted);  // newest first
  auto completed = d.jobs.find_by_user("u1", std::string("completed"));
  ASSERT_EQ(completed.size(), 1u);
  EXPECT_EQ(completed[0].id, kJobCompleted);
  EXPECT_EQ(d.jobs.find_by_user("u2", std::string("failed")).size(), 1u);
  EXPECT_EQ(d.jobs.find_all().size(), 3u);

  auto spy = d.instruments.find_by_symbol("SPY");
  ASSERT_TRUE(spy);
  EXPECT_EQ(spy->current_price, D("455.5"));
  EXPECT_EQ(spy->created_at, "2025-01-01T00:00:00.000000Z");
  auto prices = d.instruments.get_price_history("SPY");
  ASSERT_EQ(prices.size(), 2u);
  EXPECT_EQ(prices[0].timestamp, "2025-01-10T21:00:00.000000Z");
  EXPECT_EQ(prices[0].price, D("450.25"));
  EXPECT_EQ(prices[1].timestamp, "2025-01-13T21:00:00.000000Z");
  EXPECT_EQ(prices[1].volume, D("1000"));
  EXPECT_EQ(prices[1].source, "polygon");
  EXPECT_EQ(d.instruments.get_price_history("QQQ").at(0).timestamp,
            "2025-01-13T21:00:00.000001Z");
  auto value = d.positions.get_account_value_at_date(kAccountRoth, "2025-01-20");
  EXPECT_EQ(value.total_value, D("50650"));  // 100 SPY at 455.5 and 10 QQQ at 510
}

}  // namespace alexdb::reference_fixtures

#endif  // ALEXDB_TESTS_DATABASE_REFERENCE_FIXTURES_H_
