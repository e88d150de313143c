#include "alexdb/timestamp.h"

#include <chrono>
#include <cstdio>

#include "alexdb/errors.h"

namespace alexdb {

namespace {

constexpr std::int64_t kMicrosPerSecond = 1'000'000;
constexpr int kMinYear = 1970;
constexpr const char* kRangeRule = "a time from 1970-01-01 to 9999-12-31 UTC";

// Days since 1970-01-01 of a civil date (proleptic Gregorian).
std::int64_t days_from_civil(int y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

void civil_from_days(std::int64_t z, int& y, unsigned& m, unsigned& d) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y = static_cast<int>(yoe + era * 400) + (m <= 2);
}

bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

unsigned days_in_month(int y, unsigned m) {
  static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : kDays[m - 1];
}

// Reads exactly `n` digits at `pos`.
bool digits(std::string_view s, std::size_t pos, std::size_t n, int& out) {
  if (pos + n > s.size()) return false;
  out = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}

std::int64_t floor_div(std::int64_t a, std::int64_t b) { return a / b - ((a % b) < 0); }

}  // namespace

Timestamp Timestamp::now() {
  auto since = std::chrono::system_clock::now().time_since_epoch();
  return Timestamp(std::chrono::duration_cast<std::chrono::microseconds>(since).count());
}

void Timestamp::out_of_range(std::int64_t micros) {
  throw ValidationError("timestamp", kRangeRule,
                        "got " + std::to_string(micros) + " microseconds since 1970");
}

bool Timestamp::is_date_only(std::string_view text) { return text.size() == 10; }

std::optional<Timestamp> Timestamp::parse(std::string_view s) {
  int year, month, day;
  if (!digits(s, 0, 4, year) || s.size() < 10 || s[4] != '-' || !digits(s, 5, 2, month) ||
      s[7] != '-' || !digits(s, 8, 2, day)) {
    return std::nullopt;
  }
  if (year < kMinYear || month < 1 || month > 12 || day < 1 ||
      static_cast<unsigned>(day) > days_in_month(year, static_cast<unsigned>(month))) {
    return std::nullopt;
  }
  std::int64_t micros =
      days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day)) * kMicrosPerDay;
  if (s.size() == 10) return Timestamp(micros);  // years 1970-9999: in range
  if (s[10] != 'T' && s[10] != ' ') return std::nullopt;
  int hour, minute, second = 0;
  if (!digits(s, 11, 2, hour) || s.size() < 16 || s[13] != ':' || !digits(s, 14, 2, minute)) {
    return std::nullopt;
  }
  std::size_t pos = 16;
  std::int64_t fraction = 0;
  if (pos < s.size() && s[pos] == ':') {
    if (!digits(s, pos + 1, 2, second)) return std::nullopt;
    pos += 3;
    if (pos < s.size() && s[pos] == '.') {
      std::size_t start = ++pos;
      while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
      std::size_t n = pos - start;
      if (n < 1 || n > 6) return std::nullopt;
      int value;
      digits(s, start, n, value);
      fraction = value;
      for (std::size_t i = n; i < 6; ++i) fraction *= 10;
    }
  }
  if (hour > 23 || minute > 59 || second > 59) return std::nullopt;
  micros += ((hour * 60 + minute) * 60 + second) * kMicrosPerSecond + fraction;
  std::string_view zone = s.substr(pos);
  if (zone.empty() || zone == "Z") return Timestamp(micros);  // within the day: in range
  int zh, zm;
  if (zone.size() != 6 || (zone[0] != '+' && zone[0] != '-') || !digits(zone, 1, 2, zh) ||
      zone[3] != ':' || !digits(zone, 4, 2, zm) || zh > 23 || zm > 59) {
    return std::nullopt;
  }
  std::int64_t offset = (zh * 60 + zm) * 60 * kMicrosPerSecond;
  micros = zone[0] == '+' ? micros - offset : micros + offset;
  // An offset can move the first or the last day across the range's ends.
  if (micros < kMinMicros || micros > kMaxMicros) return std::nullopt;
  return Timestamp(micros);
}

Timestamp Timestamp::parse_or_throw(std::string_view text, std::string_view field) {
  if (text.empty()) {
    throw ValidationError(std::string(field), "a date or a time; an empty string is not a date");
  }
  auto parsed = parse(text);
  if (!parsed) {
    throw ValidationError(std::string(field),
                          "a date YYYY-MM-DD or an ISO 8601 date and time in years 1970-9999 UTC",
                          "got '" + std::string(text.substr(0, 40)) + "'");
  }
  return is_date_only(text) ? parsed->end_of_day() : *parsed;
}

std::string Timestamp::to_string() const {
  std::int64_t days = floor_div(micros_, kMicrosPerDay);
  std::int64_t rest = micros_ - days * kMicrosPerDay;
  int y;
  unsigned m, d;
  civil_from_days(days, y, m, d);
  auto seconds = rest / kMicrosPerSecond;
  char buffer[64];  // 58 at the most: the compiler cannot see the fields' ranges
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02uT%02d:%02d:%02d.%06dZ", y, m, d,
                static_cast<int>(seconds / 3600), static_cast<int>(seconds / 60 % 60),
                static_cast<int>(seconds % 60), static_cast<int>(rest % kMicrosPerSecond));
  return buffer;
}

std::string Timestamp::date_string() const { return to_string().substr(0, 10); }

Timestamp Timestamp::plus_micros(std::int64_t delta) const {
  std::int64_t sum;
  if (__builtin_add_overflow(micros_, delta, &sum) || sum < kMinMicros || sum > kMaxMicros) {
    throw ValidationError("timestamp", kRangeRule,
                          to_string() + " plus " + std::to_string(delta) + " microseconds");
  }
  return Timestamp(sum);
}

Timestamp Timestamp::start_of_day() const noexcept {
  return Timestamp(floor_div(micros_, kMicrosPerDay) * kMicrosPerDay);
}

Timestamp Timestamp::close_of_day() const noexcept {
  return Timestamp(start_of_day().micros_ + kCloseMicrosOfDay);
}

Timestamp Timestamp::end_of_day() const noexcept {
  return Timestamp(start_of_day().micros_ + kMicrosPerDay - 1);
}

}  // namespace alexdb
