// The DynamoDB engine: the Store interface over DynamoDB's JSON 1.0 HTTP protocol, for
// AWS itself or any compatible endpoint (dynalite, DynamoDB Local, Alternator).
//
// Thread-safe. Every call is signed with SigV4, asks for ReturnConsumedCapacity TOTAL,
// and is retried with exponential backoff and full jitter on throttling, 5xx answers,
// checksum mismatches and connection faults (never on validation or condition
// failures), up to `max_attempts` attempts. Responses are checked (x-amz-crc32) and
// parsed as untrusted input.
#ifndef ALEXDB_STORE_DYNAMODB_DYNAMODB_STORE_H_
#define ALEXDB_STORE_DYNAMODB_DYNAMODB_STORE_H_

#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <shared_mutex>
#include <string>
#include <vector>

#include "alexdb/store.h"
#include "store/dynamodb/credentials.h"
#include "store/dynamodb/http_client.h"
#include "store/fresh_definitions.h"
#include "util/backoff.h"
#include "util/worker_pool.h"

namespace alexdb::dynamodb {

struct DynamoDbOptions {
  std::string endpoint;  // "https://dynamodb.us-east-1.amazonaws.com", "http://127.0.0.1:8000"
  std::string region = "us-east-1";
  std::shared_ptr<CredentialsProvider> credentials;
  HttpOptions http;
  int max_attempts = 8;
  std::chrono::milliseconds backoff_base{25};
  std::chrono::milliseconds backoff_cap{2000};
  // How many requests query_many/get_many and the chunks of a batch call keep in flight
  // at once.
  int parallelism = 8;
};

class DynamoDbStore final : public Store {
 public:
  explicit DynamoDbStore(DynamoDbOptions options);

  std::string name() const override;
  void create_table(const TableDefinition& definition) override;
  std::optional<TableDescription> describe_table(std::string_view table) override;
  void delete_table(std::string_view table) override;
  std::vector<std::string> list_tables() override;

  GetResult get(const GetRequest& request) override;
  WriteResult put(const PutRequest& request) override;
  WriteResult update(const UpdateRequest& request) override;
  WriteResult remove(const DeleteRequest& request) override;
  QueryResult query(const QueryRequest& request) override;
  QueryResult scan(const ScanRequest& request) override;
  std::vector<QueryResult> query_many(const std::vector<QueryRequest>& requests) override;
  std::vector<GetResult> get_many(const std::vector<GetRequest>& requests) override;

  // Sends one API call (e.g. "GetItem") with retries; returns the parsed response.
  // Public for tests and tools; the typed calls above are the interface.
  nlohmann::json call(std::string_view operation, const nlohmann::json& request);

 protected:
  BatchGetChunkResult batch_get_chunk(const BatchGetRequest& chunk) override;
  BatchWriteChunkResult batch_write_chunk(const std::vector<WriteOp>& chunk) override;
  // The chunks of a batch call run concurrently, `parallelism` at a time.
  void for_each_chunk(std::size_t n, const std::function<void(std::size_t)>& fn) override {
    parallel_for(n, fn);
  }

 private:
  // Sends once; returns the decoded body and status, or throws TransportError /
  // ServiceError for faults below the API.
  HttpResponse send_once(std::string_view operation, const std::string& body);
  // The key schema of a table (DescribeTable, cached), for key conditions.
  TableDefinition schema(std::string_view table);
  // Drops the cached schemas of `tables`; returns whether any was cached.
  bool forget_schemas(const std::vector<std::string>& tables);
  // Runs `op` under store::with_fresh_definitions, forgetting the schemas of `tables`
  // on a retry.
  template <typename Op>
  auto with_current_schemas(const std::vector<std::string>& tables, Op&& op) -> decltype(op()) {
    return store::with_fresh_definitions(op, [&] { return forget_schemas(tables); });
  }
  // Runs fn(i) for i in [0, n) on up to `parallelism` threads (the caller's and pool_'s).
  void parallel_for(std::size_t n, const std::function<void(std::size_t)>& fn) {
    pool_.for_each(n, fn);
  }

  DynamoDbOptions options_;
  std::string host_;
  HttpClient http_;
  util::Backoff backoff_;
  std::shared_mutex schemas_mutex_;
  std::map<std::string, TableDefinition, std::less<>> schemas_;
  util::WorkerPool pool_;  // last: its threads stop before the members they use go
};

}  // namespace alexdb::dynamodb

#endif  // ALEXDB_STORE_DYNAMODB_DYNAMODB_STORE_H_
