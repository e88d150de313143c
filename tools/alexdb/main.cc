// alexdb: the command line of the Alex planner's storage package (SPEC section 7).
// Exit status: 0 on success, 1 when a command fails or finds a problem, 2 for a usage
// error (unknown command or option, bad or missing argument), reported on stderr as
// "alexdb: error: FIELD: rule (value)" with nothing written.
#include <CLI/CLI.hpp>
#include <iostream>
#include <string>
#include <vector>

#include "alexdb/config.h"
#include "alexdb/errors.h"
#include "backup_cmd.h"
#include "capacity_output.h"
#include "completion.h"
#include "context.h"
#include "help_cmd.h"
#include "usage.h"

namespace {

constexpr const char* kDescription =
    "alexdb: users, accounts, positions with history, instruments with prices, jobs and the\n"
    "ledger's transactions, on the embedded engine (default sqlite:alex.db) or DynamoDB.";

constexpr const char* kFooter =
    "Examples:\n"
    "  alexdb tables create && alexdb seed && alexdb verify\n"
    "  alexdb --store memory: demo\n"
    "  alexdb value ACCOUNT_ID --at 2025-01-15 --json\n"
    "  alexdb help users list         (the same as: alexdb users list --help)\n"
    "  source <(alexdb completion bash)\n"
    "Exit status: 0 done, 1 the command failed or found a problem, 2 bad usage or input\n"
    "(reported as: alexdb: error: FIELD: rule (value), with nothing written).\n"
    "Configuration: flags, then ALEXDB_STORE, DYNAMODB_ENDPOINT, DYNAMODB_USERS_TABLE,\n"
    "DYNAMODB_INSTRUMENTS_TABLE, AWS_REGION... from the environment, then .env. Without\n"
    "ALEXDB_STORE, an endpoint, a table variable or AWS Lambda selects DynamoDB; otherwise\n"
    "the store is sqlite:alex.db. --verbose says which store was opened.";

void add_global_options(CLI::App& app, alexdb::cli::GlobalOptions& options) {
  app.add_option("--store", options.store,
                 std::string(alexdb::kStoreSpecForms) + " (env ALEXDB_STORE)");
  app.add_option("--endpoint", options.endpoint,
                 "a DynamoDB endpoint URL (same as --store http(s)://...)");
  app.add_option("--region", options.region, "AWS region (env AWS_REGION)");
  app.add_option("--users-table", options.users_table,
                 "users table name (env DYNAMODB_USERS_TABLE, default alex-users-data)");
  app.add_option(
      "--instruments-table", options.instruments_table,
      "instruments table name (env DYNAMODB_INSTRUMENTS_TABLE, default alex-instruments)");
  app.add_option("--instrument-cache-seconds", options.instrument_cache_seconds,
                 "how long instruments read may be reused, 0: never (env "
                 "ALEXDB_INSTRUMENT_CACHE_SECONDS, default 60)");
  app.add_flag("--json", options.json, "print JSON for scripts (numbers as exact strings)");
  app.add_flag("-v,--verbose", options.verbose,
               "say on stderr which store and tables are opened (and other notes)");
  app.add_flag("--stats", options.stats,
               "after the command, print on stderr the requests and read/write capacity units "
               "it consumed, per table and kind of call, and their total (JSON with --json)");
}

// Parses the arguments and runs the command; returns the exit status.
int run(CLI::App& app, alexdb::cli::Context& context, int argc, char** argv) {
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::vector<std::string> args(argv + 1, argv + argc);
    std::cerr << "alexdb: error: " << alexdb::cli::usage_message(app, e, args) << '\n';
    return 2;
  } catch (const alexdb::ValidationError& e) {
    std::cerr << "alexdb: error: " << e.what() << '\n';
    return 2;
  } catch (const alexdb::Error& e) {
    std::cerr << "alexdb: error: " << e.what() << '\n';
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "alexdb: internal error: " << e.what() << '\n';
    return 1;
  }
  return context.exit_code();
}

// The capacity the command consumed, on stderr (--stats).
void print_stats(const alexdb::cli::Context& context) {
  std::cout.flush();  // the command's output first, on a terminal shared with stderr
  alexdb::CapacityReport report = context.capacity();
  if (context.json()) {
    std::cerr << alexdb::cli::capacity_json(report).dump(2) << '\n';
  } else {
    std::cerr << "alexdb: capacity consumed (requests, read and write units):\n";
    alexdb::cli::print_capacity(std::cerr, report);
  }
}

}  // namespace

int main(int argc, char** argv) {
  alexdb::cli::Context context;
  CLI::App app{kDescription, "alexdb"};
  app.footer(kFooter);
  app.fallthrough();  // global options are accepted after the command too
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("alexdb ") + ALEXDB_VERSION,
                       "print the version (alexdb X.Y.Z) and exit");
  add_global_options(app, context.options());

  using namespace alexdb::cli;
  add_tables_commands(app, context);
  add_seed_command(app, context);
  add_verify_command(app, context);
  add_migrate_command(app, context);
  add_user_commands(app, context);
  add_account_commands(app, context);
  add_position_commands(app, context);
  add_value_command(app, context);
  add_price_commands(app, context);
  add_instrument_commands(app, context);
  add_job_commands(app, context);
  add_trade_commands(app, context);
  add_portfolio_commands(app, context);
  add_allocation_command(app, context);
  add_returns_command(app, context);
  add_demo_command(app, context);
  add_cost_command(app, context);
  add_backup_commands(app, context);
  add_copy_command(app, context);
  add_help_command(app);
  add_completion_command(app);

  int code = run(app, context, argc, argv);
  if (context.options().stats) print_stats(context);
  context.finish(code);
  return code;
}
