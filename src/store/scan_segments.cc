#include "store/scan_segments.h"

#include <string>

#include "alexdb/errors.h"

namespace alexdb::store {

void check_segments(const ScanRequest& request) {
  if (!request.segment && !request.total_segments) return;
  if (!request.total_segments) {
    throw ValidationError("TotalSegments", "is required when Segment is given");
  }
  if (!request.segment) {
    throw ValidationError("Segment", "is required when TotalSegments is given");
  }
  const std::int32_t total = *request.total_segments;
  if (total < 1 || total > kMaxTotalSegments) {
    throw ValidationError("TotalSegments", "must be between 1 and 1000000", std::to_string(total));
  }
  if (*request.segment < 0 || *request.segment >= total) {
    throw ValidationError("Segment", "must be at least 0 and less than TotalSegments",
                          std::to_string(*request.segment));
  }
}

std::int32_t segment_of(std::string_view partition_key, std::int32_t total_segments) {
  constexpr std::uint64_t kFnvOffset = 14695981039346656037ULL;
  constexpr std::uint64_t kFnvPrime = 1099511628211ULL;
  std::uint64_t hash = kFnvOffset;
  for (unsigned char c : partition_key) {
    hash ^= c;
    hash *= kFnvPrime;
  }
  return static_cast<std::int32_t>(hash % static_cast<std::uint64_t>(total_segments));
}

}  // namespace alexdb::store
