// Reading single named fields outside the field tables (record_schema.h): from callers'
// Fields (validated input: a bad type is a ValidationError naming the field) and from
// stored items (untrusted: a missing or mistyped attribute is a StoreError naming it).
#ifndef ALEXDB_ALEX_FIELDS_H_
#define ALEXDB_ALEX_FIELDS_H_

#include <initializer_list>
#include <optional>
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
// Throws ValidationError for a field not among `allowed` (fields of `record`).
void only(const Fields& fields, std::initializer_list<std::string_view> allowed,
          std::string_view record);
}  // namespace input

namespace stored {
// The string attribute `name`, or nullopt when absent or NULL.
std::optional<std::string> text(const Item& item, std::string_view name);
std::string required_text(const Item& item, std::string_view name);
// The number attribute `name`, or nullopt when absent or NULL.
std::optional<Decimal> number(const Item& item, std::string_view name);
}  // namespace stored

}  // namespace alexdb::alex

#endif  // ALEXDB_ALEX_FIELDS_H_
