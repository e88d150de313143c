// `alexdb backup`, `alexdb restore` and `alexdb copy`: the commands of alexdb/backup.h.
#ifndef ALEXDB_TOOLS_ALEXDB_BACKUP_CMD_H_
#define ALEXDB_TOOLS_ALEXDB_BACKUP_CMD_H_

#include <iosfwd>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "alexdb/backup.h"
#include "context.h"

namespace alexdb::cli {

void add_backup_commands(CLI::App& app, Context& context);  // backup_cmd.cc: backup, restore
void add_copy_command(CLI::App& app, Context& context);     // copy_cmd.cc

// Progress on stderr ("alexdb: VERB: ROLE: N items"), at most once a second per table
// and always for a table's final count ("done"); nothing when `quiet`.
BackupProgress stderr_progress(std::string verb, bool quiet);

// The tables as a table for people (ROLE TABLE ITEMS HASH) or as JSON (counts as strings).
void print_contents(const std::vector<TableContent>& tables, std::ostream& out, int indent = 0);
nlohmann::json contents_json(const std::vector<TableContent>& tables);

}  // namespace alexdb::cli

#endif  // ALEXDB_TOOLS_ALEXDB_BACKUP_CMD_H_
