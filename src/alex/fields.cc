#include "alex/fields.h"

#include <algorithm>
#include <vector>

#include "alex/record_schema.h"

namespace alexdb::alex {

namespace {

const Value* present(const Value::Map& map, std::string_view name) {
  auto it = map.find(name);
  return it == map.end() || it->second.is_null() ? nullptr : &it->second;
}

}  // namespace

namespace input {

std::optional<std::string> text(const Fields& fields, std::string_view name) {
  const Value* v = present(fields, name);
  if (!v) return std::nullopt;
  return input_value(FieldType::kText, *v, name).s();
}

std::string required_text(const Fields& fields, std::string_view name) {
  auto value = text(fields, name);
  if (!value) throw_required_field(name);
  return *value;
}

std::optional<Decimal> number(const Fields& fields, std::string_view name) {
  const Value* v = present(fields, name);
  if (!v) return std::nullopt;
  return input_value(FieldType::kNumber, *v, name).n();
}

void only(const Fields& fields, std::initializer_list<std::string_view> allowed,
          std::string_view record) {
  for (const auto& [name, value] : fields) {
    if (std::find(allowed.begin(), allowed.end(), name) == allowed.end()) {
      refuse_field(name, record, std::vector<std::string_view>(allowed));
    }
  }
}

}  // namespace input

namespace stored {

std::optional<std::string> text(const Item& item, std::string_view name) {
  const Value* v = present(item, name);
  if (!v) return std::nullopt;
  return stored_value(FieldType::kText, *v, name).s();
}

std::string required_text(const Item& item, std::string_view name) {
  auto it = item.find(name);
  return stored_value(FieldType::kText, it == item.end() ? Value::Null() : it->second, name).s();
}

std::optional<Decimal> number(const Item& item, std::string_view name) {
  const Value* v = present(item, name);
  if (!v) return std::nullopt;
  return stored_value(FieldType::kNumber, *v, name).n();
}

}  // namespace stored

}  // namespace alexdb::alex
