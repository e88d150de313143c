// A fault-injecting HTTP proxy for the DynamoDB engine's tests. It listens on
// 127.0.0.1 (a free port), forwards requests to an upstream on 127.0.0.1 (dynalite),
// and applies a scripted fault to each request in turn; with no script left it passes
// requests through. It also counts what passes: requests per DynamoDB operation and the
// capacity units the server reported. Header-only; used by the fault and cost tests.
#ifndef ALEXDB_TESTS_STORE_DYNAMODB_FAULT_PROXY_H_
#define ALEXDB_TESTS_STORE_DYNAMODB_FAULT_PROXY_H_

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cctype>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "loopback_listener.h"

namespace alexdb::testing {

enum class Fault {
  kPass,          // forward and answer
  kReset,         // close the connection without forwarding or answering
  kStall,         // hold the request past the client's timeout, then close
  kTruncate,      // forward, answer with the first half of the response, close
  kServerError,   // answer 500 InternalServerError without forwarding
  kThrottle,      // answer 400 ProvisionedThroughputExceededException without forwarding
  kLoseResponse,  // forward (the write happens), then close without answering
  kCorruptBody,   // forward, flip one byte of the body (the CRC no longer matches)
  kMalformed,     // answer 200 with a body that is not valid JSON
  kSlow,          // hold the request 100 ms, then forward and answer
};

class FaultProxy {
 public:
  explicit FaultProxy(int upstream_port, std::chrono::milliseconds stall = std::chrono::milliseconds(3000))
      : upstream_port_(upstream_port), stall_(stall) {
    listener_ = listen_on_loopback(port_);
    acceptor_ = std::thread([this] { accept_loop(); });
  }
  FaultProxy(const FaultProxy&) = delete;
  FaultProxy& operator=(const FaultProxy&) = delete;
  ~FaultProxy() {
    stopping_ = true;
    shutdown(listener_, SHUT_RDWR);
    close(listener_);
    acceptor_.join();
    {
      std::lock_guard lock(mutex_);
      for (int fd : connections_) shutdown(fd, SHUT_RDWR);
    }
    for (auto& t : workers_) t.join();
  }

  int port() const { return port_; }
  std::string endpoint() const { return "http://127.0.0.1:" + std::to_string(port_); }

  // Queues faults for the next requests, in order.
  void script(std::vector<Fault> faults) {
    std::lock_guard lock(mutex_);
    for (Fault f : faults) script_.push_back(f);
  }
  // Decides the fault of each request the script does not cover, from the request's
  // text (headers and body); unset: pass.
  void set_rule(std::function<Fault(const std::string& request)> rule) {
    std::lock_guard lock(mutex_);
    rule_ = std::move(rule);
  }
  // How many requests have arrived, and how many were forwarded upstream.
  int requests() const { return requests_; }
  int forwarded() const { return forwarded_; }
  // The most requests held at once (arrived and not yet answered).
  int most_in_flight() const { return most_in_flight_; }
  // How many client connections have been accepted.
  int connections() const { return accepted_; }

  // What passed through since the last reset: requests per operation (the
  // X-Amz-Target's name, e.g. "Query") and the sum of the ConsumedCapacity units the
  // server reported, as decimal text added exactly.
  struct Tally {
    std::map<std::string, int> operations;
    std::int64_t units_millis = 0;  // capacity units x 1000 (DynamoDB reports halves)
    int requests() const {
      int n = 0;
      for (const auto& [op, count] : operations) n += count;
      return n;
    }
    double units() const { return static_cast<double>(units_millis) / 1000; }
  };
  Tally tally() const {
    std::lock_guard lock(mutex_);
    return tally_;
  }
  void reset_tally() {
    std::lock_guard lock(mutex_);
    tally_ = Tally();
  }

 private:
  Fault next_fault(const std::string& request) {
    std::lock_guard lock(mutex_);
    if (script_.empty()) return rule_ ? rule_(request) : Fault::kPass;
    Fault f = script_.front();
    script_.pop_front();
    return f;
  }

  void accept_loop() {
    while (!stopping_) {
      int fd = accept(listener_, nullptr, nullptr);
      if (fd < 0) break;
      ++accepted_;
      std::lock_guard lock(mutex_);
      connections_.push_back(fd);
      workers_.emplace_back([this, fd] { serve(fd); });
    }
  }

  // Reads one HTTP message (headers + Content-Length body) from `fd` into `out`.
  static bool read_message(int fd, std::string& buffer, std::string& out) {
    while (true) {
      auto header_end = buffer.find("\r\n\r\n");
      if (header_end != std::string::npos) {
        std::size_t length = 0;
        std::string headers = buffer.substr(0, header_end);
        for (auto& c : headers) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        auto pos = headers.find("content-length:");
        if (pos != std::string::npos) length = std::stoul(headers.substr(pos + 15));
        std::size_t total = header_end + 4 + length;
        if (buffer.size() >= total) {
          out = buffer.substr(0, total);
          buffer.erase(0, total);
          return true;
        }
      }
      char chunk[65536];
      ssize_t n = recv(fd, chunk, sizeof chunk, 0);
      if (n <= 0) return false;
      buffer.append(chunk, static_cast<std::size_t>(n));
    }
  }

  static void send_all(int fd, const std::string& data) {
    std::size_t sent = 0;
    while (sent < data.size()) {
      ssize_t n = send(fd, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) return;
      sent += static_cast<std::size_t>(n);
    }
  }

  std::optional<std::string> forward(const std::string& request) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons(static_cast<uint16_t>(upstream_port_));
    if (connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
      close(fd);
      return std::nullopt;
    }
    send_all(fd, request);
    std::string buffer, response;
    bool ok = read_message(fd, buffer, response);
    close(fd);
    ++forwarded_;
    if (!ok) return std::nullopt;
    return response;
  }

  // The operation a request names in its X-Amz-Target header ("" when none).
  static std::string operation_of(const std::string& request) {
    std::string lower = request.substr(0, request.find("\r\n\r\n"));
    for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    auto pos = lower.find("x-amz-target:");
    if (pos == std::string::npos) return "";
    auto end = lower.find("\r\n", pos);
    std::string target = request.substr(pos + 13, end - pos - 13);
    auto dot = target.rfind('.');
    return dot == std::string::npos ? target : target.substr(dot + 1);
  }

  // The sum of every "CapacityUnits" number in a response, in thousandths.
  static std::int64_t units_in(const std::string& response) {
    std::int64_t total = 0;
    const std::string key = "\"CapacityUnits\":";
    for (auto pos = response.find(key); pos != std::string::npos;
         pos = response.find(key, pos + 1)) {
      std::size_t i = pos + key.size();
      while (i < response.size() && response[i] == ' ') ++i;
      std::int64_t whole = 0, fraction = 0, scale = 1000;
      for (; i < response.size() && std::isdigit(static_cast<unsigned char>(response[i])); ++i) {
        whole = whole * 10 + (response[i] - '0');
      }
      if (i < response.size() && response[i] == '.') {
        for (++i; i < response.size() && std::isdigit(static_cast<unsigned char>(response[i])); ++i) {
          if (scale > 1) fraction += (response[i] - '0') * (scale /= 10);
        }
      }
      total += whole * 1000 + fraction;
    }
    return total;
  }

  void count(const std::string& request, const std::string& response) {
    std::lock_guard lock(mutex_);
    ++tally_.operations[operation_of(request)];
    tally_.units_millis += units_in(response);
  }

  static std::string canned(int status, const std::string& reason, const std::string& body) {
    return "HTTP/1.1 " + std::to_string(status) + " " + reason +
           "\r\nContent-Type: application/x-amz-json-1.0\r\nContent-Length: " +
           std::to_string(body.size()) + "\r\n\r\n" + body;
  }

  // Counts a request in flight from its arrival to the end of its handling.
  class InFlight {
   public:
    explicit InFlight(FaultProxy& proxy) : proxy_(proxy) {
      int now = ++proxy_.in_flight_;
      int most = proxy_.most_in_flight_;
      while (now > most && !proxy_.most_in_flight_.compare_exchange_weak(most, now)) {
      }
    }
    InFlight(const InFlight&) = delete;
    InFlight& operator=(const InFlight&) = delete;
    ~InFlight() { --proxy_.in_flight_; }

   private:
    FaultProxy& proxy_;
  };

  void serve(int fd) {
    std::string buffer, request;
    while (!stopping_ && read_message(fd, buffer, request)) {
      ++requests_;
      InFlight in_flight(*this);
      Fault fault = next_fault(request);
      if (fault == Fault::kSlow) std::this_thread::sleep_for(std::chrono::milliseconds(100));
      if (fault == Fault::kReset) break;
      if (fault == Fault::kStall) {
        auto until = std::chrono::steady_clock::now() + stall_;
        while (!stopping_ && std::chrono::steady_clock::now() < until) {
          std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        break;
      }
      if (fault == Fault::kServerError) {
        send_all(fd, canned(500, "Internal Server Error",
                            R"({"__type":"com.amazonaws.dynamodb.v20120810#InternalServerError","message":"injected"})"));
        continue;
      }
      if (fault == Fault::kThrottle) {
        send_all(fd, canned(400, "Bad Request",
                            R"({"__type":"com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException","message":"injected"})"));
        continue;
      }
      if (fault == Fault::kMalformed) {
        send_all(fd, canned(200, "OK", R"({"Item": {"PK": {"S": )"));
        continue;
      }
      std::optional<std::string> response = forward(request);
      if (response) count(request, *response);
      if (!response || fault == Fault::kLoseResponse) break;
      if (fault == Fault::kTruncate) {
        send_all(fd, response->substr(0, response->size() / 2));
        break;
      }
      if (fault == Fault::kCorruptBody) {
        auto body = response->find("\r\n\r\n");
        if (body != std::string::npos && body + 5 < response->size()) (*response)[body + 5] ^= 0x01;
      }
      send_all(fd, *response);
    }
    {
      std::lock_guard lock(mutex_);
      std::erase(connections_, fd);
    }
    shutdown(fd, SHUT_RDWR);
    close(fd);
  }

  int upstream_port_;
  std::chrono::milliseconds stall_;
  int listener_ = -1;
  int port_ = 0;
  std::atomic<bool> stopping_{false};
  std::atomic<int> requests_{0};
  std::atomic<int> forwarded_{0};
  std::atomic<int> in_flight_{0};
  std::atomic<int> most_in_flight_{0};
  std::atomic<int> accepted_{0};
  std::thread acceptor_;
  mutable std::mutex mutex_;
  Tally tally_;
  std::deque<Fault> script_;
  std::function<Fault(const std::string&)> rule_;
  std::vector<int> connections_;
  std::vector<std::thread> workers_;
};

}  // namespace alexdb::testing

#endif  // ALEXDB_TESTS_STORE_DYNAMODB_FAULT_PROXY_H_
