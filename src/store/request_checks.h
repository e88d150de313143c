// Checks of requests against a table's definition, with DynamoDB's rules and messages.
// Both engines run them before sending or writing anything, so bad input is rejected
// the same way everywhere and nothing is written.
#ifndef ALEXDB_STORE_REQUEST_CHECKS_H_
#define ALEXDB_STORE_REQUEST_CHECKS_H_

#include <string>
#include <string_view>
#include <vector>

#include "alexdb/store.h"

namespace alexdb::store {

// Table and index names: 3-255 characters of [a-zA-Z0-9_.-].
void check_table_name(std::string_view name, std::string_view field = "TableName");

// A definition that DynamoDB would accept: valid names, distinct index names, at most
// 20 global secondary indexes, INCLUDE projections name attributes.
void check_table_definition(const TableDefinition& definition);

// A value that DynamoDB would store: no empty set, nesting at most 32 levels deep.
void check_value(const Value& value, std::string_view field);

// `key` has exactly the table's key attributes, of the declared types, non-empty, within
// the key size limits.
void check_key(const TableDefinition& table, const Item& key, std::string_view field = "Key");

// `item` holds the table's key attributes (as check_key), index key attributes of the
// declared type when present, valid values, and fits in 400 KB. Returns its size
// (item_size), which the check computes anyway.
std::size_t check_item(const TableDefinition& table, const Item& item,
                       std::string_view field = "Item");

// The key attributes of `item` (which must have them).
Item key_of(const TableDefinition& table, const Item& item);

// Names of the table's key attributes (partition, then sort key if any).
std::vector<std::string> key_names(const TableDefinition& table);

// The index of that name, or throws ValidationError naming IndexName.
const IndexDefinition& find_index(const TableDefinition& table, std::string_view index);

// The key attributes of an index entry: the index keys plus the table keys.
std::vector<std::string> index_key_names(const TableDefinition& table,
                                         const IndexDefinition& index);

// Whether `item` appears in `index` (it has the index's key attributes).
bool in_index(const IndexDefinition& index, const Item& item);

// The attributes of `item` that `index` projects.
Item project_for_index(const TableDefinition& table, const IndexDefinition& index,
                       const Item& item);

// A query's key condition is valid for the key it applies to: the partition value's
// type, the sort condition's operand types, begins_with only on S or B, BETWEEN ordered.
void check_key_condition(const KeyAttribute& partition_key,
                         const std::optional<KeyAttribute>& sort_key,
                         const QueryRequest& request);

}  // namespace alexdb::store

#endif  // ALEXDB_STORE_REQUEST_CHECKS_H_
