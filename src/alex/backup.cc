// backup_store, check_backup and restore_store (alexdb/backup.h).
#include "alexdb/backup.h"

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "alex/backup_file.h"
#include "alex/backup_scan.h"
#include "alex/backup_target.h"
#include "alexdb/timestamp.h"
#include "model/json_codec.h"
#include "store/dynamodb/table_json.h"
#include "store/request_checks.h"

namespace alexdb {

namespace {

using backup::TableRole;
using nlohmann::json;

// Keys per batch read when a merged restore reads its items back (BatchGetItem's limit).
constexpr std::size_t kReadBackKeys = 100;
// Items per batch write (BatchWriteItem's limit).
constexpr std::size_t kRestoreBatchItems = 25;

// A table's definition in the header: CreateTable's keys, without the name and billing.
json header_definition(const TableDefinition& definition) {
  json j = dynamodb::create_table_request(definition);
  j.erase("TableName");
  j.erase("BillingMode");
  return j;
}

json header_of(Store& store, const std::vector<TableRole>& roles, bool point_in_time) {
  json tables = json::array();
  for (const TableRole& r : roles) {
    tables.push_back({{"role", r.role},
                      {"name", r.definition.name},
                      {"definition", header_definition(r.definition)}});
  }
  return {{"format", backup::kFormatName},
          {"version", backup::kFormatVersion},
          {"created_at", Timestamp::now().to_string()},
          {"source", store.name()},
          {"point_in_time", point_in_time},
          {"hash", backup::kHashName},
          {"tables", tables}};
}

// The backup file's content, checked line by line as it is read.
class BackupParser {
 public:
  BackupParser(const std::string& path, const std::vector<TableRole>& roles)
      : reader_(path), roles_(roles), hashes_(roles.size()) {}

  // Reads the whole file, passing each item to `on_item(k, item)` (k: its table's
  // position in the roles) once its line is checked; returns the trailer's tables.
  std::vector<TableContent> read(const std::function<void(std::size_t, const Item&)>& on_item) {
    std::string line;
    if (!reader_.next(line)) fail("empty file: not an alexdb backup");
    check_header(parse(line));
    while (reader_.next(line)) {
      json j = parse(line);
      if (j.contains("trailer")) return check_trailer(j);
      auto [k, item] = item_of(j);
      hashes_[k].add(item);
      if (on_item) on_item(k, item);
    }
    fail("truncated: no trailer line (the backup did not finish, or the file was cut)");
  }

 private:
  [[noreturn]] void fail(const std::string& why) const {
    throw BackupError("backup file " + reader_.path() + " line " +
                      std::to_string(reader_.line_number()) + ": " + why);
  }

  json parse(const std::string& line) const {
    try {
      json j = json::parse(line);
      if (!j.is_object()) fail("not a JSON object");
      return j;
    } catch (const json::exception& e) {
      fail(std::string("not valid JSON (") + e.what() + ")");
    }
  }

  void check_header(const json& h) const {
    if (h.value("format", "") != backup::kFormatName) fail("not an alexdb backup (no format)");
    if (!h.contains("version") || !h["version"].is_number_integer()) fail("no format version");
    if (h["version"].get<std::int64_t>() != backup::kFormatVersion) {
      fail("format version " + h["version"].dump() + " is not one this alexdb reads (1)");
    }
    if (h.value("hash", "") != backup::kHashName) fail("unknown content hash");
    const json tables = h.value("tables", json::array());
    if (!tables.is_array() || tables.size() != roles_.size()) fail("header: tables missing");
    for (std::size_t k = 0; k < roles_.size(); ++k) {
      if (!tables[k].is_object() || tables[k].value("role", "") != roles_[k].role) {
        fail("header: table " + std::to_string(k) + " is not the " + roles_[k].role + " table");
      }
      if (tables[k].value("definition", json()) != header_definition(roles_[k].definition)) {
        fail("header: the " + roles_[k].role +
             " table's keys and indexes are not the ones this alexdb uses");
      }
    }
  }

  std::pair<std::size_t, Item> item_of(const json& j) const {
    const std::string role = j.contains("table") && j["table"].is_string() ? j["table"] : "";
    for (std::size_t k = 0; k < roles_.size(); ++k) {
      if (roles_[k].role != role) continue;
      if (!j.contains("item")) fail("no item");
      try {
        Item item = codec::item_from_json(j["item"], "item");
        store::check_item(roles_[k].definition, item, "item");
        return {k, std::move(item)};
      } catch (const ValidationError& e) {
        fail(std::string("bad item: ") + e.what());
      }
    }
    fail("not an item of the users or instruments table");
  }

  std::vector<TableContent> check_trailer(const json& t) {
    std::string extra;
    if (reader_.next(extra)) fail("a line after the trailer");
    const json tables = t.value("tables", json::array());
    if (!tables.is_array() || tables.size() != roles_.size()) fail("trailer: tables missing");
    std::vector<TableContent> out;
    for (std::size_t k = 0; k < roles_.size(); ++k) {
      const json& e = tables[k];
      if (!e.is_object() || e.value("role", "") != roles_[k].role || !e.contains("items") ||
          !e["items"].is_number_integer()) {
        fail("trailer: no count for the " + roles_[k].role + " table");
      }
      TableContent c{roles_[k].role, roles_[k].definition.name, e["items"].get<std::int64_t>(),
                     e.value("hash", "")};
      if (c.items != hashes_[k].count()) {
        fail("the " + c.role + " table has " + std::to_string(hashes_[k].count()) +
             " items, the trailer says " + std::to_string(c.items) + " (damaged or truncated)");
      }
      if (c.hash != hashes_[k].hex()) {
        fail("the " + c.role + " table's content hash differs from the trailer's (damaged)");
      }
      out.push_back(std::move(c));
    }
    return out;
  }

  backup::LineReader reader_;
  const std::vector<TableRole>& roles_;
  std::vector<ContentHash> hashes_;
};

// The content of the backup's keys as the store holds them now.
std::vector<TableContent> read_back(Store& store, const std::string& path,
                                    const std::vector<TableRole>& roles) {
  std::vector<ContentHash> hashes(roles.size());
  std::vector<std::vector<Item>> keys(roles.size());
  auto flush = [&](std::size_t k) {
    BatchGetRequest request;
    request.tables.push_back({roles[k].definition.name, std::move(keys[k]), true});
    keys[k].clear();
    BatchGetResult found = store.batch_get(request);
    for (const Item& item : found.items[0]) hashes[k].add(item);
  };
  BackupParser(path, roles).read([&](std::size_t k, const Item& item) {
    keys[k].push_back(store::key_of(roles[k].definition, item));
    if (keys[k].size() == kReadBackKeys) flush(k);
  });
  std::vector<TableContent> out;
  for (std::size_t k = 0; k < roles.size(); ++k) {
    if (!keys[k].empty()) flush(k);
    out.push_back({roles[k].role, roles[k].definition.name, hashes[k].count(), hashes[k].hex()});
  }
  return out;
}

}  // namespace

BackupResult backup_store(Store& store, const StoreTables& tables, const std::string& path,
                          const BackupOptions& options) {
  backup::check_segment_count(options.segments);
  std::vector<TableRole> roles = backup::table_roles(tables);
  for (const TableRole& r : roles) {
    if (!store.describe_table(r.definition.name)) {
      throw NotFound("Requested resource not found: table " + r.definition.name +
                     " does not exist in " + store.name());
    }
  }
  BackupResult result;
  result.source = store.name();
  result.point_in_time = backup::has_snapshot(store);
  backup::LineWriter writer(path);
  writer.write(header_of(store, roles, result.point_in_time));
  std::vector<ContentHash> hashes(roles.size());
  backup::read_tables(
      store, roles, options.segments,
      [&](std::size_t k, const Item& item) {
        hashes[k].add(item);
        writer.write({{"table", roles[k].role}, {"item", codec::to_json(item)}});
      },
      options.progress);
  json trailer_tables = json::array();
  for (std::size_t k = 0; k < roles.size(); ++k) {
    TableContent c{roles[k].role, roles[k].definition.name, hashes[k].count(), hashes[k].hex()};
    trailer_tables.push_back({{"role", c.role}, {"items", c.items}, {"hash", c.hash}});
    result.tables.push_back(std::move(c));
  }
  writer.write({{"trailer", true}, {"tables", trailer_tables}});
  writer.finish();
  return result;
}

std::vector<TableContent> check_backup(const std::string& path) {
  std::vector<TableRole> roles = backup::table_roles({});
  std::vector<TableContent> out = BackupParser(path, roles).read({});
  for (TableContent& c : out) c.table.clear();
  return out;
}

RestoreResult restore_store(Store& store, const StoreTables& tables, const std::string& path,
                            const RestoreOptions& options) {
  std::vector<TableRole> roles = backup::table_roles(tables);
  RestoreResult result;
  result.expected = BackupParser(path, roles).read({});  // nothing written unless it passes
  backup::prepare_targets(store, roles, options.merge, "restore");

  std::vector<WriteOp> batch;
  std::vector<std::int64_t> written(roles.size(), 0);
  auto flush = [&] {
    if (batch.empty()) return;
    store.batch_write(batch);
    batch.clear();
  };
  BackupParser(path, roles).read([&](std::size_t k, const Item& item) {
    batch.push_back(WriteOp::put(roles[k].definition.name, item));
    if (batch.size() == kRestoreBatchItems) flush();
    if (options.progress && ++written[k] % 1000 == 0)
      options.progress(roles[k].role, written[k], false);
  });
  flush();
  if (options.progress) {
    for (std::size_t k = 0; k < roles.size(); ++k)
      options.progress(roles[k].role, written[k], true);
  }
  result.found =
      options.merge ? read_back(store, path, roles) : backup::content_of(store, roles, 4);
  return result;
}

bool RestoreResult::ok() const {
  if (expected.size() != found.size()) return false;
  for (std::size_t k = 0; k < expected.size(); ++k) {
    if (!expected[k].same_content(found[k])) return false;
  }
  return true;
}

}  // namespace alexdb
