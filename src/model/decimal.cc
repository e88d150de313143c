// Decimal: parsing, canonical text, exact arithmetic, and rounding on request.
//
// Arithmetic runs on GMP integers, so intermediates (operands aligned to a common
// exponent, full products, scaled dividends) never overflow; DecimalBuilder then applies
// DynamoDB's rules (at most 38 digits, 1e-130 <= |x| < 1e126) to the exact result. Sums
// and products whose exact result fits in 128 bits take a shorter path to the same value.
#include "alexdb/decimal.h"

#include <gmp.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <limits>
#include <optional>
#include <string>

#include "alexdb/errors.h"

namespace alexdb {

namespace {

__extension__ using Coefficient = unsigned __int128;

constexpr const char* kNumberRule = "not a number";
constexpr const char* kDigitsRule = "at most 38 significant digits";
constexpr const char* kRangeRule = "magnitude within 1e-130..1e126";

// An explicit exponent saturates at this magnitude. No text is this long, so a
// saturated exponent is out of range (or irrelevant, for zero) whatever the digits are.
constexpr std::int64_t kExponentCap = 100'000'000'000'000'000;

// round() and divide() clamp `places` to +-kPlacesBound, which changes no outcome: a
// quotient of two Decimals is below 1e330 and differs from every representable value
// (none has a digit below 1e-167) by 0 or more than 1e-500. So rounding to more places
// gives the exact quotient or fails either way, and rounding to fewer gives zero or a
// power of ten out of range either way.
constexpr int kPlacesBound = 1000;

// Longest input quoted in an error message.
constexpr std::size_t kQuotedLength = 48;

// An owned GMP integer.
class BigInt {
 public:
  BigInt() { mpz_init(value_); }
  explicit BigInt(Coefficient c) {
    const std::uint64_t words[2] = {static_cast<std::uint64_t>(c),
                                    static_cast<std::uint64_t>(c >> 64)};
    mpz_init(value_);
    mpz_import(value_, 2, -1, sizeof(std::uint64_t), 0, 0, words);
  }
  BigInt(const BigInt&) = delete;
  BigInt& operator=(const BigInt&) = delete;
  ~BigInt() { mpz_clear(value_); }

  mpz_ptr get() { return value_; }
  mpz_srcptr get() const { return value_; }

 private:
  mpz_t value_;
};

// x *= 10^n.
void scale_up(BigInt& x, unsigned long n) {
  if (n == 0) return;
  BigInt power;
  mpz_ui_pow_ui(power.get(), 10, n);
  mpz_mul(x.get(), x.get(), power.get());
}

// 10^0 .. 10^38 (10^38 < 2^127).
constexpr std::array<Coefficient, 39> kPowersOf10 = [] {
  std::array<Coefficient, 39> p{};
  p[0] = 1;
  for (std::size_t i = 1; i < p.size(); ++i) p[i] = p[i - 1] * 10;
  return p;
}();

// Number of decimal digits of c (0 for 0); up to 39 for any 128-bit value.
int count_digits(Coefficient c) {
  int n = 0;
  while (n < 39 && c >= kPowersOf10[static_cast<std::size_t>(n)]) ++n;
  return n;
}

Coefficient pow10(int n) {
  if (n >= 0 && n < 39) return kPowersOf10[static_cast<std::size_t>(n)];
  Coefficient p = 1;
  for (int i = 0; i < n; ++i) p *= 10;
  return p;
}

// c / 10 and c % 10, in 64 bits when c fits (most coefficients do).
Coefficient div10(Coefficient c) {
  if (c <= UINT64_MAX) return static_cast<std::uint64_t>(c) / 10;
  return c / 10;
}
unsigned mod10(Coefficient c) {
  if (c <= UINT64_MAX) return static_cast<unsigned>(static_cast<std::uint64_t>(c) % 10);
  return static_cast<unsigned>(c % 10);
}

std::string quoted(std::string_view text) {
  if (text.size() <= kQuotedLength) return "got '" + std::string(text) + "'";
  return "got '" + std::string(text.substr(0, kQuotedLength)) + "...'";
}

// A numeric literal split into its parts; zero has `significant` == 0.
struct Literal {
  bool negative = false;
  std::int64_t significant = 0;  // significant digits (first to last nonzero)
  Coefficient coefficient = 0;   // those digits, when there are at most kMaxDigits
  std::int64_t exponent = 0;     // power of ten of the last significant digit
};

// Most digits scan_plain() reads: their value fits in 64 bits.
constexpr int kPlainDigits = 19;

// scan() of the common form "[-]digits[.digits]" with at most kPlainDigits digits, in
// 64-bit arithmetic: sets `out` and returns true, or returns false (nothing decided)
// for any other text.
bool scan_plain(std::string_view text, Literal& out) noexcept {
  std::size_t i = 0;
  const bool negative = !text.empty() && text[0] == '-';
  if (negative) ++i;
  std::uint64_t digits = 0;
  int count = 0;
  int first_nonzero = 0;  // positions (from 1) of the first and last nonzero digits
  int last_nonzero = 0;
  std::int64_t fraction_digits = 0;
  bool point = false;
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '.' && !point) {
      point = true;
      continue;
    }
    if (c < '0' || c > '9' || ++count > kPlainDigits) return false;
    digits = digits * 10 + static_cast<unsigned>(c - '0');
    if (point) ++fraction_digits;
    if (c != '0') {
      if (first_nonzero == 0) first_nonzero = count;
      last_nonzero = count;
    }
  }
  if (count == 0) return false;
  out = Literal();
  out.negative = negative;
  if (digits == 0) return true;  // zero: no significant digits
  const int trailing_zeros = count - last_nonzero;
  out.significant = last_nonzero - first_nonzero + 1;
  out.coefficient =
      digits / static_cast<std::uint64_t>(kPowersOf10[static_cast<std::size_t>(trailing_zeros)]);
  out.exponent = trailing_zeros - fraction_digits;
  return true;
}

// Reads "[+-]digits[.digits][(e|E)[+-]digits]" with at least one digit in the mantissa;
// std::nullopt when the text is anything else.
std::optional<Literal> scan(std::string_view text) noexcept {
  Literal out;
  if (scan_plain(text, out)) return out;
  std::size_t i = 0;
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) out.negative = text[i++] == '-';
  bool any_digit = false;
  bool point = false;
  std::int64_t fraction_digits = 0;
  std::int64_t pending_zeros = 0;  // zeros since the last nonzero digit
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '.' && !point) {
      point = true;
      continue;
    }
    if (c < '0' || c > '9') break;
    any_digit = true;
    if (point) ++fraction_digits;
    if (c == '0') {
      ++pending_zeros;
      continue;
    }
    const std::int64_t zeros = out.significant > 0 ? pending_zeros : 0;  // interior zeros
    out.significant += zeros + 1;
    if (out.significant <= Decimal::kMaxDigits) {
      out.coefficient =
          out.coefficient * pow10(static_cast<int>(zeros) + 1) + static_cast<unsigned>(c - '0');
    }
    pending_zeros = 0;
  }
  if (!any_digit) return std::nullopt;
  std::int64_t exponent = 0;
  if (i < text.size()) {
    if (text[i] != 'e' && text[i] != 'E') return std::nullopt;
    ++i;
    bool negative = false;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) negative = text[i++] == '-';
    if (i == text.size()) return std::nullopt;
    for (; i < text.size(); ++i) {
      if (text[i] < '0' || text[i] > '9') return std::nullopt;
      if (exponent < kExponentCap) exponent = exponent * 10 + (text[i] - '0');
    }
    if (negative) exponent = -exponent;
  }
  out.exponent = exponent - fraction_digits + pending_zeros;
  return out;
}

}  // namespace

// Makes canonical Decimals from exact results, applying DynamoDB's rules. Each function
// returns nullptr and sets `out`, or returns the rule the value breaks.
struct DecimalBuilder {
  // From a coefficient below 10^38 without trailing zeros, of `digits` digits.
  static const char* from_coefficient(bool negative, Coefficient c, int digits,
                                      std::int64_t exponent, Decimal& out) noexcept {
    if (c == 0) {
      out = Decimal();
      return nullptr;
    }
    const std::int64_t leading = exponent + digits - 1;
    if (leading < Decimal::kMinExponent || leading > Decimal::kMaxExponent) return kRangeRule;
    out = Decimal(negative, c, static_cast<int>(exponent));
    return nullptr;
  }
  static const char* from_coefficient(bool negative, Coefficient c, std::int64_t exponent,
                                      Decimal& out) noexcept {
    return from_coefficient(negative, c, count_digits(c), exponent, out);
  }

  static const char* from_literal(const Literal& literal, Decimal& out) noexcept {
    if (literal.significant > Decimal::kMaxDigits) return kDigitsRule;
    // At most 38 significant digits: the coefficient holds them all.
    return from_coefficient(literal.negative, literal.coefficient,
                            static_cast<int>(literal.significant), literal.exponent, out);
  }

  // From magnitude * 10^exponent of any size; consumes `magnitude`.
  static const char* from_big(bool negative, BigInt& magnitude, std::int64_t exponent,
                              Decimal& out) {
    if (mpz_sgn(magnitude.get()) == 0) return from_coefficient(false, 0, 0, out);
    while (mpz_divisible_ui_p(magnitude.get(), 10)) {
      mpz_divexact_ui(magnitude.get(), magnitude.get(), 10);
      ++exponent;
    }
    BigInt limit;
    mpz_ui_pow_ui(limit.get(), 10, Decimal::kMaxDigits);
    if (mpz_cmp(magnitude.get(), limit.get()) >= 0) return kDigitsRule;
    std::uint64_t words[2] = {0, 0};
    mpz_export(words, nullptr, -1, sizeof(std::uint64_t), 0, 0, magnitude.get());
    const Coefficient c = (static_cast<Coefficient>(words[1]) << 64) | words[0];
    return from_coefficient(negative, c, exponent, out);
  }

  // fit() of a magnitude below 2^128, in 128-bit arithmetic: sets `out` and returns
  // true, or returns false when the result takes the general path (more than 38 digits
  // to drop, a result out of range: fit() decides those, and its errors).
  static bool fit_small(bool negative, Coefficient magnitude, std::int64_t exponent, int places,
                        RoundingMode mode, Decimal& out);

  // The same sum in 128-bit arithmetic when both terms, aligned on the smaller exponent,
  // are below 10^38 (so the sum is below 2^128): sets `magnitude`, `negative` and
  // `exponent` and returns true; false (nothing set) when the terms are further apart.
  static bool small_sum(const Decimal& a, const Decimal& b, bool b_negative, Coefficient& magnitude,
                        bool& negative, int& exponent) noexcept;
  // sum = |a + (b_negative ? -|b| : |b|)| at the returned exponent; `negative` its sign.
  static int exact_sum(const Decimal& a, const Decimal& b, bool b_negative, BigInt& sum,
                       bool& negative);
  // magnitude * 10^exponent rounded to at most `places` digits after the point, and to
  // 38 significant digits when more would remain; consumes `magnitude`. Throws
  // ValidationError (naming the operation) only when the result is out of range.
  static Decimal fit(bool negative, BigInt& magnitude, std::int64_t exponent, int places,
                     RoundingMode mode, const Decimal& a, const char* op, const Decimal& b);
};

namespace {

// Number of decimal digits of x > 0 (mpz_sizeinbase may overstate it by one).
std::int64_t significant_digits(const BigInt& x) {
  const auto n = static_cast<std::int64_t>(mpz_sizeinbase(x.get(), 10));
  BigInt power;
  mpz_ui_pow_ui(power.get(), 10, static_cast<unsigned long>(n - 1));
  return mpz_cmp(x.get(), power.get()) >= 0 ? n : n - 1;
}

// Finishes an arithmetic result: the Decimal, or ValidationError naming the operation.
Decimal finish(bool negative, BigInt& magnitude, std::int64_t exponent, const Decimal& a,
               const char* op, const Decimal& b) {
  Decimal out;
  if (const char* rule = DecimalBuilder::from_big(negative, magnitude, exponent, out)) {
    throw ValidationError("number", rule, a.to_string() + " " + op + " " + b.to_string());
  }
  return out;
}

// Whether rounding moves a truncated quotient one unit away from zero, given how the
// (nonzero) dropped part compares with half a unit: `half` < 0 below, 0 a tie, > 0 above.
bool rounds_away(RoundingMode mode, int half, bool odd, bool negative) {
  switch (mode) {
    case RoundingMode::kHalfEven:
      return half > 0 || (half == 0 && odd);
    case RoundingMode::kHalfUp:
      return half >= 0;
    case RoundingMode::kDown:
      return false;
    case RoundingMode::kUp:
      return true;
    case RoundingMode::kFloor:
      return negative;
    case RoundingMode::kCeiling:
      return !negative;
  }
  return false;
}

// Rounds the quotient q of a division that left remainder r (0 <= r < d) by `mode`;
// `negative` is the sign of the exact result.
void round_quotient(BigInt& q, const BigInt& r, const BigInt& d, bool negative, RoundingMode mode) {
  if (mpz_sgn(r.get()) == 0) return;
  BigInt twice;
  mpz_mul_2exp(twice.get(), r.get(), 1);
  const int half = mpz_cmp(twice.get(), d.get());
  if (rounds_away(mode, half, mpz_odd_p(q.get()) != 0, negative)) {
    mpz_add_ui(q.get(), q.get(), 1);
  }
}

}  // namespace

int DecimalBuilder::exact_sum(const Decimal& a, const Decimal& b, bool b_negative, BigInt& sum,
                              bool& negative) {
  // Align on the smaller exponent; this can take far more than 128 bits (1e125 + 1e-130)
  // even when the sum fits (1e38 - 99999999999999999999999999999999999999).
  const int exponent = std::min(a.exponent_, b.exponent_);
  BigInt y(b.coefficient_);
  mpz_set(sum.get(), BigInt(a.coefficient_).get());
  scale_up(sum, static_cast<unsigned long>(a.exponent_ - exponent));
  scale_up(y, static_cast<unsigned long>(b.exponent_ - exponent));
  if (a.negative_) mpz_neg(sum.get(), sum.get());
  if (b_negative) mpz_neg(y.get(), y.get());
  mpz_add(sum.get(), sum.get(), y.get());
  negative = mpz_sgn(sum.get()) < 0;
  mpz_abs(sum.get(), sum.get());
  return exponent;
}

bool DecimalBuilder::small_sum(const Decimal& a, const Decimal& b, bool b_negative,
                               Coefficient& magnitude, bool& negative, int& exponent) noexcept {
  const int low = std::min(a.exponent_, b.exponent_);
  const int shift_a = a.exponent_ - low, shift_b = b.exponent_ - low;
  if (shift_a > Decimal::kMaxDigits || shift_b > Decimal::kMaxDigits ||
      count_digits(a.coefficient_) + shift_a > Decimal::kMaxDigits ||
      count_digits(b.coefficient_) + shift_b > Decimal::kMaxDigits) {
    return false;
  }
  const Coefficient x = a.coefficient_ * pow10(shift_a);
  const Coefficient y = b.coefficient_ * pow10(shift_b);
  if (a.negative_ == b_negative) {
    negative = a.negative_;
    magnitude = x + y;
  } else if (x >= y) {
    negative = a.negative_;
    magnitude = x - y;
  } else {
    negative = b_negative;
    magnitude = y - x;
  }
  if (magnitude == 0) negative = false;
  exponent = low;
  return true;
}

bool DecimalBuilder::fit_small(bool negative, Coefficient magnitude, std::int64_t exponent,
                               int places, RoundingMode mode, Decimal& out) {
  places = std::clamp(places, -kPlacesBound, kPlacesBound);
  if (magnitude == 0) {
    out = Decimal();
    return true;
  }
  const std::int64_t digits = count_digits(magnitude);
  std::int64_t drop = std::max<std::int64_t>(0, -places - exponent);
  drop = std::max<std::int64_t>(drop, digits - Decimal::kMaxDigits);
  if (drop > Decimal::kMaxDigits) return false;
  if (drop > 0) {
    const Coefficient divisor = pow10(static_cast<int>(std::min(drop, digits + 1)));
    Coefficient q = magnitude / divisor;
    const Coefficient r = magnitude % divisor;
    if (r != 0) {
      // 2r < 2 * 10^38 < 2^128: no overflow.
      const Coefficient twice = r * 2;
      const int half = twice < divisor ? -1 : (twice == divisor ? 0 : 1);
      if (rounds_away(mode, half, (q & 1) != 0, negative)) q += 1;
    }
    magnitude = q;
    exponent += drop;
    if (count_digits(magnitude) > Decimal::kMaxDigits) {
      magnitude = div10(magnitude);
      ++exponent;
    }
    if (magnitude == 0) {
      out = Decimal();
      return true;
    }
  }
  while (mod10(magnitude) == 0) {
    magnitude = div10(magnitude);
    ++exponent;
  }
  if (magnitude >= kPowersOf10[Decimal::kMaxDigits]) return false;
  return from_coefficient(negative, magnitude, exponent, out) == nullptr;
}

Decimal DecimalBuilder::fit(bool negative, BigInt& magnitude, std::int64_t exponent, int places,
                            RoundingMode mode, const Decimal& a, const char* op, const Decimal& b) {
  places = std::clamp(places, -kPlacesBound, kPlacesBound);
  const std::int64_t digits = significant_digits(magnitude);
  // Digits to drop: those below 10^-places, and more while over kMaxDigits remain.
  std::int64_t drop = std::max<std::int64_t>(0, -places - exponent);
  drop = std::max<std::int64_t>(drop, digits - Decimal::kMaxDigits);
  if (drop > 0) {
    BigInt divisor;
    mpz_ui_pow_ui(divisor.get(), 10, static_cast<unsigned long>(std::min(drop, digits + 1)));
    BigInt q;
    BigInt r;
    mpz_tdiv_qr(q.get(), r.get(), magnitude.get(), divisor.get());
    round_quotient(q, r, divisor, negative, mode);
    mpz_swap(magnitude.get(), q.get());
    exponent += drop;
    // A carry can make 10^38 (39 digits) of 99...9: drop its last zero, exactly.
    if (significant_digits(magnitude) > Decimal::kMaxDigits) {
      mpz_divexact_ui(magnitude.get(), magnitude.get(), 10);
      ++exponent;
    }
  }
  return finish(negative, magnitude, exponent, a, op, b);
}

Decimal Decimal::from_parts(bool negative, Coefficient coefficient, int exponent) noexcept {
  if (coefficient == 0) return Decimal();
  return Decimal(negative, coefficient, exponent);
}

Decimal Decimal::parse(std::string_view text, std::string_view field) {
  const std::optional<Literal> literal = scan(text);
  if (!literal) throw ValidationError(std::string(field), kNumberRule, quoted(text));
  Decimal out;
  if (const char* rule = DecimalBuilder::from_literal(*literal, out)) {
    throw ValidationError(std::string(field), rule, quoted(text));
  }
  return out;
}

std::optional<Decimal> Decimal::try_parse(std::string_view text) noexcept {
  const std::optional<Literal> literal = scan(text);
  Decimal out;
  if (!literal || DecimalBuilder::from_literal(*literal, out) != nullptr) return std::nullopt;
  return out;
}

Decimal Decimal::from_int(std::int64_t value) noexcept {
  const bool negative = value < 0;
  // Negating through value + 1 keeps INT64_MIN defined.
  Coefficient c =
      negative ? static_cast<Coefficient>(-(value + 1)) + 1 : static_cast<Coefficient>(value);
  int exponent = 0;
  for (; c != 0 && c % 10 == 0; c /= 10) ++exponent;
  return from_parts(negative, c, exponent);
}

int Decimal::digits() const noexcept { return count_digits(coefficient_); }

std::string Decimal::to_string() const {
  if (coefficient_ == 0) return "0";
  char buffer[kMaxDigits];
  std::size_t n = 0;
  for (Coefficient c = coefficient_; c != 0; c /= 10) {
    buffer[n++] = static_cast<char>('0' + static_cast<int>(c % 10));
  }
  const std::string digits(std::make_reverse_iterator(buffer + n),
                           std::make_reverse_iterator(buffer));
  std::string out = negative_ ? "-" : "";
  if (exponent_ >= 0) {
    out += digits;
    out.append(static_cast<std::size_t>(exponent_), '0');
  } else if (const auto scale = static_cast<std::size_t>(-exponent_); digits.size() > scale) {
    out.append(digits, 0, digits.size() - scale).append(".").append(digits, digits.size() - scale);
  } else {
    out.append("0.").append(scale - digits.size(), '0').append(digits);
  }
  return out;
}

std::string Decimal::to_fixed(int places) const {
  places = std::max(places, 0);
  std::string out = round(places).to_string();
  if (places == 0) return out;
  const std::size_t point = out.find('.');
  const std::size_t have = point == std::string::npos ? 0 : out.size() - point - 1;
  if (point == std::string::npos) out += '.';
  out.append(static_cast<std::size_t>(places) - have, '0');
  return out;
}

Decimal Decimal::operator-() const noexcept {
  return from_parts(!negative_, coefficient_, exponent_);
}

Decimal Decimal::add_exact(const Decimal& a, const Decimal& b, bool subtract) {
  const bool b_negative = b.negative_ != subtract;
  if (b.is_zero()) return a;
  if (a.is_zero()) return Decimal(b_negative, b.coefficient_, b.exponent_);
  // The common case (terms of similar size) in 128 bits; what breaks a rule is left to
  // the general path, which names the rule.
  Coefficient magnitude;
  bool small_negative;
  int small_exponent;
  if (DecimalBuilder::small_sum(a, b, b_negative, magnitude, small_negative, small_exponent)) {
    std::int64_t exponent = small_exponent;
    while (magnitude != 0 && mod10(magnitude) == 0) {
      magnitude = div10(magnitude);
      ++exponent;
    }
    Decimal out;
    if (magnitude < kPowersOf10[Decimal::kMaxDigits] &&
        DecimalBuilder::from_coefficient(small_negative, magnitude, exponent, out) == nullptr) {
      return out;
    }
  }
  BigInt sum;
  bool negative;
  const int exponent = DecimalBuilder::exact_sum(a, b, b_negative, sum, negative);
  return finish(negative, sum, exponent, a, subtract ? "-" : "+", b);
}

Decimal Decimal::add(const Decimal& a, const Decimal& b, int places, RoundingMode mode) {
  Coefficient magnitude;
  bool small_negative;
  int exponent_small;
  if (DecimalBuilder::small_sum(a, b, b.negative_, magnitude, small_negative, exponent_small)) {
    Decimal out;
    if (DecimalBuilder::fit_small(small_negative, magnitude, exponent_small, places, mode, out)) {
      return out;
    }
  }
  BigInt sum;
  bool negative;
  const int exponent = DecimalBuilder::exact_sum(a, b, b.negative_, sum, negative);
  return DecimalBuilder::fit(negative, sum, exponent, places, mode, a, "+", b);
}

Decimal Decimal::multiply(const Decimal& a, const Decimal& b, int places, RoundingMode mode) {
  // Both coefficients below 2^64: the exact product is below 2^128.
  if (a.coefficient_ <= UINT64_MAX && b.coefficient_ <= UINT64_MAX) {
    const Coefficient product = a.coefficient_ * b.coefficient_;
    Decimal out;
    if (DecimalBuilder::fit_small(a.negative_ != b.negative_ && product != 0, product,
                                  std::int64_t{a.exponent_} + b.exponent_, places, mode, out)) {
      return out;
    }
  }
  BigInt product(a.coefficient_);
  const BigInt y(b.coefficient_);
  mpz_mul(product.get(), product.get(), y.get());
  return DecimalBuilder::fit(a.negative_ != b.negative_, product,
                             std::int64_t{a.exponent_} + b.exponent_, places, mode, a, "*", b);
}

Decimal operator+(const Decimal& a, const Decimal& b) { return Decimal::add_exact(a, b, false); }
Decimal operator-(const Decimal& a, const Decimal& b) { return Decimal::add_exact(a, b, true); }

Decimal operator*(const Decimal& a, const Decimal& b) {
  if (a.is_zero() || b.is_zero()) return Decimal();
  BigInt x(a.coefficient_);
  const BigInt y(b.coefficient_);
  mpz_mul(x.get(), x.get(), y.get());
  return finish(a.negative_ != b.negative_, x, std::int64_t{a.exponent_} + b.exponent_, a, "*", b);
}

Decimal Decimal::divide(const Decimal& a, const Decimal& b, int places, RoundingMode mode) {
  if (b.is_zero()) throw ValidationError("divisor", "division by zero", a.to_string() + " / 0");
  if (a.is_zero()) return Decimal();
  places = std::clamp(places, -kPlacesBound, kPlacesBound);
  // q = a / b * 10^places = ca * 10^shift / cb, rounded to an integer.
  const int shift = a.exponent_ - b.exponent_ + places;
  BigInt n(a.coefficient_);
  BigInt d(b.coefficient_);
  scale_up(shift >= 0 ? n : d, static_cast<unsigned long>(shift >= 0 ? shift : -shift));
  BigInt q;
  BigInt r;
  mpz_tdiv_qr(q.get(), r.get(), n.get(), d.get());
  const bool negative = a.negative_ != b.negative_;
  round_quotient(q, r, d, negative, mode);
  return finish(negative, q, -places, a, "/", b);
}

Decimal Decimal::round(int places, RoundingMode mode) const {
  if (is_zero() || -exponent_ <= places) return *this;  // no digit to drop
  places = std::max(places, -kPlacesBound);
  BigInt n(coefficient_);
  BigInt d;
  mpz_ui_pow_ui(d.get(), 10, static_cast<unsigned long>(-exponent_ - places));
  BigInt q;
  BigInt r;
  mpz_tdiv_qr(q.get(), r.get(), n.get(), d.get());
  round_quotient(q, r, d, negative_, mode);
  Decimal out;
  if (const char* rule = DecimalBuilder::from_big(negative_, q, -places, out)) {
    throw ValidationError("number", rule,
                          to_string() + " rounded to " + std::to_string(places) + " places");
  }
  return out;
}

std::optional<std::int64_t> Decimal::to_int64() const noexcept {
  if (is_zero()) return 0;
  // 19 digits or fewer: the magnitude stays below 10^19, well inside 128 bits.
  if (exponent_ < 0 || digits() + exponent_ > 19) return std::nullopt;
  const Coefficient magnitude = coefficient_ * pow10(exponent_);
  const Coefficient limit =
      static_cast<Coefficient>(std::numeric_limits<std::int64_t>::max()) + (negative_ ? 1 : 0);
  if (magnitude > limit) return std::nullopt;
  if (negative_) return -static_cast<std::int64_t>(magnitude - 1) - 1;
  return static_cast<std::int64_t>(magnitude);
}

std::strong_ordering operator<=>(const Decimal& a, const Decimal& b) noexcept {
  if (a.sign() != b.sign()) return a.sign() <=> b.sign();
  if (a.is_zero()) return std::strong_ordering::equal;
  const int da = a.digits();
  const int db = b.digits();
  std::strong_ordering magnitude = (a.exponent_ + da) <=> (b.exponent_ + db);
  if (magnitude == 0) {
    // Same leading exponent: compare the coefficients padded to the same length.
    const int width = std::max(da, db);
    magnitude = a.coefficient_ * pow10(width - da) <=> b.coefficient_ * pow10(width - db);
  }
  return a.negative_ ? 0 <=> magnitude : magnitude;
}

}  // namespace alexdb
