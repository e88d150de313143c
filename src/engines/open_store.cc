// The engine factory: turns a store spec (config.h, kStoreSpecForms) and the Config
// settings the engines need into a Store.
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <string>

#include "alexdb/config.h"
#include "alexdb/errors.h"
#include "alexdb/store.h"
#include "engines/store_spec.h"
#include "store/dynamodb/credentials.h"
#include "store/dynamodb/dynamodb_store.h"
#include "store/sqlite/sqlite_store.h"

namespace alexdb {

namespace {

// `endpoint` empty: AWS in the region. The engine reads its AWS settings through the
// process environment.
std::unique_ptr<Store> open_dynamodb(const std::string& endpoint, const std::string& region,
                                     const std::string& profile) {
  dynamodb::Environment environment = process_environment();
  dynamodb::DynamoDbOptions options;
  // Region: the environment (already in `region`), then the profile's config, then us-east-1.
  options.region = region.empty() ? dynamodb::profile_region(environment, profile) : region;
  if (options.region.empty()) options.region = dynamodb::kDefaultRegion;
  options.endpoint =
      endpoint.empty() ? "https://dynamodb." + options.region + ".amazonaws.com" : endpoint;
  while (options.endpoint.size() > 8 && options.endpoint.back() == '/') options.endpoint.pop_back();
  options.credentials = dynamodb::default_credentials(environment, profile);
  return std::make_unique<dynamodb::DynamoDbStore>(std::move(options));
}

// Checks that the embedded file at `path` can be opened for writing, or created in its
// directory: a ValidationError naming the path and `setting` otherwise (SQLite's own
// "unable to open database file" names neither).
void check_embedded_path(const std::string& path, std::string_view setting) {
  if (path.rfind("file:", 0) == 0) return;  // an SQLite URI: SQLite checks it
  namespace fs = std::filesystem;
  auto fail = [&](const std::string& rule, const std::string& why) {
    throw ValidationError(std::string(setting), rule, "sqlite:" + path + ": " + why);
  };
  std::error_code error;
  fs::path file(path);
  fs::path directory = file.has_parent_path() ? file.parent_path() : fs::path(".");
  auto status = fs::status(file, error);
  if (fs::exists(status)) {
    if (fs::is_directory(status)) fail("the embedded file must be a file", "it is a directory");
    if (access(path.c_str(), R_OK | W_OK) != 0) {
      fail("the embedded file must be readable and writable", std::strerror(errno));
    }
  } else {
    auto dir_status = fs::status(directory, error);
    if (!fs::exists(dir_status)) {
      fail("the directory of the embedded file must exist", "no directory " + directory.string());
    }
    if (!fs::is_directory(dir_status)) {
      fail("the directory of the embedded file must exist",
           directory.string() + " is not a directory");
    }
  }
  // SQLite writes its -wal and -shm files beside the database file.
  if (access(directory.c_str(), W_OK | X_OK) != 0) {
    fail("the directory of the embedded file must be writable",
         directory.string() + ": " + std::strerror(errno));
  }
}

std::unique_ptr<Store> open_embedded(const std::string& path, std::string_view setting) {
  check_embedded_path(path, setting);
  try {
    return std::make_unique<sqlite::SqliteStore>(sqlite::SqliteOptions{path, false, false});
  } catch (const StoreError& e) {
    throw StoreError(std::string(setting) + ": cannot open the embedded file sqlite:" + path +
                     " (" + e.what() + ")");
  }
}

std::unique_ptr<Store> open_spec(std::string_view spec, std::string_view setting,
                                 const std::string& region, const std::string& profile) {
  engines::StoreSpec parsed = engines::parse_store_spec(spec, setting);
  switch (parsed.kind) {
    case engines::StoreSpec::Kind::kMemory:
      return std::make_unique<sqlite::SqliteStore>(sqlite::SqliteOptions{"", true, false});
    case engines::StoreSpec::Kind::kFile:
      return open_embedded(parsed.target, setting);
    case engines::StoreSpec::Kind::kAws:
    case engines::StoreSpec::Kind::kEndpoint:
      break;
  }
  return open_dynamodb(parsed.target, region, profile);
}

}  // namespace

std::unique_ptr<Store> open_store(std::string_view spec) {
  Config config = Config::resolve({{"ALEXDB_STORE", std::string(spec)}});
  return open_spec(spec, config.store_setting, config.region.value_or(""),
                   config.profile.value_or(""));
}

std::unique_ptr<Store> open_store(const Config& config) {
  config.check();
  return open_spec(config.store, config.store_setting, config.region.value_or(""),
                   config.profile.value_or(""));
}

}  // namespace alexdb
