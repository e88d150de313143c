#include "store/sqlite/catalog.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "alexdb/errors.h"

namespace alexdb::sqlite {

namespace {

using nlohmann::json;

json key_to_json(const KeyAttribute& key) {
  return {{"name", key.name}, {"type", std::string(scalar_type_name(key.type))}};
}

KeyAttribute key_from_json(const json& j) {
  std::string type = j.at("type").get<std::string>();
  ScalarType t = type == "S" ? ScalarType::kS : type == "N" ? ScalarType::kN : ScalarType::kB;
  return {j.at("name").get<std::string>(), t};
}

std::shared_ptr<TableInfo> make_info(std::int64_t id, TableDefinition definition) {
  auto info = std::make_shared<TableInfo>();
  info->id = id;
  info->data_table = "t" + std::to_string(id);
  info->select_sql = "SELECT item, size FROM " + info->data_table + " WHERE pk = ? AND sk = ?";
  info->upsert_sql =
      "INSERT OR REPLACE INTO " + info->data_table + " (pk, sk, item, size) VALUES (?, ?, ?, ?)";
  info->delete_sql = "DELETE FROM " + info->data_table + " WHERE pk = ? AND sk = ?";
  for (std::size_t i = 0; i < definition.global_indexes.size(); ++i) {
    std::string index_table = info->data_table + "_g" + std::to_string(i);
    info->index_sql.push_back(
        {"INSERT OR REPLACE INTO " + index_table + " (gpk, gsk, pk, sk) VALUES (?, ?, ?, ?)",
         "DELETE FROM " + index_table + " WHERE gpk = ? AND gsk = ? AND pk = ? AND sk = ?"});
    info->index_tables.push_back(std::move(index_table));
  }
  info->definition = std::move(definition);
  return info;
}

}  // namespace

std::string definition_to_json(const TableDefinition& definition) {
  json j = {{"name", definition.name}, {"partition_key", key_to_json(definition.partition_key)}};
  if (definition.sort_key) j["sort_key"] = key_to_json(*definition.sort_key);
  json indexes = json::array();
  for (const IndexDefinition& index : definition.global_indexes) {
    json ji = {{"name", index.name}, {"partition_key", key_to_json(index.partition_key)}};
    if (index.sort_key) ji["sort_key"] = key_to_json(*index.sort_key);
    const char* projection = index.projection.type == Projection::Type::kAll        ? "ALL"
                             : index.projection.type == Projection::Type::kKeysOnly ? "KEYS_ONLY"
                                                                                    : "INCLUDE";
    ji["projection"] = projection;
    ji["non_key_attributes"] = index.projection.non_key_attributes;
    indexes.push_back(std::move(ji));
  }
  j["global_indexes"] = std::move(indexes);
  return j.dump();
}

TableDefinition definition_from_json(std::string_view text) {
  try {
    json j = json::parse(text);
    TableDefinition definition;
    definition.name = j.at("name").get<std::string>();
    definition.partition_key = key_from_json(j.at("partition_key"));
    if (j.contains("sort_key")) definition.sort_key = key_from_json(j.at("sort_key"));
    for (const json& ji : j.at("global_indexes")) {
      IndexDefinition index;
      index.name = ji.at("name").get<std::string>();
      index.partition_key = key_from_json(ji.at("partition_key"));
      if (ji.contains("sort_key")) index.sort_key = key_from_json(ji.at("sort_key"));
      std::string projection = ji.at("projection").get<std::string>();
      index.projection.type = projection == "ALL"         ? Projection::Type::kAll
                              : projection == "KEYS_ONLY" ? Projection::Type::kKeysOnly
                                                          : Projection::Type::kInclude;
      index.projection.non_key_attributes =
          ji.at("non_key_attributes").get<std::vector<std::string>>();
      definition.global_indexes.push_back(std::move(index));
    }
    return definition;
  } catch (const json::exception& e) {
    throw StoreError(std::string("damaged table definition in the catalog: ") + e.what());
  }
}

std::int64_t schema_version(Connection& connection) {
  Statement stmt = connection.prepare("PRAGMA schema_version");
  if (!stmt.step()) throw StoreError("sqlite: PRAGMA schema_version returned no row");
  return stmt.column_int(0);
}

void ensure_catalog(Connection& connection) {
  connection.exec(
      "CREATE TABLE IF NOT EXISTS alexdb_tables ("
      "name TEXT PRIMARY KEY, id INTEGER NOT NULL UNIQUE, definition TEXT NOT NULL)");
}

std::shared_ptr<const TableInfo> load_table(Connection& connection, std::string_view name) {
  Statement stmt = connection.prepare("SELECT id, definition FROM alexdb_tables WHERE name = ?");
  stmt.bind_text(0, name);
  if (!stmt.step()) return nullptr;
  return make_info(stmt.column_int(0), definition_from_json(stmt.column_blob(1)));
}

std::vector<std::string> load_table_names(Connection& connection) {
  Statement stmt = connection.prepare("SELECT name FROM alexdb_tables ORDER BY name");
  std::vector<std::string> names;
  while (stmt.step()) names.emplace_back(stmt.column_blob(0));
  return names;
}

std::shared_ptr<const TableInfo> create_table_storage(Connection& connection,
                                                      const TableDefinition& definition) {
  // Above every id in use and above the schema version, which every CREATE TABLE has
  // raised (by one per SQLite table): so no id of a deleted table is ever given again,
  // and another process's cached entry for it can only name tables that are gone.
  std::int64_t id = schema_version(connection) + 1;
  {
    Statement next = connection.prepare("SELECT coalesce(max(id), 0) + 1 FROM alexdb_tables");
    if (next.step()) id = std::max(id, next.column_int(0));
  }
  auto info = make_info(id, definition);
  connection.exec("CREATE TABLE " + info->data_table +
                  " (pk BLOB NOT NULL, sk BLOB NOT NULL, item BLOB NOT NULL, size INTEGER NOT "
                  "NULL, PRIMARY KEY (pk, sk)) WITHOUT ROWID");
  for (const std::string& index_table : info->index_tables) {
    connection.exec("CREATE TABLE " + index_table +
                    " (gpk BLOB NOT NULL, gsk BLOB NOT NULL, pk BLOB NOT NULL, sk BLOB NOT NULL, "
                    "PRIMARY KEY (gpk, gsk, pk, sk)) WITHOUT ROWID");
  }
  Statement insert =
      connection.prepare("INSERT INTO alexdb_tables (name, id, definition) VALUES (?, ?, ?)");
  insert.bind_text(0, definition.name).bind(1, id).bind_text(2, definition_to_json(definition));
  insert.run();
  return info;
}

void drop_table_storage(Connection& connection, const TableInfo& info) {
  for (const std::string& index_table : info.index_tables) {
    connection.exec("DROP TABLE IF EXISTS " + index_table);
  }
  connection.exec("DROP TABLE IF EXISTS " + info.data_table);
  Statement erase = connection.prepare("DELETE FROM alexdb_tables WHERE id = ?");
  erase.bind(0, info.id);
  erase.run();
}

}  // namespace alexdb::sqlite
