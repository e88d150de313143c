// Fuzz target for the decimal parser: whatever parses must round-trip through its
// canonical text and obey the arithmetic invariants.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "alexdb/decimal.h"
#include "alexdb/errors.h"

extern "C" int AlexdbFuzzDecimal(const std::uint8_t* data, std::size_t size) {
  using alexdb::Decimal;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto d = Decimal::try_parse(text);
  if (!d) return 0;
  Decimal again = Decimal::parse(d->to_string());
  if (!(again == *d)) std::abort();
  if (!(*d - *d).is_zero()) std::abort();
  if ((*d < Decimal()) != (d->sign() < 0)) std::abort();
  if (!(-(-*d) == *d)) std::abort();
  try {
    Decimal doubled = *d + *d;
    if (!(doubled == *d * Decimal::from_int(2))) std::abort();
  } catch (const alexdb::ValidationError&) {
    // Doubling can leave DynamoDB's range; that is an error, not a crash.
  }
  return 0;
}
