// Decimal: parsing, canonical text, exact arithmetic (through GMP integers, then checked
// against DynamoDB's 38-digit and range rules), rounding on request only.
#include "alexdb/decimal.h"

#include <gmp.h>

#include <algorithm>
#include <limits>

#include "alexdb/errors.h"

namespace alexdb {

namespace {

__extension__ using Coefficient = unsigned __int128;

constexpr const char* kDigitsRule = "at most 38 significant digits";
constexpr const char* kRangeRule = "magnitude within 1e-130..1e126";
constexpr const char* kNumberRule = "not a number";

// An mpz_t with RAII.
class Big {
 public:
  Big() { mpz_init(v_); }
  explicit Big(Coefficient c) {
    mpz_init(v_);
    auto high = static_cast<unsigned long>(c >> 64);
    auto low = static_cast<unsigned long>(c);
    mpz_set_ui(v_, high);
    mpz_mul_2exp(v_, v_, 64);
    mpz_add_ui(v_, v_, low);
  }
  Big(const Big&) = delete;
  Big& operator=(const Big&) = delete;
  ~Big() { mpz_clear(v_); }
  mpz_t& get() { return v_; }
  const mpz_t& get() const { return v_; }

 private:
  mpz_t v_;
};

void mul_pow10(Big& x, unsigned long n) {
  Big p;
  mpz_ui_pow_ui(p.get(), 10, n);
  mpz_mul(x.get(), x.get(), p.get());
}

int count_digits(Coefficient c) {
  int n = 0;
  while (c != 0) {
    c /= 10;
    ++n;
  }
  return n;
}

Coefficient pow10(int n) {
  Coefficient p = 1;
  for (int i = 0; i < n; ++i) p *= 10;
  return p;
}

}  // namespace

// Builds a canonical Decimal from sign, a big coefficient and an exponent, or throws.
struct DecimalBuilder {
  static Decimal make(bool negative, Big& coefficient, long exponent, std::string_view field) {
    if (mpz_sgn(coefficient.get()) == 0) return Decimal();
    // Strip trailing zeros into the exponent.
    while (mpz_divisible_ui_p(coefficient.get(), 10)) {
      mpz_divexact_ui(coefficient.get(), coefficient.get(), 10);
      ++exponent;
    }
    std::size_t digits = mpz_sizeinbase(coefficient.get(), 10);  // exact or one too many
    if (digits > static_cast<std::size_t>(Decimal::kMaxDigits) + 1) {
      throw ValidationError(std::string(field), kDigitsRule);
    }
    char buffer[64];
    mpz_get_str(buffer, 10, coefficient.get());
    std::string_view text(buffer);
    if (!text.empty() && text[0] == '-') text.remove_prefix(1);
    if (text.size() > static_cast<std::size_t>(Decimal::kMaxDigits)) {
      throw ValidationError(std::string(field), kDigitsRule);
    }
    Coefficient c = 0;
    for (char ch : text) c = c * 10 + static_cast<unsigned>(ch - '0');
    long leading = exponent + static_cast<long>(text.size()) - 1;
    if (leading < Decimal::kMinExponent || leading > Decimal::kMaxExponent) {
      throw ValidationError(std::string(field), kRangeRule);
    }
    return Decimal::from_parts(negative, c, static_cast<int>(exponent));
  }
};

Decimal Decimal::from_parts(bool negative, Coefficient coefficient, int exponent) noexcept {
  if (coefficient == 0) return Decimal();
  return Decimal(negative, coefficient, exponent);
}

Decimal Decimal::parse(std::string_view text, std::string_view field) {
  auto fail = [&](const char* rule) -> ValidationError {
    return ValidationError(std::string(field), rule,
                           "got '" + std::string(text.substr(0, 60)) + (text.size() > 60 ? "...'" : "'"));
  };
  std::size_t i = 0;
  bool negative = false;
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) negative = text[i++] == '-';
  std::string digits;  // significant digits, leading zeros dropped
  long exponent = 0;
  bool any_digit = false;
  bool seen_point = false;
  for (; i < text.size(); ++i) {
    char c = text[i];
    if (c >= '0' && c <= '9') {
      any_digit = true;
      if (seen_point) --exponent;
      if (digits.empty() && c == '0') continue;
      if (digits.size() > 200) throw fail(kDigitsRule);
      digits.push_back(c);
    } else if (c == '.' && !seen_point) {
      seen_point = true;
    } else {
      break;
    }
  }
  if (!any_digit) throw fail(kNumberRule);
  if (i < text.size()) {
    if (text[i] != 'e' && text[i] != 'E') throw fail(kNumberRule);
    ++i;
    bool exp_negative = false;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) exp_negative = text[i++] == '-';
    if (i == text.size()) throw fail(kNumberRule);
    long value = 0;
    for (; i < text.size(); ++i) {
      if (text[i] < '0' || text[i] > '9') throw fail(kNumberRule);
      if (value < 100'000'000) value = value * 10 + (text[i] - '0');  // saturates
    }
    exponent += exp_negative ? -value : value;
  }
  // Trailing zeros of the digits are not significant.
  while (!digits.empty() && digits.back() == '0') {
    digits.pop_back();
    ++exponent;
  }
  if (digits.empty()) return Decimal();
  if (digits.size() > static_cast<std::size_t>(kMaxDigits)) throw fail(kDigitsRule);
  long leading = exponent + static_cast<long>(digits.size()) - 1;
  if (leading < kMinExponent || leading > kMaxExponent) throw fail(kRangeRule);
  Coefficient c = 0;
  for (char ch : digits) c = c * 10 + static_cast<unsigned>(ch - '0');
  return Decimal(negative, c, static_cast<int>(exponent));
}

std::optional<Decimal> Decimal::try_parse(std::string_view text) noexcept {
  try {
    return parse(text);
  } catch (...) {
    return std::nullopt;
  }
}

Decimal Decimal::from_int(std::int64_t value) noexcept {
  if (value == 0) return Decimal();
  bool negative = value < 0;
  Coefficient c = negative ? static_cast<Coefficient>(-(value + 1)) + 1 : static_cast<Coefficient>(value);
  int exponent = 0;
  while (c % 10 == 0) {
    c /= 10;
    ++exponent;
  }
  return Decimal(negative, c, exponent);
}

int Decimal::digits() const noexcept { return count_digits(coefficient_); }

std::string Decimal::to_string() const {
  if (coefficient_ == 0) return "0";
  std::string digits;
  for (Coefficient c = coefficient_; c != 0; c /= 10) digits.push_back(static_cast<char>('0' + c % 10));
  std::reverse(digits.begin(), digits.end());
  std::string out = negative_ ? "-" : "";
  if (exponent_ >= 0) {
    out += digits;
    out.append(static_cast<std::size_t>(exponent_), '0');
  } else {
    auto scale = static_cast<std::size_t>(-exponent_);
    if (digits.size() > scale) {
      out += digits.substr(0, digits.size() - scale);
      out += '.';
      out += digits.substr(digits.size() - scale);
    } else {
      out += "0.";
      out.append(scale - digits.size(), '0');
      out += digits;
    }
  }
  return out;
}

Decimal Decimal::operator-() const noexcept {
  if (coefficient_ == 0) return *this;
  return Decimal(!negative_, coefficient_, exponent_);
}

namespace {

// a and b as signed big integers on a common exponent.
void aligned(const Decimal& a, bool a_negative, Coefficient a_coefficient, int a_exponent,
             bool b_negative, Coefficient b_coefficient, int b_exponent, Big& x, Big& y,
             long& exponent) {
  (void)a;
  exponent = std::min(a_exponent, b_exponent);
  mpz_set(x.get(), Big(a_coefficient).get());
  mpz_set(y.get(), Big(b_coefficient).get());
  mul_pow10(x, static_cast<unsigned long>(a_exponent - exponent));
  mul_pow10(y, static_cast<unsigned long>(b_exponent - exponent));
  if (a_negative) mpz_neg(x.get(), x.get());
  if (b_negative) mpz_neg(y.get(), y.get());
}

}  // namespace

Decimal Decimal::add(const Decimal& a, const Decimal& b, bool subtract) {
  bool b_negative = subtract ? !b.negative_ : b.negative_;
  if (b.coefficient_ == 0) return a;
  if (a.coefficient_ == 0) return Decimal(b_negative, b.coefficient_, b.exponent_);
  Big x, y;
  long exponent;
  aligned(a, a.negative_, a.coefficient_, a.exponent_, b_negative, b.coefficient_, b.exponent_, x,
          y, exponent);
  mpz_add(x.get(), x.get(), y.get());
  bool negative = mpz_sgn(x.get()) < 0;
  mpz_abs(x.get(), x.get());
  return DecimalBuilder::make(negative, x, exponent, "number");
}

Decimal operator+(const Decimal& a, const Decimal& b) { return Decimal::add(a, b, false); }
Decimal operator-(const Decimal& a, const Decimal& b) { return Decimal::add(a, b, true); }

Decimal operator*(const Decimal& a, const Decimal& b) {
  if (a.coefficient_ == 0 || b.coefficient_ == 0) return Decimal();
  Big x(a.coefficient_);
  Big y(b.coefficient_);
  mpz_mul(x.get(), x.get(), y.get());
  return DecimalBuilder::make(a.negative_ != b.negative_, x,
                              static_cast<long>(a.exponent_) + b.exponent_, "number");
}

namespace {

// Rounds the non-negative big quotient q (with remainder r over divisor d, all >= 0)
// by `mode`, given the sign of the exact result.
void round_quotient(Big& q, const Big& r, const Big& d, bool negative, RoundingMode mode) {
  if (mpz_sgn(r.get()) == 0) return;
  Big twice;
  mpz_mul_2exp(twice.get(), r.get(), 1);
  int half = mpz_cmp(twice.get(), d.get());  // <0 below half, 0 tie, >0 above
  bool up = false;
  switch (mode) {
    case RoundingMode::kHalfEven: up = half > 0 || (half == 0 && mpz_odd_p(q.get())); break;
    case RoundingMode::kHalfUp: up = half >= 0; break;
    case RoundingMode::kDown: up = false; break;
    case RoundingMode::kUp: up = true; break;
    case RoundingMode::kFloor: up = negative; break;
    case RoundingMode::kCeiling: up = !negative; break;
  }
  if (up) mpz_add_ui(q.get(), q.get(), 1);
}

}  // namespace

Decimal Decimal::divide(const Decimal& a, const Decimal& b, int places, RoundingMode mode) {
  if (b.coefficient_ == 0) throw ValidationError("divisor", "division by zero");
  if (a.coefficient_ == 0) return Decimal();
  if (places > 200 || places < -200) throw ValidationError("places", "within -200..200");
  // a/b = (ca * 10^ea) / (cb * 10^eb); want q = round(a/b * 10^places).
  Big n(a.coefficient_);
  Big d(b.coefficient_);
  long shift = static_cast<long>(a.exponent_) - b.exponent_ + places;
  if (shift >= 0) {
    mul_pow10(n, static_cast<unsigned long>(shift));
  } else {
    mul_pow10(d, static_cast<unsigned long>(-shift));
  }
  Big q, r;
  mpz_tdiv_qr(q.get(), r.get(), n.get(), d.get());
  bool negative = a.negative_ != b.negative_;
  round_quotient(q, r, d, negative, mode);
  return DecimalBuilder::make(negative, q, -places, "quotient");
}

Decimal Decimal::round(int places, RoundingMode mode) const {
  if (coefficient_ == 0 || -exponent_ <= places) return *this;
  if (places < -200) throw ValidationError("places", "within -200..200");
  // Drop (−exponent − places) digits.
  Big n(coefficient_);
  Big d;
  mpz_ui_pow_ui(d.get(), 10, static_cast<unsigned long>(-exponent_ - places));
  Big q, r;
  mpz_tdiv_qr(q.get(), r.get(), n.get(), d.get());
  round_quotient(q, r, d, negative_, mode);
  return DecimalBuilder::make(negative_, q, -places, "number");
}

std::optional<std::int64_t> Decimal::to_int64() const noexcept {
  if (coefficient_ == 0) return 0;
  if (exponent_ < 0 || exponent_ > 18) return std::nullopt;
  Coefficient magnitude = coefficient_ * pow10(exponent_);
  Coefficient limit = static_cast<Coefficient>(std::numeric_limits<std::int64_t>::max()) + (negative_ ? 1 : 0);
  if (magnitude > limit) return std::nullopt;
  if (negative_) return static_cast<std::int64_t>(-(magnitude - 1)) - 1;
  return static_cast<std::int64_t>(magnitude);
}

std::strong_ordering operator<=>(const Decimal& a, const Decimal& b) noexcept {
  if (a.sign() != b.sign()) return a.sign() <=> b.sign();
  if (a.coefficient_ == 0) return std::strong_ordering::equal;
  int da = count_digits(a.coefficient_);
  int db = count_digits(b.coefficient_);
  int leading_a = a.exponent_ + da - 1;
  int leading_b = b.exponent_ + db - 1;
  std::strong_ordering magnitude = std::strong_ordering::equal;
  if (leading_a != leading_b) {
    magnitude = leading_a <=> leading_b;
  } else {
    // Same leading exponent: pad the shorter coefficient to the longer's digit count.
    Coefficient ca = a.coefficient_ * pow10(std::max(da, db) - da);
    Coefficient cb = b.coefficient_ * pow10(std::max(da, db) - db);
    magnitude = ca <=> cb;
  }
  if (a.negative_) return 0 <=> magnitude;
  return magnitude;
}

}  // namespace alexdb
