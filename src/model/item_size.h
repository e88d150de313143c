// Item sizes by DynamoDB's rules (the basis of the 400 KB limit and capacity units):
// a name counts its UTF-8 bytes; S and B their length; N 1 byte per two significant
// digits plus 1; BOOL and NULL 1; M and L 3 bytes plus their elements, 1 byte each
// extra; sets the sum of their elements.
#ifndef ALEXDB_MODEL_ITEM_SIZE_H_
#define ALEXDB_MODEL_ITEM_SIZE_H_

#include <cstddef>
#include <string_view>

#include "alexdb/value.h"

namespace alexdb {

std::size_t value_size(const Value& value);
std::size_t attribute_size(std::string_view name, const Value& value);
std::size_t item_size(const Item& item);

}  // namespace alexdb

#endif  // ALEXDB_MODEL_ITEM_SIZE_H_
