// The integrity check of both tables: one paged scan of each, then the rules of SPEC
// sections 2, 3 and 9 over what it found, and what `verify --repair` can complete.
#ifndef ALEXDB_TOOLS_ALEXDB_INTEGRITY_H_
#define ALEXDB_TOOLS_ALEXDB_INTEGRITY_H_

#include <string>
#include <vector>

#include "alexdb/records.h"
#include "alexdb/store.h"
#include "verify.h"

namespace alexdb::cli {

// A position whose last committed change is not complete (its HISTORY record, or the
// previous quantity of the record after a back-dated change): reading it completes it.
struct PositionRef {
  std::string account_id;
  std::string symbol;
  friend auto operator<=>(const PositionRef&, const PositionRef&) = default;
};

// What an interrupted write left for `verify --repair` to complete.
struct Repairs {
  std::vector<PositionRef> positions;   // complete through a history read
  std::vector<Item> account_listings;   // listing copies to write, as the account's record
  std::vector<Item> job_pointers;       // missing JOB#id records, to write
  std::vector<std::string> prices;      // symbols whose newest price lacks its record
  std::vector<PricePoint> stale_prices; // newest price records that META is older than
  std::size_t size() const {
    return positions.size() + account_listings.size() + job_pointers.size() + prices.size() +
           stale_prices.size();
  }
};

struct IntegrityResult {
  std::vector<Finding> findings;  // failures and warnings; one pass when clean
  Repairs repairable;
};

// Scans both tables of `store` page by page.
IntegrityResult check_integrity(Store& store, const std::string& users_table,
                                const std::string& instruments_table);

}  // namespace alexdb::cli

#endif  // ALEXDB_TOOLS_ALEXDB_INTEGRITY_H_
