// alexdb backup FILE / alexdb restore FILE (alexdb/backup.h describes the file format).
#include "backup_cmd.h"

#include <CLI/CLI.hpp>
#include <chrono>
#include <iostream>
#include <map>
#include <memory>

#include "alexdb/config.h"
#include "output.h"
#include "usage.h"

namespace alexdb::cli {

BackupProgress stderr_progress(std::string verb, bool quiet) {
  if (quiet) return {};
  using Clock = std::chrono::steady_clock;
  auto last = std::make_shared<std::map<std::string, Clock::time_point, std::less<>>>();
  return [verb = std::move(verb), last](std::string_view role, std::int64_t items, bool done) {
    auto now = Clock::now();
    auto it = last->find(role);
    if (!done && it != last->end() && now - it->second < std::chrono::seconds(1)) return;
    (*last)[std::string(role)] = now;
    std::cerr << "alexdb: " << verb << ": " << role << ": " << items << " items"
              << (done ? " (done)" : "") << "\n";
  };
}

void print_contents(const std::vector<TableContent>& tables, std::ostream& out, int indent) {
  Table table({"ROLE", "TABLE", "ITEMS", "CONTENT HASH"});
  table.right(2);
  for (const TableContent& c : tables) {
    table.add({c.role, c.table, std::to_string(c.items), c.hash});
  }
  table.print(out, indent);
}

nlohmann::json contents_json(const std::vector<TableContent>& tables) {
  nlohmann::json out = nlohmann::json::array();
  for (const TableContent& c : tables) {
    out.push_back({{"role", c.role},
                   {"table", c.table},
                   {"items", std::to_string(c.items)},
                   {"hash", c.hash}});
  }
  return out;
}

namespace backup_cmd {

// The store and tables of the global options, opened directly (not through a Database):
// the embedded engine's snapshot needs the engine itself.
std::unique_ptr<Store> open_configured(Context& context, StoreTables& tables) {
  Config config = context.config();
  tables.users = config.users_table;
  tables.instruments = config.instruments_table;
  return context.open_store(config);
}

void run_backup(Context& context, const std::string& file, int segments, bool quiet) {
  StoreTables tables;
  std::unique_ptr<Store> store = open_configured(context, tables);
  BackupOptions options;
  options.segments = segments;
  options.progress = stderr_progress("backup", quiet);
  BackupResult result = backup_store(*store, tables, file, options);
  if (context.json()) {
    print_json({{"file", file},
                {"source", result.source},
                {"point_in_time", result.point_in_time},
                {"tables", contents_json(result.tables)}});
    return;
  }
  std::cout << "backup: wrote " << file << " from " << result.source
            << (result.point_in_time ? " (one snapshot)"
                                     : " (a scan while writes went on: not point-in-time)")
            << "\n";
  print_contents(result.tables, std::cout);
}

// Completes the changes the backup holds between their two writes (a snapshot taken
// while a position changed, as a crash would leave it), as the next write would.
std::size_t complete_interrupted(Context& context) {
  RepairReport repair = context.db().repair();
  return repair.completed;
}

// restore --check: the file's tables as its trailer gives them, nothing opened or written.
void run_check(Context& context, const std::string& file) {
  std::vector<TableContent> tables = check_backup(file);
  if (context.json()) {
    print_json({{"file", file}, {"ok", true}, {"tables", contents_json(tables)}});
    return;
  }
  std::cout << "restore --check: " << file << " is a complete, undamaged backup\n";
  print_contents(tables, std::cout);
}

void run_restore(Context& context, const std::string& file, bool merge, bool repair, bool quiet) {
  StoreTables tables;
  std::unique_ptr<Store> store = open_configured(context, tables);
  RestoreOptions options;
  options.merge = merge;
  options.progress = stderr_progress("restore", quiet);
  RestoreResult result = restore_store(*store, tables, file, options);
  store.reset();
  const std::size_t completed = result.ok() && repair ? complete_interrupted(context) : 0;
  if (context.json()) {
    print_json({{"file", file},
                {"ok", result.ok()},
                {"expected", contents_json(result.expected)},
                {"found", contents_json(result.found)},
                {"completed_changes", std::to_string(completed)}});
  } else {
    std::cout << "restore: " << file << "\nbackup:\n";
    print_contents(result.expected, std::cout, 2);
    std::cout << (merge ? "read back from the target (the backup's keys):\n"
                        : "now in the target:\n");
    print_contents(result.found, std::cout, 2);
    std::cout << "restore: "
              << (result.ok() ? "OK (counts and content hashes match)"
                              : "FAILED (the target differs from the backup)")
              << "\n";
    if (completed > 0) {
      std::cout << "restore: completed " << completed
                << " change(s) the backup caught between their two writes, as the next write "
                   "would\n";
    }
  }
  if (!result.ok()) context.fail();
}

}  // namespace backup_cmd

void add_backup_commands(CLI::App& app, Context& context) {
  using namespace backup_cmd;
  struct BackupArgs {
    std::string file;
    int segments = 4;
    bool merge = false;
    bool no_repair = false;
    bool check = false;
    bool quiet = false;
  };
  auto b = std::make_shared<BackupArgs>();
  CLI::App* backup = app.add_subcommand(
      "backup",
      "write both tables to a compressed, checksummed FILE (one snapshot on the embedded engine)");
  backup->add_option("FILE", b->file, "the backup file (written whole or not at all)")->required();
  backup
      ->add_option("--segments", b->segments,
                   "DynamoDB: parallel scan segments, one thread each (1-64, default 4)")
      ->check(whole_number(1, kMaxSegments));
  backup->add_flag("-q,--quiet", b->quiet, "no progress on stderr");
  backup->footer(
      "FILE: gzip-compressed JSON lines (format alexdb-backup, version 1): a header with the\n"
      "tables' definitions, one line per item in DynamoDB JSON, and a trailer with each\n"
      "table's item count and content hash (SHA-256 per item, summed: order-independent).\n"
      "The embedded engine is read from one snapshot: a consistent backup while writers run.\n"
      "DynamoDB has no snapshot: a backup of a live table is not point-in-time (an item\n"
      "changed during the scan may be seen before or after the change); use DynamoDB's\n"
      "point-in-time recovery or on-demand backups for that, or back up a quiet table.\n"
      "`alexdb verify` after a restore finds what a torn backup leaves (a CURRENT position\n"
      "without its HISTORY record, a price newer than its instrument's).\n"
      "Example: alexdb backup alex-2025-01-31.jsonl.gz");
  backup->callback([&context, b] { run_backup(context, b->file, b->segments, b->quiet); });

  auto r = std::make_shared<BackupArgs>();
  CLI::App* restore = app.add_subcommand(
      "restore",
      "load a backup FILE into empty tables (checked whole first; --merge: over existing items)");
  restore->add_option("FILE", r->file, "a file `alexdb backup` wrote")->required();
  restore->add_flag("--merge", r->merge,
                    "write over tables that hold items (same keys replaced, others kept); "
                    "without it, restore refuses a target that is not empty");
  restore->add_flag("--no-repair", r->no_repair,
                    "leave changes the backup caught between their two writes as they are "
                    "(default: complete them, as `verify --repair` does)");
  restore->add_flag("--check", r->check,
                    "only check the file (format, every line, counts and content hashes); "
                    "opens no store, writes nothing");
  restore->add_flag("-q,--quiet", r->quiet, "no progress on stderr");
  restore->footer(
      "Writes in batches of 25, then reads the target back and compares counts and content\n"
      "hashes with the backup's trailer (with --merge: the backup's keys only). Exit 1 when\n"
      "they differ or the file is refused. A snapshot can hold a position change or a price\n"
      "update between its two writes (as a crash leaves it): restore then completes it as\n"
      "the next write would (`alexdb verify --repair`). Run `alexdb verify` afterwards.\n"
      "Example: alexdb --store sqlite:copy.db restore alex-2025-01-31.jsonl.gz");
  restore->callback([&context, r] {
    if (r->check) return run_check(context, r->file);
    run_restore(context, r->file, r->merge, !r->no_repair, r->quiet);
  });
}

}  // namespace alexdb::cli
