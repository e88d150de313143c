// alexdb instruments list|show|search
#include <CLI/CLI.hpp>

#include "records_output.h"

namespace alexdb::cli {
void add_instrument_commands(CLI::App& app, Context& context) {
  CLI::App* instruments = app.add_subcommand("instruments", "list and inspect instruments");
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
  search_cmd->callback([&context, text] {
    print_records(context, context.db().instruments.search(*text));
  });
}

}  // namespace alexdb::cli
