#include "store/dynamodb/table_json.h"

#include <map>

#include "alexdb/errors.h"

namespace alexdb::dynamodb {

namespace {

using nlohmann::json;

json key_schema(const KeyAttribute& partition, const std::optional<KeyAttribute>& sort) {
  json schema = json::array({{{"AttributeName", partition.name}, {"KeyType", "HASH"}}});
  if (sort) schema.push_back({{"AttributeName", sort->name}, {"KeyType", "RANGE"}});
  return schema;
}

ScalarType scalar_type(const std::string& text) {
  if (text == "S") return ScalarType::kS;
  if (text == "N") return ScalarType::kN;
  if (text == "B") return ScalarType::kB;
  throw ServiceError("MalformedResponse", "unknown attribute type in table description");
}

// Reads a KeySchema array with the types from `types`.
std::pair<KeyAttribute, std::optional<KeyAttribute>> read_key_schema(
    const json& schema, const std::map<std::string, ScalarType>& types) {
  std::pair<KeyAttribute, std::optional<KeyAttribute>> keys;
  bool have_hash = false;
  for (const json& element : schema) {
    std::string name = element.at("AttributeName").get<std::string>();
    auto type = types.find(name);
    if (type == types.end()) {
      throw ServiceError("MalformedResponse", "key attribute without a definition: " + name);
    }
    if (element.at("KeyType").get<std::string>() == "HASH") {
      keys.first = {name, type->second};
      have_hash = true;
    } else {
      keys.second = KeyAttribute{name, type->second};
    }
  }
  if (!have_hash) throw ServiceError("MalformedResponse", "key schema without a HASH key");
  return keys;
}

}  // namespace

json create_table_request(const TableDefinition& definition) {
  std::map<std::string, ScalarType> types{
      {definition.partition_key.name, definition.partition_key.type}};
  if (definition.sort_key) types[definition.sort_key->name] = definition.sort_key->type;
  json indexes = json::array();
  for (const IndexDefinition& index : definition.global_indexes) {
    types[index.partition_key.name] = index.partition_key.type;
    if (index.sort_key) types[index.sort_key->name] = index.sort_key->type;
    json projection;
    switch (index.projection.type) {
      case Projection::Type::kAll: projection = {{"ProjectionType", "ALL"}}; break;
      case Projection::Type::kKeysOnly: projection = {{"ProjectionType", "KEYS_ONLY"}}; break;
      case Projection::Type::kInclude:
        projection = {{"ProjectionType", "INCLUDE"},
                      {"NonKeyAttributes", index.projection.non_key_attributes}};
        break;
    }
    indexes.push_back({{"IndexName", index.name},
                       {"KeySchema", key_schema(index.partition_key, index.sort_key)},
                       {"Projection", projection}});
  }
  json attributes = json::array();
  for (const auto& [name, type] : types) {
    attributes.push_back(
        {{"AttributeName", name}, {"AttributeType", std::string(scalar_type_name(type))}});
  }
  json request = {{"TableName", definition.name},
                  {"AttributeDefinitions", attributes},
                  {"KeySchema", key_schema(definition.partition_key, definition.sort_key)},
                  {"BillingMode", "PAY_PER_REQUEST"}};
  if (!indexes.empty()) request["GlobalSecondaryIndexes"] = indexes;
  return request;
}

TableDescription description_from_json(const json& table) {
  try {
    std::map<std::string, ScalarType> types;
    for (const json& a : table.at("AttributeDefinitions")) {
      types[a.at("AttributeName").get<std::string>()] =
          scalar_type(a.at("AttributeType").get<std::string>());
    }
    TableDescription description;
    description.definition.name = table.at("TableName").get<std::string>();
    std::tie(description.definition.partition_key, description.definition.sort_key) =
        read_key_schema(table.at("KeySchema"), types);
    if (table.contains("GlobalSecondaryIndexes")) {
      for (const json& gsi : table.at("GlobalSecondaryIndexes")) {
        IndexDefinition index;
        index.name = gsi.at("IndexName").get<std::string>();
        std::tie(index.partition_key, index.sort_key) = read_key_schema(gsi.at("KeySchema"), types);
        const json& projection = gsi.at("Projection");
        std::string type = projection.value("ProjectionType", "ALL");
        index.projection.type = type == "KEYS_ONLY" ? Projection::Type::kKeysOnly
                                : type == "INCLUDE" ? Projection::Type::kInclude
                                                    : Projection::Type::kAll;
        if (projection.contains("NonKeyAttributes")) {
          index.projection.non_key_attributes =
              projection.at("NonKeyAttributes").get<std::vector<std::string>>();
        }
        description.definition.global_indexes.push_back(std::move(index));
      }
    }
    description.status = table.value("TableStatus", "ACTIVE");
    description.item_count = table.value("ItemCount", std::int64_t{0});
    description.item_count_exact = false;  // DynamoDB refreshes ItemCount every ~6 hours
    return description;
  } catch (const json::exception& e) {
    throw ServiceError("MalformedResponse", std::string("bad table description: ") + e.what());
  }
}

}  // namespace alexdb::dynamodb
