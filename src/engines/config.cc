#include "alexdb/config.h"

#include <charconv>
#include <cstdlib>

#include "alexdb/errors.h"
#include "engines/dotenv.h"

namespace alexdb {

Environment process_environment() {
  return [](std::string_view name) -> std::optional<std::string> {
    const char* value = std::getenv(std::string(name).c_str());
    if (!value) return std::nullopt;
    return std::string(value);
  };
}

Config Config::resolve(const std::map<std::string, std::string>& overrides,
                       const Environment& environment, const std::string& dotenv_path) {
  std::map<std::string, std::string> dotenv;
  if (auto text = engines::read_dotenv(dotenv_path)) dotenv = engines::parse_dotenv(*text);
  Environment env = environment ? environment : process_environment();
  // A value from the environment or .env only (not an explicit override).
  auto configured = [&](std::string_view name) -> std::optional<std::string> {
    if (auto value = env(name); value && !value->empty()) return value;
    if (auto it = dotenv.find(std::string(name)); it != dotenv.end() && !it->second.empty()) {
      return it->second;
    }
    return std::nullopt;
  };
  auto lookup = [&](std::string_view name) -> std::optional<std::string> {
    if (auto it = overrides.find(std::string(name)); it != overrides.end()) return it->second;
    return configured(name);
  };

  Config config;
  if (auto store = lookup("ALEXDB_STORE")) {
    config.store = *store;
    check_store_spec(config.store, config.store_setting);
  } else if (auto endpoint = lookup("DYNAMODB_ENDPOINT")) {
    config.store = *endpoint;
    config.store_setting = "DYNAMODB_ENDPOINT";
    check_endpoint_url(config.store, config.store_setting);
  } else if (auto endpoint_url = lookup("AWS_ENDPOINT_URL_DYNAMODB")) {
    config.store = *endpoint_url;
    config.store_setting = "AWS_ENDPOINT_URL_DYNAMODB";
    check_endpoint_url(config.store, config.store_setting);
  } else {
    // The reference package's settings name DynamoDB (SPEC section 10).
    for (const char* name :
         {"AWS_LAMBDA_FUNCTION_NAME", "DYNAMODB_USERS_TABLE", "DYNAMODB_INSTRUMENTS_TABLE"}) {
      if (configured(name)) {
        config.store = "dynamodb";
        config.store_setting = name;
        break;
      }
    }
  }
  if (auto users = lookup("DYNAMODB_USERS_TABLE")) config.users_table = *users;
  if (auto instruments = lookup("DYNAMODB_INSTRUMENTS_TABLE")) config.instruments_table = *instruments;
  for (const char* name : {"AWS_REGION", "AWS_DEFAULT_REGION", "DEFAULT_AWS_REGION"}) {
    if (auto region = lookup(name)) {
      config.region = *region;
      break;
    }
  }
  if (auto profile = lookup("AWS_PROFILE")) config.profile = *profile;
  if (auto seconds = lookup("ALEXDB_INSTRUMENT_CACHE_SECONDS")) {
    std::int64_t value = -1;
    auto [end, error] = std::from_chars(seconds->data(), seconds->data() + seconds->size(), value);
    if (error != std::errc() || end != seconds->data() + seconds->size() || value < 0) {
      throw ValidationError("ALEXDB_INSTRUMENT_CACHE_SECONDS", "a whole number of seconds >= 0",
                            "got '" + *seconds + "'");
    }
    config.instrument_cache_seconds = value;
  }
  return config;
}

void Config::check() const {
  check_store_spec(store, store_setting);
  if (users_table == instruments_table) {
    throw ValidationError("DYNAMODB_USERS_TABLE, DYNAMODB_INSTRUMENTS_TABLE",
                          "the users and instruments tables need different names "
                          "(--users-table, --instruments-table)",
                          "both are '" + users_table + "'");
  }
}

}  // namespace alexdb
