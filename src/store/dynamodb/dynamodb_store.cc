// The DynamoDB engine's transport: signing, sending, retrying, error mapping, and the
// table calls. Item calls are in dynamodb_items.cc.
#include "store/dynamodb/dynamodb_store.h"

#include <algorithm>
#include <ctime>
#include <thread>

#include "alexdb/errors.h"
#include "store/dynamodb/json_response.h"
#include "store/dynamodb/response_body.h"
#include "store/dynamodb/sigv4.h"
#include "store/dynamodb/table_json.h"
#include "store/paging.h"
#include "store/request_checks.h"

namespace alexdb::dynamodb {

namespace {

using nlohmann::json;

constexpr const char* kTargetPrefix = "DynamoDB_20120810.";
constexpr const char* kContentType = "application/x-amz-json-1.0";
// How long create_table and delete_table wait for the table to settle.
constexpr auto kTableWait = std::chrono::seconds(300);

bool is_throttling(const std::string& type) {
  return type == "ProvisionedThroughputExceededException" || type == "ThrottlingException" ||
         type == "RequestLimitExceeded";
}

std::string host_of(const std::string& endpoint) {
  auto scheme = endpoint.find("://");
  std::string rest = scheme == std::string::npos ? endpoint : endpoint.substr(scheme + 3);
  return rest.substr(0, rest.find('/'));
}

std::string amz_date_now() {
  std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char buffer[20];
  std::strftime(buffer, sizeof buffer, "%Y%m%dT%H%M%SZ", &utc);
  return buffer;
}

// The error type after the '#' of "__type", and the message, of an error body; nullopt
// when the body is not a DynamoDB error (empty, not JSON, or no "__type").
std::optional<std::pair<std::string, std::string>> parse_error(const std::string& body) {
  json parsed;
  try {
    parsed = parse_response(body, "error");
  } catch (const ServiceError&) {
    return std::nullopt;
  }
  if (!parsed.contains("__type") || !parsed["__type"].is_string()) return std::nullopt;
  std::string type = parsed["__type"].get<std::string>();
  auto hash = type.rfind('#');
  if (hash != std::string::npos) type = type.substr(hash + 1);
  std::string message;
  for (const char* key : {"message", "Message"}) {
    if (parsed.contains(key) && parsed[key].is_string()) message = parsed[key].get<std::string>();
  }
  return std::pair{type, message};
}

// The start of a body for a message: printable ASCII only, at most 80 characters.
std::string excerpt(std::string_view body) {
  std::string out;
  for (char c : body.substr(0, 80)) out += (c >= 0x20 && c < 0x7F) ? c : '?';
  if (body.size() > 80) out += "...";
  return out;
}

// What an answer that no DynamoDB service would give says about the endpoint.
std::string not_dynamodb(std::string_view operation, long status, std::string_view body,
                         const std::string& endpoint) {
  std::string what = body.empty()
                         ? "an empty body"
                         : "a body that is not a DynamoDB answer ('" + excerpt(body) + "')";
  return std::string(operation) + ": HTTP " + std::to_string(status) + " with " + what +
         ": the endpoint " + endpoint +
         " is not answering as DynamoDB (check ALEXDB_STORE, DYNAMODB_ENDPOINT, "
         "AWS_ENDPOINT_URL_DYNAMODB or --endpoint)";
}

// Whether a 200 body is not even JSON (an HTML page, plain text): not DynamoDB.
bool not_json(std::string_view body) {
  auto first = body.find_first_not_of(" \t\r\n");
  return first == std::string_view::npos || (body[first] != '{' && body[first] != '[');
}

// Throws the alexdb error for a non-retryable service error.
[[noreturn]] void throw_error(std::string_view operation, const std::string& type,
                              const std::string& message, long status) {
  if (type == "ConditionalCheckFailedException") throw ConditionFailed(message);
  if (type == "ResourceNotFoundException") throw NotFound(message);
  if (type == "ResourceInUseException") throw AlreadyExists(message);
  if (type == "ValidationException" || type == "SerializationException") {
    throw ValidationError(std::string(operation), message);
  }
  if (is_throttling(type)) throw Throttled(type + ": " + message);
  throw ServiceError(type, message, static_cast<int>(status));
}

}  // namespace

DynamoDbStore::DynamoDbStore(DynamoDbOptions options)
    : options_(std::move(options)),
      host_(host_of(options_.endpoint)),
      http_(options_.http),
      backoff_(options_.max_attempts, options_.backoff_base, options_.backoff_cap),
      pool_(static_cast<std::size_t>(std::max(1, options_.parallelism))) {
  if (!options_.credentials) {
    throw ValidationError("credentials", "the DynamoDB engine needs a credentials provider");
  }
}

std::string DynamoDbStore::name() const { return "dynamodb " + options_.endpoint; }

HttpResponse DynamoDbStore::send_once(std::string_view operation, const std::string& body) {
  std::string target = kTargetPrefix + std::string(operation);
  Credentials credentials = options_.credentials->current();
  SigningRequest to_sign;
  to_sign.method = "POST";
  to_sign.path = "/";
  to_sign.headers = {{"host", host_}, {"content-type", kContentType}, {"x-amz-target", target}};
  to_sign.body = body;
  Signature signature = sign(to_sign, credentials, options_.region, "dynamodb", amz_date_now());
  Headers headers = {
      {"Content-Type", kContentType}, {"X-Amz-Target", target}, {"Accept-Encoding", "gzip"}};
  for (const auto& header : signature.headers_to_add) headers.push_back(header);
  HttpResponse response = http_.post(options_.endpoint + "/", headers, body);
  response.body = decode_body(std::move(response.body), response.header("x-amz-crc32"),
                              response.header("content-encoding"));
  return response;
}

json DynamoDbStore::call(std::string_view operation, const json& request) {
  const std::string body = request.dump();
  for (int attempt = 1;; ++attempt) {
    bool last = attempt >= backoff_.max_attempts();
    HttpResponse response;
    try {
      response = send_once(operation, body);
    } catch (const TransportError& e) {
      if (last) {
        throw ServiceError(e.kind(), std::string(operation) + ": " + e.what() + " (after " +
                                         std::to_string(attempt) + " attempts)");
      }
      backoff_.wait(attempt);
      continue;
    } catch (const ServiceError& e) {
      if (e.error_type() != "ChecksumMismatch" || last) throw;
      backoff_.wait(attempt);
      continue;
    }
    if (response.status == 200) {
      if (not_json(response.body)) {
        throw ServiceError("MalformedResponse",
                           not_dynamodb(operation, 200, response.body, options_.endpoint), 200);
      }
      return parse_response(response.body, operation);
    }
    auto error = parse_error(response.body);
    if (!error) {
      // A proxy's 502 may pass; anything else from a server that is not DynamoDB will not.
      std::string message =
          not_dynamodb(operation, response.status, response.body, options_.endpoint);
      if (response.status < 500)
        throw ServiceError("NotDynamoDB", message, static_cast<int>(response.status));
      if (last) {
        throw ServiceError("NotDynamoDB",
                           message + " (after " + std::to_string(attempt) + " attempts)",
                           static_cast<int>(response.status));
      }
      backoff_.wait(attempt);
      continue;
    }
    auto [type, message] = *error;
    bool retryable = is_throttling(type) || response.status >= 500;
    if (!retryable) throw_error(operation, type, message, response.status);
    if (last) {
      std::string spent = " (after " + std::to_string(attempt) + " attempts)";
      if (is_throttling(type)) throw Throttled(type + ": " + message + spent);
      throw ServiceError(type, message + spent, static_cast<int>(response.status));
    }
    backoff_.wait(attempt);
  }
}

void DynamoDbStore::create_table(const TableDefinition& definition) {
  store::check_table_definition(definition);
  call("CreateTable", create_table_request(definition));
  auto deadline = std::chrono::steady_clock::now() + kTableWait;
  for (int attempt = 1; std::chrono::steady_clock::now() < deadline; ++attempt) {
    auto description = describe_table(definition.name);
    if (description && description->status == "ACTIVE") return;
    std::this_thread::sleep_for(std::chrono::milliseconds(std::min(50 * attempt, 1000)));
  }
  throw ServiceError("Timeout", "table " + definition.name + " did not become ACTIVE");
}

std::optional<TableDescription> DynamoDbStore::describe_table(std::string_view table) {
  store::check_table_name(table);
  try {
    json response = call("DescribeTable", {{"TableName", table}});
    if (!response.contains("Table")) {
      throw ServiceError("MalformedResponse", "DescribeTable: no Table in the response");
    }
    return description_from_json(response["Table"]);
  } catch (const NotFound&) {
    return std::nullopt;
  }
}

void DynamoDbStore::delete_table(std::string_view table) {
  store::check_table_name(table);
  call("DeleteTable", {{"TableName", table}});
  forget_schemas({std::string(table)});
  auto deadline = std::chrono::steady_clock::now() + kTableWait;
  for (int attempt = 1; std::chrono::steady_clock::now() < deadline; ++attempt) {
    if (!describe_table(table)) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(std::min(50 * attempt, 1000)));
  }
  throw ServiceError("Timeout", "table " + std::string(table) + " was not deleted in time");
}

std::vector<std::string> DynamoDbStore::list_tables() {
  std::vector<std::string> names;
  json request = json::object();
  store::ContinuationGuard guard("ListTables", "");
  while (true) {
    json response = call("ListTables", request);
    std::size_t before = names.size();
    try {
      for (const json& name : response.at("TableNames")) names.push_back(name.get<std::string>());
      if (!response.contains("LastEvaluatedTableName")) break;
      guard.next_text(response.at("LastEvaluatedTableName").get<std::string>(),
                      static_cast<std::int64_t>(names.size() - before));
    } catch (const json::exception& e) {
      throw ServiceError("MalformedResponse", std::string("ListTables: ") + e.what());
    }
    request["ExclusiveStartTableName"] = response["LastEvaluatedTableName"];
  }
  std::sort(names.begin(), names.end());
  return names;
}

TableDefinition DynamoDbStore::schema(std::string_view table) {
  {
    std::shared_lock lock(schemas_mutex_);
    auto it = schemas_.find(table);
    if (it != schemas_.end()) return it->second;
  }
  auto description = describe_table(table);
  if (!description) {
    throw NotFound("Requested resource not found: table " + std::string(table) + " does not exist");
  }
  std::unique_lock lock(schemas_mutex_);
  schemas_[std::string(table)] = description->definition;
  return description->definition;
}

bool DynamoDbStore::forget_schemas(const std::vector<std::string>& tables) {
  std::unique_lock lock(schemas_mutex_);
  bool cached = false;
  for (const std::string& table : tables) cached = schemas_.erase(table) > 0 || cached;
  return cached;
}

}  // namespace alexdb::dynamodb
