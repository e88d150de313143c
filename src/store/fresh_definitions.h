// Engines cache table definitions, but another process may delete or re-create a table
// at any time. This runs a call again, once, when it fails in a way a stale definition
// explains, after the engine has dropped what it cached.
#ifndef ALEXDB_STORE_FRESH_DEFINITIONS_H_
#define ALEXDB_STORE_FRESH_DEFINITIONS_H_

#include "alexdb/errors.h"

namespace alexdb::store {

// Runs `call`; when it throws NotFound or ValidationError and `forget()` (which drops
// the cached definitions the call used) returns true because something was cached, runs
// `call` once more. Only for calls that change nothing when they throw.
template <typename Call, typename Forget>
auto with_fresh_definitions(Call&& call, Forget&& forget) -> decltype(call()) {
  try {
    return call();
  } catch (const NotFound&) {
    if (!forget()) throw;
  } catch (const ValidationError&) {
    if (!forget()) throw;
  }
  return call();
}

}  // namespace alexdb::store

#endif  // ALEXDB_STORE_FRESH_DEFINITIONS_H_
