// The integrity report of a Database: what Database::verify() found when it checked the
// rules that tie the records of both tables together (SPEC sections 2, 3 and 9), and
// what Database::repair() completed.
//
//   alexdb::IntegrityReport report = db.verify();
//   for (const auto& f : report.findings) std::cout << f.record << ": " << f.message << "\n";
//   if (report.repairable > 0) db.repair();
//
// The reports are plain values: safe to copy and to read from any thread.
#ifndef ALEXDB_INTEGRITY_H_
#define ALEXDB_INTEGRITY_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace alexdb {

// How serious a finding is. A failure breaks a rule the data layer keeps (a reader may
// give a wrong answer); a warning is data the data layer would not write but reads
// correctly (positions imported under an account id with no account record).
enum class Severity { kFailure, kWarning };

// The rule a finding breaks. Each names one invariant of SPEC sections 2, 3 and 9.
enum class IntegrityRule {
  kUnreadableRecord,         // a record whose attributes cannot be decoded
  kCurrentWithoutHistory,    // a position's CURRENT record has no HISTORY record at all
  kPreviousQuantityChain,    // previous_quantity differs from the quantity of the record before
  kLastChangeWithoutHistory, // the last committed change has no HISTORY record
  kHistoryBehindCurrent,     // the newest HISTORY record is older than CURRENT
  kCurrentNotNewestHistory,  // CURRENT differs from the newest HISTORY record
  kHistoryWithoutCurrent,    // HISTORY records of a position with no CURRENT record
  kAccountWithoutOwner,      // an account record with no clerk_user_id
  kOwnerMissing,             // an account whose owner user does not exist
  kAccountNotListed,         // an account not listed under its owner
  kListingWithoutAccount,    // a listing under a user of an account that does not exist
  kPositionsWithoutAccount,  // positions under an account id with no account record
  kJobWithoutPointer,        // a job without the JOB#id record that finds it by id
  kPointerWithoutJob,        // a JOB#id record whose job does not exist
  kPriceWithoutRecord,       // an instrument's current price has no price record
  kPricesWithoutInstrument,  // price records of a symbol with no instrument record
  kCurrentPriceNotNewest,    // an instrument's current price is older than its newest record
};

// The rule's stable name in snake_case ("current_without_history"), for programs that
// read reports (the Python module's dicts). Never empty.
std::string_view rule_name(IntegrityRule rule);

// One broken rule, naming the records involved.
struct IntegrityFinding {
  Severity severity = Severity::kFailure;
  IntegrityRule rule = IntegrityRule::kUnreadableRecord;
  std::string table;    // the table that holds the record
  std::string record;   // the record in words: "account <id> <symbol>", "job <id>",
                        // "instrument <symbol>", "account <id>"
  std::string message;  // what was found, with the values involved
  bool repairable = false;  // what an interrupted write left; Database::repair() completes it
};

// How many records of each kind one check read.
struct IntegrityCounts {
  std::size_t users_table_items = 0;  // every item of the users table
  std::size_t users = 0;
  std::size_t accounts = 0;
  std::size_t positions = 0;          // CURRENT records
  std::size_t history_records = 0;    // HISTORY records
  std::size_t jobs = 0;
  std::size_t instruments = 0;        // symbols with any item in the instruments table
  std::size_t price_records = 0;
};

// What one check of both tables found.
struct IntegrityReport {
  std::vector<IntegrityFinding> findings;  // failures and warnings, in no promised order
  IntegrityCounts checked;
  // Interrupted writes Database::repair() would complete (one per position, listing,
  // job pointer or price, so it may differ from the number of repairable findings).
  std::size_t repairable = 0;

  // True when no finding is a failure (warnings pass).
  bool ok() const;
};

// What Database::repair() did.
struct RepairReport {
  std::size_t attempted = 0;  // interrupted writes the check before the repair found
  // Of those, how many are complete: `attempted` less what the check after the repair
  // still finds repairable (never below 0). Equal to `attempted` when all went well.
  std::size_t completed = 0;
  IntegrityReport after;      // the check after the repairs (the only check if none was found)
};

}  // namespace alexdb

#endif  // ALEXDB_INTEGRITY_H_
