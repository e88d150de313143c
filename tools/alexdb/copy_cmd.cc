// alexdb copy --from STORE --to STORE: both tables between any two stores, resumable
// and verified.
#include <CLI/CLI.hpp>
#include <iostream>
#include <memory>

#include "alexdb/config.h"
#include "backup_cmd.h"
#include "output.h"
#include "usage.h"

namespace alexdb::cli {

namespace copy_cmd {

struct CopyArgs {
  std::string from;
  std::string to;
  std::string to_users_table;
  std::string to_instruments_table;
  std::string checkpoint;
  int segments = 4;
  bool resume = false;
  bool merge = false;
  bool quiet = false;
};

// The configuration of the global options with its store replaced by `spec`.
Config config_for(Context& context, const std::string& spec, std::string_view setting) {
  check_store_spec(spec, setting);
  Config config = context.config();
  config.store = spec;
  return config;
}

void run(Context& context, const CopyArgs& args) {
  Config from_config = config_for(context, args.from, "--from");
  Config to_config = config_for(context, args.to, "--to");
  StoreTables from_tables{from_config.users_table, from_config.instruments_table};
  StoreTables to_tables = from_tables;
  if (!args.to_users_table.empty()) to_tables.users = args.to_users_table;
  if (!args.to_instruments_table.empty()) to_tables.instruments = args.to_instruments_table;
  std::unique_ptr<Store> from = context.open_store(from_config);
  std::unique_ptr<Store> to = context.open_store(to_config);

  CopyOptions options;
  options.segments = args.segments;
  options.checkpoint = args.checkpoint;
  options.resume = args.resume;
  options.merge = args.merge;
  options.progress = stderr_progress("copy", args.quiet);
  CopyResult result = copy_store(*from, from_tables, *to, to_tables, options);
  if (context.json()) {
    print_json({{"from", from->name()},
                {"to", to->name()},
                {"ok", result.ok()},
                {"source", contents_json(result.source)},
                {"target", contents_json(result.target)}});
  } else {
    std::cout << "copy: " << from->name() << " -> " << to->name() << "\nsource:\n";
    print_contents(result.source, std::cout, 2);
    std::cout << "target:\n";
    print_contents(result.target, std::cout, 2);
    std::cout << "copy: "
              << (result.ok() ? "OK (counts and content hashes match)"
                              : "MISMATCH (the target differs from the source: was the source "
                                "written during the copy?)")
              << "\n";
  }
  if (!result.ok()) context.fail();
}

}  // namespace copy_cmd

void add_copy_command(CLI::App& app, Context& context) {
  auto args = std::make_shared<copy_cmd::CopyArgs>();
  CLI::App* copy = app.add_subcommand(
      "copy",
      "copy both tables between two stores (embedded <-> DynamoDB), resumable, then compared");
  copy->add_option("--from", args->from, "the source store (" + std::string(kStoreSpecForms) + ")")
      ->required();
  copy->add_option("--to", args->to, "the target store (same forms)")->required();
  copy->add_option("--to-users-table", args->to_users_table,
                   "the users table's name in the target (default: the same as the source's)");
  copy->add_option("--to-instruments-table", args->to_instruments_table,
                   "the instruments table's name in the target (default: the source's)");
  copy->add_option("--checkpoint", args->checkpoint,
                   "record progress in this file after every page (removed when the copy "
                   "is verified)");
  copy->add_flag("--resume", args->resume,
                 "continue the copy recorded in --checkpoint (same stores, tables, segments)");
  copy->add_flag("--merge", args->merge, "copy into target tables that already hold items");
  copy->add_option("--segments", args->segments,
                   "parallel scan segments of the source, one thread each (1-64, default 4)")
      ->check(whole_number(1, kMaxSegments));
  copy->add_flag("-q,--quiet", args->quiet, "no progress on stderr");
  copy->footer(
      "The source's table names are the global ones (--users-table, --instruments-table or\n"
      "the environment). The target must be empty unless --merge or --resume; missing tables\n"
      "are created. A copy from a DynamoDB table that is being written is not point-in-time:\n"
      "the final comparison then reports a mismatch; copy again from a quiet table.\n"
      "Example: alexdb copy --from sqlite:alex.db --to http://localhost:8000 \\\n"
      "           --checkpoint copy.ckpt   (after an interruption: the same with --resume)");
  copy->callback([&context, args] { copy_cmd::run(context, *args); });
}

}  // namespace alexdb::cli
