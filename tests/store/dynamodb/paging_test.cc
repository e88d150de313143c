// The DynamoDB engine against servers whose pages never end (SPEC section 9, "bounded
// work on any input"): a ScriptedServer on 127.0.0.1 answers Scan, Query and ListTables
// with continuation keys that repeat, cycle or lead through empty pages. Every listing
// must stop with a ServiceError naming the table after a bounded number of requests.
// Each script gives up after kServerGivesUp pages (a last page without a key) so that
// an engine that follows forever fails these tests instead of hanging them.
#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "alexdb/database.h"
#include "alexdb/errors.h"
#include "scripted_server.h"
#include "store/dynamodb/dynamodb_store.h"

namespace alexdb::dynamodb {
namespace {

using nlohmann::json;
using testing::ScriptedServer;

constexpr int kServerGivesUp = 3000;

ScanRequest scan_of(const std::string& table) {
  ScanRequest request;
  request.table = table;
  return request;
}

json key_of(const std::string& sk) { return {{"PK", {{"S", "USER#u1"}}}, {"SK", {{"S", sk}}}}; }

// A page of one item whose LastEvaluatedKey is `next` (none once the server gives up).
ScriptedServer::Answer page(int n, const std::string& next, int scanned = 1) {
  json body = {{"Items", json::array()}, {"Count", 0}, {"ScannedCount", scanned}};
  if (scanned > 0) {
    json item = key_of("METADATA");
    item["PK"] = {{"S", "USER#u" + std::to_string(n)}};
    item["clerk_user_id"] = {{"S", "u" + std::to_string(n)}};
    body["Items"].push_back(item);
    body["Count"] = 1;
  }
  if (n < kServerGivesUp) body["LastEvaluatedKey"] = key_of(next);
  return {200, body.dump()};
}

ScriptedServer::Answer describe(const std::string& table) {
  json attributes = json::array({{{"AttributeName", "PK"}, {"AttributeType", "S"}},
                                 {{"AttributeName", "SK"}, {"AttributeType", "S"}}});
  json schema = json::array({{{"AttributeName", "PK"}, {"KeyType", "HASH"}},
                             {{"AttributeName", "SK"}, {"KeyType", "RANGE"}}});
  return {200, json{{"Table",
                     {{"TableName", table},
                      {"TableStatus", "ACTIVE"},
                      {"AttributeDefinitions", attributes},
                      {"KeySchema", schema}}}}
                   .dump()};
}

// Runs `listing`, expecting the paging error; returns its message.
template <typename Listing>
std::string paging_error(Listing listing) {
  try {
    listing();
  } catch (const ServiceError& e) {
    EXPECT_EQ(e.error_type(), "InvalidPagination") << e.what();
    return e.what();
  }
  ADD_FAILURE() << "the listing ended without an error";
  return "";
}

TEST(PagingTest, ScanAllStopsWhenTheServerRepeatsTheSameKey) {
  std::atomic<int> pages{0};
  ScriptedServer server([&](const std::string& operation, const std::string&) {
    EXPECT_EQ(operation, "Scan");
    return page(++pages, "SAME");
  });
  auto store = testing::store_answered_by(server.endpoint(), 2);
  std::string message = paging_error([&] { store->scan_all(scan_of("alex-users-data")); });
  EXPECT_NE(message.find("alex-users-data"), std::string::npos) << message;
  EXPECT_NE(message.find("repeated a continuation key"), std::string::npos) << message;
  EXPECT_EQ(server.requests(), 2);  // the second page repeats the first page's key
}

TEST(PagingTest, QueryAllStopsWhenKeysCycle) {
  std::atomic<int> pages{0};
  ScriptedServer server([&](const std::string& operation, const std::string&) {
    if (operation == "DescribeTable") return describe("cycle-table");
    ++pages;
    return page(pages, pages % 3 == 1 ? "A" : pages % 3 == 2 ? "B" : "C");
  });
  auto store = testing::store_answered_by(server.endpoint(), 2);
  QueryRequest request;
  request.table = "cycle-table";
  request.partition_value = Value::S("USER#u1");
  std::string message = paging_error([&] { store->query_all(request); });
  EXPECT_NE(message.find("Query of table cycle-table"), std::string::npos) << message;
  EXPECT_EQ(pages.load(), 4);  // A, B, C, then A again
}

TEST(PagingTest, ScanAllStopsAfterMorePagesThanTheDataCanHold) {
  std::atomic<int> pages{0};
  ScriptedServer server([&](const std::string&, const std::string&) {
    ++pages;
    return page(pages, "K" + std::to_string(pages), /*scanned=*/0);
  });
  auto store = testing::store_answered_by(server.endpoint(), 2);
  std::string message = paging_error([&] { store->scan_all(scan_of("empty-pages")); });
  EXPECT_NE(message.find("more pages than the data can hold"), std::string::npos) << message;
  EXPECT_EQ(pages.load(), 1001);  // store::kMaxEmptyPages (1,000) empty pages, then one more
}

TEST(PagingTest, ListTablesStopsWhenTheServerRepeatsTheLastTableName) {
  std::atomic<int> pages{0};
  ScriptedServer server([&](const std::string& operation, const std::string&) {
    EXPECT_EQ(operation, "ListTables");
    json body = {{"TableNames", {"t" + std::to_string(++pages)}}};
    if (pages < kServerGivesUp) body["LastEvaluatedTableName"] = "t1";
    return ScriptedServer::Answer{200, body.dump()};
  });
  auto store = testing::store_answered_by(server.endpoint(), 2);
  std::string message = paging_error([&] { store->list_tables(); });
  EXPECT_NE(message.find("ListTables"), std::string::npos) << message;
  EXPECT_EQ(pages.load(), 2);
}

TEST(PagingTest, UsersListOnAServerThatRepeatsItsKeyFailsAtOnce) {
  // The reported case: `alexdb users list` followed one key for 2,720 requests.
  std::atomic<int> pages{0};
  ScriptedServer server(
      [&](const std::string&, const std::string&) { return page(++pages, "SAME"); });
  Database db(std::shared_ptr<Store>(testing::store_answered_by(server.endpoint(), 2)), "alex-users-data",
              "alex-instruments");
  std::string message = paging_error([&] { db.users.find_all(); });
  EXPECT_NE(message.find("Scan of table alex-users-data"), std::string::npos) << message;
  EXPECT_EQ(server.requests(), 2);
}

TEST(PagingTest, KeysThatAdvanceAreFollowedToTheEnd) {
  std::atomic<int> pages{0};
  ScriptedServer server([&](const std::string&, const std::string& body) {
    ++pages;
    json request = json::parse(body);
    if (pages > 1) {
      EXPECT_EQ(request["ExclusiveStartKey"], key_of("K" + std::to_string(pages - 1)));
    }
    json answer = json::parse(page(pages, "K" + std::to_string(pages)).body);
    if (pages == 50) answer.erase("LastEvaluatedKey");
    return ScriptedServer::Answer{200, answer.dump()};
  });
  auto store = testing::store_answered_by(server.endpoint(), 2);
  EXPECT_EQ(store->scan_all(scan_of("fifty-pages")).items.size(), 50u);
}

}  // namespace
}  // namespace alexdb::dynamodb
