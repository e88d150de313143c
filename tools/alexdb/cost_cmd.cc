// alexdb cost: a monthly on-demand DynamoDB estimate for a stated usage, from the
// capacity each call consumes, measured by running a representative workload on the
// embedded in-memory engine (which reports the units DynamoDB would charge).
#include <CLI/CLI.hpp>
#include <iostream>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "alexdb/errors.h"
#include "capacity_output.h"
#include "context.h"
#include "cost_model.h"
#include "output.h"
#include "seed.h"
#include "usage.h"

namespace alexdb::cli {
namespace cost_cmd {

// The workload: instruments with this many daily closes, positions with this many
// dated changes each, and the span of the value series measured.
constexpr std::size_t kInstruments = 5;
constexpr int kPriceDays = 90;
constexpr int kChangesPerPosition = 10;
constexpr int kSeriesDays = 30;

struct Options {
  std::string users = "1000";
  std::string accounts_per_user = "3";
  std::string changes = "10";
  std::string listings = "30";
  std::string valuations = "30";
  std::string series = "4";
  std::string history_reads = "5";
  std::string price_updates = "462";
  std::optional<std::string> storage_gb;
  std::string write_price = kWritePricePerMillion;
  std::string read_price = kReadPricePerMillion;
  std::string storage_price = kStoragePricePerGbMonth;
};

// A count option: a whole number from 0 to `max`; ValidationError naming `flag`.
Decimal count_argument(const std::string& text, const char* flag, std::int64_t max) {
  return Decimal::from_int(whole_number_argument(text, flag, 0, max));
}

// A price or size option: a decimal from 0 to `max` with at most 6 places.
Decimal amount_argument(const std::string& text, const char* flag, std::int64_t max) {
  const std::string rule =
      "a decimal number from 0 to " + std::to_string(max) + " with at most 6 decimal places";
  Decimal value;
  try {
    value = Decimal::parse(text, flag);
  } catch (const ValidationError&) {
    throw ValidationError(flag, rule, text);
  }
  if (value.round(6) != value || value < Decimal() || value > Decimal::from_int(max)) {
    throw ValidationError(flag, rule, text);
  }
  return value;
}

struct Usage {
  Decimal users, accounts_per_user, accounts;
  Decimal changes, listings, valuations, series, history_reads, price_updates;
  std::optional<Decimal> storage_gb;
  Prices prices;
};

// Every option checked before the workload runs.
Usage checked(const Options& o) {
  Usage u;
  u.users = count_argument(o.users, "--users", 1'000'000'000);
  u.accounts_per_user = count_argument(o.accounts_per_user, "--accounts-per-user", 1000);
  u.accounts = u.users * u.accounts_per_user;
  u.changes = count_argument(o.changes, "--changes", 1'000'000);
  u.listings = count_argument(o.listings, "--listings", 1'000'000);
  u.valuations = count_argument(o.valuations, "--valuations", 1'000'000);
  u.series = count_argument(o.series, "--series", 1'000'000);
  u.history_reads = count_argument(o.history_reads, "--history-reads", 1'000'000);
  u.price_updates = count_argument(o.price_updates, "--price-updates", 1'000'000'000);
  if (o.storage_gb) u.storage_gb = amount_argument(*o.storage_gb, "--storage-gb", 1'000'000);
  u.prices.write_per_million = amount_argument(o.write_price, "--write-price", 1000);
  u.prices.read_per_million = amount_argument(o.read_price, "--read-price", 1000);
  u.prices.storage_per_gb_month = amount_argument(o.storage_price, "--storage-price", 1000);
  return u;
}

// Runs `call` alone and returns what it consumed.
template <typename Call>
CapacityCounts measure(Database& db, Call call) {
  db.reset_capacity();
  call();
  return db.capacity().total;
}

// The workload on a fresh in-memory store: setup (not measured), then each call once.
std::vector<CallCost> run_workload(Context& context, const Usage& u) {
  const Config config = Config::resolve({{"ALEXDB_STORE", "memory:"}});
  Database& db = context.open(config);
  db.create_tables();
  // The reads are measured on a second Database of the same store, as the planner's API
  // reads what its jobs wrote: one that wrote an instrument within a minute reads it
  // strongly consistent (twice the units), a reader that did not reads it as any does.
  // Its calls are counted in `db`'s capacity too (it uses db's store).
  Database reader(std::shared_ptr<Store>(std::shared_ptr<Store>(), &db.store()),
                  config.users_table, config.instruments_table, context.database_options());
  Timestamp now = Timestamp::now();
  Timestamp last_close = last_close_before(now);
  std::vector<std::string> symbols;
  for (const Fields& listed : embedded_instruments()) {
    if (symbols.size() == kInstruments) break;
    Fields fields = listed;
    fields.erase("current_price");
    symbols.push_back(db.instruments.create_instrument(fields));
    db.instruments.import_prices(synthetic_prices(symbols.back(), listed.at("current_price").n(),
                                                  0.01, kPriceDays, last_close));
  }
  std::vector<CallCost> calls;
  std::string account;
  calls.push_back({"create user", measure(db, [&] { db.users.create_user("cost-user"); }),
                   u.users, false});
  calls.push_back({"create account", measure(db, [&] {
                     account = db.accounts.create_account("cost-user", "Brokerage");
                   }),
                   u.accounts, false});
  // Each position: dated changes spread over the price history, oldest first.
  for (const std::string& symbol : symbols) {
    for (int i = 0; i < kChangesPerPosition; ++i) {
      Timestamp when = last_close.plus_micros(-(kPriceDays - 1 - i * 8) * kMicrosPerDay);
      db.positions.add_or_update_position(account, symbol, Decimal::from_int(10 + i),
                                          i == 0 ? "BUY" : "UPDATE", when.to_string());
    }
  }
  const std::string today = now.date_string();
  const std::string series_start = now.plus_micros(-kSeriesDays * kMicrosPerDay).date_string();
  calls.push_back({"position change", measure(db, [&] {
                     db.positions.add_or_update_position(account, symbols[0],
                                                         Decimal::from_int(25), "BUY");
                   }),
                   u.accounts * u.changes});
  calls.push_back({"list positions",
                   measure(db, [&] { reader.positions.find_by_account(account); }),
                   u.accounts * u.listings});
  calls.push_back({"value at date", measure(db, [&] {
                     reader.positions.get_account_value_at_date(account, today);
                   }),
                   u.accounts * u.valuations});
  calls.push_back({"value series", measure(db, [&] {
                     reader.positions.get_account_value_series(account, series_start, today);
                   }),
                   u.accounts * u.series});
  calls.push_back({"position history", measure(db, [&] {
                     reader.positions.get_position_history(account, symbols[0]);
                   }),
                   u.accounts * u.history_reads});
  calls.push_back({"price update", measure(db, [&] {
                     db.instruments.update_price(symbols[0], Decimal::parse("123.45"));
                   }),
                   u.price_updates});
  context.close();
  return calls;
}

nlohmann::json cost_json(const Usage& u, const std::vector<CallCost>& calls,
                         const MonthlyEstimate& m) {
  nlohmann::json rows = nlohmann::json::array();
  for (const CallCost& c : calls) {
    nlohmann::json row = counts_json(c.once);
    row["call"] = c.call;
    row["per_month"] = c.per_month.to_string();
    row["in_estimate"] = c.in_estimate;
    rows.push_back(std::move(row));
  }
  return {{"store", "memory:"},
          {"prices",
           {{"write_per_million", u.prices.write_per_million.to_string()},
            {"read_per_million", u.prices.read_per_million.to_string()},
            {"storage_per_gb_month", u.prices.storage_per_gb_month.to_string()}}},
          {"calls", std::move(rows)},
          {"monthly",
           {{"requests", m.requests.to_string()},
            {"read_units", m.read_units.to_string()},
            {"write_units", m.write_units.to_string()},
            {"storage_gb", m.storage_gb.to_string()},
            {"storage_derived", !u.storage_gb.has_value()},
            {"read_cost", m.read_cost.to_string()},
            {"write_cost", m.write_cost.to_string()},
            {"storage_cost", m.storage_cost.to_string()},
            {"total", m.total.to_string()}}}};
}

void print_cost(const Usage& u, const std::vector<CallCost>& calls, const MonthlyEstimate& m) {
  std::cout << "Capacity of each call, measured on the embedded engine (memory:), in the units\n"
               "DynamoDB on-demand bills:\n";
  Table table({"call", "requests", "read units", "write units", "calls a month"});
  table.right(1).right(2).right(3).right(4);
  for (const CallCost& c : calls) {
    table.add({c.call, std::to_string(c.once.requests), c.once.read_units.to_string(),
               c.once.write_units.to_string(),
               c.in_estimate ? c.per_month.to_string() : "(one-time)"});
  }
  table.print(std::cout, 2);
  std::cout << "\nMonthly estimate for " << u.users.to_string() << " users, "
            << u.accounts.to_string() << " accounts (on demand, us-east-1 prices unless given):\n";
  Table bill({"item", "quantity", "price", "cost (USD)"});
  bill.right(1).right(2).right(3);
  bill.add({"reads", m.read_units.to_string() + " RRU",
            "$" + u.prices.read_per_million.to_string() + "/M", money(m.read_cost)});
  bill.add({"writes", m.write_units.to_string() + " WRU",
            "$" + u.prices.write_per_million.to_string() + "/M", money(m.write_cost)});
  bill.add({u.storage_gb ? "storage" : "storage (derived)", m.storage_gb.round(3).to_string() + " GB",
            "$" + u.prices.storage_per_gb_month.to_string() + "/GB", money(m.storage_cost)});
  bill.add({"total", m.requests.to_string() + " requests", "", money(m.total)});
  bill.print(std::cout, 2);
}

constexpr const char* kFooter =
    "Examples:\n"
    "  alexdb cost\n"
    "  alexdb cost --users 5000 --accounts-per-user 2 --valuations 60 --json\n"
    "Counts a month are per account (accounts = users x accounts per user), except\n"
    "--price-updates (all instruments together). Default prices: the published AWS on-demand\n"
    "prices for us-east-1, Standard table class, as of 2026-11: $0.625 per million write\n"
    "request units, $0.125 per million read request units, $0.25 per GB-month (the free\n"
    "25 GB are not subtracted). Without --storage-gb the storage is derived as an upper\n"
    "bound: a year of the month's write units at 1 KB each.\n"
    "The workload: 5 instruments with 90 daily closes, one user with one account holding 5\n"
    "positions of 10 dated changes; then each call once: create user, create account, a\n"
    "position change (now), list positions, value at date (today), a daily value series of\n"
    "30 days, one position's history, a price update (now). The four reads run on a second\n"
    "Database of the same store, as another process's (a Database reads an instrument it\n"
    "wrote within a minute strongly consistent).";

}  // namespace cost_cmd

void add_cost_command(CLI::App& app, Context& context) {
  auto o = std::make_shared<cost_cmd::Options>();
  CLI::App* cost = app.add_subcommand(
      "cost", "estimate the monthly on-demand DynamoDB bill of a usage, from measured capacity");
  cost->footer(cost_cmd::kFooter);
  cost->add_option("--users", o->users, "users (default 1000)");
  cost->add_option("--accounts-per-user", o->accounts_per_user, "accounts per user (default 3)");
  cost->add_option("--changes", o->changes, "position changes per account a month (default 10)");
  cost->add_option("--listings", o->listings,
                   "position listings (find_by_account) per account a month (default 30)");
  cost->add_option("--valuations", o->valuations,
                   "valuations (value at date) per account a month (default 30)");
  cost->add_option("--series", o->series,
                   "value series (30 daily points) per account a month (default 4)");
  cost->add_option("--history-reads", o->history_reads,
                   "position history reads per account a month (default 5)");
  cost->add_option("--price-updates", o->price_updates,
                   "price updates a month, all instruments (default 462: 22 x 21 trading days)");
  cost->add_option("--storage-gb", o->storage_gb, "table storage in GB (default: derived)");
  cost->add_option("--write-price", o->write_price,
                   "USD per million write request units (default 0.625)");
  cost->add_option("--read-price", o->read_price,
                   "USD per million read request units (default 0.125)");
  cost->add_option("--storage-price", o->storage_price, "USD per GB-month (default 0.25)");
  cost->callback([o, &context] {
    cost_cmd::Usage usage = cost_cmd::checked(*o);
    std::vector<CallCost> calls = cost_cmd::run_workload(context, usage);
    MonthlyEstimate monthly = estimate(calls, usage.prices, usage.storage_gb);
    if (context.json()) {
      print_json(cost_cmd::cost_json(usage, calls, monthly));
    } else {
      cost_cmd::print_cost(usage, calls, monthly);
    }
  });
}

}  // namespace alexdb::cli
