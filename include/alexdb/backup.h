// Backup, restore and copy of alexdb's two tables (the users table and the instruments
// table), between files and stores of either engine.
//
// The backup file (format "alexdb-backup", version 1) is gzip-compressed JSON lines:
//   line 1      {"format":"alexdb-backup","version":1,"created_at":...,"source":...,
//                "point_in_time":true|false,"hash":"sha256-sum",
//                "tables":[{"role":"users","name":...,"definition":{CreateTable JSON}},...]}
//   then        {"table":"users"|"instruments","item":{the item in DynamoDB's typed JSON}}
//   last line   {"trailer":true,"tables":[{"role":...,"items":N,"hash":"<64 hex>"},...]}
// The trailer's hash of a table is the content hash below, so a backup, a restored store
// and a copy can be compared whatever order their items were read in. gzip's CRC-32
// guards the bytes; the trailer guards the content and the end of the file.
#ifndef ALEXDB_BACKUP_H_
#define ALEXDB_BACKUP_H_

#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "alexdb/errors.h"
#include "alexdb/store.h"

namespace alexdb {

// A backup file that is not a backup of this format, is damaged or truncated; a target
// that holds items when it must be empty; content that does not match after a restore
// or a copy. The message says which file, table or check.
class BackupError : public Error {
 public:
  using Error::Error;
};

// The names of alexdb's two tables in one store.
struct StoreTables {
  std::string users = "alex-users-data";
  std::string instruments = "alex-instruments";
};

// An order-independent hash of a set of items: the sum, modulo 2^256, of the SHA-256 of
// each item's canonical binary form (attributes by name, sets sorted, numbers
// canonical), and the number of items. Equal sets of items give equal hashes whatever
// the order they are added in. Not thread-safe.
class ContentHash {
 public:
  // Adds one item.
  void add(const Item& item);
  // Adds the items another hash counted.
  void merge(const ContentHash& other);
  std::int64_t count() const { return count_; }
  // The sum as 64 lowercase hex digits.
  std::string hex() const;

 private:
  std::array<std::uint64_t, 4> sum_{};  // little-endian limbs
  std::int64_t count_ = 0;
};

// What a backup, a restore or a copy found in one table.
struct TableContent {
  std::string role;   // "users" or "instruments"
  std::string table;  // the table's name in its store
  std::int64_t items = 0;
  std::string hash;  // ContentHash::hex()
  // Same items and hash (the names may differ).
  bool same_content(const TableContent& o) const { return items == o.items && hash == o.hash; }
};

// Told how far a read or a write has got: the table's role, the items so far, and
// whether that is the table's final count. Called from one thread at a time.
using BackupProgress = std::function<void(std::string_view role, std::int64_t items, bool done)>;

// How a backup reads the store.
struct BackupOptions {
  // DynamoDB: the segments of the parallel scan (1 to 64; one thread each). The embedded
  // engine reads both tables from one read transaction instead.
  std::int32_t segments = 4;
  BackupProgress progress;  // may be empty
};

// What backup_store wrote.
struct BackupResult {
  std::string source;          // the store's name
  bool point_in_time = false;  // true on the embedded engine (one snapshot)
  std::vector<TableContent> tables;
};

// Writes every item of both tables to the backup file `path` (created, or replaced only
// once complete: a failed backup leaves no partial file). On the embedded engine the two
// tables are read from one snapshot while writers go on; on DynamoDB by a parallel
// segmented scan, which is not point-in-time (items changed during the scan may be seen
// before or after the change). NotFound for a missing table; BackupError when the file
// cannot be written; the store's errors propagate.
BackupResult backup_store(Store& store, const StoreTables& tables, const std::string& path,
                          const BackupOptions& options = {});

// Reads the whole backup file and checks it: format and version, each line, each item a
// valid item of its table, and the trailer's counts and hashes. Returns the trailer's
// tables. BackupError naming the file and the line for anything wrong.
std::vector<TableContent> check_backup(const std::string& path);

// How restore_store writes.
struct RestoreOptions {
  // false: every target table must be empty (else BackupError). true: the backup's items
  // are written over the target's (same keys replaced, other items kept).
  bool merge = false;
  BackupProgress progress;  // may be empty
};

// What restore_store wrote and found afterwards.
struct RestoreResult {
  std::vector<TableContent> expected;  // the backup's trailer (names: the target's)
  // After the writes: without merge, the whole content of each target table; with merge,
  // the content of the backup's keys read back from the target.
  std::vector<TableContent> found;
  // Whether found matches expected, table by table.
  bool ok() const;
};

// Checks the backup file first (check_backup: nothing is written when it fails), then
// refuses non-empty targets unless `merge`, creates missing tables, writes the items
// with batch writes of 25, and reads the result back (RestoreResult::found).
RestoreResult restore_store(Store& store, const StoreTables& tables, const std::string& path,
                            const RestoreOptions& options = {});

// How copy_store reads and resumes.
struct CopyOptions {
  // Segments of the source's scan (1 to 64, one thread each); each is copied page by
  // page and its progress recorded in the checkpoint.
  std::int32_t segments = 4;
  // A checkpoint file (empty: none): after each page written, the pages done so far.
  std::string checkpoint;
  // Continue the copy the checkpoint records (same source, target and segments, else
  // BackupError); targets need not be empty then.
  bool resume = false;
  // Write over a non-empty target (else BackupError when a target table holds items).
  bool merge = false;
  BackupProgress progress;  // may be empty
};

// What copy_store found at the end: the content of each table in both stores.
struct CopyResult {
  std::vector<TableContent> source;
  std::vector<TableContent> target;
  // Whether every target table has the content of its source table.
  bool ok() const;
};

// Copies every item of both tables from `from` to `to` (tables created when missing),
// then reads both sides in full and compares their counts and content hashes. On a live
// source the two can differ (the result says so); on a quiet one they must agree.
CopyResult copy_store(Store& from, const StoreTables& from_tables, Store& to,
                      const StoreTables& to_tables, const CopyOptions& options = {});

// The content of both tables of `store` now (a full read; a snapshot on the embedded
// engine, a parallel scan of `segments` on DynamoDB).
std::vector<TableContent> store_content(Store& store, const StoreTables& tables,
                                        std::int32_t segments = 4);

}  // namespace alexdb

#endif  // ALEXDB_BACKUP_H_
