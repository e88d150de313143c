// TableDefinition <-> the JSON of DynamoDB's CreateTable request and DescribeTable
// response.
#ifndef ALEXDB_STORE_DYNAMODB_TABLE_JSON_H_
#define ALEXDB_STORE_DYNAMODB_TABLE_JSON_H_

#include <nlohmann/json.hpp>

#include "alexdb/store.h"

namespace alexdb::dynamodb {

// The body of a CreateTable call (on-demand billing).
nlohmann::json create_table_request(const TableDefinition& definition);

// The description in a DescribeTable response's "Table" object. Throws ServiceError
// ("MalformedResponse") when it lacks what a definition needs.
TableDescription description_from_json(const nlohmann::json& table);

}  // namespace alexdb::dynamodb

#endif  // ALEXDB_STORE_DYNAMODB_TABLE_JSON_H_
