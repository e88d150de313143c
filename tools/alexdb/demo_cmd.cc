// alexdb demo: the main job end to end on a fresh embedded store: seed, a sample user
// with three accounts and a year of dated trades (one account's through the ledger, with
// prices and fees), verify, a time-travel report, and the ledger's gains and cash.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <set>

#include "alexdb/errors.h"
#include "alexdb/ledger.h"
#include "alexdb/returns.h"
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
// after it (a ledger account's: the units traded, at that day's price).
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
  bool ledger = false;  // trades recorded as ledger transactions (db.transactions)
};

// What the ledger account records besides its trades, and what each trade pays in fees.
constexpr const char* kLedgerDeposit = "25000";
constexpr const char* kLedgerFees = "4.95";
constexpr int kDividendDay = 200;
constexpr const char* kDividend = "31.20";
// A 2-for-1 split of XLK taking effect on this day: its closes from then on are halved
// (split-adjusted, as a price feed gives them) and the trades after it are in new units.
constexpr const char* kSplitSymbol = "XLK";
constexpr int kSplitDay = 200;
// What the ledger account's returns are measured against.
constexpr const char* kBenchmark = "SPY";

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
        {120, "XLK", "10", "BUY"},
        {180, "XLK", "25", "BUY"},
        {240, "GLD", "15", "SELL"},
        {280, "XLK", "40", "SELL"},
        {330, "XLE", "30", "BUY"}},
       true},
  };
  return accounts;
}

struct Created {
  std::string id;
  std::string name;
};

// The sample user's accounts and how many trades they got.
struct Sample {
  std::vector<Created> accounts;
  int trades = 0;
  Created ledger_account;  // the account whose trades are ledger transactions
  int transactions = 0;    // its ledger's transactions
};

// When a trade of `day` happens: 15:30 UTC, before that day's close.
Timestamp trade_time(Timestamp first_day, int day) {
  return first_day.start_of_day().plus_micros(day * kMicrosPerDay + 55'800'000'000LL);
}

// The split's prices: the closes of kSplitSymbol from kSplitDay on, halved.
void adjust_split_prices(Database& db, Timestamp first_day) {
  const std::string from = trade_time(first_day, kSplitDay).date_string();
  std::vector<PricePoint> halved = db.instruments.get_price_history(kSplitSymbol, from);
  for (PricePoint& p : halved) p.price = Decimal::divide(p.price, Decimal::from_int(2), 2);
  if (!halved.empty()) db.instruments.import_prices(halved);
}

// Records a ledger account's year: a deposit on the first day, each trade at the last
// close before it with fees, a split and a dividend.
int record_ledger(Database& db, const std::string& account, const DemoAccount& a,
                  Timestamp first_day) {
  adjust_split_prices(db, first_day);
  bool split = false;
  auto cash = [&](const char* type, const char* amount, std::optional<std::string> symbol,
                  int day) {
    TransactionInput in;
    in.type = type;
    in.amount = Decimal::parse(amount);
    in.symbol = std::move(symbol);
    in.timestamp = trade_time(first_day, day).to_string();
    db.transactions.record(account, in);
  };
  cash("DEPOSIT", kLedgerDeposit, std::nullopt, 0);
  int recorded = 1;
  for (const Trade& t : a.trades) {
    if (!split && t.day >= kSplitDay) {
      db.instruments.record_split(kSplitSymbol, Decimal::from_int(1), Decimal::from_int(2),
                                  trade_time(first_day, kSplitDay).date_string());
      split = true;
    }
    const std::string when = trade_time(first_day, t.day).to_string();
    auto price = db.instruments.get_price_at_date(t.symbol, when);
    if (!price) throw NotFound(std::string("no price of ") + t.symbol + " before " + when);
    TransactionInput in;
    in.type = t.action;
    in.symbol = t.symbol;
    in.quantity = Decimal::parse(t.quantity);
    in.price = price->price;
    in.fees = Decimal::parse(kLedgerFees);
    in.timestamp = when;
    db.transactions.record(account, in);
    ++recorded;
  }
  cash("DIVIDEND", kDividend, "VNQ", kDividendDay);
  return recorded + 1;
}

Sample create_sample(Database& db, Timestamp first_day) {
  if (db.users.find_by_id(kDemoUser)) db.users.remove(kDemoUser);  // a rerun on --store
  db.users.create_user(kDemoUser, "Demo Investor", Decimal::from_int(25), Decimal::from_int(90000));
  Sample sample;
  for (const DemoAccount& a : demo_accounts()) {
    std::string id = db.accounts.create_account(kDemoUser, a.name, std::string(a.purpose),
                                                Decimal::parse(a.cash), Decimal::parse("0.04"));
    if (a.ledger) {
      sample.transactions = record_ledger(db, id, a, first_day);
      sample.trades += static_cast<int>(a.trades.size());
      sample.ledger_account = {id, a.name};
    } else {
      for (const Trade& t : a.trades) {
        db.positions.add_or_update_position(id, t.symbol, Decimal::parse(t.quantity), t.action,
                                            trade_time(first_day, t.day).to_string());
        ++sample.trades;
      }
    }
    sample.accounts.push_back({id, a.name});
  }
  return sample;
}

std::string holdings(const std::vector<PositionChange>& positions) {
  std::string text;
  for (const PositionChange& p : positions) {
    if (!text.empty()) text += ", ";
    text += p.symbol + " " + p.quantity.to_string();
  }
  return text.empty() ? "-" : text;
}

// One account at one date of the time-travel report.
struct AccountAt {
  Created account;
  std::string holdings;  // "SPY 40, BND 120" or "-"
  Valuation valuation;
};

// The accounts at one date, with their total value.
struct DateReport {
  std::string date;
  bool today = false;
  std::vector<AccountAt> accounts;
  Decimal total;
};

std::vector<DateReport> time_travel(Database& db, const std::vector<Created>& accounts,
                                    Timestamp today) {
  std::vector<DateReport> report;
  for (int days_back : {300, 210, 120, 30, 0}) {
    DateReport at{
        today.plus_micros(-days_back * kMicrosPerDay).date_string(), days_back == 0, {}, {}};
    for (const Created& a : accounts) {
      Valuation v = db.positions.get_account_value_at_date(a.id, at.date);
      at.total += v.total_value;
      at.accounts.push_back({a, holdings(db.positions.get_positions_at_date(a.id, at.date)), v});
    }
    report.push_back(std::move(at));
  }
  return report;
}

void print_time_travel(const std::vector<DateReport>& report) {
  std::cout << "4. time travel: what the accounts held and were worth\n";
  for (const DateReport& at : report) {
    std::cout << "\n  " << at.date << (at.today ? " (today)" : "") << '\n';
    Table table({"ACCOUNT", "HOLDINGS", "VALUE"});
    table.right(2);
    for (const AccountAt& a : at.accounts) {
      std::string value = money(a.valuation.total_value);
      if (!a.valuation.missing_prices.empty())
        value += " (+" + std::to_string(a.valuation.missing_prices.size()) + " unpriced)";
      table.add({a.account.name, a.holdings, value});
    }
    table.add({"total", "", money(at.total)});
    table.print(std::cout, 2);
  }
}

// The ledger account's year: gains by each cost method, and its cash.
struct LedgerReport {
  struct ByMethod {
    CostMethod method;
    Gains gains;
  };
  std::vector<ByMethod> methods;
  Decimal cash;
};

LedgerReport ledger_report(Database& db, const Sample& sample, Timestamp first_day) {
  LedgerReport report;
  for (CostMethod m : {CostMethod::kFifo, CostMethod::kLifo, CostMethod::kHifo,
                       CostMethod::kAverage}) {
    report.methods.push_back(
        {m, db.portfolio.gains(sample.ledger_account.id, first_day.date_string(), std::nullopt, m)});
  }
  report.cash = db.portfolio.cash_balance(sample.ledger_account.id);
  return report;
}

void print_ledger(const Sample& sample, const LedgerReport& report) {
  std::cout << "\n6. the ledger of " << sample.ledger_account.name << ": "
            << sample.transactions << " transactions (a deposit of "
            << money(Decimal::parse(kLedgerDeposit)) << ", trades at the day's price with "
            << money(Decimal::parse(kLedgerFees)) << " fees, a dividend) and a 2-for-1 split of "
            << kSplitSymbol << " on day " << kSplitDay << "\n\n";
  Table table({"METHOD", "REALIZED", "UNREALIZED", "SALES"});
  table.right(1);
  table.right(2);
  table.right(3);
  for (const LedgerReport::ByMethod& m : report.methods) {
    table.add({std::string(cost_method_name(m.method)), money(m.gains.realized_total),
               money(m.gains.unrealized_total), std::to_string(m.gains.realized.size())});
  }
  table.print(std::cout, 2);
  std::cout << "\n  cash: " << money(report.cash)
            << " (alexdb gains ACCOUNT --method hifo and alexdb trades list ACCOUNT show more)\n";
}

// The ledger account's returns for the year against kBenchmark, and its allocation by
// asset class at mid-year and today (issue 18).
struct PerformanceReport {
  Returns twr;
  Returns mwr;
  std::vector<AllocationReport> allocations;
};

PerformanceReport performance_report(Database& db, const Sample& sample, Timestamp first_day,
                                     Timestamp today) {
  PerformanceReport report;
  const std::string& id = sample.ledger_account.id;
  const std::string from = first_day.date_string();
  const std::string to = today.date_string();
  report.twr = db.portfolio.returns(id, from, to, ReturnKind::kTwr, std::string(kBenchmark));
  report.mwr = db.portfolio.returns(id, from, to, ReturnKind::kMwr, std::string(kBenchmark));
  for (Timestamp at : {first_day.plus_micros(kDays / 2 * kMicrosPerDay), today}) {
    report.allocations.push_back(db.portfolio.allocation(id, at.date_string(), "asset_class"));
  }
  return report;
}

// A return as a percentage with 2 decimals ("not told" when unset).
std::string percent_of(const std::optional<Decimal>& fraction) {
  if (!fraction) return "not told";
  return (*fraction * Decimal::from_int(100)).to_fixed(2) + "%";
}

// A weight (a percent) as a bar of up to 20 blocks (one per 5%) and its figure, 30
// columns wide.
std::string weight_bar(const Decimal& weight) {
  const auto blocks = static_cast<std::size_t>(std::clamp<std::int64_t>(
      Decimal::divide(weight, Decimal::from_int(5), 0).to_int64().value_or(0), 0, 20));
  std::string bar;
  for (std::size_t i = 0; i < blocks; ++i) bar += "\u2588";
  const std::string figure = weight.to_fixed(kWeightPlaces) + "%";
  return bar + std::string(30 - blocks - figure.size(), ' ') + figure;
}

void print_performance(const Sample& sample, const PerformanceReport& report) {
  std::cout << "\n7. returns of " << sample.ledger_account.name << " from " << report.twr.start
            << " to " << report.twr.end << ", against " << kBenchmark << "\n\n";
  std::cout << "  time-weighted    " << percent_of(report.twr.value) << "  (" << kBenchmark
            << ' ' << percent_of(report.twr.benchmark_return) << ")\n";
  std::cout << "  money-weighted   " << percent_of(report.mwr.value) << " a year  (" << kBenchmark
            << ' ' << percent_of(report.mwr.benchmark_return) << ")\n";
  if (report.twr.note) std::cout << "  (" << *report.twr.note << ")\n";
  std::cout << "\n  allocation by asset class (weights of the holdings' value)\n  "
            << std::string(16, ' ');
  std::set<std::string> keys;
  for (const AllocationReport& a : report.allocations) {
    const std::string date = a.at ? a.at->substr(0, 10) : std::string("now");
    if (&a != &report.allocations.front()) std::cout << std::string(2, ' ');
    std::cout << std::string(30 - date.size(), ' ') << date;
    for (const auto& [key, weight] : a.weights) keys.insert(key);
  }
  std::cout << '\n';
  for (const std::string& key : keys) {
    std::cout << "  " << key << std::string(key.size() < 16 ? 16 - key.size() : 1, ' ');
    for (const AllocationReport& a : report.allocations) {
      auto weight = a.weights.find(key);
      if (&a != &report.allocations.front()) std::cout << std::string(2, ' ');
      std::cout << weight_bar(weight == a.weights.end() ? Decimal() : weight->second);
    }
    std::cout << '\n';
  }
}

// A return with all kReturnPlaces digits, or null.
nlohmann::json return_json(const std::optional<Decimal>& fraction) {
  return fraction ? nlohmann::json(fraction->to_fixed(kReturnPlaces)) : nlohmann::json(nullptr);
}

// The performance section: {benchmark, start, end, twr, mwr, benchmark_twr, benchmark_mwr,
// allocation: [{at, weights}]}.
nlohmann::json performance_json(const PerformanceReport& p) {
  nlohmann::json allocation = nlohmann::json::array();
  for (const AllocationReport& a : p.allocations) {
    nlohmann::json weights = nlohmann::json::object();
    for (const auto& [key, weight] : a.weights) weights[key] = weight.to_fixed(kWeightPlaces);
    allocation.push_back({{"at", a.at.value_or("")}, {"weights", weights}});
  }
  return {{"benchmark", kBenchmark},
          {"start", p.twr.start},
          {"end", p.twr.end},
          {"twr", return_json(p.twr.value)},
          {"mwr", return_json(p.mwr.value)},
          {"benchmark_twr", return_json(p.twr.benchmark_return)},
          {"benchmark_mwr", return_json(p.mwr.benchmark_return)},
          {"allocation", allocation}};
}

// The demo as --json prints it (numbers as strings, the chart left out).
nlohmann::json demo_json(const Database& db, const SeedSummary& seeded, const Sample& sample,
                         const VerifyReport& verified, const std::vector<DateReport>& travel,
                         const LedgerReport& ledger, const PerformanceReport& performance) {
  nlohmann::json gains = nlohmann::json::array();
  for (const LedgerReport::ByMethod& m : ledger.methods) {
    gains.push_back({{"method", std::string(cost_method_name(m.method))},
                     {"realized", m.gains.realized_total.to_string()},
                     {"unrealized", m.gains.unrealized_total.to_string()},
                     {"sales", std::to_string(m.gains.realized.size())}});
  }
  nlohmann::json accounts = nlohmann::json::array();
  for (const Created& a : sample.accounts) accounts.push_back({{"id", a.id}, {"name", a.name}});
  nlohmann::json dates = nlohmann::json::array();
  for (const DateReport& at : travel) {
    nlohmann::json values = nlohmann::json::array();
    for (const AccountAt& a : at.accounts) {
      values.push_back({{"id", a.account.id},
                        {"name", a.account.name},
                        {"total_value", a.valuation.total_value.to_string()},
                        {"unpriced", std::to_string(a.valuation.missing_prices.size())}});
    }
    dates.push_back(
        {{"date", at.date}, {"total_value", at.total.to_string()}, {"accounts", values}});
  }
  return {{"store", db.store().name()},
          {"seeded",
           {{"instruments", std::to_string(seeded.instruments)},
            {"prices", std::to_string(seeded.prices)},
            {"first_day", seeded.first_day},
            {"last_day", seeded.last_day}}},
          {"user", kDemoUser},
          {"trades", std::to_string(sample.trades)},
          {"accounts", accounts},
          {"verify", report_json(verified)},
          {"time_travel", dates},
          {"ledger",
           {{"account", sample.ledger_account.id},
            {"transactions", std::to_string(sample.transactions)},
            {"gains", gains},
            {"cash", ledger.cash.to_string()}}},
          {"performance", performance_json(performance)}};
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
  const bool json = context.json();
  if (!json) std::cout << "alexdb demo on " << db.store().name() << "\n\n";

  Timestamp today = Timestamp::now();
  Timestamp first_day = today.plus_micros(-(kDays - 1) * kMicrosPerDay);
  SeedSummary seeded =
      seed_instruments(db, kDays, last_close_before(today), isatty(STDERR_FILENO) == 0);
  if (!json) {
    std::cout << "1. tables created; seeded " << seeded.instruments << " instruments with "
              << seeded.prices << " daily closes (" << seeded.first_day << " to " << seeded.last_day
              << ")\n";
  }
  Sample sample = create_sample(db, first_day);
  if (!json) {
    std::cout << "2. sample user " << kDemoUser << ": " << sample.accounts.size() << " accounts, "
              << sample.trades << " dated trades from " << first_day.date_string() << "\n\n";
  }

  VerifyReport report = verify(db, false);
  if (!report.ok()) context.fail();
  if (!json) {
    std::cout << "3. verify\n";
    print_report(report, std::cout);
    std::cout << '\n';
  }

  std::vector<DateReport> travel = time_travel(db, sample.accounts, today);
  LedgerReport ledger = ledger_report(db, sample, first_day);
  PerformanceReport performance = performance_report(db, sample, first_day, today);
  if (json) {
    print_json(demo_json(db, seeded, sample, report, travel, ledger, performance));
  } else {
    print_time_travel(travel);
    chart(db, sample.accounts, first_day, today);
    print_ledger(sample, ledger);
    print_performance(sample, performance);
  }

  context.close();
  if (!dir.empty()) {
    if (keep) {
      (json ? std::cerr : std::cout) << "\nThe demo store is kept: alexdb --store " << options.store
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
      "demo",
      "seed a fresh store, trade a year in three accounts, verify, travel in time, and show "
      "the ledger's gains and cash");
  demo->add_flag("--keep", *keep, "keep the temporary store and print how to open it");
  demo->footer(
      "Example: alexdb demo            (a temporary embedded store, removed afterwards)\n"
      "         alexdb --store sqlite:demo.db demo\n"
      "         alexdb demo --json   (the accounts, checks and values, without the chart)");
  demo->callback([&context, keep] { run(context, *keep); });
}

}  // namespace alexdb::cli
