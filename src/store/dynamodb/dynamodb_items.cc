// The DynamoDB engine's item calls: requests built from typed arguments (checked with
// the same rules as the embedded engine before anything is sent), responses parsed as
// untrusted input.
#include "alexdb/errors.h"
#include "model/json_codec.h"
#include "store/condition_eval.h"
#include "store/dynamodb/dynamodb_store.h"
#include "store/dynamodb/expression_render.h"
#include "store/dynamodb/json_response.h"
#include "store/request_checks.h"
#include "store/scan_segments.h"
#include "store/update_apply.h"

namespace alexdb::dynamodb {

namespace {

using nlohmann::json;

const char* return_values_text(ReturnValues r) {
  switch (r) {
    case ReturnValues::kNone:
      return "NONE";
    case ReturnValues::kAllOld:
      return "ALL_OLD";
    case ReturnValues::kUpdatedOld:
      return "UPDATED_OLD";
    case ReturnValues::kAllNew:
      return "ALL_NEW";
    case ReturnValues::kUpdatedNew:
      return "UPDATED_NEW";
  }
  return "NONE";
}

// An item in a response; malformed ones are the service's fault, not the caller's.
Item response_item(const json& j, std::string_view what) {
  try {
    return codec::item_from_json(j, what);
  } catch (const ValidationError& e) {
    throw ServiceError("MalformedResponse", std::string("bad item in response: ") + e.what());
  }
}

// Sums the CapacityUnits of a ConsumedCapacity object or array.
Decimal capacity_units(const json& response) {
  Decimal total;
  auto it = response.find("ConsumedCapacity");
  if (it == response.end()) return total;
  auto add = [&total](const json& entry) {
    if (entry.is_object() && entry.contains("CapacityUnits")) {
      total += decimal_field(entry["CapacityUnits"], "ConsumedCapacity.CapacityUnits");
    }
  };
  if (it->is_array()) {
    for (const json& entry : *it) add(entry);
  } else {
    add(*it);
  }
  return total;
}

// The CapacityUnits of a batch response's ConsumedCapacity array, per TableName.
template <typename TableUnits>
std::vector<TableUnits> capacity_by_table(const json& response, bool read) {
  std::vector<TableUnits> by_table;
  auto it = response.find("ConsumedCapacity");
  if (it == response.end() || !it->is_array()) return by_table;
  for (const json& entry : *it) {
    if (!entry.is_object() || !entry.contains("CapacityUnits")) continue;
    auto name = entry.find("TableName");
    TableUnits units{name != entry.end() && name->is_string() ? name->get<std::string>() : "", {}};
    Decimal value = decimal_field(entry["CapacityUnits"], "ConsumedCapacity.CapacityUnits");
    (read ? units.consumed.read_units : units.consumed.write_units) = value;
    by_table.push_back(std::move(units));
  }
  return by_table;
}

std::optional<Item> optional_item(const json& response, const char* field) {
  auto it = response.find(field);
  if (it == response.end() || it->is_null()) return std::nullopt;
  Item item = response_item(*it, field);
  if (item.empty()) return std::nullopt;
  return item;
}

// Sends a PutItem, UpdateItem or DeleteItem: `body` holds the table, the item or key and
// (for updates) the update expression already rendered with `renderer`.
WriteResult conditional_write(DynamoDbStore& store, std::string_view operation, json body,
                              ExpressionRenderer& renderer,
                              const std::optional<Condition>& condition, ReturnValues r) {
  body["ReturnValues"] = return_values_text(r);
  body["ReturnConsumedCapacity"] = "TOTAL";
  if (condition) body["ConditionExpression"] = renderer.condition(*condition);
  renderer.attach(body);
  json response = store.call(operation, body);
  WriteResult result;
  result.attributes = optional_item(response, "Attributes");
  result.consumed.write_units = capacity_units(response);
  return result;
}

void check_return_values(ReturnValues r, const char* operation) {
  if (r != ReturnValues::kNone && r != ReturnValues::kAllOld) {
    throw ValidationError("ReturnValues", std::string(operation) + " returns NONE or ALL_OLD");
  }
}

}  // namespace

GetResult DynamoDbStore::get(const GetRequest& request) {
  const std::vector<std::string> tables{request.table};
  return with_current_schemas(tables, [&] {
    TableDefinition table = schema(request.table);
    store::check_key(table, request.key);
    ExpressionRenderer renderer;
    json body = {{"TableName", request.table},
                 {"Key", codec::to_json(request.key)},
                 {"ConsistentRead", request.consistent_read},
                 {"ReturnConsumedCapacity", "TOTAL"}};
    if (!request.projection.empty())
      body["ProjectionExpression"] = renderer.projection(request.projection);
    renderer.attach(body);
    json response = call("GetItem", body);
    GetResult result;
    result.item = optional_item(response, "Item");
    result.consumed.read_units = capacity_units(response);
    return result;
  });
}

WriteResult DynamoDbStore::put(const PutRequest& request) {
  check_return_values(request.return_values, "PutItem");
  if (request.condition) store::validate_condition(*request.condition, "ConditionExpression");
  const std::vector<std::string> tables{request.table};
  return with_current_schemas(tables, [&] {
    TableDefinition table = schema(request.table);
    store::check_item(table, request.item);
    ExpressionRenderer renderer;
    json body = {{"TableName", request.table}, {"Item", codec::to_json(request.item)}};
    return conditional_write(*this, "PutItem", std::move(body), renderer, request.condition,
                             request.return_values);
  });
}

WriteResult DynamoDbStore::update(const UpdateRequest& request) {
  if (request.condition) store::validate_condition(*request.condition, "ConditionExpression");
  const std::vector<std::string> tables{request.table};
  return with_current_schemas(tables, [&] {
    TableDefinition table = schema(request.table);
    store::check_key(table, request.key);
    store::validate_update(request.update, store::key_names(table));
    ExpressionRenderer renderer;
    json body = {{"TableName", request.table},
                 {"Key", codec::to_json(request.key)},
                 {"UpdateExpression", renderer.update(request.update)}};
    return conditional_write(*this, "UpdateItem", std::move(body), renderer, request.condition,
                             request.return_values);
  });
}

WriteResult DynamoDbStore::remove(const DeleteRequest& request) {
  check_return_values(request.return_values, "DeleteItem");
  if (request.condition) store::validate_condition(*request.condition, "ConditionExpression");
  const std::vector<std::string> tables{request.table};
  return with_current_schemas(tables, [&] {
    TableDefinition table = schema(request.table);
    store::check_key(table, request.key);
    ExpressionRenderer renderer;
    json body = {{"TableName", request.table}, {"Key", codec::to_json(request.key)}};
    return conditional_write(*this, "DeleteItem", std::move(body), renderer, request.condition,
                             request.return_values);
  });
}

namespace {

QueryResult page_from(const json& response, std::string_view operation) {
  QueryResult result;
  try {
    for (const json& item : response.at("Items")) {
      result.items.push_back(response_item(item, "Items"));
    }
    result.scanned_count = response.value("ScannedCount", std::int64_t{0});
  } catch (const json::exception& e) {
    throw ServiceError("MalformedResponse", std::string(operation) + ": " + e.what());
  }
  if (auto lek = optional_item(response, "LastEvaluatedKey")) result.last_evaluated_key = lek;
  result.consumed.read_units = capacity_units(response);
  return result;
}

void check_limit(const std::optional<std::int32_t>& limit) {
  if (limit && *limit < 1) throw ValidationError("Limit", "must be at least 1");
}

// What Query and Scan requests share: index, limit, filter, projection and start key,
// then the renderer's names and values.
template <typename Request>
void add_page_options(const Request& request, ExpressionRenderer& renderer, json& body) {
  if (request.index) body["IndexName"] = *request.index;
  if (request.limit) body["Limit"] = *request.limit;
  if (request.filter) body["FilterExpression"] = renderer.condition(*request.filter);
  if (!request.projection.empty()) {
    body["ProjectionExpression"] = renderer.projection(request.projection);
  }
  if (request.exclusive_start_key) {
    body["ExclusiveStartKey"] = codec::to_json(*request.exclusive_start_key);
  }
  renderer.attach(body);
}

}  // namespace

QueryResult DynamoDbStore::query(const QueryRequest& request) {
  check_limit(request.limit);
  if (request.filter) store::validate_condition(*request.filter, "FilterExpression");
  const std::vector<std::string> tables{request.table};
  return with_current_schemas(tables, [&] {
    TableDefinition table = schema(request.table);
    const KeyAttribute* partition_key = &table.partition_key;
    const std::optional<KeyAttribute>* sort_key = &table.sort_key;
    if (request.index) {
      const IndexDefinition& index = store::find_index(table, *request.index);
      partition_key = &index.partition_key;
      sort_key = &index.sort_key;
    }
    store::check_key_condition(*partition_key, *sort_key, request);
    ExpressionRenderer renderer;
    json body = {{"TableName", request.table},
                 {"ScanIndexForward", request.forward},
                 {"ConsistentRead", request.consistent_read},
                 {"ReturnConsumedCapacity", "TOTAL"}};
    body["KeyConditionExpression"] =
        renderer.key_condition(partition_key->name, request.partition_value,
                               *sort_key ? (*sort_key)->name : "", request.sort);
    add_page_options(request, renderer, body);
    return page_from(call("Query", body), "Query");
  });
}

QueryResult DynamoDbStore::scan(const ScanRequest& request) {
  check_limit(request.limit);
  store::check_segments(request);
  if (request.filter) store::validate_condition(*request.filter, "FilterExpression");
  ExpressionRenderer renderer;
  json body = {{"TableName", request.table},
               {"ConsistentRead", request.consistent_read},
               {"ReturnConsumedCapacity", "TOTAL"}};
  if (request.total_segments) {
    body["Segment"] = *request.segment;
    body["TotalSegments"] = *request.total_segments;
  }
  add_page_options(request, renderer, body);
  return page_from(call("Scan", body), "Scan");
}

std::vector<QueryResult> DynamoDbStore::query_many(const std::vector<QueryRequest>& requests) {
  std::vector<QueryResult> results(requests.size());
  parallel_for(requests.size(), [&](std::size_t i) { results[i] = query(requests[i]); });
  return results;
}

std::vector<GetResult> DynamoDbStore::get_many(const std::vector<GetRequest>& requests) {
  std::vector<GetResult> results(requests.size());
  parallel_for(requests.size(), [&](std::size_t i) { results[i] = get(requests[i]); });
  return results;
}

Store::BatchGetChunkResult DynamoDbStore::batch_get_chunk(const BatchGetRequest& chunk) {
  std::vector<std::string> tables;
  for (const auto& table_keys : chunk.tables) tables.push_back(table_keys.table);
  return with_current_schemas(tables, [&] {
    json request_items = json::object();
    for (const auto& table_keys : chunk.tables) {
      TableDefinition table = schema(table_keys.table);
      json keys = json::array();
      for (const Item& key : table_keys.keys) {
        store::check_key(table, key, "RequestItems.Keys");
        keys.push_back(codec::to_json(key));
      }
      json entry = {{"Keys", keys}, {"ConsistentRead", table_keys.consistent_read}};
      if (!table_keys.projection.empty()) {
        ExpressionRenderer renderer;
        entry["ProjectionExpression"] = renderer.projection(table_keys.projection);
        renderer.attach(entry);
      }
      request_items[table_keys.table] = std::move(entry);
    }
    json response = call("BatchGetItem",
                         {{"RequestItems", request_items}, {"ReturnConsumedCapacity", "TOTAL"}});
    BatchGetChunkResult result;
    result.consumed.read_units = capacity_units(response);
    result.by_table = capacity_by_table<TableUnits>(response, true);
    try {
      for (const auto& table_keys : chunk.tables) {
        std::vector<Item>& found = result.items.emplace_back();
        if (response.contains("Responses") && response["Responses"].contains(table_keys.table)) {
          for (const json& item : response["Responses"][table_keys.table]) {
            found.push_back(response_item(item, "Responses"));
          }
        }
      }
      if (response.contains("UnprocessedKeys")) {
        for (const auto& [table, entry] : response["UnprocessedKeys"].items()) {
          BatchGetRequest::TableKeys keys{table, {}, entry.value("ConsistentRead", false)};
          for (const json& key : entry.at("Keys"))
            keys.keys.push_back(response_item(key, "UnprocessedKeys"));
          if (!keys.keys.empty()) result.unprocessed.tables.push_back(std::move(keys));
        }
      }
    } catch (const json::exception& e) {
      throw ServiceError("MalformedResponse", std::string("BatchGetItem: ") + e.what());
    }
    return result;
  });
}

Store::BatchWriteChunkResult DynamoDbStore::batch_write_chunk(const std::vector<WriteOp>& chunk) {
  if (chunk.empty() || chunk.size() > limits::kBatchWriteItems) {
    throw ValidationError("RequestItems", "1 to 25 writes per BatchWriteItem call");
  }
  std::vector<std::string> tables;
  for (const WriteOp& op : chunk) tables.push_back(op.table);
  return with_current_schemas(tables, [&] {
    json request_items = json::object();
    for (const WriteOp& op : chunk) {
      TableDefinition table = schema(op.table);
      json entry;
      if (op.kind == WriteOp::Kind::kPut) {
        store::check_item(table, op.item, "RequestItems.PutRequest.Item");
        entry = {{"PutRequest", {{"Item", codec::to_json(op.item)}}}};
      } else {
        store::check_key(table, op.item, "RequestItems.DeleteRequest.Key");
        entry = {{"DeleteRequest", {{"Key", codec::to_json(op.item)}}}};
      }
      request_items[op.table].push_back(std::move(entry));
    }
    json response = call("BatchWriteItem",
                         {{"RequestItems", request_items}, {"ReturnConsumedCapacity", "TOTAL"}});
    BatchWriteChunkResult result;
    result.consumed.write_units = capacity_units(response);
    result.by_table = capacity_by_table<TableUnits>(response, false);
    try {
      if (response.contains("UnprocessedItems")) {
        for (const auto& [table, entries] : response["UnprocessedItems"].items()) {
          for (const json& entry : entries) {
            if (entry.contains("PutRequest")) {
              result.unprocessed.push_back(WriteOp::put(
                  table, response_item(entry["PutRequest"].at("Item"), "UnprocessedItems")));
            } else {
              result.unprocessed.push_back(WriteOp::del(
                  table, response_item(entry.at("DeleteRequest").at("Key"), "UnprocessedItems")));
            }
          }
        }
      }
    } catch (const json::exception& e) {
      throw ServiceError("MalformedResponse", std::string("BatchWriteItem: ") + e.what());
    }
    return result;
  });
}

}  // namespace alexdb::dynamodb
