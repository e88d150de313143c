// alexdb instruments list|show|search|create|update|delete|split|splits
#include <CLI/CLI.hpp>
#include <iostream>

#include "alexdb/errors.h"
#include "alexdb/ledger.h"
#include "arguments.h"
#include "edit_input.h"
#include "output.h"
#include "records_output.h"

namespace alexdb::cli {
namespace instruments_cmd {

// The fields of `instruments create` and `update`; unset options are not given.
struct FieldOptions {
  std::string symbol;
  std::optional<std::string> name;
  std::optional<std::string> type;
  std::optional<std::string> price;
  std::vector<std::string> regions;
  std::vector<std::string> sectors;
  std::vector<std::string> asset_classes;
};

Fields fields_of(const FieldOptions& o) {
  Fields fields;
  if (o.name) fields.emplace("name", Value::S(*o.name));
  if (o.type) fields.emplace("instrument_type", Value::S(*o.type));
  if (o.price) fields.emplace("current_price", Value::N(Decimal::parse(*o.price, "--price")));
  if (!o.regions.empty()) {
    fields.emplace("allocation_regions", allocation_argument(o.regions, "--regions"));
  }
  if (!o.sectors.empty()) {
    fields.emplace("allocation_sectors", allocation_argument(o.sectors, "--sectors"));
  }
  if (!o.asset_classes.empty()) {
    fields.emplace("allocation_asset_class",
                   allocation_argument(o.asset_classes, "--asset-classes"));
  }
  return fields;
}

void create(Context& context, const FieldOptions& o) {
  Fields fields = fields_of(o);
  fields.emplace("symbol", Value::S(o.symbol));
  Instruments& model = context.db().instruments;
  // The library's create changes an existing instrument; the command does not.
  if (model.find_by_symbol(o.symbol)) {
    return refuse(
        context, "symbol",
        "instrument " + o.symbol + " exists already (alexdb instruments update " + "changes it)");
  }
  std::string symbol = model.create_instrument(fields);
  if (context.json()) {
    print_json({{"symbol", symbol}});
  } else {
    std::cout << "created instrument " << symbol << '\n';
  }
}

void update(Context& context, const FieldOptions& o) {
  Fields fields = fields_of(o);
  if (fields.empty()) {
    throw ValidationError("instruments update", "give at least one field to change",
                          "--name, --type, --price, --regions, --sectors, --asset-classes");
  }
  if (context.db().instruments.update(o.symbol, fields) == 0) {
    return not_found(context, "instrument " + o.symbol);
  }
  print_changed(context, "updated", "instrument", "symbol", o.symbol, 1);
}

void remove(Context& context, const std::string& symbol) {
  int removed = context.db().instruments.remove(symbol);
  if (removed == 0) return not_found(context, "instrument " + symbol);
  print_changed(context, "deleted", "instrument", "symbol", symbol, removed);
}

// `instruments split` and `splits`: a split's fields as printed (ratios as numbers).
Fields split_fields(const Split& s) {
  return {{"symbol", Value::S(s.symbol)},
          {"ratio_from", Value::N(s.ratio_from)},
          {"ratio_to", Value::N(s.ratio_to)},
          {"effective", Value::S(s.effective)},
          {"recorded_at", Value::S(s.recorded_at)}};
}

const std::vector<Column>& split_columns() {
  static const std::vector<Column> columns = {{"SYMBOL", "symbol"},
                                              {"FROM", "ratio_from", true},
                                              {"TO", "ratio_to", true},
                                              {"EFFECTIVE", "effective"},
                                              {"RECORDED", "recorded_at"}};
  return columns;
}

struct SplitOptions {
  std::string symbol;
  std::string ratio_from;
  std::string ratio_to;
  std::string effective;
};

void split(Context& context, const SplitOptions& o) {
  const Decimal from = Decimal::parse(o.ratio_from, "ratio_from");
  const Decimal to = Decimal::parse(o.ratio_to, "ratio_to");
  Split recorded = context.db().instruments.record_split(
      o.symbol, from, to, date_argument(o.effective, "--effective").value());
  if (context.json()) {
    print_record(context, split_fields(recorded));
  } else {
    std::cout << "recorded a split of " << recorded.symbol << ": "
              << recorded.ratio_from.to_string() << " becomes " << recorded.ratio_to.to_string()
              << " from " << recorded.effective << '\n';
  }
}

// The options of create and update on `command`, read into `o`.
void add_field_options(CLI::App& command, FieldOptions& o, bool creating) {
  command.add_option("symbol", o.symbol, "instrument symbol (stored upper case)")->required();
  auto* name = command.add_option("--name", o.name, "instrument name");
  auto* type = command.add_option("--type", o.type,
                                  "etf, mutual_fund, stock, bond, bond_fund, commodity or reit");
  command.add_option("--price", o.price,
                     "current price (0-999999), recorded as a price quoted now, source "
                     "instrument");
  auto* regions = command.add_option(
      "--regions", o.regions,
      std::string("allocation by region (e.g. north_america=100): ") + kAllocationHelp);
  auto* sectors = command.add_option(
      "--sectors", o.sectors,
      std::string("allocation by sector (e.g. technology=60,healthcare=40): ") + kAllocationHelp);
  auto* asset_classes = command.add_option(
      "--asset-classes", o.asset_classes,
      std::string("allocation by asset class (e.g. equity=100): ") + kAllocationHelp);
  if (creating) {
    for (CLI::Option* required : {name, type, regions, sectors, asset_classes}) {
      required->required();
    }
  }
}

}  // namespace instruments_cmd

void add_instrument_commands(CLI::App& app, Context& context) {
  using namespace instruments_cmd;
  CLI::App* instruments =
      app.add_subcommand("instruments", "list, inspect, create, change and delete instruments");
  instruments->require_subcommand(1);
  instruments->footer("Example: alexdb instruments list --type etf");

  auto type = std::make_shared<std::string>();
  CLI::App* list_cmd = instruments->add_subcommand("list", "instruments by symbol");
  list_cmd->add_option("--type", *type, "only this instrument type (etf, stock, bond, ...)");
  list_cmd->footer("Example: alexdb instruments list --json");
  list_cmd->callback([&context, type] {
    auto& model = context.db().instruments;
    print_records(context, type->empty() ? model.find_all() : model.find_by_type(*type));
  });

  auto symbol = std::make_shared<std::string>();
  CLI::App* show_cmd = instruments->add_subcommand("show", "one instrument with its allocations");
  show_cmd->add_option("symbol", *symbol, "instrument symbol")->required();
  show_cmd->footer("Example: alexdb instruments show SPY");
  show_cmd->callback([&context, symbol] {
    auto instrument = context.db().instruments.find_by_symbol(*symbol);
    if (!instrument) return not_found(context, "instrument " + *symbol);
    print_record(context, instrument->to_fields());
  });

  auto text = std::make_shared<std::string>();
  CLI::App* search_cmd = instruments->add_subcommand("search", "symbol or name containing TEXT");
  search_cmd->add_option("text", *text, "text to look for (any case)")->required();
  search_cmd->footer("Example: alexdb instruments search vanguard");
  search_cmd->callback(
      [&context, text] { print_records(context, context.db().instruments.search(*text)); });

  auto c = std::make_shared<FieldOptions>();
  CLI::App* create_cmd = instruments->add_subcommand("create", "add an instrument");
  add_field_options(*create_cmd, *c, true);
  create_cmd->footer(
      "Example: alexdb instruments create VEA --name 'Vanguard FTSE Developed Markets ETF' "
      "--type etf --regions europe=60,asia=40 --sectors '{\"financials\": 20, "
      "\"industrials\": 80}' --asset-classes equity=100\n"
      "Each allocation's keys are those of data/instruments.json and its shares sum to 100\n"
      "(within 3). An instrument that exists already is not changed (exit 1).");
  create_cmd->callback([&context, c] { create(context, *c); });

  auto u = std::make_shared<FieldOptions>();
  CLI::App* update_cmd =
      instruments->add_subcommand("update", "change an instrument's fields (only those given)");
  add_field_options(*update_cmd, *u, false);
  update_cmd->footer(
      "Example: alexdb instruments update VEA --name 'Vanguard Developed Markets' --regions "
      "europe=55 --regions asia=45\n"
      "An allocation given replaces the stored one whole; --price records a price quoted now\n"
      "(alexdb prices update records one at another time).");
  update_cmd->callback([&context, u] { update(context, *u); });

  auto delete_symbol = std::make_shared<std::string>();
  CLI::App* delete_cmd =
      instruments->add_subcommand("delete", "delete an instrument and its price history");
  delete_cmd->add_option("symbol", *delete_symbol, "instrument symbol")->required();
  delete_cmd->footer(
      "Example: alexdb instruments delete VEA\n"
      "Prices go first, the instrument last, so an interrupted delete can be run again.\n"
      "Positions in the symbol stay; valuations then list them as missing a price.");
  delete_cmd->callback([&context, delete_symbol] { remove(context, *delete_symbol); });

  auto sp = std::make_shared<SplitOptions>();
  CLI::App* split_cmd = instruments->add_subcommand(
      "split", "record a split: from --effective on, RATIO_FROM units are RATIO_TO");
  split_cmd->add_option("symbol", sp->symbol, "instrument symbol")->required();
  split_cmd->add_option("ratio_from", sp->ratio_from, "units before (1 for a 2-for-1 split)")
      ->required();
  split_cmd->add_option("ratio_to", sp->ratio_to, "units after (2 for a 2-for-1 split)")
      ->required();
  split_cmd->add_option("--effective", sp->effective,
                        "when it takes effect (a date alone: the start of that day)")
      ->required();
  split_cmd->footer(
      "Examples: alexdb instruments split NVDA 1 10 --effective 2024-06-10   (10-for-1)\n"
      "          alexdb instruments split XYZ 10 1 --effective 2025-02-03    (1-for-10 reverse)\n"
      "Lots, gains and every position holding the symbol then take it, and the last price\n"
      "before it times RATIO_FROM / RATIO_TO is recorded at --effective (source split);\n"
      "history before it stays as recorded. Recording the same split again changes nothing.");
  split_cmd->callback([&context, sp] { split(context, *sp); });

  auto of = std::make_shared<std::string>();
  auto known = std::make_shared<std::optional<std::string>>();
  CLI::App* splits_cmd =
      instruments->add_subcommand("splits", "the splits of an instrument, by effective time");
  splits_cmd->add_option("symbol", *of, "instrument symbol")->required();
  splits_cmd->add_option("--as-known-at", *known, "as recorded by this moment");
  splits_cmd->footer("Example: alexdb instruments splits NVDA --json");
  splits_cmd->callback([&context, of, known] {
    std::vector<Fields> rows;
    for (const Split& s : context.db().instruments.splits(*of, date_argument(*known, "--as-known-at"))) {
      rows.push_back(split_fields(s));
    }
    print_records(context, rows, split_columns());
  });
}

}  // namespace alexdb::cli
