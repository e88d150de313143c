// A scripted DynamoDB responder on 127.0.0.1 (a free port) for tests of answers that no
// real server gives on demand (a repeating LastEvaluatedKey, a 404 from a web server).
// Each request is answered by a handler given the operation (the X-Amz-Target after
// the '.') and the request body; answers carry a correct x-amz-crc32 unless told not
// to. One request per connection. Header-only.
#ifndef ALEXDB_TESTS_STORE_DYNAMODB_SCRIPTED_SERVER_H_
#define ALEXDB_TESTS_STORE_DYNAMODB_SCRIPTED_SERVER_H_

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cctype>
#include <functional>
#include <memory>
#include <string>
#include <thread>

#include "loopback_listener.h"
#include "store/dynamodb/credentials.h"
#include "store/dynamodb/dynamodb_store.h"
#include "store/dynamodb/response_body.h"

namespace alexdb::testing {

class ScriptedServer {
 public:
  struct Answer {
    int status = 200;
    std::string body;
    bool crc = true;  // send x-amz-crc32 of the body
    std::string content_type = "application/x-amz-json-1.0";
  };
  // (operation, request body) -> the answer.
  using Handler = std::function<Answer(const std::string& operation, const std::string& body)>;

  explicit ScriptedServer(Handler handler) : handler_(std::move(handler)) {
    listener_ = listen_on_loopback(port_);
    thread_ = std::thread([this] { serve(); });
  }
  ScriptedServer(const ScriptedServer&) = delete;
  ScriptedServer& operator=(const ScriptedServer&) = delete;
  ~ScriptedServer() {
    stopping_ = true;
    shutdown(listener_, SHUT_RDWR);
    close(listener_);
    thread_.join();
  }

  std::string endpoint() const { return "http://127.0.0.1:" + std::to_string(port_); }
  // Requests answered so far.
  int requests() const { return requests_; }

 private:
  // Reads one request (headers and a Content-Length body); false when the peer closed.
  static bool read_request(int fd, std::string& headers, std::string& body) {
    std::string data;
    char buffer[65536];
    std::size_t header_end;
    while ((header_end = data.find("\r\n\r\n")) == std::string::npos) {
      ssize_t n = recv(fd, buffer, sizeof buffer, 0);
      if (n <= 0) return false;
      data.append(buffer, static_cast<std::size_t>(n));
    }
    headers = data.substr(0, header_end);
    std::size_t length = 0;
    if (auto pos = lower(headers).find("content-length:"); pos != std::string::npos) {
      length = std::stoul(headers.substr(pos + 15));
    }
    body = data.substr(header_end + 4);
    while (body.size() < length) {
      ssize_t n = recv(fd, buffer, sizeof buffer, 0);
      if (n <= 0) return false;
      body.append(buffer, static_cast<std::size_t>(n));
    }
    return true;
  }

  static std::string lower(std::string text) {
    for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
  }

  // "Query" of "X-Amz-Target: DynamoDB_20120810.Query".
  static std::string operation_of(const std::string& headers) {
    auto pos = lower(headers).find("x-amz-target:");
    if (pos == std::string::npos) return "";
    std::string target = headers.substr(pos + 13, headers.find("\r\n", pos) - pos - 13);
    return target.substr(target.find('.') + 1);
  }

  void serve() {
    while (!stopping_) {
      int fd = accept(listener_, nullptr, nullptr);
      if (fd < 0) return;
      std::string headers, body;
      if (read_request(fd, headers, body)) {
        std::string operation = operation_of(headers);
        Answer answer = handler_(operation, body);
        ++requests_;
        std::string response =
            "HTTP/1.1 " + std::to_string(answer.status) +
            " Scripted\r\nConnection: close\r\nContent-Type: " + answer.content_type +
            "\r\nContent-Length: " + std::to_string(answer.body.size()) + "\r\n";
        if (answer.crc) {
          response += "x-amz-crc32: " + std::to_string(dynamodb::crc32_of(answer.body)) + "\r\n";
        }
        response += "\r\n" + answer.body;
        std::size_t sent = 0;
        while (sent < response.size()) {
          ssize_t n = send(fd, response.data() + sent, response.size() - sent, MSG_NOSIGNAL);
          if (n <= 0) break;
          sent += static_cast<std::size_t>(n);
        }
      }
      shutdown(fd, SHUT_WR);
      close(fd);
    }
  }

  Handler handler_;
  int listener_ = -1;
  int port_ = 0;
  std::atomic<bool> stopping_{false};
  std::atomic<int> requests_{0};
  std::thread thread_;
};

// The DynamoDB engine at `endpoint` with the test credentials, `attempts` attempts per
// request and a fast backoff (1-5 ms), for tests against a ScriptedServer.
inline std::unique_ptr<dynamodb::DynamoDbStore> store_answered_by(const std::string& endpoint,
                                                                  int attempts) {
  dynamodb::DynamoDbOptions options;
  options.endpoint = endpoint;
  options.credentials = std::make_shared<dynamodb::StaticCredentialsProvider>(
      dynamodb::Credentials{"alexdb-test", "alexdb-test-secret", ""});
  options.max_attempts = attempts;
  options.backoff_base = std::chrono::milliseconds(1);
  options.backoff_cap = std::chrono::milliseconds(5);
  return std::make_unique<dynamodb::DynamoDbStore>(std::move(options));
}

}  // namespace alexdb::testing

#endif  // ALEXDB_TESTS_STORE_DYNAMODB_SCRIPTED_SERVER_H_
