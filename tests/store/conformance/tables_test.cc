#include "store_fixture.h"

namespace alexdb::conformance {
namespace {

class TablesTest : public StoreTest {};
ALEXDB_CONFORMANCE_SUITE(TablesTest);

TEST_P(TablesTest, CreateDescribeListDelete) {
  std::string name = make_gsi_table("tables");
  auto description = store_->describe_table(name);
  ASSERT_TRUE(description);
  EXPECT_EQ(description->status, "ACTIVE");
  EXPECT_EQ(description->definition.name, name);
  EXPECT_EQ(description->definition.partition_key, (KeyAttribute{"PK", ScalarType::kS}));
  EXPECT_EQ(description->definition.sort_key, (KeyAttribute{"SK", ScalarType::kS}));
  ASSERT_EQ(description->definition.global_indexes.size(), 1u);
  EXPECT_EQ(description->definition.global_indexes[0].name, "GSI1");
  EXPECT_EQ(description->definition.global_indexes[0].partition_key.name, "GSI1PK");
  EXPECT_EQ(description->definition.global_indexes[0].sort_key->name, "GSI1SK");

  auto names = store_->list_tables();
  EXPECT_NE(std::find(names.begin(), names.end(), name), names.end());

  store_->delete_table(name);
  EXPECT_FALSE(store_->describe_table(name));
  names = store_->list_tables();
  EXPECT_EQ(std::find(names.begin(), names.end(), name), names.end());
}

TEST_P(TablesTest, CreatingAnExistingTableFails) {
  std::string name = make_table("dup");
  TableDefinition again{name, {"PK", ScalarType::kS}, KeyAttribute{"SK", ScalarType::kS}, {}};
  EXPECT_THROW(store_->create_table(again), AlreadyExists);
}

TEST_P(TablesTest, MissingTablesAreNotFound) {
  std::string name = unique("missing");
  EXPECT_FALSE(store_->describe_table(name));
  EXPECT_THROW(store_->get({name, key("a", "b"), true, {}}), NotFound);
  EXPECT_THROW(store_->put({name, key("a", "b"), std::nullopt, ReturnValues::kNone}), NotFound);
  QueryRequest q;
  q.table = name;
  q.partition_value = S("a");
  EXPECT_THROW(store_->query(q), NotFound);
  EXPECT_THROW(store_->delete_table(name), NotFound);
}

TEST_P(TablesTest, BadTableNamesAreRejected) {
  EXPECT_THROW(store_->describe_table("a"), ValidationError);
  EXPECT_THROW(store_->describe_table("bad name!"), ValidationError);
}

}  // namespace
}  // namespace alexdb::conformance
