// Reading named fields: from callers' Fields (validated input: a bad type is a
// ValidationError naming the field) and from stored items (untrusted: a missing or
// mistyped attribute is a StoreError naming the record and attribute).
#ifndef ALEXDB_ALEX_FIELDS_H_
#define ALEXDB_ALEX_FIELDS_H_

#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "alexdb/decimal.h"
#include "alexdb/records.h"
#include "alexdb/value.h"

namespace alexdb::alex {

namespace input {
// The string field `name`, or nullopt when absent or NULL.
std::optional<std::string> text(const Fields& fields, std::string_view name);
// As text(), but required.
std::string required_text(const Fields& fields, std::string_view name);
// A number given as N or as a numeric string; nullopt when absent or NULL.
std::optional<Decimal> number(const Fields& fields, std::string_view name);
// A map of name to number, or nullopt when absent or NULL.
std::optional<Allocation> allocation(const Fields& fields, std::string_view name);
// The value of a field (any type), or nullopt when absent.
std::optional<Value> any(const Fields& fields, std::string_view name);
// Throws ValidationError for a field not among `allowed`.
void only(const Fields& fields, std::span<const std::string_view> allowed, std::string_view record);
inline void only(const Fields& fields, std::initializer_list<std::string_view> allowed,
                 std::string_view record) {
  only(fields, std::span<const std::string_view>(allowed.begin(), allowed.size()), record);
}
}  // namespace input

namespace stored {
std::optional<std::string> text(const Item& item, std::string_view name);
std::string required_text(const Item& item, std::string_view name);
std::optional<Decimal> number(const Item& item, std::string_view name);
Decimal required_number(const Item& item, std::string_view name);
Allocation allocation(const Item& item, std::string_view name);
std::optional<Value> any(const Item& item, std::string_view name);
}  // namespace stored

// An allocation as a stored map value.
Value allocation_value(const Allocation& allocation);

}  // namespace alexdb::alex

#endif  // ALEXDB_ALEX_FIELDS_H_
