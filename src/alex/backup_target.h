// The target of a restore or a copy: its tables made ready before anything is written.
#ifndef ALEXDB_ALEX_BACKUP_TARGET_H_
#define ALEXDB_ALEX_BACKUP_TARGET_H_

#include <string_view>
#include <vector>

#include "alex/backup_scan.h"
#include "alexdb/store.h"

namespace alexdb::backup {

// Creates the tables of `roles` that `store` lacks. Throws BackupError (the message
// starting with `what`) for an existing table of another shape, or, unless `merge`, one
// that holds items; nothing is written to an existing table.
void prepare_targets(Store& store, const std::vector<TableRole>& roles, bool merge,
                     std::string_view what);

}  // namespace alexdb::backup

#endif  // ALEXDB_ALEX_BACKUP_TARGET_H_
