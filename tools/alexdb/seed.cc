#include "seed.h"

#include <cstdio>
#include <nlohmann/json.hpp>

#include "alexdb/errors.h"
#include "instruments_data.h"
#include "output.h"

namespace alexdb::cli {
namespace {

// splitmix64: a small, fully specified generator, so seeds reproduce everywhere.
class Random {
 public:
  explicit Random(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  // Uniform in [-1, 1).
  double symmetric() { return static_cast<double>(next() >> 11) * 0x1.0p-52 - 1.0; }

 private:
  std::uint64_t state_;
};

std::uint64_t fnv1a(std::string_view text) {
  std::uint64_t hash = 0xCBF29CE484222325ULL;
  for (char c : text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001B3ULL;
  }
  return hash;
}

std::string cents(double price) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.2f", price < 0.01 ? 0.01 : price);
  return buffer;
}

// Daily volatility by asset class: bonds move least, commodities and equities more.
double volatility_of(const Fields& instrument) {
  const Value::Map& classes = instrument.at("allocation_asset_class").m();
  auto share = [&](const char* name) {
    auto it = classes.find(name);
    return it == classes.end() ? Decimal() : it->second.n();
  };
  if (share("fixed_income") >= Decimal::from_int(50)) return 0.003;
  if (share("commodities") >= Decimal::from_int(50)) return 0.009;
  return 0.011;
}

}  // namespace

Timestamp close_time(Timestamp instant) { return instant.close_of_day(); }

Timestamp last_close_before(Timestamp now) {
  Timestamp close = now.close_of_day();
  return close <= now ? close : close.plus_micros(-kMicrosPerDay);
}

std::vector<PricePoint> synthetic_prices(std::string_view symbol, const Decimal& last_price,
                                         double daily_volatility, int days,
                                         Timestamp end_day) {
  std::vector<PricePoint> points(static_cast<std::size_t>(days));
  Random random(fnv1a(symbol));
  double price = std::stod(last_price.to_string());
  // sqrt(3) scales a uniform draw on [-1, 1) to unit standard deviation.
  constexpr double kUniformToUnit = 1.7320508075688772;
  constexpr double kDailyDrift = 0.0003;
  Timestamp close = close_time(end_day);
  for (int i = days - 1; i >= 0; --i) {
    PricePoint& point = points[static_cast<std::size_t>(i)];
    point.symbol = std::string(symbol);
    point.timestamp = close.to_string();
    point.price = i == days - 1 ? last_price : Decimal::parse(cents(price));
    point.volume =
        Decimal::from_int(500'000 + static_cast<std::int64_t>(random.next() % 4'500'000));
    point.source = "synthetic";
    double change = kDailyDrift + daily_volatility * kUniformToUnit * random.symmetric();
    price /= 1.0 + change;  // walking back in time
    close = close.plus_micros(-kMicrosPerDay);
  }
  return points;
}

std::vector<Fields> embedded_instruments() {
  auto list = nlohmann::json::parse(std::string_view(kInstrumentsJson, kInstrumentsJson_size));
  std::vector<Fields> instruments;
  for (const auto& entry : list) {
    Fields fields = from_json(entry).m();
    // The file writes prices as strings; the records hold numbers.
    if (auto it = fields.find("current_price"); it != fields.end() && it->second.is_s()) {
      it->second = Value::N(Decimal::parse(it->second.s(), "current_price"));
    }
    instruments.push_back(std::move(fields));
  }
  return instruments;
}

SeedSummary seed_instruments(Database& db, int days, Timestamp end_day, bool quiet) {
  if (days < 1 || days > 20'000)
    throw ValidationError("--days", "between 1 and 20000", std::to_string(days));
  const Timestamp last_close = last_close_before(Timestamp::now());
  if (close_time(end_day) > last_close) {
    throw ValidationError(
        "--end", "a day whose close (21:00 UTC) is not after now",
        "got " + end_day.date_string() + "; the last close was " + last_close.to_string());
  }
  db.create_tables();
  std::vector<Fields> instruments = embedded_instruments();
  SeedSummary summary;
  Progress progress("seed", instruments.size(), quiet);
  for (const Fields& listed : instruments) {
    // Without current_price: giving one would also record a price at the present
    // moment; import_prices sets the current price from the newest close instead.
    Fields fields = listed;
    fields.erase("current_price");
    std::string symbol = db.instruments.create_instrument(fields);
    std::vector<PricePoint> prices = synthetic_prices(symbol, listed.at("current_price").n(),
                                                      volatility_of(listed), days, end_day);
    db.instruments.import_prices(prices);
    summary.prices += prices.size();
    summary.first_day = prices.front().timestamp.substr(0, 10);
    summary.last_day = prices.back().timestamp.substr(0, 10);
    ++summary.instruments;
    progress.step(symbol + " (" + std::to_string(prices.size()) + " prices)");
  }
  progress.finish();
  return summary;
}

}  // namespace alexdb::cli
