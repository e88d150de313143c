// Input rules (SPEC section 5): every bad value gets a ValidationError whose field()
// names the field, and nothing is written (both tables compared item by item before and
// after). Values at the edge of each rule are accepted.
#include <cctype>
#include <cstdio>
#include <set>
#include <string>
#include <vector>

#include "database/database_fixture.h"

namespace alexdb::database_test {
namespace {

// Ids that break the id rule: '#', whitespace, control characters, empty, 129 chars.
const std::vector<std::string>& bad_ids() {
  static const std::vector<std::string> ids = {
      "a#b", "#",        "a b", " ab",       "ab\t", "a\nb", std::string("a\0b", 3),
      "a\x7f" "b", "a\x01", "",     std::string(129, 'a')};
  return ids;
}

// Symbols that break the symbol rule.
const std::vector<std::string>& bad_symbols() {
  static const std::vector<std::string> symbols = {
      "SP#Y", "SP Y", "SPY!", "SPY/", "", std::string(21, 'A'), "SP\xc3\x9c", "SPY\n", "A,B"};
  return symbols;
}

// A printable form of a test value for messages.
std::string shown(const std::string& value) {
  std::string out;
  for (unsigned char c : value) {
    if (c < 0x20 || c >= 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      out += buf;
    } else {
      out += char(c);
    }
  }
  return out.size() > 40 ? out.substr(0, 20) + "...(" + std::to_string(value.size()) + " chars)" : out;
}

class ValidationTest : public DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (IsSkipped()) return;
    db().users.create_user("val_user", "Val");
    account_ = db().accounts.create_account("val_user", "Main");
    add_instrument("SPY", "SPDR S&P 500 ETF Trust", "450");
    job_ = db().jobs.create_job("val_user", "portfolio_analysis");
    db().positions.add_or_update_position(account_, "SPY", D("10"), "BUY");
  }

  // Every item of both tables, as text (order-independent).
  std::multiset<std::string> snapshot() {
    std::multiset<std::string> out;
    for (const Item& item : all_items()) out.insert(debug_string(item));
    return out;
  }

  // Expects `call` to throw a ValidationError naming `field` and to write nothing.
  template <typename F>
  void expect_rejected(F&& call, std::string_view field, const std::string& what) {
    const auto before = snapshot();
    expect_validation_error(std::forward<F>(call), field, what.c_str());
    const auto after = snapshot();
    EXPECT_EQ(after.size(), before.size()) << what << ": the number of items changed";
    EXPECT_TRUE(after == before) << what << ": something was written";
  }

  Fields instrument(const std::string& symbol) {
    return Fields{{"symbol", S(symbol)},
                  {"name", S("Test")},
                  {"instrument_type", S("etf")},
                  {"allocation_regions", allocation_value({{"north_america", "100"}})},
                  {"allocation_sectors", allocation_value({{"technology", "100"}})},
                  {"allocation_asset_class", allocation_value({{"equity", "100"}})}};
  }

  std::string account_;
  std::string job_;
};

TEST_P(ValidationTest, BadClerkUserIdsAreRejectedEverywhere) {
  for (const std::string& id : bad_ids()) {
    const std::string what = "clerk_user_id \"" + shown(id) + "\"";
    expect_rejected([&] { db().users.create_user(id, "Name"); }, "clerk_user_id", "create_user " + what);
    expect_rejected([&] { db().users.create(Fields{{"clerk_user_id", S(id)}, {"display_name", S("N")}}); },
                    "clerk_user_id", "users.create " + what);
    expect_rejected([&] { db().users.update(id, Fields{{"display_name", S("N")}}); },
                    "clerk_user_id", "users.update " + what);
    expect_rejected([&] { db().accounts.create_account(id, "Name"); }, "clerk_user_id",
                    "create_account " + what);
    expect_rejected([&] { db().jobs.create_job(id, "portfolio_analysis"); }, "clerk_user_id",
                    "create_job " + what);
  }
}

TEST_P(ValidationTest, BadAccountAndJobIdsAreRejectedEverywhere) {
  for (const std::string& id : bad_ids()) {
    const std::string what = " id \"" + shown(id) + "\"";
    expect_rejected([&] { db().positions.add_or_update_position(id, "SPY", D("1"), "BUY"); },
                    "account_id", "add_or_update_position" + what);
    expect_rejected([&] { db().positions.add_position(id, "SPY", D("1")); }, "account_id",
                    "add_position" + what);
    expect_rejected([&] { db().accounts.update(id, Fields{{"account_name", S("N")}}); },
                    "account_id", "accounts.update" + what);
    expect_rejected([&] { db().jobs.update_status(id, "running"); }, "job_id",
                    "update_status" + what);
    expect_rejected([&] { db().jobs.update_report(id, Value::M({})); }, "job_id",
                    "update_report" + what);
  }
}

TEST_P(ValidationTest, IdOfOneHundredTwentyEightPrintableCharactersIsAccepted) {
  const std::string id(128, 'z');
  EXPECT_EQ(db().users.create_user(id, "Long"), id);
  EXPECT_EQ(db().users.find_by_id(id)->display_name, "Long");
  db().positions.add_or_update_position(id, "SPY", D("1"), "BUY");
  EXPECT_EQ(db().positions.find_by_account(id).size(), 1u);
  db().users.create_user("user.name-1_@example.com|x", "Email-like");
  EXPECT_TRUE(db().users.find_by_id("user.name-1_@example.com|x").has_value());
}

TEST_P(ValidationTest, BadSymbolsAreRejectedEverywhere) {
  for (const std::string& symbol : bad_symbols()) {
    const std::string what = " symbol \"" + shown(symbol) + "\"";
    expect_rejected([&] { db().positions.add_or_update_position(account_, symbol, D("1"), "BUY"); },
                    "symbol", "add_or_update_position" + what);
    expect_rejected([&] { db().instruments.create_instrument(instrument(symbol)); }, "symbol",
                    "create_instrument" + what);
    expect_rejected([&] { db().instruments.update_price(symbol, D("1")); }, "symbol",
                    "update_price" + what);
  }
}

TEST_P(ValidationTest, SymbolsOfTheAllowedCharactersAreAcceptedAndUpperCased) {
  for (const std::string symbol : {"brk.b", "^GSPC", "ES=F", "a-b_c", "ABCDEFGHIJKLMNOPQRST"}) {
    EXPECT_NO_THROW(db().instruments.create_instrument(instrument(symbol))) << symbol;
    std::string upper = symbol;
    for (char& c : upper) c = char(std::toupper(static_cast<unsigned char>(c)));
    EXPECT_TRUE(db().instruments.find_by_symbol(upper).has_value()) << upper;
  }
  db().positions.add_or_update_position(account_, "vti", D("2"), "BUY");
  const auto open = db().positions.find_by_account(account_);
  ASSERT_EQ(open.size(), 2u);
  EXPECT_EQ(open[1].symbol, "VTI");
}

TEST_P(ValidationTest, EnumerationsAcceptOnlyTheirValues) {
  Fields bad_type = instrument("NEW");
  bad_type["instrument_type"] = S("crypto");
  expect_rejected([&] { db().instruments.create_instrument(bad_type); }, "instrument_type",
                  "instrument_type crypto");
  expect_rejected([&] { db().instruments.update("SPY", Fields{{"instrument_type", S("ETF#")}}); },
                  "instrument_type", "instruments.update instrument_type");
  expect_rejected([&] { db().jobs.create_job("val_user", "bogus"); }, "job_type", "job_type bogus");
  expect_rejected([&] { db().jobs.create_job("val_user", "portfolio_analysis#x"); }, "job_type",
                  "job_type with #");
  expect_rejected([&] { db().jobs.update_status(job_, "done"); }, "status", "status done");
  expect_rejected([&] { db().jobs.update_status(job_, "PENDING"); }, "status", "status PENDING");
  expect_rejected([&] { db().jobs.update(job_, Fields{{"status", S("running#")}}); }, "status",
                  "jobs.update status");
  expect_validation_error([&] { db().jobs.find_by_user("val_user", std::string("pending#USER")); },
                          "status", "find_by_user status with #");
  expect_rejected([&] { db().positions.add_or_update_position(account_, "SPY", D("1"), "HOLD"); },
                  "action", "action HOLD");
  int n = 0;
  for (const char* type : {"etf", "mutual_fund", "stock", "bond", "bond_fund", "commodity", "reit"}) {
    Fields f = instrument("T" + std::to_string(n++));
    f["instrument_type"] = S(type);
    EXPECT_NO_THROW(db().instruments.create_instrument(f)) << type;
  }
  EXPECT_EQ(db().instruments.find_by_type("bond_fund").size(), 1u);
  for (const char* type : {"portfolio_analysis", "rebalance_recommendation", "retirement_projection",
                           "risk_assessment", "tax_optimization", "instrument_research"}) {
    EXPECT_NO_THROW(db().jobs.create_job("val_user", type)) << type;
  }
}

TEST_P(ValidationTest, AllocationsMustBeKnownNonEmptyAndSumToOneHundred) {
  struct Case {
    const char* field;
    Value value;
    const char* what;
  };
  const std::vector<Case> cases = {
      {"allocation_regions", allocation_value({{"north_america", "90"}}), "sums to 90"},
      {"allocation_regions", allocation_value({{"north_america", "60"}, {"europe", "44"}}), "sums to 104"},
      {"allocation_regions", allocation_value({{"mars", "100"}}), "unknown region"},
      {"allocation_regions", Value::M({}), "empty"},
      {"allocation_sectors", allocation_value({{"technology", "50"}, {"gambling", "50"}}), "unknown sector"},
      {"allocation_sectors", Value::M({}), "empty"},
      {"allocation_asset_class", allocation_value({{"crypto", "100"}}), "unknown asset class"},
      {"allocation_asset_class", Value::M({{"equity", S("lots")}}), "not a number"},
  };
  for (const Case& c : cases) {
    Fields f = instrument("ALLOC");
    f[c.field] = c.value;
    expect_rejected([&] { db().instruments.create_instrument(f); }, c.field,
                    std::string(c.field) + " " + c.what);
  }
  Fields near = instrument("NEAR");
  near["allocation_regions"] = allocation_value({{"north_america", "60"}, {"europe", "42.5"}});
  EXPECT_NO_THROW(db().instruments.create_instrument(near)) << "102.5 is within 3 of 100";
  EXPECT_EQ(db().instruments.find_by_symbol("NEAR")->allocation_regions.at("europe"), D("42.5"));

  expect_rejected([&] { db().users.create_user("alloc_user", "A", std::nullopt, std::nullopt,
                                               Allocation{{"equity", D("50")}}); },
                  "asset_class_targets", "asset_class_targets summing to 50");
  expect_rejected([&] { db().users.create_user("alloc_user", "A", std::nullopt, std::nullopt,
                                               std::nullopt, Allocation{{"atlantis", D("100")}}); },
                  "region_targets", "region_targets with an unknown key");
  expect_rejected([&] { db().users.update("val_user", Fields{{"asset_class_targets", Value::M({})}}); },
                  "asset_class_targets", "users.update empty asset_class_targets");
}

TEST_P(ValidationTest, QuantitiesAreNonNegativeWithAtMostEightDecimals) {
  expect_rejected([&] { db().positions.add_or_update_position(account_, "SPY", D("-1"), "SELL"); },
                  "quantity", "quantity -1");
  expect_rejected([&] { db().positions.add_or_update_position(account_, "SPY", D("1.123456789"), "BUY"); },
                  "quantity", "quantity with 9 decimals");
  expect_rejected([&] { db().positions.add_position(account_, "SPY", D("-0.00000001")); }, "quantity",
                  "add_position quantity -0.00000001");
  const std::string id = db().positions.add_or_update_position(account_, "SPY", D("1.12345678"), "BUY");
  expect_rejected([&] { db().positions.update(id, Fields{{"quantity", N("-5")}}); }, "quantity",
                  "positions.update quantity -5");
  expect_rejected([&] { db().positions.update(id, Fields{{"quantity", S("lots")}}); }, "quantity",
                  "positions.update quantity not a number");
  expect_rejected([&] { db().positions.create(Fields{{"account_id", S(account_)}, {"symbol", S("SPY")}}); },
                  "quantity", "positions.create without quantity");
  EXPECT_EQ(db().positions.find_by_id(id)->quantity, D("1.12345678"));
}

TEST_P(ValidationTest, PricesAreBetweenZeroAndNineHundredNinetyNineThousand) {
  expect_rejected([&] { db().instruments.update_price("SPY", D("-0.01")); }, "price", "price -0.01");
  expect_rejected([&] { db().instruments.update_price("SPY", D("999999.01")); }, "price",
                  "price 999999.01");
  expect_rejected([&] { db().instruments.update_price("SPY", D("1e10")); }, "price", "price 1e10");
  Fields f = instrument("PRICEY");
  f["current_price"] = N("-1");
  expect_rejected([&] { db().instruments.create_instrument(f); }, "price", "current_price -1");
  expect_rejected([&] { db().instruments.import_prices({{"SPY", iso(2025, 1, 1), D("5"), {}, {}},
                                                        {"SPY", iso(2025, 1, 2), D("-5"), {}, {}}}); },
                  "price", "import_prices with one bad row");
  db().instruments.update_price("SPY", D("999999"), std::nullopt, iso(2025, 1, 1));
  db().instruments.update_price("SPY", D("0"), std::nullopt, iso(2025, 1, 2));
  // The instrument's creation recorded its listed price too; these two are the dated ones.
  EXPECT_EQ(db().instruments.get_price_history("SPY", "2025-01-01", "2025-01-02").size(), 2u);
}

TEST_P(ValidationTest, CashInterestAndYearsStayInRange) {
  expect_rejected([&] { db().accounts.create_account("val_user", "A", std::nullopt, D("-0.01")); },
                  "cash_balance", "cash_balance -0.01");
  expect_rejected([&] { db().accounts.create_account("val_user", "A", std::nullopt, D("0"), D("1.01")); },
                  "cash_interest", "cash_interest 1.01");
  expect_rejected([&] { db().accounts.create_account("val_user", "A", std::nullopt, D("0"), D("-0.1")); },
                  "cash_interest", "cash_interest -0.1");
  expect_rejected([&] { db().accounts.update(account_, Fields{{"cash_balance", N("-1")}}); },
                  "cash_balance", "accounts.update cash_balance -1");
  expect_rejected([&] { db().users.create_user("years", "Y", D("101")); }, "years_until_retirement",
                  "years 101");
  expect_rejected([&] { db().users.create_user("years", "Y", D("-1")); }, "years_until_retirement",
                  "years -1");
  expect_rejected([&] { db().users.update("val_user", Fields{{"years_until_retirement", N("150")}}); },
                  "years_until_retirement", "users.update years 150");
  EXPECT_NO_THROW(db().accounts.create_account("val_user", "Edge", std::nullopt, D("0"), D("1")));
  EXPECT_NO_THROW(db().users.create_user("years", "Y", D("100")));
  EXPECT_EQ(db().users.find_by_id("years")->years_until_retirement, D("100"));
}

TEST_P(ValidationTest, RequiredFieldsOfGenericCreateMustBePresent) {
  expect_rejected([&] { db().users.create(Fields{{"display_name", S("No Id")}}); }, "clerk_user_id",
                  "users.create without clerk_user_id");
  expect_rejected([&] { db().accounts.create(Fields{{"clerk_user_id", S("val_user")}}); },
                  "account_name", "accounts.create without account_name");
  expect_rejected([&] { db().jobs.create(Fields{{"clerk_user_id", S("val_user")}}); }, "job_type",
                  "jobs.create without job_type");
  Fields no_name = instrument("NONAME");
  no_name.erase("name");
  expect_rejected([&] { db().instruments.create_instrument(no_name); }, "name",
                  "create_instrument without name");
}

TEST_P(ValidationTest, BadDatesAreRejected) {
  for (const std::string date : {"2025-13-01", "2025-02-30", "yesterday", "2025/01/15", "", "2025-01-15T25:00:00Z"}) {
    expect_rejected([&] { db().positions.add_or_update_position(account_, "SPY", D("3"), "BUY", date); },
                    "timestamp", "add_or_update_position timestamp \"" + date + "\"");
    expect_rejected([&] { db().instruments.update_price("SPY", D("3"), std::nullopt, date); },
                    "timestamp", "update_price timestamp \"" + date + "\"");
    expect_validation_error([&] { db().positions.get_account_value_at_date(account_, date); }, "date",
                            ("get_account_value_at_date \"" + date + "\"").c_str());
    expect_validation_error([&] { db().positions.get_positions_at_date(account_, date); }, "date",
                            ("get_positions_at_date \"" + date + "\"").c_str());
    expect_validation_error([&] { db().instruments.get_price_at_date("SPY", date); }, "date",
                            ("get_price_at_date \"" + date + "\"").c_str());
  }
  expect_validation_error(
      [&] { db().positions.get_account_value_series(account_, "2025-01-01", "2025-02-01", "hourly"); },
      "step", "series step hourly");
}

// ---- Ids and text: Unicode rules (SPEC section 9) ------------------------------------

// "a<c>b" for each Unicode whitespace, control, format and separator character the id
// rule names (as UTF-8), and for byte sequences that are not UTF-8.
const std::vector<std::string>& unicode_bad_ids() {
  static const std::vector<std::string> ids = [] {
    std::vector<std::string> out;
    for (const char* c : {
             "\xC2\x85",          // U+0085 NEXT LINE
             "\xC2\xA0",          // U+00A0 NO-BREAK SPACE
             "\xE1\x9A\x80",      // U+1680 OGHAM SPACE MARK
             "\xE2\x80\x83",      // U+2003 EM SPACE
             "\xE2\x80\xA8",      // U+2028 LINE SEPARATOR
             "\xE2\x80\xA9",      // U+2029 PARAGRAPH SEPARATOR
             "\xE3\x80\x80",      // U+3000 IDEOGRAPHIC SPACE
             "\xE2\x80\x8B",      // U+200B ZERO WIDTH SPACE
             "\xE2\x80\xAE",      // U+202E RIGHT-TO-LEFT OVERRIDE
             "\xEF\xBB\xBF",      // U+FEFF BYTE ORDER MARK
             "\xE2\x81\xA0",      // U+2060 WORD JOINER
             "\xC2\xAD",          // U+00AD SOFT HYPHEN
             "\xC2\x80",          // U+0080 (C1 control)
             "\xF3\xA0\x81\x81",  // U+E0041 TAG LATIN CAPITAL LETTER A
             "\xC3",              // truncated sequence
             "\xC0\xAF",          // overlong '/'
             "\xED\xA0\x80",      // a surrogate
             "\xF4\x90\x80\x80",  // above U+10FFFF
             "\x80",              // stray continuation byte
         }) {
      out.push_back(std::string("a") + c + "b");
    }
    return out;
  }();
  return ids;
}

// `n` copies of U+00E9 (two bytes each).
std::string e_acute(std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out += "\xC3\xA9";
  return out;
}

TEST_P(ValidationTest, IdsRejectUnicodeWhitespaceControlFormatSeparatorsAndBadUtf8) {
  for (const std::string& id : unicode_bad_ids()) {
    const std::string what = " id \"" + shown(id) + "\"";
    expect_rejected([&] { db().users.create_user(id, "Name"); }, "clerk_user_id",
                    "create_user" + what);
    expect_rejected([&] { db().positions.add_or_update_position(id, "SPY", D("1"), "BUY"); },
                    "account_id", "add_or_update_position" + what);
    expect_rejected([&] { db().jobs.update_status(id, "running"); }, "job_id",
                    "update_status" + what);
  }
}

TEST_P(ValidationTest, IdLengthCountsCharactersNotBytes) {
  for (std::size_t n : {65u, 128u}) {
    const std::string id = e_acute(n);  // 2n bytes
    EXPECT_EQ(db().users.create_user(id, "Accents"), id) << n << " characters";
    EXPECT_TRUE(db().users.find_by_id(id).has_value()) << n << " characters";
    db().positions.add_or_update_position(id, "SPY", D("1"), "BUY");
    EXPECT_EQ(db().positions.find_by_account(id).size(), 1u) << n << " characters";
  }
  expect_rejected([&] { db().users.create_user(e_acute(129), "Accents"); }, "clerk_user_id",
                  "129 characters");
}

TEST_P(ValidationTest, TextLengthCountsCharactersAndRejectsControlCharacters) {
  const std::string name = e_acute(256);  // 512 bytes, 256 characters: the limit
  const std::string id = db().accounts.create_account("val_user", name);
  EXPECT_EQ(db().accounts.find_by_id(id)->account_name, name);
  expect_rejected([&] { db().accounts.create_account("val_user", e_acute(257)); }, "account_name",
                  "257 characters");
  expect_rejected([&] { db().users.create_user("text_user", "a\xC2\x85z"); }, "display_name",
                  "display name with U+0085");
  expect_rejected([&] { db().users.create_user("text_user", "a\xED\xA0\x80"); }, "display_name",
                  "display name with a surrogate");
  // Joiners and bidirectional marks stay allowed in names (Persian, Arabic, emoji).
  const std::string joined = "\xD9\x85\xE2\x80\x8C\xD9\x8A";  // U+0645 ZWNJ U+064A
  EXPECT_EQ(
      db().accounts.find_by_id(db().accounts.create_account("val_user", joined))->account_name,
      joined);
}

// ---- Time rules (SPEC section 9 "Time") -------------------------------------------------

class TimeRulesTest : public ValidationTest {
 protected:
  // The clock stands at 2026-01-10T12:00:00Z: changes and prices may be dated up to
  // 2026-01-11T12:00:00Z.
  static constexpr std::int64_t kNow = 1'768'046'400'000'000;  // 2026-01-10T12:00:00Z
  void SetUp() override {
    set_clock(kNow);
    ValidationTest::SetUp();
  }
};

TEST_P(TimeRulesTest, ChangesAndPricesLaterThanNowPlusOneDayAreRejected) {
  ASSERT_EQ(canonical(kNow), "2026-01-10T12:00:00.000000Z");
  const std::string tomorrow_plus = canonical(kNow + kMicrosPerDay + 1);
  const std::string position_id = db().positions.find_by_account(account_).at(0).id;
  for (const std::string& at :
       {std::string("2205-01-01T00:00:00Z"), std::string("9999-12-31T23:59:59.999999Z"),
        tomorrow_plus, std::string("2026-01-11")}) {  // that day's close, 21:00
    const std::string what = " at " + at;
    expect_rejected(
        [&] { db().positions.add_or_update_position(account_, "SPY", D("3"), "BUY", at); },
        "timestamp", "add_or_update_position" + what);
    expect_rejected(
        [&] {
          db().positions.create(Fields{{"account_id", S(account_)},
                                       {"symbol", S("QQQ")},
                                       {"quantity", N("1")},
                                       {"timestamp", S(at)}});
        },
        "timestamp", "positions.create" + what);
    expect_rejected(
        [&] {
          db().positions.update(position_id, Fields{{"quantity", N("2")}, {"timestamp", S(at)}});
        },
        "timestamp", "positions.update" + what);
    expect_rejected([&] { db().instruments.update_price("SPY", D("3"), std::nullopt, at); },
                    "timestamp", "update_price" + what);
    expect_rejected(
        [&] {
          db().instruments.import_prices(
              {{"SPY", "2025-01-02T21:00:00Z", D("5"), {}, {}}, {"SPY", at, D("6"), {}, {}}});
        },
        "prices[1].timestamp", "import_prices" + what);
  }
  // Up to now + 1 day is the clock-skew allowance.
  const std::string edge = canonical(kNow + kMicrosPerDay);
  db().positions.add_or_update_position(account_, "SPY", D("4"), "BUY", edge);
  EXPECT_EQ(db().instruments.update_price("SPY", D("451"), std::nullopt, edge), edge);
  // A change without a time is dated now, not after a rejected far-future one.
  db().positions.add_or_update_position(account_, "QQQ", D("1"), "BUY");
  EXPECT_EQ(db().positions.get_position_history(account_, "QQQ").back().timestamp, canonical(kNow));
}

TEST_P(TimeRulesTest, ABareDateMeansTheCloseInChangesAndPricesAndTheEndOfDayInQueries) {
  db().positions.add_or_update_position(account_, "VTI", D("7"), "BUY", "2025-01-15");
  const auto history = db().positions.get_position_history(account_, "VTI");
  ASSERT_EQ(history.size(), 1u);
  EXPECT_EQ(history[0].timestamp, "2025-01-15T21:00:00.000000Z");
  EXPECT_EQ(db().instruments.update_price("SPY", D("451"), std::nullopt, "2025-01-15"),
            "2025-01-15T21:00:00.000000Z");
  db().instruments.import_prices({{"SPY", "2025-01-16", D("452"), {}, {}}});
  const auto prices = db().instruments.get_price_history("SPY", "2025-01-15", "2025-01-16");
  ASSERT_EQ(prices.size(), 2u);
  EXPECT_EQ(prices[0].timestamp, "2025-01-15T21:00:00.000000Z");
  EXPECT_EQ(prices[1].timestamp, "2025-01-16T21:00:00.000000Z");
  // Queries: the end of the day, so the day's close and trades are in.
  EXPECT_EQ(db().instruments.get_price_at_date("SPY", "2025-01-15")->price, D("451"));
  const auto held = db().positions.get_positions_at_date(account_, "2025-01-15");
  ASSERT_EQ(held.size(), 1u);
  EXPECT_EQ(held[0].symbol, "VTI");
  EXPECT_EQ(db().positions.get_account_value_at_date(account_, "2025-01-15").as_of_date,
            "2025-01-15T23:59:59.999999Z");
}

TEST_P(TimeRulesTest, AnEmptyStringIsNeverADate) {
  expect_rejected(
      [&] {
        db().instruments.import_prices({{"SPY", "", D("5"), {}, {}}});
      },
      "prices[0].timestamp", "import_prices with an empty timestamp");
  expect_rejected([&] { db().instruments.update_price("SPY", D("5"), std::nullopt, ""); },
                  "timestamp", "update_price with an empty timestamp");
  expect_rejected(
      [&] { db().positions.add_or_update_position(account_, "SPY", D("5"), "BUY", ""); },
      "timestamp", "add_or_update_position with an empty timestamp");
  expect_validation_error(
      [&] { db().positions.get_account_value_series(account_, "", "2025-01-02"); }, "start",
      "series with an empty start");
  expect_validation_error(
      [&] { db().positions.get_position_history(account_, "SPY", "", std::nullopt); }, "start",
      "history with an empty start");
}

ALEXDB_DATABASE_SUITE(ValidationTest);
ALEXDB_DATABASE_SUITE(TimeRulesTest);

}  // namespace
}  // namespace alexdb::database_test
