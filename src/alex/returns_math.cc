#include "alex/returns_math.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <string_view>

#include "alexdb/errors.h"
#include "alexdb/returns.h"

namespace alexdb::alex {

namespace {

// Bits of the floats the money-weighted root is found with (about 96 digits).
constexpr mp_bitcnt_t kRootBits = 320;
// The scan for the root: ln(1 + r) from 0 outward in these steps, as far as this.
constexpr double kScanStep = 0.01;
constexpr int kScanSteps = 3000;
// Halvings of the bracket: its width falls far below 1e-40.
constexpr int kHalvings = 160;

// An integer as a Decimal (the canonical digits of an mpz).
Decimal decimal_of_integer(mpz_srcptr z, int places) {
  char* digits = mpz_get_str(nullptr, 10, z);
  std::string text(digits);
  void (*release)(void*, size_t);
  mp_get_memory_functions(nullptr, nullptr, &release);
  release(digits, text.size() + 1);
  const Decimal integer = Decimal::parse(text, "return");
  Decimal scale = Decimal::from_int(1);
  for (int i = 0; i < places; ++i) scale *= Decimal::from_int(10);
  return Decimal::divide(integer, scale, places);
}

// A float of kRootBits (a value type over mpf_t).
class RootFloat {
 public:
  RootFloat() { mpf_init2(f_, kRootBits); }
  RootFloat(const RootFloat& other) {
    mpf_init2(f_, kRootBits);
    mpf_set(f_, other.f_);
  }
  RootFloat& operator=(const RootFloat& other) {
    mpf_set(f_, other.f_);
    return *this;
  }
  ~RootFloat() { mpf_clear(f_); }
  mpf_ptr get() { return f_; }
  mpf_srcptr get() const { return f_; }

 private:
  mpf_t f_;
};

// The net present value's sign at discount factor y = (1 + r)^(-1/365): the sign of
// sum(amount_i * y^day_i), the amounts sorted by day.
int npv_sign(const std::vector<DatedAmount>& amounts, const RootFloat& y) {
  RootFloat sum, power, step, term, amount;
  mpf_set_ui(power.get(), 1);
  std::int64_t at = 0;
  for (const DatedAmount& a : amounts) {
    if (a.day > at) {
      mpf_pow_ui(step.get(), y.get(), static_cast<unsigned long>(a.day - at));
      mpf_mul(power.get(), power.get(), step.get());
      at = a.day;
    }
    mpf_set_q(amount.get(), a.amount.get());
    mpf_mul(term.get(), amount.get(), power.get());
    mpf_add(sum.get(), sum.get(), term.get());
  }
  return mpf_sgn(sum.get());
}

// The discount factor of grid point k: exp(-k * kScanStep / 365).
RootFloat grid_factor(int k) {
  RootFloat y;
  mpf_set_d(y.get(), std::exp(-k * kScanStep / 365.0));
  return y;
}

// r = y^-365 - 1 rounded half-even to kReturnPlaces (within 1e-25 of a tie: the tie).
std::optional<Decimal> rate_of_factor(const RootFloat& y, std::string& why) {
  RootFloat r, scaled, floor_part, fraction, half, tolerance;
  mpf_pow_ui(r.get(), y.get(), 365);
  mpf_ui_div(r.get(), 1, r.get());
  mpf_sub_ui(r.get(), r.get(), 1);
  mpf_set_ui(scaled.get(), 1);
  for (int i = 0; i < kReturnPlaces; ++i) mpf_mul_ui(scaled.get(), scaled.get(), 10);
  mpf_mul(scaled.get(), scaled.get(), r.get());
  mpf_floor(floor_part.get(), scaled.get());
  mpf_sub(fraction.get(), scaled.get(), floor_part.get());
  mpf_set_d(half.get(), 0.5);
  mpf_set_str(tolerance.get(), "1e-25", 10);
  mpz_t k;
  mpz_init(k);
  mpz_set_f(k, floor_part.get());
  RootFloat distance;
  mpf_sub(distance.get(), fraction.get(), half.get());
  mpf_abs(distance.get(), distance.get());
  if (mpf_cmp(distance.get(), tolerance.get()) < 0) {
    if (mpz_odd_p(k)) mpz_add_ui(k, k, 1);
  } else if (mpf_cmp(fraction.get(), half.get()) > 0) {
    mpz_add_ui(k, k, 1);
  }
  std::optional<Decimal> out;
  try {
    out = decimal_of_integer(k, kReturnPlaces);
  } catch (const ValidationError&) {
    why = "the money-weighted rate is too large for a decimal";
  }
  mpz_clear(k);
  return out;
}

}  // namespace

Rational::Rational(const Decimal& d) {
  mpq_init(q_);
  const std::string text = d.to_string();
  const std::size_t point = text.find('.');
  std::string digits = text;
  std::size_t places = 0;
  if (point != std::string::npos) {
    places = text.size() - point - 1;
    digits = text.substr(0, point) + text.substr(point + 1);
  }
  mpz_set_str(mpq_numref(q_), digits.c_str(), 10);
  mpz_ui_pow_ui(mpq_denref(q_), 10, places);
  mpq_canonicalize(q_);
}

Rational operator+(const Rational& a, const Rational& b) {
  Rational r;
  mpq_add(r.q_, a.q_, b.q_);
  return r;
}

Rational operator-(const Rational& a, const Rational& b) {
  Rational r;
  mpq_sub(r.q_, a.q_, b.q_);
  return r;
}

Rational operator*(const Rational& a, const Rational& b) {
  Rational r;
  mpq_mul(r.q_, a.q_, b.q_);
  return r;
}

Rational operator/(const Rational& a, const Rational& b) {
  Rational r;
  mpq_div(r.q_, a.q_, b.q_);
  return r;
}

Decimal Rational::round(int places) const {
  // n = q * 10^places = num / den; the nearest integer, ties to even.
  mpz_t num, quotient, remainder, twice;
  mpz_inits(num, quotient, remainder, twice, nullptr);
  mpz_ui_pow_ui(num, 10, static_cast<unsigned long>(places));
  mpz_mul(num, num, mpq_numref(q_));
  mpz_fdiv_qr(quotient, remainder, num, mpq_denref(q_));  // remainder in [0, den)
  mpz_mul_2exp(twice, remainder, 1);
  const int c = mpz_cmp(twice, mpq_denref(q_));
  if (c > 0 || (c == 0 && mpz_odd_p(quotient))) mpz_add_ui(quotient, quotient, 1);
  Decimal out;
  try {
    out = decimal_of_integer(quotient, places);
  } catch (...) {
    mpz_clears(num, quotient, remainder, twice, nullptr);
    throw;
  }
  mpz_clears(num, quotient, remainder, twice, nullptr);
  return out;
}

std::vector<Rational> twr_growth(const DailyFlows& days) {
  std::vector<Rational> growth;
  growth.reserve(days.values.size());
  growth.emplace_back(Decimal::from_int(1));
  for (std::size_t t = 1; t < days.values.size(); ++t) {
    const Rational denominator = Rational(days.values[t - 1]) + Rational(days.inflows[t]);
    if (denominator.sign() == 0) {
      growth.push_back(growth.back());
      continue;
    }
    const Rational numerator = Rational(days.values[t]) + Rational(days.outflows[t]);
    growth.push_back(growth.back() * (numerator / denominator));
  }
  return growth;
}

std::optional<Decimal> xirr(std::vector<DatedAmount> amounts, std::string& why) {
  std::stable_sort(amounts.begin(), amounts.end(),
                   [](const DatedAmount& a, const DatedAmount& b) { return a.day < b.day; });
  bool positive = false, negative = false;
  for (const DatedAmount& a : amounts) {
    positive = positive || a.amount.sign() > 0;
    negative = negative || a.amount.sign() < 0;
  }
  if (!positive || !negative) {
    why = "no money-weighted rate: the flows and values do not change sign";
    return std::nullopt;
  }
  // Grid points k (ln(1 + r) = k * kScanStep) in the order the scan meets the intervals
  // [k, k + 1]: 0, -1, 1, -2, 2, ...; y falls as k rises.
  std::map<int, int> signs;  // each grid point's sign, computed once
  auto sign_at = [&](int k) {
    auto [it, added] = signs.try_emplace(k, 0);
    if (added) it->second = npv_sign(amounts, grid_factor(k));
    return it->second;
  };
  std::optional<int> lower;
  for (int j = 0; j < kScanSteps && !lower; ++j) {
    for (int k : {j, -j - 1}) {
      const int a = sign_at(k), b = sign_at(k + 1);
      if (a == 0) return rate_of_factor(grid_factor(k), why);
      if (b == 0) return rate_of_factor(grid_factor(k + 1), why);
      if (a != b) {
        lower = k;
        break;
      }
    }
  }
  if (!lower) {
    why = "no money-weighted rate between -99.99999% and e^30 - 1 a year";
    return std::nullopt;
  }
  RootFloat high = grid_factor(*lower), low = grid_factor(*lower + 1), middle;
  const int high_sign = npv_sign(amounts, high);
  for (int i = 0; i < kHalvings; ++i) {
    mpf_add(middle.get(), high.get(), low.get());
    mpf_div_2exp(middle.get(), middle.get(), 1);
    const int s = npv_sign(amounts, middle);
    if (s == 0) break;
    (s == high_sign ? high : low) = middle;
  }
  if (npv_sign(amounts, middle) != 0) {
    mpf_add(middle.get(), high.get(), low.get());
    mpf_div_2exp(middle.get(), middle.get(), 1);
  }
  return rate_of_factor(middle, why);
}

}  // namespace alexdb::alex
