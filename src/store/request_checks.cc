#include "store/request_checks.h"

#include <algorithm>
#include <set>

#include "alexdb/errors.h"
#include "model/item_size.h"
#include "store/value_order.h"

namespace alexdb::store {

namespace {

constexpr std::size_t kMaxGlobalIndexes = 20;

std::string joined(std::string_view a, std::string_view b) {
  std::string s(a);
  s += '.';
  s += b;
  return s;
}

void check_attribute_name(std::string_view name, std::string_view field) {
  if (name.empty() || name.size() > 255) {
    throw ValidationError(std::string(field), "key attribute names are 1-255 bytes long");
  }
}

// Checks one key attribute value of `item`; `required` makes absence an error.
void check_key_value(const KeyAttribute& attribute, const Item& item, std::size_t max_bytes,
                     bool required, std::string_view field) {
  auto it = item.find(attribute.name);
  auto where = [&] { return joined(field, attribute.name); };
  if (it == item.end()) {
    if (required) throw ValidationError(where(), "the key attribute is missing");
    return;
  }
  const Value& v = it->second;
  if (v.type() != value_type(attribute.type)) {
    throw ValidationError(where(), "type mismatch for key attribute",
                          std::string("expected ") + std::string(scalar_type_name(attribute.type)) +
                              ", got " + std::string(v.type_name()));
  }
  if ((v.is_s() || v.is_b()) && v.size() == 0) {
    throw ValidationError(where(), "a key attribute cannot be an empty string or binary value");
  }
  std::size_t bytes = v.is_n() ? value_size(v) : v.size();
  if (bytes > max_bytes) {
    throw ValidationError(where(), "key attribute too long",
                          "at most " + std::to_string(max_bytes) + " bytes");
  }
}

void check_value_at_depth(const Value& value, std::string_view field, int depth) {
  if (depth > limits::kMaxNestingDepth) {
    throw ValidationError(std::string(field), "nesting deeper than 32 levels");
  }
  switch (value.type()) {
    case Value::Type::kSS:
    case Value::Type::kNS:
    case Value::Type::kBS:
      if (value.size() == 0) {
        throw ValidationError(std::string(field), "a set may not be empty");
      }
      break;
    case Value::Type::kM:
      for (const auto& [name, element] : value.m()) {
        check_value_at_depth(element, field, depth + 1);
      }
      break;
    case Value::Type::kL:
      for (const Value& element : value.l()) check_value_at_depth(element, field, depth + 1);
      break;
    default:
      break;
  }
}

}  // namespace

void check_table_name(std::string_view name, std::string_view field) {
  bool chars_ok = std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '_' || c == '-' || c == '.';
  });
  if (name.size() < 3 || name.size() > 255 || !chars_ok) {
    throw ValidationError(std::string(field),
                          "3-255 characters of letters, digits, '_', '-' and '.'",
                          "got '" + std::string(name.substr(0, 64)) + "'");
  }
}

void check_table_definition(const TableDefinition& definition) {
  check_table_name(definition.name);
  check_attribute_name(definition.partition_key.name, "KeySchema.HASH");
  if (definition.sort_key) {
    check_attribute_name(definition.sort_key->name, "KeySchema.RANGE");
    if (definition.sort_key->name == definition.partition_key.name) {
      throw ValidationError("KeySchema", "partition and sort key must differ");
    }
  }
  if (definition.global_indexes.size() > kMaxGlobalIndexes) {
    throw ValidationError("GlobalSecondaryIndexes", "at most 20 indexes");
  }
  std::set<std::string, std::less<>> names;
  std::map<std::string, ScalarType, std::less<>> types{
      {definition.partition_key.name, definition.partition_key.type}};
  if (definition.sort_key) types[definition.sort_key->name] = definition.sort_key->type;
  for (const IndexDefinition& index : definition.global_indexes) {
    check_table_name(index.name, "GlobalSecondaryIndexes.IndexName");
    if (!names.insert(index.name).second) {
      throw ValidationError("GlobalSecondaryIndexes", "index names must be unique",
                            index.name);
    }
    std::vector<const KeyAttribute*> keys{&index.partition_key};
    if (index.sort_key) keys.push_back(&*index.sort_key);
    for (const KeyAttribute* key : keys) {
      check_attribute_name(key->name, "GlobalSecondaryIndexes.KeySchema");
      auto [it, inserted] = types.emplace(key->name, key->type);
      if (!inserted && it->second != key->type) {
        throw ValidationError("AttributeDefinitions", "one attribute has one type",
                              key->name);
      }
    }
    if (index.projection.type == Projection::Type::kInclude &&
        index.projection.non_key_attributes.empty()) {
      throw ValidationError("Projection.NonKeyAttributes", "INCLUDE names attributes");
    }
  }
}

void check_value(const Value& value, std::string_view field) {
  check_value_at_depth(value, field, 0);
}

void check_key(const TableDefinition& table, const Item& key, std::string_view field) {
  std::size_t expected = table.sort_key ? 2 : 1;
  check_key_value(table.partition_key, key, limits::kMaxPartitionKeyBytes, true, field);
  if (table.sort_key) {
    check_key_value(*table.sort_key, key, limits::kMaxSortKeyBytes, true, field);
  }
  if (key.size() != expected) {
    throw ValidationError(std::string(field),
                          "the key must hold exactly the table's key attributes");
  }
}

std::size_t check_item(const TableDefinition& table, const Item& item, std::string_view field) {
  check_key_value(table.partition_key, item, limits::kMaxPartitionKeyBytes, true, field);
  if (table.sort_key) {
    check_key_value(*table.sort_key, item, limits::kMaxSortKeyBytes, true, field);
  }
  for (const IndexDefinition& index : table.global_indexes) {
    check_key_value(index.partition_key, item, limits::kMaxPartitionKeyBytes, false, field);
    if (index.sort_key) {
      check_key_value(*index.sort_key, item, limits::kMaxSortKeyBytes, false, field);
    }
  }
  for (const auto& [name, value] : item) {
    if (name.empty()) throw ValidationError(std::string(field), "attribute names are not empty");
    if (value.is_m() || value.is_l() || value.is_set()) check_value(value, joined(field, name));
  }
  std::size_t size = item_size(item);
  if (size > limits::kMaxItemBytes) {
    throw ValidationError(std::string(field), "item size has exceeded the maximum of 400 KB",
                          std::to_string(size) + " bytes");
  }
  return size;
}

Item key_of(const TableDefinition& table, const Item& item) {
  Item key;
  for (const std::string& name : key_names(table)) {
    auto it = item.find(name);
    if (it != item.end()) key.emplace(name, it->second);
  }
  return key;
}

std::vector<std::string> key_names(const TableDefinition& table) {
  std::vector<std::string> names{table.partition_key.name};
  if (table.sort_key) names.push_back(table.sort_key->name);
  return names;
}

const IndexDefinition& find_index(const TableDefinition& table, std::string_view index) {
  for (const IndexDefinition& candidate : table.global_indexes) {
    if (candidate.name == index) return candidate;
  }
  throw ValidationError("IndexName", "the table has no index of that name",
                        std::string(index.substr(0, 255)));
}

std::vector<std::string> index_key_names(const TableDefinition& table,
                                         const IndexDefinition& index) {
  std::vector<std::string> names{index.partition_key.name};
  if (index.sort_key) names.push_back(index.sort_key->name);
  for (std::string& name : key_names(table)) {
    if (std::find(names.begin(), names.end(), name) == names.end()) {
      names.push_back(std::move(name));
    }
  }
  return names;
}

bool in_index(const IndexDefinition& index, const Item& item) {
  if (!item.contains(index.partition_key.name)) return false;
  return !index.sort_key || item.contains(index.sort_key->name);
}

Item project_for_index(const TableDefinition& table, const IndexDefinition& index,
                       const Item& item) {
  if (index.projection.type == Projection::Type::kAll) return item;
  Item projected;
  auto keep = [&](const std::string& name) {
    auto it = item.find(name);
    if (it != item.end()) projected.insert(*it);
  };
  for (const std::string& name : index_key_names(table, index)) keep(name);
  if (index.projection.type == Projection::Type::kInclude) {
    for (const std::string& name : index.projection.non_key_attributes) keep(name);
  }
  return projected;
}

void check_key_condition(const KeyAttribute& partition_key,
                         const std::optional<KeyAttribute>& sort_key,
                         const QueryRequest& request) {
  if (request.partition_value.type() != value_type(partition_key.type)) {
    throw ValidationError("KeyConditionExpression." + partition_key.name,
                          "type mismatch for key attribute");
  }
  if (!request.sort) return;
  if (!sort_key) {
    throw ValidationError("KeyConditionExpression", "the table or index has no sort key");
  }
  const SortKeyCondition& sort = *request.sort;
  // The field is named only on failure: a query that passes builds no message.
  auto fail = [&](const char* rule) {
    throw ValidationError("KeyConditionExpression." + sort_key->name, rule);
  };
  Value::Type expected = value_type(sort_key->type);
  if (sort.value.type() != expected) fail("type mismatch for key attribute");
  if (sort.op == SortKeyCondition::Op::kBeginsWith && sort_key->type == ScalarType::kN) {
    fail("begins_with applies to S and B keys only");
  }
  if (sort.op == SortKeyCondition::Op::kBetween) {
    if (!sort.high || sort.high->type() != expected) {
      fail("BETWEEN needs a high bound of the key's type");
    }
    if (*compare_scalars(sort.value, *sort.high) == std::strong_ordering::greater) {
      fail("BETWEEN needs low <= high");
    }
  }
}

}  // namespace alexdb::store
