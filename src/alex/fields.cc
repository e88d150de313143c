#include "alex/fields.h"

#include <algorithm>

#include "alexdb/errors.h"

namespace alexdb::alex {

namespace {

const Value* find(const Value::Map& map, std::string_view name) {
  auto it = map.find(name);
  return it == map.end() || it->second.is_null() ? nullptr : &it->second;
}

[[noreturn]] void bad_stored(std::string_view name, std::string_view expected) {
  throw StoreError("stored record: attribute '" + std::string(name) + "' is missing or not " +
                   std::string(expected));
}

}  // namespace

namespace input {

std::optional<std::string> text(const Fields& fields, std::string_view name) {
  const Value* v = find(fields, name);
  if (!v) return std::nullopt;
  if (!v->is_s()) throw ValidationError(std::string(name), "a string", "got " + std::string(v->type_name()));
  return v->s();
}

std::string required_text(const Fields& fields, std::string_view name) {
  auto value = text(fields, name);
  if (!value) throw ValidationError(std::string(name), "required");
  return *value;
}

std::optional<Decimal> number(const Fields& fields, std::string_view name) {
  const Value* v = find(fields, name);
  if (!v) return std::nullopt;
  if (v->is_n()) return v->n();
  if (v->is_s()) return Decimal::parse(v->s(), name);
  throw ValidationError(std::string(name), "a number", "got " + std::string(v->type_name()));
}

std::optional<Allocation> allocation(const Fields& fields, std::string_view name) {
  const Value* v = find(fields, name);
  if (!v) return std::nullopt;
  if (!v->is_m()) throw ValidationError(std::string(name), "a map of name to percentage");
  Allocation out;
  for (const auto& [key, share] : v->m()) {
    std::string field = std::string(name) + "." + key;
    if (share.is_n()) {
      out[key] = share.n();
    } else if (share.is_s()) {
      out[key] = Decimal::parse(share.s(), field);
    } else {
      throw ValidationError(field, "a number");
    }
  }
  return out;
}

std::optional<Value> any(const Fields& fields, std::string_view name) {
  auto it = fields.find(name);
  if (it == fields.end()) return std::nullopt;
  return it->second;
}

void only(const Fields& fields, std::span<const std::string_view> allowed, std::string_view record) {
  for (const auto& [name, value] : fields) {
    if (std::find(allowed.begin(), allowed.end(), name) == allowed.end()) {
      std::string rule = "a field of " + std::string(record) + ":";
      for (auto a : allowed) rule += " " + std::string(a);
      throw ValidationError(name, rule);
    }
  }
}

}  // namespace input

namespace stored {

std::optional<std::string> text(const Item& item, std::string_view name) {
  const Value* v = find(item, name);
  if (!v) return std::nullopt;
  if (!v->is_s()) bad_stored(name, "a string");
  return v->s();
}

std::string required_text(const Item& item, std::string_view name) {
  auto value = text(item, name);
  if (!value) bad_stored(name, "a string");
  return *value;
}

std::optional<Decimal> number(const Item& item, std::string_view name) {
  const Value* v = find(item, name);
  if (!v) return std::nullopt;
  if (!v->is_n()) bad_stored(name, "a number");
  return v->n();
}

Decimal required_number(const Item& item, std::string_view name) {
  auto value = number(item, name);
  if (!value) bad_stored(name, "a number");
  return *value;
}

Allocation allocation(const Item& item, std::string_view name) {
  Allocation out;
  const Value* v = find(item, name);
  if (!v) return out;
  if (!v->is_m()) bad_stored(name, "a map");
  for (const auto& [key, share] : v->m()) {
    if (!share.is_n()) bad_stored(std::string(name) + "." + key, "a number");
    out[key] = share.n();
  }
  return out;
}

std::optional<Value> any(const Item& item, std::string_view name) {
  const Value* v = find(item, name);
  if (!v) return std::nullopt;
  return *v;
}

}  // namespace stored

Value allocation_value(const Allocation& allocation) {
  Value::Map map;
  for (const auto& [key, share] : allocation) map.emplace(key, Value::N(share));
  return Value::M(std::move(map));
}

}  // namespace alexdb::alex
