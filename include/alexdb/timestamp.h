// Timestamps of alexdb records: UTC instants with microsecond precision, written in
// one fixed-width form, YYYY-MM-DDTHH:MM:SS.ffffffZ, so that string order is time order
// (SPEC section 2). Readers also accept the forms Python's isoformat() produces.
//
// A Timestamp lies between 1970-01-01T00:00:00.000000Z and 9999-12-31T23:59:59.999999Z
// (SPEC section 9 "Time"): the fixed-width form has a four-digit year, so nothing may
// reach year 10000. Constructing one outside that range, or arithmetic that leaves it,
// throws ValidationError; it never wraps or widens the form.
#ifndef ALEXDB_TIMESTAMP_H_
#define ALEXDB_TIMESTAMP_H_

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace alexdb {

// A point in time. A plain value type: copyable, ordered, thread-compatible.
class Timestamp {
 public:
  static constexpr std::int64_t kMicrosPerDay = 86'400'000'000;
  // 1970-01-01T00:00:00.000000Z and 9999-12-31T23:59:59.999999Z.
  static constexpr std::int64_t kMinMicros = 0;
  static constexpr std::int64_t kMaxMicros = 2'932'897 * kMicrosPerDay - 1;
  // A day's close, 21:00 UTC (16:00 in New York): what a bare date means for a change
  // or a price.
  static constexpr std::int64_t kCloseMicrosOfDay = 21 * 3'600'000'000LL;

  // Microseconds since 1970-01-01T00:00:00Z; throws ValidationError (field "timestamp")
  // outside kMinMicros..kMaxMicros.
  constexpr explicit Timestamp(std::int64_t micros = 0) : micros_(checked(micros)) {}

  // The current time (system clock).
  static Timestamp now();
  // Parses "YYYY-MM-DD" (see `is_date_only`), or "YYYY-MM-DDTHH:MM[:SS[.f{1,6}]]" with an
  // optional "Z" or "+HH:MM"/"-HH:MM" offset (none means UTC); a space may stand for
  // "T". The instant must lie in years 1970-9999 UTC. Returns nullopt for anything else
  // (also for the empty string).
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
  // This instant moved by `delta` microseconds; throws ValidationError when the result
  // leaves years 1970-9999.
  Timestamp plus_micros(std::int64_t delta) const;
  // 23:59:59.999999 UTC of this instant's day.
  Timestamp end_of_day() const noexcept;
  // 00:00:00.000000 UTC of this instant's day.
  Timestamp start_of_day() const noexcept;
  // 21:00:00.000000 UTC (the close) of this instant's day.
  Timestamp close_of_day() const noexcept;

  friend auto operator<=>(const Timestamp&, const Timestamp&) = default;

 private:
  static constexpr std::int64_t checked(std::int64_t micros) {
    if (micros < kMinMicros || micros > kMaxMicros) out_of_range(micros);
    return micros;
  }
  [[noreturn]] static void out_of_range(std::int64_t micros);

  std::int64_t micros_;
};

}  // namespace alexdb

#endif  // ALEXDB_TIMESTAMP_H_
