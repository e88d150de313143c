// A DynamoDB store on dynalite whose every request passes through a counting proxy, for
// the tests that count what a call sends (request_bounds_test.cc,
// returns_requests_test.cc).
#ifndef ALEXDB_TESTS_DATABASE_COUNTING_PROXY_H_
#define ALEXDB_TESTS_DATABASE_COUNTING_PROXY_H_

#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "store/dynamodb/dynamodb_store.h"
#include "store/dynamodb/fault_proxy.h"

namespace alexdb::database_test {

// The proxy in front of the dynalite of ALEXDB_TEST_DYNAMODB_ENDPOINT (which must be set),
// and a store that sends through it, having already learnt the key schema of each of
// `tables` (DescribeTable, once per store: not a cost of the calls counted).
struct CountingProxy {
  std::unique_ptr<testing::FaultProxy> proxy;
  std::shared_ptr<dynamodb::DynamoDbStore> store;

  explicit CountingProxy(const std::vector<std::string>& tables) {
    const std::string endpoint = std::getenv("ALEXDB_TEST_DYNAMODB_ENDPOINT");
    proxy =
        std::make_unique<testing::FaultProxy>(std::stoi(endpoint.substr(endpoint.rfind(':') + 1)));
    dynamodb::DynamoDbOptions options;
    options.endpoint = proxy->endpoint();
    options.credentials = std::make_shared<dynamodb::StaticCredentialsProvider>(
        dynamodb::Credentials{"alexdb-test", "alexdb-test-secret", ""});
    store = std::make_shared<dynamodb::DynamoDbStore>(options);
    for (const std::string& table : tables) store->describe_table(table);
  }
};

}  // namespace alexdb::database_test

#endif  // ALEXDB_TESTS_DATABASE_COUNTING_PROXY_H_
