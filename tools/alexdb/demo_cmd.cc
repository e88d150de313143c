// alexdb demo: the main job end to end on a fresh embedded store: seed, a sample user
// with three accounts and a year of dated trades, verify, and a time-travel report.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "alexdb/errors.h"
#include "chart.h"
#include "context.h"
#include "output.h"
#include "seed.h"
#include "verify.h"

namespace alexdb::cli {
namespace demo_cmd {

constexpr const char* kDemoUser = "demo-user";
constexpr int kDays = 365;

// One dated trade: `day` days after the first day of the year shown, the quantity held
// after it.
struct Trade {
  int day;
  const char* symbol;
  const char* quantity;
  const char* action;
};

struct DemoAccount {
  const char* name;
  const char* purpose;
  const char* cash;
  std::vector<Trade> trades;
};

const std::vector<DemoAccount>& demo_accounts() {
  static const std::vector<DemoAccount> accounts = {
      {"401(k)",
       "retirement",
       "1500",
       {{0, "SPY", "40", "BUY"},
        {0, "BND", "120", "BUY"},
        {60, "VTI", "25", "BUY"},
        {120, "SPY", "55", "BUY"},
        {200, "BND", "40", "SELL"},
        {250, "AGG", "60", "BUY"},
        {310, "SPY", "70", "BUY"}}},
      {"Roth IRA",
       "retirement",
       "800",
       {{10, "QQQ", "30", "BUY"},
        {45, "VXUS", "100", "BUY"},
        {150, "QQQ", "10", "SELL"},
        {220, "SCHD", "80", "BUY"},
        {300, "QQQ", "45", "BUY"}}},
      {"Brokerage",
       "taxable investing",
       "5000",
       {{20, "GLD", "15", "BUY"},
        {90, "VNQ", "40", "BUY"},
        {180, "XLK", "25", "BUY"},
        {240, "GLD", "0", "SELL"},
        {330, "XLE", "30", "BUY"}}},
  };
  return accounts;
}

struct Created {
  std::string id;
  std::string name;
};

std::vector<Created> create_sample(Database& db, Timestamp first_day) {
  if (db.users.find_by_id(kDemoUser)) db.users.remove(kDemoUser);  // a rerun on --store
  db.users.create_user(kDemoUser, "Demo Investor", Decimal::from_int(25), Decimal::from_int(90000));
  std::vector<Created> created;
  int trades = 0;
  for (const DemoAccount& a : demo_accounts()) {
    std::string id = db.accounts.create_account(kDemoUser, a.name, std::string(a.purpose),
                                                Decimal::parse(a.cash), Decimal::parse("0.04"));
    for (const Trade& t : a.trades) {
      // Trades happen at 15:30 UTC, before that day's close.
      Timestamp when =
          first_day.start_of_day().plus_micros(t.day * kMicrosPerDay + 55'800'000'000LL);
      db.positions.add_or_update_position(id, t.symbol, Decimal::parse(t.quantity), t.action,
                                          when.to_string());
      ++trades;
    }
    created.push_back({id, a.name});
  }
  std::cout << "2. sample user " << kDemoUser << ": " << created.size() << " accounts, " << trades
            << " dated trades from " << first_day.date_string() << "\n\n";
  return created;
}

std::string holdings(const std::vector<PositionChange>& positions) {
  std::string text;
  for (const PositionChange& p : positions) {
    if (!text.empty()) text += ", ";
    text += p.symbol + " " + p.quantity.to_string();
  }
  return text.empty() ? "-" : text;
}

void time_travel(Database& db, const std::vector<Created>& accounts, Timestamp today) {
  std::cout << "4. time travel: what the accounts held and were worth\n";
  for (int days_back : {300, 210, 120, 30, 0}) {
    std::string date = today.plus_micros(-days_back * kMicrosPerDay).date_string();
    std::cout << "\n  " << date << (days_back == 0 ? " (today)" : "") << '\n';
    Table table({"ACCOUNT", "HOLDINGS", "VALUE"});
    table.right(2);
    Decimal total;
    for (const Created& a : accounts) {
      Valuation v = db.positions.get_account_value_at_date(a.id, date);
      total += v.total_value;
      std::string value = money(v.total_value);
      if (!v.missing_prices.empty())
        value += " (+" + std::to_string(v.missing_prices.size()) + " unpriced)";
      table.add({a.name, holdings(db.positions.get_positions_at_date(a.id, date)), value});
    }
    table.add({"total", "", money(total)});
    table.print(std::cout, 2);
  }
}

void chart(Database& db, const std::vector<Created>& accounts, Timestamp first_day,
           Timestamp today) {
  std::vector<double> totals;
  for (const Created& a : accounts) {
    auto series = db.positions.get_account_value_series(a.id, first_day.date_string(),
                                                        today.date_string(), "weekly");
    totals.resize(std::max(totals.size(), series.size()), 0.0);
    for (std::size_t i = 0; i < series.size(); ++i)
      totals[i] += std::stod(series[i].total_value.to_string());
  }
  if (totals.empty()) return;
  auto [low, high] = std::minmax_element(totals.begin(), totals.end());
  auto label = [](double v) {
    return money(Decimal::parse(std::to_string(static_cast<long long>(v))));
  };
  std::cout << "\n5. total value over the year (weekly)\n\n";
  for (const std::string& line : block_chart(totals, 8, label(*high), label(*low))) {
    std::cout << "  " << line << '\n';
  }
  std::size_t width = std::max(label(*high).size(), label(*low).size());
  std::string axis = first_day.date_string();
  std::string end = today.date_string();
  std::size_t columns = totals.size();
  std::string gap(columns > axis.size() + end.size() ? columns - axis.size() - end.size() : 1, ' ');
  std::cout << "  " << std::string(width + 2, ' ') << axis << gap << end << "\n";
}

// A fresh private store for the demo: a new directory under the system's temp dir.
std::filesystem::path temp_store_dir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "alexdb-demo-XXXXXX").string();
  if (!mkdtemp(pattern.data()))
    throw StoreError("cannot create a temporary directory for the demo");
  return pattern;
}

void run(Context& context, bool keep) {
  GlobalOptions& options = context.options();
  std::filesystem::path dir;
  if (options.store.empty() && options.endpoint.empty()) {
    dir = temp_store_dir();
    options.store = "sqlite:" + (dir / "alex.db").string();
  }
  Database& db = context.db();
  std::cout << "alexdb demo on " << db.store().name() << "\n\n";

  Timestamp today = Timestamp::now();
  Timestamp first_day = today.plus_micros(-(kDays - 1) * kMicrosPerDay);
  SeedSummary seeded =
      seed_instruments(db, kDays, last_close_before(today), isatty(STDERR_FILENO) == 0);
  std::cout << "1. tables created; seeded " << seeded.instruments << " instruments with "
            << seeded.prices << " daily closes (" << seeded.first_day << " to " << seeded.last_day
            << ")\n";
  std::vector<Created> accounts = create_sample(db, first_day);

  VerifyReport report = verify(db, false);
  std::cout << "3. verify\n";
  print_report(report, std::cout);
  std::cout << '\n';
  if (!report.ok()) context.fail();

  time_travel(db, accounts, today);
  chart(db, accounts, first_day, today);

  context.close();
  if (!dir.empty()) {
    if (keep) {
      std::cout << "\nThe demo store is kept: alexdb --store " << options.store
                << " accounts list --user " << kDemoUser << '\n';
    } else {
      std::filesystem::remove_all(dir);
    }
  }
}

}  // namespace demo_cmd

void add_demo_command(CLI::App& app, Context& context) {
  using namespace demo_cmd;
  auto keep = std::make_shared<bool>(false);
  CLI::App* demo = app.add_subcommand(
      "demo", "seed a fresh store, trade a year in three accounts, verify, and travel in time");
  demo->add_flag("--keep", *keep, "keep the temporary store and print how to open it");
  demo->footer(
      "Example: alexdb demo            (a temporary embedded store, removed afterwards)\n"
      "         alexdb --store sqlite:demo.db demo");
  demo->callback([&context, keep] { run(context, *keep); });
}

}  // namespace alexdb::cli
