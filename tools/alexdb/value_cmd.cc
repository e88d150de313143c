// alexdb value: an account valued now, at a date, or over a date range.
#include <CLI/CLI.hpp>
#include <iostream>

#include "alexdb/errors.h"
#include "arguments.h"
#include "output.h"
#include "records_output.h"
#include "usage.h"
#include "valuation_output.h"

namespace alexdb::cli {
namespace value_cmd {

struct ValueOptions {
  std::string account;
  std::optional<std::string> at;
  std::optional<std::string> from;
  std::optional<std::string> to;
  std::string step = "daily";
  bool cash = false;
};

void run(Context& context, const ValueOptions& o) {
  date_argument(o.at, "--at");
  date_argument(o.from, "--from");
  date_argument(o.to, "--to");
  Positions& positions = context.db().positions;
  if (o.at && (o.from || o.to)) {
    throw ValidationError("--at", "give either --at or --from/--to, not both");
  }
  if (o.from.has_value() != o.to.has_value()) {
    throw ValidationError(o.from ? "--to" : "--from", "--from and --to go together");
  }
  if (o.from) {
    std::vector<Valuation> series = with_range_flags(
        [&] { return positions.get_account_value_series(o.account, *o.from, *o.to, o.step, o.cash); });
    if (context.json()) {
      nlohmann::json array = nlohmann::json::array();
      for (const Valuation& v : series) array.push_back(to_json(v.to_fields()));
      print_json(array);
    } else {
      print_series(std::cout, series);
    }
    return;
  }
  if (o.cash && !o.at) throw ValidationError("--cash", "needs --at or --from/--to");
  Valuation valuation = !o.at ? positions.get_portfolio_value(o.account)
                              : positions.get_account_value_at_date(o.account, *o.at, o.cash);
  if (context.json()) {
    print_json(to_json(valuation.to_fields()));
  } else {
    print_valuation(std::cout, valuation);
  }
}

}  // namespace value_cmd

void add_value_command(CLI::App& app, Context& context) {
  using namespace value_cmd;
  auto o = std::make_shared<ValueOptions>();
  CLI::App* value = app.add_subcommand(
      "value", "value an account: now, at a date (--at), or over a range (--from/--to/--step)");
  value->add_option("account_id", o->account, "the account id")->required();
  value->add_option("--at", o->at, std::string("when to value at: ") + kQueryDateHelp);
  value->add_option("--from", o->from,
                    "first point of a series (a date YYYY-MM-DD means its end, as --at)");
  value->add_option("--to", o->to, "last point of a series (a date means its end, as --at)");
  value->add_option("--step", o->step, "series step: daily, weekly or monthly")
      ->check(one_of({"daily", "weekly", "monthly"}));
  value->add_flag("--cash", o->cash,
                  "also the ledger's cash at the date or each point (one more query)");
  value->footer(
      "Examples:\n  alexdb value ACCOUNT_ID --at 2025-01-15 --json\n"
      "  alexdb value ACCOUNT_ID --from 2025-01-01 --to 2025-12-31 --step monthly");
  value->callback([&context, o] { run(context, *o); });
}

}  // namespace alexdb::cli
