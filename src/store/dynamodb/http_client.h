// HTTP POST over libcurl for the DynamoDB engine: kept-alive connections in a pool of
// curl handles (one per request in flight), TLS verified, connect and total timeouts.
// Bodies are returned exactly as received (no content decoding; see response_body.h).
// Thread-safe. A process forked from one that used the client opens connections of its
// own: it never sends on, or closes, the parent's.
#ifndef ALEXDB_STORE_DYNAMODB_HTTP_CLIENT_H_
#define ALEXDB_STORE_DYNAMODB_HTTP_CLIENT_H_

#include <chrono>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "util/per_process.h"

namespace alexdb::dynamodb {

using Headers = std::vector<std::pair<std::string, std::string>>;

struct HttpResponse {
  long status = 0;
  Headers headers;  // names in lower case
  std::string body;
  // The value of header `name` (lower case), or "" when absent.
  std::string header(std::string_view name) const;
};

struct HttpOptions {
  std::chrono::milliseconds connect_timeout{3000};
  std::chrono::milliseconds request_timeout{10000};
  bool verify_tls = true;
};

// A failure below HTTP: no connection, reset, timeout, TLS error. Retryable.
class TransportError : public std::runtime_error {
 public:
  TransportError(std::string kind, const std::string& message)
      : std::runtime_error(message), kind_(std::move(kind)) {}
  // "ConnectionError", "Timeout" or "TlsError".
  const std::string& kind() const noexcept { return kind_; }

 private:
  std::string kind_;
};

class HttpClient {
 public:
  explicit HttpClient(HttpOptions options = {});
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // Sends one request (method GET, PUT or POST) and returns the whole response (any
  // status). Throws TransportError when no complete response arrived.
  HttpResponse send(const std::string& method, const std::string& url, const Headers& headers,
                    const std::string& body);
  HttpResponse post(const std::string& url, const Headers& headers, const std::string& body) {
    return send("POST", url, headers, body);
  }

 private:
  struct Handle;
  std::unique_ptr<Handle> acquire();
  void release(std::unique_ptr<Handle> handle);

  struct Idle;

  HttpOptions options_;
  util::PerProcess<Idle> idle_;  // handles kept with their connections, this process's
};

}  // namespace alexdb::dynamodb

#endif  // ALEXDB_STORE_DYNAMODB_HTTP_CLIENT_H_
