// alexdb tables create|describe|delete: the two tables, from the code's one definition.
#include <CLI/CLI.hpp>
#include <iostream>

#include "alexdb/errors.h"
#include "context.h"
#include "output.h"

namespace alexdb::cli {
namespace tables_cmd {

std::string key_text(const KeyAttribute& key) {
  return key.name + " (" + std::string(scalar_type_name(key.type)) + ")";
}

// The item count for people: DynamoDB's approximate one marked with "~".
std::string item_count_text(const TableDescription& found) {
  std::string count = std::to_string(found.item_count);
  return found.item_count_exact ? count : "~" + count + " (approximate)";
}

nlohmann::json describe_json(const TableDefinition& definition,
                             const std::optional<TableDescription>& found) {
  nlohmann::json table{{"name", definition.name}, {"exists", found.has_value()}};
  if (!found) return table;
  const TableDefinition& d = found->definition;
  table["status"] = found->status;
  table["item_count"] = std::to_string(found->item_count);
  table["item_count_exact"] = found->item_count_exact;
  table["partition_key"] = {{"name", d.partition_key.name},
                            {"type", scalar_type_name(d.partition_key.type)}};
  if (d.sort_key) {
    table["sort_key"] = {{"name", d.sort_key->name}, {"type", scalar_type_name(d.sort_key->type)}};
  }
  table["global_indexes"] = nlohmann::json::array();
  for (const IndexDefinition& index : d.global_indexes) {
    nlohmann::json i{{"name", index.name}, {"partition_key", index.partition_key.name}};
    if (index.sort_key) i["sort_key"] = index.sort_key->name;
    table["global_indexes"].push_back(i);
  }
  table["matches_code"] = d == definition;
  return table;
}

void create(Context& context) {
  Database& db = context.db(Context::MissingTables::kLeave);
  std::vector<std::string> created = db.create_tables();
  nlohmann::json result = nlohmann::json::array();
  for (const TableDefinition& d :
       {db.users_table_definition(), db.instruments_table_definition()}) {
    bool is_new = std::find(created.begin(), created.end(), d.name) != created.end();
    result.push_back({{"name", d.name}, {"created", is_new}});
    if (!context.json()) {
      std::cout << d.name << ": " << (is_new ? "created" : "exists already") << '\n';
    }
  }
  if (context.json()) print_json(result);
}

void describe(Context& context) {
  Database& db = context.db(Context::MissingTables::kLeave);
  nlohmann::json result = nlohmann::json::array();
  Table table({"TABLE", "STATUS", "ITEMS", "KEYS", "INDEXES", "MATCHES CODE"});
  table.right(2);
  bool approximate = false;
  for (const TableDefinition& d :
       {db.users_table_definition(), db.instruments_table_definition()}) {
    auto found = db.store().describe_table(d.name);
    nlohmann::json info = describe_json(d, found);
    result.push_back(info);
    if (!found) {
      context.fail();
      table.add({d.name, "MISSING", "", "", "", ""});
      continue;
    }
    const TableDefinition& actual = found->definition;
    std::string keys = key_text(actual.partition_key);
    if (actual.sort_key) keys += ", " + key_text(*actual.sort_key);
    std::string indexes;
    for (const IndexDefinition& index : actual.global_indexes) {
      if (!indexes.empty()) indexes += "; ";
      indexes += index.name + " on " + index.partition_key.name +
                 (index.sort_key ? "/" + index.sort_key->name : "");
    }
    bool matches = info["matches_code"].get<bool>();
    if (!matches) context.fail();
    approximate = approximate || !found->item_count_exact;
    table.add({d.name, found->status, item_count_text(*found), keys,
               indexes.empty() ? "-" : indexes, matches ? "yes" : "NO"});
  }
  if (context.json()) {
    print_json(result);
  } else {
    table.print(std::cout);
    if (approximate) {
      std::cout << "~ approximate: DynamoDB's item count (ItemCount), which AWS updates about "
                   "every 6 hours\n";
    }
  }
}

void remove(Context& context, bool yes) {
  if (!yes) {
    throw ValidationError("--yes", "required: deleting the tables deletes all their data");
  }
  Database& db = context.db(Context::MissingTables::kLeave);
  nlohmann::json result = nlohmann::json::array();
  for (const TableDefinition& d :
       {db.users_table_definition(), db.instruments_table_definition()}) {
    bool deleted = true;
    try {
      db.store().delete_table(d.name);
    } catch (const NotFound&) {
      deleted = false;
    }
    result.push_back({{"name", d.name}, {"deleted", deleted}});
    if (!context.json()) std::cout << d.name << ": " << (deleted ? "deleted" : "absent") << '\n';
  }
  if (context.json()) print_json(result);
}

}  // namespace tables_cmd

void add_tables_commands(CLI::App& app, Context& context) {
  using namespace tables_cmd;
  CLI::App* tables = app.add_subcommand("tables", "create, describe or delete the two tables");
  tables->require_subcommand(1);
  tables->footer("Example: alexdb tables create");

  tables->add_subcommand("create", "create the tables where missing (waits until active)")
      ->footer("Example: alexdb --store sqlite:alex.db tables create")
      ->callback([&context] { create(context); });
  tables
      ->add_subcommand("describe",
                       "keys, indexes, status and item counts (exit 1 if missing; on DynamoDB "
                       "the count is approximate, updated by AWS about every 6 hours)")
      ->footer("Example: alexdb tables describe --json")
      ->callback([&context] { describe(context); });
  CLI::App* del = tables->add_subcommand("delete", "delete both tables and all their data");
  auto yes = std::make_shared<bool>(false);
  del->add_flag("--yes", *yes, "confirm");
  del->footer(
      "Example: alexdb --users-table test-users --instruments-table test-instr tables delete "
      "--yes");
  del->callback([&context, yes] { remove(context, *yes); });
}

}  // namespace alexdb::cli
