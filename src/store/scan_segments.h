// Parallel scans (ScanRequest::segment/total_segments): DynamoDB's rules for the two
// fields, and how the embedded engine assigns an item to a segment.
#ifndef ALEXDB_STORE_SCAN_SEGMENTS_H_
#define ALEXDB_STORE_SCAN_SEGMENTS_H_

#include <cstdint>
#include <string_view>

#include "alexdb/store.h"

namespace alexdb::store {

// DynamoDB's bound on TotalSegments.
inline constexpr std::int32_t kMaxTotalSegments = 1000000;

// Throws ValidationError (naming Segment or TotalSegments) unless both are unset, or
// both set with 1 <= total_segments <= kMaxTotalSegments and 0 <= segment < total.
void check_segments(const ScanRequest& request);

// The segment (0 to total_segments - 1) of an item whose encoded partition key is
// `partition_key`: a fixed hash (FNV-1a, 64 bits), the same in every process and
// release, so a resumed scan finds each item in the segment it had.
std::int32_t segment_of(std::string_view partition_key, std::int32_t total_segments);

}  // namespace alexdb::store

#endif  // ALEXDB_STORE_SCAN_SEGMENTS_H_
