// Fuzz target for Decimal. The input is one number, or two separated by '/'. Whatever
// parses must round-trip through its canonical text and obey the algebra of exact
// arithmetic; anything that does not parse must fail with ValidationError. A violation
// calls abort(), which libFuzzer and the bounded loop (decimal_fuzz_test.cc) report.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

#include "alexdb/decimal.h"
#include "alexdb/errors.h"

namespace {

using alexdb::Decimal;
using alexdb::RoundingMode;

void check(bool ok) {
  if (!ok) std::abort();
}

// f(), or std::nullopt when f throws ValidationError (any other exception aborts).
template <typename F>
auto attempt(F f) -> std::optional<decltype(f())> {
  try {
    return f();
  } catch (const alexdb::ValidationError&) {
    return std::nullopt;
  }
}

// The significant digits of a number's text: the mantissa without sign, point, exponent,
// leading or trailing zeros.
std::string significant_digits(std::string_view text) {
  std::string digits;
  for (char c : text.substr(0, text.find_first_of("eE"))) {
    if (c >= '0' && c <= '9' && (c != '0' || !digits.empty())) digits.push_back(c);
  }
  return digits.substr(0, digits.find_last_not_of('0') + 1);
}

// parse() and try_parse() agree; a parsed value keeps the text's digits, is canonical
// and round-trips.
std::optional<Decimal> read(std::string_view text) {
  const std::optional<Decimal> x = Decimal::try_parse(text);
  check(attempt([&] { return Decimal::parse(text); }) == x);
  if (!x) return std::nullopt;
  const std::string canonical = x->to_string();
  check(Decimal::parse(canonical) == *x && Decimal::parse(canonical).to_string() == canonical);
  check(canonical.find_first_of("eE+") == std::string::npos);
  check(x->digits() <= Decimal::kMaxDigits);
  check(significant_digits(canonical) == significant_digits(text));
  return x;
}

void check_one(const Decimal& x) {
  const Decimal zero;
  check((x - x).is_zero() && x + zero == x && x * Decimal::from_int(1) == x);
  check(-(-x) == x && (x + -x).is_zero());
  check((x <=> x) == 0 && ((x < zero) == (x.sign() < 0)) && ((-x < zero) == (x.sign() > 0)));
  check(x.round(x.scale()) == x && Decimal::divide(x, Decimal::from_int(1), x.scale()) == x);
  if (auto v = x.to_int64()) check(x.is_integer() && Decimal::from_int(*v) == x);
  for (int places : {-3, 0, 1, 5}) {
    const auto floor = attempt([&] { return x.round(places, RoundingMode::kFloor); });
    const auto ceiling = attempt([&] { return x.round(places, RoundingMode::kCeiling); });
    if (floor) check(*floor <= x);
    if (ceiling) check(x <= *ceiling);
  }
}

void check_pair(const Decimal& x, const Decimal& y) {
  check(((x <=> y) == 0) == (x == y) && (x < y) == (y > x) && (x < y) == (-y < -x));
  const auto sum = attempt([&] { return x + y; });
  check(sum == attempt([&] { return y + x; }));
  if (sum) check(attempt([&] { return *sum - y; }) == x);  // exact, so it cannot fail
  if (const auto difference = attempt([&] { return x - y; })) {
    check(difference->sign() == ((x <=> y) < 0 ? -1 : (x <=> y) > 0 ? 1 : 0));
  }
  const auto product = attempt([&] { return x * y; });
  check(product == attempt([&] { return y * x; }));
  if (product && !y.is_zero())
    check(attempt([&] { return Decimal::divide(*product, y, 200); }) == x);
}

}  // namespace

extern "C" int AlexdbFuzzDecimal(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::size_t slash = input.find('/');
  const std::optional<Decimal> x = read(input.substr(0, slash));
  if (x) check_one(*x);
  if (slash == std::string_view::npos) return 0;
  const std::optional<Decimal> y = read(input.substr(slash + 1));
  if (y) check_one(*y);
  if (x && y) check_pair(*x, *y);
  return 0;
}
