// Tables: create, describe, list, delete, and the errors of each.
#include "store_fixture.h"

namespace alexdb::conformance {
namespace {

class TablesTest : public StoreTest {};
ALEXDB_CONFORMANCE_SUITE(TablesTest);

TEST_P(TablesTest, CreateDescribeListDelete) {
  std::string name = make_table("tables");
  auto description = store_->describe_table(name);
  ASSERT_TRUE(description);
  EXPECT_EQ(description->status, "ACTIVE");
  EXPECT_EQ(description->item_count, 0);
  // The embedded engine counts; DynamoDB's ItemCount is refreshed about every 6 hours.
  EXPECT_EQ(description->item_count_exact, !on_dynalite());
  EXPECT_EQ(
      description->definition,
      (TableDefinition{name, {"PK", ScalarType::kS}, KeyAttribute{"SK", ScalarType::kS}, {}}));

  auto names = store_->list_tables();
  EXPECT_NE(std::find(names.begin(), names.end(), name), names.end());

  store_->delete_table(name);
  EXPECT_FALSE(store_->describe_table(name));
  names = store_->list_tables();
  EXPECT_EQ(std::find(names.begin(), names.end(), name), names.end());
}

TEST_P(TablesTest, EmbeddedItemCountIsExactAtOnce) {
  if (on_dynalite()) GTEST_SKIP() << "DynamoDB's item count is approximate";
  std::string name = make_table("count");
  for (int i = 0; i < 3; ++i) {
    put(name, item("p" + std::to_string(i), "s"));
  }
  auto description = store_->describe_table(name);
  ASSERT_TRUE(description);
  EXPECT_EQ(description->item_count, 3);
  EXPECT_TRUE(description->item_count_exact);
}

TEST_P(TablesTest, ListTablesIsSorted) {
  std::string b = make_table("list-b");
  std::string a = make_table("list-a");
  auto names = store_->list_tables();
  EXPECT_TRUE(std::is_sorted(names.begin(), names.end()));
  auto pos_a = std::find(names.begin(), names.end(), a);
  auto pos_b = std::find(names.begin(), names.end(), b);
  ASSERT_NE(pos_a, names.end());
  ASSERT_NE(pos_b, names.end());
  EXPECT_LT(pos_a, pos_b);
}

TEST_P(TablesTest, KeyTypesAndAHashOnlyKeyRoundTrip) {
  std::string numeric =
      create({"types-n", {"id", ScalarType::kN}, KeyAttribute{"at", ScalarType::kB}, {}});
  std::string hash_only = create({"types-h", {"id", ScalarType::kB}, std::nullopt, {}});
  EXPECT_EQ(
      store_->describe_table(numeric)->definition,
      (TableDefinition{numeric, {"id", ScalarType::kN}, KeyAttribute{"at", ScalarType::kB}, {}}));
  EXPECT_EQ(store_->describe_table(hash_only)->definition,
            (TableDefinition{hash_only, {"id", ScalarType::kB}, std::nullopt, {}}));
}

TEST_P(TablesTest, GlobalIndexDefinitionsRoundTrip) {
  std::vector<IndexDefinition> indexes{
      gsi1(),
      {"ByAmount",
       {"owner", ScalarType::kS},
       KeyAttribute{"amount", ScalarType::kN},
       {Projection::Type::kKeysOnly, {}}},
      {"ByTag",
       {"tag", ScalarType::kB},
       std::nullopt,
       {Projection::Type::kInclude, {"note", "when"}}},
  };
  std::string name = make_table("gsi-def", ScalarType::kS, indexes);
  auto description = store_->describe_table(name);
  ASSERT_TRUE(description);
  auto got = description->definition.global_indexes;
  auto by_name = [](const IndexDefinition& a, const IndexDefinition& b) { return a.name < b.name; };
  std::sort(got.begin(), got.end(), by_name);
  std::sort(indexes.begin(), indexes.end(), by_name);
  ASSERT_EQ(got.size(), indexes.size());
  for (std::size_t i = 0; i < got.size(); ++i) {
    EXPECT_EQ(got[i].name, indexes[i].name);
    EXPECT_EQ(got[i].partition_key, indexes[i].partition_key) << got[i].name;
    EXPECT_EQ(got[i].sort_key, indexes[i].sort_key) << got[i].name;
    EXPECT_EQ(got[i].projection.type, indexes[i].projection.type) << got[i].name;
    auto attributes = got[i].projection.non_key_attributes;
    std::sort(attributes.begin(), attributes.end());
    EXPECT_EQ(attributes, indexes[i].projection.non_key_attributes) << got[i].name;
  }
}

TEST_P(TablesTest, CreatingAnExistingTableFails) {
  std::string name = make_table("dup");
  put(name, item("p", "s", {{"v", N(1)}}));
  TableDefinition again{name, {"PK", ScalarType::kS}, KeyAttribute{"SK", ScalarType::kS}, {}};
  EXPECT_THROW(store_->create_table(again), AlreadyExists);
  ASSERT_TRUE(get(name, key("p", "s")));  // the existing table is untouched
  EXPECT_EQ(get(name, key("p", "s"))->at("v"), N(1));
}

TEST_P(TablesTest, DescribingAMissingTableGivesNothing) {
  EXPECT_FALSE(store_->describe_table(unique("missing")));
}

TEST_P(TablesTest, EveryCallOnAMissingTableIsNotFound) {
  std::string name = unique("missing");
  EXPECT_THROW(store_->delete_table(name), NotFound);
  EXPECT_THROW(store_->get({name, key("a", "b"), true, {}}), NotFound);
  EXPECT_THROW(store_->put({name, key("a", "b"), std::nullopt, ReturnValues::kNone}), NotFound);
  Update u;
  u.set("v", N(1));
  EXPECT_THROW(update(name, key("a", "b"), u), NotFound);
  EXPECT_THROW(store_->remove({name, key("a", "b"), std::nullopt, ReturnValues::kNone}), NotFound);
  EXPECT_THROW(store_->query(query_request(name, S("a"))), NotFound);
  ScanRequest scan;
  scan.table = name;
  EXPECT_THROW(store_->scan(scan), NotFound);
  EXPECT_THROW(store_->batch_write({WriteOp::put(name, key("a", "b"))}), NotFound);
  BatchGetRequest batch;
  batch.tables.push_back({name, {key("a", "b")}, false});
  EXPECT_THROW(store_->batch_get(batch), NotFound);
  EXPECT_FALSE(store_->describe_table(name));  // nothing created on the way
}

TEST_P(TablesTest, DeletingATableDeletesItsItems) {
  std::string name = make_table("recreate");
  put(name, item("p", "s", {{"v", N(1)}}));
  store_->delete_table(name);
  EXPECT_THROW(get(name, key("p", "s")), NotFound);
  store_->create_table({name, {"PK", ScalarType::kS}, KeyAttribute{"SK", ScalarType::kS}, {}});
  EXPECT_FALSE(get(name, key("p", "s")));
  EXPECT_TRUE(query(name, "p").items.empty());
}

TEST_P(TablesTest, BadTableNamesAreRejected) {
  EXPECT_THROW(store_->describe_table("a"), ValidationError);  // under 3 characters
  EXPECT_THROW(store_->describe_table("bad name!"), ValidationError);
  EXPECT_THROW(store_->create_table({"no/slash", {"PK", ScalarType::kS}, std::nullopt, {}}),
               ValidationError);
}

TEST_P(TablesTest, DuplicateIndexNamesAreRejected) {
  TableDefinition definition{unique("dup-index"),
                             {"PK", ScalarType::kS},
                             KeyAttribute{"SK", ScalarType::kS},
                             {gsi1(), gsi1()}};
  created_.push_back(definition.name);  // cleaned up should an engine wrongly create it
  EXPECT_THROW(store_->create_table(definition), ValidationError);
  EXPECT_FALSE(store_->describe_table(definition.name));
}

}  // namespace
}  // namespace alexdb::conformance
