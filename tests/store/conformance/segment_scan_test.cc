// Parallel scans (ScanRequest::segment/total_segments): the segments of one scan hold
// every item exactly once, each paged on its own, and bad segment fields are refused.
#include <map>

#include "store_fixture.h"

namespace alexdb::conformance {
namespace {

class SegmentScanTest : public StoreTest {
 protected:
  // 30 partitions of 3 items each, attribute "n" unique over the table.
  std::string make_partitions(const std::string& base, std::vector<IndexDefinition> indexes = {}) {
    std::string table = make_table(base, ScalarType::kS, std::move(indexes));
    std::vector<WriteOp> ops;
    for (int p = 0; p < 30; ++p) {
      for (int s = 0; s < 3; ++s) {
        Item attributes{
            {"n", N(p * 3 + s)}, {"GSI1PK", S("all")}, {"GSI1SK", S(padded(p * 3 + s))}};
        ops.push_back(WriteOp::put(
            table, item("p" + padded(p), "s" + std::to_string(s), std::move(attributes))));
      }
    }
    store_->batch_write(ops);
    return table;
  }

  // Every page of segment `segment` of `total`, `limit` items evaluated a page.
  std::vector<Item> segment_items(ScanRequest scan, int segment, int total,
                                  std::optional<std::int32_t> limit) {
    scan.segment = segment;
    scan.total_segments = total;
    scan.limit = limit;
    std::vector<Item> items;
    for (int pages = 0;; ++pages) {
      if (pages > 200) {
        ADD_FAILURE() << "segment scan did not end";
        break;
      }
      QueryResult page = store_->scan(scan);
      items.insert(items.end(), page.items.begin(), page.items.end());
      if (!page.last_evaluated_key) break;
      scan.exclusive_start_key = page.last_evaluated_key;
    }
    return items;
  }

  // How many times each "n" was seen over every segment of a scan.
  std::map<std::int64_t, int> seen_over_segments(const ScanRequest& scan, int total,
                                                 std::optional<std::int32_t> limit) {
    std::map<std::int64_t, int> seen;
    for (int segment = 0; segment < total; ++segment) {
      for (const Item& it : segment_items(scan, segment, total, limit)) {
        ++seen[it.at("n").n().to_int64().value_or(-1)];
      }
    }
    return seen;
  }

  static void expect_each_once(const std::map<std::int64_t, int>& seen, int count) {
    ASSERT_EQ(seen.size(), static_cast<std::size_t>(count));
    for (const auto& [n, times] : seen) {
      EXPECT_EQ(times, 1) << "item " << n;
      EXPECT_GE(n, 0);
      EXPECT_LT(n, count);
    }
  }

  static ScanRequest scan_of(const std::string& table) {
    ScanRequest scan;
    scan.table = table;
    scan.consistent_read = true;
    return scan;
  }
};

TEST_P(SegmentScanTest, EverySegmentCountHoldsEachItemExactlyOnce) {
  std::string table = make_partitions("seg");
  for (int total : {1, 2, 4, 7}) {
    SCOPED_TRACE("total_segments " + std::to_string(total));
    expect_each_once(seen_over_segments(scan_of(table), total, std::nullopt), 90);
  }
}

TEST_P(SegmentScanTest, SegmentsPageWithLimitAndStartKey) {
  std::string table = make_partitions("segpage");
  expect_each_once(seen_over_segments(scan_of(table), 4, 5), 90);
}

TEST_P(SegmentScanTest, SegmentsSplitTheItems) {
  std::string table = make_partitions("segsplit");
  int non_empty = 0;
  for (int segment = 0; segment < 4; ++segment) {
    std::vector<Item> items = segment_items(scan_of(table), segment, 4, std::nullopt);
    EXPECT_LT(items.size(), 90u) << "one segment holds every item";
    if (!items.empty()) ++non_empty;
  }
  EXPECT_GE(non_empty, 2);
}

TEST_P(SegmentScanTest, IndexScanSegmentsHoldEachEntryOnce) {
  std::string table = make_partitions("segindex", {gsi1()});
  ScanRequest scan = scan_of(table);
  scan.index = "GSI1";
  scan.consistent_read = false;
  expect_each_once(seen_over_segments(scan, 3, 7), 90);
}

TEST_P(SegmentScanTest, RefusesBadSegmentFields) {
  std::string table = make_partitions("segbad");
  ScanRequest scan = scan_of(table);
  scan.segment = 0;  // without TotalSegments
  EXPECT_THROW(store_->scan(scan), ValidationError);
  scan.segment = std::nullopt;
  scan.total_segments = 2;  // without Segment
  EXPECT_THROW(store_->scan(scan), ValidationError);
  scan.segment = 2;  // not below TotalSegments
  EXPECT_THROW(store_->scan(scan), ValidationError);
  scan.segment = -1;
  EXPECT_THROW(store_->scan(scan), ValidationError);
  scan.segment = 0;
  scan.total_segments = 0;
  EXPECT_THROW(store_->scan(scan), ValidationError);
  scan.total_segments = 1000001;
  EXPECT_THROW(store_->scan(scan), ValidationError);
}

ALEXDB_CONFORMANCE_SUITE(SegmentScanTest);

}  // namespace
}  // namespace alexdb::conformance
