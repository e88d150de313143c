#include "alex/validation.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>

#include "alex/utf8.h"
#include "alexdb/errors.h"
#include "alexdb/ledger.h"

namespace alexdb::alex::validate {

namespace {

constexpr std::size_t kMaxIdLength = 128;
constexpr std::size_t kMaxSymbolLength = 20;
// How far after the writer's clock a change or a price may be dated.
constexpr std::int64_t kClockSkewMicros = Timestamp::kMicrosPerDay;

// Quotes a value for a message, cut to a readable length.
std::string shown(std::string_view value) {
  constexpr std::size_t kShown = 40;
  std::string out = "got '";
  out += value.substr(0, kShown);
  if (value.size() > kShown) out += "...";
  return out + "'";
}

[[noreturn]] void fail(std::string_view field, std::string rule, std::string detail = {}) {
  throw ValidationError(std::string(field), std::move(rule), detail);
}

// The code points of `value`, or ValidationError naming `field`.
std::u32string decoded(std::string_view value, std::string_view field) {
  auto code_points = utf8::decode(value);
  if (!code_points) fail(field, "valid UTF-8");
  return std::move(*code_points);
}

// "U+XXXX" for a message.
std::string code_point_name(char32_t c) {
  char text[16];
  std::snprintf(text, sizeof text, "U+%04X", static_cast<unsigned>(c));
  return text;
}

template <std::size_t N>
std::string one_of(std::string_view value, const std::array<std::string_view, N>& allowed,
                   std::string_view field) {
  if (std::find(allowed.begin(), allowed.end(), value) != allowed.end()) return std::string(value);
  std::string rule = "one of";
  for (std::size_t i = 0; i < N; ++i) rule += (i ? ", " : " ") + std::string(allowed[i]);
  fail(field, rule, shown(value));
}

Decimal in_range(const Decimal& value, std::string_view field, const Decimal& low,
                 std::optional<Decimal> high, std::string rule) {
  if (value < low || (high && value > *high)) fail(field, std::move(rule), "got " + value.to_string());
  return value;
}

constexpr std::array<std::string_view, 7> kInstrumentTypes = {
    "etf", "mutual_fund", "stock", "bond", "bond_fund", "commodity", "reit"};
constexpr std::array<std::string_view, 6> kJobTypes = {
    "portfolio_analysis", "rebalance_recommendation", "retirement_projection",
    "risk_assessment",    "tax_optimization",         "instrument_research"};
constexpr std::array<std::string_view, 4> kJobStatuses = {"pending", "running", "completed",
                                                          "failed"};
constexpr std::array<std::string_view, 5> kActions = {"BUY", "SELL", "TRANSFER", "UPDATE",
                                                      "REMOVE"};
// The allocation keys of the seed's schemas (data/instruments.json uses a subset).
constexpr std::array<std::string_view, 9> kRegions = {
    "north_america", "europe",  "asia",   "latin_america", "africa",
    "middle_east",   "oceania", "global", "international"};
constexpr std::array<std::string_view, 18> kSectors = {
    "technology",  "healthcare",  "financials", "consumer_discretionary",
    "consumer_staples", "industrials", "materials", "energy", "utilities", "real_estate",
    "communication", "treasury", "corporate", "mortgage", "government_related",
    "commodities", "diversified", "other"};
constexpr std::array<std::string_view, 6> kAssetClasses = {
    "equity", "fixed_income", "real_estate", "commodities", "cash", "alternatives"};

}  // namespace

std::string id(std::string_view value, std::string_view field) {
  const std::u32string code_points = decoded(value, field);
  if (code_points.empty() || code_points.size() > kMaxIdLength) {
    fail(field, "1 to 128 characters", "got " + std::to_string(code_points.size()));
  }
  for (std::size_t i = 0; i < code_points.size(); ++i) {
    const char32_t c = code_points[i];
    if (c == '#') fail(field, "no '#' (it separates key parts)", shown(value));
    if (utf8::is_whitespace(c) || utf8::is_control(c) || utf8::is_format(c) ||
        utf8::is_separator(c)) {
      // The value itself is not quoted: a control or bidi character would garble the message.
      fail(field, "no whitespace, control, format or separator characters",
           "got " + code_point_name(c) + " at character " + std::to_string(i + 1));
    }
  }
  return std::string(value);
}

std::string text(std::string_view value, std::string_view field, std::size_t max_length) {
  const std::u32string code_points = decoded(value, field);
  if (code_points.empty() || code_points.size() > max_length) {
    fail(field, "1 to " + std::to_string(max_length) + " characters",
         "got " + std::to_string(code_points.size()));
  }
  for (char32_t c : code_points) {
    if (utf8::is_control(c) && c != '\t' && c != '\n') {
      fail(field, "no control characters other than tab and newline", "got " + code_point_name(c));
    }
  }
  return std::string(value);
}

std::string instrument_type(std::string_view value) {
  return one_of(value, kInstrumentTypes, "instrument_type");
}
std::string job_type(std::string_view value) { return one_of(value, kJobTypes, "job_type"); }
std::string job_status(std::string_view value, std::string_view field) {
  return one_of(value, kJobStatuses, field);
}

std::string position_action(std::string_view value) {
  std::string upper(value);
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return one_of(std::string_view(upper), kActions, "action");
}

std::string transaction_type(std::string_view value) {
  std::string upper(value);
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return one_of(std::string_view(upper), kTransactionTypes, "type");
}

Decimal quantity(const Decimal& value, std::string_view field) {
  if (value.scale() > 8) fail(field, "at most 8 decimal places", "got " + value.to_string());
  return in_range(value, field, Decimal(), std::nullopt, ">= 0");
}

Decimal cash_balance(const Decimal& value, std::string_view field) {
  return in_range(value, field, Decimal(), std::nullopt, ">= 0");
}

Decimal cash_interest(const Decimal& value, std::string_view field) {
  return in_range(value, field, Decimal(), Decimal::from_int(1), "0 to 1");
}

Decimal years_until_retirement(const Decimal& value) {
  if (!value.is_integer()) {
    fail("years_until_retirement", "a whole number", "got " + value.to_string());
  }
  return in_range(value, "years_until_retirement", Decimal(), Decimal::from_int(100), "0 to 100");
}

Decimal retirement_income(const Decimal& value) {
  return in_range(value, "target_retirement_income", Decimal(), std::nullopt, ">= 0");
}

Allocation allocation(const Allocation& value, AllocationKind kind, std::string_view field) {
  if (value.empty()) fail(field, "a non-empty allocation");
  Decimal sum;
  for (const auto& [key, share] : value) {
    std::string key_field = std::string(field) + "." + key;
    switch (kind) {
      case AllocationKind::kRegion: one_of(key, kRegions, key_field); break;
      case AllocationKind::kSector: one_of(key, kSectors, key_field); break;
      case AllocationKind::kAssetClass: one_of(key, kAssetClasses, key_field); break;
    }
    in_range(share, key_field, Decimal(), Decimal::from_int(100), "0 to 100");
    sum += share;
  }
  if (sum < Decimal::from_int(97) || sum > Decimal::from_int(103)) {
    fail(field, "shares summing to 100 (within 3)", "got " + sum.to_string());
  }
  return value;
}

std::string step(std::string_view value) {
  static constexpr std::array<std::string_view, 3> kSteps = {"daily", "weekly", "monthly"};
  return one_of(value, kSteps, "step");
}

void start_not_after_end(Timestamp start, Timestamp end) {
  if (end < start) {
    fail("start", "must not be after end", start.to_string() + " > " + end.to_string());
  }
}

TimeRange history_range(const std::optional<std::string>& start,
                        const std::optional<std::string>& end) {
  TimeRange range;
  if (start) range.start = range_start(*start, "start");
  if (end) range.end = timestamp(*end, "end");
  if (range.start && range.end) start_not_after_end(*range.start, *range.end);
  return range;
}

}  // namespace alexdb::alex::validate

// The rules the public header alexdb/validation.h declares, with the helpers above.
namespace alexdb::validate {

using alex::validate::fail;
using alex::validate::in_range;
using alex::validate::kClockSkewMicros;
using alex::validate::kMaxSymbolLength;
using alex::validate::shown;

std::string symbol(std::string_view value, std::string_view field) {
  if (value.empty() || value.size() > kMaxSymbolLength) {
    fail(field, "1 to 20 characters", shown(value));
  }
  std::string out;
  for (unsigned char c : value) {
    bool allowed = std::isalnum(c) || c == '.' || c == '-' || c == '^' || c == '=' || c == '_';
    if (c >= 0x80 || !allowed) fail(field, "letters, digits and .-^=_ only", shown(value));
    out += static_cast<char>(std::toupper(c));
  }
  return out;
}

Decimal price(const Decimal& value, std::string_view field) {
  return in_range(value, field, Decimal(), Decimal::from_int(999999), "0 to 999999");
}

Decimal volume(const Decimal& value, std::string_view field) {
  if (!value.is_integer()) fail(field, "a whole number", "got " + value.to_string());
  return in_range(value, field, Decimal(), std::nullopt, ">= 0");
}

Timestamp timestamp(std::string_view value, std::string_view field) {
  return Timestamp::parse_or_throw(value, field);
}

Timestamp range_start(std::string_view value, std::string_view field) {
  Timestamp t = Timestamp::parse_or_throw(value, field);
  return Timestamp::is_date_only(value) ? t.start_of_day() : t;
}

Timestamp change_time(std::string_view value, std::string_view field, Timestamp now) {
  Timestamp t = Timestamp::parse_or_throw(value, field);
  return not_in_future(Timestamp::is_date_only(value) ? t.close_of_day() : t, field, now);
}

Timestamp not_in_future(Timestamp at, std::string_view field, Timestamp now) {
  const std::int64_t room = Timestamp::kMaxMicros - now.micros();
  const Timestamp limit(room < kClockSkewMicros ? Timestamp::kMaxMicros
                                                : now.micros() + kClockSkewMicros);
  if (at > limit) {
    fail(field, "not later than now + 1 day (clock skew allowance)",
         "got " + at.to_string() + ", now is " + now.to_string());
  }
  return at;
}

}  // namespace alexdb::validate
