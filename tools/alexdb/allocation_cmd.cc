// alexdb allocation: where an account's value is at a date, by asset class, region or
// sector (SPEC section 12), over db.portfolio.allocation.
#include <CLI/CLI.hpp>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "alexdb/allocation.h"
#include "arguments.h"
#include "context.h"
#include "output.h"
#include "usage.h"

namespace alexdb::cli {

namespace {

struct AllocationOptions {
  std::string account;
  std::optional<std::string> at;
  std::string by = "asset_class";
};

// {key: number} with numbers as strings; with `places`, exactly that many digits after
// the point.
nlohmann::json number_map(const std::map<std::string, Decimal>& numbers,
                          std::optional<int> places = {}) {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& [key, number] : numbers) {
    out[key] = places ? number.to_fixed(*places) : number.to_string();
  }
  return out;
}

// The report as SPEC section 12 shapes it.
nlohmann::json allocation_json(const AllocationReport& a) {
  return {{"at", a.at ? nlohmann::json(*a.at) : nlohmann::json(nullptr)},
          {"by", a.by},
          {"total_value", a.total_value.to_string()},
          {"weights", number_map(a.weights, kWeightPlaces)},
          {"values", number_map(a.values)},
          {"missing_prices", a.missing_prices}};
}

void print_allocation(const AllocationReport& a, const std::string& account) {
  std::cout << "allocation of account " << account << " by " << a.by << ", "
            << (a.at ? "at " + *a.at : std::string("at current prices")) << '\n';
  Table table({a.by == "asset_class" ? "ASSET CLASS"
               : a.by == "region"    ? "REGION"
                                     : "SECTOR",
               "VALUE", "WEIGHT"});
  table.right(1).right(2);
  for (const auto& [key, value] : a.values) {
    auto weight = a.weights.find(key);
    table.add({key, money(value),
               weight == a.weights.end() ? std::string("-")
                                         : weight->second.to_fixed(kWeightPlaces) + "%"});
  }
  if (!table.empty()) table.print(std::cout, 2);
  std::cout << "total value " << money(a.total_value) << '\n';
  if (!a.missing_prices.empty()) {
    std::cout << "missing prices (held, not valued):";
    for (const std::string& symbol : a.missing_prices) std::cout << ' ' << symbol;
    std::cout << '\n';
  }
}

void allocation(Context& context, const AllocationOptions& o) {
  auto at = date_argument(o.at, "--at");
  const AllocationKind kind = parse_allocation_kind(o.by, "--by");
  AllocationReport report = with_flag_names({{"at", "--at"}, {"by", "--by"}}, [&] {
    return context.db().portfolio.allocation(o.account, at, allocation_kind_name(kind));
  });
  if (context.json()) {
    print_json(allocation_json(report));
  } else {
    print_allocation(report, o.account);
  }
}

}  // namespace

void add_allocation_command(CLI::App& app, Context& context) {
  auto o = std::make_shared<AllocationOptions>();
  CLI::App* cmd = app.add_subcommand(
      "allocation", "where an account's value is, by asset class, region or sector");
  cmd->add_option("account_id", o->account, "the account id")->required();
  cmd->add_option(
      "--at", o->at,
      std::string("the holdings and prices at (default now, current prices): ") + kQueryDateHelp);
  cmd->add_option("--by", o->by, "asset_class, region or sector, any case (default asset_class)")
      ->transform(one_of({"asset_class", "region", "sector"}, true));
  cmd->footer(
      "Example: alexdb allocation ACCOUNT_ID --at 2025-06-30 --by region\n"
      "Each position's value (as `alexdb value --at` values it) spread over its instrument's\n"
      "allocation map of that kind in proportion to its percents (no map: unclassified);\n"
      "weights in percent to 2 places. Positions without a price are listed as missing,\n"
      "never valued at 0. Ledger cash is not part of it.");
  cmd->callback([&context, o] { allocation(context, *o); });
}

}  // namespace alexdb::cli
