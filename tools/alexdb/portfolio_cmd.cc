// alexdb lots, alexdb gains: an account's open lots and its realized and unrealized
// gains by a cost method (SPEC section 12), over db.portfolio.
#include <CLI/CLI.hpp>
#include <iostream>
#include <map>
#include <vector>

#include "alexdb/errors.h"
#include "alexdb/ledger.h"
#include "arguments.h"
#include "output.h"
#include "records_output.h"
#include "usage.h"

namespace alexdb::cli {
namespace portfolio_cmd {

// The flag that carries each argument the library names in its errors.
const FlagNames kPortfolioFlags = {
    {"symbol", "--symbol"}, {"method", "--method"}, {"as_known_at", "--as-known-at"}};

template <typename Call>
auto with_portfolio_flags(Call&& call) -> decltype(call()) {
  return with_flag_names(kPortfolioFlags, std::forward<Call>(call));
}

std::vector<std::string> method_choices() { return {"fifo", "lifo", "hifo", "average"}; }

// Adds --method (any case; default fifo) and --as-known-at to `command`.
void add_method_options(CLI::App& command, std::string& method,
                        std::optional<std::string>& as_known_at) {
  command
      .add_option("--method", method,
                  "cost method: fifo, lifo, hifo or average, any case (default fifo)")
      ->transform(one_of(method_choices(), true));
  command.add_option("--as-known-at", as_known_at,
                     std::string("the ledger as it stood then (default now): ") + kQueryDateHelp);
}

Value number(const Decimal& d) { return Value::N(d); }

Fields lot_fields(const Lot& lot) {
  return {{"symbol", Value::S(lot.symbol)},
          {"quantity", number(lot.quantity)},
          {"cost_per_unit", number(lot.cost_per_unit)},
          {"cost_basis", number(lot.cost_basis)},
          {"acquired", Value::S(lot.acquired)}};
}

Fields realized_fields(const RealizedGain& r) {
  return {{"symbol", Value::S(r.symbol)},       {"quantity", number(r.quantity)},
          {"proceeds", number(r.proceeds)},     {"fees", number(r.fees)},
          {"cost_basis", number(r.cost_basis)}, {"gain", number(r.gain)},
          {"acquired", Value::S(r.acquired)},   {"sold", Value::S(r.sold)}};
}

Fields unrealized_fields(const UnrealizedGain& u) {
  return {{"symbol", Value::S(u.symbol)},
          {"quantity", number(u.quantity)},
          {"cost_basis", number(u.cost_basis)},
          {"value", number(u.value)},
          {"gain", number(u.gain)}};
}

// Gains as SPEC section 12 shapes them (numbers as strings by print_json).
nlohmann::json gains_json(const Gains& g) {
  nlohmann::json realized = nlohmann::json::array();
  for (const RealizedGain& r : g.realized) realized.push_back(to_json(realized_fields(r)));
  nlohmann::json unrealized = nlohmann::json::array();
  for (const UnrealizedGain& u : g.unrealized) unrealized.push_back(to_json(unrealized_fields(u)));
  return {{"realized", realized},
          {"realized_total", to_json(number(g.realized_total))},
          {"unrealized", unrealized},
          {"unrealized_total", to_json(number(g.unrealized_total))},
          {"missing_prices", g.missing_prices}};
}

// The date of a fixed-width timestamp, for people.
std::string day_of(const std::string& timestamp) { return timestamp.substr(0, 10); }

struct LotsOptions {
  std::string account;
  std::optional<std::string> symbol;
  std::optional<std::string> at;
  std::string method = "fifo";
  std::optional<std::string> as_known_at;
};

void print_lots(const std::vector<Lot>& lots) {
  Table table({"SYMBOL", "ACQUIRED", "QUANTITY", "COST/UNIT", "COST BASIS"});
  table.right(2).right(3).right(4);
  for (const Lot& lot : lots) {
    table.add({lot.symbol, day_of(lot.acquired), lot.quantity.to_string(),
               lot.cost_per_unit.to_string(), money(lot.cost_basis)});
  }
  table.print(std::cout);
  std::cout << "(" << lots.size() << (lots.size() == 1 ? " lot" : " lots") << ")\n";
}

void lots(Context& context, const LotsOptions& o) {
  auto at = date_argument(o.at, "--at");
  auto known = date_argument(o.as_known_at, "--as-known-at");
  CostMethod method = parse_cost_method(o.method, "--method");
  std::vector<Lot> found = with_portfolio_flags(
      [&] { return context.db().portfolio.lots(o.account, o.symbol, at, method, known); });
  if (context.json()) {
    nlohmann::json array = nlohmann::json::array();
    for (const Lot& lot : found) array.push_back(to_json(lot_fields(lot)));
    print_json(array);
  } else {
    print_lots(found);
  }
}

struct GainsOptions {
  std::string account;
  DateRange range;
  std::string method = "fifo";
  std::optional<std::string> as_known_at;
};

// "sales from A to B", "sales from A", "sales to B" or "sales at any time".
std::string period_of(const DateRange& range) {
  if (!range.from && !range.to) return "sales at any time";
  std::string text = "sales";
  if (range.from) text += " from " + *range.from;
  if (range.to) text += " to " + *range.to;
  return text;
}

void print_gains(const Gains& g, const GainsOptions& o) {
  std::cout << "realized gains (" << o.method << "), " << period_of(o.range) << '\n';
  Table realized(
      {"SOLD", "SYMBOL", "QUANTITY", "ACQUIRED", "PROCEEDS", "FEES", "COST BASIS", "GAIN"});
  realized.right(2).right(4).right(5).right(6).right(7);
  for (const RealizedGain& r : g.realized) {
    realized.add({day_of(r.sold), r.symbol, r.quantity.to_string(), day_of(r.acquired),
                  money(r.proceeds), money(r.fees), money(r.cost_basis), money(r.gain)});
  }
  if (!realized.empty()) realized.print(std::cout, 2);
  std::cout << "realized total " << money(g.realized_total) << '\n';
  std::cout << "unrealized gains of what is held "
            << (o.range.to ? "at " + *o.range.to + ", at the last prices then"
                           : std::string("now, at the newest prices"))
            << '\n';
  Table unrealized({"SYMBOL", "QUANTITY", "COST BASIS", "VALUE", "GAIN"});
  unrealized.right(1).right(2).right(3).right(4);
  for (const UnrealizedGain& u : g.unrealized) {
    unrealized.add(
        {u.symbol, u.quantity.to_string(), money(u.cost_basis), money(u.value), money(u.gain)});
  }
  if (!unrealized.empty()) unrealized.print(std::cout, 2);
  std::cout << "unrealized total " << money(g.unrealized_total) << '\n';
  if (!g.missing_prices.empty()) {
    std::cout << "missing prices (held, not valued):";
    for (const std::string& symbol : g.missing_prices) std::cout << ' ' << symbol;
    std::cout << '\n';
  }
}

void gains(Context& context, const GainsOptions& o) {
  auto from = o.range.checked_from();
  auto to = o.range.checked_to();
  o.range.check_order();
  auto known = date_argument(o.as_known_at, "--as-known-at");
  CostMethod method = parse_cost_method(o.method, "--method");
  Gains found = with_portfolio_flags([&] {
    return with_range_flags(
        [&] { return context.db().portfolio.gains(o.account, from, to, method, known); });
  });
  if (context.json()) {
    print_json(gains_json(found));
  } else {
    print_gains(found, o);
  }
}

void add_lots_command(CLI::App& app, Context& context) {
  auto o = std::make_shared<LotsOptions>();
  CLI::App* cmd = app.add_subcommand(
      "lots", "an account's open lots (from its ledger) by a cost method, now or at a date");
  cmd->add_option("account_id", o->account, "the account id")->required();
  cmd->add_option("--symbol", o->symbol, "only this symbol's lots");
  cmd->add_option("--at", o->at, std::string("the lots after the trades up to: ") + kQueryDateHelp);
  add_method_options(*cmd, o->method, o->as_known_at);
  cmd->footer(
      "Example: alexdb lots ACCOUNT_ID --symbol SPY --at 2025-06-30 --method hifo\n"
      "By symbol, each symbol's lots in the order acquired (average: one pool per symbol).\n"
      "A purchase's fees are part of its cost basis.");
  cmd->callback([&context, o] { lots(context, *o); });
}

void add_gains_command(CLI::App& app, Context& context) {
  auto o = std::make_shared<GainsOptions>();
  CLI::App* cmd = app.add_subcommand(
      "gains", "an account's realized gains per sale and unrealized gains by a cost method");
  cmd->add_option("account_id", o->account, "the account id")->required();
  add_date_range_options(*cmd, o->range);
  add_method_options(*cmd, o->method, o->as_known_at);
  cmd->footer(
      "Example: alexdb gains ACCOUNT_ID --from 2025-01-01 --to 2025-12-31 --method lifo\n"
      "Realized: each sale's lots drawn, gain = proceeds - fees - cost basis. Unrealized:\n"
      "what is held at --to at each symbol's last price then (none: the newest); symbols\n"
      "without such a price are listed as missing, never valued at 0.");
  cmd->callback([&context, o] { gains(context, *o); });
}

struct CashOptions {
  std::string account;
  std::optional<std::string> at;
  std::optional<std::string> as_known_at;
};

void cash(Context& context, const CashOptions& o) {
  auto at = date_argument(o.at, "--at");
  auto known = date_argument(o.as_known_at, "--as-known-at");
  Decimal balance = with_portfolio_flags(
      [&] { return context.db().portfolio.cash_balance(o.account, at, known); });
  if (context.json()) {
    print_json({{"account_id", o.account},
                {"at", at ? nlohmann::json(*at) : nlohmann::json(nullptr)},
                {"cash", balance.to_string()}});
  } else {
    std::cout << "cash of account " << o.account << (at ? " at " + *at : std::string())
              << ": " << money(balance) << '\n';
  }
}

void add_cash_command(CLI::App& app, Context& context) {
  auto o = std::make_shared<CashOptions>();
  CLI::App* cmd =
      app.add_subcommand("cash", "an account's cash from its ledger, now or at a date");
  cmd->add_option("account_id", o->account, "the account id")->required();
  cmd->add_option("--at", o->at, std::string("the cash after the transactions up to: ") +
                                     kQueryDateHelp);
  cmd->add_option("--as-known-at", o->as_known_at, "as the ledger stood at this moment");
  cmd->footer(
      "Example: alexdb cash ACCOUNT_ID --at 2025-06-30\n"
      "Deposits, dividends and interest add their amount; withdrawals and fees take it; a\n"
      "BUY takes price x quantity plus fees, a SELL adds price x quantity less fees.");
  cmd->callback([&context, o] { cash(context, *o); });
}

}  // namespace portfolio_cmd

void add_portfolio_commands(CLI::App& app, Context& context) {
  portfolio_cmd::add_lots_command(app, context);
  portfolio_cmd::add_gains_command(app, context);
  portfolio_cmd::add_cash_command(app, context);
}

}  // namespace alexdb::cli
