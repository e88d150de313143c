// Preparing the target of a restore or a copy.
#include "alex/backup_target.h"

#include <string>

namespace alexdb::backup {

namespace {

// Whether `table` holds at least one item.
bool holds_items(Store& store, const std::string& table) {
  ScanRequest scan;
  scan.table = table;
  scan.limit = 1;
  scan.consistent_read = true;
  return store.scan(scan).scanned_count > 0;
}

}  // namespace

void prepare_targets(Store& store, const std::vector<TableRole>& roles, bool merge,
                     std::string_view what) {
  for (const TableRole& r : roles) {
    auto found = store.describe_table(r.definition.name);
    if (!found) {
      store.create_table(r.definition);
      continue;
    }
    if (found->definition != r.definition) {
      throw BackupError(std::string(what) + ": table " + r.definition.name + " in " + store.name() +
                        " has other keys or indexes than alexdb's " + r.role + " table");
    }
    if (!merge && holds_items(store, r.definition.name)) {
      throw BackupError(std::string(what) + ": table " + r.definition.name + " in " + store.name() +
                        " holds items; the target must be empty (or give --merge to write "
                        "over it)");
    }
  }
}

}  // namespace alexdb::backup
