#include "alex/record_schema.h"

#include "alexdb/errors.h"

namespace alexdb::alex {

namespace {

[[noreturn]] void bad_input(std::string_view name, std::string rule, const Value& given) {
  throw ValidationError(std::string(name), std::move(rule),
                        "got " + std::string(given.type_name()));
}

[[noreturn]] void bad_stored(std::string_view name, std::string_view expected) {
  throw StoreError("stored record: attribute '" + std::string(name) + "' is missing or not " +
                   std::string(expected));
}

Value input_number(const Value& given, std::string_view name) {
  if (given.is_n()) return given;
  if (given.is_s()) return Value::N(Decimal::parse(given.s(), name));
  bad_input(name, "a number", given);
}

Value input_allocation(const Value& given, std::string_view name) {
  if (!given.is_m()) throw ValidationError(std::string(name), "a map of name to percentage");
  Value::Map shares;
  for (const auto& [key, share] : given.m()) {
    std::string field = std::string(name) + "." + key;
    if (!share.is_n() && !share.is_s()) throw ValidationError(field, "a number");
    shares.emplace(key, input_number(share, field));
  }
  return Value::M(std::move(shares));
}

}  // namespace

Value input_value(FieldType type, const Value& given, std::string_view name) {
  switch (type) {
    case FieldType::kText:
      if (!given.is_s()) bad_input(name, "a string", given);
      return given;
    case FieldType::kNumber:
    case FieldType::kInteger:
      return input_number(given, name);
    case FieldType::kFlag:
      if (given.type() != Value::Type::kBool) bad_input(name, "true or false", given);
      return given;
    case FieldType::kAllocation:
      return input_allocation(given, name);
    case FieldType::kJson:
    case FieldType::kRecords:
      return given;
  }
  return given;
}

const Value& stored_value(FieldType type, const Value& value, std::string_view name) {
  switch (type) {
    case FieldType::kText:
      if (!value.is_s()) bad_stored(name, "a string");
      break;
    case FieldType::kNumber:
    case FieldType::kInteger:
      if (!value.is_n()) bad_stored(name, "a number");
      break;
    case FieldType::kFlag:
      if (value.type() != Value::Type::kBool) bad_stored(name, "a boolean");
      break;
    case FieldType::kAllocation:
      if (!value.is_m()) bad_stored(name, "a map");
      for (const auto& [key, share] : value.m()) {
        if (!share.is_n()) bad_stored(std::string(name) + "." + key, "a number");
      }
      break;
    case FieldType::kJson:
    case FieldType::kRecords:
      break;
  }
  return value;
}

void refuse_field(std::string_view name, std::string_view record,
                  const std::vector<std::string_view>& allowed) {
  std::string rule = "a field of " + std::string(record) + ":";
  for (std::string_view a : allowed) rule += " " + std::string(a);
  throw ValidationError(std::string(name), rule);
}

void throw_required_field(std::string_view name) {
  throw ValidationError(std::string(name), "required");
}

Update update_of(const Checked& changes) {
  Update update;
  for (const auto& [name, value] : changes) {
    if (value.is_null()) {
      update.remove(name);
    } else {
      update.set(name, value);
    }
  }
  return update;
}

}  // namespace alexdb::alex
