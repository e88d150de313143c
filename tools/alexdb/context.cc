#include "context.h"

#include <filesystem>
#include <iostream>
#include <string_view>

#include "alexdb/errors.h"
#include "capacity_output.h"

namespace alexdb::cli {

Config Context::config() const {
  std::map<std::string, std::string> overrides;
  if (!options_.store.empty() && !options_.endpoint.empty()) {
    throw ValidationError("--endpoint", "give either --store or --endpoint, not both");
  }
  if (!options_.store.empty()) {
    check_store_spec(options_.store, "--store");
    overrides["ALEXDB_STORE"] = options_.store;
  }
  if (!options_.endpoint.empty()) {
    check_endpoint_url(options_.endpoint, "--endpoint");
    overrides["ALEXDB_STORE"] = options_.endpoint;
  }
  if (!options_.region.empty()) overrides["AWS_REGION"] = options_.region;
  if (!options_.users_table.empty()) overrides["DYNAMODB_USERS_TABLE"] = options_.users_table;
  if (!options_.instruments_table.empty()) {
    overrides["DYNAMODB_INSTRUMENTS_TABLE"] = options_.instruments_table;
  }
  if (!options_.instrument_cache_seconds.empty()) {
    overrides["ALEXDB_INSTRUMENT_CACHE_SECONDS"] = options_.instrument_cache_seconds;
  }
  return Config::resolve(overrides);
}

namespace {

// The path of an embedded file store spec ("sqlite:PATH", not an SQLite URI), else "".
std::string embedded_file(const std::string& store) {
  if (store.rfind("sqlite:", 0) != 0 || store.rfind("sqlite:file:", 0) == 0) return "";
  return store.substr(7);
}

}  // namespace

DatabaseOptions Context::database_options() const {
  DatabaseOptions options;
  options.log = [verbose = options_.verbose](LogLevel level, std::string_view message) {
    if (level == LogLevel::kWarning) {
      std::cerr << "alexdb: warning: " << message << '\n';
    } else if (verbose) {
      std::cerr << "alexdb: " << message << '\n';
    }
  };
  return options;
}

Database& Context::db(MissingTables missing) {
  if (db_) return *db_;
  Config resolved = config();
  DatabaseOptions options = database_options();
  // Unset: the library's rule, missing tables are created on the embedded engine only.
  if (missing == MissingTables::kLeave) options.create_tables = false;
  note_new_file(resolved);
  db_ = std::make_unique<Database>(resolved, options);
  return *db_;
}

std::unique_ptr<Store> Context::open_store(const Config& config) {
  note_new_file(config);
  return alexdb::open_store(config);
}

void Context::note_new_file(const Config& config) {
  std::string file = embedded_file(config.store);
  std::error_code ignored;
  if (!file.empty() && !std::filesystem::exists(file, ignored)) created_files_.push_back(file);
}

Database& Context::open(const Config& config) {
  close();
  db_ = std::make_unique<Database>(config, database_options());
  return *db_;
}

void Context::close() {
  if (db_) merge_capacity(closed_capacity_, db_->capacity());
  db_.reset();
}

namespace {

// Whether the embedded file holds no item in any table (a file that cannot be read as a
// store is kept: it may be someone's).
bool holds_no_item(const std::string& file) {
  try {
    std::unique_ptr<Store> store = open_store("sqlite:" + file);
    for (const std::string& table : store->list_tables()) {
      auto found = store->describe_table(table);
      if (found && found->item_count != 0) return false;  // exact on the embedded engine
    }
    return true;
  } catch (const Error&) {
    return false;
  }
}

}  // namespace

void Context::finish(int exit_code) {
  close();
  if (exit_code == 0) return;
  for (const std::string& file : created_files_) {
    if (!holds_no_item(file)) continue;
    std::error_code ignored;
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
      std::filesystem::remove(file + suffix, ignored);
    }
  }
  created_files_.clear();
}

CapacityReport Context::capacity() const {
  CapacityReport report = closed_capacity_;
  if (db_) merge_capacity(report, db_->capacity());
  return report;
}

}  // namespace alexdb::cli
