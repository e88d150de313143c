// Scans: every item exactly once across pages, Limit before the filter, 1 MB pages,
// projections and index scans.
#include "store_fixture.h"

namespace alexdb::conformance {
namespace {

class ScanTest : public StoreTest {
 protected:
  // Every page of `scan`, checking that each page honours the limit.
  std::vector<Item> pages_of(ScanRequest scan, int* pages_out = nullptr) {
    std::vector<Item> items;
    int pages = 0;
    do {
      QueryResult page = store_->scan(scan);
      if (scan.limit) {
        EXPECT_LE(page.scanned_count, *scan.limit);
      }
      EXPECT_LE(page.items.size(),
                static_cast<std::size_t>(std::max<std::int64_t>(page.scanned_count, 0)));
      items.insert(items.end(), page.items.begin(), page.items.end());
      scan.exclusive_start_key = page.last_evaluated_key;
      if (++pages > 50) {
        ADD_FAILURE() << "scan did not end";
        break;
      }
    } while (scan.exclusive_start_key);
    if (pages_out) *pages_out = pages;
    return items;
  }

  static ScanRequest scan_of(const std::string& table) {
    ScanRequest scan;
    scan.table = table;
    scan.consistent_read = true;
    return scan;
  }

  // 5 partitions of 8 items, attribute "n" = 0..39 unique over the table.
  std::string make_grid() {
    std::string table = make_table("scan");
    std::vector<WriteOp> ops;
    for (int p = 0; p < 5; ++p) {
      for (int s = 0; s < 8; ++s) {
        ops.push_back(WriteOp::put(
            table, item("p" + std::to_string(p), "s" + std::to_string(s), {{"n", N(p * 8 + s)}})));
      }
    }
    store_->batch_write(ops);
    return table;
  }

  static std::multiset<std::int64_t> numbers_of(const std::vector<Item>& items) {
    std::multiset<std::int64_t> out;
    for (const Item& it : items) out.insert(it.at("n").n().to_int64().value_or(-1));
    return out;
  }
  static std::multiset<std::int64_t> range(int from, int to) {
    std::multiset<std::int64_t> out;
    for (int i = from; i < to; ++i) out.insert(i);
    return out;
  }
};
ALEXDB_CONFORMANCE_SUITE(ScanTest);

TEST_P(ScanTest, PagesReturnEveryItemExactlyOnce) {
  std::string table = make_grid();
  ScanRequest scan = scan_of(table);
  scan.limit = 7;
  int pages = 0;
  EXPECT_EQ(numbers_of(pages_of(scan, &pages)), range(0, 40));
  EXPECT_GE(pages, 6);
}

TEST_P(ScanTest, ItemsOfOnePartitionComeOutInSortKeyOrder) {
  std::string table = make_grid();
  std::map<std::string, std::vector<std::string>> by_partition;
  for (const Item& it : store_->scan_all(scan_of(table)).items) {
    by_partition[it.at("PK").s()].push_back(it.at("SK").s());
  }
  ASSERT_EQ(by_partition.size(), 5u);
  for (const auto& [pk, sks] : by_partition) {
    EXPECT_EQ(sks, (std::vector<std::string>{"s0", "s1", "s2", "s3", "s4", "s5", "s6", "s7"}))
        << pk;
  }
}

TEST_P(ScanTest, LimitAppliesBeforeTheFilter) {
  std::string table = make_grid();
  ScanRequest scan = scan_of(table);
  scan.limit = 4;
  scan.filter = cond::lt(cond::path("n"), N(10));
  QueryResult first = store_->scan(scan);
  EXPECT_EQ(first.scanned_count, 4);
  EXPECT_TRUE(first.last_evaluated_key);
  EXPECT_EQ(numbers_of(pages_of(scan)), range(0, 10));
}

TEST_P(ScanTest, ScanAllAppliesTheFilterToEveryPage) {
  std::string table = make_grid();
  ScanRequest filtered = scan_of(table);
  filtered.filter = cond::ge(cond::path("n"), N(30)) || cond::eq(cond::path("n"), N(0));
  QueryResult all = store_->scan_all(filtered);
  EXPECT_EQ(numbers_of(all.items),
            (std::multiset<std::int64_t>{0, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39}));
  EXPECT_EQ(all.scanned_count, 40);
}

TEST_P(ScanTest, PagesStopAtOneMegabyte) {
  std::string table = make_table("scan-mb");
  fill(table, "a", 15, 100 * 1024);
  fill(table, "b", 15, 100 * 1024);
  ScanRequest scan = scan_of(table);
  QueryResult first = store_->scan(scan);
  EXPECT_GE(first.items.size(), 9u);
  EXPECT_LE(first.items.size(), 11u);
  EXPECT_TRUE(first.last_evaluated_key);
  std::set<std::pair<std::string, std::string>> keys;
  int pages = 0;
  for (const Item& it : pages_of(scan, &pages)) {
    EXPECT_TRUE(keys.emplace(it.at("PK").s(), it.at("SK").s()).second) << "duplicate";
  }
  EXPECT_EQ(keys.size(), 30u);
  EXPECT_GE(pages, 3);
}

// scan_each follows the same pages as scan_all but hands each page over before reading
// the next: every item once, and a visitor that throws ends the scan.
TEST_P(ScanTest, ScanEachVisitsEveryItemOfEveryPageOnce) {
  std::string table = make_table("scan-each");
  fill(table, "a", 15, 100 * 1024);
  fill(table, "b", 15, 100 * 1024);
  std::set<std::pair<std::string, std::string>> keys;
  store_->scan_each(scan_of(table), [&](const Item& it) {
    EXPECT_TRUE(keys.emplace(it.at("PK").s(), it.at("SK").s()).second) << "duplicate";
  });
  EXPECT_EQ(keys.size(), 30u);  // three pages of 1 MB

  int visited = 0;
  struct Stop {};
  EXPECT_THROW(store_->scan_each(scan_of(table),
                                 [&](const Item&) {
                                   if (++visited == 12) throw Stop{};
                                 }),
               Stop);
  EXPECT_EQ(visited, 12);
}

TEST_P(ScanTest, ProjectionReturnsOnlyThoseAttributes) {
  std::string table = make_table("scan-proj");
  put(table, item("p", "s", {{"a", N(1)}, {"b", N(2)}}));
  ScanRequest scan = scan_of(table);
  scan.projection = {Path("b"), Path("PK")};
  EXPECT_EQ(store_->scan_all(scan).items, (std::vector<Item>{{{"PK", S("p")}, {"b", N(2)}}}));
}

TEST_P(ScanTest, AnEmptyTableScansToNothing) {
  std::string table = make_table("scan-empty");
  QueryResult page = store_->scan(scan_of(table));
  EXPECT_TRUE(page.items.empty());
  EXPECT_EQ(page.scanned_count, 0);
  EXPECT_FALSE(page.last_evaluated_key);
}

TEST_P(ScanTest, AnIndexScanSeesOnlyIndexedItems) {
  std::string table = make_gsi_table("scan-gsi");
  for (int i = 0; i < 6; ++i) {
    Item it = item("p", padded(i), {{"n", N(i)}});
    if (i % 2 == 0) {
      it["GSI1PK"] = S("G" + std::to_string(i % 3));
      it["GSI1SK"] = S(padded(i));
    }
    put(table, it);
  }
  ScanRequest scan;
  scan.table = table;
  scan.index = "GSI1";
  scan.limit = 2;
  EXPECT_EQ(numbers_of(pages_of(scan)), (std::multiset<std::int64_t>{0, 2, 4}));
}

}  // namespace
}  // namespace alexdb::conformance
