// Bringing tables written by the seed's reference package to this package's layout
// (SPEC section 10): Database::migrate() and what it reports.
#ifndef ALEXDB_MIGRATION_H_
#define ALEXDB_MIGRATION_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace alexdb {

// The kinds of record a migration counts, in report order.
enum class MigrationKind { kUser, kAccount, kPosition, kHistory, kJob, kInstrument, kPrice };
inline constexpr int kMigrationKinds = 7;

// "users", "accounts", "positions", "history", "jobs", "instruments" or "prices".
std::string_view migration_kind_name(MigrationKind kind);

// How far a migration's scan has come: items examined so far in `table`. Told from the
// calling thread after every 500 items of a scan, and once more when the table is done.
struct MigrationProgress {
  std::string table;
  std::int64_t examined = 0;
  bool done = false;
};

struct MigrationOptions {
  // Reads and reports what would change, writes nothing.
  bool dry_run = false;
  // Told about progress (see MigrationProgress); unset: nothing is told. An exception it
  // throws ends the migration (what was written stays; a rerun completes it).
  std::function<void(const MigrationProgress&)> progress;
};

// A record the migration could not bring to this layout: left as it was.
struct MigrationProblem {
  std::string table;
  std::string key;     // "PK=USER#u1, SK=ACCOUNT#..." or "symbol=SPY, SK=..."
  std::string reason;  // what is wrong with it ("quantity: missing")
};

// The count of one kind of record.
struct MigrationCounts {
  std::int64_t examined = 0;   // records of this kind found in the tables
  std::int64_t rewritten = 0;  // brought to this layout (in a dry run: would be)
  std::int64_t current = 0;    // already in this layout, left alone
  std::int64_t problems = 0;   // left as they were, see MigrationReport::problems
};

struct MigrationReport {
  bool dry_run = false;
  MigrationCounts counts[kMigrationKinds];
  std::vector<MigrationProblem> problems;

  const MigrationCounts& of(MigrationKind kind) const { return counts[static_cast<int>(kind)]; }
  MigrationCounts& of(MigrationKind kind) { return counts[static_cast<int>(kind)]; }
  // Records rewritten (or that would be) over all kinds.
  std::int64_t rewritten() const;
  // True when no problem remains.
  bool ok() const { return problems.empty(); }
};

}  // namespace alexdb

#endif  // ALEXDB_MIGRATION_H_
