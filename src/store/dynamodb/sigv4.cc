#include "store/dynamodb/sigv4.h"

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#include <algorithm>
#include <map>

#include "alexdb/errors.h"

namespace alexdb::dynamodb {

namespace {

constexpr std::string_view kAlgorithm = "AWS4-HMAC-SHA256";
constexpr std::string_view kHex = "0123456789abcdef";

std::string hex(const unsigned char* data, std::size_t size) {
  std::string out;
  out.reserve(size * 2);
  for (std::size_t i = 0; i < size; ++i) {
    out += kHex[data[i] >> 4];
    out += kHex[data[i] & 15];
  }
  return out;
}

// OpenSSL 3 looks algorithms up by name; fetching once (not per call) keeps signing
// cheap. The fetched objects are immutable and shared by all threads.
EVP_MD* sha256_algorithm() {
  static EVP_MD* md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  return md;
}

EVP_MAC* hmac_algorithm() {
  static EVP_MAC* mac = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
  return mac;
}

// One context of each kind per thread, reused: creating them is the costly part.
struct ThreadContexts {
  EVP_MD_CTX* digest = EVP_MD_CTX_new();
  EVP_MAC_CTX* mac = EVP_MAC_CTX_new(hmac_algorithm());
  ThreadContexts() {
    char digest_name[] = "SHA256";
    OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest_name, 0),
                           OSSL_PARAM_END};
    EVP_MAC_CTX_set_params(mac, params);
  }
  ~ThreadContexts() {
    EVP_MD_CTX_free(digest);
    EVP_MAC_CTX_free(mac);
  }
  ThreadContexts(const ThreadContexts&) = delete;
  ThreadContexts& operator=(const ThreadContexts&) = delete;
};

ThreadContexts& contexts() {
  thread_local ThreadContexts per_thread;
  return per_thread;
}

std::string hmac(std::string_view key, std::string_view data) {
  EVP_MAC_CTX* ctx = contexts().mac;
  unsigned char out[EVP_MAX_MD_SIZE];
  std::size_t size = 0;
  const auto* key_bytes = reinterpret_cast<const unsigned char*>(key.data());
  const auto* data_bytes = reinterpret_cast<const unsigned char*>(data.data());
  // A failure here means OpenSSL lacks HMAC or SHA-256; the message names no input.
  if (EVP_MAC_init(ctx, key_bytes, key.size(), nullptr) != 1 ||
      EVP_MAC_update(ctx, data_bytes, data.size()) != 1 ||
      EVP_MAC_final(ctx, out, &size, sizeof out) != 1) {
    throw Error("sigv4: OpenSSL HMAC-SHA256 failed");
  }
  return std::string(reinterpret_cast<char*>(out), size);
}

// The derived signing key for (secret, date, region, service), cached per thread: it
// changes once a day, and deriving it costs four HMACs.
const std::string& signing_key(const std::string& secret, const std::string& date,
                               std::string_view region, std::string_view service) {
  struct Cached {
    std::string secret, date, region, service, key;
  };
  thread_local Cached cached;
  if (cached.key.empty() || cached.secret != secret || cached.date != date ||
      cached.region != region || cached.service != service) {
    cached = {secret, date, std::string(region), std::string(service),
              derive_signing_key(secret, date, region, service)};
  }
  return cached.key;
}

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// Trims a header value and collapses runs of spaces (and folded line breaks) to one.
std::string canonical_value(std::string_view value) {
  std::string out;
  bool space = false;
  for (char c : value) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string percent_decode(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && hex_value(s[i + 1]) >= 0 && hex_value(s[i + 2]) >= 0) {
      out += static_cast<char>(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2]));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

}  // namespace

std::string derive_signing_key(std::string_view secret, std::string_view date,
                               std::string_view region, std::string_view service) {
  std::string key = hmac("AWS4" + std::string(secret), date);
  key = hmac(key, region);
  key = hmac(key, service);
  return hmac(key, "aws4_request");
}

std::string uri_encode(std::string_view text, bool keep_slash) {
  std::string out;
  for (char ch : text) {
    auto c = static_cast<unsigned char>(ch);
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '_' || c == '.' || c == '~' || (keep_slash && c == '/')) {
      out += ch;
    } else {
      out += '%';
      out += static_cast<char>(std::toupper(kHex[c >> 4]));
      out += static_cast<char>(std::toupper(kHex[c & 15]));
    }
  }
  return out;
}

std::string canonical_uri(std::string_view path) {
  std::vector<std::string_view> segments;
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    std::string_view segment = path.substr(start, end - start);
    if (segment == "..") {
      if (!segments.empty()) segments.pop_back();
    } else if (!segment.empty() && segment != ".") {
      segments.push_back(segment);
    }
    start = end + 1;
  }
  bool trailing_slash = !path.empty() && path.back() == '/' && !segments.empty();
  // "/a/." and "/a/.." also end on a directory.
  if (path.ends_with("/.") || path.ends_with("/..")) trailing_slash = !segments.empty();
  std::string out;
  for (std::string_view segment : segments) out += "/" + uri_encode(segment, false);
  if (out.empty() || trailing_slash) out += '/';
  return out;
}

std::string canonical_query(std::string_view query) {
  std::vector<std::pair<std::string, std::string>> parameters;
  std::size_t start = 0;
  while (start < query.size()) {
    std::size_t end = query.find('&', start);
    if (end == std::string_view::npos) end = query.size();
    std::string_view parameter = query.substr(start, end - start);
    if (!parameter.empty()) {
      std::size_t equals = parameter.find('=');
      std::string_view name = parameter.substr(0, equals);
      std::string_view value = equals == std::string_view::npos ? "" : parameter.substr(equals + 1);
      parameters.emplace_back(uri_encode(percent_decode(name), false),
                              uri_encode(percent_decode(value), false));
    }
    start = end + 1;
  }
  std::sort(parameters.begin(), parameters.end());
  std::string out;
  for (const auto& [name, value] : parameters) {
    if (!out.empty()) out += '&';
    out += name + "=" + value;
  }
  return out;
}

std::string sha256_hex(std::string_view data) {
  EVP_MD_CTX* ctx = contexts().digest;
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  if (EVP_DigestInit_ex(ctx, sha256_algorithm(), nullptr) != 1 ||
      EVP_DigestUpdate(ctx, data.data(), data.size()) != 1 ||
      EVP_DigestFinal_ex(ctx, digest, &size) != 1) {
    throw Error("sigv4: OpenSSL SHA-256 failed");
  }
  return hex(digest, size);
}

Signature sign(const SigningRequest& request, const Credentials& credentials,
               std::string_view region, std::string_view service, std::string_view amz_date) {
  Signature signature;
  // Headers by lower-case name; repeated names join their values with commas.
  std::map<std::string, std::string> headers;
  for (const auto& [name, value] : request.headers) {
    std::string key = lower(name);
    std::string canonical = canonical_value(value);
    auto [it, inserted] = headers.emplace(key, canonical);
    if (!inserted) it->second += "," + canonical;
  }
  if (!headers.contains("x-amz-date")) {
    headers["x-amz-date"] = std::string(amz_date);
    signature.headers_to_add.emplace_back("X-Amz-Date", std::string(amz_date));
  }
  if (!credentials.session_token.empty() && !headers.contains("x-amz-security-token")) {
    headers["x-amz-security-token"] = credentials.session_token;
    signature.headers_to_add.emplace_back("X-Amz-Security-Token", credentials.session_token);
  }
  std::string canonical_headers, signed_headers;
  for (const auto& [name, value] : headers) {
    canonical_headers += name + ":" + value + "\n";
    signed_headers += (signed_headers.empty() ? "" : ";") + name;
  }
  std::string date(amz_date.substr(0, 8));
  std::string scope =
      date + "/" + std::string(region) + "/" + std::string(service) + "/aws4_request";
  signature.canonical_request = request.method + "\n" + canonical_uri(request.path) + "\n" +
                                canonical_query(request.query) + "\n" + canonical_headers + "\n" +
                                signed_headers + "\n" + sha256_hex(request.body);
  signature.string_to_sign = std::string(kAlgorithm) + "\n" + std::string(amz_date) + "\n" + scope +
                             "\n" + sha256_hex(signature.canonical_request);
  std::string mac = hmac(signing_key(credentials.secret_access_key, date, region, service),
                         signature.string_to_sign);
  signature.authorization = std::string(kAlgorithm) + " Credential=" + credentials.access_key_id +
                            "/" + scope + ", SignedHeaders=" + signed_headers + ", Signature=" +
                            hex(reinterpret_cast<const unsigned char*>(mac.data()), mac.size());
  signature.headers_to_add.emplace_back("Authorization", signature.authorization);
  return signature;
}

}  // namespace alexdb::dynamodb
