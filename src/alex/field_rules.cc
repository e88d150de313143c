#include "alex/field_rules.h"

#include "alexdb/errors.h"
#include "alexdb/store.h"

namespace alexdb::alex::rules {

namespace {

using TextCheck = std::string (*)(std::string_view value, std::string_view field);
using NumberCheck = Decimal (*)(const Decimal& value, std::string_view field);

FieldRule text_rule(TextCheck check) {
  return [check](const Value& v, std::string_view field) { return Value::S(check(v.s(), field)); };
}

FieldRule number_rule(NumberCheck check) {
  return [check](const Value& v, std::string_view field) { return Value::N(check(v.n(), field)); };
}

// Throws when `value` (at nesting level `depth`, the payload itself being 1) holds
// containers more than limits::kMaxNestingDepth deep. Looks no deeper than the limit,
// so the check's own recursion is bounded whatever the input.
void check_nesting(const Value& value, std::string_view field, int depth = 1) {
  if (!value.is_m() && !value.is_l()) return;
  if (depth > limits::kMaxNestingDepth) {
    throw ValidationError(std::string(field), "nesting at most 32 levels deep");
  }
  if (value.is_m()) {
    for (const auto& [name, element] : value.m()) check_nesting(element, field, depth + 1);
  } else {
    for (const Value& element : value.l()) check_nesting(element, field, depth + 1);
  }
}

Value checked_payload(const Value& payload, std::string_view field) {
  if (payload.is_null()) return payload;
  if (!payload.is_m() && !payload.is_l()) {
    throw ValidationError(std::string(field), "a JSON object or array");
  }
  check_nesting(payload, field);
  return payload;
}

}  // namespace

FieldRule id() { return text_rule(&validate::id); }
FieldRule symbol() { return text_rule(&validate::symbol); }
FieldRule text(std::size_t max_length) {
  return [max_length](const Value& v, std::string_view field) {
    return Value::S(validate::text(v.s(), field, max_length));
  };
}
FieldRule instrument_type() {
  return
      [](const Value& v, std::string_view) { return Value::S(validate::instrument_type(v.s())); };
}
FieldRule job_type() {
  return [](const Value& v, std::string_view) { return Value::S(validate::job_type(v.s())); };
}
FieldRule job_status() {
  return [](const Value& v, std::string_view field) {
    return Value::S(validate::job_status(v.s(), field));
  };
}
FieldRule price() { return number_rule(&validate::price); }
FieldRule quantity() { return number_rule(&validate::quantity); }
FieldRule position_action() {
  return
      [](const Value& v, std::string_view) { return Value::S(validate::position_action(v.s())); };
}
FieldRule cash_balance() { return number_rule(&validate::cash_balance); }
FieldRule cash_interest() { return number_rule(&validate::cash_interest); }
FieldRule years_until_retirement() {
  return [](const Value& v, std::string_view) {
    return Value::N(validate::years_until_retirement(v.n()));
  };
}
FieldRule retirement_income() {
  return
      [](const Value& v, std::string_view) { return Value::N(validate::retirement_income(v.n())); };
}
FieldRule allocation(validate::AllocationKind kind) {
  return [kind](const Value& v, std::string_view field) {
    Allocation given;
    for (const auto& [key, share] : v.m()) given[key] = share.n();
    Value::Map stored;
    for (const auto& [key, share] : validate::allocation(given, kind, field)) {
      stored.emplace(key, Value::N(share));
    }
    return Value::M(std::move(stored));
  };
}
FieldRule payload() { return &checked_payload; }


}  // namespace alexdb::alex::rules
