// One-shot HTTP calls to the credential services of AWS compute (the container
// credentials endpoint and the EC2 instance metadata service). They answer within
// milliseconds when they exist at all, so the timeouts are short; a proxy never sees
// the call (metadata addresses are link-local and the tokens must not leave the host),
// redirects are not followed and an answer is capped in size. Thread-safe.
#ifndef ALEXDB_STORE_DYNAMODB_METADATA_HTTP_H_
#define ALEXDB_STORE_DYNAMODB_METADATA_HTTP_H_

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace alexdb::dynamodb {

// How long a metadata call may take to connect, and in all.
inline constexpr std::chrono::milliseconds kMetadataConnectTimeout{1000};
inline constexpr std::chrono::milliseconds kMetadataTotalTimeout{2000};
// The largest answer accepted; credential documents are far smaller.
inline constexpr std::size_t kMetadataMaxBody = 64 * 1024;

struct MetadataResponse {
  long status = 0;
  std::string body;
};

// Sends `method` ("GET" or "PUT", the latter with an empty body) to `url` (http:// or
// https://) with `headers`, and returns the status and body whatever the status.
// Throws alexdb::Error when no complete answer arrived (no connection, timeout, an
// answer over kMetadataMaxBody) or the URL is not http(s). The message gives the
// failure's kind only ("no answer (timed out)"), never the URL, the headers (they carry
// tokens) or the body; callers prefix the service's name.
MetadataResponse metadata_request(std::string_view method, const std::string& url,
                                  const std::vector<std::pair<std::string, std::string>>& headers);

}  // namespace alexdb::dynamodb

#endif  // ALEXDB_STORE_DYNAMODB_METADATA_HTTP_H_
