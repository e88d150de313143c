// DynamoDB's size and shape limits, which the embedded engine enforces too, so that
// data written to one engine can be moved to the other. A request beyond a limit is a
// ValidationError naming it, and nothing is written.
#ifndef ALEXDB_LIMITS_H_
#define ALEXDB_LIMITS_H_

#include <cstddef>

namespace alexdb::limits {

// The largest item: attribute names plus values, as DynamoDB counts them.
inline constexpr std::size_t kMaxItemBytes = 400 * 1024;
// A query or scan page stops after this many bytes of scanned items.
inline constexpr std::size_t kMaxPageBytes = 1024 * 1024;
// Keys per batch_get call to the service (Store::batch_get splits larger requests).
inline constexpr std::size_t kBatchGetKeys = 100;
// Puts and deletes per batch_write call to the service (larger requests are split).
inline constexpr std::size_t kBatchWriteItems = 25;
// The largest partition key value, and the largest sort key value, in bytes.
inline constexpr std::size_t kMaxPartitionKeyBytes = 2048;
inline constexpr std::size_t kMaxSortKeyBytes = 1024;
// The deepest nesting of maps and lists inside an attribute value.
inline constexpr int kMaxNestingDepth = 32;

}  // namespace alexdb::limits

#endif  // ALEXDB_LIMITS_H_
