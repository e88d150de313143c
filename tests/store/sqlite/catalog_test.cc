// The embedded engine's catalog: table ids are never given twice, so another process's
// cached entry for a deleted table can only name SQLite tables that are gone.
#include "store/sqlite/catalog.h"

#include <gtest/gtest.h>

#include <optional>

#include "store/sqlite/connection.h"

namespace alexdb::sqlite {
namespace {

TableDefinition with_index(const std::string& name) {
  return {name,
          {"PK", ScalarType::kS},
          KeyAttribute{"SK", ScalarType::kS},
          {{"GSI1",
            {"GSI1PK", ScalarType::kS},
            KeyAttribute{"GSI1SK", ScalarType::kS},
            {Projection::Type::kAll, {}}}}};
}

TEST(CatalogTest, ATableCreatedAfterADeleteGetsANewId) {
  Connection connection(":memory:", false);
  ensure_catalog(connection);
  auto first = create_table_storage(connection, with_index("a"));
  auto other = create_table_storage(connection, with_index("b"));
  drop_table_storage(connection, *other);  // the highest id is free again
  auto again = create_table_storage(connection, with_index("b"));
  EXPECT_GT(again->id, other->id);
  EXPECT_NE(again->data_table, other->data_table);
  EXPECT_NE(again->index_tables, other->index_tables);
  drop_table_storage(connection, *first);
  drop_table_storage(connection, *again);
  auto last = create_table_storage(connection, with_index("a"));
  EXPECT_GT(last->id, again->id);
  ASSERT_NE(load_table(connection, "a"), nullptr);
  EXPECT_EQ(load_table(connection, "a")->id, last->id);
}

TEST(CatalogTest, SchemaVersionMovesWithEveryCreateAndDrop) {
  Connection connection(":memory:", false);
  ensure_catalog(connection);
  const std::int64_t start = schema_version(connection);
  auto info = create_table_storage(connection, with_index("a"));
  const std::int64_t created = schema_version(connection);
  EXPECT_GT(created, start);
  drop_table_storage(connection, *info);
  EXPECT_GT(schema_version(connection), created);
}

}  // namespace
}  // namespace alexdb::sqlite
