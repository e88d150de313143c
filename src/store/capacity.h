// Capacity units by DynamoDB's rules, for the embedded engine's results (the DynamoDB
// engine reports what the service says).
#ifndef ALEXDB_STORE_CAPACITY_H_
#define ALEXDB_STORE_CAPACITY_H_

#include <cstddef>

#include "alexdb/decimal.h"

namespace alexdb::store {

// Read units for `bytes` read at once: one per 4 KB started (at least one), halved for
// eventually consistent reads. A query or scan passes the sum of the items it
// evaluated; a batch get calls this once per item.
Decimal read_units(std::size_t bytes, bool consistent_read);

// Write units for writing an item of `bytes` (the larger of its old and new size):
// one per 1 KB started, at least one.
Decimal write_units(std::size_t bytes);

}  // namespace alexdb::store

#endif  // ALEXDB_STORE_CAPACITY_H_
