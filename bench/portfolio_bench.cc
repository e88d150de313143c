// Lots and gains on the embedded engine (SPEC section 12, "Speed"): one account with
// 10,000 trades over 10 years on 50 symbols, and a monthly price per symbol, in a SQLite
// file. Prints the time of Portfolio::lots and Portfolio::gains (all symbols, the whole
// period) by each cost method. Run: `make bench`, or build/bench/portfolio_bench.
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "alexdb/database.h"
#include "alexdb/store.h"
#include "alexdb/timestamp.h"

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

double cpu_seconds() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

// Runs `call` kTimedRuns times after one untimed call; prints the median wall and CPU time.
void time_call(const char* name, const std::function<std::size_t()>& call) {
  const std::size_t size = call();
  std::vector<double> wall, cpu;
  for (int r = 0; r < kTimedRuns; ++r) {
    const auto began = std::chrono::steady_clock::now();
    const double cpu_began = cpu_seconds();
    call();
    cpu.push_back(cpu_seconds() - cpu_began);
    wall.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count());
  }
  std::sort(wall.begin(), wall.end());
  std::sort(cpu.begin(), cpu.end());
  std::printf("  %-16s %6zu entries  median %7.1f ms (min %.1f, max %.1f), CPU %.1f ms\n", name,
              size, wall[wall.size() / 2] * 1e3, wall.front() * 1e3, wall.back() * 1e3,
              cpu[cpu.size() / 2] * 1e3);
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
    // The read alone, that every call below makes first.
    time_call("ledger list", [&] { return db.transactions.list(account).size(); });
    for (CostMethod method :
         {CostMethod::kFifo, CostMethod::kLifo, CostMethod::kHifo, CostMethod::kAverage}) {
      const std::string name(cost_method_name(method));
      time_call(("lots " + name).c_str(),
                [&] { return db.portfolio.lots(account, {}, {}, method).size(); });
      time_call(("gains " + name).c_str(), [&] {
        Gains g = db.portfolio.gains(account, {}, {}, method);
        return g.realized.size() + g.unrealized.size();
      });
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "portfolio_bench: %s\n", e.what());
    rc = 1;
  }
  fs::remove_all(dir);
  return rc;
}
