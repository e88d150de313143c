// alexdb prices update|delete|history|import
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <iostream>
#include <set>

#include "alexdb/errors.h"
#include "arguments.h"
#include "output.h"
#include "price_loader.h"
#include "records_output.h"

namespace alexdb::cli {
namespace prices_cmd {

struct UpdateOptions {
  std::string symbol;
  std::string price;
  std::string volume;
  std::optional<std::string> at;
  std::string source = "manual";
};

void update(Context& context, const UpdateOptions& o) {
  std::string timestamp = context.db().instruments.update_price(
      o.symbol, Decimal::parse(o.price, "price"),
      o.volume.empty() ? std::nullopt : std::optional(Decimal::parse(o.volume, "volume")),
      change_date_argument(o.at, "--at"), o.source);
  if (context.json()) {
    print_json({{"symbol", o.symbol}, {"price", o.price}, {"timestamp", timestamp}});
  } else {
    std::cout << o.symbol << " " << o.price << " at " << timestamp << '\n';
  }
}

struct DeleteOptions {
  std::string symbol;
  std::string at;
};

// Deletes one price record; prints the instrument's current price after it (it falls
// back to the newest remaining price when the newest was deleted).
void remove(Context& context, const DeleteOptions& o) {
  Timestamp::parse_or_throw(o.at, "--at");
  Instruments& model = context.db().instruments;
  if (model.delete_price(o.symbol, o.at) == 0) {
    return not_found(context, "price of " + o.symbol + " at " + o.at);
  }
  auto instrument = model.find_by_symbol(o.symbol);
  auto current = instrument ? instrument->current_price : std::nullopt;
  auto since = instrument ? instrument->price_timestamp : std::nullopt;
  if (context.json()) {
    print_json({{"symbol", instrument ? instrument->symbol : o.symbol},
                {"deleted", "1"},
                {"current_price", current ? nlohmann::json(current->to_string()) : nullptr},
                {"price_timestamp", since ? nlohmann::json(*since) : nullptr}});
  } else {
    std::cout << "deleted price of " << o.symbol << " at " << o.at << "; current price "
              << (current ? current->to_string() + " at " + *since : std::string("none")) << '\n';
  }
}

void import(Context& context, const std::string& path) {
  // Problems go out as they are found: "FILE:LINE: field: problem" on stderr and, with
  // --json, as elements of "errors" on stdout (opened at the first one).
  bool json_open = false;
  auto report = [&](const CsvProblem& p) {
    std::cerr << path << ":" << p.line << ": " << p.field << ": " << p.message << '\n';
    if (!context.json()) return;
    std::cout << (json_open
                      ? ",\n    "
                      : "{\n  \"imported\": \"0\",\n  \"symbols\": [],\n  \"errors\": [\n    ")
              << nlohmann::json{{"line", std::to_string(p.line)},
                                {"field", p.field},
                                {"message", p.message}}
                     .dump();
    json_open = true;
  };
  // Progress only for people watching a terminal (Progress writes plain lines elsewhere).
  bool quiet = context.json() || isatty(STDERR_FILENO) == 0;
  PriceImportResult result = import_price_file(context.db(), path, report, quiet);
  if (result.bad_rows > 0) {
    if (json_open) std::cout << "\n  ]\n}\n";
    std::cerr << "alexdb: error: " << result.bad_rows << " bad row(s) in " << path
              << "; nothing imported\n";
    context.fail(2);
    return;
  }
  if (context.json()) {
    print_json({{"imported", std::to_string(result.imported)},
                {"symbols", result.symbols},
                {"errors", nlohmann::json::array()}});
  } else {
    std::cout << "imported " << result.imported << " prices of " << result.symbols.size()
              << " instrument(s) from " << path << '\n';
  }
}

struct HistoryOptions {
  std::string symbol;
  DateRange range;
};

void history(Context& context, const HistoryOptions& o) {
  auto from = o.range.checked_from();
  auto to = o.range.checked_to();
  o.range.check_order();
  auto prices = context.db().instruments.get_price_history(o.symbol, from, to);
  print_records(context, prices);
}

}  // namespace prices_cmd

void add_price_commands(CLI::App& app, Context& context) {
  using namespace prices_cmd;
  CLI::App* prices = app.add_subcommand("prices", "record, list and import instrument prices");
  prices->require_subcommand(1);
  prices->footer("Example: alexdb prices import closes.csv");

  auto u = std::make_shared<UpdateOptions>();
  CLI::App* update_cmd =
      prices->add_subcommand("update", "record one price (moves the current price if newest)");
  update_cmd->add_option("symbol", u->symbol, "instrument symbol")->required();
  update_cmd->add_option("price", u->price, "the price (0-999999)")->required();
  update_cmd->add_option("--volume", u->volume, "traded volume");
  update_cmd->add_option("--at", u->at,
                         std::string("when quoted (default now): ") + kChangeDateHelp);
  update_cmd->add_option("--source", u->source, "where the price came from (default manual)");
  update_cmd->footer(
      "Example: alexdb prices update SPY 452.10 --volume 1200000 --at 2025-01-15T21:00:00Z\n"
      "A price at a time that has one already replaces it (a correction); the newest price\n"
      "is the instrument's current price.");
  update_cmd->callback([&context, u] { update(context, *u); });

  auto d = std::make_shared<DeleteOptions>();
  CLI::App* delete_cmd = prices->add_subcommand(
      "delete", "delete one price (the current price falls back to the newest remaining)");
  delete_cmd->add_option("symbol", d->symbol, "instrument symbol")->required();
  delete_cmd
      ->add_option("--at", d->at,
                   "when the price was quoted: a date YYYY-MM-DD (its close, 21:00 UTC) or "
                   "the time `prices history` shows")
      ->required();
  delete_cmd->footer(
      "Example: alexdb prices delete SPY --at 2025-01-15\n"
      "When the deleted price was the newest, the instrument's current price becomes the\n"
      "newest remaining one (none left: no current price); valuations agree at once.");
  delete_cmd->callback([&context, d] { remove(context, *d); });

  auto h = std::make_shared<HistoryOptions>();
  CLI::App* history_cmd = prices->add_subcommand("history", "an instrument's prices, oldest first");
  history_cmd->add_option("symbol", h->symbol, "instrument symbol")->required();
  add_date_range_options(*history_cmd, h->range);
  history_cmd->footer("Example: alexdb prices history SPY --from 2025-01-01 --to 2025-01-31");
  history_cmd->callback([&context, h] { history(context, *h); });

  auto path = std::make_shared<std::string>();
  CLI::App* import_cmd = prices->add_subcommand(
      "import", "load prices from CSV: symbol,timestamp|date,price[,volume] with a header row");
  import_cmd->add_option("file", *path, "the CSV file")->required();
  import_cmd->footer(
      "Example: alexdb prices import closes.csv\n"
      "  symbol,date,price,volume\n  SPY,2025-01-15,452.10,1200000\n"
      "Every row is checked first (fields, known symbols, no symbol and time twice); any bad\n"
      "row (each reported as FILE:LINE: field: problem) means nothing is imported. Then the\n"
      "rows are loaded in batches of 5000. The file is read line by line, twice: memory\n"
      "stays small for any size. A UTF-8 byte-order mark (Excel's CSV UTF-8) is skipped.\n"
      "A date alone means that day's close, 21:00 UTC; no price may be dated later than\n"
      "now + 1 day.");
  import_cmd->callback([&context, path] { import(context, *path); });
}

}  // namespace alexdb::cli
