// Lots and gains on the embedded engine (SPEC section 12, "Speed"): one account with
// 10,000 trades over 10 years on 50 symbols, and a monthly price per symbol, in a SQLite
// file. Prints a table by cost method: the time of Portfolio::lots and Portfolio::gains
// (all symbols, the whole period), of the ledger read they both make first
// (Transactions::list), and the store requests of a call. Run: `make bench`, or
// build/bench/portfolio_bench.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "alexdb/database.h"
#include "alexdb/store.h"
#include "alexdb/timestamp.h"
#include "call_timing.h"

namespace {

using namespace alexdb;
namespace fs = std::filesystem;

constexpr int kSymbols = 50;
constexpr int kTrades = 10'000;
constexpr int kMonths = 120;
constexpr int kTimedRuns = 5;
// 2015-01-01T00:00:00Z.
constexpr std::int64_t kStartMicros = 1'420'070'400'000'000;
constexpr std::int64_t kMicrosPerDay = Timestamp::kMicrosPerDay;
constexpr std::int64_t kTenYears = 3650 * kMicrosPerDay;

std::string bench_symbol(int s) {
  char name[8];
  std::snprintf(name, sizeof name, "P%03d", s);
  return name;
}

Decimal cents(std::int64_t value) {
  return Decimal::divide(Decimal::from_int(value), Decimal::from_int(100), 2);
}

Value all_in(const char* key) { return Value::M({{key, Value::N(std::int64_t{100})}}); }

// Instruments with a price a month (every 30.4 days), and the trades: per symbol, two
// purchases of 10 (fees 1.5) then a sale of 7, over and over, so nothing is oversold.
std::string load(Database& db) {
  db.users.create_user("bench_user", "Bench User");
  const std::string account = db.accounts.create_account("bench_user", "Brokerage");
  std::vector<PricePoint> prices;
  for (int s = 0; s < kSymbols; ++s) {
    const std::string symbol = bench_symbol(s);
    db.instruments.create_instrument({{"symbol", Value::S(symbol)},
                                      {"name", Value::S(symbol + " fund")},
                                      {"instrument_type", Value::S("etf")},
                                      {"allocation_regions", all_in("north_america")},
                                      {"allocation_sectors", all_in("technology")},
                                      {"allocation_asset_class", all_in("equity")}});
    for (int m = 0; m < kMonths; ++m) {
      const std::int64_t at = kStartMicros + m * (kTenYears / kMonths) + 21 * 3'600'000'000LL;
      prices.push_back({symbol, Timestamp(at).to_string(),
                        cents(1000 + (s * 7919 + m * 104'729) % 50'000), std::nullopt, "bench"});
    }
  }
  db.instruments.import_prices(prices);
  const std::int64_t step = kTenYears / kTrades;
  for (int k = 0; k < kTrades; ++k) {
    const int s = k % kSymbols;
    const int round = k / kSymbols;
    TransactionInput in;
    in.type = round % 3 == 2 ? "SELL" : "BUY";
    in.symbol = bench_symbol(s);
    in.quantity = Decimal::from_int(round % 3 == 2 ? 7 : 10);
    in.price = cents(1000 + (s * 31 + round * 977) % 40'000);
    in.fees = cents(150);
    in.timestamp = Timestamp(kStartMicros + k * step).to_string();
    db.transactions.record(account, in);
  }
  return account;
}

// The median wall and CPU time of kTimedRuns calls after one untimed call, the size the
// call returned and the store requests one call makes.
struct Timing {
  double wall_ms = 0;
  double cpu_ms = 0;
  std::size_t size = 0;
  std::int64_t requests = 0;
};

Timing time_call(Database& db, const std::function<std::size_t()>& call) {
  Timing timing;
  db.reset_capacity();
  timing.size = call();
  timing.requests = db.capacity().total.requests;
  const bench::Medians medians = bench::time_runs(kTimedRuns, [&] { call(); });
  timing.wall_ms = medians.wall_ms;
  timing.cpu_ms = medians.cpu_ms;
  return timing;
}

}  // namespace

int main() {
  fs::path dir = fs::temp_directory_path() / ("alexdb-portfolio-bench-" + std::to_string(getpid()));
  fs::create_directories(dir);
  int rc = 0;
  try {
    Database db(open_store("sqlite:" + (dir / "ledger.db").string()), "bench-users",
                "bench-instruments");
    const auto began = std::chrono::steady_clock::now();
    const std::string account = load(db);
    std::printf("portfolio_bench: %d trades over 10 years on %d symbols, loaded in %.1f s\n",
                kTrades, kSymbols,
                std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count());
    // Per method: lots and gains of all symbols, and the read of the ledger alone
    // (transactions.list), which both make first.
    std::printf("\n| method | lots ms | gains ms | ledger read ms | requests (lots / gains) |\n");
    std::printf("|---|---|---|---|---|\n");
    for (CostMethod method :
         {CostMethod::kFifo, CostMethod::kLifo, CostMethod::kHifo, CostMethod::kAverage}) {
      Timing read = time_call(db, [&] { return db.transactions.list(account).size(); });
      Timing lots =
          time_call(db, [&] { return db.portfolio.lots(account, {}, {}, method).size(); });
      Timing gains = time_call(db, [&] {
        Gains g = db.portfolio.gains(account, {}, {}, method);
        return g.realized.size() + g.unrealized.size();
      });
      std::printf("| %s | %.1f (CPU %.1f) | %.1f (CPU %.1f) | %.1f (CPU %.1f) | %lld / %lld |\n",
                  std::string(cost_method_name(method)).c_str(), lots.wall_ms, lots.cpu_ms,
                  gains.wall_ms, gains.cpu_ms, read.wall_ms, read.cpu_ms,
                  static_cast<long long>(lots.requests), static_cast<long long>(gains.requests));
    }
    std::printf("\nmedians of %d runs; %zu transactions listed\n", kTimedRuns,
                db.transactions.list(account).size());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "portfolio_bench: %s\n", e.what());
    rc = 1;
  }
  fs::remove_all(dir);
  return rc;
}
