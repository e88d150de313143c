#include "store/dynamodb/http_client.h"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <mutex>

namespace alexdb::dynamodb {

namespace {

// How many idle handles (and so kept-alive connections) the pool keeps.
constexpr std::size_t kMaxIdleHandles = 32;

void global_init() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
  static_cast<std::string*>(user)->append(data, size * count);
  return size * count;
}

std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
  std::string_view line(data, size * count);
  auto colon = line.find(':');
  if (colon != std::string_view::npos) {
    std::string name(line.substr(0, colon));
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    std::string_view value = line.substr(colon + 1);
    while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
    while (!value.empty() && (value.back() == '\r' || value.back() == '\n' || value.back() == ' ')) {
      value.remove_suffix(1);
    }
    static_cast<Headers*>(user)->emplace_back(std::move(name), std::string(value));
  } else if (line.rfind("HTTP/", 0) == 0) {
    // A new response (after 100-continue or a redirect): keep only its headers.
    static_cast<Headers*>(user)->clear();
  }
  return size * count;
}

}  // namespace

// A curl handle with the options that never change set once; it keeps its connection.
struct HttpClient::Handle {
  CURL* curl = nullptr;
  explicit Handle(const HttpOptions& options) : curl(curl_easy_init()) {
    if (!curl) return;
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS,
                     static_cast<long>(options.connect_timeout.count()));
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(options.request_timeout.count()));
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, options.verify_tls ? 1L : 0L);
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, options.verify_tls ? 2L : 0L);
    // The body is returned as sent (gzip or not): DynamoDB's x-amz-crc32 covers those bytes.
    curl_easy_setopt(curl, CURLOPT_HTTP_CONTENT_DECODING, 0L);
    curl_easy_setopt(curl, CURLOPT_TCP_KEEPALIVE, 1L);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, on_header);
  }
  ~Handle() { curl_easy_cleanup(curl); }
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
};

struct HttpClient::Idle {
  std::mutex mutex;
  std::vector<std::unique_ptr<Handle>> handles;
};

std::string HttpResponse::header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (key == name) return value;
  }
  return {};
}

HttpClient::HttpClient(HttpOptions options) : options_(options) { global_init(); }

HttpClient::~HttpClient() = default;

std::unique_ptr<HttpClient::Handle> HttpClient::acquire() {
  {
    Idle& idle = idle_.get();
    std::lock_guard lock(idle.mutex);
    if (!idle.handles.empty()) {
      auto handle = std::move(idle.handles.back());
      idle.handles.pop_back();
      return handle;
    }
  }
  auto handle = std::make_unique<Handle>(options_);
  if (!handle->curl) throw TransportError("ConnectionError", "curl_easy_init failed");
  return handle;
}

void HttpClient::release(std::unique_ptr<Handle> handle) {
  Idle& idle = idle_.get();
  std::lock_guard lock(idle.mutex);
  if (idle.handles.size() < kMaxIdleHandles) idle.handles.push_back(std::move(handle));
}

HttpResponse HttpClient::send(const std::string& method, const std::string& url,
                              const Headers& headers, const std::string& body) {
  std::unique_ptr<Handle> handle = acquire();
  CURL* curl = handle->curl;
  HttpResponse response;
  curl_slist* list = nullptr;
  for (const auto& [name, value] : headers) {
    list = curl_slist_append(list, (name + ": " + value).c_str());
  }
  list = curl_slist_append(list, "Expect:");  // no 100-continue round trip
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  if (method == "GET") {
    curl_easy_setopt(curl, CURLOPT_HTTPGET, 1L);
  } else {
    curl_easy_setopt(curl, CURLOPT_POST, 1L);
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.data());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
  }
  curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST,
                   method == "GET" || method == "POST" ? nullptr : method.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, list);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &response.body);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &response.headers);
  CURLcode rc = curl_easy_perform(curl);
  curl_slist_free_all(list);
  if (rc != CURLE_OK) {
    // A handle whose transfer failed may hold a broken connection: drop it.
    std::string kind = rc == CURLE_OPERATION_TIMEDOUT ? "Timeout"
                       : (rc == CURLE_SSL_CONNECT_ERROR || rc == CURLE_PEER_FAILED_VERIFICATION)
                           ? "TlsError"
                           : "ConnectionError";
    throw TransportError(kind, std::string("HTTP request failed: ") + curl_easy_strerror(rc));
  }
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &response.status);
  release(std::move(handle));
  return response;
}

}  // namespace alexdb::dynamodb
