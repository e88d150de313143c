#include "context.h"

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

DatabaseOptions Context::database_options() const {
  DatabaseOptions options;
  // Tables are made by `alexdb tables create` (or seed/demo), on every engine alike.
  options.create_tables = false;
  options.log = [verbose = options_.verbose](LogLevel level, std::string_view message) {
    if (level == LogLevel::kWarning) {
      std::cerr << "alexdb: warning: " << message << '\n';
    } else if (verbose) {
      std::cerr << "alexdb: " << message << '\n';
    }
  };
  return options;
}

Database& Context::db() {
  if (!db_) db_ = std::make_unique<Database>(config(), database_options());
  return *db_;
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

CapacityReport Context::capacity() const {
  CapacityReport report = closed_capacity_;
  if (db_) merge_capacity(report, db_->capacity());
  return report;
}

}  // namespace alexdb::cli
