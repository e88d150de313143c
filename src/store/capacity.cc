#include "store/capacity.h"

namespace alexdb::store {

namespace {

constexpr std::size_t kReadUnitBytes = 4096;
constexpr std::size_t kWriteUnitBytes = 1024;

std::int64_t units_of(std::size_t bytes, std::size_t unit) {
  std::size_t units = (bytes + unit - 1) / unit;
  return static_cast<std::int64_t>(units == 0 ? 1 : units);
}

}  // namespace

Decimal read_units(std::size_t bytes, bool consistent_read) {
  Decimal units = Decimal::from_int(units_of(bytes, kReadUnitBytes));
  if (consistent_read) return units;
  // Half a unit per started unit: units * 0.5 is exact at one decimal place, the same
  // Decimal as units / 2, without a division.
  static const Decimal kHalf = Decimal::parse("0.5");
  return Decimal::multiply(units, kHalf, 1);
}

Decimal write_units(std::size_t bytes) {
  return Decimal::from_int(units_of(bytes, kWriteUnitBytes));
}

}  // namespace alexdb::store
