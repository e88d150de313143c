// What every `alexdb` command shares: the global options, the database they name, the
// output mode, and the exit status.
#ifndef ALEXDB_TOOLS_ALEXDB_CONTEXT_H_
#define ALEXDB_TOOLS_ALEXDB_CONTEXT_H_

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "alexdb/config.h"
#include "alexdb/database.h"

namespace CLI {
class App;
}

namespace alexdb::cli {

// The global flags. Empty strings mean "not given": the environment, .env and the
// defaults decide (SPEC section 6).
struct GlobalOptions {
  std::string store;
  std::string endpoint;
  std::string region;
  std::string users_table;
  std::string instruments_table;
  std::string instrument_cache_seconds;  // checked by Config::resolve
  bool json = false;
  bool verbose = false;  // also print the Database's informational messages (which store)
  bool stats = false;    // print the capacity the command consumed on stderr at the end
};

// Not copyable: commands keep a reference to the one Context of the process.
class Context {
 public:
  Context() = default;
  Context(const Context&) = delete;
  Context& operator=(const Context&) = delete;

  GlobalOptions& options() { return options_; }
  bool json() const { return options_.json; }

  // The configuration of the flags over the environment over .env. Throws
  // ValidationError for conflicting or malformed flags.
  Config config() const;
  // What opening the database does about missing tables.
  enum class MissingTables {
    kCreateOnEmbedded,  // the embedded engine creates them, as the library and Python do
    kLeave,             // `tables` commands: as they are, on every engine
  };

  // The database of config(), opened on first use (`missing` applies to that first use).
  Database& db(MissingTables missing = MissingTables::kCreateOnEmbedded);
  // Opens `config` instead (the demo's private store); later db() calls return it.
  Database& open(const Config& config);
  // The store `config` names, opened directly (backup, restore, copy), with the same
  // care for a file the command creates as db().
  std::unique_ptr<Store> open_store(const Config& config);
  // Closes the database (its files), e.g. before removing them.
  void close();
  // Called once the command ran, with its exit status: a failed command leaves no
  // embedded file behind that it created and that holds no item (closes the database).
  void finish(int exit_code);

  // The requests and capacity units of every database the command opened (--stats).
  CapacityReport capacity() const;

  // The process exit status: 0 unless a command reported a failure.
  int exit_code() const { return exit_code_; }
  void fail(int code = 1) { exit_code_ = code; }

  // Options of every Database the commands open: tables are not created implicitly, and
  // the Database's messages go to stderr ("alexdb: warning: ..." always, the others
  // with --verbose).
  DatabaseOptions database_options() const;

 private:

  GlobalOptions options_;
  std::unique_ptr<Database> db_;
  // Notes the embedded file `config` names when it does not exist yet (opening creates it).
  void note_new_file(const Config& config);

  std::vector<std::string> created_files_;  // embedded files this command created
  CapacityReport closed_capacity_;          // of the databases closed or replaced
  int exit_code_ = 0;
};

// Command groups, one file each. Each adds its subcommands to `app`.
void add_tables_commands(CLI::App& app, Context& context);      // tables_cmd.cc
void add_seed_command(CLI::App& app, Context& context);         // seed_cmd.cc
void add_verify_command(CLI::App& app, Context& context);       // verify_cmd.cc
void add_migrate_command(CLI::App& app, Context& context);      // migrate_cmd.cc
void add_user_commands(CLI::App& app, Context& context);        // users_cmd.cc
void add_account_commands(CLI::App& app, Context& context);     // accounts_cmd.cc
void add_position_commands(CLI::App& app, Context& context);    // positions_cmd.cc
void add_value_command(CLI::App& app, Context& context);        // value_cmd.cc
void add_price_commands(CLI::App& app, Context& context);       // prices_cmd.cc
void add_instrument_commands(CLI::App& app, Context& context);  // instruments_cmd.cc
void add_job_commands(CLI::App& app, Context& context);         // jobs_cmd.cc
void add_trade_commands(CLI::App& app, Context& context);       // trades_cmd.cc
// `trades import`, a subcommand of the group add_trade_commands adds.
void add_trades_import_command(CLI::App& trades, Context& context);  // trades_import_cmd.cc
void add_portfolio_commands(CLI::App& app, Context& context);   // portfolio_cmd.cc
void add_allocation_command(CLI::App& app, Context& context);   // allocation_cmd.cc
void add_returns_command(CLI::App& app, Context& context);      // returns_cmd.cc
void add_demo_command(CLI::App& app, Context& context);         // demo_cmd.cc
void add_cost_command(CLI::App& app, Context& context);         // cost_cmd.cc

}  // namespace alexdb::cli

#endif  // ALEXDB_TOOLS_ALEXDB_CONTEXT_H_
