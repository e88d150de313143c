// The integrity check behind Database::verify() and repair(): what one scan of both
// tables found (integrity_snapshot.h), the rules over it (integrity.cc) and the
// interrupted writes that repair() completes (integrity_repair.cc).
#ifndef ALEXDB_ALEX_INTEGRITY_H_
#define ALEXDB_ALEX_INTEGRITY_H_

#include <cstddef>
#include <string>
#include <vector>

#include "alex/context.h"
#include "alex/keys.h"
#include "alexdb/integrity.h"
#include "alexdb/records.h"

namespace alexdb::alex {

// What interrupted writes left, for repair() to complete.
struct Repairs {
  std::vector<keys::PositionRef> positions;  // complete through a history read
  std::vector<Item> account_records;         // accounts whose listing copy to write
  std::vector<Item> job_pointers;            // missing JOB#id records, to write
  std::vector<std::string> prices;           // symbols whose newest price lacks its record
  std::vector<PricePoint> stale_prices;      // newest price records that META is older than

  std::size_t size() const {
    return positions.size() + account_records.size() + job_pointers.size() + prices.size() +
           stale_prices.size();
  }
};

struct IntegrityCheck {
  IntegrityReport report;  // report.repairable == repairs.size()
  Repairs repairs;
};

// Scans both tables of `ctx` page by page and checks every rule. Errors of the store
// propagate; damaged records are findings.
IntegrityCheck check_integrity(const detail::DatabaseContext& ctx);

}  // namespace alexdb::alex

#endif  // ALEXDB_ALEX_INTEGRITY_H_
