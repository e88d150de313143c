#include "alex/fields.h"

#include "alex/record_schema.h"

namespace alexdb::alex {

namespace {

const Value* present(const Value::Map& map, std::string_view name) {
  auto it = map.find(name);
  return it == map.end() || it->second.is_null() ? nullptr : &it->second;
}

}  // namespace

namespace stored {

std::optional<std::string> text(const Item& item, std::string_view name) {
  const Value* v = present(item, name);
  if (!v) return std::nullopt;
  return stored_value(FieldType::kText, *v, name).s();
}

std::string required_text(const Item& item, std::string_view name) {
  auto it = item.find(name);
  // Two branches: a conditional of both would copy the stored value before reading it.
  if (it == item.end()) return stored_value(FieldType::kText, Value::Null(), name).s();
  return stored_value(FieldType::kText, it->second, name).s();
}

std::optional<Decimal> number(const Item& item, std::string_view name) {
  const Value* v = present(item, name);
  if (!v) return std::nullopt;
  return stored_value(FieldType::kNumber, *v, name).n();
}

}  // namespace stored

}  // namespace alexdb::alex
