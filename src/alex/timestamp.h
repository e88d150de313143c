// Timestamps of alexdb records: UTC instants with microsecond precision, written in
// one fixed-width form, YYYY-MM-DDTHH:MM:SS.ffffffZ, so that string order is time order
// (SPEC section 2). Readers also accept the forms Python's isoformat() produces.
#ifndef ALEXDB_ALEX_TIMESTAMP_H_
#define ALEXDB_ALEX_TIMESTAMP_H_

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace alexdb::alex {

class Timestamp {
 public:
  // Microseconds since 1970-01-01T00:00:00Z.
  constexpr explicit Timestamp(std::int64_t micros = 0) : micros_(micros) {}

  // The current time (system clock).
  static Timestamp now();
  // Parses "YYYY-MM-DD" (see `date_only`), or "YYYY-MM-DDTHH:MM[:SS[.f{1,6}]]" with an
  // optional "Z" or "+HH:MM"/"-HH:MM" offset (none means UTC); a space may stand for
  // "T". Years 1900-9999. Returns nullopt for anything else.
  static std::optional<Timestamp> parse(std::string_view text);
  // As parse(), but throws ValidationError naming `field`. A date without a time means
  // the end of that day, UTC (23:59:59.999999), as time-travel questions intend.
  static Timestamp parse_or_throw(std::string_view text, std::string_view field);
  // True when `text` is a date without a time.
  static bool is_date_only(std::string_view text);

  // YYYY-MM-DDTHH:MM:SS.ffffffZ.
  std::string to_string() const;
  // YYYY-MM-DD of this instant in UTC.
  std::string date_string() const;

  std::int64_t micros() const noexcept { return micros_; }
  Timestamp plus_micros(std::int64_t delta) const noexcept { return Timestamp(micros_ + delta); }
  // 23:59:59.999999 UTC of this instant's day.
  Timestamp end_of_day() const noexcept;
  // 00:00:00.000000 UTC of this instant's day.
  Timestamp start_of_day() const noexcept;

  friend auto operator<=>(const Timestamp&, const Timestamp&) = default;

 private:
  std::int64_t micros_;
};

}  // namespace alexdb::alex

#endif  // ALEXDB_ALEX_TIMESTAMP_H_
