// The arithmetic of returns (alexdb/returns.h): a pure function of the daily values and
// flows of a period, so that a cache of them can feed it. Exact rationals (GMP) for the
// time-weighted chain and the benchmark's units; a 320-bit binary float for the
// money-weighted rate's root, which only multiplies and divides (no logarithms).
#ifndef ALEXDB_ALEX_RETURNS_MATH_H_
#define ALEXDB_ALEX_RETURNS_MATH_H_

#include <gmp.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "alexdb/decimal.h"

namespace alexdb::alex {

// An exact rational number (a value type over mpq_t).
class Rational {
 public:
  Rational() { mpq_init(q_); }
  explicit Rational(const Decimal& d);
  Rational(const Rational& other) {
    mpq_init(q_);
    mpq_set(q_, other.q_);
  }
  Rational& operator=(const Rational& other) {
    if (this != &other) mpq_set(q_, other.q_);
    return *this;
  }
  ~Rational() { mpq_clear(q_); }

  friend Rational operator+(const Rational& a, const Rational& b);
  friend Rational operator-(const Rational& a, const Rational& b);
  friend Rational operator*(const Rational& a, const Rational& b);
  // b must not be 0.
  friend Rational operator/(const Rational& a, const Rational& b);
  int sign() const { return mpq_sgn(q_); }
  // Rounded half-even to `places` digits after the point, exactly. ValidationError when
  // the result is not a Decimal.
  Decimal round(int places) const;

  mpq_srcptr get() const { return q_; }
  mpq_ptr get() { return q_; }

 private:
  mpq_t q_;
};

// The per-day inputs of a period of days 0..n: V_t and the day's external inflows and
// outflows as magnitudes (index 0: on the start date, part of V_0; not used).
struct DailyFlows {
  std::vector<Decimal> values;
  std::vector<Decimal> inflows;
  std::vector<Decimal> outflows;
};

// The growth factors of the time-weighted chain: element t is the product of the daily
// factors of days 1..t (element 0 is 1). A day whose denominator V_{t-1} + in_t is 0
// has factor 1.
std::vector<Rational> twr_growth(const DailyFlows& days);

// An amount at a day offset from day 0.
struct DatedAmount {
  std::int64_t day = 0;
  Rational amount;
};

// The money-weighted rate of `amounts` (returns.h: the root of the net present value
// at actual/365, bracketed by the scan outward from ln(1 + r) = 0), rounded half-even
// to kReturnPlaces (a value within 1e-25 of a tie counts as the tie); nullopt when
// there is none in the scanned range, with `why` set.
std::optional<Decimal> xirr(std::vector<DatedAmount> amounts, std::string& why);

}  // namespace alexdb::alex

#endif  // ALEXDB_ALEX_RETURNS_MATH_H_
