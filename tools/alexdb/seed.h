// The reference data `alexdb seed` and `alexdb demo` load: the 22 instruments of
// data/instruments.json (compiled in) with deterministic synthetic daily closes.
#ifndef ALEXDB_TOOLS_ALEXDB_SEED_H_
#define ALEXDB_TOOLS_ALEXDB_SEED_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "alexdb/database.h"
#include "alexdb/timestamp.h"

namespace alexdb::cli {

inline constexpr std::int64_t kMicrosPerDay = Timestamp::kMicrosPerDay;
// Daily closes are stamped 21:00:00 UTC (16:00 in New York): a date alone in a change or
// a price means that day's close too (validate::change_time).
inline constexpr std::int64_t kCloseMicrosOfDay = Timestamp::kCloseMicrosOfDay;

// 21:00 UTC of the day of `instant`.
Timestamp close_time(Timestamp instant);
// The last close at or before `now`: today's once it is 21:00 UTC, else yesterday's.
Timestamp last_close_before(Timestamp now);

// `days` daily closes of `symbol`, one per calendar day, the last on the day of
// `end_day` at exactly `last_price`, earlier ones a seeded random walk with the given
// daily volatility (e.g. 0.01). The same arguments give the same prices on every
// machine (integer PRNG, IEEE arithmetic only). Source "synthetic", with a volume.
std::vector<PricePoint> synthetic_prices(std::string_view symbol, const Decimal& last_price,
                                         double daily_volatility, int days,
                                         Timestamp end_day);

// The instruments compiled into the binary, as create_instrument fields.
std::vector<Fields> embedded_instruments();

struct SeedSummary {
  int instruments = 0;
  std::size_t prices = 0;
  std::string first_day;
  std::string last_day;
};

// Creates missing tables, then writes every embedded instrument and its `days` closes
// ending on the day of `end_day` (batch writes). Idempotent: the same arguments write
// the same records. Progress on stderr unless `quiet`. Throws ValidationError naming
// --end when the close of `end_day` is after the system clock's now: no close later
// than the last one before now is ever written (see last_close_before).
SeedSummary seed_instruments(Database& db, int days, Timestamp end_day, bool quiet);

}  // namespace alexdb::cli

#endif  // ALEXDB_TOOLS_ALEXDB_SEED_H_
