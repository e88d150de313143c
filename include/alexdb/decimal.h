// alexdb::Decimal: an exact decimal number with DynamoDB's number rules.
//
// A Decimal holds a value of up to 38 significant digits whose magnitude is zero or
// between 1e-130 and 9.99...e125 (DynamoDB's range). Every value has one canonical
// form: no leading zeros, no trailing zeros after the decimal point, no exponent,
// "-" for negatives, and "0" for zero (there is no negative zero).
//
// Rounding rules: parsing, addition, subtraction, multiplication and comparison are
// exact; there is no implicit rounding anywhere. A result that would need more than 38
// significant digits, or lies outside the range, throws ValidationError (rule "at most
// 38 significant digits" or "magnitude within 1e-130..1e126") instead of being rounded.
// Rounding happens only when asked for, through round(), divide(), multiply() or add(),
// with the mode the caller names (half-even by default, as banks and Python's decimal
// do).
//
// Decimal is a small value type: copyable, no heap allocation, thread-compatible.
#ifndef ALEXDB_DECIMAL_H_
#define ALEXDB_DECIMAL_H_

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace alexdb {

// How round(), divide(), multiply() and add() drop digits.
enum class RoundingMode {
  kHalfEven,  // to nearest; ties to the even neighbour
  kHalfUp,    // to nearest; ties away from zero
  kDown,      // towards zero (truncate)
  kUp,        // away from zero
  kFloor,     // towards negative infinity
  kCeiling,   // towards positive infinity
};

// An exact decimal number (see above).
class Decimal {
 public:
  // Largest number of significant digits a Decimal holds.
  static constexpr int kMaxDigits = 38;
  // Smallest and largest decimal exponent of a nonzero value's leading digit
  // (1e-130 <= |x| < 1e126).
  static constexpr int kMinExponent = -130;
  static constexpr int kMaxExponent = 125;

  // Zero.
  constexpr Decimal() = default;

  // Parses "[+-]digits[.digits][(e|E)[+-]digits]" (also ".5" and "5."). Leading and
  // trailing zeros do not count as significant digits. Throws ValidationError naming
  // `field` when the text is not a number (NaN, Infinity, empty, stray characters), has
  // more than 38 significant digits, or is out of range.
  static Decimal parse(std::string_view text, std::string_view field = "number");
  // As parse(), but returns std::nullopt instead of throwing.
  static std::optional<Decimal> try_parse(std::string_view text) noexcept;
  // Exact conversion of an integer.
  static Decimal from_int(std::int64_t value) noexcept;

  // The canonical text form described above. parse(x.to_string()) == x.
  std::string to_string() const;
  // This value rounded half-even to `places` digits after the point (negative: 0),
  // written with exactly that many: to_fixed(2) of 50 is "50.00", of -0.125 "-0.12".
  std::string to_fixed(int places) const;

  // -1, 0 or 1.
  int sign() const noexcept { return coefficient_ == 0 ? 0 : (negative_ ? -1 : 1); }
  // Whether the value is zero.
  bool is_zero() const noexcept { return coefficient_ == 0; }
  // Whether the value has no digits after the decimal point.
  bool is_integer() const noexcept { return exponent_ >= 0 || coefficient_ == 0; }
  // Number of significant digits (0 for zero).
  int digits() const noexcept;
  // Number of digits after the decimal point in the canonical form (0 for integers).
  int scale() const noexcept { return exponent_ < 0 ? -exponent_ : 0; }

  // Exact arithmetic; throws ValidationError when the result is not representable
  // (negation always is).
  Decimal operator-() const noexcept;
  friend Decimal operator+(const Decimal& a, const Decimal& b);
  friend Decimal operator-(const Decimal& a, const Decimal& b);
  friend Decimal operator*(const Decimal& a, const Decimal& b);
  Decimal& operator+=(const Decimal& other) { return *this = *this + other; }
  Decimal& operator-=(const Decimal& other) { return *this = *this - other; }
  Decimal& operator*=(const Decimal& other) { return *this = *this * other; }

  // a / b rounded to `places` digits after the point with `mode`. Throws
  // ValidationError on division by zero (field "divisor") or an unrepresentable result.
  static Decimal divide(const Decimal& a, const Decimal& b, int places,
                        RoundingMode mode = RoundingMode::kHalfEven);
  // This value rounded to `places` digits after the point (places may be negative:
  // -2 rounds to hundreds); unchanged when it has no more digits than that. Throws
  // ValidationError when rounding up carries the magnitude to 1e126.
  Decimal round(int places, RoundingMode mode = RoundingMode::kHalfEven) const;
  // a * b and a + b computed exactly, then rounded with `mode` to at most `places`
  // digits after the point, and to fewer when the integer part is so large that more
  // than 38 significant digits would remain (then to the 38 leading digits). So they
  // never fail on the number of digits, only when the result's magnitude is 1e126 or
  // more (ValidationError); a result below the last kept digit is zero. For money:
  // multiply(123456789012345.12345678, 1.2345678901234567, 8) is
  // 152415787532387.67078189 where operator* throws.
  static Decimal multiply(const Decimal& a, const Decimal& b, int places,
                          RoundingMode mode = RoundingMode::kHalfEven);
  // a + b, rounded as multiply() rounds a * b.
  static Decimal add(const Decimal& a, const Decimal& b, int places,
                     RoundingMode mode = RoundingMode::kHalfEven);

  // The value as an int64 when it is an integer in range, else std::nullopt.
  std::optional<std::int64_t> to_int64() const noexcept;

  // Numeric comparison; equal values compare equal whatever their input spelling.
  friend bool operator==(const Decimal& a, const Decimal& b) noexcept = default;
  friend std::strong_ordering operator<=>(const Decimal& a, const Decimal& b) noexcept;

 private:
  friend struct DecimalBuilder;
  __extension__ using Coefficient = unsigned __int128;
  Decimal(bool negative, Coefficient coefficient, int exponent) noexcept
      : negative_(negative), exponent_(exponent), coefficient_(coefficient) {}
  static Decimal from_parts(bool negative, Coefficient coefficient, int exponent) noexcept;
  static Decimal add_exact(const Decimal& a, const Decimal& b, bool subtract);

  // Canonical representation: value = (negative_ ? -1 : 1) * coefficient_ * 10^exponent_,
  // coefficient_ < 10^38 with no trailing decimal zero; zero is {false, 0, 0}.
  bool negative_ = false;
  std::int32_t exponent_ = 0;
  Coefficient coefficient_ = 0;
};

}  // namespace alexdb

#endif  // ALEXDB_DECIMAL_H_
