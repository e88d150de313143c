// alexdb prices update|history|import
#include <CLI/CLI.hpp>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>

#include "alexdb/errors.h"
#include "arguments.h"
#include "output.h"
#include "price_import.h"
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

// Marks the rows whose symbol is not a known instrument (one batch read).
void check_symbols(Database& db, PriceFile& file) {
  std::set<std::string> wanted;
  for (const PricePoint& p : file.prices) wanted.insert(p.symbol);
  std::set<std::string> known;
  for (const Instrument& i : db.instruments.batch_get_by_symbols({wanted.begin(), wanted.end()})) {
    known.insert(i.symbol);
  }
  for (std::size_t i = 0; i < file.prices.size(); ++i) {
    if (!known.contains(file.prices[i].symbol)) {
      file.problems.push_back({file.lines[i], "symbol",
                               "no instrument " + file.prices[i].symbol + " (run alexdb seed?)"});
    }
  }
  std::stable_sort(file.problems.begin(), file.problems.end(),
                   [](const CsvProblem& a, const CsvProblem& b) { return a.line < b.line; });
}

void import(Context& context, const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ValidationError("FILE", "a readable file", path);
  std::stringstream text;
  text << in.rdbuf();
  PriceFile file = parse_price_csv(text.str(), "import");
  Database& db = context.db();
  if (file.problems.empty()) check_symbols(db, file);
  if (!file.problems.empty()) {
    for (const CsvProblem& p : file.problems) {
      std::cerr << path << ":" << p.line << ": " << p.field << ": " << p.message << '\n';
    }
    std::cerr << "alexdb: error: " << file.problems.size() << " bad row(s) in " << path
              << "; nothing imported\n";
    if (context.json()) {
      nlohmann::json problems = nlohmann::json::array();
      for (const CsvProblem& p : file.problems) {
        problems.push_back({{"line", p.line}, {"field", p.field}, {"message", p.message}});
      }
      print_json({{"imported", 0}, {"errors", problems}});
    }
    context.fail(2);
    return;
  }
  db.instruments.import_prices(file.prices);
  std::set<std::string> symbols;
  for (const PricePoint& p : file.prices) symbols.insert(p.symbol);
  if (context.json()) {
    print_json({{"imported", file.prices.size()},
                {"symbols", symbols},
                {"errors", nlohmann::json::array()}});
  } else {
    std::cout << "imported " << file.prices.size() << " prices of " << symbols.size()
              << " instrument(s) from " << path << '\n';
  }
}

struct HistoryOptions {
  std::string symbol;
  DateRange range;
};

void history(Context& context, const HistoryOptions& o) {
  auto prices = context.db().instruments.get_price_history(o.symbol, o.range.checked_from(),
                                                           o.range.checked_to());
  print_records(context, all_fields(prices),
                {{"TIMESTAMP", "timestamp"},
                 {"PRICE", "price", true},
                 {"VOLUME", "volume", true},
                 {"SOURCE", "source"}});
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
      "Example: alexdb prices update SPY 452.10 --volume 1200000 --at 2025-01-15T21:00:00Z");
  update_cmd->callback([&context, u] { update(context, *u); });

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
      "Every row is checked first; any bad row (reported as FILE:LINE: field: problem) means\n"
      "nothing is imported. A date alone means that day's close, 21:00 UTC; no price may be\n"
      "dated later than now + 1 day.");
  import_cmd->callback([&context, path] { import(context, *path); });
}

}  // namespace alexdb::cli
