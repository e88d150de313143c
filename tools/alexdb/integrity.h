// The integrity check of the users table: one paged scan, then the rules of SPEC
// sections 2 and 3 over what it found.
#ifndef ALEXDB_TOOLS_ALEXDB_INTEGRITY_H_
#define ALEXDB_TOOLS_ALEXDB_INTEGRITY_H_

#include <string>
#include <vector>

#include "alexdb/store.h"
#include "verify.h"

namespace alexdb::cli {

// A position whose newest HISTORY record is missing (its CURRENT record is ahead):
// an interrupted change that reading the position completes.
struct PositionRef {
  std::string account_id;
  std::string symbol;
  friend auto operator<=>(const PositionRef&, const PositionRef&) = default;
};

struct IntegrityResult {
  std::vector<Finding> findings;        // failures and warnings; one pass when clean
  std::vector<PositionRef> repairable;  // positions to roll forward
};

// Scans `users_table` of `store` page by page.
IntegrityResult check_integrity(Store& store, const std::string& users_table);

}  // namespace alexdb::cli

#endif  // ALEXDB_TOOLS_ALEXDB_INTEGRITY_H_
