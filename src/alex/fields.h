// Reading single attributes of stored items outside the field tables (record_schema.h):
// keys, versions and pointers. Items are untrusted: a missing or mistyped attribute is a
// StoreError naming it.
#ifndef ALEXDB_ALEX_FIELDS_H_
#define ALEXDB_ALEX_FIELDS_H_

#include <optional>
#include <string>
#include <string_view>

#include "alexdb/decimal.h"
#include "alexdb/records.h"
#include "alexdb/value.h"

namespace alexdb::alex {

namespace stored {
// The string attribute `name`, or nullopt when absent or NULL.
std::optional<std::string> text(const Item& item, std::string_view name);
std::string required_text(const Item& item, std::string_view name);
// The number attribute `name`, or nullopt when absent or NULL.
std::optional<Decimal> number(const Item& item, std::string_view name);
}  // namespace stored

}  // namespace alexdb::alex

#endif  // ALEXDB_ALEX_FIELDS_H_
