// The engine factory: turns a store spec (SPEC section 6) into a Store.
#include <string>

#include "alexdb/config.h"
#include "alexdb/errors.h"
#include "alexdb/store.h"
#include "store/dynamodb/credentials.h"
#include "store/dynamodb/dynamodb_store.h"
#include "store/sqlite/sqlite_store.h"

namespace alexdb {

namespace {

std::unique_ptr<Store> open_dynamodb(std::string_view spec, const std::string& region,
                                     const std::string& profile) {
  dynamodb::DynamoDbOptions options;
  // Region: the environment (already in `region`), then the profile's config, then us-east-1.
  options.region = region.empty() ? dynamodb::profile_region(process_environment(), profile) : region;
  if (options.region.empty()) options.region = "us-east-1";
  options.endpoint = spec == "dynamodb"
                         ? "https://dynamodb." + options.region + ".amazonaws.com"
                         : std::string(spec);
  while (options.endpoint.size() > 8 && options.endpoint.back() == '/') options.endpoint.pop_back();
  options.credentials = dynamodb::default_credentials(process_environment(), profile);
  return std::make_unique<dynamodb::DynamoDbStore>(std::move(options));
}

std::unique_ptr<Store> open_spec(std::string_view spec, const std::string& region,
                                 const std::string& profile) {
  if (spec == "memory:" || spec == "memory") {
    return std::make_unique<sqlite::SqliteStore>(sqlite::SqliteOptions{"", true, false});
  }
  if (spec.rfind("sqlite:", 0) == 0) {
    std::string path(spec.substr(7));
    if (path.empty()) throw ValidationError("store", "sqlite:PATH needs a path");
    return std::make_unique<sqlite::SqliteStore>(sqlite::SqliteOptions{path, false, false});
  }
  if (spec == "dynamodb" || spec.rfind("http://", 0) == 0 || spec.rfind("https://", 0) == 0) {
    return open_dynamodb(spec, region, profile);
  }
  throw ValidationError("store", "one of sqlite:PATH, memory:, dynamodb, http(s)://HOST:PORT",
                        "got '" + std::string(spec) + "'");
}

}  // namespace

std::unique_ptr<Store> open_store(std::string_view spec) {
  Config config = Config::resolve({{"ALEXDB_STORE", std::string(spec)}});
  return open_spec(spec, config.region.value_or(""), config.profile.value_or(""));
}

std::unique_ptr<Store> open_store(const Config& config) {
  return open_spec(config.store, config.region.value_or(""), config.profile.value_or(""));
}

}  // namespace alexdb
