// What the five models of a Database share: the store, the table names, the options
// and the clock.
#ifndef ALEXDB_ALEX_CONTEXT_H_
#define ALEXDB_ALEX_CONTEXT_H_

#include <memory>
#include <string>
#include <string_view>

#include "alex/instrument_cache.h"
#include "alexdb/timestamp.h"
#include "alexdb/database.h"
#include "alexdb/store.h"

namespace alexdb::detail {

struct DatabaseContext {
  std::shared_ptr<Store> store;
  std::string users_table;
  std::string instruments_table;
  DatabaseOptions options;
  // Instruments read recently (options.instrument_cache_seconds).
  std::unique_ptr<alex::InstrumentCache> instruments;

  // The current time from the options' clock, else the system clock.
  Timestamp now() const;
  // Sends a message to options.log, if set (an exception from it is dropped).
  void log(LogLevel level, std::string_view message) const;
  // A new random (version 4) UUID in its 36-character form.
  static std::string new_uuid();
  // A new random request token: 96 bits in 16 URL-safe characters (shorter than a UUID,
  // as it is stored on position records whose size is read capacity).
  static std::string new_request_token();
};

// A model (Users, Accounts, ...) of the database `context` belongs to, for the
// library's own code: one model's call that needs another's.
template <typename Model>
Model make_model(std::shared_ptr<DatabaseContext> context) {
  return Model(ModelKey(), std::move(context));
}

}  // namespace alexdb::detail

#endif  // ALEXDB_ALEX_CONTEXT_H_
