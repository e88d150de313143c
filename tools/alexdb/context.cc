#include "context.h"

#include "alexdb/errors.h"

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
  return Config::resolve(overrides);
}

Database& Context::db() {
  // Tables are made by `alexdb tables create` (or seed/demo), on every engine alike.
  DatabaseOptions options;
  options.create_tables = false;
  if (!db_) db_ = std::make_unique<Database>(config(), std::move(options));
  return *db_;
}

Database& Context::open(const Config& config) {
  DatabaseOptions options;
  options.create_tables = false;
  db_ = std::make_unique<Database>(config, std::move(options));
  return *db_;
}

}  // namespace alexdb::cli
