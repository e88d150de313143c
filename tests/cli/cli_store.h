// The store a CLI test runs the binary against: a fresh SQLite file in a temporary
// directory, or two tables with unique names on dynalite ($ALEXDB_TEST_DYNAMODB_ENDPOINT),
// with the global flags that name it and a raw Store on it for the test's own reads and
// writes. Removed (the directory, or the two tables) when the test ends.
#ifndef ALEXDB_TESTS_CLI_CLI_STORE_H_
#define ALEXDB_TESTS_CLI_CLI_STORE_H_

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "alexdb/config.h"
#include "alexdb/errors.h"
#include "alexdb/store.h"
#include "cli/cli_runner.h"

namespace alexdb::testing {

class CliStore {
 public:
  CliStore() = default;
  CliStore(const CliStore&) = delete;
  CliStore& operator=(const CliStore&) = delete;
  ~CliStore() { close(); }

  // Makes the store of `engine` ("sqlite" or "dynalite"; `name` tells the temporary
  // directory or the tables apart) and opens `raw` on it. False for dynalite without
  // $ALEXDB_TEST_DYNAMODB_ENDPOINT: the caller skips.
  bool open(const std::string& engine, const std::string& name) {
    std::random_device device;
    std::string suffix = std::to_string(device()) + std::to_string(device());
    if (engine == "sqlite") {
      dir = std::filesystem::temp_directory_path() / ("alexdb-" + name + "-test-" + suffix);
      std::filesystem::create_directories(dir);
      spec = "sqlite:" + (dir / "alex.db").string();
      flags = {"--store", spec};
    } else {
      const char* endpoint = std::getenv("ALEXDB_TEST_DYNAMODB_ENDPOINT");
      if (!endpoint) return false;
      spec = endpoint;
      users = name + "-users-" + suffix;
      instruments = name + "-instruments-" + suffix;
      flags = {"--store", spec, "--users-table", users, "--instruments-table", instruments};
    }
    raw = std::shared_ptr<Store>(open_store(spec));
    return true;
  }

  // Runs the binary with the store's flags before `args`.
  CliResult cli(std::vector<std::string> args) const {
    args.insert(args.begin(), flags.begin(), flags.end());
    return run_alexdb(args);
  }

  // Removes what open() made; the destructor calls it.
  void close() {
    if (raw && dir.empty()) {
      for (const std::string& table : {users, instruments}) {
        try {
          raw->delete_table(table);
        } catch (const Error&) {
          // Never created, or already gone.
        }
      }
    }
    raw.reset();
    if (!dir.empty()) std::filesystem::remove_all(dir);
    dir.clear();
  }

  std::filesystem::path dir;  // the SQLite file's directory (empty on dynalite)
  std::string spec;
  std::string users = "alex-users-data";
  std::string instruments = "alex-instruments";
  std::vector<std::string> flags;
  std::shared_ptr<Store> raw;
};

}  // namespace alexdb::testing

#endif  // ALEXDB_TESTS_CLI_CLI_STORE_H_
