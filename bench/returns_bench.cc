// Returns on the embedded engine (SPEC section 12, "Speed"; issue 18): one account with
// 10,000 transactions over 10 years on 50 symbols (trades, and a deposit a month), and a
// price per symbol per day (182,500 prices), in a SQLite file. Prints the time of a
// 10-year daily time-weighted return (the first call, which computes and stores the
// months, and later ones, which read them), of the money-weighted return with a benchmark,
// of a monthly returns series, and of the first call after a back-dated trade and after
// a back-dated price, with the store requests of a call. Run: `make bench`, or
// build/bench/returns_bench.
#include <unistd.h>

#include <atomic>
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
constexpr int kTransactions = 10'000;
constexpr int kDays = 3650;
constexpr int kTimedRuns = 5;
constexpr std::size_t kPricesPerImport = 5'000;
// 2015-01-01T00:00:00Z.
constexpr std::int64_t kStartMicros = 1'420'070'400'000'000;
constexpr std::int64_t kMicrosPerDay = Timestamp::kMicrosPerDay;
constexpr std::int64_t kCloseMicros = 21 * 3'600'000'000LL;

std::string returns_symbol(int s) {
  char name[8];
  std::snprintf(name, sizeof name, "R%03d", s);
  return name;
}

Decimal in_cents(std::int64_t value) {
  return Decimal::divide(Decimal::from_int(value), Decimal::from_int(100), 2);
}

Value whole_in(const char* key) { return Value::M({{key, Value::N(std::int64_t{100})}}); }

// A close a day per symbol, a random-looking walk between 10 and 510.
void load_prices(Database& db) {
  std::vector<PricePoint> prices;
  for (int s = 0; s < kSymbols; ++s) {
    const std::string symbol = returns_symbol(s);
    db.instruments.create_instrument({{"symbol", Value::S(symbol)},
                                      {"name", Value::S(symbol + " fund")},
                                      {"instrument_type", Value::S("etf")},
                                      {"allocation_regions", whole_in("north_america")},
                                      {"allocation_sectors", whole_in("technology")},
                                      {"allocation_asset_class", whole_in("equity")}});
    for (int d = 0; d < kDays; ++d) {
      const std::int64_t at = kStartMicros + d * kMicrosPerDay + kCloseMicros;
      prices.push_back({symbol, Timestamp(at).to_string(),
                        in_cents(1000 + (s * 7919 + d * 104'729) % 50'000), std::nullopt, "bench"});
      if (prices.size() == kPricesPerImport) {
        db.instruments.import_prices(prices);
        prices.clear();
      }
    }
  }
  db.instruments.import_prices(prices);
}

// Per symbol two purchases of 10 (fees 1.5) then a sale of 7, over and over, and a
// deposit every 50th transaction, spread evenly over the ten years.
std::string load_ledger(Database& db) {
  db.users.create_user("returns_user", "Returns User");
  const std::string account = db.accounts.create_account("returns_user", "Brokerage");
  const std::int64_t step = kDays * kMicrosPerDay / kTransactions;
  int trades = 0;
  for (int k = 0; k < kTransactions; ++k) {
    TransactionInput in;
    in.timestamp = Timestamp(kStartMicros + k * step).to_string();
    if (k % 50 == 0) {
      in.type = "DEPOSIT";
      in.amount = Decimal::from_int(20'000);
    } else {
      const int s = trades % kSymbols;
      const int round = trades / kSymbols;
      ++trades;
      in.type = round % 3 == 2 ? "SELL" : "BUY";
      in.symbol = returns_symbol(s);
      in.quantity = Decimal::from_int(round % 3 == 2 ? 7 : 10);
      in.price = in_cents(1000 + (s * 31 + round * 977) % 40'000);
      in.fees = in_cents(150);
    }
    db.transactions.record(account, in);
  }
  return account;
}

// The median wall and CPU time of kTimedRuns calls after one untimed call, and the store
// requests one call makes.
struct CallTiming {
  double wall_ms = 0;
  double cpu_ms = 0;
  std::int64_t requests = 0;
};

CallTiming time_returns_call(Database& db, const std::function<void()>& call) {
  CallTiming timing;
  db.reset_capacity();
  call();
  timing.requests = db.capacity().total.requests;
  const bench::Medians medians = bench::time_runs(kTimedRuns, call);
  timing.wall_ms = medians.wall_ms;
  timing.cpu_ms = medians.cpu_ms;
  return timing;
}

// The time and store requests of one call (the first after a change).
CallTiming time_first_call(Database& db, const std::function<void()>& call) {
  db.reset_capacity();
  const bench::Medians once = bench::time_runs(1, call);
  return {once.wall_ms, once.cpu_ms, db.capacity().total.requests};
}

void print_row(const char* what, const CallTiming& t, const std::string& result) {
  std::printf("| %s | %.1f (CPU %.1f) | %lld | %s |\n", what, t.wall_ms, t.cpu_ms,
              static_cast<long long>(t.requests), result.c_str());
}

std::string shown(const std::optional<Decimal>& d) { return d ? d->to_fixed(8) : "not told"; }

}  // namespace

int main() {
  fs::path dir = fs::temp_directory_path() / ("alexdb-returns-bench-" + std::to_string(getpid()));
  fs::create_directories(dir);
  int rc = 0;
  try {
    // The library's clock, ahead of the system's once the history is loaded (below).
    std::atomic<std::int64_t> ahead{0};
    DatabaseOptions options;
    options.clock_micros = [&ahead] { return Timestamp::now().micros() + ahead.load(); };
    Database db(open_store("sqlite:" + (dir / "returns.db").string()), "bench-users",
                "bench-instruments", options);
    const auto began = std::chrono::steady_clock::now();
    load_prices(db);
    const std::string account = load_ledger(db);
    std::printf(
        "returns_bench: %d transactions and %d prices over 10 years on %d symbols, "
        "loaded in %.1f s\n",
        kTransactions, kSymbols * kDays, kSymbols,
        std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count());
    // Stored months are not trusted for the prices an import wrote within the last hour
    // (price_edits.h): the calls are made as of two hours after the load, as on any day
    // after the history was imported.
    ahead = 2 * 3'600'000'000LL;
    const std::string start = Timestamp(kStartMicros).date_string();
    const std::string end = Timestamp(kStartMicros + (kDays - 1) * kMicrosPerDay).date_string();
    std::printf("\n| call, %s to %s | ms | requests | result |\n|---|---|---|---|\n",
                start.c_str(), end.c_str());
    Returns twr;
    CallTiming t = time_first_call(db, [&] { twr = db.portfolio.returns(account, start, end); });
    print_row("returns twr, first call (computes and stores the months)", t, shown(twr.value));
    t = time_returns_call(db, [&] { twr = db.portfolio.returns(account, start, end); });
    print_row("returns twr (daily chained, months stored)", t, shown(twr.value));
    Returns mwr;
    t = time_returns_call(db, [&] {
      mwr = db.portfolio.returns(account, start, end, ReturnKind::kMwr, returns_symbol(0));
    });
    print_row("returns mwr, benchmark R000", t,
              shown(mwr.value) + " (benchmark " + shown(mwr.benchmark_return) + ")");
    std::size_t points = 0;
    t = time_returns_call(
        db, [&] { points = db.portfolio.returns_series(account, start, end, "monthly").size(); });
    print_row("returns_series monthly", t, std::to_string(points) + " points");

    // A trade dated two years before the end: the months from its date are computed
    // again (once), the eight years before it are read.
    TransactionInput late;
    late.type = "DEPOSIT";
    late.amount = Decimal::from_int(1'000);
    late.timestamp = Timestamp(kStartMicros + (kDays - 730) * kMicrosPerDay).to_string();
    db.transactions.record(account, late);
    t = time_first_call(db, [&] { twr = db.portfolio.returns(account, start, end); });
    print_row("returns twr, first call after a trade dated 2 years back", t, shown(twr.value));
    t = time_returns_call(db, [&] { twr = db.portfolio.returns(account, start, end); });
    print_row("returns twr, the calls after it", t, shown(twr.value));
    // A price of one symbol dated a year back: for an hour after it was written, the
    // months of its holders from its date are computed at every call.
    db.instruments.update_price(
        returns_symbol(7), Decimal::from_int(123), std::nullopt,
        Timestamp(kStartMicros + (kDays - 365) * kMicrosPerDay + kCloseMicros + 1).to_string());
    t = time_returns_call(db, [&] { twr = db.portfolio.returns(account, start, end); });
    print_row("returns twr, within the hour after a price dated 1 year back", t,
              shown(twr.value));
    std::printf("\nmedians of %d runs (first calls: one run)\n", kTimedRuns);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "returns_bench: %s\n", e.what());
    rc = 1;
  }
  fs::remove_all(dir);
  return rc;
}
