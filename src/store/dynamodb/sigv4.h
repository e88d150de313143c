// AWS Signature Version 4 (HMAC-SHA256) for HTTP requests, as the AWS SigV4 test suite
// in testdata/sigv4 specifies it. Pure functions; thread-safe. The secret key and the
// session token never appear in any returned string except through the signature.
#ifndef ALEXDB_STORE_DYNAMODB_SIGV4_H_
#define ALEXDB_STORE_DYNAMODB_SIGV4_H_

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace alexdb::dynamodb {

// AWS credentials; `session_token` is empty for long-term keys.
struct Credentials {
  std::string access_key_id;
  std::string secret_access_key;
  std::string session_token;
};

// The parts of an HTTP request that SigV4 covers.
struct SigningRequest {
  std::string method;  // "POST"
  std::string path;    // as sent, e.g. "/"
  std::string query;   // the raw query string without '?', may be empty
  // The headers to sign (any case, in request order; repeated names allowed).
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
};

// The result of signing: the intermediate texts (for diagnostics and tests; they hold no
// secret) and the headers to attach to the request.
struct Signature {
  std::string canonical_request;
  std::string string_to_sign;
  std::string authorization;  // the Authorization header's value
  // Headers the request must carry: X-Amz-Date and X-Amz-Security-Token (when not in
  // the request already), then Authorization.
  std::vector<std::pair<std::string, std::string>> headers_to_add;
};

// Signs `request` at `amz_date` (YYYYMMDDTHHMMSSZ) for `region` and `service`. A session
// token is signed as the X-Amz-Security-Token header. Throws alexdb::Error (naming no
// input) only if OpenSSL lacks HMAC or SHA-256.
Signature sign(const SigningRequest& request, const Credentials& credentials,
               std::string_view region, std::string_view service, std::string_view amz_date);

// The canonical URI of a path: dot segments removed, repeated slashes collapsed, every
// byte but unreserved characters and '/' percent-encoded.
std::string canonical_uri(std::string_view path);
// The canonical query string: parameters sorted by encoded name, then value.
std::string canonical_query(std::string_view query);
// RFC 3986 percent-encoding of every byte except A-Z a-z 0-9 - _ . ~ (and '/' if asked).
std::string uri_encode(std::string_view text, bool keep_slash);

// The SigV4 signing key (32 raw bytes) for `secret` on `date` (YYYYMMDD) in `region` for
// `service`: HMAC-SHA256 chained over "AWS4" + secret, date, region, service, "aws4_request".
// Throws alexdb::Error (naming no input) only if OpenSSL lacks HMAC or SHA-256.
std::string derive_signing_key(std::string_view secret, std::string_view date,
                               std::string_view region, std::string_view service);

// Lower-case hex SHA-256 of `data`. Throws alexdb::Error only if OpenSSL lacks SHA-256.
std::string sha256_hex(std::string_view data);

}  // namespace alexdb::dynamodb

#endif  // ALEXDB_STORE_DYNAMODB_SIGV4_H_
