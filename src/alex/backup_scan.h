// The reading side of backup, restore and copy: the two tables by role, and a full read
// of them (one snapshot on the embedded engine, a parallel segmented scan elsewhere).
#ifndef ALEXDB_ALEX_BACKUP_SCAN_H_
#define ALEXDB_ALEX_BACKUP_SCAN_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "alexdb/backup.h"
#include "alexdb/store.h"

namespace alexdb::backup {

// One of the two tables: its role ("users", "instruments") and its definition (with the
// name it has in one store).
struct TableRole {
  std::string role;
  TableDefinition definition;
};

// The two tables of `tables`, users first.
std::vector<TableRole> table_roles(const StoreTables& tables);

// Throws ValidationError naming --segments unless 1 <= segments <= 64.
void check_segment_count(std::int32_t segments);

// Runs fn(0) .. fn(count - 1), each on its own thread; waits for all and rethrows the
// first exception.
void run_parallel(std::int32_t count, const std::function<void(std::int32_t)>& fn);

// Whether read_tables reads `store` from one snapshot (the embedded engine, opened
// directly rather than through a wrapper).
bool has_snapshot(Store& store);

// Every item of the tables named by `roles`, passed to visit(k, item) (k: the position
// in `roles`), one call at a time. The embedded engine reads them from one snapshot
// (returns true); any other store by a scan of `segments` parallel segments per table,
// `progress` told after each page (returns false: not point-in-time).
bool read_tables(Store& store, const std::vector<TableRole>& roles, std::int32_t segments,
                 const std::function<void(std::size_t, const Item&)>& visit,
                 const BackupProgress& progress);

// The content (count and hash) of each table now, read as read_tables does.
std::vector<TableContent> content_of(Store& store, const std::vector<TableRole>& roles,
                                     std::int32_t segments);

}  // namespace alexdb::backup

#endif  // ALEXDB_ALEX_BACKUP_SCAN_H_
