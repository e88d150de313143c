// alexdb positions set|list, alexdb history: positions now, at a date, and their changes.
#include <CLI/CLI.hpp>
#include <iostream>

#include "alexdb/errors.h"
#include "arguments.h"
#include "output.h"
#include "records_output.h"
#include "usage.h"

namespace alexdb::cli {
namespace positions_cmd {

struct SetOptions {
  std::string account;
  std::string symbol;
  std::string quantity;
  std::string action = "UPDATE";
  std::optional<std::string> at;
};

void set(Context& context, const SetOptions& o) {
  std::string id = context.db().positions.add_or_update_position(
      o.account, o.symbol, Decimal::parse(o.quantity, "quantity"), o.action,
      change_date_argument(o.at, "--at"));
  if (context.json()) {
    print_json({{"id", id}});
  } else {
    std::cout << "position " << id << ": " << o.symbol << " " << o.quantity << " (" << o.action
              << ")\n";
  }
}

void list(Context& context, const std::string& account, const std::optional<std::string>& at) {
  date_argument(at, "--at");
  Positions& positions = context.db().positions;
  if (!at) {
    print_records(context, positions.find_by_account(account));
    return;
  }
  print_records(context, positions.get_positions_at_date(account, *at));
}

struct HistoryOptions {
  std::string account;
  std::string symbol;
  DateRange range;
};

void history(Context& context, const HistoryOptions& o) {
  auto from = o.range.checked_from();
  auto to = o.range.checked_to();
  o.range.check_order();
  Database& db = context.db();
  std::vector<std::string> symbols =
      o.symbol.empty() ? db.positions.held_symbols(o.account) : std::vector<std::string>{o.symbol};
  std::vector<PositionChange> changes;
  for (const std::string& symbol : symbols) {
    for (const PositionChange& change :
         db.positions.get_position_history(o.account, symbol, from, to)) {
      changes.push_back(change);
    }
  }
  print_records(context, changes);
}

}  // namespace positions_cmd

void add_position_commands(CLI::App& app, Context& context) {
  using namespace positions_cmd;
  CLI::App* positions = app.add_subcommand("positions", "change and list positions");
  positions->require_subcommand(1);
  positions->footer("Example: alexdb positions list ACCOUNT_ID --at 2025-01-15");

  auto s = std::make_shared<SetOptions>();
  CLI::App* set_cmd = positions->add_subcommand(
      "set", "record a change: the quantity held after it (writes one history record)");
  set_cmd->add_option("account_id", s->account, "the account id")->required();
  set_cmd->add_option("symbol", s->symbol, "instrument symbol")->required();
  set_cmd->add_option("quantity", s->quantity, "quantity after the change (>= 0)")->required();
  set_cmd->add_option("--action", s->action, "BUY, SELL, TRANSFER or UPDATE (default UPDATE)")
      ->check(one_of({"BUY", "SELL", "TRANSFER", "UPDATE"}, true));
  set_cmd->add_option("--at", s->at,
                      std::string("when the trade happened (default now): ") + kChangeDateHelp);
  set_cmd->footer(
      "Example: alexdb positions set ACCOUNT_ID SPY 100 --action BUY --at 2025-01-15T14:30:00Z");
  set_cmd->callback([&context, s] {
    for (char& c : s->action) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    set(context, *s);
  });

  auto account = std::make_shared<std::string>();
  auto at = std::make_shared<std::optional<std::string>>();
  CLI::App* list_cmd = positions->add_subcommand("list", "open positions now, or held at a date");
  list_cmd->add_option("account_id", *account, "the account id")->required();
  list_cmd->add_option("--at", *at, std::string("the positions held at: ") + kQueryDateHelp);
  list_cmd->footer("Example: alexdb positions list ACCOUNT_ID --at 2025-01-15 --json");
  list_cmd->callback([&context, account, at] { list(context, *account, *at); });

  auto h = std::make_shared<HistoryOptions>();
  CLI::App* history_cmd = app.add_subcommand("history", "the changes of an account's positions");
  history_cmd->add_option("account_id", h->account, "the account id")->required();
  history_cmd->add_option("symbol", h->symbol, "one symbol (default: every symbol held)");
  add_date_range_options(*history_cmd, h->range);
  history_cmd->footer("Example: alexdb history ACCOUNT_ID SPY --from 2025-01-01 --to 2025-03-31");
  history_cmd->callback([&context, h] { history(context, *h); });
}

}  // namespace alexdb::cli
