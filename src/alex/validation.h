// The input rules of SPEC section 5, checked before anything is written. Each check
// throws ValidationError naming the field and the rule, and returns the value in its
// stored form (symbols upper-case, timestamps in the fixed-width form).
#ifndef ALEXDB_ALEX_VALIDATION_H_
#define ALEXDB_ALEX_VALIDATION_H_

#include <optional>
#include <string>
#include <string_view>

#include "alexdb/timestamp.h"
#include "alexdb/decimal.h"
#include "alexdb/records.h"
#include "alexdb/validation.h"
#include "alexdb/value.h"

namespace alexdb::alex::validate {

// The rules callers outside the library use too (alexdb/validation.h).
using alexdb::validate::change_time;
using alexdb::validate::not_in_future;
using alexdb::validate::price;
using alexdb::validate::range_start;
using alexdb::validate::symbol;
using alexdb::validate::timestamp;
using alexdb::validate::volume;

// Ids (Clerk user ids, account, job and position ids): valid UTF-8 of 1-128 characters
// (code points, not bytes), without '#' and without any Unicode whitespace (U+0085,
// U+00A0, U+3000, ...), control (Cc), format (Cf: U+200B, U+202E, U+FEFF, U+2060, ...)
// or line/paragraph separator (U+2028, U+2029) character.
std::string id(std::string_view value, std::string_view field);
// Free text (names, purposes, sources, messages): valid UTF-8 of 1-`max_length`
// characters (code points, not bytes) without control characters (Cc) other than tab
// and newline. Format characters stay allowed: names in many scripts need the
// zero-width joiners and bidirectional marks.
std::string text(std::string_view value, std::string_view field, std::size_t max_length = 1024);

std::string instrument_type(std::string_view value);
std::string job_type(std::string_view value);
std::string job_status(std::string_view value, std::string_view field = "status");
// BUY, SELL, TRANSFER, UPDATE, REMOVE (case-insensitive; returned upper-case).
std::string position_action(std::string_view value);
// A ledger transaction type (ledger.h kTransactionTypes), in any case; returned upper-case.
std::string transaction_type(std::string_view value);

// Quantities: >= 0 with at most 8 digits after the point.
Decimal quantity(const Decimal& value, std::string_view field = "quantity");
Decimal cash_balance(const Decimal& value, std::string_view field = "cash_balance");
Decimal cash_interest(const Decimal& value, std::string_view field = "cash_interest");
Decimal years_until_retirement(const Decimal& value);
Decimal retirement_income(const Decimal& value);

// Which keys an allocation may use.
enum class AllocationKind { kRegion, kSector, kAssetClass };
// Non-empty, known keys, each 0-100, summing to 100 within 3.
Allocation allocation(const Allocation& value, AllocationKind kind, std::string_view field);

// Throws ValidationError on "start" ("must not be after end") when `start` is after `end`.
void start_not_after_end(Timestamp start, Timestamp end);
// The range of a history read: `start` by range_start(), `end` by timestamp(), each unset
// when not given; start_not_after_end() when both are.
struct TimeRange {
  std::optional<Timestamp> start;
  std::optional<Timestamp> end;
};
TimeRange history_range(const std::optional<std::string>& start,
                        const std::optional<std::string>& end);

// "daily", "weekly" or "monthly".
std::string step(std::string_view value);

}  // namespace alexdb::alex::validate

#endif  // ALEXDB_ALEX_VALIDATION_H_
