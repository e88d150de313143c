// The input rules of SPEC sections 5 and 9 that a caller may want to apply before a
// call, to report a problem in its own terms (the line of a file, the flag of a
// command): the library applies the same rules to every call. Each check throws
// ValidationError naming `field` and the rule, and returns the value in its stored form.
// Thread-safe: the checks read nothing but their arguments.
#ifndef ALEXDB_VALIDATION_H_
#define ALEXDB_VALIDATION_H_

#include <string>
#include <string_view>

#include "alexdb/decimal.h"
#include "alexdb/timestamp.h"

namespace alexdb::validate {

// Symbols: 1-20 of letters, digits and ".-^=_"; returned upper-case.
std::string symbol(std::string_view value, std::string_view field = "symbol");
// Prices: 0 to 999999.
Decimal price(const Decimal& value, std::string_view field = "price");
// Volumes: >= 0, integral.
Decimal volume(const Decimal& value, std::string_view field = "volume");

// The time rules of SPEC section 9. Every form of Timestamp::parse is accepted; an
// empty string is never a date (ValidationError). What a date without a time means
// depends on the kind of call:
//
// A date or time a query asks about (positions, value or price at a date, the end of a
// range): a date alone is the end of that day, 23:59:59.999999 UTC.
Timestamp timestamp(std::string_view value, std::string_view field);
// The start of a range: as timestamp(), but a date alone is the start of that day, so
// that a range from D to D holds the whole of day D.
Timestamp range_start(std::string_view value, std::string_view field);
// When a position change or a price happened: a date alone is that day's close, 21:00
// UTC. Not later than `now` + 1 day (the clock-skew allowance).
Timestamp change_time(std::string_view value, std::string_view field, Timestamp now);
// `at`, if it is not later than `now` + 1 day; else ValidationError naming `field`.
Timestamp not_in_future(Timestamp at, std::string_view field, Timestamp now);

}  // namespace alexdb::validate

#endif  // ALEXDB_VALIDATION_H_
