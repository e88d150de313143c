// DynamoDB's order of scalar values: S by UTF-8 bytes, N numerically, B by unsigned
// bytes. The one definition of it for the package.
#ifndef ALEXDB_STORE_VALUE_ORDER_H_
#define ALEXDB_STORE_VALUE_ORDER_H_

#include <compare>
#include <optional>

#include "alexdb/value.h"

namespace alexdb::store {

// Compares two values of the same scalar type (S, N or B); nullopt when the types
// differ or are not scalar (DynamoDB then treats <, <=, >, >= as false).
std::optional<std::strong_ordering> compare_scalars(const Value& a, const Value& b);

}  // namespace alexdb::store

#endif  // ALEXDB_STORE_VALUE_ORDER_H_
