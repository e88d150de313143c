#include "store/capacity.h"

namespace alexdb::store {

namespace {

constexpr std::size_t kReadUnitBytes = 4096;
constexpr std::size_t kWriteUnitBytes = 1024;
// Reads of up to this many started units take their count from a table.
constexpr std::int64_t kTabledReadUnits = 64;

std::int64_t units_of(std::size_t bytes, std::size_t unit) {
  std::size_t units = (bytes + unit - 1) / unit;
  return static_cast<std::int64_t>(units == 0 ? 1 : units);
}

// The read units of `started` started units: one each for a consistent read, else half.
Decimal count_read_units(std::int64_t started, bool consistent_read) {
  const Decimal units = Decimal::from_int(started);
  if (consistent_read) return units;
  // units * 0.5 is exact at one decimal place, the same Decimal as units / 2, without a
  // division.
  static const Decimal kHalf = Decimal::parse("0.5");
  return Decimal::multiply(units, kHalf, 1);
}

}  // namespace

Decimal read_units(std::size_t bytes, bool consistent_read) {
  const std::int64_t started = units_of(bytes, kReadUnitBytes);
  // The counts of most reads (up to 256 KB), worked out once.
  struct Table {
    Decimal consistent[kTabledReadUnits + 1];
    Decimal eventual[kTabledReadUnits + 1];
  };
  static const Table kTable = [] {
    Table table;
    for (std::int64_t n = 1; n <= kTabledReadUnits; ++n) {
      table.consistent[n] = count_read_units(n, true);
      table.eventual[n] = count_read_units(n, false);
    }
    return table;
  }();
  if (started > kTabledReadUnits) return count_read_units(started, consistent_read);
  return consistent_read ? kTable.consistent[started] : kTable.eventual[started];
}

Decimal write_units(std::size_t bytes) {
  return Decimal::from_int(units_of(bytes, kWriteUnitBytes));
}

}  // namespace alexdb::store
