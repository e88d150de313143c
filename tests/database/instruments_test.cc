// Instruments and prices: create from fields (the 22 of data/instruments.json), listings,
// search, batch get, update_price (current price only for the newest), price history and
// the price at a date.
#include <algorithm>
#include <cctype>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "database/database_fixture.h"

namespace alexdb::database_test {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

// data/instruments.json as parsed JSON.
const nlohmann::json& seed_instruments() {
  static const nlohmann::json data = [] {
    std::ifstream in(std::string(ALEXDB_SOURCE_DIR) + "/data/instruments.json");
    return nlohmann::json::parse(in);
  }();
  return data;
}

Value number(const nlohmann::json& j) {
  return j.is_string() ? Value::N(j.get<std::string>()) : Value::N(j.dump());
}

Value allocation(const nlohmann::json& j) {
  Value::Map m;
  for (const auto& [key, percent] : j.items()) m[key] = number(percent);
  return Value::M(std::move(m));
}

Fields instrument_fields(const nlohmann::json& j) {
  Fields f{{"symbol", S(j.at("symbol").get<std::string>())},
           {"name", S(j.at("name").get<std::string>())},
           {"instrument_type", S(j.at("instrument_type").get<std::string>())},
           {"allocation_regions", allocation(j.at("allocation_regions"))},
           {"allocation_sectors", allocation(j.at("allocation_sectors"))},
           {"allocation_asset_class", allocation(j.at("allocation_asset_class"))}};
  if (j.contains("current_price")) f["current_price"] = number(j.at("current_price"));
  return f;
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

std::vector<std::string> symbols_of(const std::vector<Instrument>& list) {
  std::vector<std::string> out;
  for (const Instrument& i : list) out.push_back(i.symbol);
  return out;
}

class InstrumentsTest : public DatabaseTest {
 protected:
  void load_seed() {
    for (const auto& j : seed_instruments()) {
      EXPECT_EQ(db().instruments.create_instrument(instrument_fields(j)),
                j.at("symbol").get<std::string>());
    }
  }
};

TEST_P(InstrumentsTest, CreateInstrumentFromFieldsKeepsEveryField) {
  load_seed();
  auto spy = db().instruments.find_by_symbol("SPY");
  ASSERT_TRUE(spy.has_value());
  EXPECT_EQ(spy->name, "SPDR S&P 500 ETF Trust");
  EXPECT_EQ(spy->instrument_type, "etf");
  EXPECT_EQ(spy->current_price, D("450.25"));
  EXPECT_EQ(spy->allocation_regions, (Allocation{{"north_america", D("100")}}));
  EXPECT_EQ(spy->allocation_asset_class, (Allocation{{"equity", D("100")}}));
  EXPECT_EQ(spy->allocation_sectors.size(), 11u);
  EXPECT_EQ(spy->allocation_sectors.at("technology"), D("28"));
  EXPECT_EQ(db().instruments.find_by_id("spy")->symbol, "SPY") << "lookups ignore case";
  EXPECT_FALSE(db().instruments.find_by_symbol("NOPE").has_value());
  const Fields f = spy->to_fields();
  EXPECT_EQ(f.at("symbol"), S("SPY"));
  EXPECT_EQ(f.at("current_price"), Value::N(D("450.25")));
}

TEST_P(InstrumentsTest, LowerCaseSymbolIsStoredUpperCase) {
  Fields f = instrument_fields(seed_instruments().at(0));
  f["symbol"] = S("brk.b");
  EXPECT_EQ(db().instruments.create(f), "BRK.B");
  EXPECT_TRUE(db().instruments.find_by_symbol("BRK.B").has_value());
  EXPECT_THAT(symbols_of(db().instruments.find_all()), ElementsAre("BRK.B"));
}

TEST_P(InstrumentsTest, FindAllIsOrderedBySymbolAndPages) {
  load_seed();
  std::vector<std::string> expected;
  for (const auto& j : seed_instruments()) expected.push_back(j.at("symbol").get<std::string>());
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(symbols_of(db().instruments.find_all()), expected);
  EXPECT_EQ(symbols_of(db().instruments.find_all(Page{3, 4})),
            (std::vector<std::string>{expected[4], expected[5], expected[6]}));
}

TEST_P(InstrumentsTest, FindByTypeReturnsOnlyThatType) {
  load_seed();
  Fields stock = instrument_fields(seed_instruments().at(0));
  stock["symbol"] = S("AAPL");
  stock["name"] = S("Apple Inc.");
  stock["instrument_type"] = S("stock");
  db().instruments.create_instrument(stock);
  EXPECT_THAT(symbols_of(db().instruments.find_by_type("stock")), ElementsAre("AAPL"));
  EXPECT_EQ(db().instruments.find_by_type("etf").size(), seed_instruments().size());
  EXPECT_THAT(db().instruments.find_by_type("reit"), IsEmpty());
}

TEST_P(InstrumentsTest, SearchIgnoresCaseOnSymbolAndName) {
  load_seed();
  for (const std::string text : {"vanguard", "SPDR", "bond", "xl", "Gold", "zzz"}) {
    std::vector<std::string> expected;
    for (const auto& j : seed_instruments()) {
      const std::string symbol = j.at("symbol").get<std::string>();
      if (lower(symbol).find(lower(text)) != std::string::npos ||
          lower(j.at("name").get<std::string>()).find(lower(text)) != std::string::npos) {
        expected.push_back(symbol);
      }
    }
    std::vector<std::string> found = symbols_of(db().instruments.search(text));
    std::sort(found.begin(), found.end());
    std::sort(expected.begin(), expected.end());
    if (expected.size() > 20) {
      EXPECT_EQ(found.size(), 20u) << text;
    } else {
      EXPECT_EQ(found, expected) << "search(\"" << text << "\")";
    }
  }
  EXPECT_EQ(db().instruments.search("vanguard", 3).size(), 3u);
}

TEST_P(InstrumentsTest, BatchGetKeepsTheOrderAsked) {
  load_seed();
  EXPECT_THAT(symbols_of(db().instruments.batch_get_by_symbols({"VTI", "SPY", "NOPE", "BND", "agg"})),
              ElementsAre("VTI", "SPY", "BND", "AGG"));
  EXPECT_THAT(db().instruments.batch_get_by_symbols({}), IsEmpty());
  wrapper().reset_counts();
  std::vector<std::string> all;
  for (const auto& j : seed_instruments()) all.push_back(j.at("symbol").get<std::string>());
  EXPECT_EQ(db().instruments.batch_get_by_symbols(all).size(), all.size());
  EXPECT_EQ(wrapper().counts().batch_gets, 1) << "one batch read";
  EXPECT_EQ(wrapper().counts().scans, 0);
}

TEST_P(InstrumentsTest, UpdatePriceMovesCurrentPriceOnlyForTheNewest) {
  add_instrument("SPY", "SPDR S&P 500 ETF Trust");
  auto& in = db().instruments;
  EXPECT_EQ(in.update_price("SPY", D("500"), D("1000"), "2025-01-10T00:00:00Z"),
            canonical(micros(2025, 1, 10)));
  EXPECT_EQ(in.find_by_symbol("SPY")->current_price, D("500"));
  in.update_price("SPY", D("400"), std::nullopt, "2025-01-05T00:00:00Z");
  auto spy = in.find_by_symbol("SPY");
  EXPECT_EQ(spy->current_price, D("500")) << "an older price must not move current_price";
  EXPECT_EQ(spy->price_timestamp, canonical(micros(2025, 1, 10)));

  set_clock(micros(2025, 2, 1, 15, 30));
  EXPECT_EQ(in.update_price("SPY", D("510.5")), canonical(micros(2025, 2, 1, 15, 30)));
  spy = in.find_by_symbol("SPY");
  EXPECT_EQ(spy->current_price, D("510.5"));
  EXPECT_EQ(spy->price_timestamp, canonical(micros(2025, 2, 1, 15, 30)));
  EXPECT_EQ(in.get_price_history("SPY").size(), 3u);

  EXPECT_THROW(in.update_price("NOPE", D("1")), NotFound);
  EXPECT_FALSE(in.find_by_symbol("NOPE").has_value());
}

TEST_P(InstrumentsTest, PriceHistoryRangeIsInclusiveOldestFirst) {
  add_instrument("VTI", "Vanguard Total Stock Market ETF");
  for (int day : {5, 10, 15, 20}) {
    db().instruments.update_price("VTI", Decimal::from_int(200 + day), D("7"), iso(2025, 1, day),
                                  "test");
  }
  const auto all = db().instruments.get_price_history("VTI");
  ASSERT_EQ(all.size(), 4u);
  EXPECT_EQ(all[0].symbol, "VTI");
  EXPECT_EQ(all[0].timestamp, canonical(micros(2025, 1, 5)));
  EXPECT_EQ(all[0].price, D("205"));
  EXPECT_EQ(all[0].volume, D("7"));
  EXPECT_EQ(all[0].source, "test");
  std::vector<Decimal> prices;
  for (const auto& p : db().instruments.get_price_history("VTI", iso(2025, 1, 10), iso(2025, 1, 15))) {
    prices.push_back(p.price);
  }
  EXPECT_THAT(prices, ElementsAre(D("210"), D("215")));
  EXPECT_EQ(db().instruments.get_price_history("VTI", iso(2025, 1, 16)).size(), 1u);
  EXPECT_EQ(db().instruments.get_price_history("VTI", std::nullopt, std::string("2025-01-10")).size(), 2u)
      << "a date-only end means the end of that day";
  EXPECT_THAT(db().instruments.get_price_history("VTI", iso(2025, 2, 1)), IsEmpty());
}

TEST_P(InstrumentsTest, PriceAtDateIsTheLastAtOrBefore) {
  add_instrument("VTI", "Vanguard Total Stock Market ETF");
  add_instrument("VTIX", "A symbol that extends VTI");
  for (int day : {5, 10, 15}) {
    db().instruments.update_price("VTI", Decimal::from_int(200 + day), std::nullopt, iso(2025, 1, day, 16));
  }
  db().instruments.update_price("VTIX", D("1"), std::nullopt, iso(2025, 1, 12));
  EXPECT_FALSE(db().instruments.get_price_at_date("VTI", "2025-01-04").has_value());
  EXPECT_EQ(db().instruments.get_price_at_date("VTI", "2025-01-05")->price, D("205"))
      << "date-only: end of day, so 16:00 counts";
  EXPECT_FALSE(db().instruments.get_price_at_date("VTI", "2025-01-05T15:59:59Z").has_value());
  EXPECT_EQ(db().instruments.get_price_at_date("VTI", "2025-01-12")->price, D("210"));
  auto last = db().instruments.get_price_at_date("VTI", "2026-01-01");
  ASSERT_TRUE(last.has_value());
  EXPECT_EQ(last->price, D("215"));
  EXPECT_EQ(last->timestamp, canonical(micros(2025, 1, 15, 16)));
  EXPECT_FALSE(db().instruments.get_price_at_date("NOPE", "2025-01-12").has_value());
}

TEST_P(InstrumentsTest, ImportPricesWritesAllAndMovesCurrentToTheNewest) {
  add_instrument("SPY", "SPDR S&P 500 ETF Trust");
  add_instrument("BND", "Vanguard Total Bond Market ETF");
  std::vector<PricePoint> points;
  for (int day = 1; day <= 30; ++day) {
    points.push_back({"SPY", iso(2025, 3, day), Decimal::from_int(400 + day), std::nullopt, "csv"});
    points.push_back({"BND", iso(2025, 3, day), Decimal::from_int(70 + day), D("10"), "csv"});
  }
  db().instruments.import_prices(points);
  EXPECT_EQ(db().instruments.get_price_history("SPY").size(), 30u);
  EXPECT_EQ(db().instruments.find_by_symbol("SPY")->current_price, D("430"));
  EXPECT_EQ(db().instruments.find_by_symbol("BND")->current_price, D("100"));
  EXPECT_EQ(db().instruments.get_price_at_date("BND", "2025-03-10")->price, D("80"));
}

// The same instant twice in one import: the last row wins, in the history and in the
// current price alike (the current price used to keep the first).
TEST_P(InstrumentsTest, ImportPricesRepeatedNewestInstantLastRowWinsEverywhere) {
  add_instrument("SPY", "SPDR S&P 500 ETF Trust");
  db().instruments.import_prices({{"SPY", iso(2025, 3, 1), D("400"), std::nullopt, "csv"},
                                  {"SPY", iso(2025, 3, 2), D("410"), std::nullopt, "csv"},
                                  {"SPY", iso(2025, 3, 2), D("415"), std::nullopt, "csv"}});
  auto history = db().instruments.get_price_history("SPY");
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history.back().price, D("415"));
  EXPECT_EQ(db().instruments.find_by_symbol("SPY")->current_price, D("415"));
}

// A second import correcting the newest price (the same instant, another price) moves
// the current price too, as update_price at that instant does; it used to keep the first.
TEST_P(InstrumentsTest, ImportPricesCorrectingTheNewestPriceMovesTheCurrentPrice) {
  add_instrument("SPY", "SPDR S&P 500 ETF Trust");
  db().instruments.import_prices({{"SPY", iso(2025, 3, 1), D("400"), std::nullopt, "csv"},
                                  {"SPY", iso(2025, 3, 2), D("410"), std::nullopt, "csv"}});
  db().instruments.import_prices({{"SPY", iso(2025, 3, 2), D("205"), std::nullopt, "csv"}});
  EXPECT_EQ(db().instruments.get_price_history("SPY").back().price, D("205"));
  EXPECT_EQ(db().instruments.find_by_symbol("SPY")->current_price, D("205"));
  EXPECT_EQ(db().positions.get_portfolio_value("none").total_value, D("0"));
  EXPECT_EQ(db().instruments.get_price_at_date("SPY", "2025-03-02")->price, D("205"));
}

TEST_P(InstrumentsTest, UpdateAndRemoveInstrument) {
  add_instrument("GLD", "SPDR Gold Shares");
  db().instruments.update_price("GLD", D("180"), std::nullopt, iso(2025, 1, 1));
  EXPECT_EQ(db().instruments.update("GLD", Fields{{"name", S("Gold Trust")}}), 1);
  EXPECT_EQ(db().instruments.find_by_symbol("GLD")->name, "Gold Trust");
  EXPECT_EQ(db().instruments.find_by_symbol("GLD")->current_price, D("180"));
  EXPECT_EQ(db().instruments.update("NOPE", Fields{{"name", S("X")}}), 0);
  EXPECT_EQ(db().instruments.remove("GLD"), 2) << "META and one price";
  EXPECT_FALSE(db().instruments.find_by_symbol("GLD").has_value());
  EXPECT_THAT(db().instruments.get_price_history("GLD"), IsEmpty());
  EXPECT_EQ(db().instruments.remove("GLD"), 0);
}

// create_instrument sets the described fields only: re-creating an instrument while
// prices are recorded never reverts the current price (it read META and put the whole
// item before).
TEST_P(InstrumentsTest, RecreatingAnInstrumentNeverRevertsAConcurrentPrice) {
  add_instrument("SPY", "SPDR S&P 500 ETF Trust");
  const int updates = on_dynalite() ? 30 : 200;
  std::atomic<bool> done{false};
  std::thread recreate([&] {
    auto other = fresh_database();
    while (!done) {
      Fields f{{"symbol", S("SPY")},
               {"name", S("SPDR S&P 500 ETF Trust")},
               {"instrument_type", S("etf")},
               {"allocation_regions", allocation_value({{"north_america", "100"}})},
               {"allocation_sectors", allocation_value({{"technology", "100"}})},
               {"allocation_asset_class", allocation_value({{"equity", "100"}})}};
      other->instruments.create_instrument(f);
    }
  });
  for (int i = 1; i <= updates; ++i) {
    db().instruments.update_price("SPY", Decimal::from_int(100 + i), {},
                                  canonical(micros(2025, 1, 1) + i * 1'000'000LL));
  }
  done = true;
  recreate.join();
  auto spy = fresh_database()->instruments.find_by_symbol("SPY");
  ASSERT_TRUE(spy);
  EXPECT_EQ(spy->current_price, Decimal::from_int(100 + updates));
  EXPECT_EQ(spy->price_timestamp, canonical(micros(2025, 1, 1) + updates * 1'000'000LL));
}

ALEXDB_DATABASE_SUITE(InstrumentsTest);

}  // namespace
}  // namespace alexdb::database_test
