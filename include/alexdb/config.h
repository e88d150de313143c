// Configuration (SPEC section 6): where the data lives and what the tables are called.
//
// Sources, strongest first: explicit overrides (command-line flags, constructor
// arguments), the process environment, a `.env` file in the working directory, the
// defaults. The store is the embedded file alex.db unless something selects another
// (SPEC section 10: whatever names DynamoDB selects it, as the reference package did):
//   ALEXDB_STORE                 a store spec (kStoreSpecForms below)
//   DYNAMODB_ENDPOINT,
//   AWS_ENDPOINT_URL_DYNAMODB    select the DynamoDB engine at that endpoint
//   AWS_LAMBDA_FUNCTION_NAME     (set inside AWS Lambda) makes "dynamodb" the default
//   DYNAMODB_USERS_TABLE, DYNAMODB_INSTRUMENTS_TABLE   table names; set in the
//                                environment or .env (not as overrides), either one
//                                also makes "dynamodb" the default
//   AWS_REGION, AWS_DEFAULT_REGION, DEFAULT_AWS_REGION, AWS_PROFILE
//   ALEXDB_INSTRUMENT_CACHE_SECONDS   seconds instruments may be reused (0: never)
#ifndef ALEXDB_CONFIG_H_
#define ALEXDB_CONFIG_H_

#include <cstdint>
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

// Where a Database's data lives; a plain value (copyable, thread-compatible).
struct Config {
  std::string store = "sqlite:alex.db";         // a store spec (the ALEXDB_STORE forms above)
  std::string users_table = "alex-users-data";  // DYNAMODB_USERS_TABLE
  std::string instruments_table = "alex-instruments";  // DYNAMODB_INSTRUMENTS_TABLE
  std::optional<std::string> region;   // unset: resolved from AWS settings, else us-east-1
  std::optional<std::string> profile;  // AWS_PROFILE
  // ALEXDB_INSTRUMENT_CACHE_SECONDS: how long instruments may be reused (SPEC section
  // 11; DatabaseOptions::instrument_cache_seconds); unset: the option's default.
  std::optional<std::int64_t> instrument_cache_seconds;
  // The setting `store` came from ("ALEXDB_STORE", "DYNAMODB_ENDPOINT", ...), named in
  // errors about it.
  std::string store_setting = "ALEXDB_STORE";

  // Resolves the configuration from `overrides` (variable name -> value, e.g. from
  // flags), then `environment` (null: the process environment), then the `.env` file
  // at `dotenv_path` (no such file, or an empty path: skipped). Throws ValidationError,
  // before anything is opened or sent, for a `.env` that exists but cannot be read (a
  // directory, a FIFO, no permission: naming the file), a malformed `.env` line, or a
  // store spec or endpoint URL that does not parse (naming the setting it came from).
  static Config resolve(const std::map<std::string, std::string>& overrides = {},
                        const Environment& environment = nullptr,
                        const std::string& dotenv_path = ".env");

  // Checks what can be checked without opening anything: the store spec parses and the
  // two tables have different names. Throws ValidationError naming the settings.
  // open_store(config) calls it.
  void check() const;
};

// A store spec names where the data lives; this is its one grammar:
//   sqlite:PATH             the embedded engine on the file PATH, created if missing (an
//                           SQLite "file:" URI is passed to SQLite as it is)
//   memory:                 the embedded engine on a private in-memory database
//   dynamodb                AWS DynamoDB; region and credentials from the AWS settings
//   http(s)://HOST[:PORT]   a DynamoDB endpoint (dynalite, DynamoDB Local, a proxy)
inline constexpr std::string_view kStoreSpecForms =
    "sqlite:PATH | memory: | dynamodb | http(s)://HOST[:PORT]";

// Checks a store spec (kStoreSpecForms) without opening anything; throws
// ValidationError naming `setting` and the rule. An endpoint is http:// or https://,
// a host, an optional port 1-65535, and nothing after it but "/".
void check_store_spec(std::string_view spec, std::string_view setting);
// The same for a setting that can only name a DynamoDB endpoint (DYNAMODB_ENDPOINT,
// AWS_ENDPOINT_URL_DYNAMODB, --endpoint).
void check_endpoint_url(std::string_view url, std::string_view setting);

// The process environment as an Environment (reads it at each lookup).
Environment process_environment();

// Opens the store `config` names (see open_store(spec) in store.h) after config.check().
// The embedded file's directory must exist and be writable: ValidationError naming the
// path and config.store_setting otherwise.
std::unique_ptr<Store> open_store(const Config& config);

}  // namespace alexdb

#endif  // ALEXDB_CONFIG_H_
