// Configuration (SPEC section 6): where the data lives and what the tables are called.
//
// Sources, strongest first: explicit overrides (command-line flags, constructor
// arguments), the process environment, a `.env` file in the working directory, the
// defaults. The store is the embedded file alex.db unless something selects another:
//   ALEXDB_STORE                 sqlite:PATH | memory: | dynamodb | http(s)://HOST[:PORT]
//   DYNAMODB_ENDPOINT,
//   AWS_ENDPOINT_URL_DYNAMODB    select the DynamoDB engine at that endpoint
//   AWS_LAMBDA_FUNCTION_NAME     (set inside AWS Lambda) makes "dynamodb" the default
//   DYNAMODB_USERS_TABLE, DYNAMODB_INSTRUMENTS_TABLE   table names
//   AWS_REGION, AWS_DEFAULT_REGION, DEFAULT_AWS_REGION, AWS_PROFILE
#ifndef ALEXDB_CONFIG_H_
#define ALEXDB_CONFIG_H_

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace alexdb {

class Store;

// A variable lookup: returns the value of a configuration variable, if set.
using Environment = std::function<std::optional<std::string>(std::string_view name)>;

struct Config {
  std::string store = "sqlite:alex.db";
  std::string users_table = "alex-users-data";
  std::string instruments_table = "alex-instruments";
  std::optional<std::string> region;   // unset: resolved from AWS settings, else us-east-1
  std::optional<std::string> profile;  // AWS_PROFILE

  // Resolves the configuration from `overrides` (variable name -> value, e.g. from
  // flags), then `environment`, then the `.env` file at `dotenv_path` (missing file:
  // skipped). Throws ValidationError for a malformed `.env` line or a bad store spec.
  static Config resolve(const std::map<std::string, std::string>& overrides = {},
                        const Environment& environment = nullptr,
                        const std::string& dotenv_path = ".env");
};

// The process environment as an Environment.
Environment process_environment();

// Parses `.env` text: KEY=VALUE lines, `export KEY=VALUE`, `#` comments, values in
// single or double quotes. Throws ValidationError naming the line for anything else.
std::map<std::string, std::string> parse_dotenv(std::string_view text);

// Opens the store `config` names (see open_store(spec) in store.h).
std::unique_ptr<Store> open_store(const Config& config);

}  // namespace alexdb

#endif  // ALEXDB_CONFIG_H_
