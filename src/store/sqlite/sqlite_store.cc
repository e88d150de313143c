#include "store/sqlite/sqlite_store.h"

#include <algorithm>
#include <string>

#include "alexdb/errors.h"
#include "model/item_codec.h"
#include "model/item_size.h"
#include "store/capacity.h"
#include "store/condition_eval.h"
#include "store/request_checks.h"
#include "store/sqlite/key_encoding.h"
#include "store/update_apply.h"

namespace alexdb::sqlite {

namespace {

// Readers and writers open as many connections as there are threads using the store.
constexpr std::size_t kMaxFileConnections = 64;

std::unique_ptr<Connection> open_connection(const SqliteOptions& options) {
  auto connection = std::make_unique<Connection>(options.memory ? ":memory:" : options.path,
                                                 options.synchronous_full);
  ensure_catalog(*connection);
  return connection;
}

// The encoded partition and sort key of an item (or key) of `definition`, as views into
// the item or into the scratch strings (key_bytes).
struct KeyBytes {
  std::string pk_scratch, sk_scratch;
  std::string_view pk, sk;
  KeyBytes(const TableDefinition& definition, const Item& item) {
    pk = key_bytes(item.at(definition.partition_key.name), pk_scratch);
    if (definition.sort_key) sk = key_bytes(item.at(definition.sort_key->name), sk_scratch);
  }
  KeyBytes(const KeyBytes&) = delete;  // the views may point into the scratch strings
  KeyBytes& operator=(const KeyBytes&) = delete;
};

// The encoded index keys of an item that is in `index`.
std::pair<std::string, std::string> encoded_index_key(const IndexDefinition& index,
                                                      const Item& item) {
  std::string gpk = encode_key(item.at(index.partition_key.name));
  std::string gsk = index.sort_key ? encode_key(item.at(index.sort_key->name)) : "";
  return {std::move(gpk), std::move(gsk)};
}

// Throws ValidationError when two ops of a batch write the same key of one table. A
// table's key attributes have one type each (checked), so the encoded key bytes tell
// keys apart.
void check_unique_keys(const std::vector<WriteOp>& chunk,
                       const std::vector<std::shared_ptr<const TableInfo>>& infos) {
  std::vector<std::string> seen;
  seen.reserve(chunk.size());
  for (std::size_t i = 0; i < chunk.size(); ++i) {
    KeyBytes k(infos[i]->definition, chunk[i].item);
    std::string id;
    id.reserve(24 + k.pk.size() + k.sk.size());
    id += std::to_string(infos[i]->id);
    id += '\0';
    id += std::to_string(k.pk.size());
    id += '\0';
    id += k.pk;
    id += k.sk;
    seen.push_back(std::move(id));
  }
  std::sort(seen.begin(), seen.end());
  if (std::adjacent_find(seen.begin(), seen.end()) != seen.end()) {
    throw ValidationError("RequestItems", "Provided list of item keys contains duplicates");
  }
}

void check_condition(const std::optional<Condition>& condition) {
  if (condition) store::validate_condition(*condition, "ConditionExpression");
}

void require_condition(const std::optional<Condition>& condition, const Item& old_item) {
  if (condition && !store::evaluate(*condition, old_item)) {
    throw ConditionFailed("The conditional request failed");
  }
}

}  // namespace

SqliteStore::SqliteStore(SqliteOptions options)
    : options_(std::move(options)),
      pool_([this] { return open_connection(options_); },
            options_.memory ? 1 : kMaxFileConnections) {
  // Open one connection now so that a bad path fails here, not at first use.
  auto lease = pool_.acquire();
}

std::string SqliteStore::name() const {
  return options_.memory ? std::string("memory:") : "sqlite:" + options_.path;
}

std::shared_ptr<const TableInfo> SqliteStore::table(Connection& connection, std::string_view name) {
  {
    std::shared_lock lock(tables_mutex_);
    auto it = tables_.find(name);
    if (it != tables_.end()) return it->second;
  }
  store::check_table_name(name);
  auto info = load_table(connection, name);
  if (!info) {
    throw NotFound("Requested resource not found: table " + std::string(name) + " does not exist");
  }
  std::unique_lock lock(tables_mutex_);
  tables_[std::string(name)] = info;
  return info;
}

void SqliteStore::forget_table(std::string_view name) {
  std::unique_lock lock(tables_mutex_);
  auto it = tables_.find(name);
  if (it != tables_.end()) tables_.erase(it);
}

bool SqliteStore::forget_tables() {
  std::unique_lock lock(tables_mutex_);
  bool cached = !tables_.empty();
  tables_.clear();
  return cached;
}

void SqliteStore::create_table(const TableDefinition& definition) {
  store::check_table_definition(definition);
  std::lock_guard write(write_mutex_);
  auto connection = pool_.acquire();
  Transaction tx(*connection, true);
  if (load_table(*connection, definition.name)) {
    throw AlreadyExists("Table already exists: " + definition.name);
  }
  auto info = create_table_storage(*connection, definition);
  tx.commit();
  std::unique_lock lock(tables_mutex_);
  tables_[definition.name] = info;
}

std::optional<TableDescription> SqliteStore::describe_table(std::string_view name) {
  store::check_table_name(name);
  auto connection = pool_.acquire();
  auto info = load_table(*connection, name);
  if (!info) return std::nullopt;
  TableDescription description{info->definition, "ACTIVE", 0};
  Statement count = connection->prepare("SELECT count(*) FROM " + info->data_table);
  if (count.step()) description.item_count = count.column_int(0);
  return description;
}

void SqliteStore::delete_table(std::string_view name) {
  store::check_table_name(name);
  std::lock_guard write(write_mutex_);
  auto connection = pool_.acquire();
  Transaction tx(*connection, true);
  auto info = load_table(*connection, name);
  if (!info) {
    throw NotFound("Requested resource not found: table " + std::string(name) + " does not exist");
  }
  drop_table_storage(*connection, *info);
  tx.commit();
  forget_table(name);
}

std::vector<std::string> SqliteStore::list_tables() {
  auto connection = pool_.acquire();
  return load_table_names(*connection);
}

std::optional<SqliteStore::Row> SqliteStore::load_row(Connection& connection, const TableInfo& info,
                                                      const Item& key, bool with_item) {
  KeyBytes k(info.definition, key);
  Statement stmt = connection.prepare(info.select_sql);
  stmt.bind_static(0, k.pk).bind_static(1, k.sk);
  if (!stmt.step()) return std::nullopt;
  Row row;
  row.size = static_cast<std::size_t>(stmt.column_int(1));
  if (with_item) row.item = codec::decode_item(stmt.column_blob(0));
  return row;
}

Decimal SqliteStore::store_row(Connection& connection, const TableInfo& info, const Item& key,
                               const Row* old_row, const Item* new_item, std::size_t new_size) {
  const TableDefinition& definition = info.definition;
  KeyBytes k(definition, key);
  const std::string_view pk = k.pk, sk = k.sk;
  if (new_item) {
    thread_local std::string encoded;  // reused: no allocation per write
    encoded.clear();
    codec::encode_item(*new_item, encoded);
    Statement put = connection.prepare(info.upsert_sql);
    put.bind_static(0, pk).bind_static(1, sk).bind_static(2, encoded);
    put.bind(3, static_cast<std::int64_t>(new_size));
    put.run();
  } else if (old_row) {
    Statement erase = connection.prepare(info.delete_sql);
    erase.bind_static(0, pk).bind_static(1, sk);
    erase.run();
  }
  Decimal units = store::write_units(std::max(old_row ? old_row->size : 0, new_size));

  for (std::size_t i = 0; i < definition.global_indexes.size(); ++i) {
    const IndexDefinition& index = definition.global_indexes[i];
    bool was_in = old_row && store::in_index(index, old_row->item);
    bool now_in = new_item && store::in_index(index, *new_item);
    if (!was_in && !now_in) continue;
    std::pair<std::string, std::string> old_key, new_key;
    if (was_in) old_key = encoded_index_key(index, old_row->item);
    if (now_in) new_key = encoded_index_key(index, *new_item);
    bool moved = was_in && now_in && old_key != new_key;
    if (was_in && (!now_in || moved)) {
      Statement erase = connection.prepare(info.index_sql[i].erase);
      erase.bind(0, old_key.first).bind(1, old_key.second).bind_static(2, pk).bind_static(3, sk);
      erase.run();
    }
    if (now_in && (!was_in || moved)) {
      Statement insert = connection.prepare(info.index_sql[i].insert);
      insert.bind(0, new_key.first).bind(1, new_key.second).bind_static(2, pk).bind_static(3, sk);
      insert.run();
    }
    // An index write per entry touched: removing and adding an entry are two.
    std::size_t old_projected =
        was_in ? item_size(store::project_for_index(definition, index, old_row->item)) : 0;
    std::size_t new_projected =
        now_in ? item_size(store::project_for_index(definition, index, *new_item)) : 0;
    units += store::write_units(std::max(old_projected, new_projected));
    if (moved) units += store::write_units(old_projected);
  }
  return units;
}

GetResult SqliteStore::get(const GetRequest& request) {
  return with_current_catalog([&] {
    auto connection = pool_.acquire();
    auto info = table(*connection, request.table);
    store::check_key(info->definition, request.key);
    GetResult result;
    auto row = load_row(*connection, *info, request.key);
    result.consumed.read_units = store::read_units(row ? row->size : 0, request.consistent_read);
    if (row) {
      result.item = request.projection.empty() ? std::move(row->item)
                                               : store::project(row->item, request.projection);
    }
    return result;
  });
}

WriteResult SqliteStore::put(const PutRequest& request) {
  if (request.return_values != ReturnValues::kNone &&
      request.return_values != ReturnValues::kAllOld) {
    throw ValidationError("ReturnValues", "PutItem returns NONE or ALL_OLD");
  }
  check_condition(request.condition);
  return with_current_catalog([&] {
    std::lock_guard write(write_mutex_);
    auto connection = pool_.acquire();
    auto info = table(*connection, request.table);
    const std::size_t size = store::check_item(info->definition, request.item);
    // The item holds its key: load_row and store_row read only the key attributes.
    const Item& key = request.item;
    const bool old_item_needed = request.condition ||
                                 request.return_values == ReturnValues::kAllOld ||
                                 !info->definition.global_indexes.empty();
    Transaction tx(*connection, true);
    auto old_row = load_row(*connection, *info, key, old_item_needed);
    require_condition(request.condition, old_row ? old_row->item : Item{});
    WriteResult result;
    result.consumed.write_units =
        store_row(*connection, *info, key, old_row ? &*old_row : nullptr, &request.item, size);
    tx.commit();
    if (request.return_values == ReturnValues::kAllOld && old_row) {
      result.attributes = std::move(old_row->item);
    }
    return result;
  });
}

WriteResult SqliteStore::update(const UpdateRequest& request) {
  check_condition(request.condition);
  return with_current_catalog([&] {
    std::lock_guard write(write_mutex_);
    auto connection = pool_.acquire();
    auto info = table(*connection, request.table);
    const TableDefinition& definition = info->definition;
    store::check_key(definition, request.key);
    std::vector<std::string> keys = store::key_names(definition);
    store::validate_update(request.update, keys);
    Transaction tx(*connection, true);
    auto old_row = load_row(*connection, *info, request.key);
    require_condition(request.condition, old_row ? old_row->item : Item{});
    store::UpdateOutcome outcome =
        store::apply_update(old_row ? old_row->item : request.key, request.update, keys);
    const std::size_t size = store::check_item(definition, outcome.item);
    WriteResult result;
    result.consumed.write_units = store_row(*connection, *info, request.key,
                                            old_row ? &*old_row : nullptr, &outcome.item, size);
    tx.commit();
    switch (request.return_values) {
      case ReturnValues::kNone:
        break;
      case ReturnValues::kAllOld:
        if (old_row) result.attributes = std::move(old_row->item);
        break;
      case ReturnValues::kUpdatedOld:
        if (old_row) result.attributes = store::project(old_row->item, outcome.paths);
        break;
      case ReturnValues::kAllNew:
        result.attributes = std::move(outcome.item);
        break;
      case ReturnValues::kUpdatedNew:
        result.attributes = store::project(outcome.item, outcome.paths);
        break;
    }
    if (result.attributes && result.attributes->empty()) result.attributes.reset();
    return result;
  });
}

WriteResult SqliteStore::remove(const DeleteRequest& request) {
  if (request.return_values != ReturnValues::kNone &&
      request.return_values != ReturnValues::kAllOld) {
    throw ValidationError("ReturnValues", "DeleteItem returns NONE or ALL_OLD");
  }
  check_condition(request.condition);
  return with_current_catalog([&] {
    std::lock_guard write(write_mutex_);
    auto connection = pool_.acquire();
    auto info = table(*connection, request.table);
    store::check_key(info->definition, request.key);
    const bool old_item_needed = request.condition ||
                                 request.return_values == ReturnValues::kAllOld ||
                                 !info->definition.global_indexes.empty();
    Transaction tx(*connection, true);
    auto old_row = load_row(*connection, *info, request.key, old_item_needed);
    require_condition(request.condition, old_row ? old_row->item : Item{});
    WriteResult result;
    result.consumed.write_units =
        store_row(*connection, *info, request.key, old_row ? &*old_row : nullptr, nullptr, 0);
    tx.commit();
    if (request.return_values == ReturnValues::kAllOld && old_row) {
      result.attributes = std::move(old_row->item);
    }
    return result;
  });
}

namespace {

// Adds `units` to the entry of `table` in a batch result's per-table units.
template <typename TableUnits>
void add_embedded_table_units(std::vector<TableUnits>& by_table, const std::string& table,
                              const ConsumedCapacity& units) {
  auto it = std::find_if(by_table.begin(), by_table.end(),
                         [&](const TableUnits& entry) { return entry.table == table; });
  if (it == by_table.end()) it = by_table.insert(by_table.end(), TableUnits{table, {}});
  it->consumed += units;
}

}  // namespace

Store::BatchGetChunkResult SqliteStore::batch_get_chunk(const BatchGetRequest& chunk) {
  return with_current_catalog([&] {
    BatchGetChunkResult result;
    auto connection = pool_.acquire();
    std::size_t total = 0;
    for (const auto& table_keys : chunk.tables) total += table_keys.keys.size();
    if (total > limits::kBatchGetKeys) {
      throw ValidationError("RequestItems", "at most 100 keys per BatchGetItem call");
    }
    for (const auto& table_keys : chunk.tables) {
      auto info = table(*connection, table_keys.table);
      std::vector<Item>& found = result.items.emplace_back();
      for (const Item& key : table_keys.keys) {
        store::check_key(info->definition, key, "RequestItems.Keys");
        auto row = load_row(*connection, *info, key);
        ConsumedCapacity units;
        units.read_units = store::read_units(row ? row->size : 0, table_keys.consistent_read);
        result.consumed += units;
        add_embedded_table_units(result.by_table, table_keys.table, units);
        if (!row) continue;
        found.push_back(table_keys.projection.empty()
                            ? std::move(row->item)
                            : store::project(row->item, table_keys.projection));
      }
    }
    return result;
  });
}

Store::BatchWriteChunkResult SqliteStore::batch_write_chunk(const std::vector<WriteOp>& chunk) {
  if (chunk.empty() || chunk.size() > limits::kBatchWriteItems) {
    throw ValidationError("RequestItems", "1 to 25 writes per BatchWriteItem call");
  }
  return with_current_catalog([&] {
    std::lock_guard write(write_mutex_);
    auto connection = pool_.acquire();
    // Check every op before writing any, so a bad one leaves everything untouched.
    // A put's item holds its key and a delete's item is its key: load_row and store_row
    // read only the key attributes of op.item.
    std::vector<std::shared_ptr<const TableInfo>> infos;
    std::vector<std::size_t> sizes;
    infos.reserve(chunk.size());
    sizes.reserve(chunk.size());
    for (const WriteOp& op : chunk) {
      auto info = table(*connection, op.table);
      if (op.kind == WriteOp::Kind::kPut) {
        sizes.push_back(
            store::check_item(info->definition, op.item, "RequestItems.PutRequest.Item"));
      } else {
        store::check_key(info->definition, op.item, "RequestItems.DeleteRequest.Key");
        sizes.push_back(0);
      }
      infos.push_back(std::move(info));
    }
    check_unique_keys(chunk, infos);
    BatchWriteChunkResult result;
    Transaction tx(*connection, true);
    for (std::size_t i = 0; i < chunk.size(); ++i) {
      const Item& key = chunk[i].item;
      auto old_row =
          load_row(*connection, *infos[i], key, !infos[i]->definition.global_indexes.empty());
      const Item* new_item = chunk[i].kind == WriteOp::Kind::kPut ? &chunk[i].item : nullptr;
      ConsumedCapacity units;
      units.write_units =
          store_row(*connection, *infos[i], key, old_row ? &*old_row : nullptr, new_item, sizes[i]);
      result.consumed += units;
      add_embedded_table_units(result.by_table, chunk[i].table, units);
    }
    tx.commit();
    return result;
  });
}

}  // namespace alexdb::sqlite
