#include "store/dynamodb/metadata_http.h"

#include <curl/curl.h>

#include <memory>
#include <mutex>

#include "alexdb/errors.h"

namespace alexdb::dynamodb {

namespace {

struct Sink {
  std::string body;
  bool overflow = false;
};

std::size_t append_bounded_body(char* data, std::size_t size, std::size_t count, void* user) {
  auto* sink = static_cast<Sink*>(user);
  std::size_t bytes = size * count;
  if (sink->body.size() + bytes > kMetadataMaxBody) {
    sink->overflow = true;
    return 0;  // aborts the transfer
  }
  sink->body.append(data, bytes);
  return bytes;
}

struct CurlDeleter {
  void operator()(CURL* curl) const { curl_easy_cleanup(curl); }
};
struct ListDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};

}  // namespace

MetadataResponse metadata_request(std::string_view method, const std::string& url,
                                  const std::vector<std::pair<std::string, std::string>>& headers) {
  if (url.rfind("http://", 0) != 0 && url.rfind("https://", 0) != 0) {
    throw Error("the URL must start with http:// or https://");
  }
  if (method != "GET" && method != "PUT") {
    throw Error("only GET and PUT are supported");
  }
  static std::once_flag init;
  std::call_once(init, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  std::unique_ptr<CURL, CurlDeleter> curl(curl_easy_init());
  if (!curl) throw Error("no answer (curl_easy_init failed)");

  curl_slist* raw = nullptr;
  for (const auto& [name, value] : headers) {
    curl_slist* grown = curl_slist_append(raw, (name + ": " + value).c_str());
    if (!grown) {
      curl_slist_free_all(raw);
      throw Error("no answer (out of memory for headers)");
    }
    raw = grown;
  }
  std::unique_ptr<curl_slist, ListDeleter> list(raw);

  Sink sink;
  CURL* c = curl.get();
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_NOPROXY, "*");
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS,
                   static_cast<long>(kMetadataConnectTimeout.count()));
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(kMetadataTotalTimeout.count()));
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, list.get());
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, append_bounded_body);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &sink);
  if (method == "PUT") {
    curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, "PUT");
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, "");
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, 0L);
  }

  CURLcode rc = curl_easy_perform(c);
  if (sink.overflow) throw Error("answer over " + std::to_string(kMetadataMaxBody) + " bytes");
  if (rc == CURLE_OPERATION_TIMEDOUT) throw Error("no answer (timed out)");
  if (rc != CURLE_OK) {
    throw Error(std::string("no answer (") + curl_easy_strerror(rc) + ")");
  }
  MetadataResponse response;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &response.status);
  response.body = std::move(sink.body);
  return response;
}

}  // namespace alexdb::dynamodb
