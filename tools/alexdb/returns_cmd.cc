// alexdb returns: an account's time- or money-weighted return over a period, with a
// benchmark's over the same flows (SPEC section 12, issue 18), over db.portfolio.returns.
#include <CLI/CLI.hpp>
#include <iostream>
#include <memory>

#include "alexdb/errors.h"
#include "alexdb/returns.h"
#include "arguments.h"
#include "context.h"
#include "output.h"
#include "usage.h"

namespace alexdb::cli {
namespace returns_cmd {

// The flag that carries each argument the library names in its errors.
const FlagNames kReturnsFlags = {{"start", "--from"},
                                 {"end", "--to"},
                                 {"kind", "--kind"},
                                 {"benchmark", "--benchmark"},
                                 {"as_known_at", "--as-known-at"},
                                 {"step", "--step"}};

struct ReturnsOptions {
  std::string account;
  std::string from;
  std::string to;
  std::string kind = "twr";
  std::optional<std::string> benchmark;
  std::optional<std::string> as_known_at;
  std::optional<std::string> step;
};

// A return with exactly kReturnPlaces digits after the point, or null (not told).
nlohmann::json optional_number(const std::optional<Decimal>& d) {
  return d ? nlohmann::json(d->to_fixed(kReturnPlaces)) : nlohmann::json(nullptr);
}

// SPEC section 12's object, numbers as strings (null: not told).
nlohmann::json returns_json(const Returns& r) {
  nlohmann::json flows = nlohmann::json::array();
  for (const ReturnFlow& f : r.flows) {
    flows.push_back({{"date", f.date},
                     {"transaction_id", f.transaction_id},
                     {"type", f.type},
                     {"amount", f.amount.to_string()}});
  }
  nlohmann::json missing = nlohmann::json::array();
  for (const MissingPriceDays& m : r.missing_prices) {
    missing.push_back({{"symbol", m.symbol}, {"from", m.from}, {"to", m.to}});
  }
  return {{"kind", std::string(return_kind_name(r.kind))},
          {"start", r.start},
          {"end", r.end},
          {"return", optional_number(r.value)},
          {"benchmark", r.benchmark ? nlohmann::json(*r.benchmark) : nlohmann::json(nullptr)},
          {"benchmark_return", optional_number(r.benchmark_return)},
          {"start_value", r.start_value.to_string()},
          {"end_value", r.end_value.to_string()},
          {"flows", flows},
          {"missing_prices", missing},
          {"note", r.note ? nlohmann::json(*r.note) : nlohmann::json(nullptr)}};
}

// A fraction as a percentage with 6 decimals and the fraction itself: "1.75% (0.0175)".
std::string percent(const std::optional<Decimal>& d) {
  if (!d) return "not told";
  return Decimal::multiply(*d, Decimal::from_int(100), 6).to_string() + "% (" + d->to_string() +
         ")";
}

void print_returns(const Returns& r, const std::string& account) {
  const bool twr = r.kind == ReturnKind::kTwr;
  std::cout << (twr ? "time-weighted return (for the period)"
                    : "money-weighted return (XIRR, a year)")
            << " of account " << account << " from " << r.start << " to " << r.end << ": "
            << percent(r.value) << '\n';
  if (r.benchmark) {
    std::cout << "benchmark " << *r.benchmark
              << " over the same flows: " << percent(r.benchmark_return) << '\n';
  }
  std::cout << "start value " << money(r.start_value) << ", end value " << money(r.end_value)
            << '\n';
  if (!r.flows.empty()) {
    Table table({"DATE", "TYPE", "AMOUNT"});
    table.right(2);
    for (const ReturnFlow& f : r.flows) table.add({f.date, f.type, money(f.amount)});
    std::cout << "external flows\n";
    table.print(std::cout, 2);
  }
  for (const MissingPriceDays& m : r.missing_prices) {
    std::cout << "missing prices: " << m.symbol << " from " << m.from << " to " << m.to << '\n';
  }
  if (r.note) std::cout << "note: " << *r.note << '\n';
}

// The series: [{date, value, flows, twr}], numbers as strings (twr null: not told).
nlohmann::json series_json(const std::vector<ReturnPoint>& points) {
  nlohmann::json out = nlohmann::json::array();
  for (const ReturnPoint& p : points) {
    out.push_back({{"date", p.date},
                   {"value", p.value.to_string()},
                   {"flows", p.flows.to_string()},
                   {"twr", optional_number(p.twr)}});
  }
  return out;
}

void print_series(const std::vector<ReturnPoint>& points) {
  Table table({"DATE", "VALUE", "FLOWS", "TWR"});
  table.right(1).right(2).right(3);
  for (const ReturnPoint& p : points) {
    table.add(
        {p.date, money(p.value), money(p.flows), p.twr ? p.twr->to_string() : std::string("-")});
  }
  table.print(std::cout);
  std::cout << "(twr: the time-weighted return from the first date; - where a price is "
               "missing)\n";
}

void run_series(Context& context, const ReturnsOptions& o,
                const std::optional<std::string>& known) {
  std::vector<ReturnPoint> points = with_flag_names(kReturnsFlags, [&] {
    return context.db().portfolio.returns_series(o.account, o.from, o.to, *o.step, known);
  });
  if (context.json()) {
    print_json(series_json(points));
  } else {
    print_series(points);
  }
}

void run(Context& context, const ReturnsOptions& o) {
  date_argument(o.from, "--from");
  date_argument(o.to, "--to");
  auto known = date_argument(o.as_known_at, "--as-known-at");
  if (o.step) return run_series(context, o, known);
  Returns r = with_flag_names(kReturnsFlags, [&] {
    ReturnKind kind = parse_return_kind(o.kind, "kind");
    return context.db().portfolio.returns(o.account, o.from, o.to, kind, o.benchmark, known);
  });
  if (context.json()) {
    print_json(returns_json(r));
  } else {
    print_returns(r, o.account);
  }
}

}  // namespace returns_cmd

void add_returns_command(CLI::App& app, Context& context) {
  using namespace returns_cmd;
  auto o = std::make_shared<ReturnsOptions>();
  CLI::App* cmd = app.add_subcommand(
      "returns", "an account's time- or money-weighted return over a period, and a benchmark's");
  cmd->add_option("account_id", o->account, "the account id")->required();
  cmd->add_option("--from", o->from, "the start date (its end, UTC: the start value)")->required();
  cmd->add_option("--to", o->to, "the end date (its end, UTC: the end value)")->required();
  CLI::Option* kind =
      cmd->add_option("--kind", o->kind,
                      "twr (time-weighted, for the period; default) or mwr (money-weighted, "
                      "XIRR, annualized), any case");
  CLI::Option* benchmark = cmd->add_option("--benchmark", o->benchmark,
                                           "a symbol: what the same flows would have earned in it");
  cmd->add_option("--as-known-at", o->as_known_at,
                  std::string("the ledger as it stood then (default now): ") + kQueryDateHelp);
  cmd->add_option("--step", o->step,
                  "print the series instead: the value, net flows and cumulative time-weighted "
                  "return at every step (daily, weekly or monthly) from --from and at --to")
      ->transform(one_of({"daily", "weekly", "monthly"}))
      ->excludes(kind)
      ->excludes(benchmark);
  cmd->footer(
      "Example: alexdb returns ACCOUNT_ID --from 2025-01-01 --to 2025-12-31 --kind mwr "
      "--benchmark SPY\n"
      "         alexdb returns ACCOUNT_ID --from 2025-01-01 --to 2025-12-31 --step monthly\n"
      "Values are the ledger's cash plus units x the last price at or before each day's end;\n"
      "deposits, withdrawals and transfers are the external flows. A held symbol without a\n"
      "price is listed as missing and the return is not told, never computed without it.");
  cmd->callback([&context, o] { run(context, *o); });
}

}  // namespace alexdb::cli
