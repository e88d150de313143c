// The engine factory: turns a store spec (SPEC section 6) into a Store.
#include <string>

#include "alexdb/config.h"
#include "alexdb/errors.h"
#include "alexdb/store.h"
#include "store/sqlite/sqlite_store.h"

namespace alexdb {

std::unique_ptr<Store> open_store(std::string_view spec) {
  if (spec == "memory:" || spec == "memory") {
    return std::make_unique<sqlite::SqliteStore>(sqlite::SqliteOptions{"", true, false});
  }
  if (spec.rfind("sqlite:", 0) == 0) {
    std::string path(spec.substr(7));
    if (path.empty()) throw ValidationError("store", "sqlite:PATH needs a path");
    return std::make_unique<sqlite::SqliteStore>(sqlite::SqliteOptions{path, false, false});
  }
  if (spec == "dynamodb" || spec.rfind("http://", 0) == 0 || spec.rfind("https://", 0) == 0) {
    throw ValidationError("store", "the DynamoDB engine is not available in this build",
                          std::string(spec));
  }
  throw ValidationError("store", "one of sqlite:PATH, memory:, dynamodb, http(s)://HOST:PORT",
                        "got '" + std::string(spec) + "'");
}

std::unique_ptr<Store> open_store(const Config& config) { return open_store(config.store); }

}  // namespace alexdb
