// A tiny HTTP server on 127.0.0.1 (a free port) that answers canned responses by
// method and path and records every request, for the credential-chain tests.
#ifndef ALEXDB_TESTS_STORE_DYNAMODB_METADATA_STUB_H_
#define ALEXDB_TESTS_STORE_DYNAMODB_METADATA_STUB_H_

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "loopback_listener.h"

namespace alexdb::testing {

class MetadataStub {
 public:
  struct Request {
    std::string method, path, headers;  // headers: the raw header block, lower-cased
  };

  MetadataStub() {
    listener_ = listen_on_loopback(port_, 16);
    thread_ = std::thread([this] { serve(); });
  }
  ~MetadataStub() {
    stopping_ = true;
    shutdown(listener_, SHUT_RDWR);
    close(listener_);
    thread_.join();
  }

  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  // Answers `method path` with `status` and `body`.
  void on(const std::string& method, const std::string& path, int status, std::string body) {
    std::lock_guard lock(mutex_);
    routes_[method + " " + path] = {status, std::move(body)};
  }
  std::vector<Request> requests() {
    std::lock_guard lock(mutex_);
    return requests_;
  }

 private:
  void serve() {
    while (!stopping_) {
      int fd = accept(listener_, nullptr, nullptr);
      if (fd < 0) return;
      std::string data;
      char buffer[4096];
      while (data.find("\r\n\r\n") == std::string::npos) {
        ssize_t n = recv(fd, buffer, sizeof buffer, 0);
        if (n <= 0) break;
        data.append(buffer, static_cast<std::size_t>(n));
      }
      std::string line = data.substr(0, data.find("\r\n"));
      Request request;
      request.method = line.substr(0, line.find(' '));
      std::size_t path_start = line.find(' ') + 1;
      request.path = line.substr(path_start, line.rfind(' ') - path_start);
      request.headers = data.substr(line.size());
      for (char& c : request.headers) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      std::pair<int, std::string> answer{404, "not found"};
      {
        std::lock_guard lock(mutex_);
        requests_.push_back(request);
        auto it = routes_.find(request.method + " " + request.path);
        if (it != routes_.end()) answer = it->second;
      }
      std::string response = "HTTP/1.1 " + std::to_string(answer.first) +
                             " X\r\nConnection: close\r\nContent-Length: " +
                             std::to_string(answer.second.size()) + "\r\n\r\n" + answer.second;
      send(fd, response.data(), response.size(), MSG_NOSIGNAL);
      close(fd);
    }
  }

  int listener_ = -1;
  int port_ = 0;
  std::atomic<bool> stopping_{false};
  std::thread thread_;
  std::mutex mutex_;
  std::map<std::string, std::pair<int, std::string>> routes_;
  std::vector<Request> requests_;
};

}  // namespace alexdb::testing

#endif  // ALEXDB_TESTS_STORE_DYNAMODB_METADATA_STUB_H_
